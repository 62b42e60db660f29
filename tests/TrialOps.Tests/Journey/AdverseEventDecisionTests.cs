using System.Reflection;
using TrialOps.AdverseEvents;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Journey;

public class AdverseEventDecisionTests
{
    private const int Dizziness = 10013573;
    private const int Hypertension = 10020772;
    private const string Id = "ae0000000001";
    private static readonly DateTimeOffset AwareAt = Period1Start.AddHours(1);

    private static AdverseEventInput Input(int code = Dizziness, string onset = "2026-11-21T10:30", string? end = "2026-11-21T12:00", int grade = 1,
        SeriousnessCriterion[]? seriousness = null, Causality? causality = Causality.Possible, AdverseEventOutcome outcome = AdverseEventOutcome.RecoveredResolved) =>
        new(code, PartialDate.Parse(onset), end is null ? null : PartialDate.Parse(end), grade, seriousness ?? [], causality, ActionTaken.DoseNotChanged, outcome);

    private static Decision Report(AdverseEventInput input, Actor? by = null, object[]? history = null, DateTimeOffset? awareAt = null) =>
        ReportAdverseEvent.Decide(AdverseEventState.Initial, State(history ?? Period1Dosed()), Trial, new ReportAdverseEvent(Id, Code, Subject, awareAt ?? AwareAt, input), by ?? Investigator, Now);

    private static AdverseEventReported Reported(AdverseEventInput? input = null) => Event<AdverseEventReported>(Report(input ?? Input()));

    [Fact]
    public void an_adverse_event_is_recorded_with_its_ctcae_term_from_the_meddra_code()
    {
        var reported = Reported();

        Assert.Equal((Dizziness, "Dizziness", 1, 1), (reported.Details.MeddraCode, reported.Details.Term, reported.Details.Grade, reported.Period));
        Assert.Equal("adverse-event-ae0000000001", Assert.Single(Report(Input()).Events).StreamId);
        Assert.Null(reported.SponsorReportDueAt);
    }

    [Fact]
    public void a_grade_ctcae_does_not_define_for_the_term_is_refused()
    {
        var rejection = Rejected(Report(Input(grade: 4)), "adverse-event.grade-not-defined");

        Assert.Contains("grade 4 for Dizziness (defined: 1, 2, 3)", rejection.Message);
        Rejected(Report(Input(grade: 6)), "adverse-event.grade-not-defined");
        Rejected(Report(Input(code: 99999999)), "adverse-event.unknown-term");
    }

    [Theory]
    [InlineData("2026", "2026")]
    [InlineData("2026-11", "2026-11")]
    [InlineData("2026-11-21", "2026-11-22")]
    [InlineData("2026-11-21T10:30", "2026-11-21")]
    public void partial_onset_and_end_dates_are_accepted(string onset, string end) =>
        Assert.Equal(onset, Reported(Input(onset: onset, end: end)).Details.Onset.Text);

    [Theory]
    [InlineData("2026-11-21", "2026-11-20")]
    [InlineData("2026-11", "2026-10")]
    [InlineData("2026-11-21T10:30", "2026-11-21T10:29")]
    public void an_end_before_the_onset_is_refused(string onset, string end) =>
        Rejected(Report(Input(onset: onset, end: end)), "adverse-event.end-before-onset");

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-02-30")]
    [InlineData("21-11-2026")]
    [InlineData("1899")]
    public void malformed_partial_dates_are_not_dates(string text) => Assert.False(PartialDate.TryParse(text, out _));

    [Fact]
    public void an_onset_in_the_future_or_before_consent_is_refused()
    {
        Rejected(Report(Input(onset: "2026-12-02", end: null, outcome: AdverseEventOutcome.RecoveringResolving)), "adverse-event.onset-in-future");
        Rejected(Report(Input(onset: "2026-10-15", end: "2026-10-16")), "adverse-event.onset-before-consent");
    }

    /// <summary>KET-NP-01 with its sites at UTC+14, where a calendar day starts ten hours before the UTC one.</summary>
    private static readonly TrialContext FarEast = new(Ket with { Sites = [.. Ket.Sites.Select(site => site with { TimeZone = "Pacific/Kiritimati" })] }, Locked: false);

