using TrialOps.Assessments;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Queries;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Monitoring;

/// <summary>
/// Automatic queries close themselves (ADR 0025) when a recording or correction makes their
/// finding no longer hold: a <see cref="QueryClosed"/> by <c>system</c> in the same decision, with
/// a comment naming the record; a query the Monitor re-opened, and a Monitor's own, stay open.
/// </summary>
public class AutomaticQueryClosingTests
{
    private static readonly Actor TheMonitor = Journey.JourneyFixtures.Monitor;

    private static readonly DataItem Pain20 = new(DataItemKind.Assessment, 1, "PAIN", "PT20M");

    private static readonly DataItem Vitals20 = new(DataItemKind.Assessment, 1, "VITALS", "PT20M");

    private static readonly DateTimeOffset Overdue = Period1Start.AddHours(3);

    /// <summary>Period 1 dosed, then the deadline check as the scheduler runs it: every missed time point marked and queried.</summary>
    private static object[] Missed(params object[] more)
    {
        object[] dosed = [.. Period1Dosed()];
        var check = MarkAssessmentsOverdue.Decide(State(dosed), Trial, new MarkAssessmentsOverdue(Code, Subject, 1), Scheduler, Overdue, MonitoringState.From(dosed));
        Assert.Null(check.Rejection);
        return [.. dosed, .. check.Events.Select(e => e.Data), .. more];
    }

    private static QueryThread QueryOn(object[] history, DataItem target, string rule) =>
        MonitoringState.From(history).Queries.Values.Single(q => q.Target == target && q.Finding!.StartsWith(rule, StringComparison.Ordinal));

