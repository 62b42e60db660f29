using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Queries;
using TrialOps.Worklists;

namespace TrialOps.Tests.Worklists;

/// <summary>Which rows of the read models are work for whom now, and only at the viewer's sites (issue 14, item 5; ADR 0027).</summary>
public class WorklistRulesTests
{
    private const string Trial = "KET-NP-01";

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Actor NurseAtS01 = new("nurse", Roles.DataEntry, SiteAccess.Only(["S01"]));

    private static readonly Actor MonitorOfAll = new("monitor", Roles.Monitor, SiteAccess.All);

    private static ScheduleItem Item(string subject, ScheduleItemKind kind, ScheduleStatus status, DateTimeOffset? due, int period = 1, string code = "PAIN") =>
        new(Trial, subject, period, kind, kind == ScheduleItemKind.Dosing ? "DOSING" : code, kind == ScheduleItemKind.Assessment ? "PT20M" : "", kind == ScheduleItemKind.Dosing ? "Dosing session" : "Pain at 20 min", due, due?.AddHours(2), null, false, status);

    [Fact]
    public void sessions_and_assessments_due_today_or_overdue_are_work_and_nothing_else_is()
    {
        var schedule = new[]
        {
            Item("S01-001", ScheduleItemKind.Dosing, ScheduleStatus.Overdue, Now.AddDays(-2)),
            Item("S01-002", ScheduleItemKind.Assessment, ScheduleStatus.Due, Now.AddMinutes(-5)),
            Item("S01-003", ScheduleItemKind.Assessment, ScheduleStatus.Planned, Now.AddHours(6)),
            Item("S01-004", ScheduleItemKind.Dosing, ScheduleStatus.Planned, Now.AddDays(1)),
            Item("S01-005", ScheduleItemKind.Assessment, ScheduleStatus.NotDone, Now.AddHours(-3)),
            Item("S01-006", ScheduleItemKind.Assessment, ScheduleStatus.Done, Now.AddHours(-3)),
            Item("S01-007", ScheduleItemKind.Washout, ScheduleStatus.Planned, Now.AddHours(1)),
            Item("S01-008", ScheduleItemKind.Assessment, ScheduleStatus.Planned, null),
        };

        var work = WorklistRules.Sessions(Trial, schedule, NurseAtS01, Now);

        Assert.Equal(["S01-001", "S01-002", "S01-003"], work.Select(w => w.Subject).ToArray());
        Assert.Equal([WorkKind.DosingSession, WorkKind.Assessment, WorkKind.Assessment], work.Select(w => w.Kind).ToArray());
        Assert.Equal([true, false, false], work.Select(w => w.Overdue).ToArray());
        Assert.Equal("Dosing session, period 1", work[0].What);
        Assert.All(work, w => Assert.Equal("S01", w.Site));
    }

    [Fact]
    public void due_today_means_before_the_end_of_the_day_at_the_participants_site()
    {
        // 21:00 UTC on 1 December is 08:00 on 2 December in Sydney and 22:00 on 1 December in Amsterdam.
        var now = new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero);
        var schedule = new[]
        {
            Item("S01-001", ScheduleItemKind.Dosing, ScheduleStatus.Planned, now.AddHours(5)),
            Item("S02-001", ScheduleItemKind.Dosing, ScheduleStatus.Planned, now.AddHours(5)),
            Item("S02-002", ScheduleItemKind.Dosing, ScheduleStatus.Planned, now.AddHours(16)),
        };
        SiteClock ClockOf(string subject) => SiteClock.Of(subject.StartsWith("S02", StringComparison.Ordinal) ? "Australia/Sydney" : "Europe/Amsterdam");

