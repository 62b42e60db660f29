using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Assessments;

/// <summary>
/// Sent by the scheduler when a period's assessment deadline comes: marks every assessment of the
/// period past its deadline and neither recorded nor marked yet, raises an automatic query for each
/// (ADR 0025), and schedules the next deadline.
/// Idempotent: a second delivery finds them marked and does nothing.
/// </summary>
public sealed record MarkAssessmentsOverdue(ProtocolCode Protocol, SubjectNumber Subject, int Period)
{
    /// <param name="monitoring">The participant's queries: each missed time point also raises an automatic query (ADR 0025), numbered after them.</param>
    public static Decision Decide(ParticipantState state, TrialContext trial, MarkAssessmentsOverdue command, Actor by, DateTimeOffset now, Queries.MonitoringState? monitoring = null)
    {
        // After database lock nothing is recorded, bookkeeping included: the locked record is final.
        if (trial.Locked || !state.InTreatment || state.Session(command.Period).StartedAt is not { } start)
        {
            return Decision.None;
        }

        var overdue = AssessmentWindows.Schedule(trial.Protocol, start)
            .Where(s => s.DeadlineAt <= now)
            .Where(s => !state.Assessments.ContainsKey(new AssessmentKey(command.Period, s.Code, s.Timepoint)))
            .Where(s => !state.MarkedOverdue.Contains(new AssessmentKey(command.Period, s.Code, s.Timepoint)))
            .Where(s => !state.NotDone.ContainsKey(new AssessmentKey(command.Period, s.Code, s.Timepoint)))
            .Select(s => new OverdueAssessment(s.Code, s.Timepoint, s.DueAt, s.DeadlineAt))
            .ToArray();
        var stream = ParticipantStreams.For(trial.Code, command.Subject);
        var decision = overdue.Length == 0
            ? Decision.None
            : Decision.Append(stream, new AssessmentsMarkedOverdue(trial.Code, command.Subject, command.Period, by.UserId, now, overdue));
        var queries = new List<object>();
        foreach (var missed in overdue)
        {
            var target = new Queries.DataItem(Queries.DataItemKind.Assessment, command.Period, missed.AssessmentCode, missed.Timepoint);
            var (finding, text) = Queries.AutomaticQueries.ForMissedTimepoint(target);
            if (Queries.AutomaticQueries.Raise(monitoring ?? Queries.MonitoringState.Initial, trial.Code, command.Subject, target, finding, text, now, queries.Count) is { } raised)
            {
                queries.Add(raised);
            }
        }

        decision = queries.Count == 0 ? decision : decision.And(stream, [.. queries]);
        return AssessmentWindows.NextCheck(state, trial.Protocol, command.Period, now) is { } next ? decision.Send(next) : decision;
    }
}

/// <summary>Wolverine handler of <see cref="MarkAssessmentsOverdue"/>: loads what <see cref="MarkAssessmentsOverdue.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class MarkAssessmentsOverdueHandler
{
    public static Task<CommandResult> Handle(MarkAssessmentsOverdue command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            MarkAssessmentsOverdue.Decide(state, trial, command, by, now, Queries.MonitoringState.Of(streams, command.Protocol, command.Subject)), ct);
}