    private static Decision ReportAt(TrialContext trial, AdverseEventInput input, DateTimeOffset awareAt) =>
        ReportAdverseEvent.Decide(AdverseEventState.Initial, State(Period1Dosed()), trial, new ReportAdverseEvent(Id, Code, Subject, awareAt, input), Investigator, Now);

    [Fact]
    public void a_date_without_a_time_is_the_sites_calendar_date_for_future_awareness_and_period_checks()
    {
        // Now is 2026-12-01 12:00 UTC, already 2 December at the site: today's date is not in the future there.
        var today = Input(onset: "2026-12-02", end: null, outcome: AdverseEventOutcome.RecoveringResolving);
        Assert.Equal("2026-12-02", Event<AdverseEventReported>(ReportAt(FarEast, today, Now)).Details.Onset.Text);
        Rejected(ReportAt(Trial, today, Now), "adverse-event.onset-in-future");

        // Dosing started 2026-11-21 10:00 UTC, 00:00 on 22 November at the site: an onset on the
        // site's 21 November precedes it; read as a UTC day it would have been put in period 1.
        var dayBefore = Input(onset: "2026-11-21", end: "2026-11-21");
        Assert.Null(Event<AdverseEventReported>(ReportAt(FarEast, dayBefore, AwareAt)).Period);
        Assert.Equal(1, Event<AdverseEventReported>(ReportAt(Trial, dayBefore, AwareAt)).Period);

        // Aware an hour after dosing started, on the site's 22 November: an onset that day is not after the awareness.
        var dosingDay = Input(onset: "2026-11-22", end: "2026-11-22");
        Assert.Equal(1, Event<AdverseEventReported>(ReportAt(FarEast, dosingDay, AwareAt)).Period);
        Rejected(ReportAt(Trial, dosingDay, AwareAt), "adverse-event.aware-before-onset");
    }

    [Fact]
    public void outcome_end_date_and_seriousness_must_agree()
    {
        Rejected(Report(Input(end: null)), "adverse-event.end-required");
        Rejected(Report(Input(outcome: AdverseEventOutcome.RecoveringResolving)), "adverse-event.end-while-ongoing");
        Rejected(Report(Input(code: Hypertension, grade: 5, seriousness: [SeriousnessCriterion.Death])), "adverse-event.grade-5-not-fatal");
        Rejected(Report(Input(code: Hypertension, grade: 3, outcome: AdverseEventOutcome.Fatal)), "adverse-event.death-criterion");
        Event<AdverseEventReported>(Report(Input(code: Hypertension, grade: 5, seriousness: [SeriousnessCriterion.Death], outcome: AdverseEventOutcome.Fatal)));
    }

    [Fact]
    public void only_an_investigator_judges_causality()
    {
        Rejected(Report(Input(), by: Nurse), "not-permitted");

        var reported = Event<AdverseEventReported>(Report(Input(causality: null), by: Nurse));
        var state = AdverseEventState.From([reported]);
        Rejected(AssessAdverseEventCausality.Decide(state, Trial, new AssessAdverseEventCausality(Id, Causality.Probable), Nurse, Now), "not-permitted");
        var assessed = Single<AdverseEventCausalityAssessed>(AssessAdverseEventCausality.Decide(state, Trial, new AssessAdverseEventCausality(Id, Causality.Probable), Investigator, Now));
        Rejected(AssessAdverseEventCausality.Decide(state.Apply(assessed), Trial, new AssessAdverseEventCausality(Id, Causality.Certain), Investigator, Now), "adverse-event.causality-recorded");
    }

    [Fact]
    public void a_serious_event_is_due_to_the_sponsor_within_the_protocols_report_hours_of_awareness()
    {
        var decision = Report(Input(code: Hypertension, grade: 3, seriousness: [SeriousnessCriterion.Hospitalization], end: null, outcome: AdverseEventOutcome.RecoveringResolving));

        var reported = Event<AdverseEventReported>(decision);
        Assert.Equal(AwareAt.AddHours(24), reported.SponsorReportDueAt);
        var message = Assert.Single(decision.Messages);
        Assert.Equal((SaeReportDueMessage.MessageType, AwareAt.AddHours(24)), (message.Type, message.DeliverAt));
    }

