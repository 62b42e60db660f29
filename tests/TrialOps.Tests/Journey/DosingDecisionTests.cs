using System.Text.Json.Nodes;
using TrialOps.Assessments;
using TrialOps.Dosing;
using TrialOps.Participants;
using TrialOps.Randomization;
using TrialOps.Tests.Dosing;
using TrialOps.Washouts;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Journey;

public class DosingDecisionTests
{
    [Theory]
    [InlineData(19.9)]
    [InlineData(351)]
    public void an_implausible_session_weight_is_refused(double kg) =>
        Rejected(RecordSessionWeight.Decide(State(Enrolled()), Trial, new RecordSessionWeight(Code, Subject, 1, Period1Start, (decimal)kg), Nurse, Now), "dosing.weight-implausible");

    [Fact]
    public void the_weight_is_recorded_for_the_current_period_only_and_once()
    {
        Single<SessionWeightRecorded>(RecordSessionWeight.Decide(State(Enrolled()), Trial, new RecordSessionWeight(Code, Subject, 1, Period1Start, 70.4m), Nurse, Now));
        Rejected(RecordSessionWeight.Decide(State(Enrolled()), Trial, new RecordSessionWeight(Code, Subject, 2, Period1Start, 70.4m), Nurse, Now), "dosing.not-current-period");
        Rejected(RecordSessionWeight.Decide(State([.. Enrolled(), Weight(1)]), Trial, new RecordSessionWeight(Code, Subject, 1, Period1Start, 70.4m), Nurse, Now), "dosing.weight-already-recorded");
        Rejected(RecordSessionWeight.Decide(State(Screened(), Eligible()), Trial, new RecordSessionWeight(Code, Subject, 1, Period1Start, 70.4m), Nurse, Now), "participant.not-in-treatment");
    }

    [Fact]
    public void a_weight_correction_needs_a_reason_and_keeps_the_original_in_the_stream()
    {
        var state = State([.. Enrolled(), Weight(1, 70m)]);
        Rejected(CorrectSessionWeight.Decide(state, Trial, new CorrectSessionWeight(Code, Subject, 1, 72m, Period1Start, ""), Nurse, Now), "reason-required");

        var corrected = Single<SessionWeightCorrected>(CorrectSessionWeight.Decide(state, Trial, new CorrectSessionWeight(Code, Subject, 1, 72m, Period1Start, "Scale not zeroed"), Nurse, Now));

        Assert.Equal(72m, State([.. Enrolled(), Weight(1, 70m), corrected]).Session(1).WeightKg);
        Assert.Equal("Scale not zeroed", corrected.Reason);
    }

    [Fact]
    public void only_the_pharmacist_records_a_preparation_checked_by_a_second_person()
    {
        var state = State([.. Enrolled(), Weight(1)]);

        Rejected(RecordDosePreparation.Decide(state, Trial, new RecordDosePreparation(Code, Subject, 1, Kit1, Period1Start, "u-technician", DoseCheckFixtures.Password), Nurse, Now, DoseCheckFixtures.Technician, DoseCheckFixtures.Secrets), "not-permitted");
        Rejected(RecordDosePreparation.Decide(state, Trial, new RecordDosePreparation(Code, Subject, 1, Kit1, Period1Start, Pharmacist.UserId), Pharmacist, Now, DoseCheckFixtures.Technician, DoseCheckFixtures.Secrets), "dosing.same-checker");
        Rejected(RecordDosePreparation.Decide(state, Trial, new RecordDosePreparation(Code, Subject, 1, Kit1, Period1Start, " "), Pharmacist, Now, DoseCheckFixtures.Technician, DoseCheckFixtures.Secrets), "dosing.check-required");
        var prepared = Single<DosePrepared>(RecordDosePreparation.Decide(state, Trial, new RecordDosePreparation(Code, Subject, 1, Kit1, Period1Start, "u-technician", DoseCheckFixtures.Password), Pharmacist, Now, DoseCheckFixtures.Technician, DoseCheckFixtures.Secrets));
        Assert.Equal((Kit1, "u-technician", Pharmacist.UserId, 70m), (prepared.Kit, prepared.CheckedBy, prepared.PreparedBy, prepared.WeightKg));
    }

    [Fact]
    public void a_kit_not_assigned_to_the_period_is_refused() =>
        Rejected(RecordDosePreparation.Decide(State([.. Enrolled(), Weight(1)]), Trial, new RecordDosePreparation(Code, Subject, 1, Kit2, Period1Start, "u-technician", DoseCheckFixtures.Password), Pharmacist, Now, DoseCheckFixtures.Technician, DoseCheckFixtures.Secrets), "dosing.wrong-kit");

