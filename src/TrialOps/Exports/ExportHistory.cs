using TrialOps.Protocols;

namespace TrialOps.Exports;

/// <summary>One earlier export as the audit trail records it (for the statistician's export page).</summary>
/// <param name="Position">Global position of the <see cref="ExportProduced"/> event.</param>
/// <param name="ProducedBy">User id of whoever had the export made.</param>
/// <param name="Role">The role they acted in.</param>
public sealed record ExportRecord(
    long Position,
    string Trial,
    string ProducedBy,
    string Role,
    DateTimeOffset ProducedAt,
    bool Blinded,
    long AsOfPosition,
    string LedgerHash,
    int ProtocolVersion,
    string ManifestSha256,
    string SoftwareVersion,
    IReadOnlyList<ExportedFile> Files)
{
    public long TotalBytes => Files.Sum(f => f.Bytes);
}

/// <summary>
/// Every export of a trial, newest first, read from <c>exports-&lt;CODE&gt;</c>. The records name no
/// treatment (only whether an export was blinded), so any role that may export may list them.
/// </summary>
public sealed class ExportHistory(EventStore.EventStore store)
{
    public async Task<IReadOnlyList<ExportRecord>> ListAsync(string trialCode, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(trialCode, out var code))
        {
            return [];
        }

        var events = await store.ReadStreamAsync(ExportStreams.For(code), null, ct);
        return events
            .Where(e => e.Data is ExportProduced)
            .Select(e =>
            {
                var produced = (ExportProduced)e.Data;
                return new ExportRecord(
                    e.Position,
                    produced.Protocol.Value,
                    produced.ProducedBy,
                    e.Metadata.ActorRole,
                    produced.ProducedAt,
                    produced.Blinded,
                    produced.AsOfPosition,
                    produced.LedgerHash,
                    produced.ProtocolVersion,
                    produced.ManifestSha256,
                    produced.SoftwareVersion,
                    produced.Files);
            })
            .OrderByDescending(r => r.Position)
            .ToArray();
    }
}