    [Fact]
    public void an_sae_is_marked_overdue_only_when_not_reported_by_its_due_time()
    {
        var reported = Event<AdverseEventReported>(Report(Input(code: Hypertension, grade: 3, seriousness: [SeriousnessCriterion.Hospitalization], end: null, outcome: AdverseEventOutcome.RecoveringResolving)));
        var state = AdverseEventState.From([reported]);

        Assert.Equal(Decision.None, MarkSaeReportOverdue.Decide(state, Trial, new MarkSaeReportOverdue(Id), Scheduler, AwareAt.AddHours(23)));
        var overdue = Single<SaeReportOverdue>(MarkSaeReportOverdue.Decide(state, Trial, new MarkSaeReportOverdue(Id), Scheduler, AwareAt.AddHours(25)));
        Assert.Equal(AwareAt.AddHours(24), overdue.DueAt);
        Assert.Equal(Decision.None, MarkSaeReportOverdue.Decide(state.Apply(overdue), Trial, new MarkSaeReportOverdue(Id), Scheduler, AwareAt.AddHours(26)));

        var sent = Single<SaeReportedToSponsor>(ReportSaeToSponsor.Decide(state, Trial, new ReportSaeToSponsor(Id, AwareAt.AddHours(3), "SAE-1"), Investigator, Now));
        Assert.False(sent.Late);
        Assert.Equal(Decision.None, MarkSaeReportOverdue.Decide(state.Apply(sent), Trial, new MarkSaeReportOverdue(Id), Scheduler, AwareAt.AddHours(25)));
        Assert.True(Single<SaeReportedToSponsor>(ReportSaeToSponsor.Decide(state, Trial, new ReportSaeToSponsor(Id, AwareAt.AddHours(30), null), Investigator, Now)).Late);
    }

    [Fact]
    public void after_database_lock_an_unreported_sae_is_not_marked_overdue()
    {
        var reported = Event<AdverseEventReported>(Report(Input(code: Hypertension, grade: 3, seriousness: [SeriousnessCriterion.Hospitalization], end: null, outcome: AdverseEventOutcome.RecoveringResolving)));

        var decision = MarkSaeReportOverdue.Decide(AdverseEventState.From([reported]), Trial with { Locked = true }, new MarkSaeReportOverdue(Id), Scheduler, AwareAt.AddHours(25));

        Assert.Equal(Decision.None, decision);
    }

    [Fact]
    public void follow_up_reports_attach_to_an_sae_after_its_initial_report()
    {
        var reported = Event<AdverseEventReported>(Report(Input(code: Hypertension, grade: 3, seriousness: [SeriousnessCriterion.Hospitalization], end: null, outcome: AdverseEventOutcome.RecoveringResolving)));
        var state = AdverseEventState.From([reported]);
        Rejected(ReportSaeFollowUp.Decide(state, Trial, new ReportSaeFollowUp(Id, AwareAt.AddDays(2), "Discharged"), Investigator, Now), "adverse-event.no-initial-report");

        var sent = Single<SaeReportedToSponsor>(ReportSaeToSponsor.Decide(state, Trial, new ReportSaeToSponsor(Id, AwareAt.AddHours(3), "SAE-1"), Investigator, Now));
        var first = Single<SaeFollowUpReported>(ReportSaeFollowUp.Decide(state.Apply(sent), Trial, new ReportSaeFollowUp(Id, AwareAt.AddDays(2), "Discharged"), Investigator, Now));
        var second = Single<SaeFollowUpReported>(ReportSaeFollowUp.Decide(state.Apply(sent).Apply(first), Trial, new ReportSaeFollowUp(Id, AwareAt.AddDays(5), "Resolved"), Investigator, Now));

        Assert.Equal((1, 2), (first.FollowUpNumber, second.FollowUpNumber));
        Rejected(ReportSaeToSponsor.Decide(AdverseEventState.From([Reported()]), Trial, new ReportSaeToSponsor(Id, AwareAt, null), Investigator, Now), "adverse-event.not-serious");
    }

