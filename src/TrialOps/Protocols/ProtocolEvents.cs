using TrialOps.EventStore;

namespace TrialOps.Protocols;

/// <summary>
/// The first version of a protocol was imported. Stream <c>protocol-&lt;CODE&gt;</c>.
/// </summary>
/// <param name="Code">The protocol (names the stream).</param>
/// <param name="ImportedBy">User id of the person who imported the file (also in the metadata).</param>
/// <param name="ImportedAt">Server time of the import.</param>
/// <param name="Version">The protocol version in the file.</param>
/// <param name="DefinitionJson">The file's text verbatim: the definition is re-read from it, and it is what was approved.</param>
/// <param name="FileSha256">SHA-256 (lowercase hex) of the file's bytes as uploaded.</param>
[EventType("protocol.imported.v1")]
public sealed record ProtocolImported(
    ProtocolCode Code,
    string ImportedBy,
    DateTimeOffset ImportedAt,
    int Version,
    string DefinitionJson,
    string FileSha256);

/// <summary>
/// A higher version of the protocol was imported: a protocol amendment. Data recorded from now on
/// belongs to <see cref="Version"/>; data recorded before stays attributable to the version in
/// force when it was recorded (the stream position tells which).
/// </summary>
/// <param name="Code">The protocol (names the stream).</param>
/// <param name="AmendedBy">User id of the person who imported the amendment.</param>
/// <param name="AmendedAt">Server time of the import.</param>
/// <param name="Version">The new version.</param>
/// <param name="PreviousVersion">The version it supersedes.</param>
/// <param name="DefinitionJson">The amended file's text verbatim.</param>
/// <param name="FileSha256">SHA-256 (lowercase hex) of the amended file's bytes.</param>
[EventType("protocol.amended.v1")]
public sealed record ProtocolAmended(
    ProtocolCode Code,
    string AmendedBy,
    DateTimeOffset AmendedAt,
    int Version,
    int PreviousVersion,
    string DefinitionJson,
    string FileSha256);
