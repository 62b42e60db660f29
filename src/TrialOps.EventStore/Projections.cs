using Npgsql;

namespace TrialOps.EventStore;

/// <summary>
/// An asynchronous read model. <see cref="ApplyAsync"/> runs in the transaction that also moves
/// the projection's checkpoint, so a crash can never apply an event twice or lose one.
/// Projections are deterministic: event data and metadata only, no clock, no queries of other state.
/// </summary>
public interface IProjection
{
    string Name { get; }

    Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct);

    /// <summary>Removes everything the projection wrote, before a rebuild from position zero.</summary>
    Task ResetAsync(NpgsqlTransaction transaction, CancellationToken ct);
}

public sealed record ProjectionStatus(string Name, string Status, long LastPosition, long? FailedPosition, string? Error, int Attempts, string? LeaseOwner, DateTimeOffset? LeaseUntil);

/// <summary>
/// The global ledger: every event hash chained in commit order, so that deleting, reordering or
/// rewriting any event (with its stream chain) still breaks a chain that <c>trialops verify</c> checks.
/// </summary>
public sealed class LedgerProjection : IProjection
{
    public const string ProjectionName = "ledger";

    public string Name => ProjectionName;

    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        long sequence = 0;
        var hash = EventHasher.Genesis;
        await using (var last = new NpgsqlCommand("SELECT sequence, hash FROM ledger ORDER BY sequence DESC LIMIT 1", connection, transaction))
        await using (var reader = await last.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                sequence = reader.GetInt64(0);
                hash = reader.GetString(1);
            }
        }

        var sequences = new long[events.Count];
        var positions = new long[events.Count];
        var hashes = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            sequence++;
            hash = EventHasher.HashLedger(hash, sequence, events[i].Position, events[i].Hash);
            sequences[i] = sequence;
            positions[i] = events[i].Position;
            hashes[i] = hash;
        }

        await using var insert = new NpgsqlCommand("INSERT INTO ledger (sequence, position, hash) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[])", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sequences });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = positions });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = hashes });
        await insert.ExecuteNonQueryAsync(ct);
    }

    public async Task ResetAsync(NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM ledger", transaction.Connection, transaction);
        await delete.ExecuteNonQueryAsync(ct);
    }
}
