using System.Globalization;
using Npgsql;

namespace TrialOps.EventStore;

/// <summary>What the upgrade of a 0.1 database did.</summary>
/// <param name="Events">Events moved into Marten.</param>
/// <param name="SealedNow">0.1 events the ledger had not sealed yet, sealed (in 0.1 commit order) before the move.</param>
/// <param name="ProjectionsToRebuild">Read models that had not applied every 0.1 event: rebuild them.</param>
public sealed record V01UpgradeResult(long Events, long SealedNow, IReadOnlyList<string> ProjectionsToRebuild);

/// <summary>
/// Moves the events of a database written by TrialOps 0.1 (its own <c>events</c> table, renamed
/// <c>v01_events</c> by migration 0006) into Marten, in one transaction, after verifying them:
/// every stream chain, every stream head and the ledger are recomputed first, and a break stops the
/// upgrade with nothing changed. Each event keeps its global position (Marten's <c>seq_id</c>),
/// stream, version, recorded time and metadata; its 0.1 hash stays its hash, so the chains and the
/// ledger continue from the 0.1 heads. The 0.1 rows are kept, read-only by convention, because the
/// 0.1 hashes cover their exact JSON text (Marten stores <c>jsonb</c>): <c>trialops verify</c>
/// checks each upgraded event against them.
/// </summary>
public static class V01Upgrade
{
    public const string FromVersion = "0.1";

    /// <summary>
    /// Upgraded events get this commit-order transaction id: below every real one (PostgreSQL's
    /// first normal transaction id is 3), so that consumers read them before anything written later,
    /// whatever the transaction counter of the cluster the database now lives in.
    /// </summary>
    public const string UpgradedTransactionId = "1";

