using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Assessments;

/// <summary>Checks shared by recording and correcting assessments.</summary>
public static class AssessmentRules
{
    /// <summary>Physiological plausibility: values outside these ranges are typing errors, not measurements.</summary>
    public static readonly (int Min, int Max) Systolic = (50, 300);
    public static readonly (int Min, int Max) Diastolic = (20, 200);
    public static readonly (int Min, int Max) HeartRate = (20, 250);
    public static readonly (int Min, int Max) Spo2 = (50, 100);

    /// <summary>The protocol's assessment and time for a code and timepoint (<c>PT20M</c>, or any ISO form of the same duration).</summary>
    public static (AssessmentDefinition? Definition, AssessmentTime? Time, Rejection? Rejection) Resolve(
        TrialContext trial, string code, string timepoint, AssessmentKind kind)
    {
        var definition = trial.Protocol.Assessments.FirstOrDefault(a => a.Code == code);
        if (definition is null)
        {
            return (null, null, new Rejection(
                "assessment.unknown",
                $"Protocol {trial.Code} has no assessment '{code}' (assessments: {string.Join(", ", trial.Protocol.Assessments.Select(a => a.Code))}).",
                "assessmentCode"));
        }

        if (definition.Kind != kind)
        {
            return (null, null, new Rejection(
                "assessment.wrong-kind",
                $"Assessment {code} is {(definition.Kind == AssessmentKind.Scale ? "a scale" : "vital signs")}, not {(kind == AssessmentKind.Scale ? "a scale" : "vital signs")}.",
                "assessmentCode"));
        }

        var time = IsoDuration.TryParse(timepoint, out var offset, out _)
            ? definition.Times.FirstOrDefault(t => t.AfterDosingStart == offset)
            : null;
        return time is null
            ? (null, null, new Rejection(
                "assessment.unknown-timepoint",
                $"Assessment {code} is not scheduled at '{timepoint}' (times: {string.Join(", ", definition.Times.Select(t => t.Iso))}).",
                "timepoint"))
            : (definition, time, null);
    }

    /// <summary>
    /// The period has begun (earlier periods dosed), the participant was in the trial at the clinical
    /// time, a post-dose value was taken after dosing started and a baseline before it.
    /// </summary>
    public static Rejection? Timing(SiteClock clock, ParticipantState state, SubjectNumber subject, int period, AssessmentTime time, DateTimeOffset clinicalTime, DateTimeOffset now, string field)
    {
        if ((JourneyRules.Exists(state, subject) ?? JourneyRules.Period(state, period) ?? JourneyRules.ClinicalTime(clock, state, clinicalTime, now, field, "measurement time")) is { } rejection)
        {
            return rejection;
        }

        if (!(state.InTreatment || (state.Status is ParticipantStatus.Withdrawn or ParticipantStatus.Completed && clinicalTime <= state.EndedAt)))
        {
            return new Rejection(
                "participant.not-in-treatment",
                $"Participant {subject} is {JourneyRules.Describe(state.Status)}{(state.EndedAt is { } ended ? $" since {clock.Show(ended)}" : string.Empty)}: no assessment can be recorded for that time.",
                field);
        }

        if (period > 1 && !state.Session(period - 1).Stopped)
        {
            return new Rejection("assessment.period-not-begun", $"Period {period} has not begun: dosing of period {period - 1} has not ended.", "period");
        }

        var session = state.Session(period);
        if (time.AfterDosingStart > TimeSpan.Zero)
        {
            if (session.StartedAt is not { } start)
            {
                return new Rejection("assessment.dosing-not-started", $"The {time.Iso} assessment counts from the start of dosing, which is not recorded for period {period}.", "timepoint");
            }

            if (clinicalTime < start)
            {
                return new Rejection("assessment.before-dosing", $"A {time.Iso} value cannot be measured before dosing started ({clock.Show(start)}).", field);
            }
        }
        else if (session.StartedAt is { } start && clinicalTime > start)
        {
            return new Rejection("assessment.baseline-after-dosing", $"The pre-dose baseline must be measured before dosing started ({clock.Show(start)}).", field);
        }

        return null;
    }

