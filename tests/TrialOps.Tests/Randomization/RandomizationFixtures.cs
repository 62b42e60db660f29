using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Tests.Protocols;

namespace TrialOps.Tests.Randomization;

/// <summary>People, clock, key and lists for decision tests.</summary>
public static class RandomizationFixtures
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    public static readonly Actor Coordinator = new("u-coordinator", Roles.Coordinator);
    public static readonly Actor Investigator = new("u-investigator", Roles.Investigator);
    public static readonly Actor Pharmacist = new("u-pharmacist", Roles.Pharmacist);
    public static readonly Actor DataEntry = new("u-data-entry", Roles.DataEntry);
    public static readonly Actor Statistician = new("u-statistician", Roles.Statistician);
    public static readonly Actor Monitor = new("u-monitor", Roles.Monitor);
    public static readonly Actor Administrator = new("u-admin", Roles.Administrator);

    public static readonly AesGcmSeedSealer Sealer = new(RandomizationListGeneratorTests.FixedSeed(500));

    public static ProtocolDefinition Ket { get; } = ProtocolFixtures.Ket;

    public static ProtocolCode KetCode => Ket.Code;

    /// <summary>A generated list for stratum S01 of KET-NP-01 with at least <paramref name="length"/> entries.</summary>
    public static RandomizationListGenerated GeneratedList(int length = 4, int seed = 1)
    {
        var seedBytes = RandomizationListGeneratorTests.FixedSeed(seed);
        var command = new GenerateRandomizationList(
            Ket, "S01", length, seedBytes, Sealer.Seal(seedBytes, RandomizationStreams.For(KetCode, "S01")), Coordinator);
        return Single<RandomizationListGenerated>(GenerateRandomizationList.Decide(RandomizationListState.Initial, command, Now));
    }

    public static AllocationAssigned Assigned(string participantId, int entryNumber) =>
        new(KetCode, "S01", Coordinator.UserId, Now, participantId, entryNumber);

    public static T Single<T>(Decision decision)
    {
        Assert.Null(decision.Rejection);
        return Assert.IsType<T>(Assert.Single(decision.Events).Data);
    }

    public static Rejection Rejected(Decision decision)
    {
        Assert.Empty(decision.Events);
        Assert.Empty(decision.Messages);
        return Assert.IsType<Rejection>(decision.Rejection);
    }
}
