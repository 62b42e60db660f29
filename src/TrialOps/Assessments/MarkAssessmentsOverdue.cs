using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Assessments;

/// <summary>
/// Sent by the scheduler when a period's assessment deadline comes: marks every assessment of the
/// period past its deadline and neither recorded nor marked yet, and schedules the next deadline.
/// Idempotent: a second delivery finds them marked and does nothing.
/// </summary>
public sealed record MarkAssessmentsOverdue(ProtocolCode Protocol, SubjectNumber Subject, int Period)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, MarkAssessmentsOverdue command, Actor by, DateTimeOffset now)
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
        var decision = overdue.Length == 0
            ? Decision.None
            : Decision.Append(
                ParticipantStreams.For(trial.Code, command.Subject),
                new AssessmentsMarkedOverdue(trial.Code, command.Subject, command.Period, by.UserId, now, overdue));
        return AssessmentWindows.NextCheck(state, trial.Protocol, command.Period, now) is { } next ? decision.Send(next) : decision;
    }
}

/// <summary>Wolverine handler of <see cref="MarkAssessmentsOverdue"/>: loads what <see cref="MarkAssessmentsOverdue.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class MarkAssessmentsOverdueHandler
{
    public static Task<CommandResult> Handle(MarkAssessmentsOverdue command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => MarkAssessmentsOverdue.Decide(state, trial, command, by, now), ct);
}
