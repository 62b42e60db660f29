using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Signatures;
using Wolverine;

namespace TrialOps.Blinding;

/// <summary>
/// Lift the database lock (for example to resolve a late query), for a stated reason and with an
/// electronic signature checked by the handler, by a Coordinator or an Investigator who reaches
/// every site of the trial (<see cref="TrialWideAccess"/>). The reason is part of the event and
/// of its metadata, so the audit trail shows why locked data became changeable again. Lifting
/// the lock after trial unblinding is allowed but does not make anyone blind again.
/// </summary>
/// <param name="Reason">Why the lock is lifted; required.</param>
/// <param name="Signature">The signer's credentials, checked by the handler (ADR 0023); the signer must be <paramref name="By"/>.</param>
public sealed record UnlockTrial(ProtocolCode Protocol, string Reason, SignatureRequest? Signature, Actor By)
{
    public const string What = "the lifting of the lock";

    public string StreamId => ProtocolStreams.For(Protocol);

    public static Decision Decide(ProtocolState state, UnlockTrial command, DateTimeOffset now, SignatureContext signing)
    {
        if (command.By.Role is not (Roles.Coordinator or Roles.Investigator))
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only a Coordinator or an Investigator can lift the database lock.");
        }

        var (signature, refused) = Signing.Verify(command.Signature, signing, command.By, now, What);
        if (refused is not null)
        {
            return Decision.Reject(refused);
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Decision.Reject(RejectionCodes.ReasonRequired, "Give the reason for lifting the database lock.", "reason");
        }

        if (!state.Exists)
        {
            return Decision.Reject("protocol.not-found", $"There is no protocol {command.Protocol}.");
        }

        if (!state.Locked)
        {
            return Decision.Reject("trial.not-locked", $"The database of {command.Protocol} is not locked.");
        }

        if (TrialWideAccess.Refusal(state, signing.Account, "Lifting the database lock") is { } notEverySite)
        {
            return Decision.Reject(notEverySite);
        }

        return Decision.Append(command.StreamId, new TrialUnlocked(command.Protocol, command.By.UserId, now, command.Reason.Trim()))
            .Signed(signature!, signing, command.StreamId, SignatureMeanings.Approved, "lifting of the trial lock", command.By, now);
    }
}

/// <summary>Wolverine handler of <see cref="UnlockTrial"/>: decides on the protocol's stream; the reason goes into the metadata too.</summary>
public static class UnlockTrialHandler
{
    public static Task<CommandResult> Handle(UnlockTrial command, Envelope envelope, ProtocolDecisions decisions, CancellationToken ct) =>
        decisions.SignedAsync(CommandBus.ContextOf(envelope, command.By).WithReason(command.Reason), command.Protocol, command.Signature, (state, signing, now) => UnlockTrial.Decide(state, command, now, signing), ct);
}
