using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>
/// Report an adverse event for a participant: a new case stream <c>adverse-event-&lt;id&gt;</c>.
/// The event is attributed to the period active at onset (<see cref="PeriodAttribution"/>). A
/// serious event is due to the sponsor within the protocol's <c>saeReportHours</c> of awareness;
/// a message scheduled for that time marks it overdue if it has not been reported by then.
/// </summary>
/// <param name="AdverseEventId">From <see cref="AdverseEventStreams.NewId"/>, chosen by the caller so a retry reuses it.</param>
/// <param name="AwareAt">When the site became aware of the event (clinical time).</param>
public sealed record ReportAdverseEvent(string AdverseEventId, ProtocolCode Protocol, SubjectNumber Subject, DateTimeOffset AwareAt, AdverseEventInput Event)
{
    public static Decision Decide(AdverseEventState state, ParticipantState participant, TrialContext trial, ReportAdverseEvent command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.SiteStaff, "report an adverse event")
            ?? AdverseEventRules.CausalityRole(null, command.Event.Causality, by)
            ?? JourneyRules.Open(trial)
            ?? JourneyRules.Exists(participant, command.Subject)
            ?? JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), participant, command.AwareAt, now, "awareAt", "time of awareness")) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (!AdverseEventStreams.IsValidId(command.AdverseEventId))
        {
            return Decision.Reject("adverse-event.invalid-id", $"'{command.AdverseEventId}' is not an adverse-event id (4–40 letters, digits or '-').", "adverseEventId");
        }

        if (state.Exists)
        {
            return Decision.Reject("adverse-event.exists", $"Adverse event {command.AdverseEventId} is already reported.", "adverseEventId");
        }

        var clock = trial.ClockOf(command.Subject);
        var (details, invalid) = AdverseEventRules.Validate(command.Event, now, clock);
        if (invalid is not null)
        {
            return Decision.Reject(invalid);
        }

        if (AdverseEventRules.AfterConsent(participant, details!.Onset, clock) is { } beforeConsent)
        {
            return Decision.Reject(beforeConsent);
        }

        if (command.AwareAt < details.Onset.EarliestOn(clock))
        {
            return Decision.Reject("adverse-event.aware-before-onset", $"The site cannot have become aware ({clock.Show(command.AwareAt)}) before the onset {details.Onset.ShowOn(clock)}.", "awareAt");
        }

        var dueAt = AdverseEventRules.SponsorReportDueAt(details, command.AwareAt, trial);
        var decision = Decision.Append(
            AdverseEventStreams.For(command.AdverseEventId),
            new AdverseEventReported(
                command.AdverseEventId,
                trial.Code,
                command.Subject,
                by.UserId,
                command.AwareAt,
                details,
                PeriodAttribution.PeriodAt(participant, details.Onset, clock),
                dueAt));
        return dueAt is { } due ? decision.Send(AdverseEventRules.DueMessage(command.AdverseEventId, due)) : decision;
    }
}

/// <summary>Wolverine handler of <see cref="ReportAdverseEvent"/>: opens the adverse-event case on the participant (the case stream must not exist yet).</summary>
public static class ReportAdverseEventHandler
{
    public static Task<CommandResult> Handle(ReportAdverseEvent command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(
            envelope,
            command.Protocol,
            command.Subject,
            (participant, trial, by, now, streams) => ReportAdverseEvent.Decide(
                AdverseEventState.From(streams.Data(AdverseEventStreams.For(command.AdverseEventId))), participant, trial, command, by, now),
            ct,
            null,
            AdverseEventStreams.For(command.AdverseEventId));
}
