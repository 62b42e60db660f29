using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>
/// Sent by the scheduler at a serious adverse event's report deadline: marks it overdue when it has
/// not been reported to the sponsor. Does nothing when it was reported, is no longer serious, is
/// already marked, or its deadline moved later.
/// </summary>
public sealed record MarkSaeReportOverdue(string AdverseEventId)
{
    public static Decision Decide(AdverseEventState state, TrialContext trial, MarkSaeReportOverdue command, Actor by, DateTimeOffset now)
    {
        // After database lock nothing is recorded, bookkeeping included: the locked record is final.
        if (trial.Locked || !state.Serious || state.ReportedToSponsorAt is not null || state.MarkedOverdue || state.SponsorReportDueAt is not { } dueAt || dueAt > now)
        {
            return Decision.None;
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
