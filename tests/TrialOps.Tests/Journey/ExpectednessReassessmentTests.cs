using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Messaging;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Journey;

/// <summary>
/// Re-assessing expectedness, and the SUSAR overdue check that follows the current due day
/// (ADR 0026), without I/O. Day 0 of these cases is 2026-11-21 (the SAE report to the sponsor);
/// "now" is 2026-12-01.
/// </summary>
public class ExpectednessReassessmentTests
{
    private const int Hypertension = 10020772;
    private const string Id = "ae00000000r1";
    private const string Why = "The RSI version 4 no longer lists hypertension above grade 2.";
    private static readonly Actor MedicalMonitor = new("u-medical-monitor", Roles.MedicalMonitor);
    private static readonly Actor SafetyOfficer = new("u-safety-officer", Roles.SafetyOfficer);
    private static readonly DateTimeOffset AwareAt = new(2026, 11, 21, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly DayZero = new(2026, 11, 21);

    private static AdverseEventInput Input(int grade = 3, SeriousnessCriterion criterion = SeriousnessCriterion.Hospitalization) =>
        new(Hypertension, PartialDate.Parse("2026-11-21T10:50"), null, grade, [criterion], Causality.Possible, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);

    private static AdverseEventState Case(int grade = 3, SeriousnessCriterion criterion = SeriousnessCriterion.Hospitalization)
    {
        var details = new AdverseEventDetails(Hypertension, "Hypertension", PartialDate.Parse("2026-11-21T10:50"), null, grade, [criterion], Causality.Possible, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        return AdverseEventState.From(
        [
            new AdverseEventReported(Id, Code, Subject, Investigator.UserId, AwareAt, details, 1, AwareAt.AddHours(24)),
            new SaeReportedToSponsor(Id, Code, Subject, Investigator.UserId, AwareAt.AddHours(7), "SAE-1", false),
        ]);
    }

    private static AdverseEventState Assessed(Expectedness expectedness, AdverseEventState? state = null)
    {
        state ??= Case();
        var reason = expectedness == Expectedness.Unexpected ? null : "Listed in the investigator's brochure.";
        return state.Apply(Event<AdverseEventExpectednessAssessed>(AssessExpectedness.Decide(state, Trial, new AssessExpectedness(Id, expectedness, reason), MedicalMonitor, AwareAt.AddDays(1))));
    }

    private static Decision Reassess(AdverseEventState state, Expectedness expectedness, string reason = Why, Actor? by = null, DateTimeOffset? now = null) =>
        ReassessExpectedness.Decide(state, Trial, new ReassessExpectedness(Id, expectedness, reason), by ?? MedicalMonitor, now ?? Now);

    private static Decision Check(AdverseEventState state, DateOnly scheduledFor, DateTimeOffset now, SusarReportKind kind = SusarReportKind.Initial) =>
        MarkSusarReportOverdue.Decide(state, Trial, new MarkSusarReportOverdue(Id, kind, scheduledFor), Scheduler, now);

    [Fact]
    public void only_the_medical_monitor_re_assesses_an_assessed_case_to_the_other_value_with_a_reason()
    {
        var expected = Assessed(Expectedness.Expected);

        Rejected(Reassess(expected, Expectedness.Unexpected, by: Investigator), RejectionCodes.NotPermitted);
        Rejected(Reassess(expected, Expectedness.Unexpected, by: SafetyOfficer), RejectionCodes.NotPermitted);
        Rejected(Reassess(expected, Expectedness.Unexpected, by: Pharmacist), RejectionCodes.NotPermitted);
        Rejected(Reassess(Case(), Expectedness.Unexpected), "adverse-event.expectedness-not-assessed");
        Rejected(Reassess(expected, Expectedness.Expected), "adverse-event.expectedness-unchanged");
        Assert.Equal("reason", Rejected(Reassess(expected, Expectedness.Unexpected, "  "), RejectionCodes.ReasonRequired).Field);
        Rejected(Reassess(expected, Expectedness.Unexpected, "RSI\u0007"), "adverse-event.reason-invalid");
        Rejected(Reassess(expected, (Expectedness)7), "adverse-event.expectedness-invalid");
        Rejected(ReassessExpectedness.Decide(expected, Trial with { Locked = true }, new ReassessExpectedness(Id, Expectedness.Unexpected, Why), MedicalMonitor, Now), "trial.locked");
        Assert.True(typeof(AdverseEventExpectednessReassessed).GetCustomAttributes(typeof(EventTypeAttribute), false).Cast<EventTypeAttribute>().Single().RequiresReason);

        var first = Rejected(AssessExpectedness.Decide(expected, Trial, new AssessExpectedness(Id, Expectedness.Unexpected, Why), MedicalMonitor, Now), "adverse-event.expectedness-assessed");
        Assert.Contains("re-assess", first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void expected_re_assessed_as_unexpected_starts_the_clock_on_the_re_assessment_day_and_schedules_its_check()
    {
        var expected = Assessed(Expectedness.Expected);
        Assert.Null(ExpeditedReporting.ClockOf(expected));

        var decision = Reassess(expected, Expectedness.Unexpected);
        var reassessed = Event<AdverseEventExpectednessReassessed>(decision);
        Assert.Equal(
            (MedicalMonitor.UserId, Now, Expectedness.Unexpected, Expectedness.Expected, Why),
            (reassessed.ReassessedBy, reassessed.ReassessedAt, reassessed.Expectedness, reassessed.Previous, reassessed.Reason));

        var state = expected.Apply(reassessed);
        var clock = ExpeditedReporting.ClockOf(state)!;
        Assert.Equal(Expectedness.Unexpected, state.CurrentExpectedness);
        Assert.Equal(Expectedness.Expected, state.Expectedness!.Expectedness);
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 16)), (clock.AwareOn, clock.InitialDueOn));
        var message = Assert.Single(decision.Messages);
        Assert.Equal(new SusarReportDueMessage(Id, SusarReportKind.Initial, new DateOnly(2026, 12, 16)), message.Payload);
        Assert.Equal(new DateTimeOffset(2026, 12, 17, 0, 0, 0, TimeSpan.Zero), message.DeliverAt);
    }

    [Fact]
    public void unexpected_re_assessed_as_expected_stops_the_clock_so_no_overdue_is_recorded_and_a_submitted_report_stays()
    {
        var susar = Assessed(Expectedness.Unexpected);
        var submitted = Single<SusarReportSubmitted>(RecordSusarSubmission.Decide(susar, Trial, new RecordSusarSubmission(Id, SusarReportKind.Initial, new DateOnly(2026, 11, 25), "FDA", null, null), SafetyOfficer, Now));

        foreach (var state in new[] { susar, susar.Apply(submitted) })
        {
            var decision = Reassess(state, Expectedness.Expected);
            Assert.Empty(decision.Messages);
            var stopped = state.Apply(Event<AdverseEventExpectednessReassessed>(decision));
            Assert.Null(ExpeditedReporting.ClockOf(stopped));
            Assert.Equal(Decision.None, Check(stopped, DayZero.AddDays(15), new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero)));
            Assert.Equal(state.SusarReports, stopped.SusarReports);
        }
    }

