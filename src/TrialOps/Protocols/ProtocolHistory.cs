using TrialOps.Randomization;

namespace TrialOps.Protocols;

/// <summary>
/// The versions of a protocol as recorded in its stream, and what follows from them (the version
/// in force at a time or position, the strata that ever had a list). Reads whole definitions,
/// treatments included: for handlers, exports and the operator's CLI; anything shown to a person
/// goes through the blinded queries.
/// </summary>
public sealed class ProtocolHistory(EventStore.EventStore store)
{
    /// <summary>Every version of the protocol in the order imported; empty for a code never imported (or not a code).</summary>
    public async Task<IReadOnlyList<ProtocolVersionRecord>> VersionsAsync(string code, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(code, out var protocolCode))
        {
            return [];
        }

        var versions = new List<ProtocolVersionRecord>();
        foreach (var stored in await store.ReadStreamAsync(ProtocolStreams.For(protocolCode), null, ct))
        {
            var record = stored.Data switch
            {
                ProtocolImported e => new ProtocolVersionRecord(e.Code, e.Version, e.FileSha256, e.ImportedBy, stored.RecordedAt, stored.Position, ParseStored(e.Code, e.Version, e.DefinitionJson)),
                ProtocolAmended e => new ProtocolVersionRecord(e.Code, e.Version, e.FileSha256, e.AmendedBy, stored.RecordedAt, stored.Position, ParseStored(e.Code, e.Version, e.DefinitionJson)),
                _ => null,
            };
            if (record is not null)
            {
                versions.Add(record);
            }
        }

        return versions;
    }

    /// <summary>The version in force now, or null when the code was never imported.</summary>
    public async Task<ProtocolVersionRecord?> CurrentAsync(string code, CancellationToken ct = default) =>
        (await VersionsAsync(code, ct)).LastOrDefault();

    /// <summary>The definition of the version in force (treatments included), or null when the code was never imported.</summary>
    public async Task<ProtocolDefinition?> DefinitionAsync(string code, CancellationToken ct = default) =>
        (await CurrentAsync(code, ct))?.Definition;

    /// <summary>
    /// The version in force at a server time: the last one recorded at or before it. Data recorded
    /// at that time belongs to this version (DOMAIN.md: protocol amendment). Null before the first import.
    /// </summary>
    public async Task<ProtocolVersionRecord?> InForceAsync(string code, DateTimeOffset at, CancellationToken ct = default) =>
        (await VersionsAsync(code, ct)).LastOrDefault(v => v.RecordedAt <= at);

    /// <summary>The version in force for an event at a global position: the last one recorded at a lower or equal position.</summary>
    public async Task<ProtocolVersionRecord?> InForceAtPositionAsync(string code, long position, CancellationToken ct = default) =>
        (await VersionsAsync(code, ct)).LastOrDefault(v => v.Position <= position);

    /// <summary>Strata of every version (a site an amendment dropped keeps its list and its participants).</summary>
    public async Task<IReadOnlyList<string>> KnownStrataAsync(ProtocolCode code, CancellationToken ct = default) =>
        (await VersionsAsync(code.Value, ct)).SelectMany(v => Strata.For(v.Definition)).Distinct(StringComparer.Ordinal).ToArray();

    private static ProtocolDefinition ParseStored(ProtocolCode code, int version, string json) =>
        ProtocolFile.Parse(json).Definition
        ?? throw new InvalidOperationException($"The recorded file of protocol {code} version {version} no longer passes this build's validation.");
}

/// <summary>One version of a protocol as recorded.</summary>
/// <param name="ImportedBy">User id of whoever imported this version.</param>
/// <param name="RecordedAt">Server time the version was recorded: from then on it is in force.</param>
/// <param name="Position">Global position of the import or amendment event.</param>
public sealed record ProtocolVersionRecord(
    ProtocolCode Code,
    int Version,
    string FileSha256,
    string ImportedBy,
    DateTimeOffset RecordedAt,
    long Position,
    ProtocolDefinition Definition);