    /// <summary>How many 0.1 events wait to be moved into Marten (0 when none, or when they were moved).</summary>
    public static async Task<long> PendingEventsAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await PendingEventsAsync(connection, null, ct);
    }

    /// <summary>Runs the upgrade; null when there is nothing to upgrade.</summary>
    /// <exception cref="InvalidOperationException">The 0.1 events fail verification; nothing was changed.</exception>
    public static async Task<V01UpgradeResult?> RunAsync(NpgsqlDataSource dataSource, EventTypeRegistry registry, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        await ExecuteAsync(connection, transaction, "LOCK TABLE v01_events, ledger, event_store_upgrades IN EXCLUSIVE MODE", ct);
        if (await PendingEventsAsync(connection, transaction, ct) == 0)
        {
            return null;
        }

        var hashes = await VerifyChainsAsync(connection, transaction, ct);
        var (sequence, ledgerHash) = await VerifyLedgerAsync(connection, transaction, hashes, ct);
        var sealedNow = 0L;
        foreach (var (position, hash) in await UnsealedInCommitOrderAsync(connection, transaction, ct))
        {
            sequence++;
            ledgerHash = EventHasher.HashLedger(ledgerHash, sequence, position, hash);
            await using var insert = new NpgsqlCommand("INSERT INTO ledger (sequence, position, hash) VALUES ($1, $2, $3)", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ledgerHash });
            await insert.ExecuteNonQueryAsync(ct);
            sealedNow++;
        }

        var lastPosition = hashes.Keys.Max();
        var toRebuild = await NotCaughtUpAsync(connection, transaction, ct);
        await MoveIntoMartenAsync(connection, transaction, registry, ct);
        await ExecuteAsync(connection, transaction,
            $"""
             INSERT INTO projection_checkpoints (name, last_tx_id, last_position) VALUES ('{LedgerProjection.ProjectionName}', '{UpgradedTransactionId}', {lastPosition})
             ON CONFLICT (name) DO UPDATE SET last_tx_id = excluded.last_tx_id, last_position = excluded.last_position, updated_at = now();
             UPDATE projection_checkpoints SET last_tx_id = '{UpgradedTransactionId}', last_position = {lastPosition}, updated_at = now()
             WHERE name <> '{LedgerProjection.ProjectionName}' AND NOT (name = ANY(ARRAY[{string.Join(", ", toRebuild.Select(n => $"'{n.Replace("'", "''", StringComparison.Ordinal)}'"))}]::text[]))
             """, ct);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO event_store_upgrades (from_version, events, last_position, ledger_sequence, ledger_hash) VALUES ($1, $2, $3, $4, $5)", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = FromVersion });
            record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = hashes.Count });
            record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lastPosition });
            record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ledgerHash });
            await record.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return new V01UpgradeResult(hashes.Count, sealedNow, toRebuild);
    }

    private static async Task<long> PendingEventsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM event_store_upgrades WHERE from_version = $1) THEN 0 ELSE (SELECT count(*) FROM v01_events) END", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = FromVersion });
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Every 0.1 stream chain and head, recomputed; the event hash of every position.</summary>
    private static async Task<Dictionary<long, string>> VerifyChainsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var hashes = new Dictionary<long, string>();
        var heads = new Dictionary<string, (int Version, string Hash)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT position, stream_id, version, type, data::text, metadata::text, recorded_at, hash FROM v01_events ORDER BY stream_id COLLATE \"C\", version", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            string? stream = null;
            var previous = EventHasher.Genesis;
            var expectedVersion = 0;
            while (await reader.ReadAsync(ct))
            {
                var (position, streamId, version) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2));
                if (streamId != stream)
                {
                    (stream, previous, expectedVersion) = (streamId, EventHasher.Genesis, 0);
                }

                expectedVersion++;
                var hash = EventHasher.HashEventV01(previous, streamId, version, reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6));
                if (version != expectedVersion || hash != reader.GetString(7))
                {
                    throw Broken($"event at position {position} ({streamId} v{version}) does not match its 0.1 hash chain");
                }

                hashes[position] = hash;
                heads[streamId] = (version, hash);
                previous = hash;
            }
        }

        await using (var command = new NpgsqlCommand("SELECT stream_id, version, last_hash FROM v01_streams", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            var seen = 0;
            while (await reader.ReadAsync(ct))
            {
                seen++;
                var streamId = reader.GetString(0);
                if (!heads.TryGetValue(streamId, out var head) || head.Version != reader.GetInt32(1) || head.Hash != reader.GetString(2))
                {
                    throw Broken($"stream {streamId}: its 0.1 head does not match its last event; events were removed or replaced");
                }
            }

            if (seen != heads.Count)
            {
                throw Broken("0.1 events belong to a stream that has no stream row");
            }
        }

        return hashes;
    }

    /// <summary>The 0.1 ledger, recomputed from the verified event hashes; its last sequence and hash.</summary>
    private static async Task<(long Sequence, string Hash)> VerifyLedgerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<long, string> hashes, CancellationToken ct)
    {
        long sequence = 0;
        var hash = EventHasher.Genesis;
        await using var command = new NpgsqlCommand("SELECT sequence, position, hash FROM ledger ORDER BY sequence", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            sequence++;
            var position = reader.GetInt64(1);
            if (reader.GetInt64(0) != sequence || !hashes.TryGetValue(position, out var eventHash))
            {
                throw Broken($"ledger entry {sequence} is missing or names a missing event");
            }

            hash = EventHasher.HashLedger(hash, sequence, position, eventHash);
            if (hash != reader.GetString(2))
            {
                throw Broken($"ledger entry {sequence} (event at position {position}) does not match the chain");
            }
        }

        return (sequence, hash);
    }

    private static async Task<List<(long Position, string Hash)>> UnsealedInCommitOrderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var unsealed = new List<(long, string)>();
        await using var command = new NpgsqlCommand(
            "SELECT e.position, e.hash FROM v01_events e WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.position = e.position) ORDER BY e.tx_id, e.position",
            connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            unsealed.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return unsealed;
    }

    /// <summary>Read models whose checkpoint is behind the last 0.1 event in 0.1 commit order.</summary>
    private static async Task<IReadOnlyList<string>> NotCaughtUpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var names = new List<string>();
        await using var command = new NpgsqlCommand(
            $"""
             SELECT c.name FROM projection_checkpoints c
             WHERE c.name <> '{LedgerProjection.ProjectionName}'
               AND (c.status <> 'running' OR EXISTS (SELECT 1 FROM v01_events e WHERE (e.tx_id, e.position) > (c.last_tx_id, c.last_position)))
             ORDER BY c.name
             """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task MoveIntoMartenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EventTypeRegistry registry, CancellationToken ct)
    {
        var types = registry.Types.ToArray();
        await ExecuteAsync(connection, transaction,
            """
            INSERT INTO mt_streams (id, type, version, timestamp, created, tenant_id, is_archived)
            SELECT s.stream_id, NULL, s.version, (SELECT max(e.recorded_at) FROM v01_events e WHERE e.stream_id = s.stream_id), s.created_at, '*DEFAULT*', false
            FROM v01_streams s
            """, ct);
        await using (var events = new NpgsqlCommand(
            """
            INSERT INTO mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type,
                                   correlation_id, causation_id, headers, user_name, is_archived)
            SELECT e.position, gen_random_uuid(), e.stream_id, e.version, e.data::jsonb, e.type, e.recorded_at, '*DEFAULT*', t.dotnet_type,
                   e.metadata->>'correlationId', e.metadata->>'causationId',
                   jsonb_strip_nulls(jsonb_build_object('role', e.metadata->>'actorRole', 'reason', e.metadata->>'reason', 'commandId', e.metadata->>'commandId')),
                   e.metadata->>'actorId', false
            FROM v01_events e LEFT JOIN unnest($1::text[], $2::text[]) AS t(alias, dotnet_type) ON t.alias = e.type
            ORDER BY e.position
            """, connection, transaction))
        {
            events.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types.Select(t => t.Alias).ToArray() });
            events.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types.Select(t => $"{t.Type.FullName}, {t.Type.Assembly.GetName().Name}").ToArray() });
            await events.ExecuteNonQueryAsync(ct);
        }

        await ExecuteAsync(connection, transaction,
            $"""
             INSERT INTO event_hashes (stream_id, version, seq_id, hash, tx_id)
             SELECT stream_id, version, position, hash, '{UpgradedTransactionId}' FROM v01_events;
             SELECT setval('mt_events_sequence', (SELECT max(seq_id) FROM mt_events));
             """, ct);
    }

    private static InvalidOperationException Broken(string what) =>
        new($"The 0.1 event store does not verify: {what}. Nothing was upgraded; restore the database from a backup or ask for help before going on.");

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
