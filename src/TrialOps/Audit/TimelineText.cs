using System.Globalization;
using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Queries;
using TrialOps.SourceVerification;
using TrialOps.Washouts;

namespace TrialOps.Audit;

/// <summary>
/// Puts a participant's or adverse event's stored event into words for the timeline and the
/// audit trail, and names the recorded value it sets or corrects (so the value's history can be
/// shown: the original, then every correction). Reads only blinded events.
/// </summary>
public static class TimelineText
{
    /// <summary>In words, with times in UTC (an event whose site is not known).</summary>
    public static TimelineEntry Describe(StoredEvent stored) => Describe(stored, SiteClock.Utc);

    /// <summary>In words, with the times the words name on the participant's site clock (ADR 0030).</summary>
    public static TimelineEntry Describe(StoredEvent stored, SiteClock clock)
    {
        var (summary, clinical, key, value, correction) = stored.Data switch
        {
            ParticipantScreened e => ($"Screened at site {e.Site}; consent signed {Date(e.ConsentDate)} (form {e.ConsentFormVersion})", null, "Consent", $"{Date(e.ConsentDate)}, form {e.ConsentFormVersion}", false),
            ConsentCorrected e => ($"Consent corrected to {Date(e.ConsentDate)} (form {e.ConsentFormVersion})", null, "Consent", $"{Date(e.ConsentDate)}, form {e.ConsentFormVersion}", true),
            DemographicsRecorded e => ($"Demographics recorded: {Demographics(e.BirthDate, e.AgeYears, e.Sex, e.Race, e.Ethnicity)}", null, "Demographics", Demographics(e.BirthDate, e.AgeYears, e.Sex, e.Race, e.Ethnicity), false),
            DemographicsCorrected e => ($"Demographics corrected: {Demographics(e.BirthDate, e.AgeYears, e.Sex, e.Race, e.Ethnicity)}", null, "Demographics", Demographics(e.BirthDate, e.AgeYears, e.Sex, e.Race, e.Ethnicity), true),
            EligibilityConfirmed e => (e.Eligible
                ? "Eligibility confirmed: all criteria met"
                : $"Eligibility confirmed: not eligible ({string.Join(", ", e.FailedCriteria)})", null, null, null, false),
            ParticipantScreenFailed e => ($"Screen failure: {string.Join(", ", e.FailedCriteria)}", null, null, null, false),
            ParticipantRandomized e => ($"Randomized; kits {string.Join(", ", e.Periods.Select(p => $"P{p.Period} {p.Kit}"))}", null, null, null, false),
            ParticipantWithdrawn e => ($"Withdrawn ({EnumWords.Words(e.Reason).ToLowerInvariant()}): {e.Details}", e.WithdrawnAt, null, null, false),
            ParticipantCompleted e => ($"Completed all {e.PeriodsCompleted} periods", e.CompletedAt, null, null, false),
            ProtocolDeviationRecorded e => ($"Protocol deviation ({e.Kind}): {e.Description}", e.OccurredAt, null, null, false),
            SessionWeightRecorded e => ($"Period {e.Period}: weight {Number(e.WeightKg)} kg", e.MeasuredAt, $"P{e.Period} weight", $"{Number(e.WeightKg)} kg", false),
            SessionWeightCorrected e => ($"Period {e.Period}: weight corrected to {Number(e.WeightKg)} kg", e.MeasuredAt, $"P{e.Period} weight", $"{Number(e.WeightKg)} kg", true),
            DosePrepared e => ($"Period {e.Period}: kit {e.Kit} prepared by {e.PreparedBy}, " + (e.IsCheckSigned() ? $"check signed by {e.CheckedBy} ({e.CheckMeaning})" : $"checked by {e.CheckedBy} (not signed)"), e.PreparedAt, null, null, false),
            // Replacing and confirming read the same here: which of the two the pharmacy chose is its own record (ADR 0020).
            DosePreparationReplaced e => ($"Period {e.Period}: preparation re-checked for the corrected weight of {Number(e.WeightKg)} kg by {e.PreparedBy}, check signed by {e.CheckedBy} ({e.CheckMeaning})", null, null, null, true),
            DosePreparationConfirmed e => ($"Period {e.Period}: preparation re-checked for the corrected weight of {Number(e.WeightKg)} kg by {e.ConfirmedBy}, check signed by {e.CheckedBy} ({e.CheckMeaning})", null, null, null, true),
            DosingStarted e => ($"Period {e.Period}: dosing started", e.StartedAt, $"P{e.Period} dosing start", Time(clock, e.StartedAt), false),
            DosingStartCorrected e => ($"Period {e.Period}: dosing start corrected to {Time(clock, e.StartedAt)}", e.StartedAt, $"P{e.Period} dosing start", Time(clock, e.StartedAt), true),
            DosingInterrupted e => ($"Period {e.Period}: dosing interrupted ({e.Reason})", e.InterruptedAt, null, null, false),
            DosingResumed e => ($"Period {e.Period}: dosing resumed", e.ResumedAt, null, null, false),
            InfusionRateChanged e => ($"Period {e.Period}: rate changed to {Number(e.RateMlPerHour)} mL/h ({e.Reason})", e.ChangedAt, null, null, false),
            DosingStopped e => ($"Period {e.Period}: dosing stopped{(e.Completed ? string.Empty : $" early ({e.EarlyStopReason})")}", e.StoppedAt, $"P{e.Period} dosing stop", Time(clock, e.StoppedAt), false),
            DosingStopCorrected e => ($"Period {e.Period}: dosing stop corrected to {Time(clock, e.StoppedAt)}", e.StoppedAt, $"P{e.Period} dosing stop", Time(clock, e.StoppedAt), true),
            WashoutElapsed e => ($"Washout after period {e.CompletedPeriod} elapsed: ready for period {e.NextPeriod}", e.WashoutEndedAt, null, null, false),
            ScaleAssessmentRecorded e => ($"Period {e.Period}: {e.AssessmentCode} {e.Timepoint} = {Number(e.Value)}{ScaleUnits.AfterNumber(e.Unit)}", e.AssessedAt, Key(e.Period, e.AssessmentCode, e.Timepoint), $"{Number(e.Value)}{ScaleUnits.AfterNumber(e.Unit)}", false),
            ScaleAssessmentCorrected e => ($"Period {e.Period}: {e.AssessmentCode} {e.Timepoint} corrected to {Number(e.Value)}", e.AssessedAt, Key(e.Period, e.AssessmentCode, e.Timepoint), Number(e.Value), true),
            VitalSignsRecorded e => ($"Period {e.Period}: {e.AssessmentCode} {e.Timepoint}: {e.Values}", e.MeasuredAt, Key(e.Period, e.AssessmentCode, e.Timepoint), e.Values.ToString(), false),
            VitalSignsCorrected e => ($"Period {e.Period}: {e.AssessmentCode} {e.Timepoint} corrected to {e.Values}", e.MeasuredAt, Key(e.Period, e.AssessmentCode, e.Timepoint), e.Values.ToString(), true),
            SafetyAlertRaised e => ($"Safety alert, period {e.Period} {e.AssessmentCode} {e.Timepoint}: {string.Join("; ", e.Findings)}", e.MeasuredAt, null, null, false),
            AssessmentNotDone e => ($"Period {e.Period}: {e.AssessmentCode} {e.Timepoint} not done: {e.Reason}", null, Key(e.Period, e.AssessmentCode, e.Timepoint), "not done", false),
            AssessmentsMarkedOverdue e => ($"Period {e.Period}: overdue {string.Join(", ", e.Items.Select(i => $"{i.AssessmentCode} {i.Timepoint}"))}", null, null, null, false),
            AdverseEventReported e => ($"Adverse event {e.AdverseEventId}: {Details(e.Details, clock)}{PeriodText(e.Period)}", e.AwareAt, $"AE {e.AdverseEventId}", Details(e.Details, clock), false),
            AdverseEventCorrected e => ($"Adverse event {e.AdverseEventId} corrected ({string.Join(", ", e.ChangedFields)}): {Details(e.Details, clock)}", null, $"AE {e.AdverseEventId}", Details(e.Details, clock), true),
            AdverseEventOutcomeRecorded e => ($"Adverse event {e.AdverseEventId}: outcome {Lower(e.Outcome)}{(e.End is { } end ? $", ended {end.ShowOn(clock)}" : string.Empty)}", null, null, null, false),
            AdverseEventCausalityAssessed e => ($"Adverse event {e.AdverseEventId}: causality {Lower(e.Causality)}", null, null, null, false),
            SaeReportedToSponsor e => ($"SAE {e.AdverseEventId} reported to the sponsor{(e.Late ? " (late)" : string.Empty)}{(e.SponsorReference is { } reference ? $", reference {reference}" : string.Empty)}", e.ReportedAt, null, null, false),
            SaeFollowUpReported e => ($"SAE {e.AdverseEventId} follow-up {e.FollowUpNumber}: {e.Information}", e.ReportedAt, null, null, false),
            SaeReportOverdue e => ($"SAE {e.AdverseEventId} report to the sponsor overdue (due {Time(clock, e.DueAt)})", null, null, null, false),
            AdverseEventExpectednessAssessed e => ($"Adverse event {e.AdverseEventId}: {e.Expectedness.ToString().ToLowerInvariant()} (reference safety information suggested {e.Suggested.ToString().ToLowerInvariant()}{(e.MatchedTerm is { } matched ? $", term {matched}" : string.Empty)})", null, null, null, false),
            AdverseEventExpectednessReassessed e => ($"Adverse event {e.AdverseEventId}: expectedness re-assessed {(e.Previous == e.Expectedness ? $"and kept {e.Expectedness.ToString().ToLowerInvariant()}" : $"from {e.Previous.ToString().ToLowerInvariant()} to {e.Expectedness.ToString().ToLowerInvariant()}")} (reference safety information suggests {e.Suggested.ToString().ToLowerInvariant()})", null, null, null, false),
            SusarReportSubmitted e => ($"SUSAR {e.AdverseEventId}: {(e.Kind == SusarReportKind.Initial ? "initial" : "follow-up")} report submitted to {e.Authority} on {e.SubmittedOn:yyyy-MM-dd}{(e.Late ? " (late)" : string.Empty)}{(e.Reference is { } susarReference ? $", reference {susarReference}" : string.Empty)}", null, null, null, false),
            SusarReportOverdue e => ($"SUSAR {e.AdverseEventId}: {(e.Kind == SusarReportKind.Initial ? "initial" : "follow-up")} report overdue (due {e.DueOn:yyyy-MM-dd})", null, null, null, false),
            SusarTreatmentRevealed e => ($"SUSAR {e.AdverseEventId}: treatment at onset opened by the safety officer", null, null, null, false),
            QueryRaised e => ($"Query {e.Query} raised on {e.Target.Key}: {e.Text}", null, null, null, false),
            QueryAnswered e => ($"Query {e.Query} answered{(e.CorrectionVersion is { } version ? $" with the correction recorded as version {version}" : string.Empty)}: {e.Answer}", null, null, null, false),
            QueryClosed e => ($"Query {e.Query} closed{(e.Comment is { } comment ? $": {comment}" : string.Empty)}", null, null, null, false),
            QueryReopened e => ($"Query {e.Query} re-opened: {e.Text}", null, null, null, false),
            SourceDataVerified e => ($"Source data verified: {string.Join(", ", e.Items.Select(i => $"{i.Item.Key} (version {i.Version})"))}", null, null, null, false),
            _ => (stored.Type, (DateTimeOffset?)null, (string?)null, (string?)null, false),
        };
        return new TimelineEntry(
            stored.Position,
            stored.StreamId,
            stored.Version,
            stored.Type,
            stored.RecordedAt,
            stored.Metadata.ActorId,
            stored.Metadata.ActorRole,
            summary,
            clinical,
            key,
            value,
            correction,
            stored.Metadata.Reason);
    }

