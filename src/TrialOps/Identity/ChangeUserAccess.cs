using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Change the role and sites a user acts in. Administrator only, and not on their own account,
/// so that an administrator cannot remove the last administrator by mistake.
/// </summary>
/// <param name="Sites">The whole new set, normalized with <see cref="UserRules.NormalizeSites"/>; <c>*</c> alone grants all sites (<see cref="SiteGrants"/>).</param>
public sealed record ChangeUserAccess(string UserName, string Role, IReadOnlyList<string> Sites, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public static IReadOnlyList<Rejection> Validate(ChangeUserAccess command) =>
        new[] { UserRules.CheckRole(command.Role), UserRules.CheckSites(command.Sites), UserRules.CheckSiteGrant(command.Role, command.Sites) }.OfType<Rejection>().ToArray();

    public static Decision Decide(UserState state, ChangeUserAccess command, DateTimeOffset now)
    {
        if (IdentityPermissions.RequireAdministrator(command.By, "change a user's role or sites") is { } notPermitted)
        {
            return Decision.Reject(notPermitted);
        }

        if (Validate(command) is [var first, ..])
        {
            return Decision.Reject(first);
        }

        if (!state.Exists)
        {
            return Decision.Reject(IdentityPermissions.NotFound(command.UserName));
        }

        if (command.By.UserId == command.UserName)
        {
            return Decision.Reject(IdentityRejections.NotOnYourself, "Ask another administrator to change your own role or sites.", "role");
        }

        if (state.Role == command.Role && state.Sites.SequenceEqual(command.Sites, StringComparer.Ordinal))
        {
            // Nothing changed: nothing to record.
            return Decision.None;
        }

        return Decision.Append(command.StreamId, new UserAccessChanged(command.UserName, command.By.UserId, now, command.Role, command.Sites));
    }
}

/// <summary>Wolverine handler of <see cref="ChangeUserAccess"/>.</summary>
public static class ChangeUserAccessHandler
{
    public static Task<CommandResult> Handle(ChangeUserAccess command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => ChangeUserAccess.Decide(state, command, now), ct);
}
