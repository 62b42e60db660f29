using TrialOps.Assessments;
using TrialOps.Participants;
using TrialOps.Queries;
using TrialOps.SourceVerification;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Monitoring;

public class QueryDecisionTests
{
    private static readonly Messaging.Actor TheMonitor = Journey.JourneyFixtures.Monitor;

    private static readonly DataItem Pain20 = new(DataItemKind.Assessment, 1, "PAIN", "PT20M");

    private static ScaleAssessmentRecorded Pain(decimal value = 40m) =>
        new(Code, Subject, 1, Nurse.UserId, Period1Start.AddMinutes(20), "PAIN", "PT20M", value, "mm");

    private static ScaleAssessmentCorrected PainCorrected(decimal value) =>
        new(Code, Subject, 1, Nurse.UserId, Now, "PAIN", "PT20M", value, Period1Start.AddMinutes(20), "Misread the ruler");

    private static object[] Recorded() => [.. Period1Dosed(), Pain()];

    private static QueryRaised Raise(object[] history, DataItem? target = null, string text = "VAS 40 at 20 min, source says 4?") =>
        Single<QueryRaised>(RaiseQuery.Decide(State(history), MonitoringState.From(history), Trial, new RaiseQuery(Code, Subject, target ?? Pain20, text), TheMonitor, Now));

    private static Messaging.Decision Answer(object[] history, string answer = "Source shows 40 mm", Messaging.Actor? by = null) =>
        AnswerQuery.Decide(State(history), MonitoringState.From(history), Trial, new AnswerQuery(Code, Subject, 1, answer), by ?? Nurse, Now);

    [Fact]
    public void a_monitor_raises_a_numbered_query_on_a_recorded_value_spelt_as_the_protocol_spells_it()
    {
        var first = Raise(Recorded(), new DataItem(DataItemKind.Assessment, 1, "pain", "pt20m"));
        var second = Raise([.. Recorded(), first], new DataItem(DataItemKind.Period, 1), "Is the 40 min pain score missing?");

        Assert.Equal((1, Pain20, TheMonitor.UserId, "P1 PAIN PT20M"), (first.Query, first.Target, first.RaisedBy, first.Target.Key));
        Assert.Equal((2, "Period 1"), (second.Query, second.Target.Key));
    }

    [Fact]
    public void only_a_monitor_raises_queries_and_only_on_what_is_recorded()
    {
        var state = State(Recorded());
        var monitoring = MonitoringState.From(Recorded());

        Rejected(RaiseQuery.Decide(state, monitoring, Trial, new RaiseQuery(Code, Subject, Pain20, "Why?"), Coordinator, Now), "not-permitted");
        Rejected(RaiseQuery.Decide(state, monitoring, Trial, new RaiseQuery(Code, Subject, Pain20, "  "), TheMonitor, Now), "query.text-required");
        Rejected(RaiseQuery.Decide(state, monitoring, Trial, new RaiseQuery(Code, Subject, Pain20 with { Timepoint = "PT40M" }, "Why?"), TheMonitor, Now), "query.item-not-recorded");
        Rejected(RaiseQuery.Decide(state, monitoring, Trial, new RaiseQuery(Code, Subject, new DataItem(DataItemKind.Period, 3), "Why?"), TheMonitor, Now), "participant.unknown-period");
        Rejected(RaiseQuery.Decide(state, monitoring, Trial, new RaiseQuery(Code, Subject, new DataItem((DataItemKind)42), "Why?"), TheMonitor, Now), "query.unknown-item");
        Rejected(RaiseQuery.Decide(state, monitoring, Trial with { Locked = true }, new RaiseQuery(Code, Subject, Pain20, "Why?"), TheMonitor, Now), "trial.locked");
    }

    [Fact]
    public void an_answer_after_the_usual_correction_names_the_correction_and_one_without_names_none()
    {
        var raised = Raise(Recorded());
        var explained = Event<QueryAnswered>(Answer([.. Recorded(), raised]));
        Assert.Null(explained.CorrectionVersion);

        object[] history = [.. Recorded(), raised, PainCorrected(4m)];
        var corrected = Event<QueryAnswered>(Answer(history, "Corrected to 4 as in the source"));

        Assert.Equal(history.Length, corrected.CorrectionVersion);
        Assert.Equal((1, Nurse.UserId), (corrected.Query, corrected.AnsweredBy));
    }

    [Fact]
    public void a_correction_made_before_the_query_does_not_count_as_its_answer()
    {
        object[] history = [.. Recorded(), PainCorrected(4m)];
        var raised = Raise(history);

        Assert.Null(Event<QueryAnswered>(Answer([.. history, raised])).CorrectionVersion);
    }

