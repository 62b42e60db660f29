using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>Reactivate a deactivated user. Administrator only.</summary>
public sealed record ReactivateUser(string UserName, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public static Decision Decide(UserState state, ReactivateUser command, DateTimeOffset now)
    {
        if (IdentityPermissions.RequireAdministrator(command.By, "reactivate users") is { } notPermitted)
        {
            return Decision.Reject(notPermitted);
        }

        if (!state.Exists)
        {
            return Decision.Reject(IdentityPermissions.NotFound(command.UserName));
        }

        if (state.Active)
        {
            return Decision.Reject(IdentityRejections.AlreadyActive, $"User {command.UserName} is active.");
        }

        return Decision.Append(command.StreamId, new UserReactivated(command.UserName, command.By.UserId, now));
    }
}

/// <summary>Wolverine handler of <see cref="ReactivateUser"/>.</summary>
public static class ReactivateUserHandler
{
    public static Task<CommandResult> Handle(ReactivateUser command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => ReactivateUser.Decide(state, command, now), ct);
}