    [Fact]
    public void a_preparation_needs_the_session_weight() =>
        Rejected(RecordDosePreparation.Decide(State(Enrolled()), Trial, new RecordDosePreparation(Code, Subject, 1, Kit1, Period1Start, "u-technician", DoseCheckFixtures.Password), Pharmacist, Now, DoseCheckFixtures.Technician, DoseCheckFixtures.Secrets), "dosing.no-weight");

    [Fact]
    public void dosing_cannot_start_before_the_kit_is_prepared() =>
        Rejected(StartDosing.Decide(State([.. Enrolled(), Weight(1)]), Trial, new StartDosing(Code, Subject, 1, Period1Start), Nurse, Now), "dosing.not-prepared");

    [Fact]
    public void a_dosing_start_in_the_future_is_refused() =>
        Rejected(StartDosing.Decide(State([.. Enrolled(), Weight(1), Prepared(1)]), Trial, new StartDosing(Code, Subject, 1, Now.AddHours(1)), Nurse, Now), "clinical-time-in-future");

    [Fact]
    public void dose_before_washout_has_elapsed_is_refused()
    {
        var rejection = Rejected(
            StartDosing.Decide(State(ReadyForPeriod2()), Trial, new StartDosing(Code, Subject, 2, Period1Stop.AddDays(6)), Nurse, Now),
            "dosing.washout-not-elapsed");

        Assert.StartsWith("Washout ends 2026-11-28 10:40 UTC (P7D after the end of period 1 dosing)", rejection.Message);
        Assert.Equal("startedAt", rejection.Field);
    }

    [Fact]
    public void a_washout_refusal_names_the_times_on_the_participants_site_clock()
    {
        // S01 in Sydney: the washout ends 2026-11-28 10:40 UTC, which is 21:40 there (daylight saving time, +11:00).
        var sydney = TrialWith(root => root["sites"]![0]!["timeZone"] = "Australia/Sydney");

        var rejection = Rejected(
            StartDosing.Decide(State(ReadyForPeriod2()), sydney, new StartDosing(Code, Subject, 2, Period1Stop.AddDays(6)), Nurse, Now),
            "dosing.washout-not-elapsed");

        Assert.StartsWith("Washout ends 2026-11-28 21:40 +11:00 (P7D after the end of period 1 dosing): dosing cannot start at 2026-11-27 21:40 +11:00.", rejection.Message);
        Assert.DoesNotContain("UTC", rejection.Message, StringComparison.Ordinal);

        var deviation = Event<ProtocolDeviationRecorded>(StartDosingBeforeWashout.Decide(
            State(ReadyForPeriod2()), sydney, new StartDosingBeforeWashout(Code, Subject, 2, Period1Stop.AddDays(6), "Travels abroad"), Investigator, Now));
        Assert.Equal(
            "Dosing of period 2 started 2026-11-27 21:40 +11:00, 1 d 0 h 0 min before the washout ended. Washout ends 2026-11-28 21:40 +11:00 (P7D after the end of period 1 dosing).",
            deviation.Description);
    }

    [Fact]
    public void a_time_before_the_previous_step_is_refused_with_both_times_on_the_site_clock()
    {
        var amsterdam = TrialWith(root => root["sites"]![0]!["timeZone"] = "Europe/Amsterdam");
        var running = State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);

        var rejection = Rejected(StopDosing.Decide(running, amsterdam, new StopDosing(Code, Subject, 1, Period1Start.AddMinutes(-5), true, null), Nurse, Now), "dosing.time-out-of-order");

