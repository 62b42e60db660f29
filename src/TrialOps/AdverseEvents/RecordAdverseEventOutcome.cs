using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>Follow-up information, not a correction: the event has resolved, or its outcome has changed.</summary>
/// <param name="End">The end date once the event has ended.</param>
public sealed record RecordAdverseEventOutcome(string AdverseEventId, AdverseEventOutcome Outcome, PartialDate? End)
{
    public static Decision Decide(AdverseEventState state, TrialContext trial, RecordAdverseEventOutcome command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.SiteStaff, "record an adverse event's outcome") ?? JourneyRules.Open(trial)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (state.Details is not { } before)
        {
            return Decision.Reject("adverse-event.not-found", $"There is no adverse event {command.AdverseEventId}.", "adverseEventId");
        }

        if (before.Outcome == command.Outcome && before.End == command.End)
        {
            return Decision.Reject("adverse-event.outcome-unchanged", $"The outcome is already {command.Outcome}.", "outcome");
        }

        var (_, invalid) = AdverseEventRules.Consistent(before with { Outcome = command.Outcome, End = command.End }, now, trial.ClockOf(state.Subject));
        if (invalid is not null)
        {
            return Decision.Reject(invalid);
        }

        // A fatal outcome makes a SUSAR a 7-day report: the overdue check follows the earlier due day.
        return ExpeditedReporting.FollowClock(
            state,
            Decision.Append(
                AdverseEventStreams.For(command.AdverseEventId),
                new AdverseEventOutcomeRecorded(command.AdverseEventId, state.Protocol!.Value, state.Subject, by.UserId, now, command.Outcome, command.End)),
            command.AdverseEventId);
    }
}

/// <summary>Wolverine handler of <see cref="RecordAdverseEventOutcome"/>: loads what <see cref="RecordAdverseEventOutcome.Decide"/> needs (the participant, the protocol in force, the adverse-event case) and records its decision.</summary>
public static class RecordAdverseEventOutcomeHandler
{
    public static Task<CommandResult> Handle(RecordAdverseEventOutcome command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, _, trial, by, now) => RecordAdverseEventOutcome.Decide(state, trial, command, by, now), ct);
}
