using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Assessments;

/// <summary>Record a scale value (pain VAS, NRS, …) at one of the protocol's times, with its clinical time; late entry is normal.</summary>
/// <param name="Timepoint">The protocol's time after dosing start (<c>PT20M</c>).</param>
public sealed record RecordScaleAssessment(ProtocolCode Protocol, SubjectNumber Subject, int Period, string AssessmentCode, string Timepoint, DateTimeOffset AssessedAt, decimal Value)
{
    /// <param name="monitoring">The participant's queries: an open automatic query this recording resolves closes itself in the same decision (ADR 0025).</param>
    public static Decision Decide(ParticipantState state, TrialContext trial, RecordScaleAssessment command, Actor by, DateTimeOffset now, Queries.MonitoringState? monitoring = null) =>
        Queries.AutomaticQueries.WithResolvedQueriesClosed(DecideValue(state, trial, command, by, now), state, monitoring, trial, command.Subject, now);

    private static Decision DecideValue(ParticipantState state, TrialContext trial, RecordScaleAssessment command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.SiteStaff, "record an assessment") ?? JourneyRules.Open(trial)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        var (definition, time, unknown) = AssessmentRules.Resolve(trial, command.AssessmentCode, command.Timepoint, AssessmentKind.Scale);
        if (unknown is not null)
        {
            return Decision.Reject(unknown);
        }

        if ((AssessmentRules.Timing(trial.ClockOf(command.Subject), state, command.Subject, command.Period, time!, command.AssessedAt, now, "assessedAt")
            ?? AssessmentRules.ScaleValue(definition!, command.Value)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (state.Assessments.ContainsKey(new AssessmentKey(command.Period, definition!.Code, time!.Iso)))
        {
            return Decision.Reject("assessment.already-recorded", $"{definition.Code} {time.Iso} of period {command.Period} is already recorded; correct it with a reason if it is wrong.");
        }

        return Queries.AutomaticQueries.WithOrderCheck(Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new ScaleAssessmentRecorded(trial.Code, command.Subject, command.Period, by.UserId, command.AssessedAt, definition.Code, time.Iso, command.Value, definition.Scale!.Unit)), state, trial.Code, command.Subject, command.Period, definition.Code, time.Iso, command.AssessedAt);
    }
}

/// <summary>Wolverine handler of <see cref="RecordScaleAssessment"/>: loads what <see cref="RecordScaleAssessment.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class RecordScaleAssessmentHandler
{
    public static Task<CommandResult> Handle(RecordScaleAssessment command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            RecordScaleAssessment.Decide(state, trial, command, by, now, Queries.MonitoringState.Of(streams, command.Protocol, command.Subject)), ct);
}
