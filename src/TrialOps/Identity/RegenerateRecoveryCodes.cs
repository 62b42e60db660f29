using TrialOps.Messaging;

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
