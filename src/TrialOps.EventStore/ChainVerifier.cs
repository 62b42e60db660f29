using System.Globalization;
using Npgsql;

namespace TrialOps.EventStore;

public sealed record VerificationResult(long EventsChecked, long LedgerEntriesChecked, string? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>
/// Recomputes every stream's hash chain from the stored values and the global ledger from the
/// recomputed event hashes, and names the first event where either breaks.
/// </summary>
public static class ChainVerifier
{
    /// <summary>
    /// Marten's own stream of placeholders for sequence numbers that a failed append consumed. Not a
    /// record of anyone's action: it has no hashes, and no read model, export or page reads it.
    /// </summary>
    private const string TombstoneStream = "mt_tombstone";

    /// <param name="signer">The checkpoint key: every signed ledger checkpoint must verify with it and still match the ledger.</param>
    /// <param name="anchor">The newest signed checkpoint kept outside the database: the ledger must still hold it.</param>
    public static async Task<VerificationResult> VerifyAsync(NpgsqlDataSource dataSource, CheckpointSigner? signer = null, CheckpointAnchor? anchor = null, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        var recomputed = new Dictionary<long, string>();
        long events = 0;
        string? firstBreak = null;
        string? stream = null;
        var previousHash = EventHasher.Genesis;
        var expectedVersion = 0;
        await using (var command = new NpgsqlCommand(
            $"""
             SELECT m.seq_id, m.stream_id, m.version, m.type, m.data::text, m.user_name, m.headers->>'role', m.headers->>'reason',
                    m.correlation_id, m.causation_id, m.headers->>'commandId', m.timestamp, h.hash, h.stream_id, h.version,
                    v.stream_id, v.version, v.type, v.data::text, v.metadata::text, v.recorded_at
             FROM mt_events m LEFT JOIN event_hashes h ON h.seq_id = m.seq_id
                  LEFT JOIN v01_events v ON v.position = m.seq_id
             WHERE m.stream_id <> '{TombstoneStream}'
             ORDER BY m.stream_id COLLATE "C", m.version
             """, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                events++;
                var position = reader.GetInt64(0);
                var streamId = reader.GetString(1);
                var version = reader.GetInt64(2);
                if (streamId != stream)
                {
                    stream = streamId;
                    previousHash = EventHasher.Genesis;
                    expectedVersion = 0;
                }

                expectedVersion++;
                var where = $"event at position {position} ({streamId} v{version})";
                if (reader.IsDBNull(12))
                {
                    firstBreak ??= $"{where}: it has no hash; it was written around TrialOps' append path";
                    continue;
                }

                var storedHash = reader.GetString(12);
                var upgraded = !reader.IsDBNull(15);
                var hash = upgraded
                    ? EventHasher.HashEventV01(previousHash, reader.GetString(15), reader.GetInt32(16), reader.GetString(17), reader.GetString(18), reader.GetString(19), reader.GetFieldValue<DateTimeOffset>(20))
                    : EventHasher.HashEvent(
                        previousHash, streamId, (int)version, reader.GetString(3), CanonicalJson.Canonicalize(reader.GetString(4)),
                        EventStore.ReadMetadata(reader, 5), reader.GetFieldValue<DateTimeOffset>(11));
                recomputed[position] = hash;
                if (firstBreak is null && upgraded && !SameAsUpgradedFrom(reader))
                {
                    firstBreak = $"{where}: differs from the 0.1 record it was upgraded from";
                }
                else if (firstBreak is null && version != expectedVersion)
                {
                    firstBreak = $"{where}: expected version {expectedVersion}; an event is missing or out of place";
                }
                else if (firstBreak is null && (reader.GetString(13) != streamId || reader.GetInt32(14) != version))
                {
                    firstBreak = $"{where}: its hash belongs to {reader.GetString(13)} v{reader.GetInt32(14)}; events were moved";
                }
                else if (firstBreak is null && hash != storedHash)
                {
                    firstBreak = $"{where}: content does not match its hash";
                }

                // Continue from the stored hash so one altered event is reported once, not for all that follow.
                previousHash = storedHash;
            }
        }

        if (firstBreak is not null)
        {
            return new VerificationResult(events, 0, firstBreak);
        }

        await using (var orphans = new NpgsqlCommand(
            """
            SELECT h.seq_id, h.stream_id, h.version FROM event_hashes h
            WHERE NOT EXISTS (SELECT 1 FROM mt_events m WHERE m.seq_id = h.seq_id)
            ORDER BY h.seq_id LIMIT 1
            """, connection, transaction))
        await using (var reader = await orphans.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                return new VerificationResult(events, 0, $"event at position {reader.GetInt64(0)} ({reader.GetString(1)} v{reader.GetInt32(2)}) is missing; its hash remains");
            }
        }

        await using (var heads = new NpgsqlCommand(
            $"""
            SELECT s.id, s.version, max(m.version)
            FROM mt_streams s LEFT JOIN mt_events m ON m.stream_id = s.id
            WHERE s.id <> '{TombstoneStream}'
            GROUP BY s.id, s.version
            HAVING max(m.version) IS DISTINCT FROM s.version
            ORDER BY s.id COLLATE "C" LIMIT 1
            """, connection, transaction))
        await using (var reader = await heads.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                return new VerificationResult(events, 0, $"stream {reader.GetString(0)}: head (v{reader.GetInt64(1)}) does not match its last event; events were removed or replaced");
            }
        }

        long ledgerEntries = 0;
        var ledgerHash = EventHasher.Genesis;
        var ledgerEntriesBySequence = new Dictionary<long, (long Position, string Hash)>();
        await using (var ledger = new NpgsqlCommand("SELECT sequence, position, hash FROM ledger ORDER BY sequence", connection, transaction))
        await using (var reader = await ledger.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ledgerEntries++;
                var sequence = reader.GetInt64(0);
                var position = reader.GetInt64(1);
                if (sequence != ledgerEntries)
                {
                    return new VerificationResult(events, ledgerEntries, $"ledger entry {ledgerEntries.ToString(CultureInfo.InvariantCulture)} is missing");
                }

                if (!recomputed.TryGetValue(position, out var eventHash))
                {
                    return new VerificationResult(events, ledgerEntries, $"ledger entry {sequence} names event at position {position}, which is missing");
                }

                ledgerHash = EventHasher.HashLedger(ledgerHash, sequence, position, eventHash);
                if (ledgerHash != reader.GetString(2))
                {
                    return new VerificationResult(events, ledgerEntries, $"ledger entry {sequence} (event at position {position}) does not match the chain");
                }

                ledgerEntriesBySequence[sequence] = (position, ledgerHash);
            }
        }

        if (await CheckCheckpointsAsync(connection, transaction, ledgerEntriesBySequence, signer, anchor, ct) is { } checkpointBreak)
        {
            return new VerificationResult(events, ledgerEntries, checkpointBreak);
        }

        return new VerificationResult(events, ledgerEntries, null);
    }

    /// <summary>
    /// Signed checkpoints: each must verify with the key and name a ledger entry that still has the
    /// signed hash; the one kept outside the database must too. Null when all hold.
    /// </summary>
    private static async Task<string?> CheckCheckpointsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<long, (long Position, string Hash)> ledger, CheckpointSigner? signer, CheckpointAnchor? anchor, CancellationToken ct)
    {
        string? Check(LedgerCheckpoint checkpoint, string what)
        {
            if (signer is not null && checkpoint.KeyId != signer.KeyId)
            {
                return $"{what} was signed with another key ({checkpoint.KeyId}) than this installation's ({signer.KeyId})";
            }

            if (signer is not null && !signer.IsValid(checkpoint))
            {
                return $"{what}: its signature does not verify; the checkpoint was altered without the key";
            }

            return ledger.TryGetValue(checkpoint.Sequence, out var entry) && entry.Position == checkpoint.Position && entry.Hash == checkpoint.LedgerHash
                ? null
                : $"{what} signed ledger entry {checkpoint.Sequence} (event at position {checkpoint.Position}), which is now missing or different; events or ledger entries were deleted or rewritten";
        }

        await using (var command = new NpgsqlCommand("SELECT sequence, position, ledger_hash, key_id, signature FROM ledger_checkpoints ORDER BY sequence", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var checkpoint = new LedgerCheckpoint(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
                if (Check(checkpoint, $"ledger checkpoint {checkpoint.Sequence}") is { } broken)
                {
                    return broken;
                }
            }
        }

        return anchor is not null && await anchor.ReadAsync(connection, ct) is { } kept
            ? Check(kept, $"the newest ledger checkpoint kept outside the database (in {anchor.Folder})")
            : null;
    }

    /// <summary>
    /// An event moved from 0.1 is hashed over the kept 0.1 row (its exact JSON text); the Marten
    /// row must hold the same stream, version, type, data, metadata and time.
    /// </summary>
    private static bool SameAsUpgradedFrom(NpgsqlDataReader reader)
    {
        var metadata = System.Text.Json.JsonSerializer.Deserialize<EventMetadata>(reader.GetString(19), EventTypeRegistry.JsonOptions);
        return metadata is not null
            && reader.GetString(1) == reader.GetString(15)
            && reader.GetInt64(2) == reader.GetInt32(16)
            && reader.GetString(3) == reader.GetString(17)
            && CanonicalJson.Canonicalize(reader.GetString(4)) == CanonicalJson.Canonicalize(reader.GetString(18))
            && EventStore.ReadMetadata(reader, 5) == StoredMetadata.From(metadata)
            && reader.GetFieldValue<DateTimeOffset>(11) == reader.GetFieldValue<DateTimeOffset>(20);
    }

    /// <summary>The ledger hash at an event's position (for export manifests); null when not yet sealed.</summary>
    public static async Task<string?> LedgerHashAtAsync(NpgsqlDataSource dataSource, long position, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT hash FROM ledger WHERE position = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>The position of the newest sealed ledger entry, or 0 when the ledger is empty.</summary>
    public static async Task<long> LedgerHeadPositionAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT position FROM ledger ORDER BY sequence DESC LIMIT 1");
        return await command.ExecuteScalarAsync(ct) is long position ? position : 0;
    }
}
