using System.Globalization;
using Npgsql;

namespace TrialOps.EventStore;

public sealed record VerificationResult(long EventsChecked, long LedgerEntriesChecked, string? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>
/// Recomputes every stream's hash chain from the stored bytes and the global ledger from the
/// recomputed event hashes, and names the first event where either breaks.
/// </summary>
public static class ChainVerifier
{
    public static async Task<VerificationResult> VerifyAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
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
            "SELECT position, stream_id, version, type, data::text, metadata::text, recorded_at, hash FROM events ORDER BY stream_id, version", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                events++;
                var position = reader.GetInt64(0);
                var streamId = reader.GetString(1);
                var version = reader.GetInt32(2);
                if (streamId != stream)
                {
                    stream = streamId;
                    previousHash = EventHasher.Genesis;
                    expectedVersion = 0;
                }

                expectedVersion++;
                var hash = EventHasher.HashEvent(previousHash, streamId, version, reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6));
                var storedHash = reader.GetString(7);
                recomputed[position] = hash;
                if (firstBreak is null && version != expectedVersion)
                {
                    firstBreak = $"event at position {position} ({streamId} v{version}): expected version {expectedVersion}; an event is missing";
                }
                else if (firstBreak is null && hash != storedHash)
                {
                    firstBreak = $"event at position {position} ({streamId} v{version}): content does not match its hash";
                }

                // Continue from the stored hash so one altered event is reported once, not for all that follow.
                previousHash = storedHash;
            }
        }

        if (firstBreak is not null)
        {
            return new VerificationResult(events, 0, firstBreak);
        }

        await using (var heads = new NpgsqlCommand(
            """
            SELECT s.stream_id, s.version, s.last_hash, e.version, e.hash
            FROM streams s LEFT JOIN LATERAL (SELECT version, hash FROM events WHERE stream_id = s.stream_id ORDER BY version DESC LIMIT 1) e ON true
            WHERE e.version IS DISTINCT FROM s.version OR e.hash IS DISTINCT FROM s.last_hash
            ORDER BY s.stream_id LIMIT 1
            """, connection, transaction))
        await using (var reader = await heads.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                return new VerificationResult(events, 0, $"stream {reader.GetString(0)}: head (v{reader.GetInt32(1)}) does not match its last event; events were removed or replaced");
            }
        }

        long ledgerEntries = 0;
        var ledgerHash = EventHasher.Genesis;
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
            }
        }

        return new VerificationResult(events, ledgerEntries, null);
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
