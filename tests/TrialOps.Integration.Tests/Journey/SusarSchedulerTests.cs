using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Messaging;
using TrialOps.Notifications;
using TrialOps.Participants;
using TrialOps.Protocols;
using static TrialOps.Integration.Tests.Journey.JourneySupport;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>
/// The SUSAR report deadline through the real store, Wolverine's durable scheduler and the sponsor
/// notification log (ADR 0026): marked overdue once; the check follows a due day moved later or
/// earlier and stops with a re-assessment as expected.
/// </summary>
public sealed class SusarSchedulerTests(JourneyFixture fixture) : IClassFixture<JourneyFixture>
{
    private static readonly Actor MedicalMonitor = new("u-medical-monitor", Roles.MedicalMonitor);
    private static readonly Actor SafetyOfficer = new("u-safety-officer", Roles.SafetyOfficer);

    private DateTimeOffset Now => fixture.Runtime.Clock.GetUtcNow();

    /// <summary>A trial with one participant dosed in period 1 twenty days ago, and an onset two hours after that dosing started.</summary>
    private async Task<(ProtocolCode Protocol, SubjectNumber Subject, DateTimeOffset Onset)> DosedTwentyDaysAgoAsync(string code)
    {
        await ImportAsync(fixture, TrialDesignSupport.WithCode(code));
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-25)));
        var start = Now.AddDays(-20);
        await DoseAsync(fixture, code, subject, 1, start, TimeSpan.FromMinutes(40));
        return (ProtocolCode.Parse(code), subject, start.AddHours(2));
    }

    [Fact]
    public async Task a_susar_not_submitted_by_day_15_is_marked_overdue_and_notified_once_even_when_the_message_comes_again()
    {
        const string code = "SUSAR-DUE-01";
        var (protocol, subject, onset) = await DosedTwentyDaysAgoAsync(code);
        var serious = new AdverseEventInput(10020772, PartialDate.FromInstant(onset), null, 3, [SeriousnessCriterion.Hospitalization], Causality.Probable, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        var late = AdverseEventStreams.NewId();
        var submitted = AdverseEventStreams.NewId();
        foreach (var id in new[] { late, submitted })
        {
            Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new ReportAdverseEvent(id, protocol, subject, onset.AddMinutes(10), serious)));
            Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new ReportSaeToSponsor(id, onset.AddHours(3), "SAE-1")));
        }

        var early = await fixture.Runtime.SendAsync(Context(SafetyOfficer), new RecordSusarSubmission(submitted, SusarReportKind.Initial, ExpeditedReporting.Day(onset), "FDA", null, null));
        Assert.Equal("adverse-event.not-a-susar", early.Rejection?.Code);
        foreach (var id in new[] { late, submitted })
        {
            Accepted(await fixture.Runtime.SendAsync(Context(MedicalMonitor), new AssessExpectedness(id, Expectedness.Unexpected, null)));
        }

        Accepted(await fixture.Runtime.SendAsync(Context(SafetyOfficer), new RecordSusarSubmission(submitted, SusarReportKind.Initial, ExpeditedReporting.Day(onset).AddDays(10), "FDA", "MW-1", "MedWatch 3500A")));

        await DispatchAllDueAsync(fixture);
        await fixture.Runtime.Bus.PublishAsync(new SusarReportDueMessage(late, SusarReportKind.Initial, ExpeditedReporting.Day(onset.AddHours(3)).AddDays(15)));
        await DispatchAllDueAsync(fixture);

        var overdue = Assert.Single((await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(late))).Select(e => e.Data).OfType<SusarReportOverdue>());
        Assert.Equal((SusarReportKind.Initial, ExpeditedReporting.Day(onset.AddHours(3)).AddDays(15)), (overdue.Kind, overdue.DueOn));
        Assert.DoesNotContain((await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(submitted))).Select(e => e.Data), e => e is SusarReportOverdue);
        var notified = (await fixture.Runtime.Store.ReadStreamAsync(SponsorNotifications.StreamFor(code))).Select(e => e.Data).OfType<SponsorNotified>()
            .Where(n => n.MessageType == SusarReportOverdueNotification.MessageType).ToArray();
        Assert.Contains(late, Assert.Single(notified).Summary, StringComparison.Ordinal);

        await CatchUpAsync(fixture);
        var clocks = await new SafetyReports(fixture.Runtime).OpenClocksAsync(code, MedicalMonitor);
        var open = Assert.Single(clocks);
        Assert.Equal((late, true, SusarReportKind.Initial), (open.AdverseEventId, open.Overdue, open.Report));
        Assert.True(open.DaysLeft < 0);
    }

    private static AdverseEventInput Serious(DateTimeOffset onset, int grade) =>
        new(10020772, PartialDate.FromInstant(onset), null, grade, [SeriousnessCriterion.Hospitalization], Causality.Probable, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);

    /// <summary>A SUSAR of grade <paramref name="grade"/> whose SAE report reached the sponsor 10 days ago (day 0).</summary>
    private async Task<(string Id, DateOnly DayZero)> SusarAsync(ProtocolCode protocol, SubjectNumber subject, DateTimeOffset onset, int grade)
    {
        var id = AdverseEventStreams.NewId();
        var reported = Now.AddDays(-10);
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new ReportAdverseEvent(id, protocol, subject, onset.AddMinutes(10), Serious(onset, grade))));
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new ReportSaeToSponsor(id, reported, "SAE-M")));
        Accepted(await fixture.Runtime.SendAsync(Context(MedicalMonitor), new AssessExpectedness(id, Expectedness.Unexpected, null)));
        return (id, ExpeditedReporting.Day(reported));
    }

    private async Task<SusarReportOverdue[]> OverdueAsync(string id) =>
        (await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(id))).Select(e => e.Data).OfType<SusarReportOverdue>().ToArray();

    /// <summary>When the held checks of a case are due (the fixture schedules them <see cref="JourneyFixture.Hold"/> later).</summary>
    private async Task<DateTimeOffset[]> ScheduledChecksAsync(string id)
    {
        await using var command = fixture.Runtime.DataSource.CreateCommand(
            "SELECT execution_time FROM wolverine.wolverine_incoming_envelopes WHERE message_type = 'journey.susar-report-due' AND status = 'Scheduled' AND position(convert_to($1, 'UTF8') in body) > 0");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = id });
        var times = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            times.Add(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero) - JourneyFixture.Hold);
        }

        return [.. times];
    }

    [Fact]
    public async Task the_overdue_check_follows_a_due_day_moved_later_or_earlier_and_stops_with_a_re_assessment_as_expected()
    {
        const string code = "SUSAR-MOVE-01";
        var (protocol, subject, onset) = await DosedTwentyDaysAgoAsync(code);

        // Later: life-threatening (day 7, already past) corrected to grade 3 (day 15, still ahead).
        var (later, laterDayZero) = await SusarAsync(protocol, subject, onset, grade: 4);
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new CorrectAdverseEvent(later, Serious(onset, 3), "Source: grade 3, no intervention for life support.")));
        // Earlier: grade 3 (day 15, ahead) corrected to life-threatening (day 7, already past).
        var (earlier, earlierDayZero) = await SusarAsync(protocol, subject, onset, grade: 3);
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new CorrectAdverseEvent(earlier, Serious(onset, 4), "Source: ICU admission, grade 4.")));
        // Stopped: grade 4 (day 7, past) re-assessed as expected before its check runs.
        var (stopped, _) = await SusarAsync(protocol, subject, onset, grade: 4);
        Accepted(await fixture.Runtime.SendAsync(Context(MedicalMonitor), new ReassessExpectedness(stopped, Expectedness.Expected, "Listed in the updated reference safety information.")));

        await DispatchAllDueAsync(fixture);

        Assert.Empty(await OverdueAsync(later));
        Assert.Contains(ExpeditedReporting.EndOf(laterDayZero.AddDays(15)), await ScheduledChecksAsync(later));

        var overdue = Assert.Single(await OverdueAsync(earlier));
        Assert.Equal((SusarReportKind.Initial, earlierDayZero.AddDays(7)), (overdue.Kind, overdue.DueOn));

        Assert.Empty(await OverdueAsync(stopped));

        // Checks that come again, for the old day or the new one, record nothing twice.
        await fixture.Runtime.Bus.PublishAsync(new SusarReportDueMessage(earlier, SusarReportKind.Initial, earlierDayZero.AddDays(15)));
        await fixture.Runtime.Bus.PublishAsync(new SusarReportDueMessage(earlier, SusarReportKind.Initial, earlierDayZero.AddDays(7)));
        await fixture.Runtime.Bus.PublishAsync(new SusarReportDueMessage(stopped, SusarReportKind.Initial, earlierDayZero.AddDays(7)));
        await DispatchAllDueAsync(fixture);

        Assert.Single(await OverdueAsync(earlier));
        Assert.Empty(await OverdueAsync(stopped));
        var notified = (await fixture.Runtime.Store.ReadStreamAsync(SponsorNotifications.StreamFor(code))).Select(e => e.Data).OfType<SponsorNotified>()
            .Where(n => n.MessageType == SusarReportOverdueNotification.MessageType).ToArray();
        Assert.Contains(earlier, Assert.Single(notified).Summary, StringComparison.Ordinal);
    }
}
