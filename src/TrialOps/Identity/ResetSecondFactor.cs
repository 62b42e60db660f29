using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Remove a user's second factor when they lost their authenticator and recovery codes.
/// Administrator only (web page, API, or <c>trialops users reset-second-factor</c>); every session
/// of the account ends.
/// </summary>
public sealed record ResetSecondFactor(string UserName, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public static Decision Decide(UserState state, ResetSecondFactor command, DateTimeOffset now)
    {
        if (IdentityPermissions.RequireAdministrator(command.By, "reset a second factor") is { } notPermitted)
        {
            return Decision.Reject(notPermitted);
        }

        if (!state.Exists)
        {
            return Decision.Reject(IdentityPermissions.NotFound(command.UserName));
        }

        if (!state.SecondFactorEnabled && state.PendingSecondFactorSecret is null)
        {
            return Decision.Reject(SecondFactorRejections.NotEnabled, $"User {command.UserName} has no second factor.");
        }

        return Decision.Append(command.StreamId, new SecondFactorReset(command.UserName, command.By.UserId, now));
    }
}

/// <summary>Wolverine handler of <see cref="ResetSecondFactor"/>.</summary>
public static class ResetSecondFactorHandler
{
    public static Task<CommandResult> Handle(ResetSecondFactor command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => ResetSecondFactor.Decide(state, command, now), ct);
}
