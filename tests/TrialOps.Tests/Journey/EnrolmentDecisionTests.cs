using System.Text.Json;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Randomization;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Journey;

public class EnrolmentDecisionTests
{
    private static readonly EligibilityAnswer[] AllMet =
    [
        new("IN01", true), new("IN02", true), new("IN03", true),
        new("EX01", false), new("EX02", false), new("EX03", false), new("EX04", false),
    ];

    [Fact]
    public void screening_records_the_consent_and_the_site_prefixed_subject_number()
    {
        var decision = ScreenParticipant.Decide(ParticipantState.Initial, Trial, new ScreenParticipant(Code, "S01", Subject, new DateOnly(2026, 11, 20), " 2.1 "), Coordinator, Now);

        Assert.Equal("participant-KET-NP-01-S01-001", Assert.Single(decision.Events).StreamId);
        var screened = Single<ParticipantScreened>(decision);
        Assert.Equal((Code, Subject, "S01", 1, new DateOnly(2026, 11, 20), "2.1", Coordinator.UserId, Now),
            (screened.Protocol, screened.Subject, screened.Site, screened.ProtocolVersion, screened.ConsentDate, screened.ConsentFormVersion, screened.ScreenedBy, screened.ScreenedAt));
    }

    [Fact]
    public void a_subject_number_already_used_is_refused()
    {
        var rejection = Rejected(ScreenParticipant.Decide(State(Screened()), Trial, new ScreenParticipant(Code, "S01", Subject, new DateOnly(2026, 11, 20), "2.1"), Coordinator, Now), "participant.subject-number-taken");

        Assert.Contains("S01-001", rejection.Message);
    }

    [Fact]
    public void a_subject_number_must_carry_the_site_prefix_of_a_protocol_site()
    {
        Rejected(ScreenParticipant.Decide(ParticipantState.Initial, Trial, new ScreenParticipant(Code, "S02", Subject, new DateOnly(2026, 11, 20), "2.1"), Coordinator, Now), "participant.subject-number-site");
        Rejected(ScreenParticipant.Decide(ParticipantState.Initial, Trial, new ScreenParticipant(Code, "S09", SubjectNumber.Parse("S09-001"), new DateOnly(2026, 11, 20), "2.1"), Coordinator, Now), "participant.unknown-site");
    }

    [Theory]
    [InlineData("S01-003", "S01", 3)]
    [InlineData("S01-0042", "S01", 42)]
    [InlineData("SITE-A-120", "SITE-A", 120)]
    public void subject_numbers_parse_into_site_and_running_number(string text, string site, int number)
    {
        Assert.True(SubjectNumber.TryParse(text, out var subject));
        Assert.Equal((site, number), (subject.Site, subject.Number));
        Assert.Equal(subject, JsonSerializer.Deserialize<SubjectNumber>(JsonSerializer.Serialize(subject)));
    }

    [Theory]
    [InlineData("S01-3")]
    [InlineData("S01")]
    [InlineData("-001")]
    [InlineData("S01-000")]
    [InlineData("S01 001")]
    public void malformed_subject_numbers_are_not_subject_numbers(string text) => Assert.False(SubjectNumber.TryParse(text, out _));

    [Fact]
    public void a_consent_date_in_the_future_or_without_form_version_is_refused()
    {
        Rejected(ScreenParticipant.Decide(ParticipantState.Initial, Trial, new ScreenParticipant(Code, "S01", Subject, new DateOnly(2026, 12, 24), "2.1"), Coordinator, Now), "participant.consent-in-future");
        Rejected(ScreenParticipant.Decide(ParticipantState.Initial, Trial, new ScreenParticipant(Code, "S01", Subject, new DateOnly(2026, 11, 24), " "), Coordinator, Now), "participant.consent-form-version");
    }

    [Theory]
    [InlineData("DataEntry")]
    [InlineData("Pharmacist")]
    [InlineData("Monitor")]
    public void only_a_coordinator_or_an_investigator_screens(string role) =>
        Rejected(ScreenParticipant.Decide(ParticipantState.Initial, Trial, new ScreenParticipant(Code, "S01", Subject, new DateOnly(2026, 11, 20), "2.1"), new Actor("u", role), Now), "not-permitted");

    [Fact]
    public void a_locked_trial_refuses_clinical_data()
    {
        var locked = Trial with { Locked = true };

        Rejected(ScreenParticipant.Decide(ParticipantState.Initial, locked, new ScreenParticipant(Code, "S01", Subject, new DateOnly(2026, 11, 20), "2.1"), Coordinator, Now), "trial.locked");
        Rejected(RecordSessionWeightDecision(locked), "trial.locked");

        static Decision RecordSessionWeightDecision(TrialContext trial) =>
            RecordSessionWeight.Decide(State(Enrolled()), trial, new RecordSessionWeight(Code, Subject, 1, Period1Start, 70m), Nurse, Now);
    }