    private static Decision RecordPain20(object[] history) =>
        RecordScaleAssessment.Decide(State(history), Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", Period1Start.AddMinutes(22), 35m), Nurse, Now, MonitoringState.From(history));

    private static QueryClosed[] Closes(Decision decision)
    {
        Assert.Null(decision.Rejection);
        Assert.All(decision.Events, e => Assert.Equal(ParticipantStream, e.StreamId));
        return decision.Events.Select(e => e.Data).OfType<QueryClosed>().ToArray();
    }

    [Fact]
    public void a_missed_time_point_recorded_late_closes_its_automatic_query_by_the_system_naming_the_record()
    {
        var history = Missed();
        var query = QueryOn(history, Pain20, AutomaticQueries.MissedTimepoint);
        Assert.True(MonitoringState.From(history).Queries.Values.Count(q => q.Automatic) > 1);

        var decision = RecordPain20(history);

        var closed = Assert.Single(Closes(decision));
        Assert.Equal((query.Number, "system", Now), (closed.Query, closed.ClosedBy, closed.ClosedAt));
        var clock = Trial.ClockOf(Subject);
        Assert.Equal(
            $"Closed automatically: PAIN at PT20M of period 1 was recorded late on {clock.Show(Now)} by {Nurse.UserId} (clinical time {clock.Show(Period1Start.AddMinutes(22))}).",
            closed.Comment);
        Assert.IsType<ScaleAssessmentRecorded>(decision.Events[0].Data);
        var after = MonitoringState.From([.. history, .. decision.Events.Select(e => e.Data)]);
        Assert.Equal(QueryStatus.Closed, after.Queries[query.Number].Status);
        Assert.All(after.Queries.Values.Where(q => q.Number != query.Number), q => Assert.Equal(QueryStatus.Open, q.Status));
    }

    [Fact]
    public void missed_vital_signs_recorded_late_close_their_query()
    {
        var history = Missed();
        var query = QueryOn(history, Vitals20, AutomaticQueries.MissedTimepoint);

        var decision = RecordVitalSigns.Decide(State(history), Trial, new RecordVitalSigns(Code, Subject, 1, "VITALS", "PT20M", Period1Start.AddMinutes(21), NormalVitals), Nurse, Now, MonitoringState.From(history));

        var closed = Assert.Single(Closes(decision));
        Assert.Equal(query.Number, closed.Query);
        Assert.Contains("VITALS at PT20M of period 1 was recorded late", closed.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public void a_missed_time_point_recorded_as_not_done_closes_its_query_with_the_reason()
    {
        var history = Missed();
        var query = QueryOn(history, Pain20, AutomaticQueries.MissedTimepoint);

        var decision = RecordAssessmentNotDone.Decide(State(history), Trial, new RecordAssessmentNotDone(Code, Subject, 1, "PAIN", "PT20M", "Participant asleep"), Nurse, Now, MonitoringState.From(history));

        var closed = Assert.Single(Closes(decision));
        Assert.Equal((query.Number, "system"), (closed.Query, closed.ClosedBy));
        Assert.Equal($"Closed automatically: PAIN at PT20M of period 1 was recorded as not done on {Trial.ClockOf(Subject).Show(Now)} by {Nurse.UserId}; reason: Participant asleep", closed.Comment);
    }

    [Fact]
    public void an_answered_automatic_query_also_closes_when_the_record_resolves_it()
    {
        var number = QueryOn(Missed(), Pain20, AutomaticQueries.MissedTimepoint).Number;
        var history = Missed(new QueryAnswered(Code, Subject, number, Nurse.UserId, Now.AddHours(-1), "The paper form is on its way; we enter it tomorrow.", null));

        Assert.Equal(number, Assert.Single(Closes(RecordPain20(history))).Query);
    }

    [Fact]
    public void an_automatic_query_the_monitor_reopened_stays_open_for_the_monitor()
    {
        var number = QueryOn(Missed(), Pain20, AutomaticQueries.MissedTimepoint).Number;
        var history = Missed(
            new QueryAnswered(Code, Subject, number, Nurse.UserId, Now.AddHours(-2), "Not taken.", null),
            new QueryReopened(Code, Subject, number, TheMonitor.UserId, Now.AddHours(-1), "Why was the 20-minute score not taken? Please document it."));

        var decision = RecordPain20(history);

        Assert.IsType<ScaleAssessmentRecorded>(Assert.Single(decision.Events).Data);
    }

    [Fact]
    public void a_monitors_own_query_never_closes_itself()
    {
        object[] history = [.. Period1Dosed(), new QueryRaised(Code, Subject, 1, TheMonitor.UserId, Now.AddHours(-1), new DataItem(DataItemKind.Period, 1), "Where is the 20-minute pain score?")];

        var decision = RecordPain20(history);

        Assert.Empty(Closes(decision));
        Assert.Equal(QueryStatus.Open, MonitoringState.From([.. history, .. decision.Events.Select(e => e.Data)]).Queries[1].Status);
    }

    [Fact]
    public void a_locked_trial_records_nothing_so_nothing_closes()
    {
        var history = Missed();

        Rejected(RecordScaleAssessment.Decide(State(history), Trial with { Locked = true }, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", Period1Start.AddMinutes(22), 35m), Nurse, Now, MonitoringState.From(history)));
    }

    [Fact]
    public void a_closed_automatic_query_is_not_closed_again_by_a_later_correction()
    {
        var history = Missed();
        var recorded = RecordPain20(history);
        object[] closed = [.. history, .. recorded.Events.Select(e => e.Data)];
        Assert.Single(Closes(recorded));

        var correction = CorrectScaleAssessment.Decide(State(closed), Trial, new CorrectScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", 45m, Period1Start.AddMinutes(22), "Transcription error"), Nurse, Now.AddMinutes(5), MonitoringState.From(closed));

        Assert.IsType<ScaleAssessmentCorrected>(Assert.Single(correction.Events).Data);
        Rejected(RecordPain20(closed), "assessment.already-recorded");
    }

    /// <summary>Vital signs beyond the limits recorded and their automatic query raised, as the safety-alert handler raises it.</summary>
    private static object[] BeyondLimits()
    {
        var values = new VitalSigns(195, 90, 80, 97);
        object[] history = [.. Period1Dosed(), new VitalSignsRecorded(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(20), "VITALS", "PT20M", values)];
        var (finding, text) = AutomaticQueries.ForVitalLimits(Vitals20, AssessmentRules.LimitFindings(Trial.Protocol, values));
        var raised = Single<QueryRaised>(RaiseAutomaticQuery.Decide(State(history), MonitoringState.From(history), Trial, new RaiseAutomaticQuery(Code, Subject, Vitals20, finding, text), Actor.System, Now.AddHours(-1)));
        return [.. history, raised];
    }

    private static Decision CorrectVitals20(object[] history, VitalSigns values) =>
        CorrectVitalSigns.Decide(State(history), Trial, new CorrectVitalSigns(Code, Subject, 1, "VITALS", "PT20M", values, Period1Start.AddMinutes(20), "Typed 195 for 132"), Nurse, Now, MonitoringState.From(history));

    [Fact]
    public void vital_signs_corrected_within_the_limits_close_their_automatic_query()
    {
        var history = BeyondLimits();

        var decision = CorrectVitals20(history, new VitalSigns(132, 80, 72, 97));

        var closed = Assert.Single(Closes(decision));
        Assert.Equal((1, "system"), (closed.Query, closed.ClosedBy));
        Assert.Equal(
            $"Closed automatically: VITALS at PT20M of period 1 was corrected on {Trial.ClockOf(Subject).Show(Now)} by {Nurse.UserId} to BP 132/80 mmHg, HR 72/min, SpO2 97%, within the protocol's limits.",
            closed.Comment);
        Assert.Empty(decision.Events.Select(e => e.Data).OfType<SafetyAlertRaised>());
    }

    [Fact]
    public void vital_signs_corrected_but_still_beyond_a_limit_keep_the_query_open()
    {
        var history = BeyondLimits();

        var stillHigh = CorrectVitals20(history, new VitalSigns(190, 90, 80, 97));
        var anotherLimit = CorrectVitals20(history, new VitalSigns(132, 80, 130, 97));

        Assert.Empty(Closes(stillHigh));
        Assert.Single(stillHigh.Events.Select(e => e.Data).OfType<SafetyAlertRaised>());
        Assert.Empty(Closes(anotherLimit));
    }

    [Fact]
    public void a_finding_that_holds_again_after_its_query_closed_itself_raises_a_new_query()
    {
        var history = BeyondLimits();
        var backInRange = CorrectVitals20(history, new VitalSigns(132, 80, 72, 97));
        object[] closed = [.. history, .. backInRange.Events.Select(e => e.Data),
            new VitalSignsCorrected(Code, Subject, 1, Nurse.UserId, Now.AddMinutes(5), "VITALS", "PT20M", new VitalSigns(195, 90, 80, 97), Period1Start.AddMinutes(20), "The first value was right after all")];
        var first = MonitoringState.From(history).Queries[1].Raised;
        var again = new RaiseAutomaticQuery(Code, Subject, Vitals20, MonitoringState.From(history).Queries[1].Finding!, first.Text!);

        var raised = Single<QueryRaised>(RaiseAutomaticQuery.Decide(State(closed), MonitoringState.From(closed), Trial, again, Actor.System, Now.AddMinutes(6)));

        Assert.Equal(2, raised.Query);
        Assert.True(MonitoringState.From(closed).Queries[1].ClosedItself);
    }

    [Fact]
    public void a_finding_the_record_already_resolves_raises_no_query()
    {
        object[] history = [.. Period1Dosed(),
            new VitalSignsRecorded(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(20), "VITALS", "PT20M", new VitalSigns(195, 90, 80, 97)),
            new VitalSignsCorrected(Code, Subject, 1, Nurse.UserId, Now.AddMinutes(-1), "VITALS", "PT20M", new VitalSigns(132, 80, 72, 97), Period1Start.AddMinutes(20), "Typed 195 for 132")];
        var (finding, text) = AutomaticQueries.ForVitalLimits(Vitals20, ["systolic 195 mmHg above 180"]);

        var decision = RaiseAutomaticQuery.Decide(State(history), MonitoringState.From(history), Trial, new RaiseAutomaticQuery(Code, Subject, Vitals20, finding, text), Actor.System, Now);

        Assert.Null(decision.Rejection);
        Assert.Empty(decision.Events);
    }

    /// <summary>PT20M measured at +60 min, PT40M at +40 min: out of order, and the query the finding raised on PT40M.</summary>
    private static object[] OutOfOrder()
    {
        object[] history = [.. Period1Dosed(),
            new ScaleAssessmentRecorded(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(60), "PAIN", "PT20M", 40m, "mm")];
        var recorded = RecordScaleAssessment.Decide(State(history), Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT40M", Period1Start.AddMinutes(40), 30m), Nurse, Now.AddHours(-2), MonitoringState.From(history));
        var finding = Assert.IsType<AutomaticQueryFinding>(Assert.Single(recorded.Messages).Payload);
        history = [.. history, .. recorded.Events.Select(e => e.Data)];
        var raised = Single<QueryRaised>(RaiseAutomaticQuery.Decide(State(history), MonitoringState.From(history), Trial,
            new RaiseAutomaticQuery(Code, Subject, finding.Target, finding.Finding, finding.Text), Actor.System, Now.AddHours(-1)));
        return [.. history, raised];
    }

    [Fact]
    public void correcting_a_time_so_the_order_holds_closes_the_times_out_of_order_query()
    {
        var history = OutOfOrder();

        var decision = CorrectScaleAssessment.Decide(State(history), Trial, new CorrectScaleAssessment(Code, Subject, 1, "PAIN", "PT20M", 40m, Period1Start.AddMinutes(21), "Clock read wrongly"), Nurse, Now, MonitoringState.From(history));

        var closed = Assert.Single(Closes(decision));
        var clock = Trial.ClockOf(Subject);
        Assert.Equal((1, "system"), (closed.Query, closed.ClosedBy));
        Assert.Equal(
            $"Closed automatically: the PAIN times of period 1 are in order after the time of PT20M was corrected on {clock.Show(Now)} by {Nurse.UserId} (PT20M measured {clock.Show(Period1Start.AddMinutes(21))}, PT40M measured {clock.Show(Period1Start.AddMinutes(40))}).",
            closed.Comment);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void a_correction_that_leaves_the_times_out_of_order_keeps_the_query_open()
    {
        var history = OutOfOrder();

        var decision = CorrectScaleAssessment.Decide(State(history), Trial, new CorrectScaleAssessment(Code, Subject, 1, "PAIN", "PT40M", 30m, Period1Start.AddMinutes(50), "Clock read wrongly"), Nurse, Now, MonitoringState.From(history));

        Assert.Empty(Closes(decision));
        Assert.IsType<ScaleAssessmentCorrected>(Assert.Single(decision.Events).Data);
    }
}
