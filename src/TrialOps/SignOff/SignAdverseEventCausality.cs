using TrialOps.AdverseEvents;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Signatures;
using Wolverine;

namespace TrialOps.SignOff;

/// <summary>
/// The Investigator signs the causality judgement of an adverse event, meaning "approved"
/// (ADR 0025): a <see cref="RecordSigned"/> on the case's stream naming the version signed. A later
/// correction of the case or a new judgement shows the signature as no longer current; an outcome,
/// a sponsor report or a follow-up does not (they do not change the judgement).
/// </summary>
/// <param name="Signature">The investigator's password (and second factor), checked by the handler (ADR 0023).</param>
public sealed record SignAdverseEventCausality(string AdverseEventId, SignatureRequest? Signature)
{
    public static string What(string adverseEventId) => $"the causality of adverse event {adverseEventId}";

    public static Decision Decide(AdverseEventState state, IReadOnlyList<StoredEvent> stream, TrialContext trial, SignAdverseEventCausality command, Actor by, DateTimeOffset now, SignatureContext signing)
    {
        var what = What(command.AdverseEventId);
        if (SignOffRules.Investigator(by, what) is { } notInvestigator)
        {
            return Decision.Reject(notInvestigator);
        }

        var (signature, refused) = Signing.Verify(command.Signature, signing, by, now, what);
        if ((refused ?? JourneyRules.Open(trial)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (state.Details is not { } details)
        {
            return Decision.Reject("adverse-event.not-found", $"There is no adverse event {command.AdverseEventId}.", "adverseEventId");
        }

        if (details.Causality is null)
        {
            return Decision.Reject("sign-off.causality-not-judged", $"The causality of adverse event {command.AdverseEventId} is not judged yet: judge it first, then sign it.");
        }

        if (SignOffRules.NotSignedYet(trial.ClockOf(state.Subject), stream, SignedRecords.Causality, what) is { } signed)
        {
            return Decision.Reject(signed);
        }

        return Decision.None.Signed(signature!, signing, AdverseEventStreams.For(command.AdverseEventId), SignOffRules.Meaning, what, by, now, SignedRecords.Causality);
    }
}

/// <summary>Wolverine handler of <see cref="SignAdverseEventCausality"/>: loads the case, its participant (site rule first), the protocol in force and the signer's account.</summary>
public static class SignAdverseEventCausalityHandler
{
    public static Task<CommandResult> Handle(SignAdverseEventCausality command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.SignedOnAdverseEventAsync(envelope, command.AdverseEventId, command.Signature, (state, _, trial, by, now, streams, signing) =>
            SignAdverseEventCausality.Decide(state, streams[AdverseEventStreams.For(command.AdverseEventId)], trial, command, by, now, signing), ct);
}