    [Fact]
    public void eligibility_needs_an_answer_for_every_inclusion_and_exclusion_criterion()
    {
        var rejection = Rejected(ConfirmEligibility.Decide(State(Screened()), Trial, new ConfirmEligibility(Code, Subject, AllMet.Where(a => a.Code != "EX03").ToArray()), Investigator, Now), "participant.eligibility-incomplete");

        Assert.Contains("EX03", rejection.Message);
        Rejected(ConfirmEligibility.Decide(State(Screened()), Trial, new ConfirmEligibility(Code, Subject, [.. AllMet, new("EX99", false)]), Investigator, Now), "participant.eligibility-unknown-criterion");
        Rejected(ConfirmEligibility.Decide(State(Screened()), Trial, new ConfirmEligibility(Code, Subject, [.. AllMet, new("EX01", true)]), Investigator, Now), "participant.eligibility-duplicate-answer");
    }

    [Fact]
    public void eligibility_is_confirmed_only_by_an_investigator() =>
        Rejected(ConfirmEligibility.Decide(State(Screened()), Trial, new ConfirmEligibility(Code, Subject, AllMet), Coordinator, Now), "not-permitted");

    [Fact]
    public void an_eligible_participant_is_recorded_with_every_answer()
    {
        var confirmed = Single<EligibilityConfirmed>(ConfirmEligibility.Decide(State(Screened()), Trial, new ConfirmEligibility(Code, Subject, AllMet), Investigator, Now));

        Assert.True(confirmed.Eligible);
        Assert.Equal(["IN01", "IN02", "IN03", "EX01", "EX02", "EX03", "EX04"], confirmed.Answers.Select(a => a.Code));
        Assert.Equal(ParticipantStatus.Eligible, State(Screened(), confirmed).Status);
    }

    [Fact]
    public void an_ineligible_participant_becomes_a_screen_failure_with_the_failed_criteria()
    {
        var answers = AllMet.Select(a => a.Code switch { "IN02" => a with { Met = false }, "EX02" => a with { Met = true }, _ => a }).ToArray();

        var decision = ConfirmEligibility.Decide(State(Screened()), Trial, new ConfirmEligibility(Code, Subject, answers), Investigator, Now);

        Assert.False(Event<EligibilityConfirmed>(decision).Eligible);
        Assert.Equal(["IN02", "EX02"], Event<ParticipantScreenFailed>(decision).FailedCriteria);
        Assert.Equal(ParticipantStatus.ScreenFailed, State([Screened(), .. decision.Events.Select(e => e.Data)]).Status);
    }

    [Fact]
    public void an_eligible_participant_is_randomized_with_kits_on_their_stream_and_the_entry_on_the_list_stream()
    {
        var list = List();

        var decision = EnrollParticipant.Decide(State(Screened(), Eligible()), Trial, [list], new EnrollParticipant(Code, Subject), Coordinator, Now);

        Assert.Null(decision.Rejection);
        var assigned = Assert.IsType<AllocationAssigned>(Assert.Single(decision.Events, e => e.StreamId == "randomization-KET-NP-01-S01").Data);
        var randomized = Assert.IsType<ParticipantRandomized>(Assert.Single(decision.Events, e => e.StreamId == ParticipantStream).Data);
        Assert.Equal(("S01-001", 1), (assigned.ParticipantId, assigned.EntryNumber));
        Assert.Equal(list.Entries[0].Kits, randomized.Periods.Select(p => p.Kit));
        Assert.Equal([1, 2], randomized.Periods.Select(p => p.Period));
    }

