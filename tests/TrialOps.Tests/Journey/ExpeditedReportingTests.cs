using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Journey;

/// <summary>Expectedness, the SUSAR clock and expedited submissions (ADR 0026), without I/O.</summary>
public class ExpeditedReportingTests
{
    private const int Hypertension = 10020772;
    private const int Dizziness = 10013573;
    private const string Id = "ae00000000s1";
    private static readonly Actor MedicalMonitor = new("u-medical-monitor", Roles.MedicalMonitor);
    private static readonly Actor SafetyOfficer = new("u-safety-officer", Roles.SafetyOfficer);
    private static readonly DateTimeOffset AwareAt = new(2026, 11, 21, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SentToSponsor = new(2026, 11, 21, 18, 30, 0, TimeSpan.Zero);

    private static TrialContext TrialExpecting(params int[] terms) => new(Ket with { Safety = Ket.Safety with { ExpectedTerms = terms } }, false);

    private static AdverseEventDetails Details(int code = Hypertension, int grade = 3, SeriousnessCriterion[]? seriousness = null, Causality? causality = Causality.Possible) =>
        new(code, code == Hypertension ? "Hypertension" : "Dizziness", PartialDate.Parse("2026-11-21T10:50"), null, grade,
            seriousness ?? [SeriousnessCriterion.Hospitalization], causality, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);

    private static AdverseEventState Case(AdverseEventDetails? details = null, DateTimeOffset? sentToSponsor = null, params object[] more)
    {
        object[] events =
        [
            new AdverseEventReported(Id, Code, Subject, Investigator.UserId, AwareAt, details ?? Details(), 1, AwareAt.AddHours(24)),
            new SaeReportedToSponsor(Id, Code, Subject, Investigator.UserId, sentToSponsor ?? SentToSponsor, "SAE-1", false),
            .. more,
        ];
        return AdverseEventState.From(events);
    }

    private static Decision Assess(AdverseEventState state, Expectedness expectedness, string? reason = null, TrialContext? trial = null, Actor? by = null) =>
        AssessExpectedness.Decide(state, trial ?? Trial, new AssessExpectedness(Id, expectedness, reason), by ?? MedicalMonitor, Now);

    private static AdverseEventState Susar(AdverseEventDetails? details = null, DateTimeOffset? sentToSponsor = null)
    {
        var state = Case(details, sentToSponsor);
        return state.Apply(Event<AdverseEventExpectednessAssessed>(Assess(state, Expectedness.Unexpected)));
    }

    private static Decision Submit(AdverseEventState state, SusarReportKind kind, DateOnly on, Actor? by = null, string authority = "EMA EudraVigilance", DateTimeOffset? now = null) =>
        RecordSusarSubmission.Decide(state, Trial, new RecordSusarSubmission(Id, kind, on, authority, "EU-1", null), by ?? SafetyOfficer, now ?? Now);

    [Fact]
    public void the_reference_safety_information_suggests_expected_only_for_a_listed_meddra_code()
    {
        Assert.Equal((Expectedness.Expected, (int?)Hypertension), ExpeditedReporting.Suggest(Hypertension, [Dizziness, Hypertension]));
        Assert.Equal((Expectedness.Unexpected, (int?)null), ExpeditedReporting.Suggest(Hypertension, [Dizziness]));
        Assert.Equal((Expectedness.Unexpected, (int?)null), ExpeditedReporting.Suggest(Hypertension, []));
    }

    [Fact]
    public void only_the_medical_monitor_assesses_expectedness_and_only_of_a_serious_related_event_reported_to_the_sponsor()
    {
        Rejected(Assess(Case(), Expectedness.Unexpected, by: Investigator), RejectionCodes.NotPermitted);
        Rejected(Assess(Case(), Expectedness.Unexpected, by: SafetyOfficer), RejectionCodes.NotPermitted);
        Rejected(Assess(Case(), Expectedness.Unexpected, by: JourneyFixtures.Monitor), RejectionCodes.NotPermitted);
        Rejected(Assess(Case(Details(seriousness: [])), Expectedness.Unexpected), "adverse-event.not-serious");
        Rejected(Assess(Case(Details(causality: Causality.Unlikely)), Expectedness.Unexpected), "adverse-event.not-related");
        Rejected(Assess(Case(Details(causality: null)), Expectedness.Unexpected), "adverse-event.not-related");
        var notSent = AdverseEventState.From([new AdverseEventReported(Id, Code, Subject, Investigator.UserId, AwareAt, Details(), 1, AwareAt.AddHours(24))]);
        Rejected(Assess(notSent, Expectedness.Unexpected), "adverse-event.not-reported-to-sponsor");
        Rejected(Assess(Case(), Expectedness.Unexpected, trial: Trial with { Locked = true }), "trial.locked");
    }

    [Fact]
    public void a_decision_against_the_suggestion_needs_a_reason_and_records_both()
    {
        var trial = TrialExpecting(Hypertension);

        var refused = Rejected(Assess(Case(), Expectedness.Unexpected, trial: trial), RejectionCodes.ReasonRequired);
        Assert.Equal("reason", refused.Field);
        Rejected(Assess(Case(), Expectedness.Unexpected, "   ", trial: trial), RejectionCodes.ReasonRequired);

        var assessed = Event<AdverseEventExpectednessAssessed>(Assess(Case(), Expectedness.Unexpected, "Hypertensive crisis with encephalopathy exceeds the listed severity.", trial));
        Assert.Equal((Expectedness.Unexpected, Expectedness.Expected, (int?)Hypertension, MedicalMonitor.UserId, Now), (assessed.Expectedness, assessed.Suggested, assessed.MatchedTerm, assessed.AssessedBy, assessed.AssessedAt));
        Assert.StartsWith("Hypertensive crisis", assessed.Reason);

        var agreed = Event<AdverseEventExpectednessAssessed>(Assess(Case(), Expectedness.Expected, trial: trial));
        Assert.Null(agreed.Reason);
    }

    [Fact]
    public void expected_starts_no_clock_and_unexpected_schedules_the_check_at_the_end_of_day_15()
    {
        var expected = Assess(Case(), Expectedness.Expected, trial: TrialExpecting(Hypertension));
        Assert.Empty(expected.Messages);
        Assert.Null(ExpeditedReporting.ClockOf(Case().Apply(Event<AdverseEventExpectednessAssessed>(expected))));

        var unexpected = Assess(Case(), Expectedness.Unexpected);
        var message = Assert.Single(unexpected.Messages);
        Assert.Equal(SusarReportDueMessage.MessageType, message.Type);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero), message.DeliverAt);
        Assert.Equal(new SusarReportDueMessage(Id, SusarReportKind.Initial, new DateOnly(2026, 12, 6)), message.Payload);
        Rejected(Assess(Susar(), Expectedness.Expected), "adverse-event.expectedness-assessed");
    }

    [Theory]
    [InlineData("2026-11-21", false, "2026-12-06")]
    [InlineData("2026-11-21", true, "2026-11-28")]
    [InlineData("2026-12-20", false, "2027-01-04")]
    [InlineData("2026-12-28", true, "2027-01-04")]
    [InlineData("2028-02-20", false, "2028-03-06")]
    [InlineData("2027-02-22", true, "2027-03-01")]
    [InlineData("2028-02-22", true, "2028-02-29")]
    public void the_initial_report_is_due_7_calendar_days_after_awareness_when_fatal_or_life_threatening_and_15_otherwise(string awareOn, bool fatal, string dueOn) =>
        Assert.Equal(DateOnly.Parse(dueOn), ExpeditedReporting.InitialDueOn(DateOnly.Parse(awareOn), fatal));

    [Theory]
    [InlineData("2026-11-25", "2026-12-03")]
    [InlineData("2026-12-27", "2027-01-04")]
    [InlineData("2028-02-25", "2028-03-04")]
    public void the_follow_up_is_due_8_calendar_days_after_the_initial_report(string submittedOn, string dueOn) =>
        Assert.Equal(DateOnly.Parse(dueOn), ExpeditedReporting.FollowUpDueOn(DateOnly.Parse(submittedOn)));

    [Fact]
    public void a_report_is_due_until_the_end_of_its_due_day_in_utc()
    {
        var due = new DateOnly(2026, 12, 31);

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), ExpeditedReporting.EndOf(due));
        var clock = ExpeditedReporting.ClockOf(Susar())!;
        Assert.False(clock.IsOverdue(new DateTimeOffset(2026, 12, 6, 23, 59, 59, TimeSpan.Zero)));
        Assert.True(clock.IsOverdue(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(0, clock.DaysLeft(new DateOnly(2026, 12, 6)));
        Assert.Equal(15, clock.DaysLeft(new DateOnly(2026, 11, 21)));
        Assert.Equal(-2, clock.DaysLeft(new DateOnly(2026, 12, 8)));
    }

    [Theory]
    [InlineData(4, SeriousnessCriterion.Hospitalization, true)]
    [InlineData(3, SeriousnessCriterion.LifeThreatening, true)]
    [InlineData(3, SeriousnessCriterion.Hospitalization, false)]
    [InlineData(3, SeriousnessCriterion.OtherMedicallyImportant, false)]
    public void grade_4_or_5_or_the_death_or_life_threatening_criteria_make_it_a_7_day_report(int grade, SeriousnessCriterion criterion, bool fatal)
    {
        var clock = ExpeditedReporting.ClockOf(Susar(Details(grade: grade, seriousness: [criterion])))!;

        Assert.Equal(fatal, clock.FatalOrLifeThreatening);
        Assert.Equal(new DateOnly(2026, 11, 21).AddDays(fatal ? 7 : 15), clock.InitialDueOn);
    }

    [Fact]
    public void day_0_is_the_report_to_the_sponsor_or_the_later_judgement_that_made_it_related()
    {
        Assert.Equal(new DateOnly(2026, 11, 21), ExpeditedReporting.ClockOf(Susar())!.AwareOn);

        var judgedLater = Case(Details(causality: null), SentToSponsor, new AdverseEventCausalityAssessed(Id, Code, Subject, Investigator.UserId, new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), Causality.Probable));
        var susar = judgedLater.Apply(Event<AdverseEventExpectednessAssessed>(Assess(judgedLater, Expectedness.Unexpected)));
        Assert.Equal(new DateOnly(2026, 11, 24), ExpeditedReporting.ClockOf(susar)!.AwareOn);
        Assert.Equal(new DateOnly(2026, 12, 9), ExpeditedReporting.ClockOf(susar)!.InitialDueOn);
    }

    [Fact]
    public void only_the_safety_officer_records_a_submission_and_only_for_a_susar()
    {
        Rejected(Submit(Susar(), SusarReportKind.Initial, new DateOnly(2026, 11, 25), by: MedicalMonitor), RejectionCodes.NotPermitted);
        Rejected(Submit(Susar(), SusarReportKind.Initial, new DateOnly(2026, 11, 25), by: Investigator), RejectionCodes.NotPermitted);
        Rejected(Submit(Case(), SusarReportKind.Initial, new DateOnly(2026, 11, 25)), "adverse-event.not-a-susar");
        Rejected(Submit(Susar(), SusarReportKind.FollowUp, new DateOnly(2026, 11, 25)), "adverse-event.no-initial-susar-report");
        Rejected(Submit(Susar(), SusarReportKind.Initial, new DateOnly(2026, 11, 20)), "adverse-event.submission-too-early");
        Rejected(Submit(Susar(), SusarReportKind.Initial, new DateOnly(2026, 12, 2)), "clinical-time-in-future");
        Rejected(Submit(Susar(), SusarReportKind.Initial, new DateOnly(2026, 11, 25), authority: " "), "adverse-event.authority-required");
        Rejected(Submit(Susar(), SusarReportKind.Initial, new DateOnly(2026, 11, 25), authority: "FDA\u0000"), "adverse-event.text-invalid");
    }

    [Fact]
    public void the_initial_report_of_a_non_fatal_susar_stops_the_clock_and_is_late_only_after_day_15()
    {
        var onTime = Single<SusarReportSubmitted>(Submit(Susar(), SusarReportKind.Initial, new DateOnly(2026, 11, 30)));
        Assert.False(onTime.Late);
        Assert.Equal(new DateOnly(2026, 12, 6), onTime.DueOn);
        var stopped = ExpeditedReporting.ClockOf(Susar().Apply(onTime))!;
        Assert.False(stopped.Running);
        Assert.Null(stopped.FollowUpDueOn);

        var late = Single<SusarReportSubmitted>(Submit(Susar(), SusarReportKind.Initial, new DateOnly(2026, 12, 7), now: new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero)));
        Assert.True(late.Late);
        Rejected(Submit(Susar().Apply(onTime), SusarReportKind.Initial, new DateOnly(2026, 11, 30)), "adverse-event.susar-already-submitted");
    }

    [Fact]
    public void a_fatal_susar_needs_a_follow_up_within_8_more_days_of_its_initial_report()
    {
        var fatal = Susar(Details(grade: 4, seriousness: [SeriousnessCriterion.LifeThreatening]));
        var initial = Submit(fatal, SusarReportKind.Initial, new DateOnly(2026, 11, 26));
        var submitted = Event<SusarReportSubmitted>(initial);
        Assert.Equal(new DateOnly(2026, 11, 28), submitted.DueOn);
        var message = Assert.Single(initial.Messages);
        Assert.Equal(new SusarReportDueMessage(Id, SusarReportKind.FollowUp, new DateOnly(2026, 12, 4)), message.Payload);

        var clock = ExpeditedReporting.ClockOf(fatal.Apply(submitted))!;
        Assert.Equal((SusarReportKind?)SusarReportKind.FollowUp, clock.Next);
        Assert.Equal(new DateOnly(2026, 12, 4), clock.NextDueOn);

        var followUp = Single<SusarReportSubmitted>(Submit(fatal.Apply(submitted), SusarReportKind.FollowUp, new DateOnly(2026, 12, 1)));
        Assert.False(followUp.Late);
        Assert.False(ExpeditedReporting.ClockOf(fatal.Apply(submitted).Apply(followUp))!.Running);
    }

    [Fact]
    public void an_unsubmitted_report_is_marked_overdue_once_after_its_due_day_and_notifies_the_sponsor()
    {
        var susar = Susar();
        var mark = new MarkSusarReportOverdue(Id, SusarReportKind.Initial);

        Assert.Equal(Decision.None, MarkSusarReportOverdue.Decide(susar, Trial, mark, Scheduler, new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero)));
        var decision = MarkSusarReportOverdue.Decide(susar, Trial, mark, Scheduler, new DateTimeOffset(2026, 12, 7, 0, 0, 1, TimeSpan.Zero));
        var overdue = Single<SusarReportOverdue>(decision);
        Assert.Equal((SusarReportKind.Initial, new DateOnly(2026, 12, 6)), (overdue.Kind, overdue.DueOn));
        Assert.Equal(SusarReportOverdueNotification.MessageType, Assert.Single(decision.Messages).Type);
        Assert.Equal(Decision.None, MarkSusarReportOverdue.Decide(susar.Apply(overdue), Trial, mark, Scheduler, new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero)));

        var submitted = Single<SusarReportSubmitted>(Submit(susar, SusarReportKind.Initial, new DateOnly(2026, 11, 30)));
        Assert.Equal(Decision.None, MarkSusarReportOverdue.Decide(susar.Apply(submitted), Trial, mark, Scheduler, new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void only_the_safety_officer_opens_the_treatment_and_only_of_a_susar_with_a_reason_once()
    {
        var reveal = new RevealSusarTreatment(Id, "CIOMS report to EudraVigilance needs the treatment.");

        Rejected(RevealSusarTreatment.Decide(Susar(), Trial, reveal, MedicalMonitor, Now), RejectionCodes.NotPermitted);
        Rejected(RevealSusarTreatment.Decide(Susar(), Trial, reveal, Investigator, Now), RejectionCodes.NotPermitted);
        Rejected(RevealSusarTreatment.Decide(Case(), Trial, reveal, SafetyOfficer, Now), "adverse-event.not-a-susar");
        Rejected(RevealSusarTreatment.Decide(Susar(), Trial, reveal with { Reason = "" }, SafetyOfficer, Now), RejectionCodes.ReasonRequired);

        var revealed = Single<SusarTreatmentRevealed>(RevealSusarTreatment.Decide(Susar(), Trial, reveal, SafetyOfficer, Now));
        Assert.Equal(SafetyOfficer.UserId, revealed.RevealedBy);
        Assert.Equal(Decision.None, RevealSusarTreatment.Decide(Susar().Apply(revealed), Trial, reveal, SafetyOfficer, Now));
    }
}
