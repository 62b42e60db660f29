using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Messaging;
using TrialOps.Notifications;
using TrialOps.Participants;
using TrialOps.Protocols;
using static TrialOps.Integration.Tests.Journey.JourneySupport;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>The SUSAR report deadline through the real store, Wolverine's durable scheduler and the sponsor notification log (ADR 0026).</summary>
public sealed class SusarSchedulerTests(JourneyFixture fixture) : IClassFixture<JourneyFixture>
{
    private static readonly Actor MedicalMonitor = new("u-medical-monitor", Roles.MedicalMonitor);
    private static readonly Actor SafetyOfficer = new("u-safety-officer", Roles.SafetyOfficer);

    private DateTimeOffset Now => fixture.Runtime.Clock.GetUtcNow();

    [Fact]
    public async Task a_susar_not_submitted_by_day_15_is_marked_overdue_and_notified_once_even_when_the_message_comes_again()
    {
        const string code = "SUSAR-DUE-01";
        await ImportAsync(fixture, TrialDesignSupport.WithCode(code));
        var protocol = ProtocolCode.Parse(code);
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-25)));
        var start = Now.AddDays(-20);
        await DoseAsync(fixture, code, subject, 1, start, TimeSpan.FromMinutes(40));
        var onset = start.AddHours(2);
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
}
