using TrialOps.EventStore;
using TrialOps.Protocols;

namespace TrialOps.Randomization;

/// <summary>What a stratum's list was generated from, besides the sealed seed.</summary>
/// <param name="ProtocolVersion">The protocol version whose sequences and block sizes were used.</param>
/// <param name="SequenceCount">Number of the protocol's treatment sequences.</param>
/// <param name="PeriodCount">Periods per sequence (one kit number each).</param>
/// <param name="BlockSizes">The protocol's block sizes, in protocol order (the draw indexes this list).</param>
/// <param name="RequestedLength">The length asked for; the list ends at the next block boundary.</param>
public sealed record RandomizationParameters(
    int ProtocolVersion,
    int SequenceCount,
    int PeriodCount,
    IReadOnlyList<int> BlockSizes,
    int RequestedLength);

/// <summary>
/// A stratum's randomization list was generated. Stream <c>randomization-&lt;CODE&gt;-&lt;STRATUM&gt;</c>.
/// Unblinded: only the pharmacist's and unblinded views may project the entries, and no read
/// model at all may contain <see cref="SealedSeed"/>.
/// </summary>
/// <param name="GeneratedBy">User id of the coordinator who had it generated.</param>
/// <param name="Algorithm"><see cref="RandomizationListGenerator.Algorithm"/>: how to reproduce the list.</param>
/// <param name="Entries">The list, in allocation order.</param>
/// <param name="ListHash"><see cref="RandomizationListGenerator.ListHash"/> of the entries.</param>
/// <param name="SealedSeed">The seed sealed by an <see cref="ISeedSealer"/> with the stream id as context.</param>
[EventType("randomization.list-generated.v1")]
public sealed record RandomizationListGenerated(
    ProtocolCode Protocol,
    string Stratum,
    string GeneratedBy,
    DateTimeOffset GeneratedAt,
    string Algorithm,
    RandomizationParameters Parameters,
    IReadOnlyList<RandomizationEntry> Entries,
    string ListHash,
    string SealedSeed);

/// <summary>
/// A participant took the next entry of the stratum's list. Names only the entry: which sequence
/// it holds is in the list, which blinded roles never read.
/// </summary>
/// <param name="AssignedBy">User id of the person who randomized the participant.</param>
/// <param name="AssignedAt">Server time of randomization.</param>
/// <param name="EntryNumber">1-based entry of the list.</param>
[EventType("randomization.allocation-assigned.v1")]
public sealed record AllocationAssigned(
    ProtocolCode Protocol,
    string Stratum,
    string AssignedBy,
    DateTimeOffset AssignedAt,
    string ParticipantId,
    int EntryNumber);

/// <summary>
/// A coordinator extended the stratum's list. The added entries continue the list's DRBG streams
/// (see <see cref="RandomizationListGenerator"/>), so the extended list is reproducible from the
/// same seed. Unblinded, like <see cref="RandomizationListGenerated"/>.
/// </summary>
/// <param name="ExtendedBy">User id of the coordinator.</param>
/// <param name="Reason">Why the list was extended (for example more participants than planned at this site).</param>
/// <param name="RequestedAdditionalLength">Entries asked for; the extension ends at a block boundary.</param>
/// <param name="AddedEntries">The new entries, numbered on from the old end.</param>
/// <param name="ListHash">Hash of the whole extended list.</param>
[EventType("randomization.list-extended.v1")]
public sealed record RandomizationListExtended(
    ProtocolCode Protocol,
    string Stratum,
    string ExtendedBy,
    DateTimeOffset ExtendedAt,
    string Reason,
    int RequestedAdditionalLength,
    IReadOnlyList<RandomizationEntry> AddedEntries,
    string ListHash);
