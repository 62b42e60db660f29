using System.Collections.Immutable;
using TrialOps.Protocols;

namespace TrialOps.Randomization;

/// <summary>
/// What randomization decisions need from a <c>randomization-&lt;CODE&gt;-&lt;STRATUM&gt;</c>
/// stream. Deliberately without the entries: nothing folded here can tell anyone which sequence the
/// next participant would get (allocation concealment), only how many entries are left.
/// </summary>
public sealed record RandomizationListState(
    ProtocolCode? Protocol,
    string? Stratum,
    RandomizationParameters? Parameters,
    int EntryCount,
    string? ListHash,
    string? SealedSeed,
    ImmutableDictionary<string, int> EntryByParticipant)
{
    public static RandomizationListState Initial { get; } =
        new(null, null, null, 0, null, null, ImmutableDictionary.Create<string, int>(StringComparer.Ordinal));

    public bool Exists => Parameters is not null;

    public bool Exhausted => Exists && EntryByParticipant.Count >= EntryCount;

    public static RandomizationListState From(IEnumerable<object> events) => events.Aggregate(Initial, (state, e) => state.Apply(e));

    public RandomizationListState Apply(object @event) => @event switch
    {
        RandomizationListGenerated e => this with
        {
            Protocol = e.Protocol,
            Stratum = e.Stratum,
            Parameters = e.Parameters,
            EntryCount = e.Entries.Count,
            ListHash = e.ListHash,
            SealedSeed = e.SealedSeed,
        },
        RandomizationListExtended e => this with { EntryCount = EntryCount + e.AddedEntries.Count, ListHash = e.ListHash },
        AllocationAssigned e => this with { EntryByParticipant = EntryByParticipant.Add(e.ParticipantId, e.EntryNumber) },
        _ => this,
    };
}