    [Fact]
    public void each_event_is_attributed_to_the_period_active_at_onset_and_a_washout_counts_to_the_period_before_it()
    {
        object[] history = [.. ReadyForPeriod2(), Started(2), Stopped(2)];

        Assert.Equal(1, Event<AdverseEventReported>(Report(Input(onset: "2026-11-21T10:30", end: "2026-11-21T11:00"), history: history)).Period);
        Assert.Equal(1, Event<AdverseEventReported>(Report(Input(onset: "2026-11-25", end: "2026-11-26"), history: history, awareAt: Now)).Period);
        Assert.Equal(2, Event<AdverseEventReported>(Report(Input(onset: "2026-11-29T10:05", end: "2026-11-29T11:00"), history: history, awareAt: Now)).Period);
        Assert.Null(Event<AdverseEventReported>(Report(Input(onset: "2026-11-20", end: "2026-11-20"), history: history, awareAt: Period1Start.AddDays(-1))).Period);
    }

    [Fact]
    public void a_partial_onset_spanning_a_dosing_start_is_attributed_to_the_later_period()
    {
        object[] history = [.. ReadyForPeriod2(), Started(2), Stopped(2)];

        Assert.Equal(2, Event<AdverseEventReported>(Report(Input(onset: "2026-11", end: "2026-11"), history: history)).Period);
    }

    [Fact]
    public void the_blinded_event_names_the_period_never_the_treatment()
    {
        var json = new EventTypeRegistry().Serialize(Reported());

        Assert.Contains("\"period\":1", json);
        Assert.DoesNotContain("\"KET\"", json);
        Assert.DoesNotContain("PBO", json);
        Assert.DoesNotContain("treatment", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void a_correction_records_the_changed_fields_and_its_reason()
    {
        var state = AdverseEventState.From([Reported()]);
        var participant = State(Period1Dosed());
        Rejected(CorrectAdverseEvent.Decide(state, participant, Trial, new CorrectAdverseEvent(Id, Input(grade: 2), ""), Investigator, Now), "reason-required");
        Rejected(CorrectAdverseEvent.Decide(state, participant, Trial, new CorrectAdverseEvent(Id, Input(), "same"), Investigator, Now), "correction.unchanged");
        Rejected(CorrectAdverseEvent.Decide(state, participant, Trial, new CorrectAdverseEvent(Id, Input(causality: Causality.Certain), "x"), Nurse, Now), "not-permitted");

        var corrected = Single<AdverseEventCorrected>(CorrectAdverseEvent.Decide(state, participant, Trial, new CorrectAdverseEvent(Id, Input(grade: 2, end: "2026-11-21T13:00"), "Source notes: limiting instrumental ADL"), Nurse, Now));

        Assert.Equal(["end", "grade"], corrected.ChangedFields);
        Assert.Equal(2, state.Apply(corrected).Details!.Grade);
    }

    [Fact]
    public void an_event_corrected_to_serious_gets_its_report_clock_from_the_recorded_awareness()
    {
        var state = AdverseEventState.From([Reported()]);

        var decision = CorrectAdverseEvent.Decide(state, State(Period1Dosed()), Trial, new CorrectAdverseEvent(Id, Input(seriousness: [SeriousnessCriterion.OtherMedicallyImportant]), "Investigator judged it medically important"), Investigator, Now);

        Assert.Equal(AwareAt.AddHours(24), Event<AdverseEventCorrected>(decision).SponsorReportDueAt);
        Assert.Equal(AwareAt.AddHours(24), Assert.Single(decision.Messages).DeliverAt);
    }

    [Fact]
    public void an_outcome_recorded_later_is_new_information_not_a_correction()
    {
        var ongoing = Event<AdverseEventReported>(Report(Input(end: null, outcome: AdverseEventOutcome.RecoveringResolving)));
        var state = AdverseEventState.From([ongoing]);

        var resolved = Single<AdverseEventOutcomeRecorded>(RecordAdverseEventOutcome.Decide(state, Trial, new RecordAdverseEventOutcome(Id, AdverseEventOutcome.RecoveredResolved, PartialDate.Parse("2026-11-22")), Nurse, Now));

        Assert.False(typeof(AdverseEventOutcomeRecorded).GetCustomAttribute<EventTypeAttribute>()!.RequiresReason);
        Assert.Equal("2026-11-22", state.Apply(resolved).Details!.End!.Value.Text);
        Rejected(RecordAdverseEventOutcome.Decide(state, Trial, new RecordAdverseEventOutcome(Id, AdverseEventOutcome.RecoveredResolved, null), Nurse, Now), "adverse-event.end-required");
    }
}
