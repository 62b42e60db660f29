using TrialOps.Blinding;
using TrialOps.EventStore;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Exports;

/// <summary>A protocol version with the global position from which it is in force.</summary>
public sealed record ProtocolVersionAsOf(long Position, DateTimeOffset RecordedAt, ProtocolDefinition Definition);

/// <summary>
/// The trial-level facts of an export, read from the streams as of the ledger point: the protocol
/// versions and lock state, the emergency code breaks, and, for an unblinded export only, each
/// participant's allocation. Small: one entry per version, code break or randomized participant.
/// </summary>
public sealed class TrialAsOf
{
    private TrialAsOf(
        ProtocolCode code,
        ProtocolState state,
        IReadOnlyList<ProtocolVersionAsOf> versions,
        IReadOnlyDictionary<string, AllocationRecord> allocations,
        IReadOnlyDictionary<string, IReadOnlyList<StoredEvent>> codeBreaks,
        IReadOnlyList<StoredEvent> lockActions,
        long eventCount)
    {
        LockActions = lockActions;
        Code = code;
        State = state;
        Versions = versions;
        Allocations = allocations;
        CodeBreaks = codeBreaks;
        EventCount = eventCount;
    }

    public ProtocolCode Code { get; }

    /// <summary>Lock and unblinding as of the point.</summary>
    public ProtocolState State { get; }

    public IReadOnlyList<ProtocolVersionAsOf> Versions { get; }

    /// <summary>The version in force at the point.</summary>
    public ProtocolDefinition Current => Versions[^1].Definition;

    /// <summary>Allocation by participant id (subject number); empty in a blinded export, which never reads them.</summary>
    public IReadOnlyDictionary<string, AllocationRecord> Allocations { get; }

    /// <summary>Emergency unblinding events by participant id. They name no treatment.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<StoredEvent>> CodeBreaks { get; }

    /// <summary>
    /// The signed trial-level actions in the order recorded: database lock, lifting of the lock and
    /// trial unblinding. They name no treatment, so blinded exports carry them too.
    /// </summary>
    public IReadOnlyList<StoredEvent> LockActions { get; }

    /// <summary>Events read at trial level (protocol and list streams).</summary>
    public long EventCount { get; }

    /// <summary>The version in force for an event at <paramref name="position"/> (the first one for anything earlier).</summary>
    public ProtocolDefinition VersionAt(long position)
    {
        var definition = Versions[0].Definition;
        foreach (var version in Versions)
        {
            if (version.Position <= position)
            {
                definition = version.Definition;
            }
        }

        return definition;
    }

    /// <summary>Null when the protocol did not exist at the point.</summary>
    /// <param name="unblinded">Read the allocations; only after the export policy allowed an unblinded export.</param>
    public static async Task<TrialAsOf?> ReadAsync(EventStore.EventStore store, ProtocolCode code, long asOfPosition, bool unblinded, CancellationToken ct)
    {
        var protocolEvents = await store.ReadStreamAsync(ProtocolStreams.For(code), asOfPosition, ct);
        var state = ProtocolState.From(protocolEvents.Select(e => e.Data));
        if (!state.Exists)
        {
            return null;
        }

        var versions = new List<ProtocolVersionAsOf>();
        foreach (var stored in protocolEvents)
        {
            var json = stored.Data switch
            {
                ProtocolImported e => e.DefinitionJson,
                ProtocolAmended e => e.DefinitionJson,
                _ => null,
            };
            if (json is not null)
            {
                var definition = ProtocolFile.Parse(json).Definition
                    ?? throw new InvalidOperationException($"The recorded file of protocol {code} at position {stored.Position} no longer passes this build's validation.");
                versions.Add(new ProtocolVersionAsOf(stored.Position, stored.RecordedAt, definition));
            }
        }

        long eventCount = protocolEvents.Count;
        var allocations = new Dictionary<string, AllocationRecord>(StringComparer.Ordinal);
        var codeBreaks = new Dictionary<string, List<StoredEvent>>(StringComparer.Ordinal);
        var strata = versions.SelectMany(v => Strata.For(v.Definition)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var stratum in strata)
        {
            var listEvents = await store.ReadStreamAsync(RandomizationStreams.For(code, stratum), asOfPosition, ct);
            var entries = new Dictionary<int, RandomizationEntry>();
            foreach (var stored in listEvents)
            {
                switch (stored.Data)
                {
                    case EmergencyUnblindingPerformed performed:
                        if (!codeBreaks.TryGetValue(performed.ParticipantId, out var list))
                        {
                            codeBreaks[performed.ParticipantId] = list = [];
                        }

                        list.Add(stored);
                        break;
                    case RandomizationListGenerated generated when unblinded:
                        foreach (var entry in generated.Entries)
                        {
                            entries[entry.EntryNumber] = entry;
                        }

                        break;
                    case RandomizationListExtended extended when unblinded:
                        foreach (var entry in extended.AddedEntries)
                        {
                            entries[entry.EntryNumber] = entry;
                        }

                        break;
                    case AllocationAssigned assigned when unblinded:
                        var assignedEntry = entries.GetValueOrDefault(assigned.EntryNumber)
                            ?? throw new InvalidOperationException($"Stratum {stratum} of {code} assigns entry {assigned.EntryNumber}, which its list does not have.");
                        allocations[assigned.ParticipantId] = new AllocationRecord(
                            new Allocation(code, stratum, assigned.ParticipantId, assignedEntry.EntryNumber, assignedEntry.SequenceNumber, assignedEntry.Kits),
                            stored);
                        break;
                }
            }

            eventCount += unblinded ? listEvents.Count : listEvents.Count(e => e.Data is EmergencyUnblindingPerformed);
        }

        return new TrialAsOf(
            code,
            state,
            versions,
            allocations,
            codeBreaks.ToDictionary(p => p.Key, p => (IReadOnlyList<StoredEvent>)p.Value, StringComparer.Ordinal),
            protocolEvents.Where(e => e.Data is TrialLocked or TrialUnlocked or TrialUnblinded).ToArray(),
            eventCount);
    }
}

/// <summary>A participant's allocation with the event that assigned it (its audit record in the ODM file).</summary>
public sealed record AllocationRecord(Allocation Allocation, StoredEvent Assigned);
