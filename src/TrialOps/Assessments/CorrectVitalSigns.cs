using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Assessments;

/// <summary>
/// Correct recorded vital signs or their clinical time, with the reason; the original stays.
/// Corrected values beyond the protocol's limits raise a safety alert like new ones.
/// </summary>
public sealed record CorrectVitalSigns(ProtocolCode Protocol, SubjectNumber Subject, int Period, string AssessmentCode, string Timepoint, VitalSigns Values, DateTimeOffset MeasuredAt, string Reason)
{
    /// <param name="monitoring">The participant's queries: an open automatic query this recording resolves closes itself in the same decision (ADR 0025).</param>
    public static Decision Decide(ParticipantState state, TrialContext trial, CorrectVitalSigns command, Actor by, DateTimeOffset now, Queries.MonitoringState? monitoring = null) =>
        Queries.AutomaticQueries.WithResolvedQueriesClosed(DecideValue(state, trial, command, by, now), state, monitoring, trial, command.Subject, now);

    private static Decision DecideValue(ParticipantState state, TrialContext trial, CorrectVitalSigns command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.SiteStaff, "correct vital signs") ?? JourneyRules.Open(trial) ?? JourneyRules.Reason(command.Reason)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        var (definition, time, unknown) = AssessmentRules.Resolve(trial, command.AssessmentCode, command.Timepoint, AssessmentKind.Vitals);
        if (unknown is not null)
        {
            return Decision.Reject(unknown);
        }

        var key = new AssessmentKey(command.Period, definition!.Code, time!.Iso);
        if (!state.Assessments.TryGetValue(key, out var recorded))
        {
            return Decision.Reject("assessment.not-recorded", $"{definition.Code} {time.Iso} of period {command.Period} is not recorded: there is nothing to correct.");
        }

        if ((AssessmentRules.Timing(trial.ClockOf(command.Subject), state, command.Subject, command.Period, time, command.MeasuredAt, now, "measuredAt")
            ?? AssessmentRules.Plausible(command.Values)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (recorded.Vitals == command.Values && recorded.ClinicalTime == command.MeasuredAt)
        {
            return Decision.Reject("correction.unchanged", "The corrected values and time are the same as the recorded ones.");
        }

        var decision = Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new VitalSignsCorrected(trial.Code, command.Subject, command.Period, by.UserId, now, definition.Code, time.Iso, command.Values, command.MeasuredAt, command.Reason.Trim()));
        decision = Queries.AutomaticQueries.WithOrderCheck(decision, state, trial.Code, command.Subject, command.Period, definition.Code, time.Iso, command.MeasuredAt);
        return AssessmentRules.WithAlert(decision, trial, command.Subject, command.Period, definition.Code, time.Iso, command.MeasuredAt, command.Values, by);
    }
}

/// <summary>Wolverine handler of <see cref="CorrectVitalSigns"/>: loads what <see cref="CorrectVitalSigns.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class CorrectVitalSignsHandler
{
    public static Task<CommandResult> Handle(CorrectVitalSigns command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            CorrectVitalSigns.Decide(state, trial, command, by, now, Queries.MonitoringState.Of(streams, command.Protocol, command.Subject)), ct, command.Reason);
}