        // 2026-11-21 is winter time in Amsterdam: UTC+01:00.
        Assert.Equal("The end of dosing (2026-11-21 10:55 +01:00) cannot precede its start (2026-11-21 11:00 +01:00).", rejection.Message);
    }

    [Fact]
    public void a_dose_after_the_washout_starts_the_period_and_schedules_its_first_assessment_deadline()
    {
        var start = Period1Stop.AddDays(7);

        var decision = StartDosing.Decide(State(ReadyForPeriod2()), Trial, new StartDosing(Code, Subject, 2, start), Nurse, Now);

        Assert.Equal(start, Single<DosingStarted>(decision).StartedAt);
        var message = Assert.Single(decision.Messages);
        Assert.Equal(AssessmentDeadlineMessage.MessageType, message.Type);
        Assert.Equal(start.AddMinutes(10), message.DeliverAt);
        Assert.Equal(ParticipantStream, message.OrderingKey);
    }

    [Fact]
    public void a_start_before_the_washout_is_recorded_only_as_a_deviation_by_an_investigator_with_a_reason()
    {
        var early = new StartDosingBeforeWashout(Code, Subject, 2, Period1Stop.AddDays(6), "Participant travels abroad next week; sponsor agreed");

        Rejected(StartDosingBeforeWashout.Decide(State(ReadyForPeriod2()), Trial, early, Nurse, Now), "not-permitted");
        Rejected(StartDosingBeforeWashout.Decide(State(ReadyForPeriod2()), Trial, early with { Reason = "" }, Investigator, Now), "reason-required");

        var decision = StartDosingBeforeWashout.Decide(State(ReadyForPeriod2()), Trial, early, Investigator, Now);

        Assert.Equal(early.StartedAt, Event<DosingStarted>(decision).StartedAt);
        var deviation = Event<ProtocolDeviationRecorded>(decision);
        Assert.Equal((ProtocolDeviationKinds.WashoutNotElapsed, early.Reason, 2, Investigator.UserId), (deviation.Kind, deviation.Reason, deviation.Period, deviation.ApprovedBy));
        Assert.Contains("Washout ends 2026-11-28 10:40 UTC", deviation.Description);
        Assert.True(State([.. ReadyForPeriod2(), .. decision.Events.Select(e => e.Data)]).Session(2).StartedAsDeviation);
    }

    [Fact]
    public void the_deviation_path_is_refused_when_the_washout_has_elapsed() =>
        Rejected(StartDosingBeforeWashout.Decide(State(ReadyForPeriod2()), Trial, new StartDosingBeforeWashout(Code, Subject, 2, Period1Stop.AddDays(8), "none"), Investigator, Now), "dosing.no-deviation");

    [Fact]
    public void stopping_a_period_schedules_the_washout_message_for_the_end_of_the_washout()
    {
        var decision = StopDosing.Decide(State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]), Trial, new StopDosing(Code, Subject, 1, Period1Stop, true, null), Nurse, Now);

        Single<DosingStopped>(decision);
        var message = Assert.Single(decision.Messages);
        Assert.Equal((WashoutElapsedMessage.MessageType, Period1Stop.AddDays(7)), (message.Type, message.DeliverAt));
        Assert.Equal(new WashoutElapsedMessage(Code, Subject, 1, Period1Stop.AddDays(7)), message.Payload);
    }

    [Fact]
    public void the_last_period_has_no_washout_after_it()
    {
        var decision = StopDosing.Decide(State([.. ReadyForPeriod2(), Started(2, Period1Stop.AddDays(8))]), Trial, new StopDosing(Code, Subject, 2, Period1Stop.AddDays(8).AddMinutes(40), true, null), Nurse, Now);

        Single<DosingStopped>(decision);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void an_early_stop_needs_a_reason_and_a_stop_cannot_precede_the_start()
    {
        var running = State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);

        Rejected(StopDosing.Decide(running, Trial, new StopDosing(Code, Subject, 1, Period1Stop, false, null), Nurse, Now), "dosing.early-stop-reason-required");
        Rejected(StopDosing.Decide(running, Trial, new StopDosing(Code, Subject, 1, Period1Start.AddMinutes(-1), true, null), Nurse, Now), "dosing.time-out-of-order");
        Assert.False(Single<DosingStopped>(StopDosing.Decide(running, Trial, new StopDosing(Code, Subject, 1, Period1Stop, false, "Agitation"), Nurse, Now)).Completed);
    }

    [Fact]
    public void a_stop_reason_fits_the_sdtm_ex_adjustment_so_the_export_cannot_fail_on_it()
    {
        var running = State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);
        var longest = new string('x', StopDosing.MaxReasonLength);

        Assert.Equal("earlyStopReason", Rejected(StopDosing.Decide(running, Trial, new StopDosing(Code, Subject, 1, Period1Stop, false, longest + "y"), Nurse, Now), "dosing.reason-too-long").Field);
        Assert.Equal("earlyStopReason", Rejected(StopDosing.Decide(running, Trial, new StopDosing(Code, Subject, 1, Period1Stop, false, longest[1..] + "≥"), Nurse, Now), "dosing.reason-too-long").Field);
        Assert.Equal(longest, Single<DosingStopped>(StopDosing.Decide(running, Trial, new StopDosing(Code, Subject, 1, Period1Stop, false, longest), Nurse, Now)).EarlyStopReason);
        Assert.Equal("shortInfusionReason", Rejected(StopDosing.Decide(running, Trial, new StopDosing(Code, Subject, 1, Period1Start.AddMinutes(5), true, null, true, longest + "y"), Nurse, Now), "dosing.reason-too-long").Field);
    }

    [Fact]
    public void interruptions_need_a_reason_and_are_resumed_after_they_began()
    {
        var running = State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);
        Rejected(InterruptDosing.Decide(running, Trial, new InterruptDosing(Code, Subject, 1, Period1Start.AddMinutes(10), ""), Nurse, Now), "dosing.interruption-reason-required");
        Rejected(ResumeDosing.Decide(running, Trial, new ResumeDosing(Code, Subject, 1, Period1Start.AddMinutes(15)), Nurse, Now), "dosing.not-interrupted");

        var interrupted = Single<DosingInterrupted>(InterruptDosing.Decide(running, Trial, new InterruptDosing(Code, Subject, 1, Period1Start.AddMinutes(10), "Line occluded"), Nurse, Now));
        var paused = State([.. Enrolled(), Weight(1), Prepared(1), Started(1), interrupted]);

        Rejected(ResumeDosing.Decide(paused, Trial, new ResumeDosing(Code, Subject, 1, Period1Start.AddMinutes(5)), Nurse, Now), "dosing.time-out-of-order");
        Single<DosingResumed>(ResumeDosing.Decide(paused, Trial, new ResumeDosing(Code, Subject, 1, Period1Start.AddMinutes(16)), Nurse, Now));
        Rejected(StopDosing.Decide(paused, Trial, new StopDosing(Code, Subject, 1, Period1Start.AddMinutes(5), true, null), Nurse, Now), "dosing.time-out-of-order");
    }

    [Fact]
    public void a_rate_change_is_recorded_in_ml_per_hour_with_its_reason_while_running()
    {
        var running = State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);

        var changed = Single<InfusionRateChanged>(ChangeInfusionRate.Decide(running, Trial, new ChangeInfusionRate(Code, Subject, 1, Period1Start.AddMinutes(5), 42m, "Burning at the cannula"), Nurse, Now));

        Assert.Equal(42m, changed.RateMlPerHour);
        Rejected(ChangeInfusionRate.Decide(running, Trial, new ChangeInfusionRate(Code, Subject, 1, Period1Start.AddMinutes(5), 0m, "x"), Nurse, Now), "dosing.rate-implausible");
        Rejected(ChangeInfusionRate.Decide(State(Period1Dosed()), Trial, new ChangeInfusionRate(Code, Subject, 1, Period1Start.AddMinutes(5), 40m, "x"), Nurse, Now), "dosing.not-running");
    }

    [Fact]
    public void a_corrected_stop_time_keeps_the_reason_and_moves_the_washout_message()
    {
        var corrected = CorrectDosingTime.Decide(State(Period1Dosed()), Trial, new CorrectDosingTime(Code, Subject, 1, DosingTime.Stop, Period1Stop.AddMinutes(5), "Pump log shows 10:45"), Nurse, Now);

        var correction = Event<DosingStopCorrected>(corrected);
        Assert.Equal(("Pump log shows 10:45", Period1Stop.AddMinutes(5)), (correction.Reason, correction.StoppedAt));
        Assert.Equal(Period1Stop.AddMinutes(5).AddDays(7), Assert.Single(corrected.Messages).DeliverAt);
        Rejected(CorrectDosingTime.Decide(State(Period1Dosed()), Trial, new CorrectDosingTime(Code, Subject, 1, DosingTime.Stop, Period1Stop.AddMinutes(5), ""), Nurse, Now), "reason-required");
    }

    [Fact]
    public void a_corrected_stop_that_breaks_the_washout_is_a_deviation_an_investigator_must_record()
    {
        var period2Start = Period1Stop.AddDays(7).AddMinutes(10);
        var state = State([.. ReadyForPeriod2(), Started(2, period2Start)]);
        var command = new CorrectDosingTime(Code, Subject, 1, DosingTime.Stop, Period1Stop.AddMinutes(30), "Pump log shows 11:10");

        Rejected(CorrectDosingTime.Decide(state, Trial, command, Nurse, Now), "dosing.washout-not-elapsed");
        var decision = CorrectDosingTime.Decide(state, Trial, command, Investigator, Now);

        Event<DosingStopCorrected>(decision);
        Assert.Equal(2, Event<ProtocolDeviationRecorded>(decision).Period);
    }

    [Fact]
    public void blinded_staff_see_the_matched_volume_and_duration_of_ket_np_01()
    {
        var instruction = BlindedDoseInstruction.For(Ket, 70m);

        Assert.Equal("Study infusion, 35 mL over 40 min", instruction.Text);
        Assert.Equal((35m, TimeSpan.FromMinutes(40)), (instruction.VolumeMl, instruction.Duration));
    }

    [Fact]
    public void above_the_cap_both_arms_keep_the_uncapped_volume_at_the_bedside()
    {
        var instruction = BlindedDoseInstruction.For(Ket, 110m);

        Assert.Equal("Study infusion, 55 mL over 40 min", instruction.Text);
        Assert.Equal(55m, instruction.VolumeMl);
    }

    [Fact]
    public void arms_with_different_units_and_no_ml_show_only_the_duration()
    {
        var trial = TrialWith(root =>
        {
            root["treatments"]![1]!["components"] = JsonNode.Parse("""[{ "kind": "infusion", "dose": 0.05, "unit": "mg/kg", "minutes": 40 }]""");
            root["treatments"]![0]!.AsObject().Remove("maxTotal");
        });

        Assert.Equal("Study infusion over 40 min", BlindedDoseInstruction.For(trial.Protocol, 70m).Text);
    }

    [Fact]
    public void the_pharmacy_view_names_the_treatment_and_dose_while_the_blinded_text_is_the_same_for_both_arms()
    {
        var list = List();
        var enrolled = EnrollParticipant.Decide(State(Screened(), Eligible()), Trial, [list], new EnrollParticipant(Code, Subject), Coordinator, Now);
        object[] listEvents = [list, .. enrolled.Events.Where(e => e.StreamId != ParticipantStream).Select(e => e.Data)];
        var participant = State([Screened(), Eligible(), .. enrolled.Events.Where(e => e.StreamId == ParticipantStream).Select(e => e.Data), new SessionWeightRecorded(Code, Subject, 1, "u", Period1Start, 70m), new SessionWeightRecorded(Code, Subject, 2, "u", Period1Start, 70m)]);

        var p1 = PharmacyDoses.For(Ket, participant, listEvents, 1);
        var p2 = PharmacyDoses.For(Ket, participant, listEvents, 2);

        Assert.Equal(["KET", "PBO"], new[] { p1.TreatmentCode, p2.TreatmentCode }.Order());
        var active = p1.Placebo ? p2 : p1;
        Assert.Equal(35m, active.Dose!.Total);
        Assert.Equal(participant.Kits[1], p1.Kit);
        Assert.Equal(p1.Blinded, BlindedDoseInstruction.For(Ket, 70m));
        Assert.Equal(p1.Blinded!.Text, p2.Blinded!.Text);
    }
}

