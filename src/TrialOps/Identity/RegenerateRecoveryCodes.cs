using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>Replace one's recovery codes (all unused ones stop working). The new codes are generated before the command and shown once.</summary>
public sealed record RegenerateRecoveryCodes(string UserName, IReadOnlyList<string> RecoveryCodeSha256s, Actor By)
{
    public string StreamId => UserStreams.For(UserName);

    public static Decision Decide(UserState state, RegenerateRecoveryCodes command, DateTimeOffset now)
    {
        if (SecondFactorRejections.CheckOwnActiveAccount(state, command.By, command.UserName, "renew their recovery codes") is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (!state.SecondFactorEnabled)
        {
            return Decision.Reject(SecondFactorRejections.NotEnabled, "Set up a second factor first; recovery codes come with it.");
        }

        return Decision.Append(command.StreamId, new RecoveryCodesRegenerated(command.UserName, command.By.UserId, now, command.RecoveryCodeSha256s));
    }
}

/// <summary>Wolverine handler of <see cref="RegenerateRecoveryCodes"/>.</summary>
public static class RegenerateRecoveryCodesHandler
{
    public static Task<CommandResult> Handle(RegenerateRecoveryCodes command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.By, command.StreamId, (state, now) => RegenerateRecoveryCodes.Decide(state, command, now), ct);
}
