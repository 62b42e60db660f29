using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>
/// Correct recorded fields of an adverse event, with the reason. The event records the whole
/// corrected record and which fields changed; the original and earlier corrections stay. The
/// period is attributed again from the (possibly corrected) onset. An event that turns out to be
/// serious gets its report clock from the recorded awareness: it may already be overdue.
/// </summary>
public sealed record CorrectAdverseEvent(string AdverseEventId, AdverseEventInput Event, string Reason)
{
    public static Decision Decide(AdverseEventState state, ParticipantState participant, TrialContext trial, CorrectAdverseEvent command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.SiteStaff, "correct an adverse event")
            ?? JourneyRules.Open(trial)
            ?? JourneyRules.Reason(command.Reason)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (state is not { Details: { } before, AwareAt: { } awareAt })
        {
            return Decision.Reject("adverse-event.not-found", $"There is no adverse event {command.AdverseEventId}.", "adverseEventId");
        }

        if (AdverseEventRules.CausalityRole(before.Causality, command.Event.Causality, by) is { } causality)
        {
            return Decision.Reject(causality);
        }

        var clock = trial.ClockOf(state.Subject);
        var (details, invalid) = AdverseEventRules.Validate(command.Event, now, clock);
        if (invalid is not null)
        {
            return Decision.Reject(invalid);
        }

        if (AdverseEventRules.AfterConsent(participant, details!.Onset, clock) is { } beforeConsent)
        {
            return Decision.Reject(beforeConsent);
        }

        var changed = ChangedFields(before, details);
        if (changed.Count == 0)
        {
            return Decision.Reject("correction.unchanged", "The corrected adverse event is the same as the recorded one.");
        }

        var dueAt = details.Serious ? state.SponsorReportDueAt ?? AdverseEventRules.SponsorReportDueAt(details, awareAt, trial) : null;
        var decision = Decision.Append(
            AdverseEventStreams.For(command.AdverseEventId),
            new AdverseEventCorrected(
                command.AdverseEventId,
                state.Protocol!.Value,
                state.Subject,
                by.UserId,
                now,
                details,
                PeriodAttribution.PeriodAt(participant, details.Onset, clock),
                dueAt,
                changed,
                command.Reason.Trim()));
        decision = !state.Serious && dueAt is { } due && state.ReportedToSponsorAt is null
            ? decision.Send(AdverseEventRules.DueMessage(command.AdverseEventId, due))
            : decision;

        // Seriousness, grade, outcome or causality may move a SUSAR's due day (ADR 0026).
        return ExpeditedReporting.FollowClock(state, decision, command.AdverseEventId);
    }

    private static IReadOnlyList<string> ChangedFields(AdverseEventDetails before, AdverseEventDetails after)
    {
        var changed = new List<string>();
        void Compare<T>(string name, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                changed.Add(name);
            }
        }

        Compare("meddraCode", before.MeddraCode, after.MeddraCode);
        Compare("onset", before.Onset, after.Onset);
        Compare("end", before.End, after.End);
        Compare("grade", before.Grade, after.Grade);
        if (!before.Seriousness.SequenceEqual(after.Seriousness))
        {
            changed.Add("seriousness");
        }

        Compare("causality", before.Causality, after.Causality);
        Compare("actionTaken", before.ActionTaken, after.ActionTaken);
        Compare("outcome", before.Outcome, after.Outcome);
        return changed;
    }
}

/// <summary>Wolverine handler of <see cref="CorrectAdverseEvent"/>: loads what <see cref="CorrectAdverseEvent.Decide"/> needs (the participant, the protocol in force, the adverse-event case) and records its decision.</summary>
public static class CorrectAdverseEventHandler
{
    public static Task<CommandResult> Handle(CorrectAdverseEvent command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, participant, trial, by, now) => CorrectAdverseEvent.Decide(state, participant, trial, command, by, now), ct, command.Reason);
}
