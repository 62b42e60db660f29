using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Deactivate a user: no more sign-ins or API calls. Administrator only, never on their own
/// account. The account stays, with everything it recorded.
/// </summary>
public sealed record DeactivateUser(string UserName, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public static Decision Decide(UserState state, DeactivateUser command, DateTimeOffset now)
    {
        if (IdentityPermissions.RequireAdministrator(command.By, "deactivate users") is { } notPermitted)
        {
            return Decision.Reject(notPermitted);
        }

        if (!state.Exists)
        {
            return Decision.Reject(IdentityPermissions.NotFound(command.UserName));
        }

        if (command.By.UserId == command.UserName)
        {
            return Decision.Reject(IdentityRejections.NotOnYourself, "You cannot deactivate your own account.");
        }

        if (!state.Active)
        {
            return Decision.Reject(IdentityRejections.AlreadyDeactivated, $"User {command.UserName} is already deactivated.");
        }

        return Decision.Append(command.StreamId, new UserDeactivated(command.UserName, command.By.UserId, now));
    }
}

/// <summary>Wolverine handler of <see cref="DeactivateUser"/>.</summary>
public static class DeactivateUserHandler
{
    public static Task<CommandResult> Handle(DeactivateUser command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => DeactivateUser.Decide(state, command, now), ct);
}