/// <summary>Issue 10: implausible clinical times are refused with the reason.</summary>
public class ClinicalTimePlausibilityTests
{
    [Fact]
    public void a_dosing_start_before_the_consent_is_refused() =>
        Rejected(StartDosing.Decide(State([.. Enrolled(), Weight(1), Prepared(1)]), Trial, new StartDosing(Code, Subject, 1, DateTimeOffset.MinValue), Nurse, Now), "clinical-time-before-consent");

    [Fact]
    public void a_time_correction_to_1970_is_refused()
    {
        var state = State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);
        var rejection = CorrectDosingTime.Decide(state, Trial, new CorrectDosingTime(Code, Subject, 1, DosingTime.Start, new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero), "typo"), Nurse, Now).Rejection;
        Assert.Equal("clinical-time-before-consent", rejection?.Code);
    }

    [Fact]
    public void dosing_cannot_start_before_the_kit_was_prepared_or_the_participant_weighed()
    {
        var prepared = Prepared(1);
        var state = State([.. Enrolled(), Weight(1), prepared]);

        var rejection = StartDosing.Decide(state, Trial, new StartDosing(Code, Subject, 1, prepared.PreparedAt.AddMinutes(-1)), Nurse, Now).Rejection;

        Assert.Equal(("dosing.time-out-of-order", "startedAt"), (rejection?.Code, rejection?.Field));
        Assert.Contains("preparation", rejection!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_kit_cannot_be_prepared_before_the_weighing_it_is_calculated_from()
    {
        var weight = Weight(1);
        var rejection = RecordDosePreparation.Decide(State([.. Enrolled(), weight]), Trial, new RecordDosePreparation(Code, Subject, 1, Kit1, weight.MeasuredAt.AddMinutes(-5), "u-technician", DoseCheckFixtures.Password), Pharmacist, Now, DoseCheckFixtures.Technician, DoseCheckFixtures.Secrets).Rejection;
        Assert.Equal(("dosing.time-out-of-order", "preparedAt"), (rejection?.Code, rejection?.Field));
    }
}
