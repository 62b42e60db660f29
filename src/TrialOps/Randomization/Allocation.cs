using TrialOps.Protocols;

namespace TrialOps.Randomization;

/// <summary>
/// A participant's place in their stratum's list: the treatment sequence and the kit number of
/// each period. This is treatment identity. It exists only in the randomization stream, in the
/// pharmacy read model and in the hands of the code that randomizes the participant; it must never
/// go into a participant event or any read model that blinded roles read (see ADR 0002). The kit
/// numbers alone are safe to show: they are drawn at random (<see cref="KitNumber"/>).
/// </summary>
/// <param name="EntryNumber">1-based entry of the stratum's list (also in <see cref="AllocationAssigned"/>).</param>
/// <param name="SequenceNumber">1-based number of the protocol's treatment sequence: reveals every period's treatment.</param>
/// <param name="Kits">One kit number per period, in period order.</param>
public sealed record Allocation(
    ProtocolCode Protocol,
    string Stratum,
    string ParticipantId,
    int EntryNumber,
    int SequenceNumber,
    IReadOnlyList<KitNumber> Kits)
{
    public int PeriodCount => Kits.Count;

    /// <summary>The kit of a period numbered from 1.</summary>
    public KitNumber KitFor(int periodNumber) => Kits[periodNumber - 1];

    /// <summary>The treatment code of each period, in period order, under the given protocol version.</summary>
    public IReadOnlyList<string> TreatmentCodes(ProtocolDefinition protocol) =>
        protocol.Sequences.Single(s => s.Number == SequenceNumber).TreatmentCodes;
}

/// <summary>
/// Reads allocations out of a list stream's events. Only allocations already assigned to a
/// participant can be read: there is deliberately no way to look at the entry the next
/// participant will take (allocation concealment); <see cref="RandomizeParticipant.Randomize"/>
/// hands it over only together with the event that assigns it.
/// </summary>
public static class RandomizationListEntries
{
    /// <summary>The allocation of a participant already randomized in this stream, or null.</summary>
    public static Allocation? AllocationOf(IEnumerable<object> listEvents, string participantId)
    {
        var events = listEvents as IReadOnlyCollection<object> ?? listEvents.ToArray();
        var state = RandomizationListState.From(events);
        return state.EntryByParticipant.TryGetValue(participantId, out var entryNumber)
            ? AllocationAt(events, state, participantId, entryNumber)
            : null;
    }

    /// <summary>Entry <paramref name="entryNumber"/> of the list as an allocation for the participant; null when the list is shorter.</summary>
    internal static Allocation? AllocationAt(IEnumerable<object> listEvents, RandomizationListState state, string participantId, int entryNumber)
    {
        foreach (var @event in listEvents)
        {
            var entries = @event switch
            {
                RandomizationListGenerated generated => generated.Entries,
                RandomizationListExtended extended => extended.AddedEntries,
                _ => [],
            };
            foreach (var entry in entries)
            {
                if (entry.EntryNumber == entryNumber)
                {
                    return new Allocation(state.Protocol!.Value, state.Stratum!, participantId, entry.EntryNumber, entry.SequenceNumber, entry.Kits);
                }
            }
        }

        return null;
    }
}
