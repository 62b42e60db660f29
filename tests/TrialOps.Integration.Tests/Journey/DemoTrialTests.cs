using Npgsql;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using TrialOps.Seed;
using static TrialOps.Integration.Tests.Journey.JourneySupport;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>
/// The demo generator runs every design the protocol format allows through the real commands:
/// every participant ends completed, withdrawn or screen-failed, the read models agree, the
/// scheduled messages are handled without dead letters, and the hash chains verify.
/// </summary>
public sealed class DemoTrialTests(JourneyFixture fixture) : IClassFixture<JourneyFixture>
{
    private static readonly ParticipantStatus[] Ends = [ParticipantStatus.Completed, ParticipantStatus.Withdrawn, ParticipantStatus.ScreenFailed];

    public static TheoryData<string> Variants => ProtocolVariants.Names;

    [Fact]
    public Task the_demo_runs_the_example_protocol() => RunAndCheckAsync(TrialDesignSupport.KetBytes, "KET-NP-01", participants: 10);

    [Theory]
    [MemberData(nameof(Variants))]
    public Task the_demo_runs_every_protocol_design(string variant) => RunAndCheckAsync(ProtocolVariants.File(variant), variant, participants: 8);

    [Fact]
    public async Task each_run_adds_new_participants_with_new_subject_numbers()
    {
        var file = TrialDesignSupport.WithCode("DEMO-TWICE");

        var first = await DemoTrial.RunAsync(fixture.Runtime, file, new DemoOptions(4, 1));
        var second = await DemoTrial.RunAsync(fixture.Runtime, file, new DemoOptions(4, 1));

        Assert.True(first.ProtocolImported);
        Assert.False(second.ProtocolImported);
        Assert.Empty(first.Participants.Select(p => p.Subject).Intersect(second.Participants.Select(p => p.Subject)));
        Assert.Equal(["S01-003", "S01-004", "S02-003", "S02-004"], second.Participants.Select(p => p.Subject).Order());
    }

    private async Task RunAndCheckAsync(byte[] file, string code, int participants)
    {
        var report = await DemoTrial.RunAsync(fixture.Runtime, file, new DemoOptions(participants, 42));

        Assert.Equal(participants, report.Participants.Count);
        Assert.All(report.Participants, p => Assert.Contains(p.Status, Ends));
        // The planned withdrawal, and any dropout the simulation draws (DemoModel).
        Assert.InRange(report.Withdrawn, 1, participants - report.ScreenFailed - 1);
        Assert.Equal(participants, report.Completed + report.Withdrawn + report.ScreenFailed);
        Assert.InRange(report.ScreenFailed, 1, participants / 2);

        await DispatchAllDueAsync(fixture);
        await CatchUpAsync(fixture);
        var listed = (await fixture.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(Protocol: code, PageSize: 100))).Items;
        Assert.Equal(report.Participants.Select(p => (p.Subject, p.Status)).Order(), listed.Select(p => (p.Subject, p.Status)).Order());
        Assert.Equal(1, listed.Sum(p => p.SeriousAdverseEvents));
        Assert.Empty(await fixture.ParticipantSchedule.GetOverdueAsync(code));
        Assert.Empty(await fixture.AdverseEventRegister.GetOpenSeriousAdverseEventsAsync(code));
        Assert.Equal(0, await JourneyMessagesLeftAsync());

        var verification = await ChainVerifier.VerifyAsync(fixture.Runtime.DataSource);
        Assert.True(verification.Intact, verification.FirstBreak);
    }

    /// <summary>Messages still due, or dead-lettered.</summary>
    private async Task<long> JourneyMessagesLeftAsync() =>
        await DurableMessageQueue.CountDueAsync(fixture.Runtime.DataSource) + (await DeadLetters.ListAsync(fixture.Runtime)).Count;
}
