using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Signatures;
using Wolverine;

namespace TrialOps.SignOff;

/// <summary>
/// The Investigator signs a participant's eligibility decision, meaning "approved" (ADR 0025): a
/// <see cref="RecordSigned"/> on the participant's stream, naming the stream version as it stands.
/// A later correction of the consent or demographics shows the signature as no longer current.
/// </summary>
/// <param name="Signature">The investigator's password (and second factor), checked by the handler (ADR 0023).</param>
public sealed record SignEligibility(ProtocolCode Protocol, SubjectNumber Subject, SignatureRequest? Signature)
{
    public static string What(SubjectNumber subject) => $"the eligibility of participant {subject}";

    public static Decision Decide(ParticipantState state, IReadOnlyList<StoredEvent> stream, TrialContext trial, SignEligibility command, Actor by, DateTimeOffset now, SignatureContext signing)
    {
        var what = What(command.Subject);
        if (SignOffRules.Investigator(by, what) is { } notInvestigator)
        {
            return Decision.Reject(notInvestigator);
        }

        var (signature, refused) = Signing.Verify(command.Signature, signing, by, now, what);
        if ((refused ?? JourneyRules.Open(trial) ?? JourneyRules.Exists(state, command.Subject)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (!stream.Any(e => e.Data is EligibilityConfirmed))
        {
            return Decision.Reject("sign-off.eligibility-not-decided", $"The eligibility of participant {command.Subject} is not decided yet: answer the checklist first, then sign it.");
        }

        if (SignOffRules.NotSignedYet(trial.ClockOf(command.Subject), stream, SignedRecords.Eligibility, what) is { } signed)
        {
            return Decision.Reject(signed);
        }

        return Decision.None.Signed(signature!, signing, ParticipantStreams.For(trial.Code, command.Subject), SignOffRules.Meaning, what, by, now, SignedRecords.Eligibility);
    }
}

/// <summary>Wolverine handler of <see cref="SignEligibility"/>: loads the participant, the protocol in force and the signer's account, and records the decision.</summary>
public static class SignEligibilityHandler
{
    public static Task<CommandResult> Handle(SignEligibility command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.SignedAsync(envelope, command.Protocol, command.Subject, command.Signature, (state, trial, by, now, streams, signing) =>
            SignEligibility.Decide(state, streams[ParticipantStreams.For(command.Protocol, command.Subject)], trial, command, by, now, signing), ct);
}
