using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>Record that the initial report of a serious adverse event was sent to the sponsor; late when after the due time.</summary>
/// <param name="ReportedAt">When it was sent (clinical time).</param>
/// <param name="SponsorReference">The sponsor's case number, if one was given.</param>
public sealed record ReportSaeToSponsor(string AdverseEventId, DateTimeOffset ReportedAt, string? SponsorReference)
{
    public static Decision Decide(AdverseEventState state, TrialContext trial, ReportSaeToSponsor command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.CoordinatorOrInvestigator, "record a report to the sponsor")
            ?? JourneyRules.Open(trial)
            ?? JourneyRules.NotInFuture(trial.ClockOf(state.Subject), command.ReportedAt, now, "reportedAt", "report time")) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (state.Details is null)
        {
            return Decision.Reject("adverse-event.not-found", $"There is no adverse event {command.AdverseEventId}.", "adverseEventId");
        }

        if (!state.Serious)
        {
            return Decision.Reject("adverse-event.not-serious", $"Adverse event {command.AdverseEventId} is not serious: it has no expedited report.");
        }

        if (state.ReportedToSponsorAt is { } reported)
        {
            return Decision.Reject("adverse-event.already-reported", $"The initial report was sent at {trial.ClockOf(state.Subject).Show(reported)}; record further information as a follow-up.");
        }

        if (command.ReportedAt < state.AwareAt)
        {
            return Decision.Reject("adverse-event.report-before-awareness", $"The report cannot precede awareness ({trial.ClockOf(state.Subject).Show(state.AwareAt!.Value)}).", "reportedAt");
        }

        return Decision.Append(
            AdverseEventStreams.For(command.AdverseEventId),
            new SaeReportedToSponsor(
                command.AdverseEventId,
                state.Protocol!.Value,
                state.Subject,
                by.UserId,
                command.ReportedAt,
                string.IsNullOrWhiteSpace(command.SponsorReference) ? null : command.SponsorReference.Trim(),
                command.ReportedAt > state.SponsorReportDueAt));
    }
}

/// <summary>Wolverine handler of <see cref="ReportSaeToSponsor"/>: loads what <see cref="ReportSaeToSponsor.Decide"/> needs (the participant, the protocol in force, the adverse-event case) and records its decision.</summary>
public static class ReportSaeToSponsorHandler
{
    public static Task<CommandResult> Handle(ReportSaeToSponsor command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, _, trial, by, now) => ReportSaeToSponsor.Decide(state, trial, command, by, now), ct);
}
