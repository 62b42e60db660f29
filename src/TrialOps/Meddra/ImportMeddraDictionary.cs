using Npgsql;
using NpgsqlTypes;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Messaging;

namespace TrialOps.Meddra;

/// <summary>
/// Import a MedDRA version from the sponsor's licensed ASCII distribution
/// (<c>trialops meddra import DIR</c>). The version's terms and the event that records the import
/// commit in one transaction, or nothing is stored.
/// </summary>
/// <param name="Distribution">The files, read and checked (<see cref="MeddraDistribution.Read"/>).</param>
/// <param name="By">Administrator or Coordinator.</param>
public sealed record ImportMeddraDictionary(MeddraDistribution Distribution, Actor By)
{
    public const string AlreadyImported = "meddra.already-imported";

    public static Decision Decide(MeddraDictionaryState state, ImportMeddraDictionary command, DateTimeOffset now)
    {
        if (command.By.Role is not (Roles.Administrator or Roles.Coordinator))
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only an Administrator or a Coordinator can import a MedDRA dictionary.");
        }

        var distribution = command.Distribution;
        var version = distribution.Version;
        if (state.Imports.FirstOrDefault(i => i.Version == version) is { } earlier)
        {
            return earlier.ContentSha256 == distribution.ContentSha256
                ? Decision.Reject(AlreadyImported, $"MedDRA {version} is already imported (by {earlier.ImportedBy} at {earlier.ImportedAt:yyyy-MM-dd HH:mm} UTC, the same files); nothing was stored again.")
                : Decision.Reject(
                    "meddra.version-conflict",
                    $"MedDRA {version} is already imported from different files (content SHA-256 {earlier.ContentSha256}, these are {distribution.ContentSha256}); a version is imported once and never replaced.");
        }

        if (state.Current is { } current && MeddraDistribution.CompareVersions(version, current.Version) < 0)
        {
            return Decision.Reject(
                "meddra.version-not-newer",
                $"MedDRA {current.Version} is already in force; an older version ({version}) cannot replace it.");
        }

        return Decision.Append(
            MeddraStreams.Dictionaries,
            new MeddraDictionaryImported(
                version,
                distribution.Language,
                command.By.UserId,
                now,
                distribution.ContentSha256,
                distribution.Files,
                distribution.Llts.Count,
                distribution.Pts.Count));
    }
}

/// <summary>
/// Runs <see cref="ImportMeddraDictionary"/>: reads the dictionary stream, decides, and writes the
/// event and the version's rows in one transaction. Not a Wolverine handler: the rows (tens of
/// thousands) must commit with the event, and the command executor's transaction takes events only;
/// here the same store append is enlisted in a transaction that also copies the rows in.
/// </summary>
public static class MeddraImporter
{
    public static async Task<CommandResult> ImportAsync(EventStore.EventStore store, TimeProvider clock, CommandContext context, ImportMeddraDictionary command, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // Imports run one at a time: the second waits here and then sees what the first committed.
        await using (var serialize = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('trialops.meddra-import'))", connection, transaction))
        {
            await serialize.ExecuteNonQueryAsync(ct);
        }

        var events = await store.ReadStreamAsync(connection, transaction, MeddraStreams.Dictionaries, null, ct);
        var decision = ImportMeddraDictionary.Decide(MeddraDictionaryState.From(events.Select(e => e.Data)), command, clock.GetUtcNow());
        if (decision.Rejection is { } rejection)
        {
            await transaction.RollbackAsync(ct);
            return CommandResult.Rejected(context.CommandId, rejection);
        }

        var metadata = new EventMetadata(
            context.Actor.UserId, context.Actor.Role, context.Reason, context.CorrelationId, context.CausationId ?? context.CommandId, context.CommandId);
        try
        {
            var imported = (MeddraDictionaryImported)decision.Events.Single().Data;
            var stored = await store.AppendAsync(
                transaction,
                MeddraStreams.Dictionaries,
                events.Count == 0 ? ExpectedVersion.NoStream : events[^1].Version,
                [imported],
                metadata,
                ct,
                events.Count == 0 ? null : events[^1].Hash);
            await WriteRowsAsync(connection, command.Distribution, imported, stored[0].Position, ct);
            await transaction.CommitAsync(ct);
            store.Committed.Signal();
            return new CommandResult(context.CommandId, CommandStatus.Accepted, null, [stored[0].Position]);
        }
        catch (Exception e) when (e is ConcurrencyException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return CommandResult.Rejected(
                context.CommandId,
                new Rejection("meddra.concurrent-import", $"Another MedDRA import finished while this one ran; nothing was stored. Run the import again to see whether {command.Distribution.Version} is now imported."));
        }
    }

