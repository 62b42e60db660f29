using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>
/// The medical monitor changes an earlier expectedness decision, always with the reason (the first
/// assessment was wrong, the reference safety information changed, the event's term was corrected).
/// After an amendment changed whether the event's term is listed in the reference safety
/// information, the monitor may also keep the value: the re-assessment then confirms the decision
/// against the new RSI (<see cref="ReferenceSafetyInformation.ChangeSinceDecision"/>), which clears
/// the prompt and moves no clock.
/// Expected → unexpected on a serious related event starts the SUSAR clock with the re-assessment
/// day as day 0; unexpected → expected stops an open clock, so no overdue is recorded afterwards
/// (ADR 0026). Blinded: nothing about the allocation is read or shown.
/// </summary>
public sealed record ReassessExpectedness(string AdverseEventId, Expectedness Expectedness, string Reason)
{
    public static Decision Decide(AdverseEventState state, TrialContext trial, ReassessExpectedness command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, AssessExpectedness.Assessors, "re-assess expectedness") ?? JourneyRules.Open(trial)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (state.Details is not { } details)
        {
            return Decision.Reject("adverse-event.not-found", $"There is no adverse event {command.AdverseEventId}.", "adverseEventId");
        }

        if (!Enum.IsDefined(command.Expectedness))
        {
            return Decision.Reject("adverse-event.expectedness-invalid", "Choose expected or unexpected.", "expectedness");
        }

        if (state.CurrentExpectedness is not { } previous)
        {
            return Decision.Reject("adverse-event.expectedness-not-assessed", "Expectedness is not assessed yet: assess it first.");
        }

        var expectedTerms = trial.Protocol.Safety.ExpectedTerms;
        if (command.Expectedness == previous && ReferenceSafetyInformation.ChangeSinceDecision(state, expectedTerms) is null)
        {
            return Decision.Reject("adverse-event.expectedness-unchanged", $"Expectedness is already {previous.ToString().ToLowerInvariant()}.", "expectedness");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Decision.Reject(RejectionCodes.ReasonRequired, "Give the reason for re-assessing expectedness.", "reason");
        }

        var reason = command.Reason.Trim();
        if (InputText.Problem(reason, AssessExpectedness.MaxReasonLength) is { } problem)
        {
            return Decision.Reject("adverse-event.reason-invalid", $"The reason {problem}.", "reason");
        }

        var (suggested, matched) = ExpeditedReporting.Suggest(details.MeddraCode, expectedTerms);
        var reassessment = new AdverseEventExpectednessReassessed(
            command.AdverseEventId, state.Protocol!.Value, state.Subject, by.UserId, now, command.Expectedness, previous, suggested, details.MeddraCode, matched, reason);
        return ExpeditedReporting.FollowClock(state, Decision.Append(AdverseEventStreams.For(command.AdverseEventId), reassessment), command.AdverseEventId);
    }
}

/// <summary>Wolverine handler of <see cref="ReassessExpectedness"/>: loads the case, its participant and the protocol in force, and records the decision.</summary>
public static class ReassessExpectednessHandler
{
    public static Task<CommandResult> Handle(ReassessExpectedness command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, _, trial, by, now) => ReassessExpectedness.Decide(state, trial, command, by, now), ct, command.Reason);
}
