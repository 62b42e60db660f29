using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrialOps.Randomization;

/// <summary>
/// Stratified permuted-block randomization lists, reproducible from a secret seed.
/// </summary>
/// <remarks>
/// Blocks are drawn one after the other: a block size chosen uniformly from the protocol's
/// <c>blockSizes</c>, then a uniformly shuffled block holding every sequence equally often. Varying
/// the size keeps staff from predicting the last assignments of a block. Generation stops at the
/// first block boundary at or after the requested length, so a list is balanced at its end too
/// (it may be longer than requested by less than one block).
///
/// Kit numbers come from a second DRBG stream of the same seed, drawn uniformly and skipping
/// numbers already used, in entry and period order. Because both streams are consumed strictly in
/// list order and the requested length only decides when to stop, a longer list from the same
/// seed always starts with the shorter one: extending an exhausted list means generating from the
/// seed to the new length and appending the entries past the old end. The whole extended list is
/// therefore reproducible from the seed and the final length alone.
/// </remarks>
public static class RandomizationListGenerator
{
    public const string Algorithm = "permuted-blocks/hmac-sha256-drbg";

    public const int SeedBytes = 32;

    /// <summary>Kits stay a small fraction of the 900,000 numbers, so unique draws stay quick and unguessable.</summary>
    public const int MaxKits = 90_000;

    /// <summary>A fresh secret seed from the operating system's cryptographic generator.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedBytes);

    public static RandomizationList Generate(
        string stratum,
        int sequenceCount,
        int periodCount,
        IReadOnlyList<int> blockSizes,
        ReadOnlySpan<byte> seed,
        int length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stratum);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (seed.Length != SeedBytes)
        {
            throw new ArgumentException($"The seed must be {SeedBytes} bytes.", nameof(seed));
        }

        if (blockSizes.Count == 0 || blockSizes.Any(size => size < 1 || size % sequenceCount != 0))
        {
            throw new ArgumentException($"Block sizes must be positive multiples of the number of sequences ({sequenceCount}).", nameof(blockSizes));
        }

        if ((long)(length + blockSizes.Max()) * periodCount > MaxKits)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"A list may hold at most {MaxKits} kits.");
        }

        var allocation = new HmacCounterDrbg(seed, $"trialops/randomization/1/allocation/{stratum}");
        var kitDrbg = new HmacCounterDrbg(seed, $"trialops/randomization/1/kits/{stratum}");
        var usedKits = new HashSet<int>();
        var entries = new List<RandomizationEntry>(length);
        var blockNumber = 0;
        while (entries.Count < length)
        {
            blockNumber++;
            var size = blockSizes[allocation.NextInt(blockSizes.Count)];
            var block = Enumerable.Range(0, size).Select(i => (i % sequenceCount) + 1).ToArray();
            allocation.Shuffle(block.AsSpan());
            foreach (var sequence in block)
            {
                var kits = new KitNumber[periodCount];
                for (var period = 0; period < periodCount; period++)
                {
                    kits[period] = NextKit(kitDrbg, usedKits);
                }

                entries.Add(new RandomizationEntry(entries.Count + 1, blockNumber, size, sequence, kits));
            }
        }

        return new RandomizationList(stratum, sequenceCount, periodCount, blockSizes.ToArray(), entries);
    }

    /// <summary>
    /// The list extended by at least <paramref name="additionalLength"/> entries; its first entries
    /// are exactly those of <paramref name="list"/> (checked, so a wrong seed cannot pass).
    /// </summary>
    public static RandomizationList Extend(RandomizationList list, ReadOnlySpan<byte> seed, int additionalLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(additionalLength, 1);
        var extended = Generate(list.Stratum, list.SequenceCount, list.PeriodCount, list.BlockSizes, seed, list.Entries.Count + additionalLength);
        if (ListHash(extended.Entries.Take(list.Entries.Count)) != ListHash(list.Entries))
        {
            throw new ArgumentException("The seed does not reproduce the list being extended.", nameof(seed));
        }

        return extended;
    }

    /// <summary>
    /// SHA-256 (lowercase hex) over a canonical text of the entries: a format line, then one line
    /// per entry <c>entry;block;blockSize;sequence;kit,kit</c>. Recorded with the list, so that an
    /// inspector can regenerate the list from the unsealed seed and compare.
    /// </summary>
    public static string ListHash(IEnumerable<RandomizationEntry> entries)
    {
        var text = new StringBuilder("trialops.randomization-list/1\n");
        foreach (var entry in entries)
        {
            text.Append(CultureInfo.InvariantCulture, $"{entry.EntryNumber};{entry.BlockNumber};{entry.BlockSize};{entry.SequenceNumber};")
                .AppendJoin(',', entry.Kits.Select(k => k.ToString()))
                .Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static KitNumber NextKit(HmacCounterDrbg drbg, HashSet<int> used)
    {
        while (true)
        {
            var value = KitNumber.Min + drbg.NextInt(KitNumber.Max - KitNumber.Min + 1);
            if (used.Add(value))
            {
                return new KitNumber(value);
            }
        }
    }
}
