using System.Text.Json.Nodes;
using TrialOps.Assessments;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Washouts;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Journey;

public class WashoutAndAssessmentDecisionTests
{
    private static readonly DateTimeOffset WashoutEnd = Period1Stop.AddDays(7);

    [Fact]
    public void the_washout_message_makes_the_participant_ready_for_the_next_period_once()
    {
        var elapsed = Single<WashoutElapsed>(RecordWashoutElapsed.Decide(State(Period1Dosed()), Trial, new RecordWashoutElapsed(Code, Subject, 1), Scheduler, WashoutEnd.AddMinutes(1)));

        Assert.Equal((1, 2, WashoutEnd, "system"), (elapsed.CompletedPeriod, elapsed.NextPeriod, elapsed.WashoutEndedAt, elapsed.RecordedBy));
        Assert.Empty(RecordWashoutElapsed.Decide(State([.. Period1Dosed(), elapsed]), Trial, new RecordWashoutElapsed(Code, Subject, 1), Scheduler, WashoutEnd.AddMinutes(2)).Events);
    }

    [Fact]
    public void an_early_or_stale_washout_message_records_nothing()
    {
        Assert.Equal(Decision.None, RecordWashoutElapsed.Decide(State(Period1Dosed()), Trial, new RecordWashoutElapsed(Code, Subject, 1), Scheduler, WashoutEnd.AddMinutes(-1)));
        Assert.Equal(Decision.None, RecordWashoutElapsed.Decide(State([.. ReadyForPeriod2(), Started(2, WashoutEnd.AddHours(1))]), Trial, new RecordWashoutElapsed(Code, Subject, 1), Scheduler, Now));
        var withdrawn = new ParticipantWithdrawn(Code, Subject, "u", Period1Stop.AddDays(1), WithdrawalReason.Other, "x");
        Assert.Equal(Decision.None, RecordWashoutElapsed.Decide(State([.. Period1Dosed(), withdrawn]), Trial, new RecordWashoutElapsed(Code, Subject, 1), Scheduler, Now));
    }

    [Fact]
    public void a_scale_value_outside_the_protocols_range_is_refused()
    {
        var rejection = Rejected(
            RecordScaleAssessment.Decide(State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]), Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", Period1Start.AddMinutes(20), 101m), Nurse, Now),
            "assessment.value-out-of-range");