    private static string Key(int period, string code, string timepoint) => $"P{period} {code} {timepoint}";

    private static string Details(AdverseEventDetails d, SiteClock clock) =>
        $"{d.Term} grade {d.Grade}, onset {d.Onset.ShowOn(clock)}{(d.End is { } end ? $", end {end.ShowOn(clock)}" : string.Empty)}"
        + (d.Serious ? $", serious ({string.Join(", ", d.Seriousness.Select(Lower))})" : string.Empty)
        + $", causality {(d.Causality is { } causality ? Lower(causality) : "not judged")}, {Lower(d.ActionTaken)}, {Lower(d.Outcome)}";

    private static string Lower<T>(T value)
        where T : struct, Enum =>
        EnumWords.Words(value).ToLowerInvariant();

    private static string PeriodText(int? period) => period is { } p ? $" (period {p})" : " (before first dosing)";

    /// <summary>Demographics as the timeline shows them: born 1961-04-02 (or age 64), sex F, WHITE, NOT HISPANIC OR LATINO.</summary>
    public static string Demographics(DateOnly? birthDate, int? ageYears, string sex, string race, string ethnicity) =>
        $"{(birthDate is { } born ? $"born {Date(born)}" : $"age {ageYears}")}, sex {sex}, {race}, {ethnicity}";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(SiteClock clock, DateTimeOffset time) => clock.Show(time);

    private static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
