using TrialOps.Assessments;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Integration.Tests.TrialDesign;
using static TrialOps.Integration.Tests.Journey.JourneySupport;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>
/// Commands that race on one participant's stream: the handler appends once and lets the conflict
/// escape (<c>ExecuteOnceAsync</c>); Wolverine's error policy runs it again on fresh state.
/// </summary>
public sealed class ConflictRetryTests(JourneyFixture fixture) : IClassFixture<JourneyFixture>
{
    [Fact]
    public async Task eleven_assessments_sent_at_once_on_one_participant_are_all_recorded_once()
    {
        const string code = "RACE-01";
        await ImportAsync(fixture, TrialDesignSupport.WithCode(code));
        var protocol = ProtocolCode.Parse(code);
        var now = fixture.Runtime.Clock.GetUtcNow();
        var subject = await EnrollAsync(fixture, code, "S01", DateOnly.FromDateTime(now.UtcDateTime.AddDays(-1)));
        var start = now.AddHours(-3);
        await DoseAsync(fixture, code, subject, 1, start, TimeSpan.FromMinutes(40));
        var before = (await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol, subject))).Count;

        string[] painTimes = ["PT0M", "PT20M", "PT40M", "PT60M", "PT2H"];
        string[] vitalTimes = ["PT0M", "PT10M", "PT20M", "PT30M", "PT40M", "PT60M"];
        var sends = painTimes.Select((time, i) => fixture.Runtime.SendAsync(
                Context(Nurse), new RecordScaleAssessment(protocol, subject, 1, "PAIN", time, start + System.Xml.XmlConvert.ToTimeSpan(time), 40 + i)))
            .Concat(vitalTimes.Select(time => fixture.Runtime.SendAsync(
                Context(Nurse), new RecordVitalSigns(protocol, subject, 1, "VITALS", time, start + System.Xml.XmlConvert.ToTimeSpan(time), new VitalSigns(124, 78, 70, 98)))))
            .ToArray();
        var results = await Task.WhenAll(sends);

        Assert.All(results, result => Accepted(result, "assessment"));
        var events = await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol, subject));
        Assert.Equal(before + 11, events.Count);
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Version));
        Assert.Equal(11, results.Select(r => r.CommandId).Distinct().Count());
    }
}