        Assert.Contains("0–100 mm", rejection.Message);
    }

    [Fact]
    public void a_timepoint_or_assessment_the_protocol_does_not_schedule_is_refused()
    {
        var running = State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);
        Rejected(RecordScaleAssessment.Decide(running, Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT30M", Period1Start.AddMinutes(30), 40m), Nurse, Now), "assessment.unknown-timepoint");
        Rejected(RecordScaleAssessment.Decide(running, Trial, new RecordScaleAssessment(Code, Subject, 1, "SEDATION", "PT20M", Period1Start.AddMinutes(20), 4m), Nurse, Now), "assessment.unknown");
        Rejected(RecordScaleAssessment.Decide(running, Trial, new RecordScaleAssessment(Code, Subject, 1, "VITALS", "PT20M", Period1Start.AddMinutes(20), 4m), Nurse, Now), "assessment.wrong-kind");
    }

    [Fact]
    public void any_iso_spelling_of_a_scheduled_time_is_the_protocols_timepoint()
    {
        var recorded = Single<ScaleAssessmentRecorded>(RecordScaleAssessment.Decide(
            State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]), Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT1H", Period1Start.AddMinutes(61), 35m), Nurse, Now));

        Assert.Equal(("PT60M", "mm"), (recorded.Timepoint, recorded.Unit));
    }

    [Fact]
    public void post_dose_values_need_the_dosing_start_and_baselines_precede_it()
    {
        var running = State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);

        Rejected(RecordScaleAssessment.Decide(State(Enrolled()), Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", Period1Start, 40m), Nurse, Now), "assessment.dosing-not-started");
        Rejected(RecordScaleAssessment.Decide(running, Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", Period1Start.AddMinutes(-1), 40m), Nurse, Now), "assessment.before-dosing");
        Rejected(RecordScaleAssessment.Decide(running, Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT0M", Period1Start.AddMinutes(5), 40m), Nurse, Now), "assessment.baseline-after-dosing");
        Single<ScaleAssessmentRecorded>(RecordScaleAssessment.Decide(State(Enrolled()), Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT0M", Period1Start.AddMinutes(-10), 72m), Nurse, Now));
        Rejected(RecordScaleAssessment.Decide(State(Enrolled()), Trial, new RecordScaleAssessment(Code, Subject, 2, "PAIN", "PT0M", Period1Start.AddMinutes(-10), 72m), Nurse, Now), "assessment.period-not-begun");
    }

    [Fact]
    public void late_entry_with_the_clinical_time_is_normal_but_a_future_clinical_time_is_refused()
    {
        var running = State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);

        var late = Single<ScaleAssessmentRecorded>(RecordScaleAssessment.Decide(running, Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", Period1Start.AddMinutes(21), 40m), Nurse, Now));
        Assert.Equal(Period1Start.AddMinutes(21), late.AssessedAt);
        Rejected(RecordScaleAssessment.Decide(running, Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", Now.AddMinutes(5), 40m), Nurse, Now), "clinical-time-in-future");
    }

    [Fact]
    public void a_value_already_recorded_is_corrected_with_a_reason_not_recorded_twice()
    {
        var recorded = new ScaleAssessmentRecorded(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(20), "PAIN", "PT20M", 40m, "mm");
        var state = State([.. Enrolled(), Weight(1), Prepared(1), Started(1), recorded]);

        Rejected(RecordScaleAssessment.Decide(state, Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", Period1Start.AddMinutes(21), 45m), Nurse, Now), "assessment.already-recorded");
        Rejected(CorrectScaleAssessment.Decide(state, Trial, new CorrectScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", 45m, Period1Start.AddMinutes(20), " "), Nurse, Now), "reason-required");
        var corrected = Single<ScaleAssessmentCorrected>(CorrectScaleAssessment.Decide(state, Trial, new CorrectScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", 45m, Period1Start.AddMinutes(20), "Misread the ruler"), Nurse, Now));

        var current = State([.. Enrolled(), Weight(1), Prepared(1), Started(1), recorded, corrected]).Assessments[new AssessmentKey(1, "PAIN", "PT20M")];
        Assert.Equal((45m, 1), (current.Value, current.Corrections));
        Rejected(CorrectScaleAssessment.Decide(state, Trial, new CorrectScaleAssessment(Code, Subject, 1, "PAIN", "PT40M", 45m, Period1Start.AddMinutes(40), "x"), Nurse, Now), "assessment.not-recorded");
    }

    [Theory]
    [InlineData(49, 40, 70, 97, "systolicMmHg")]
    [InlineData(301, 80, 70, 97, "systolicMmHg")]
    [InlineData(120, 19, 70, 97, "diastolicMmHg")]
    [InlineData(120, 201, 70, 97, "diastolicMmHg")]
    [InlineData(120, 80, 19, 97, "heartRatePerMin")]
    [InlineData(120, 80, 251, 97, "heartRatePerMin")]
    [InlineData(120, 80, 70, 49, "spo2Percent")]
    [InlineData(120, 80, 70, 101, "spo2Percent")]
    [InlineData(100, 100, 70, 97, "diastolicMmHg")]
    public void physiologically_implausible_vital_signs_are_refused(int systolic, int diastolic, int heartRate, int spo2, string field)
    {
        var rejection = Rejected(
            RecordVitalSigns.Decide(State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]), Trial, new RecordVitalSigns(Code, Subject, 1, "VITALS", "PT10M", Period1Start.AddMinutes(10), new VitalSigns(systolic, diastolic, heartRate, spo2)), Nurse, Now),
            "assessment.vitals-implausible");

        Assert.Equal(field, rejection.Field);
    }

    [Fact]
    public void vital_signs_within_the_limits_raise_no_alert()
    {
        var decision = RecordVitalSigns.Decide(State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]), Trial, new RecordVitalSigns(Code, Subject, 1, "VITALS", "PT10M", Period1Start.AddMinutes(10), NormalVitals), Nurse, Now);

        Single<VitalSignsRecorded>(decision);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void vital_signs_beyond_the_protocols_limits_are_recorded_and_raise_a_safety_alert()
    {
        var values = new VitalSigns(190, 112, 125, 90);

        var decision = RecordVitalSigns.Decide(State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]), Trial, new RecordVitalSigns(Code, Subject, 1, "VITALS", "PT10M", Period1Start.AddMinutes(10), values), Nurse, Now);

        Assert.Equal(values, Event<VitalSignsRecorded>(decision).Values);
        var alert = Event<SafetyAlertRaised>(decision);
        Assert.Equal(["systolic 190 mmHg above 180", "diastolic 112 mmHg above 110", "heart rate 125/min above 120", "SpO2 90% below 92"], alert.Findings);
        var message = Assert.Single(decision.Messages);
        Assert.Equal(SafetyAlertMessage.MessageType, message.Type);
        Assert.Equal(1, State([.. Enrolled(), .. decision.Events.Select(e => e.Data)]).SafetyAlerts);
    }

    [Fact]
    public void without_vital_limits_in_the_protocol_no_alert_is_raised()
    {
        var trial = TrialWith(root => root["safety"] = JsonNode.Parse("""{ "saeReportHours": 24 }"""));

        var decision = RecordVitalSigns.Decide(State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]), trial, new RecordVitalSigns(Code, Subject, 1, "VITALS", "PT10M", Period1Start.AddMinutes(10), new VitalSigns(190, 112, 125, 90)), Nurse, Now);

        Single<VitalSignsRecorded>(decision);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void a_vital_signs_correction_beyond_the_limits_raises_an_alert_too()
    {
        var recorded = new VitalSignsRecorded(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(10), "VITALS", "PT10M", NormalVitals);
        var state = State([.. Enrolled(), Weight(1), Prepared(1), Started(1), recorded]);

        var decision = CorrectVitalSigns.Decide(state, Trial, new CorrectVitalSigns(Code, Subject, 1, "VITALS", "PT10M", NormalVitals with { SystolicMmHg = 185 }, Period1Start.AddMinutes(10), "Digits swapped"), Nurse, Now);

        Assert.Equal("Digits swapped", Event<VitalSignsCorrected>(decision).Reason);
        Event<SafetyAlertRaised>(decision);
    }

    [Fact]
    public void the_scheduler_marks_assessments_past_their_deadline_and_schedules_the_next_check()
    {
        var recorded = new ScaleAssessmentRecorded(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(-5), "PAIN", "PT0M", 70m, "mm");
        var state = State([.. Enrolled(), Weight(1), Prepared(1), recorded, Started(1)]);
        var at = Period1Start.AddMinutes(31);

        var decision = MarkAssessmentsOverdue.Decide(state, Trial, new MarkAssessmentsOverdue(Code, Subject, 1), Scheduler, at);

        var marked = Event<AssessmentsMarkedOverdue>(decision);
        Assert.Equal(["VITALS PT0M", "VITALS PT10M", "PAIN PT20M", "VITALS PT20M"], marked.Items.Select(i => $"{i.AssessmentCode} {i.Timepoint}"));
        Assert.Equal(Period1Start.AddMinutes(40), Assert.Single(decision.Messages).DeliverAt);

        var again = MarkAssessmentsOverdue.Decide(State([.. Enrolled(), Weight(1), Prepared(1), recorded, Started(1), marked]), Trial, new MarkAssessmentsOverdue(Code, Subject, 1), Scheduler, at);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void assessment_tolerance_is_a_tenth_of_the_time_but_at_least_ten_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), AssessmentWindows.Tolerance(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMinutes(12), AssessmentWindows.Tolerance(TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromMinutes(144), AssessmentWindows.Tolerance(TimeSpan.FromHours(24)));
    }
}
