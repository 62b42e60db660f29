using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>Lift a lock-out before its 15 minutes are over. Administrator only.</summary>
public sealed record UnlockUser(string UserName, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public static Decision Decide(UserState state, UnlockUser command, DateTimeOffset now)
    {
        if (IdentityPermissions.RequireAdministrator(command.By, "unlock users") is { } notPermitted)
        {
            return Decision.Reject(notPermitted);
        }

        if (!state.Exists)
        {
            return Decision.Reject(IdentityPermissions.NotFound(command.UserName));
        }

        if (!state.IsLockedOutAt(now))
        {
            return Decision.Reject(IdentityRejections.NotLockedOut, $"User {command.UserName} is not locked out.");
        }

        return Decision.Append(command.StreamId, new UserUnlocked(command.UserName, command.By.UserId, now));
    }
}

/// <summary>Wolverine handler of <see cref="UnlockUser"/>.</summary>
public static class UnlockUserHandler
{
    public static Task<CommandResult> Handle(UnlockUser command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => UnlockUser.Decide(state, command, now), ct);
}
