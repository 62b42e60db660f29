using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Messaging;
using TrialOps.Queries;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Monitoring;

public class AutomaticQueryDecisionTests
{
    private static readonly Actor TheMonitor = Journey.JourneyFixtures.Monitor;

    private static readonly DataItem Vitals20 = new(DataItemKind.Assessment, 1, "VITALS", "PT20M");

    private static Decision Raise(object[] history, string finding = "vital-limits P1 VITALS PT20M: systolic 195 mmHg above 180", Actor? by = null) =>
        RaiseAutomaticQuery.Decide(State(history), MonitoringState.From(history), Trial,
            new RaiseAutomaticQuery(Code, Subject, Vitals20, finding, "Automatic check: beyond the limits"), by ?? Actor.System, Now);

    [Fact]
    public void the_system_raises_a_query_for_a_finding_marked_as_automatic()
    {
        var raised = Single<QueryRaised>(Raise(Period1Dosed()));

        Assert.Equal((1, "system", Vitals20), (raised.Query, raised.RaisedBy, raised.Target));
        Assert.True(raised.Automatic);
        Assert.True(MonitoringState.From([.. Period1Dosed(), raised]).Queries[1].Automatic);
    }

    [Fact]
    public void the_same_finding_never_raises_a_second_query_even_after_the_first_was_closed()
    {
        var raised = Single<QueryRaised>(Raise(Period1Dosed()));
        var closed = new QueryClosed(Code, Subject, 1, TheMonitor.UserId, Now, "Confirmed against the monitor print-out");

        Assert.Empty(Raise([.. Period1Dosed(), raised]).Events);
        Assert.Empty(Raise([.. Period1Dosed(), raised, closed]).Events);
        Assert.Equal(2, Single<QueryRaised>(Raise([.. Period1Dosed(), raised, closed], finding: "vital-limits P1 VITALS PT20M: SpO2 85% below 90")).Query);
    }

    [Fact]
    public void nobody_but_the_system_raises_an_automatic_query()
    {
        Rejected(Raise(Period1Dosed(), by: TheMonitor), "not-permitted");
        Rejected(Raise(Period1Dosed(), by: new Actor("system", "Monitor")), "not-permitted");
    }

    [Fact]
    public void a_locked_trial_takes_no_automatic_query()
    {
        var decision = RaiseAutomaticQuery.Decide(State(Period1Dosed()), MonitoringState.Initial, Trial with { Locked = true },
            new RaiseAutomaticQuery(Code, Subject, Vitals20, "vital-limits x", "text"), Actor.System, Now);

        Assert.Null(decision.Rejection);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void each_missed_time_point_raises_one_automatic_query_numbered_after_the_monitors()
    {
        var monitors = new QueryRaised(Code, Subject, 1, TheMonitor.UserId, Now, new DataItem(DataItemKind.Weight, 1), "Scale?");
        object[] history = [.. Enrolled(), Weight(1), Prepared(1), Started(1), monitors];
        var at = Period1Start.AddMinutes(31);

        var decision = MarkAssessmentsOverdue.Decide(State(history), Trial, new MarkAssessmentsOverdue(Code, Subject, 1), Scheduler, at, MonitoringState.From(history));

        var marked = Event<AssessmentsMarkedOverdue>(decision);
        var queries = decision.Events.Select(e => e.Data).OfType<QueryRaised>().ToArray();
        Assert.Equal(marked.Items.Select(i => $"P1 {i.AssessmentCode} {i.Timepoint}"), queries.Select(q => q.Target.Key));
        Assert.Equal(Enumerable.Range(2, queries.Length), queries.Select(q => q.Query));
        Assert.All(queries, q => Assert.Equal(("system", true), (q.RaisedBy, q.Automatic)));
        Assert.All(decision.Events, e => Assert.Equal(ParticipantStream, e.StreamId));
    }

    [Fact]
    public void a_value_measured_before_an_earlier_time_point_sends_one_finding_for_review()
    {
        var at20 = new ScaleAssessmentRecorded(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(60), "PAIN", "PT20M", 40m, "mm");
        object[] history = [.. Enrolled(), Weight(1), Prepared(1), Started(1), at20];

        var decision = RecordScaleAssessment.Decide(State(history), Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT40M", Period1Start.AddMinutes(40), 30m), Nurse, Now);

        var message = Assert.Single(decision.Messages);
        var finding = Assert.IsType<AutomaticQueryFinding>(message.Payload);
        Assert.Equal((new DataItem(DataItemKind.Assessment, 1, "PAIN", "PT40M"), "times-out-of-order P1 PAIN PT20M/PT40M"), (finding.Target, finding.Finding));
        Assert.Contains("PT40M was measured before PT20M", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void values_in_time_point_order_send_nothing()
    {
        var at20 = new ScaleAssessmentRecorded(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(20), "PAIN", "PT20M", 40m, "mm");
        object[] history = [.. Enrolled(), Weight(1), Prepared(1), Started(1), at20];

        var decision = RecordScaleAssessment.Decide(State(history), Trial, new RecordScaleAssessment(Code, Subject, 1, "PAIN", "PT40M", Period1Start.AddMinutes(41), 30m), Nurse, Now);

        Assert.Null(decision.Rejection);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void a_monitor_queries_an_adverse_event_of_the_participant_but_not_another_participants()
    {
        const string id = "ae0000000042";
        var reported = new AdverseEventReported(id, Code, Subject, Nurse.UserId, Period1Start.AddHours(1),
            new AdverseEventDetails(10013573, "Dizziness", PartialDate.Parse("2026-11-21T10:30"), null, 1, [], null, ActionTaken.DoseNotChanged, AdverseEventOutcome.NotRecoveredNotResolved), 1, null);
        var target = new DataItem(DataItemKind.AdverseEvent, AdverseEventId: id);
        var history = Period1Dosed();

        var raised = Single<QueryRaised>(RaiseQuery.Decide(State(history), MonitoringState.From(history), Trial, new RaiseQuery(Code, Subject, target, "Onset before dosing?"), TheMonitor, Now, AdverseEventState.From([reported])));
        var otherCase = reported with { Subject = Participants.SubjectNumber.Parse("S01-002") };

        Assert.Equal(("AE ae0000000042", id), (raised.Target.Key, raised.Target.AdverseEventId));
        Assert.Equal(target, MonitoringState.From(history).ItemFor("AE ae0000000042"));
        Rejected(RaiseQuery.Decide(State(history), MonitoringState.From(history), Trial, new RaiseQuery(Code, Subject, target, "Onset?"), TheMonitor, Now, AdverseEventState.From([otherCase])), "query.item-not-recorded");
        Rejected(RaiseQuery.Decide(State(history), MonitoringState.From(history), Trial, new RaiseQuery(Code, Subject, target, "Onset?"), TheMonitor, Now), "query.item-not-recorded");
    }
}
