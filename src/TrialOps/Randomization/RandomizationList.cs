namespace TrialOps.Randomization;

/// <summary>
/// One allocation slot of a stratum's list. Unblinded information: only the pharmacist's and
/// unblinded views may read it.
/// </summary>
/// <param name="EntryNumber">1-based position in the stratum's list; participants take entries in this order.</param>
/// <param name="BlockNumber">1-based permuted block the entry belongs to.</param>
/// <param name="BlockSize">Size of that block.</param>
/// <param name="SequenceNumber">1-based number of the protocol's treatment sequence.</param>
/// <param name="Kits">One preparation number per period, in period order.</param>
public sealed record RandomizationEntry(
    int EntryNumber,
    int BlockNumber,
    int BlockSize,
    int SequenceNumber,
    IReadOnlyList<KitNumber> Kits);

/// <summary>A stratum's list as generated from its seed.</summary>
public sealed record RandomizationList(
    string Stratum,
    int SequenceCount,
    int PeriodCount,
    IReadOnlyList<int> BlockSizes,
    IReadOnlyList<RandomizationEntry> Entries);