    private static async Task WriteRowsAsync(NpgsqlConnection connection, MeddraDistribution d, MeddraDictionaryImported imported, long position, CancellationToken ct)
    {
        await using (var version = new NpgsqlCommand(
            "INSERT INTO meddra_versions (version, language, content_sha256, imported_by, imported_at, position) VALUES ($1, $2, $3, $4, $5, $6)", connection))
        {
            version.Parameters.Add(new NpgsqlParameter<string> { TypedValue = imported.Version });
            version.Parameters.Add(new NpgsqlParameter<string> { TypedValue = imported.Language });
            version.Parameters.Add(new NpgsqlParameter<string> { TypedValue = imported.ContentSha256 });
            version.Parameters.Add(new NpgsqlParameter<string> { TypedValue = imported.ImportedBy });
            version.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = imported.ImportedAt.ToUniversalTime() });
            version.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
            await version.ExecuteNonQueryAsync(ct);
        }

        var v = d.Version;
        await CopyAsync(connection, "meddra_soc (version, soc_code, soc_name, soc_abbrev)", d.Socs, async (w, s) =>
        {
            await w.WriteAsync(v, NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Code, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(s.Name, NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Abbreviation, NpgsqlDbType.Text, ct);
        }, ct);
        await CopyTermsAsync(connection, "meddra_hlgt (version, hlgt_code, hlgt_name)", v, d.Hlgts, ct);
        await CopyTermsAsync(connection, "meddra_hlt (version, hlt_code, hlt_name)", v, d.Hlts, ct);
        await CopyAsync(connection, "meddra_pt (version, pt_code, pt_name, primary_soc_code)", d.Pts, async (w, p) =>
        {
            await w.WriteAsync(v, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.Code, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(p.Name, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.PrimarySocCode, NpgsqlDbType.Integer, ct);
        }, ct);
        await CopyAsync(connection, "meddra_llt (version, llt_code, llt_name, pt_code, current)", d.Llts, async (w, l) =>
        {
            await w.WriteAsync(v, NpgsqlDbType.Text, ct);
            await w.WriteAsync(l.Code, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(l.Name, NpgsqlDbType.Text, ct);
            await w.WriteAsync(l.PtCode, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(l.Current, NpgsqlDbType.Boolean, ct);
        }, ct);
        await CopyLinksAsync(connection, "meddra_soc_hlgt (version, soc_code, hlgt_code)", v, d.SocHlgt, ct);
        await CopyLinksAsync(connection, "meddra_hlgt_hlt (version, hlgt_code, hlt_code)", v, d.HlgtHlt, ct);
        await CopyLinksAsync(connection, "meddra_hlt_pt (version, hlt_code, pt_code)", v, d.HltPt, ct);
        await CopyAsync(connection, "meddra_hierarchy (version, pt_code, hlt_code, hlgt_code, soc_code, primary_soc)", d.Hierarchy, async (w, h) =>
        {
            await w.WriteAsync(v, NpgsqlDbType.Text, ct);
            await w.WriteAsync(h.PtCode, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(h.HltCode, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(h.HlgtCode, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(h.SocCode, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(h.Primary, NpgsqlDbType.Boolean, ct);
        }, ct);
    }

    private static Task CopyTermsAsync(NpgsqlConnection connection, string target, string version, IReadOnlyList<MeddraTerm> terms, CancellationToken ct) =>
        CopyAsync(connection, target, terms, async (w, t) =>
        {
            await w.WriteAsync(version, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.Code, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(t.Name, NpgsqlDbType.Text, ct);
        }, ct);

    private static Task CopyLinksAsync(NpgsqlConnection connection, string target, string version, IReadOnlyList<(int, int)> links, CancellationToken ct) =>
        CopyAsync(connection, target, links, async (w, l) =>
        {
            await w.WriteAsync(version, NpgsqlDbType.Text, ct);
            await w.WriteAsync(l.Item1, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(l.Item2, NpgsqlDbType.Integer, ct);
        }, ct);

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string target, IReadOnlyList<T> rows, Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            await write(importer, row);
        }

        await importer.CompleteAsync(ct);
    }
}
