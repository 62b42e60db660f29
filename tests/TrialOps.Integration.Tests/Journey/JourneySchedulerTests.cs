using System.Text.Json.Nodes;
using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Washouts;
using static TrialOps.Integration.Tests.Journey.JourneySupport;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>
/// Scheduled messages through the real store, outbox and dispatcher: clinical times lie in the past,
/// so what they schedule is due at once and <c>DispatchDueAsync</c> delivers it.
/// </summary>
public sealed class JourneySchedulerTests(JourneyFixture fixture) : IClassFixture<JourneyFixture>
{
    private static readonly TimeSpan Forty = TimeSpan.FromMinutes(40);

    private DateTimeOffset Now => fixture.Runtime.Clock.GetUtcNow();

    /// <summary>KET-NP-01 under another code with a same-day washout.</summary>
    private static byte[] ShortWashout(string code) => TrialDesignSupport.WithCode(code, root => root["washout"] = "PT4H");

    [Fact]
    public async Task the_washout_message_fires_and_the_participant_becomes_ready_for_the_next_period()
    {
        const string code = "WASH-PT4H";
        await ImportAsync(fixture, ShortWashout(code));
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-2)));
        var start = Now.AddHours(-6);
        await DoseAsync(fixture, code, subject, 1, start, Forty);

        await DispatchAllDueAsync(fixture);

        var (participant, _) = await fixture.ParticipantRegister.LoadAsync(ProtocolCode.Parse(code), subject);
        Assert.True(participant.Session(1).WashoutElapsedRecorded);
        var events = await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(ProtocolCode.Parse(code), subject));
        var elapsed = Assert.Single(events, e => e.Data is WashoutElapsed);
        Assert.Equal(("system", start + Forty + TimeSpan.FromHours(4)), (elapsed.Metadata.ActorId, ((WashoutElapsed)elapsed.Data).WashoutEndedAt));

        await CatchUpAsync(fixture);
        var schedule = await fixture.ParticipantSchedule.GetScheduleAsync(code, subject.ToString());
        Assert.Equal(ScheduleStatus.Done, schedule.Single(i => i.Kind == ScheduleItemKind.Washout && i.Period == 1).Status);
        Assert.Equal(ScheduleStatus.Due, schedule.Single(i => i.Kind == ScheduleItemKind.Dosing && i.Period == 2).Status);
    }

    [Fact]
    public async Task a_redelivered_washout_message_changes_nothing()
    {
        const string code = "WASH-REDO";
        await ImportAsync(fixture, ShortWashout(code));
        var protocol = ProtocolCode.Parse(code);
        var subject = await EnrollAsync(fixture, code, "S02", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-2)));
        await DoseAsync(fixture, code, subject, 1, Now.AddHours(-6), Forty);
        var context = new CommandContext(Guid.NewGuid(), Actor.System, Guid.NewGuid());

        var first = await fixture.Runtime.SendAsync(context, new RecordWashoutElapsed(protocol, subject, 1));
        var again = await fixture.Runtime.SendAsync(context, new RecordWashoutElapsed(protocol, subject, 1));
        var other = await fixture.Runtime.SendAsync(new CommandContext(Guid.NewGuid(), Actor.System, Guid.NewGuid()), new RecordWashoutElapsed(protocol, subject, 1));

        Assert.Single(first.Positions);
        Assert.True(again.Duplicate);
        Assert.True(other.Accepted);
        Assert.Empty(other.Positions);
        var events = await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol, subject));
        Assert.Single(events, e => e.Data is WashoutElapsed);
    }

    [Fact]
    public async Task dosing_before_the_washout_is_refused_with_its_end_and_accepted_as_an_investigators_deviation()
    {
        const string code = "WASH-DEV";
        await ImportAsync(fixture, ShortWashout(code));
        var protocol = ProtocolCode.Parse(code);
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-2)));
        var stop = Now.AddHours(-3);
        await DoseAsync(fixture, code, subject, 1, stop - Forty, Forty);
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new RecordSessionWeight(protocol, subject, 2, Now.AddMinutes(-30), 72m)));
        var pharmacy = (await fixture.SessionDoseViews.GetPharmacyDoseAsync(Pharmacist, protocol, subject, 2))!;
        Accepted(await fixture.Runtime.SendAsync(Context(Pharmacist), new RecordDosePreparation(protocol, subject, 2, pharmacy.Kit, Now.AddMinutes(-20), await SecondPharmacistAsync(fixture.Runtime), CheckerPassword)));

        var refused = await fixture.Runtime.SendAsync(Context(Nurse), new StartDosing(protocol, subject, 2, Now.AddMinutes(-5)));
        Assert.Equal("dosing.washout-not-elapsed", refused.Rejection?.Code);
        Assert.Contains($"Washout ends {JourneyRules.Utc(stop.AddHours(4))} (PT4H after the end of period 1 dosing)", refused.Rejection!.Message);

        var deviation = await fixture.Runtime.SendAsync(Context(Investigator), new StartDosingBeforeWashout(protocol, subject, 2, Now.AddMinutes(-5), "Participant could not return later today"));
        Accepted(deviation);
        var events = await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol, subject));
        var recorded = Assert.Single(events, e => e.Data is ProtocolDeviationRecorded);
        Assert.Equal("Participant could not return later today", recorded.Metadata.Reason);
    }

    [Fact]
    public async Task assessments_not_recorded_by_their_deadline_are_marked_overdue_by_the_scheduler()
    {
        const string code = "OVERDUE-01";
        await ImportAsync(fixture, ShortWashout(code));
        var protocol = ProtocolCode.Parse(code);
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-2)));
        var start = Now.AddMinutes(-35);
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new RecordSessionWeight(protocol, subject, 1, start.AddMinutes(-30), 70m)));
        var pharmacy = (await fixture.SessionDoseViews.GetPharmacyDoseAsync(Pharmacist, protocol, subject, 1))!;
        Accepted(await fixture.Runtime.SendAsync(Context(Pharmacist), new RecordDosePreparation(protocol, subject, 1, pharmacy.Kit, start.AddMinutes(-20), await SecondPharmacistAsync(fixture.Runtime), CheckerPassword)));
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new RecordScaleAssessment(protocol, subject, 1, "PAIN", "PT0M", start.AddMinutes(-5), 68m)));
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new StartDosing(protocol, subject, 1, start)));
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new RecordVitalSigns(protocol, subject, 1, "VITALS", "PT10M", start.AddMinutes(10), new VitalSigns(130, 80, 75, 97))));

        await DispatchAllDueAsync(fixture);

        var events = await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol, subject));
        var marked = events.Select(e => e.Data).OfType<AssessmentsMarkedOverdue>().SelectMany(m => m.Items.Select(i => $"{i.AssessmentCode} {i.Timepoint}")).ToArray();
        Assert.Equal(["VITALS PT0M", "PAIN PT20M", "VITALS PT20M"], marked);
        await CatchUpAsync(fixture);
        var overdue = await fixture.ParticipantSchedule.GetOverdueAsync(code);
        Assert.Equal(["VITALS PT0M", "PAIN PT20M", "VITALS PT20M"], overdue.Select(i => $"{i.Code} {i.Timepoint}"));
        var schedule = await fixture.ParticipantSchedule.GetScheduleAsync(code, subject.ToString());
        Assert.Equal(ScheduleStatus.Done, schedule.Single(i => i.Period == 1 && i.Code == "PAIN" && i.Timepoint == "PT0M").Status);
        Assert.Equal(ScheduleStatus.Planned, schedule.Single(i => i.Period == 1 && i.Code == "PAIN" && i.Timepoint == "PT2H").Status);

        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new RecordScaleAssessment(protocol, subject, 1, "PAIN", "PT20M", start.AddMinutes(21), 50m)), "late entry");
        await CatchUpAsync(fixture);
        Assert.Equal(ScheduleStatus.Done, (await fixture.ParticipantSchedule.GetScheduleAsync(code, subject.ToString())).Single(i => i.Period == 1 && i.Code == "PAIN" && i.Timepoint == "PT20M").Status);
    }

    [Fact]
    public async Task an_sae_not_reported_within_the_protocols_hours_is_marked_overdue()
    {
        const string code = "SAE-DUE-01";
        await ImportAsync(fixture, TrialDesignSupport.WithCode(code));
        var protocol = ProtocolCode.Parse(code);
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-3)));
        var start = Now.AddHours(-30);
        await DoseAsync(fixture, code, subject, 1, start, Forty);
        var onset = start.AddHours(1);
        var serious = new AdverseEventInput(10020772, PartialDate.FromInstant(onset), null, 3, [SeriousnessCriterion.Hospitalization], Causality.Possible, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        var late = AdverseEventStreams.NewId();
        var onTime = AdverseEventStreams.NewId();
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new ReportAdverseEvent(late, protocol, subject, onset.AddMinutes(10), serious)));
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new ReportAdverseEvent(onTime, protocol, subject, onset.AddMinutes(10), serious)));
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new ReportSaeToSponsor(onTime, onset.AddHours(2), "SAE-77")));

        await DispatchAllDueAsync(fixture);

        var overdue = Assert.Single((await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(late))).Select(e => e.Data).OfType<SaeReportOverdue>());
        Assert.Equal(onset.AddMinutes(10).AddHours(24), overdue.DueAt);
        Assert.DoesNotContain((await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(onTime))).Select(e => e.Data), e => e is SaeReportOverdue);
        await CatchUpAsync(fixture);
        var open = await fixture.AdverseEventRegister.GetOpenSeriousAdverseEventsAsync(code, overdueOnly: true);
        Assert.Equal([late], open.Select(a => a.AdverseEventId));
        Assert.Equal(2, (await fixture.AdverseEventRegister.GetOpenSeriousAdverseEventsAsync(code)).Count);
        Assert.Equal(2, (await fixture.ParticipantRegister.GetParticipantAsync(code, subject.ToString()))!.SeriousAdverseEvents);
    }
}
