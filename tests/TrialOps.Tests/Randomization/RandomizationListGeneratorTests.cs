using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TrialOps.Randomization;

namespace TrialOps.Tests.Randomization;

public class RandomizationListGeneratorTests
{
    /// <summary>Inputs the protocol format allows: 1–6 sequences (6 = Williams over 3), block sizes multiples of them.</summary>
    public sealed record ListCase(string Stratum, int SequenceCount, int PeriodCount, int[] BlockSizes, byte[] Seed, int Length, int Extension)
    {
        public RandomizationList Generate() =>
            RandomizationListGenerator.Generate(Stratum, SequenceCount, PeriodCount, BlockSizes, Seed, Length);

        public override string ToString() =>
            $"stratum {Stratum}, {SequenceCount} sequences, {PeriodCount} periods, blocks [{string.Join(",", BlockSizes)}], length {Length}+{Extension}, seed {Convert.ToHexString(Seed)}";
    }

    private static readonly Arbitrary<ListCase> ListCases =
        (from sequenceCount in Gen.Choose(1, 6)
         from periodCount in Gen.Choose(2, 4)
         from multipliers in Gen.NonEmptyListOf(Gen.Choose(1, 4))
         from seed in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), RandomizationListGenerator.SeedBytes)
         from length in Gen.Choose(1, 120)
         from extension in Gen.Choose(1, 60)
         from stratum in Gen.Elements("S01", "S02", "ALL")
         select new ListCase(stratum, sequenceCount, periodCount, multipliers.Take(3).Select(m => m * sequenceCount).ToArray(), seed, length, extension))
        .ToArbitrary();

    [Fact]
    public void every_list_is_balanced_at_every_block_boundary()
    {
        Prop.ForAll(ListCases, testCase => AssertBalancedAtEveryBlockBoundary(testCase, testCase.Generate()))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void every_list_ends_on_a_block_boundary_less_than_one_block_past_the_requested_length()
    {
        Prop.ForAll(ListCases, testCase =>
        {
            var list = testCase.Generate();

            Assert.InRange(list.Entries.Count, testCase.Length, testCase.Length + testCase.BlockSizes.Max() - 1);
            Assert.Equal(Enumerable.Range(1, list.Entries.Count), list.Entries.Select(e => e.EntryNumber));
            Assert.All(list.Entries, e => Assert.Contains(e.BlockSize, testCase.BlockSizes));
            Assert.All(list.Entries.GroupBy(e => e.BlockNumber), block => Assert.Equal(block.First().BlockSize, block.Count()));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void every_list_is_reproduced_exactly_from_its_seed()
    {
        Prop.ForAll(ListCases, testCase =>
        {
            var first = testCase.Generate();
            var second = testCase.Generate();

            Assert.Equal(Canonical(first), Canonical(second));
            Assert.Equal(RandomizationListGenerator.ListHash(first.Entries), RandomizationListGenerator.ListHash(second.Entries));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void an_extended_list_keeps_its_entries_stays_balanced_and_is_reproduced_from_the_seed_alone()
    {
        Prop.ForAll(ListCases, testCase =>
        {
            var original = testCase.Generate();

            var extended = RandomizationListGenerator.Extend(original, testCase.Seed, testCase.Extension);

            Assert.Equal(Canonical(original), Canonical(extended with { Entries = extended.Entries.Take(original.Entries.Count).ToArray() }));
            Assert.True(extended.Entries.Count >= original.Entries.Count + testCase.Extension);
            AssertBalancedAtEveryBlockBoundary(testCase, extended);
            var regenerated = RandomizationListGenerator.Generate(
                testCase.Stratum, testCase.SequenceCount, testCase.PeriodCount, testCase.BlockSizes, testCase.Seed, extended.Entries.Count);
            Assert.Equal(Canonical(extended), Canonical(regenerated));
            AssertKitsUnique(extended);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void kit_numbers_are_six_digits_and_unique_within_the_list()
    {
        Prop.ForAll(ListCases, testCase =>
        {
            var list = testCase.Generate();

            Assert.All(list.Entries, e => Assert.Equal(testCase.PeriodCount, e.Kits.Count));
            Assert.All(list.Entries.SelectMany(e => e.Kits), kit => Assert.Matches("^[1-9][0-9]{5}$", kit.ToString()));
            AssertKitsUnique(list);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void kit_numbers_are_not_ordered_by_arm_or_by_entry()
    {
        for (var i = 0; i < 20; i++)
        {
            var list = RandomizationListGenerator.Generate("S01", 2, 2, [2, 4], FixedSeed(i), 200);
            var kitsBySequence = list.Entries
                .GroupBy(e => e.SequenceNumber)
                .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Kits).Select(k => k.Value).ToArray());

            // The probability that a kit of sequence 1 is above a kit of sequence 2 is one half when
            // kits say nothing about the arm (Mann–Whitney); 0 or 1 would mean kits sort by arm.
            Assert.InRange(ProbabilityAbove(kitsBySequence[1], kitsBySequence[2]), 0.35, 0.65);

            var inEntryOrder = list.Entries.Select(e => e.Kits[0].Value).ToArray();
            var increasing = inEntryOrder.Zip(inEntryOrder.Skip(1)).Count(pair => pair.Second > pair.First);
            Assert.InRange(increasing, inEntryOrder.Length * 0.35, inEntryOrder.Length * 0.65);
        }
    }

    [Fact]
    public void different_seeds_and_different_strata_give_different_lists()
    {
        var list = RandomizationListGenerator.Generate("S01", 2, 2, [2, 4], FixedSeed(1), 40);
        var otherSeed = RandomizationListGenerator.Generate("S01", 2, 2, [2, 4], FixedSeed(2), 40);
        var otherStratum = RandomizationListGenerator.Generate("S02", 2, 2, [2, 4], FixedSeed(1), 40);

        Assert.NotEqual(RandomizationListGenerator.ListHash(list.Entries), RandomizationListGenerator.ListHash(otherSeed.Entries));
        Assert.NotEqual(RandomizationListGenerator.ListHash(list.Entries), RandomizationListGenerator.ListHash(otherStratum.Entries));
    }

    [Fact]
    public void block_sizes_are_drawn_from_every_allowed_size()
    {
        var list = RandomizationListGenerator.Generate("S01", 2, 2, [2, 4, 6], FixedSeed(3), 300);

        Assert.Equal([2, 4, 6], list.Entries.Select(e => e.BlockSize).Distinct().Order());
    }

    [Fact]
    public void the_list_hash_is_sha256_over_the_canonical_text_of_the_entries()
    {
        var entries = new[]
        {
            new RandomizationEntry(1, 1, 2, 2, [new KitNumber(482915), new KitNumber(130377)]),
            new RandomizationEntry(2, 1, 2, 1, [new KitNumber(907214), new KitNumber(554001)]),
        };
        var text = "trialops.randomization-list/1\n1;1;2;2;482915,130377\n2;1;2;1;907214,554001\n";

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), RandomizationListGenerator.ListHash(entries));
    }

    [Fact]
    public void extending_with_a_seed_that_did_not_make_the_list_is_refused()
    {
        var list = RandomizationListGenerator.Generate("S01", 2, 2, [2, 4], FixedSeed(1), 20);

        Assert.Throws<ArgumentException>(() => RandomizationListGenerator.Extend(list, FixedSeed(2), 10));
    }

    [Theory]
    [InlineData(new[] { 3 })]
    [InlineData(new[] { 0 })]
    [InlineData(new int[0])]
    public void block_sizes_that_cannot_hold_every_sequence_equally_are_refused(int[] blockSizes)
    {
        Assert.Throws<ArgumentException>(() => RandomizationListGenerator.Generate("S01", 2, 2, blockSizes, FixedSeed(1), 10));
    }

    [Fact]
    public void a_seed_must_be_256_bits()
    {
        Assert.Throws<ArgumentException>(() => RandomizationListGenerator.Generate("S01", 2, 2, [2], new byte[16], 10));
    }

    [Fact]
    public void a_new_seed_is_32_random_bytes()
    {
        var seed = RandomizationListGenerator.NewSeed();

        Assert.Equal(32, seed.Length);
        Assert.NotEqual(seed, RandomizationListGenerator.NewSeed());
    }

    internal static byte[] FixedSeed(int i) => SHA256.HashData(Encoding.UTF8.GetBytes($"test seed {i}"));

    private static void AssertBalancedAtEveryBlockBoundary(ListCase testCase, RandomizationList list)
    {
        var counts = new int[testCase.SequenceCount + 1];
        foreach (var block in list.Entries.GroupBy(e => e.BlockNumber))
        {
            foreach (var entry in block)
            {
                Assert.InRange(entry.SequenceNumber, 1, testCase.SequenceCount);
                counts[entry.SequenceNumber]++;
            }

            Assert.Single(counts.Skip(1).Distinct());
        }
    }

    private static void AssertKitsUnique(RandomizationList list)
    {
        var kits = list.Entries.SelectMany(e => e.Kits).ToArray();
        Assert.Equal(kits.Length, kits.Distinct().Count());
    }

    private static string Canonical(RandomizationList list) =>
        $"{list.Stratum}|{list.SequenceCount}|{list.PeriodCount}|{string.Join(",", list.BlockSizes)}|" +
        string.Join(" ", list.Entries.Select(e => $"{e.EntryNumber}:{e.BlockNumber}:{e.BlockSize}:{e.SequenceNumber}:{string.Join(",", e.Kits)}"));

    private static double ProbabilityAbove(int[] first, int[] second)
    {
        var sortedSecond = second.Order().ToArray();
        double above = 0;
        foreach (var value in first)
        {
            var index = Array.BinarySearch(sortedSecond, value);
            above += index >= 0 ? index + 0.5 : ~index;
        }

        return above / ((double)first.Length * second.Length);
    }
}