    public static Rejection? ScaleValue(AssessmentDefinition definition, decimal value) =>
        definition.Scale is { } scale && (value < scale.Min || value > scale.Max)
            ? new Rejection(
                "assessment.value-out-of-range",
                $"{definition.Code} {value} {scale.Unit} is outside the scale {scale.Min}–{scale.Max} {scale.Unit}.",
                "value")
            : null;

    public static Rejection? Plausible(VitalSigns values)
    {
        static Rejection? Range(int value, (int Min, int Max) range, string name, string unit, string field) =>
            value < range.Min || value > range.Max
                ? new Rejection("assessment.vitals-implausible", $"{name} {value} {unit} is not plausible (expected {range.Min}–{range.Max} {unit}).", field)
                : null;

        return Range(values.SystolicMmHg, Systolic, "Systolic pressure", "mmHg", "systolicMmHg")
            ?? Range(values.DiastolicMmHg, Diastolic, "Diastolic pressure", "mmHg", "diastolicMmHg")
            ?? Range(values.HeartRatePerMin, HeartRate, "Heart rate", "/min", "heartRatePerMin")
            ?? Range(values.Spo2Percent, Spo2, "SpO2", "%", "spo2Percent")
            ?? (values.DiastolicMmHg >= values.SystolicMmHg
                ? new Rejection("assessment.vitals-implausible", $"Diastolic pressure {values.DiastolicMmHg} mmHg must be below systolic {values.SystolicMmHg} mmHg.", "diastolicMmHg")
                : null);
    }

    /// <summary>Each protocol vital-sign limit the values exceed, in words; empty when none.</summary>
    public static IReadOnlyList<string> LimitFindings(ProtocolDefinition protocol, VitalSigns values) =>
        LimitFindings(protocol.Safety.VitalLimits, values);

    /// <summary>Each of <paramref name="vitalLimits"/> the values exceed, in words; empty when none (or no limits).</summary>
    public static IReadOnlyList<string> LimitFindings(VitalLimits? vitalLimits, VitalSigns values)
    {
        if (vitalLimits is not { } limits)
        {
            return [];
        }

        var findings = new List<string>();
        if (limits.SystolicMax is { } systolicMax && values.SystolicMmHg > systolicMax)
        {
            findings.Add($"systolic {values.SystolicMmHg} mmHg above {systolicMax}");
        }

        if (limits.DiastolicMax is { } diastolicMax && values.DiastolicMmHg > diastolicMax)
        {
            findings.Add($"diastolic {values.DiastolicMmHg} mmHg above {diastolicMax}");
        }

        if (limits.HeartRateMax is { } heartRateMax && values.HeartRatePerMin > heartRateMax)
        {
            findings.Add($"heart rate {values.HeartRatePerMin}/min above {heartRateMax}");
        }

        if (limits.Spo2Min is { } spo2Min && values.Spo2Percent < spo2Min)
        {
            findings.Add($"SpO2 {values.Spo2Percent}% below {spo2Min}");
        }

        return findings;
    }

    /// <summary>Adds the alert event and message to a decision when the values exceed a limit.</summary>
    public static Decision WithAlert(Decision decision, TrialContext trial, SubjectNumber subject, int period, string code, string timepoint, DateTimeOffset measuredAt, VitalSigns values, Actor by)
    {
        var findings = LimitFindings(trial.Protocol, values);
        if (findings.Count == 0)
        {
            return decision;
        }

        var stream = ParticipantStreams.For(trial.Code, subject);
        return decision
            .And(stream, new SafetyAlertRaised(trial.Code, subject, period, by.UserId, measuredAt, code, timepoint, values, findings))
            .Send(new OutgoingMessage(
                SafetyAlertMessage.MessageType,
                new SafetyAlertMessage(trial.Code, subject, period, code, timepoint, measuredAt, findings),
                OrderingKey: stream));
    }
}
