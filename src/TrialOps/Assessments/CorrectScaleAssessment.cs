using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Assessments;

/// <summary>Correct a recorded scale value or its clinical time, with the reason; the original stays.</summary>
public sealed record CorrectScaleAssessment(ProtocolCode Protocol, SubjectNumber Subject, int Period, string AssessmentCode, string Timepoint, decimal Value, DateTimeOffset AssessedAt, string Reason)
{
    /// <param name="monitoring">The participant's queries: an open automatic query this recording resolves closes itself in the same decision (ADR 0025).</param>
    public static Decision Decide(ParticipantState state, TrialContext trial, CorrectScaleAssessment command, Actor by, DateTimeOffset now, Queries.MonitoringState? monitoring = null) =>
        Queries.AutomaticQueries.WithResolvedQueriesClosed(DecideValue(state, trial, command, by, now), state, monitoring, trial, command.Subject, now);

    private static Decision DecideValue(ParticipantState state, TrialContext trial, CorrectScaleAssessment command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.SiteStaff, "correct an assessment") ?? JourneyRules.Open(trial) ?? JourneyRules.Reason(command.Reason)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        var (definition, time, unknown) = AssessmentRules.Resolve(trial, command.AssessmentCode, command.Timepoint, AssessmentKind.Scale);
        if (unknown is not null)
        {
            return Decision.Reject(unknown);
        }

        var key = new AssessmentKey(command.Period, definition!.Code, time!.Iso);
        if (!state.Assessments.TryGetValue(key, out var recorded))
        {
            return Decision.Reject("assessment.not-recorded", $"{definition.Code} {time.Iso} of period {command.Period} is not recorded: there is nothing to correct.");
        }

        if ((AssessmentRules.Timing(trial.ClockOf(command.Subject), state, command.Subject, command.Period, time, command.AssessedAt, now, "assessedAt")
            ?? AssessmentRules.ScaleValue(definition, command.Value)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (recorded.Value == command.Value && recorded.ClinicalTime == command.AssessedAt)
        {
            return Decision.Reject("correction.unchanged", "The corrected value and time are the same as the recorded ones.");
        }

        return Queries.AutomaticQueries.WithOrderCheck(Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new ScaleAssessmentCorrected(trial.Code, command.Subject, command.Period, by.UserId, now, definition.Code, time.Iso, command.Value, command.AssessedAt, command.Reason.Trim())), state, trial.Code, command.Subject, command.Period, definition.Code, time.Iso, command.AssessedAt);
    }
}

/// <summary>Wolverine handler of <see cref="CorrectScaleAssessment"/>: loads what <see cref="CorrectScaleAssessment.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class CorrectScaleAssessmentHandler
{
    public static Task<CommandResult> Handle(CorrectScaleAssessment command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            CorrectScaleAssessment.Decide(state, trial, command, by, now, Queries.MonitoringState.Of(streams, command.Protocol, command.Subject)), ct, command.Reason);
}
