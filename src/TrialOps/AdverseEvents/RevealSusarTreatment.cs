using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>
/// The sponsor's safety officer opens the treatment of the period of onset of one SUSAR case, for
/// the regulatory report (which must say whether the participant was on the investigational
/// product). Only for a SUSAR, only this role, with a reason; the event records who and when, and
/// the allocation itself is read afterwards by <see cref="SusarTreatments"/> for that person only.
/// </summary>
public sealed record RevealSusarTreatment(string AdverseEventId, string Reason)
{
    public static Decision Decide(AdverseEventState state, TrialContext trial, RevealSusarTreatment command, Actor by, DateTimeOffset now)
    {
        if (JourneyRules.Role(by, RecordSusarSubmission.Submitters, "open the treatment of a SUSAR") is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (state.Details is null)
        {
            return Decision.Reject("adverse-event.not-found", $"There is no adverse event {command.AdverseEventId}.", "adverseEventId");
        }

        if (!ExpeditedReporting.IsSusar(state))
        {
            return Decision.Reject("adverse-event.not-a-susar", $"Adverse event {command.AdverseEventId} is not a SUSAR: its treatment stays blinded.");
        }

        if (state.TreatmentRevealedTo.Contains(by.UserId, StringComparer.Ordinal))
        {
            return Decision.None;
        }

        var reason = command.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return Decision.Reject(RejectionCodes.ReasonRequired, "Give the reason for opening the treatment.", "reason");
        }

        if (InputText.Problem(reason, AssessExpectedness.MaxReasonLength) is { } problem)
        {
            return Decision.Reject("adverse-event.reason-invalid", $"The reason {problem}.", "reason");
        }

        return Decision.Append(
            AdverseEventStreams.For(command.AdverseEventId),
            new SusarTreatmentRevealed(command.AdverseEventId, state.Protocol!.Value, state.Subject, by.UserId, now, reason));
    }
}

/// <summary>Wolverine handler of <see cref="RevealSusarTreatment"/>.</summary>
public static class RevealSusarTreatmentHandler
{
    public static Task<CommandResult> Handle(RevealSusarTreatment command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, _, trial, by, now) => RevealSusarTreatment.Decide(state, trial, command, by, now), ct, command.Reason);
}
