using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>
/// Sent by the scheduler at a serious adverse event's report deadline: marks it overdue when it has
/// not been reported to the sponsor by its CURRENT deadline. Does nothing when it was reported, is
/// no longer serious, or is already marked; when the deadline moved later than
/// <paramref name="DueAt"/> (the one the check was scheduled for), the check re-schedules itself
/// for it. The same pattern as the SUSAR report check (<see cref="MarkSusarReportOverdue"/>, ADR 0026).
/// </summary>
/// <param name="DueAt">The deadline the check was scheduled for; null (a check scheduled before this field existed) never re-schedules.</param>
public sealed record MarkSaeReportOverdue(string AdverseEventId, DateTimeOffset? DueAt = null)
{
    public static Decision Decide(AdverseEventState state, TrialContext trial, MarkSaeReportOverdue command, Actor by, DateTimeOffset now)
    {
        // After database lock nothing is recorded, bookkeeping included: the locked record is final.
        if (trial.Locked || !state.Serious || state.ReportedToSponsorAt is not null || state.MarkedOverdue || state.SponsorReportDueAt is not { } dueAt)
        {
            return Decision.None;
        }

        if (dueAt > now)
        {
            return command.DueAt is { } scheduledFor && dueAt > scheduledFor
                ? Decision.None.Send(AdverseEventRules.DueMessage(command.AdverseEventId, dueAt))
                : Decision.None;
        }

        return Decision.Append(
            AdverseEventStreams.For(command.AdverseEventId),
            new SaeReportOverdue(command.AdverseEventId, state.Protocol!.Value, state.Subject, by.UserId, now, dueAt));
    }
}

/// <summary>Wolverine handler of <see cref="MarkSaeReportOverdue"/>: loads what <see cref="MarkSaeReportOverdue.Decide"/> needs (the participant, the protocol in force, the adverse-event case) and records its decision.</summary>
public static class MarkSaeReportOverdueHandler
{
    public static Task<CommandResult> Handle(MarkSaeReportOverdue command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, _, trial, by, now) => MarkSaeReportOverdue.Decide(state, trial, command, by, now), ct);
}
