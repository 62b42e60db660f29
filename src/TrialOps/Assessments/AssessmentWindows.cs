using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Assessments;

/// <summary>A scheduled assessment of one period: due at dosing start plus its time, overdue after its deadline.</summary>
public sealed record ScheduledAssessment(AssessmentDefinition Definition, AssessmentTime Time, DateTimeOffset DueAt, DateTimeOffset DeadlineAt)
{
    public string Code => Definition.Code;

    public string Timepoint => Time.Iso;
}

/// <summary>
/// When a scheduled assessment counts as overdue. The protocol format gives times but no windows,
/// so TrialOps applies one tolerance: 10 % of the time after dosing start, at least 10 minutes
/// (PT0M baseline: 10 min; PT60M: 10 min; PT2H: 12 min; PT24H: 2 h 24 min). A later value is
/// still accepted (late entry with the clinical time); the overdue mark only tells the site.
/// </summary>
public static class AssessmentWindows
{
    public static readonly TimeSpan MinimumTolerance = TimeSpan.FromMinutes(10);

    public static TimeSpan Tolerance(TimeSpan afterDosingStart) =>
        TimeSpan.FromTicks(Math.Max(MinimumTolerance.Ticks, afterDosingStart.Ticks / 10));

    /// <summary>Every assessment of a period whose dosing started at <paramref name="dosingStart"/>, in due order.</summary>
    public static IReadOnlyList<ScheduledAssessment> Schedule(ProtocolDefinition protocol, DateTimeOffset dosingStart) =>
        protocol.Assessments
            .SelectMany(a => a.Times.Select(t => new ScheduledAssessment(
                a, t, dosingStart + t.AfterDosingStart, dosingStart + t.AfterDosingStart + Tolerance(t.AfterDosingStart))))
            .OrderBy(s => s.DueAt)
            .ThenBy(s => s.Code, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The next deadline after <paramref name="after"/> among assessments not yet recorded or recorded as not done; null when none is left.</summary>
    public static DateTimeOffset? NextDeadline(ParticipantState participant, ProtocolDefinition protocol, int period, DateTimeOffset after)
    {
        if (participant.Session(period).StartedAt is not { } start)
        {
            return null;
        }

        return Schedule(protocol, start)
            .Where(s => s.DeadlineAt > after)
            .Where(s => !participant.Assessments.ContainsKey(new AssessmentKey(period, s.Code, s.Timepoint)))
            .Where(s => !participant.NotDone.ContainsKey(new AssessmentKey(period, s.Code, s.Timepoint)))
            .Select(s => (DateTimeOffset?)s.DeadlineAt)
            .Min();
    }

    /// <summary>The message that checks the period's assessments at their next deadline, if one is left.</summary>
    public static Messaging.OutgoingMessage? NextCheck(ParticipantState participant, ProtocolDefinition protocol, int period, DateTimeOffset after) =>
        NextDeadline(participant, protocol, period, after) is { } deadline
            ? new Messaging.OutgoingMessage(
                AssessmentDeadlineMessage.MessageType,
                new AssessmentDeadlineMessage(protocol.Code, participant.Subject, period, deadline),
                deadline,
                ParticipantStreams.For(protocol.Code, participant.Subject))
            : null;
}
