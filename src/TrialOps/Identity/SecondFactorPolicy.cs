using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Messaging;

namespace TrialOps.Identity;

/// <summary>
/// The installation's second-factor rule (setting <c>TrialOps:Security:RequireSecondFactor</c>,
/// default off). When on, Administrators and every role that can unblind
/// (<see cref="BlindingPolicy.CanUnblind"/>) must set up a second factor at their next sign-in
/// before they get a session, and cannot turn it off. Everyone else may use one or not.
/// </summary>
public sealed record SecondFactorPolicy(bool RequiredForPrivilegedRoles)
{
    public const string SettingName = "TrialOps:Security:RequireSecondFactor";

    public static SecondFactorPolicy Optional { get; } = new(false);

    public bool IsRequiredFor(string? role) =>
        RequiredForPrivilegedRoles && role is not null && (role == Roles.Administrator || BlindingPolicy.CanUnblind(role));
}

/// <summary>Rejection codes of second-factor commands.</summary>
public static class SecondFactorRejections
{
    public const string AlreadyEnabled = "identity.second-factor-already-enabled";
    public const string NotEnabled = "identity.second-factor-not-enabled";
    public const string NotEnrolled = "identity.second-factor-not-enrolled";
    public const string WrongCode = "identity.second-factor-wrong-code";
    public const string Required = "identity.second-factor-required";
    public const string KeyUnavailable = "identity.second-factor-key-unavailable";

    /// <summary>Only the account's owner sets up, turns off or renews their own second factor.</summary>
    public static Rejection? RequireSelf(Actor by, string userName, string action) =>
        by.UserId == userName ? null : new Rejection(RejectionCodes.NotPermitted, $"Only the user themselves can {action}.");

    /// <summary>The common checks of a self-service change: the owner, an existing, active account.</summary>
    public static Rejection? CheckOwnActiveAccount(UserState state, Actor by, string userName, string action) =>
        RequireSelf(by, userName, action)
        ?? (!state.Exists ? IdentityPermissions.NotFound(userName) : null)
        ?? (!state.Active ? new Rejection(IdentityRejections.UserDeactivated, "This account is deactivated.") : null);
}
