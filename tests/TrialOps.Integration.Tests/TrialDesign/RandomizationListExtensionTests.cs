using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using static TrialOps.Integration.Tests.TrialDesign.TrialDesignSupport;

namespace TrialOps.Integration.Tests.TrialDesign;

public sealed class RandomizationListExtensionTests(TrialDesignFixture fixture) : IClassFixture<TrialDesignFixture>
{
    private const string Reason = "Site S01 recruits more participants than planned";

    private readonly TrialOpsRuntime _runtime = fixture.Runtime;
    private readonly DesignCommands _commands = fixture.Commands;

    [Fact]
    public async Task an_exhausted_stratum_is_extended_on_record_and_the_whole_list_is_reproducible_from_the_seed()
    {
        // Two participants over two strata: one entry asked for per stratum, so each list holds one block.
        await ImportAsync(_runtime, WithCode("EXT-01", root => root["targetParticipants"] = 2));
        var initialSize = (await fixture.AllocationViews.GetRandomizationListStatusAsync("EXT-01", CancellationToken.None)).Single(s => s.Stratum == "S01").ListSize;
        var allocations = new List<Allocation>();
        for (var i = 1; i <= initialSize; i++)
        {
            var (result, allocation) = await RandomizeAsync(_runtime, "EXT-01", "S01", $"P-{i:000}");
            Assert.True(result.Accepted, result.Rejection?.Message);
            allocations.Add(allocation!);
        }

        var (refused, none) = await RandomizeAsync(_runtime, "EXT-01", "S01", "P-100");
        Assert.Equal("randomization.stratum-exhausted", refused.Rejection?.Code);
        Assert.Null(none);

        var extension = await _commands.ExtendRandomizationListAsync("EXT-01", "S01", 4, Coordinator, Reason, CancellationToken.None);

        Assert.True(extension.Accepted, extension.Rejection?.Message);
        var stream = await _runtime.Store.ReadStreamAsync("randomization-EXT-01-S01");
        var extended = Assert.IsType<RandomizationListExtended>(stream[^1].Data);
        Assert.Equal((Reason, Coordinator.UserId, 4), (extended.Reason, extended.ExtendedBy, extended.RequestedAdditionalLength));
        Assert.Equal((Reason, Coordinator.UserId, "Coordinator"), (stream[^1].Metadata.Reason, stream[^1].Metadata.ActorId, stream[^1].Metadata.ActorRole));

        var (randomized, next) = await RandomizeAsync(_runtime, "EXT-01", "S01", "P-100", Investigator);
        Assert.True(randomized.Accepted, randomized.Rejection?.Message);
        Assert.Equal(initialSize + 1, next!.EntryNumber);
        Assert.Equal(extended.AddedEntries[0].Kits, next.Kits);

        // The inspector's check: unseal the seed, regenerate the whole list, compare with the recorded hash.
        var generated = Assert.IsType<RandomizationListGenerated>(stream[0].Data);
        var seed = Sealer.Unseal(generated.SealedSeed, "randomization-EXT-01-S01");
        var total = generated.Entries.Count + extended.AddedEntries.Count;
        var regenerated = RandomizationListGenerator.Generate("S01", generated.Parameters.SequenceCount, generated.Parameters.PeriodCount, generated.Parameters.BlockSizes, seed, total);
        Assert.Equal(extended.ListHash, RandomizationListGenerator.ListHash(regenerated.Entries));
        Assert.Equal(generated.Entries.Concat(extended.AddedEntries), regenerated.Entries, EntryComparer.Instance);
        Assert.All(allocations, a => Assert.Equal(regenerated.Entries[a.EntryNumber - 1].SequenceNumber, a.SequenceNumber));

        var reproduction = await fixture.AllocationViews.ReproduceRandomizationListAsync("EXT-01", "S01", CancellationToken.None);
        Assert.True(reproduction!.Matches);
        Assert.Equal(extended.ListHash, reproduction.RecordedHash);
    }

    [Fact]
    public async Task an_installation_with_another_key_extends_nothing()
    {
        await ImportAsync(_runtime, WithCode("EXT-02"));
        await using var otherInstallation = await TrialOpsRuntime.StartAsync(fixture.Database.ConnectionString, seedSealer: new AesGcmSeedSealer(new byte[32]));

        var result = await new DesignCommands(otherInstallation).ExtendRandomizationListAsync("EXT-02", "S01", 4, Coordinator, Reason, CancellationToken.None);

        Assert.Equal("randomization.seed-key-mismatch", result.Rejection?.Code);
        Assert.Single(await _runtime.Store.ReadStreamAsync("randomization-EXT-02-S01"));
    }

    [Fact]
    public async Task only_a_coordinator_extends_and_always_with_a_reason()
    {
        await ImportAsync(_runtime, WithCode("EXT-03"));

        var byInvestigator = await _commands.ExtendRandomizationListAsync("EXT-03", "S01", 4, Investigator, Reason, CancellationToken.None);
        var withoutReason = await _commands.ExtendRandomizationListAsync("EXT-03", "S01", 4, Coordinator, " ", CancellationToken.None);

        Assert.Equal("not-permitted", byInvestigator.Rejection?.Code);
        Assert.Equal("reason-required", withoutReason.Rejection?.Code);
    }

    private sealed class EntryComparer : IEqualityComparer<RandomizationEntry>
    {
        public static readonly EntryComparer Instance = new();

        public bool Equals(RandomizationEntry? x, RandomizationEntry? y) =>
            x is not null && y is not null
            && (x.EntryNumber, x.BlockNumber, x.BlockSize, x.SequenceNumber) == (y.EntryNumber, y.BlockNumber, y.BlockSize, y.SequenceNumber)
            && x.Kits.SequenceEqual(y.Kits);

        public int GetHashCode(RandomizationEntry obj) => obj.EntryNumber;
    }
}
