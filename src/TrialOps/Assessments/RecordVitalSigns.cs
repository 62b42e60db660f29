using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Assessments;

/// <summary>
/// Record vital signs at one of the protocol's times. Implausible values are refused; values beyond
/// the protocol's <c>vitalLimits</c> are recorded and raise a safety alert (event and message).
/// </summary>
public sealed record RecordVitalSigns(ProtocolCode Protocol, SubjectNumber Subject, int Period, string AssessmentCode, string Timepoint, DateTimeOffset MeasuredAt, VitalSigns Values)
{
    /// <param name="monitoring">The participant's queries: an open automatic query this recording resolves closes itself in the same decision (ADR 0025).</param>
    public static Decision Decide(ParticipantState state, TrialContext trial, RecordVitalSigns command, Actor by, DateTimeOffset now, Queries.MonitoringState? monitoring = null) =>
        Queries.AutomaticQueries.WithResolvedQueriesClosed(DecideValue(state, trial, command, by, now), state, monitoring, trial, command.Subject, now);

    private static Decision DecideValue(ParticipantState state, TrialContext trial, RecordVitalSigns command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.SiteStaff, "record vital signs") ?? JourneyRules.Open(trial)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        var (definition, time, unknown) = AssessmentRules.Resolve(trial, command.AssessmentCode, command.Timepoint, AssessmentKind.Vitals);
        if (unknown is not null)
        {
            return Decision.Reject(unknown);
        }

        if ((AssessmentRules.Timing(trial.ClockOf(command.Subject), state, command.Subject, command.Period, time!, command.MeasuredAt, now, "measuredAt")
            ?? AssessmentRules.Plausible(command.Values)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (state.Assessments.ContainsKey(new AssessmentKey(command.Period, definition!.Code, time!.Iso)))
        {
            return Decision.Reject("assessment.already-recorded", $"{definition.Code} {time.Iso} of period {command.Period} is already recorded; correct it with a reason if it is wrong.");
        }

        var decision = Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new VitalSignsRecorded(trial.Code, command.Subject, command.Period, by.UserId, command.MeasuredAt, definition.Code, time.Iso, command.Values));
        decision = Queries.AutomaticQueries.WithOrderCheck(decision, state, trial.Code, command.Subject, command.Period, definition.Code, time.Iso, command.MeasuredAt);
        return AssessmentRules.WithAlert(decision, trial, command.Subject, command.Period, definition.Code, time.Iso, command.MeasuredAt, command.Values, by);
    }
}

/// <summary>Wolverine handler of <see cref="RecordVitalSigns"/>: loads what <see cref="RecordVitalSigns.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class RecordVitalSignsHandler
{
    public static Task<CommandResult> Handle(RecordVitalSigns command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            RecordVitalSigns.Decide(state, trial, command, by, now, Queries.MonitoringState.Of(streams, command.Protocol, command.Subject)), ct);
}