    [Fact]
    public void site_staff_answer_open_queries_only_and_the_monitor_closes_or_reopens_them()
    {
        var raised = Raise(Recorded());
        object[] open = [.. Recorded(), raised];

        Rejected(Answer(open, by: TheMonitor), "not-permitted");
        Rejected(Answer(open, by: Pharmacist), "not-permitted");
        Rejected(Answer(open, answer: ""), "query.text-required");
        Rejected(AnswerQuery.Decide(State(open), MonitoringState.From(open), Trial, new AnswerQuery(Code, Subject, 2, "x"), Nurse, Now), "query.not-found");
        Rejected(ReopenQuery.Decide(State(open), MonitoringState.From(open), Trial, new ReopenQuery(Code, Subject, 1, "Again"), TheMonitor, Now), "query.already-open");

        object[] answered = [.. open, Event<QueryAnswered>(Answer(open, by: Investigator))];
        Assert.Equal(QueryStatus.Answered, MonitoringState.From(answered).Queries[1].Status);
        Rejected(Answer(answered), "query.not-open");
        Rejected(CloseQuery.Decide(State(answered), MonitoringState.From(answered), Trial, new CloseQuery(Code, Subject, 1), Coordinator, Now), "not-permitted");

        object[] reopened = [.. answered, Single<QueryReopened>(ReopenQuery.Decide(State(answered), MonitoringState.From(answered), Trial, new ReopenQuery(Code, Subject, 1, "Please attach the source page"), TheMonitor, Now))];
        Assert.Equal(QueryStatus.Open, MonitoringState.From(reopened).Queries[1].Status);

        var closed = Single<QueryClosed>(CloseQuery.Decide(State(reopened), MonitoringState.From(reopened), Trial, new CloseQuery(Code, Subject, 1, "Raised in error"), TheMonitor, Now));
        var final = MonitoringState.From([.. reopened, closed]).Queries[1];
        Assert.Equal((QueryStatus.Closed, "Raised in error"), (final.Status, closed.Comment));
        Assert.Equal(["raised", "answered", "reopened", "closed"], final.Steps.Select(s => s.Step));
        Rejected(CloseQuery.Decide(State([.. reopened, closed]), MonitoringState.From([.. reopened, closed]), Trial, new CloseQuery(Code, Subject, 1), TheMonitor, Now), "query.already-closed");
    }

    [Fact]
    public void a_reopened_query_counts_corrections_from_the_reopening_on()
    {
        var raised = Raise(Recorded());
        object[] history = [.. Recorded(), raised, PainCorrected(4m)];
        history = [.. history, Event<QueryAnswered>(Answer(history))];
        history = [.. history, Single<QueryReopened>(ReopenQuery.Decide(State(history), MonitoringState.From(history), Trial, new ReopenQuery(Code, Subject, 1, "Source says 5"), TheMonitor, Now))];

        Assert.Null(Event<QueryAnswered>(Answer(history, "Checked again: 4")).CorrectionVersion);
        history = [.. history, PainCorrected(5m)];
        Assert.Equal(history.Length, Event<QueryAnswered>(Answer(history, "Now 5")).CorrectionVersion);
    }

    [Fact]
    public void the_monitor_verifies_a_period_with_the_versions_verified_and_a_later_correction_clears_it()
    {
        var history = Recorded();
        var verified = Single<SourceDataVerified>(VerifySourceData.Decide(State(history), MonitoringState.From(history), Trial, new VerifySourceData(Code, Subject, [new DataItem(DataItemKind.Period, 1)]), TheMonitor, Now));

        Assert.Equal(["P1 weight", "P1 dosing start", "P1 dosing stop", "P1 PAIN PT20M"], verified.Items.Select(i => i.Item.Key));
        Assert.Equal(history.Length, verified.Items.Single(i => i.Item == Pain20).Version);

        object[] after = [.. history, verified];
        Assert.True(MonitoringState.From(after).Value(Pain20)!.Verified);
        Rejected(VerifySourceData.Decide(State(after), MonitoringState.From(after), Trial, new VerifySourceData(Code, Subject, [Pain20]), TheMonitor, Now), "sdv.nothing-to-verify");

        var changed = MonitoringState.From([.. after, PainCorrected(4m)]);
        Assert.Equal((false, true), (changed.Value(Pain20)!.Verified, changed.Value(Pain20)!.VerificationOutdated));
        Assert.True(changed.Value(new DataItem(DataItemKind.Weight, 1))!.Verified);
    }

    [Fact]
    public void verifying_the_whole_participant_takes_every_value_not_yet_verified_and_only_a_monitor_may()
    {
        var history = Recorded();
        var first = Single<SourceDataVerified>(VerifySourceData.Decide(State(history), MonitoringState.From(history), Trial, new VerifySourceData(Code, Subject, [Pain20]), TheMonitor, Now));
        object[] after = [.. history, first];

        var rest = Single<SourceDataVerified>(VerifySourceData.Decide(State(after), MonitoringState.From(after), Trial, new VerifySourceData(Code, Subject), TheMonitor, Now));

        Assert.Equal(["Consent", "P1 weight", "P1 dosing start", "P1 dosing stop"], rest.Items.Select(i => i.Item.Key));
        Rejected(VerifySourceData.Decide(State(after), MonitoringState.From(after), Trial, new VerifySourceData(Code, Subject), Investigator, Now), "not-permitted");
        Rejected(VerifySourceData.Decide(State(after), MonitoringState.From(after), Trial, new VerifySourceData(Code, Subject, []), TheMonitor, Now), "sdv.items-required");
    }

    [Fact]
    public void an_assessment_recorded_as_not_done_can_be_questioned_and_verified_like_a_value()
    {
        object[] history = [.. Period1Dosed(), new AssessmentNotDone(Code, Subject, 1, Nurse.UserId, Now, "PAIN", "PT40M", "Participant asleep")];
        var target = new DataItem(DataItemKind.Assessment, 1, "PAIN", "PT40M");

        Assert.Equal(target, Raise(history, target, "Asleep for the whole window?").Target);
        Assert.Equal(history.Length, Assert.Single(Single<SourceDataVerified>(VerifySourceData.Decide(State(history), MonitoringState.From(history), Trial, new VerifySourceData(Code, Subject, [target]), TheMonitor, Now)).Items).Version);
    }
}
