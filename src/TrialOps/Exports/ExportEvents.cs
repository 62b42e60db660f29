using TrialOps.EventStore;
using TrialOps.Protocols;

namespace TrialOps.Exports;

/// <summary>One file of an export as its manifest lists it.</summary>
/// <param name="Name">The file name inside the export folder (<c>ae.csv</c>).</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lowercase hex.</param>
/// <param name="Bytes">The file's size.</param>
public sealed record ExportedFile(string Name, string Sha256, long Bytes);

/// <summary>
/// A statistician, monitor or coordinator produced an export of the trial (DESIGN.md §7). Stream
/// <c>exports-&lt;CODE&gt;</c>. The event is the export's entry in the audit trail: who exported what,
/// blinded or not, as of which ledger position, and the digest of the manifest that lists every
/// file with its SHA-256, so a folder handed on later can be matched to this record.
/// </summary>
/// <param name="Protocol">The trial (names the stream).</param>
/// <param name="ProducedBy">User id of whoever requested the export (also in the metadata).</param>
/// <param name="ProducedAt">Server time the export was recorded.</param>
/// <param name="Blinded">False only for an unblinded export, which needs the trial unblinded first.</param>
/// <param name="AsOfPosition">The global position the export was derived at; every event up to it in the ledger's order, none after.</param>
/// <param name="LedgerHash">The ledger hash at <paramref name="AsOfPosition"/>: what ties the export to the tamper-evident chain.</param>
/// <param name="ProtocolVersion">The protocol version in force at <paramref name="AsOfPosition"/>.</param>
/// <param name="ManifestSha256">SHA-256 of <c>manifest.json</c>, lowercase hex.</param>
/// <param name="SoftwareVersion">The TrialOps build that wrote the files.</param>
/// <param name="Files">The data files the manifest lists (not the manifest itself).</param>
[EventType("export.produced.v1")]
public sealed record ExportProduced(
    ProtocolCode Protocol,
    string ProducedBy,
    DateTimeOffset ProducedAt,
    bool Blinded,
    long AsOfPosition,
    string LedgerHash,
    int ProtocolVersion,
    string ManifestSha256,
    string SoftwareVersion,
    IReadOnlyList<ExportedFile> Files);

public static class ExportStreams
{
    /// <summary><c>exports-KET-NP-01</c>: every export of one trial, in the order produced.</summary>
    public static string For(ProtocolCode protocol) => $"exports-{protocol}";
}
