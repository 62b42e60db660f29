using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// The second step of a sign-in, after <see cref="SignIn"/> recorded <see cref="SecondFactorRequested"/>:
/// a current authenticator code (RFC 6238, one step of drift either way) or an unused recovery
/// code. A code is accepted at most once: its time step and older ones are refused afterwards, so
/// a code seen over someone's shoulder is useless once typed. Wrong and reused codes count towards
/// the lock-out like wrong passwords. Runs as <see cref="SignIn.Anonymous"/>: no session exists yet.
/// </summary>
/// <param name="Code">As typed; held in memory for the check only, never in an event or a log.</param>
public sealed record VerifySecondFactor(string UserName, string Code)
{
    public string StreamId => UserStreams.For(UserName);

    public override string ToString() => $"VerifySecondFactor {{ UserName = {UserName} }}";

    public static Decision Decide(UserState state, VerifySecondFactor command, DateTimeOffset now, SecondFactorSecrets secrets)
    {
        if (!state.Exists)
        {
            return Decision.Reject(IdentityPermissions.NotFound(command.UserName));
        }

        if (!state.Active)
        {
            return Decision.Append(command.StreamId, new SecondFactorSignInFailed(command.UserName, now, SecondFactorFailureReason.Deactivated, state.ConsecutiveFailures));
        }

        if (state.IsLockedOutAt(now))
        {
            return Decision.Append(command.StreamId, new SecondFactorSignInFailed(command.UserName, now, SecondFactorFailureReason.LockedOut, state.ConsecutiveFailures));
        }

        if (state.SecondFactorSecret is not { } sealedSecret)
        {
            return Decision.Reject(SecondFactorRejections.NotEnabled, "This account has no second factor (an administrator may have reset it); sign in again.");
        }

        var typed = SignInCodeMessages.Digits(command.Code);
        if (typed.Length == Totp.Digits && typed.All(char.IsAsciiDigit))
        {
            if (secrets.Unseal(sealedSecret, command.UserName) is not { } secret)
            {
                return Decision.Reject(SecondFactorRejections.KeyUnavailable, "The second factor cannot be checked: this installation's second-factor key does not open it. Use a recovery code or ask an administrator.");
            }

            if (Totp.MatchingStep(secret, typed, now) is { } step)
            {
                return step <= state.LastTimeStep
                    ? Failed(state, command, now, SecondFactorFailureReason.ReusedCode)
                    : Decision.Append(command.StreamId, new SecondFactorVerified(command.UserName, now, step), new LoginSucceeded(command.UserName, now));
            }

            return Failed(state, command, now, SecondFactorFailureReason.WrongCode);
        }

        var recovery = RecoveryCodes.Normalize(command.Code);
        if (RecoveryCodes.LooksLikeOne(recovery) && RecoveryCodes.Sha256(recovery) is var hash && state.RecoveryCodeSha256s.Contains(hash))
        {
            return Decision.Append(
                command.StreamId,
                new RecoveryCodeUsed(command.UserName, now, hash, state.RecoveryCodeSha256s.Count - 1),
                new LoginSucceeded(command.UserName, now));
        }

        return Failed(state, command, now, SecondFactorFailureReason.WrongCode);
    }

    private static Decision Failed(UserState state, VerifySecondFactor command, DateTimeOffset now, SecondFactorFailureReason reason)
    {
        var failures = state.ConsecutiveFailures + 1;
        var failed = Decision.Append(command.StreamId, new SecondFactorSignInFailed(command.UserName, now, reason, failures));
        return state.NextFailureLocksAt(now)
            ? failed.And(command.StreamId, new UserLockedOut(command.UserName, now, now + UserRules.LockOutDuration, failures))
            : failed;
    }
}

/// <summary>Wolverine handler of <see cref="VerifySecondFactor"/>; answers with the events decided, which the sign-in reads.</summary>
public static class VerifySecondFactorHandler
{
    public static Task<DecidedEvents> Handle(VerifySecondFactor command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAndTellAsync(
            envelope,
            [command.StreamId],
            (streams, now) => VerifySecondFactor.Decide(UserState.From(streams.Data(command.StreamId)), command, now, decisions.SecondFactorSecrets),
            ct);
}
