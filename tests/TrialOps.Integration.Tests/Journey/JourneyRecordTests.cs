using System.Text.Json;
using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using static TrialOps.Integration.Tests.Journey.JourneySupport;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>Subject numbers, corrections with their history, and blinded read models, through the real store.</summary>
public sealed class JourneyRecordTests(JourneyFixture fixture) : IClassFixture<JourneyFixture>
{
    private DateTimeOffset Now => fixture.Runtime.Clock.GetUtcNow();

    [Fact]
    public async Task subject_numbers_are_site_prefixed_running_numbers_and_never_used_twice()
    {
        const string code = "SUBJ-01";
        await ImportAsync(fixture, TrialDesignSupport.WithCode(code));
        var protocol = ProtocolCode.Parse(code);
        var consent = DateOnly.FromDateTime(Now.UtcDateTime);

        Assert.Equal("S02-001", (await fixture.ParticipantRegister.NextSubjectNumberAsync(protocol, "S02")).ToString());
        var first = await EnrollAsync(fixture, code, "S02", consent);
        var second = await EnrollAsync(fixture, code, "S02", consent);
        Assert.Equal(["S02-001", "S02-002"], new[] { first.ToString(), second.ToString() });
        Assert.Equal("S01-001", (await fixture.ParticipantRegister.NextSubjectNumberAsync(protocol, "S01")).ToString());

        var again = await fixture.Runtime.SendAsync(Context(Coordinator), new ScreenParticipant(protocol, "S02", first, consent, "2.1"));
        Assert.Equal("participant.subject-number-taken", again.Rejection?.Code);

        var racing = SubjectNumber.Parse("S01-007");
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            fixture.Runtime.SendAsync(Context(Coordinator), new ScreenParticipant(protocol, "S01", racing, consent, "2.1"))));
        Assert.Single(results, r => r.Accepted);
        Assert.All(results.Where(r => !r.Accepted), r => Assert.Equal("participant.subject-number-taken", r.Rejection?.Code));
        Assert.Equal("S01-008", (await fixture.ParticipantRegister.NextSubjectNumberAsync(protocol, "S01")).ToString());
    }

    [Fact]
    public async Task every_correction_keeps_the_original_and_says_who_when_and_why()
    {
        const string code = "CORR-01";
        await ImportAsync(fixture, TrialDesignSupport.WithCode(code));
        var protocol = ProtocolCode.Parse(code);
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-2)));
        var start = Now.AddHours(-5);
        await DoseAsync(fixture, code, subject, 1, start, TimeSpan.FromMinutes(40));
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new RecordScaleAssessment(protocol, subject, 1, "PAIN", "PT20M", start.AddMinutes(20), 40m)));
        var monitorQuery = new Actor("u-investigator-2", Roles.Investigator);
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new CorrectScaleAssessment(protocol, subject, 1, "PAIN", "PT20M", 46m, start.AddMinutes(20), "Misread the ruler")));
        Accepted(await fixture.Runtime.SendAsync(Context(monitorQuery), new CorrectScaleAssessment(protocol, subject, 1, "PAIN", "PT20M", 45m, start.AddMinutes(22), "Source document says 45 mm at 22 min")));
        Accepted(await fixture.Runtime.SendAsync(Context(Nurse), new CorrectDosingTime(protocol, subject, 1, DosingTime.Stop, start.AddMinutes(42), "Pump log")));
        Accepted(await fixture.Runtime.SendAsync(Context(Coordinator), new CorrectConsent(protocol, subject, DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-3)), "2.1", "Date on the form is the day before")));

        var timeline = (await fixture.ParticipantTimelines.GetTimelineAsync(code, subject.ToString()))!;

        var pain = timeline.Values.Single(v => v.Key == "P1 PAIN PT20M");
        Assert.Equal(["40 mm", "46", "45"], pain.Versions.Select(v => v.Value));
        Assert.Equal([null, "Misread the ruler", "Source document says 45 mm at 22 min"], pain.Versions.Select(v => v.Reason));
        Assert.Equal([Nurse.UserId, Nurse.UserId, monitorQuery.UserId], pain.Versions.Select(v => v.RecordedBy));
        Assert.Equal([false, true, true], pain.Versions.Select(v => v.IsCorrection));
        Assert.True(pain.Versions.Zip(pain.Versions.Skip(1)).All(p => p.First.RecordedAt <= p.Second.RecordedAt));
        Assert.Equal(start.AddMinutes(22), pain.Current.ClinicalTime);
        Assert.Equal(2, timeline.Values.Single(v => v.Key == "P1 dosing stop").Versions.Count);
        Assert.Equal("Date on the form is the day before", timeline.Values.Single(v => v.Key == "Consent").Current.Reason);

        await CatchUpAsync(fixture);
        Assert.Equal(4, (await fixture.ParticipantRegister.GetParticipantAsync(code, subject.ToString()))!.Corrections);
    }

    [Fact]
    public async Task the_store_refuses_a_correction_without_a_reason()
    {
        var protocol = ProtocolCode.Parse("CORR-02");
        var subject = SubjectNumber.Parse("S01-001");
        var correction = new ScaleAssessmentCorrected(protocol, subject, 1, "u", Now, "PAIN", "PT20M", 45m, Now, "");
        var metadata = new EventMetadata("u", Roles.DataEntry, null, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Runtime.Store.AppendAsync(ParticipantStreams.For(protocol, subject), ExpectedVersion.Any, [correction], metadata));
    }

    [Fact]
    public async Task adverse_event_corrections_keep_every_version_with_its_reason()
    {
        const string code = "CORR-AE";
        await ImportAsync(fixture, TrialDesignSupport.WithCode(code));
        var protocol = ProtocolCode.Parse(code);
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-2)));
        var start = Now.AddHours(-5);
        await DoseAsync(fixture, code, subject, 1, start, TimeSpan.FromMinutes(40));
        var id = AdverseEventStreams.NewId();
        var input = new AdverseEventInput(10013573, PartialDate.FromInstant(start.AddMinutes(15)), PartialDate.FromInstant(start.AddMinutes(90)), 1, [], Causality.Possible, ActionTaken.DoseNotChanged, AdverseEventOutcome.RecoveredResolved);
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new ReportAdverseEvent(id, protocol, subject, start.AddMinutes(20), input)));
        Accepted(await fixture.Runtime.SendAsync(Context(Investigator), new CorrectAdverseEvent(id, input with { Grade = 2 }, "Limited instrumental ADL per source notes")));

        var events = await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(id));
        Assert.Equal([1, 2], events.Select(e => e.Data switch { AdverseEventReported r => r.Details.Grade, AdverseEventCorrected c => c.Details.Grade, _ => 0 }));
        Assert.Equal("Limited instrumental ADL per source notes", events[1].Metadata.Reason);
        var timeline = (await fixture.ParticipantTimelines.GetTimelineAsync(code, subject.ToString()))!;
        Assert.Equal(2, timeline.Values.Single(v => v.Key == $"AE {id}").Versions.Count);
        await CatchUpAsync(fixture);
        var summary = Assert.Single(await fixture.AdverseEventRegister.GetAdverseEventsAsync(code, subject.ToString()));
        Assert.Equal((2, 1, 1), (summary.Grade, summary.Corrections, summary.Period));
    }

    [Fact]
    public async Task no_journey_query_or_participant_event_holds_a_treatment_code_or_label()
    {
        const string code = "BLIND-J1";
        await ImportAsync(fixture, TrialDesignSupport.DistinctiveProtocol(code));
        var report = await Seed.DemoTrial.RunAsync(fixture.Runtime, TrialDesignSupport.DistinctiveProtocol(code), new Seed.DemoOptions(6, 7));
        await CatchUpAsync(fixture);

        var texts = new List<string>
        {
            JsonSerializer.Serialize(await fixture.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(Protocol: code, PageSize: 100))),
            JsonSerializer.Serialize(await fixture.ParticipantSchedule.GetOverdueAsync(code)),
            JsonSerializer.Serialize(await fixture.AdverseEventRegister.GetOpenSeriousAdverseEventsAsync(code)),
        };
        foreach (var participant in report.Participants)
        {
            texts.Add(JsonSerializer.Serialize(await fixture.ParticipantSchedule.GetScheduleAsync(code, participant.Subject)));
            texts.Add(JsonSerializer.Serialize(await fixture.AdverseEventRegister.GetAdverseEventsAsync(code, participant.Subject)));
            texts.Add(JsonSerializer.Serialize(await fixture.ParticipantTimelines.GetTimelineAsync(code, participant.Subject)));
            texts.Add(JsonSerializer.Serialize(await fixture.SessionDoseViews.GetBlindedDoseInstructionAsync(ProtocolCode.Parse(code), SubjectNumber.Parse(participant.Subject), 1)));
        }

        await using (var command = fixture.Runtime.DataSource.CreateCommand("SELECT string_agg(data::text, ' ') FROM mt_events WHERE stream_id LIKE 'participant-BLIND-J1-%' OR stream_id LIKE 'adverse-event-%'"))
        {
            texts.Add((string)(await command.ExecuteScalarAsync())!);
        }

        Assert.All(texts, text => Assert.All(TrialDesignSupport.DistinctiveTreatmentTexts, secret => Assert.DoesNotContain(secret, text)));
        var randomized = report.Participants.First(p => p.Status != ParticipantStatus.ScreenFailed);
        var pharmacy = await fixture.SessionDoseViews.GetPharmacyDoseAsync(Pharmacist, ProtocolCode.Parse(code), SubjectNumber.Parse(randomized.Subject), 1);
        Assert.Contains(pharmacy!.TreatmentCode, new[] { "ZQX7", "WVJ3" });
        await Assert.ThrowsAsync<BlindedAccessRefusedException>(() => fixture.SessionDoseViews.GetPharmacyDoseAsync(Nurse, ProtocolCode.Parse(code), SubjectNumber.Parse(randomized.Subject), 1));
        await Assert.ThrowsAsync<BlindedAccessRefusedException>(() => fixture.SessionDoseViews.GetPharmacyDoseAsync(Investigator, ProtocolCode.Parse(code), SubjectNumber.Parse(randomized.Subject), 1));
    }

    [Fact]
    public async Task the_participant_list_filters_sorts_and_pages()
    {
        const string code = "LIST-01";
        var report = await Seed.DemoTrial.RunAsync(fixture.Runtime, TrialDesignSupport.WithCode(code), new Seed.DemoOptions(9, 3));
        await CatchUpAsync(fixture);

        var all = await fixture.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(Protocol: code, PageSize: 4));
        Assert.Equal((9, 4, 3), (all.Total, all.Items.Count, all.PageCount));
        var last = await fixture.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(Protocol: code, PageSize: 4, Page: 3));
        Assert.Single(last.Items);
        var s02 = await fixture.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(Protocol: code, Site: "S02", Sort: ParticipantSort.SubjectNumber, Descending: true));
        Assert.Equal(report.Participants.Where(p => p.Site == "S02").Select(p => p.Subject).OrderDescending(), s02.Items.Select(p => p.Subject));
        var completed = await fixture.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(Protocol: code, Status: ParticipantStatus.Completed));
        Assert.Equal(report.Completed, completed.Total);
        Assert.Equal(report.Participants.Count(p => p.Subject.Contains("-00", StringComparison.Ordinal)), (await fixture.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(Protocol: code, Search: "-00"))).Total);
        var everyone = (await fixture.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(Protocol: code, PageSize: 100))).Items;
        Assert.All(report.Participants, p => Assert.Equal(p.Status, everyone.Single(i => i.Subject == p.Subject).Status));
    }
}
