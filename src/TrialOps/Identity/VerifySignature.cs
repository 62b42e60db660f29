using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// Check a password re-entered for an electronic signature (Part 11 §11.200: each signing is
/// done with both components of the credential). A match records nothing here (the signed
/// action's own event is the record); a wrong password is recorded and counts towards the
/// lock-out. Deactivated, locked-out or unknown users cannot sign.
/// </summary>
/// <param name="Password">Held in memory for the check only; never in an event, a log or <see cref="ToString"/>.</param>
public sealed record VerifySignature(string UserName, string Password)
{
    public string StreamId => UserStreams.For(UserName);

    /// <summary>
    /// The actor of a signature check (event metadata): the account itself, in the pseudo-role
    /// <c>Signature</c>, since the check does not depend on the role the signer acts in.
    /// </summary>
    public static Actor Signer(string userName) => new(userName, "Signature");

    public override string ToString() => $"VerifySignature {{ UserName = {UserName} }}";

    public static Decision Decide(UserState state, VerifySignature command, DateTimeOffset now)
    {
        if (!state.Exists || !state.Active || state.IsLockedOutAt(now))
        {
            return Decision.Reject(IdentityRejections.SignatureRefused, "This account cannot sign now.", "password");
        }

        if (PasswordHashing.Verify(state.PasswordHash, command.Password))
        {
            return Decision.None;
        }

        return Failure(state, command.UserName, now);
    }

    /// <summary>
    /// The record of a refused signature credential (wrong password, or wrong second-factor code
    /// where a signature asks for one): <see cref="SignatureFailed"/>, and a lock-out when it is
    /// the last wrong attempt allowed. Nothing for an account that cannot sign anyway.
    /// </summary>
    public static Decision Failure(UserState state, string userName, DateTimeOffset now)
    {
        if (!state.Exists || !state.Active || state.IsLockedOutAt(now))
        {
            return Decision.None;
        }

        var stream = UserStreams.For(userName);
        var failures = state.ConsecutiveFailures + 1;
        var failed = Decision.Append(stream, new SignatureFailed(userName, now, failures));
        return state.NextFailureLocksAt(now)
            ? failed.And(stream, new UserLockedOut(userName, now, now + UserRules.LockOutDuration, failures))
            : failed;
    }
}

/// <summary>Wolverine handler of <see cref="VerifySignature"/>; answers with the events decided, which the sender reads.</summary>
public static class VerifySignatureHandler
{
    public static Task<DecidedEvents> Handle(VerifySignature command, Envelope envelope, UserDecisions decisions, CancellationToken ct) =>
        decisions.DecideAndTellAsync(envelope, [command.StreamId], (streams, now) => VerifySignature.Decide(UserState.From(streams.Data(command.StreamId)), command, now), ct);
}
