using TrialOps.Participants;
using TrialOps.Seed;
using TrialOps.Integration.Tests.TrialDesign;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>The web app's first start: an empty database gets the demo trial, once.</summary>
public sealed class DemoSeedTests(JourneyFixture fixture) : IClassFixture<JourneyFixture>
{
    [Fact]
    public async Task an_empty_database_is_seeded_with_the_demo_trial_once()
    {
        var seeded = await DemoTrial.SeedIfEmptyAsync(fixture.Runtime, participants: 6);
        var again = await DemoTrial.SeedIfEmptyAsync(fixture.Runtime, participants: 6);

        Assert.NotNull(seeded);
        Assert.Equal(("KET-NP-01", true, 6), (seeded.Protocol, seeded.ProtocolImported, seeded.Participants.Count));
        Assert.All(seeded.Participants, p => Assert.Contains(p.Status, new[] { ParticipantStatus.Completed, ParticipantStatus.Withdrawn, ParticipantStatus.ScreenFailed }));
        Assert.Null(again);
    }
}
