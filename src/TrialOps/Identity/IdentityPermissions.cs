using TrialOps.Common;
using TrialOps.Messaging;

namespace TrialOps.Identity;

/// <summary>Who may administer accounts. Checked in each decision, not only in the web layer.</summary>
public static class IdentityPermissions
{
    public static Rejection? RequireAdministrator(Actor by, string action) =>
        by.Role == Roles.Administrator
            ? null
            : new Rejection(RejectionCodes.NotPermitted, $"Only an Administrator can {action}.");

    /// <summary>The account's owner or an administrator (personal API tokens).</summary>
    public static Rejection? RequireSelfOrAdministrator(Actor by, string userName, string action) =>
        by.Role == Roles.Administrator || by.UserId == userName
            ? null
            : new Rejection(RejectionCodes.NotPermitted, $"Only the user themselves or an Administrator can {action}.");

    public static Rejection NotFound(string userName) =>
        new(IdentityRejections.UserNotFound, $"There is no user {userName}.", "userName");
}