    [Fact]
    public void the_participant_stream_gets_no_treatment_sequence_or_entry()
    {
        var list = List();
        var randomized = Event<ParticipantRandomized>(EnrollParticipant.Decide(State(Screened(), Eligible()), Trial, [list], new EnrollParticipant(Code, Subject), Coordinator, Now));

        var json = JsonSerializer.Serialize(randomized, EventTypeRegistry.JsonOptions);

        Assert.DoesNotContain("sequence", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("entry", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("KET\"", json);
        Assert.DoesNotContain("PBO", json);
        Assert.Equal(["protocol", "subject", "randomizedBy", "randomizedAt", "stratum", "periods", "randomizationDate"], JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void the_clinical_randomization_date_is_recorded_as_given_or_else_the_date_of_recording()
    {
        var given = Event<ParticipantRandomized>(EnrollParticipant.Decide(State(Screened(), Eligible()), Trial, [List()], new EnrollParticipant(Code, Subject, new DateOnly(2026, 11, 20)), Coordinator, Now));
        var defaulted = Event<ParticipantRandomized>(EnrollParticipant.Decide(State(Screened(), Eligible()), Trial, [List()], new EnrollParticipant(Code, Subject), Coordinator, Now));

        Assert.Equal((new DateOnly(2026, 11, 20), Now), (given.RandomizationDate, given.RandomizedAt));
        Assert.Equal(new DateOnly(2026, 12, 1), defaulted.RandomizationDate);

        // An event recorded before the field existed has the date of its recording time.
        Assert.Equal(new DateOnly(2026, 11, 1), (Randomized() with { RandomizationDate = null }).ClinicalDate());
        Assert.Equal(new DateOnly(2026, 11, 20), given.ClinicalDate());
    }

    [Fact]
    public void a_randomization_date_in_the_future_or_before_consent_is_refused_naming_the_field()
    {
        var future = Rejected(EnrollParticipant.Decide(State(Screened(), Eligible()), Trial, [List()], new EnrollParticipant(Code, Subject, new DateOnly(2026, 12, 3)), Coordinator, Now), "participant.randomization-date-in-future");
        var early = Rejected(EnrollParticipant.Decide(State(Screened(new DateOnly(2026, 11, 1)), Eligible()), Trial, [List()], new EnrollParticipant(Code, Subject, new DateOnly(2026, 10, 31)), Coordinator, Now), "participant.randomization-before-consent");

        Assert.Equal(("randomizationDate", "randomizationDate"), (future.Field, early.Field));
        Assert.Null(EnrollParticipant.Decide(State(Screened(new DateOnly(2026, 11, 1)), Eligible()), Trial, [List()], new EnrollParticipant(Code, Subject, new DateOnly(2026, 11, 1)), Coordinator, Now).Rejection);
        Assert.Null(EnrollParticipant.Decide(State(Screened(), Eligible()), Trial, [List()], new EnrollParticipant(Code, Subject, new DateOnly(2026, 12, 2)), Coordinator, Now).Rejection);
    }

    [Fact]
    public void randomizing_a_participant_not_confirmed_eligible_is_refused()
    {
        Rejected(EnrollParticipant.Decide(State(Screened()), Trial, [List()], new EnrollParticipant(Code, Subject), Coordinator, Now), "participant.not-eligible");
        Rejected(EnrollParticipant.Decide(State(Enrolled()), Trial, [List()], new EnrollParticipant(Code, Subject), Coordinator, Now), "participant.not-eligible");
    }

    [Fact]
    public void an_exhausted_stratum_refuses_randomization_and_writes_nothing()
    {
        var list = List(length: 2);
        object[] full = [list, .. list.Entries.Select(e => (object)new AllocationAssigned(Code, "S01", "u", Now, $"S01-{900 + e.EntryNumber}", e.EntryNumber))];

        Rejected(EnrollParticipant.Decide(State(Screened(), Eligible()), Trial, full, new EnrollParticipant(Code, Subject), Coordinator, Now), "randomization.stratum-exhausted");
    }

    [Fact]
    public void a_consent_correction_needs_a_reason_and_changes_the_current_value_only()
    {
        Rejected(CorrectConsent.Decide(State(Enrolled()), Trial, new CorrectConsent(Code, Subject, new DateOnly(2026, 10, 30), "2.1", " "), Coordinator, Now), "reason-required");

        var corrected = Single<ConsentCorrected>(CorrectConsent.Decide(State(Enrolled()), Trial, new CorrectConsent(Code, Subject, new DateOnly(2026, 10, 30), "2.1", "Date transposed"), Coordinator, Now));

        Assert.Equal(("Date transposed", Now), (corrected.Reason, corrected.CorrectedAt));
        Assert.Equal(new DateOnly(2026, 10, 30), State([.. Enrolled(), corrected]).ConsentDate);
        Rejected(CorrectConsent.Decide(State(Enrolled()), Trial, new CorrectConsent(Code, Subject, new DateOnly(2026, 11, 1), "2.1", "same"), Coordinator, Now), "correction.unchanged");
    }

    [Fact]
    public void a_withdrawal_records_when_and_why()
    {
        Rejected(WithdrawParticipant.Decide(State(Enrolled()), Trial, new WithdrawParticipant(Code, Subject, Now, WithdrawalReason.WithdrawalBySubject, ""), Coordinator, Now), "participant.withdrawal-details-required");

        var withdrawn = Single<ParticipantWithdrawn>(WithdrawParticipant.Decide(State(Enrolled()), Trial, new WithdrawParticipant(Code, Subject, Now.AddDays(-1), WithdrawalReason.AdverseEvent, "Persistent dizziness"), Investigator, Now));

        Assert.Equal(ParticipantStatus.Withdrawn, State([.. Enrolled(), withdrawn]).Status);
        Rejected(WithdrawParticipant.Decide(State([.. Enrolled(), withdrawn]), Trial, new WithdrawParticipant(Code, Subject, Now, WithdrawalReason.Other, "again"), Investigator, Now), "participant.not-active");
    }

    [Fact]
    public void completion_needs_every_period_dosed()
    {
        var rejection = Rejected(CompleteParticipation.Decide(State(Period1Dosed()), Trial, new CompleteParticipation(Code, Subject, Now), Coordinator, Now), "participant.periods-outstanding");
        Assert.Contains("period 2", rejection.Message);

        object[] allDosed = [.. ReadyForPeriod2(), Started(2), Stopped(2)];
        var completed = Single<ParticipantCompleted>(CompleteParticipation.Decide(State(allDosed), Trial, new CompleteParticipation(Code, Subject, SessionStart(2).AddDays(1)), Coordinator, Now));

        Assert.Equal(2, completed.PeriodsCompleted);
        Rejected(CompleteParticipation.Decide(State(allDosed), Trial, new CompleteParticipation(Code, Subject, SessionStart(2)), Coordinator, Now), "participant.completion-before-last-dose");
    }
}