    [Fact]
    public void a_check_that_comes_before_a_due_day_moved_later_re_schedules_itself_for_the_new_day()
    {
        // Day 15 was 2026-12-06; re-assessed expected, then unexpected again on 2026-12-01: due 2026-12-16.
        var expected = Assessed(Expectedness.Unexpected).Apply(Event<AdverseEventExpectednessReassessed>(Reassess(Assessed(Expectedness.Unexpected), Expectedness.Expected, now: Now.AddHours(-2))));
        var moved = expected.Apply(Event<AdverseEventExpectednessReassessed>(Reassess(expected, Expectedness.Unexpected)));
        Assert.Equal(new DateOnly(2026, 12, 16), ExpeditedReporting.ClockOf(moved)!.InitialDueOn);

        var firedOnOldDay = Check(moved, DayZero.AddDays(15), new DateTimeOffset(2026, 12, 7, 0, 0, 5, TimeSpan.Zero));
        Assert.Empty(firedOnOldDay.Events);
        var again = Assert.Single(firedOnOldDay.Messages);
        Assert.Equal(new SusarReportDueMessage(Id, SusarReportKind.Initial, new DateOnly(2026, 12, 16)), again.Payload);
        Assert.Equal(new DateTimeOffset(2026, 12, 17, 0, 0, 0, TimeSpan.Zero), again.DeliverAt);

        // A check for the current day that comes early (or a check from before this field existed) waits: no loop.
        Assert.Equal(Decision.None, Check(moved, new DateOnly(2026, 12, 16), new DateTimeOffset(2026, 12, 16, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(Decision.None, MarkSusarReportOverdue.Decide(moved, Trial, new MarkSusarReportOverdue(Id, SusarReportKind.Initial), Scheduler, new DateTimeOffset(2026, 12, 7, 0, 0, 5, TimeSpan.Zero)));

        var overdue = Single<SusarReportOverdue>(Check(moved, new DateOnly(2026, 12, 16), new DateTimeOffset(2026, 12, 17, 0, 0, 1, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 12, 16), overdue.DueOn);
        Assert.Equal(Decision.None, Check(moved.Apply(overdue), DayZero.AddDays(15), new DateTimeOffset(2026, 12, 18, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void a_change_that_moves_the_due_day_earlier_schedules_a_check_for_the_new_day_and_one_that_moves_it_later_does_not()
    {
        var susar = Assessed(Expectedness.Unexpected);
        var participant = State(Period1Dosed());

        var lifeThreatening = CorrectAdverseEvent.Decide(susar, participant, Trial, new CorrectAdverseEvent(Id, Input(grade: 4), "Source: ICU admission, grade 4."), Investigator, Now);
        var earlier = Assert.Single(lifeThreatening.Messages, m => m.Type == SusarReportDueMessage.MessageType);
        Assert.Equal(new SusarReportDueMessage(Id, SusarReportKind.Initial, DayZero.AddDays(7)), earlier.Payload);
        var fatal = susar.Apply(Event<AdverseEventCorrected>(lifeThreatening));
        var overdue = Single<SusarReportOverdue>(Check(fatal, DayZero.AddDays(7), Now));
        Assert.Equal(DayZero.AddDays(7), overdue.DueOn);

        var downgraded = CorrectAdverseEvent.Decide(fatal, participant, Trial, new CorrectAdverseEvent(Id, Input(grade: 3), "Source: grade 3 after all."), Investigator, Now);
        Assert.DoesNotContain(downgraded.Messages, m => m.Type == SusarReportDueMessage.MessageType);
        var unchanged = CorrectAdverseEvent.Decide(susar, participant, Trial, new CorrectAdverseEvent(Id, Input() with { ActionTaken = ActionTaken.DoseNotChanged }, "Source: dose not changed."), Investigator, Now);
        Assert.DoesNotContain(unchanged.Messages, m => m.Type == SusarReportDueMessage.MessageType);
    }

    [Fact]
    public void the_sae_report_check_follows_the_same_pattern_and_re_schedules_itself_for_a_later_deadline()
    {
        var details = new AdverseEventDetails(Hypertension, "Hypertension", PartialDate.Parse("2026-11-21T10:50"), null, 3, [SeriousnessCriterion.Hospitalization], Causality.Possible, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        var unreported = AdverseEventState.From([new AdverseEventReported(Id, Code, Subject, Investigator.UserId, AwareAt, details, 1, AwareAt.AddHours(24))]);

        var early = MarkSaeReportOverdue.Decide(unreported, Trial, new MarkSaeReportOverdue(Id, AwareAt.AddHours(12)), Scheduler, AwareAt.AddHours(12));
        Assert.Empty(early.Events);
        Assert.Equal(new SaeReportDueMessage(Id, AwareAt.AddHours(24)), Assert.Single(early.Messages).Payload);
        Assert.Equal(Decision.None, MarkSaeReportOverdue.Decide(unreported, Trial, new MarkSaeReportOverdue(Id, AwareAt.AddHours(24)), Scheduler, AwareAt.AddHours(23)));
        Assert.Equal(AwareAt.AddHours(24), Single<SaeReportOverdue>(MarkSaeReportOverdue.Decide(unreported, Trial, new MarkSaeReportOverdue(Id, AwareAt.AddHours(12)), Scheduler, AwareAt.AddHours(25))).DueAt);
    }

    [Fact]
    public void the_re_assessment_names_no_treatment()
    {
        var json = new EventTypeRegistry().Serialize(Event<AdverseEventExpectednessReassessed>(Reassess(Assessed(Expectedness.Expected), Expectedness.Unexpected)));

        Assert.DoesNotContain("treatment", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"KET\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("PBO", json, StringComparison.Ordinal);
    }
}