        // 02:00 the next day in Amsterdam is tomorrow there; 13:00 in Sydney is today; 00:00 the next day in Sydney is not.
        Assert.Equal(["S02-001"], WorklistRules.Sessions(Trial, schedule, MonitorOfAll, now, ClockOf).Select(w => w.Subject));
        Assert.Empty(WorklistRules.Sessions(Trial, schedule, MonitorOfAll, now));
    }

    [Fact]
    public void another_sites_participants_never_reach_the_worklist()
    {
        var schedule = new[]
        {
            Item("S01-001", ScheduleItemKind.Dosing, ScheduleStatus.Overdue, Now.AddDays(-2)),
            Item("S02-001", ScheduleItemKind.Dosing, ScheduleStatus.Overdue, Now.AddDays(-2)),
        };
        var saes = new[] { Sae("S02-001", reported: null), Sae("S01-001", reported: null) };
        var alerts = new[] { Alert("S02-001"), Alert("S01-001") };

        Assert.Equal(["S01-001"], WorklistRules.Sessions(Trial, schedule, NurseAtS01, Now).Select(w => w.Subject));
        Assert.Equal(["S01-001"], WorklistRules.SaeReports(Trial, saes, NurseAtS01).Select(w => w.Subject));
        Assert.Equal(["S01-001"], WorklistRules.SafetyAlerts(Trial, alerts, NurseAtS01 with { Role = Roles.Investigator }).Select(w => w.Subject));
        Assert.Equal(2, WorklistRules.Sessions(Trial, schedule, MonitorOfAll, Now).Count);
        Assert.Empty(WorklistRules.Sessions(Trial, schedule, new Actor("nobody", Roles.DataEntry, SiteAccess.None), Now));
    }

    [Fact]
    public void an_sae_is_work_to_report_until_it_is_reported_with_its_clock_and_to_judge_until_causality_is_given()
    {
        var due = Sae("S01-001", reported: null, overdue: false);
        var late = Sae("S01-002", reported: null, overdue: true);
        var reported = Sae("S01-003", reported: Now.AddHours(-1), causality: "Related");

        var reports = WorklistRules.SaeReports(Trial, [due, late, reported], NurseAtS01);
        var causality = WorklistRules.SaeCausality(Trial, [due, late, reported], NurseAtS01);

        Assert.Equal(["S01-001", "S01-002"], reports.Select(r => r.Subject));
        Assert.Equal([false, true], reports.Select(r => r.Overdue));
        Assert.Equal(due.SponsorReportDueAt, reports[0].DeadlineAt);
        Assert.Equal("AE-S01-001", reports[0].AdverseEventId);
        Assert.Equal(["S01-001", "S01-002"], causality.Select(r => r.Subject));
        Assert.All(causality, c => Assert.Equal(WorkKind.SaeCausality, c.Kind));
    }

    [Fact]
    public void open_queries_are_the_sites_to_answer_and_answered_ones_the_monitors_to_review()
    {
        var monitoring = new TrialMonitoring(
        [
            Participant("S01-001", Raised("S01-001", 1)),
            Participant("S01-002", Raised("S01-002", 1), new QueryAnswered(Ket, Number("S01-002"), 1, "nurse", Now, "As in the source", null)),
            Participant("S02-001", Raised("S02-001", 1)),
        ]);

        var toAnswer = WorklistRules.Queries(Trial, monitoring, QueryStatus.Open, NurseAtS01);
        var toReview = WorklistRules.Queries(Trial, monitoring, QueryStatus.Answered, MonitorOfAll);

        Assert.Equal([("S01-001", 1, WorkKind.QueryToAnswer)], toAnswer.Select(q => (q.Subject, q.QueryNumber ?? 0, q.Kind)));
        Assert.Equal([("S01-002", 1, WorkKind.QueryToReview)], toReview.Select(q => (q.Subject, q.QueryNumber ?? 0, q.Kind)));
        Assert.Contains("P1 weight", toAnswer[0].What, StringComparison.Ordinal);
    }

    [Fact]
    public void preparations_are_due_sessions_not_yet_prepared()
    {
        var schedule = new[]
        {
            Item("S01-001", ScheduleItemKind.Dosing, ScheduleStatus.Due, Now.AddHours(-1), period: 2),
            Item("S01-002", ScheduleItemKind.Dosing, ScheduleStatus.Due, Now.AddHours(-1), period: 2),
            Item("S01-003", ScheduleItemKind.Assessment, ScheduleStatus.Due, Now.AddHours(-1)),
        };

        var work = WorklistRules.Preparations(Trial, schedule, i => i.Subject == "S01-002", new Actor("pharmacist", Roles.Pharmacist, SiteAccess.All), Now);

        Assert.Equal([("S01-001", 2, WorkKind.Preparation)], work.Select(w => (w.Subject, w.Period ?? 0, w.Kind)));
        Assert.Equal("Prepare the infusion of period 2", work[0].What);
    }

    [Fact]
    public void overdue_work_comes_first_then_by_its_clock_and_work_without_a_clock_last()
    {
        WorkItem At(string subject, DateTimeOffset? due, bool overdue) => new(Trial, WorkKind.Assessment, subject, "S01", "x", due, overdue);

        var ordered = WorklistRules.Order([At("S01-004", null, false), At("S01-003", Now.AddHours(1), false), At("S01-002", Now.AddHours(-1), true), At("S01-001", Now.AddHours(-1), false)]);

        Assert.Equal(["S01-002", "S01-001", "S01-003", "S01-004"], ordered.Select(o => o.Subject));
    }

    private static readonly ProtocolCode Ket = ProtocolCode.Parse(Trial);

    private static SubjectNumber Number(string subject) => SubjectNumber.Parse(subject);

    private static QueryRaised Raised(string subject, int number) =>
        new(Ket, Number(subject), number, "monitor", Now.AddDays(-1), new DataItem(DataItemKind.Weight, 1), "Weight as in the source?");

    private static ParticipantMonitoring Participant(string subject, params object[] events) =>
        new(subject, subject[..3], events.Select((e, i) => (e, i)).Aggregate(MonitoringState.Initial, (state, x) => state.Apply(x.e, x.i + 10)));

    private static AdverseEventSummary Sae(string subject, DateTimeOffset? reported, bool overdue = false, string? causality = null) =>
        new($"AE-{subject}", Trial, subject, 10019211, "Headache", "2026-11-30", null, 3, true, ["Hospitalization"], causality, "DoseNotChanged", "NotRecovered", 1,
            Now.AddHours(-30), Now.AddHours(overdue ? -6 : 6), reported, null, overdue, 0, 0);

    private static PendingSafetyAlert Alert(string subject) =>
        new(new SafetyAlertView(42, subject, 1, "VITALS", "PT20M", Now.AddHours(-1), "nurse", Now.AddHours(-1), ["systolic 195 mmHg above 180"]), Now);

    [Fact]
    public void records_to_sign_are_listed_with_what_to_sign_and_a_changed_signed_record_asks_to_sign_again()
    {
        var changed = new TrialOps.Signatures.SignatureView("participant-KET-NP-01-S01-002", 7, "ina", "Ina Vest", Roles.Investigator, "approved", "casebook", Now.AddDays(-3), Current: false, ChangedAt: Now.AddDays(-1));
        var pending = new[]
        {
            new TrialOps.SignOff.SignOffItem(Trial, "S01-001", "S01", TrialOps.SignOff.SignOffKind.Causality, "ae-1", "causality of nausea", Now.AddHours(-5), null),
            new TrialOps.SignOff.SignOffItem(Trial, "S01-002", "S01", TrialOps.SignOff.SignOffKind.Casebook, null, "casebook", Now.AddDays(-1), changed),
        };

        var items = WorklistRules.SignOff(Trial, pending);

        Assert.Collection(
            items,
            first =>
            {
                Assert.Equal((WorkKind.SignOff, "S01-001", "Sign: causality of nausea", "ae-1"), (first.Kind, first.Subject, first.What, first.AdverseEventId));
                Assert.Equal(TrialOps.SignOff.SignOffKind.Causality, first.SignOff);
                Assert.False(first.Overdue);
            },
            second => Assert.Equal(("Sign again: casebook", TrialOps.SignOff.SignOffKind.Casebook), (second.What, second.SignOff)));
    }

    [Fact]
    public void a_running_susar_clock_is_due_at_the_end_of_its_due_day_with_its_site_and_no_treatment()
    {
        var clocks = new[]
        {
            new OpenSusarClock(Trial, "ae-7", "S02-004", "Hypertension", SusarReportKind.Initial, new DateOnly(2026, 12, 8), 7, Overdue: false),
            new OpenSusarClock(Trial, "ae-3", "S01-001", "Seizure", SusarReportKind.FollowUp, new DateOnly(2026, 11, 30), -1, Overdue: true),
        };

        var items = WorklistRules.SusarClocks(clocks);

        Assert.Equal(new DateTimeOffset(2026, 12, 9, 0, 0, 0, TimeSpan.Zero), items[0].DueAt);
        Assert.Equal(items[0].DueAt, items[0].DeadlineAt);
        Assert.Equal(("S02", "SUSAR initial report: Hypertension", false), (items[0].Site, items[0].What, items[0].Overdue));
        Assert.Equal(("S01", "SUSAR follow-up report: Seizure", true), (items[1].Site, items[1].What, items[1].Overdue));
        Assert.All(items, i => Assert.Equal(WorkKind.SusarReport, i.Kind));
    }
}
