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

/// <summary>A projection that must apply every event in order or stop (the ledger): it is paused, never parks an event.</summary>
public interface IMustNotSkip;

/// <summary>An event a projection could not apply after its retries, parked so the projection could move on.</summary>
public sealed record ParkedEvent(string Projection, long Position, string StreamId, string EventType, string Error, DateTimeOffset ParkedAt);

/// <summary>A projection's progress.</summary>
/// <param name="LastPosition">The position of the last event applied, in the order the projection applies them.</param>
/// <param name="CaughtUp">
/// No committed event lies after <see cref="LastPosition"/> in that order. The ledger applies in
/// commit order (transaction, then position), so its last position can be below the newest one
/// while it is up to date: the newest-numbered event may have committed first.
/// </param>
public sealed record ProjectionStatus(string Name, string Status, long LastPosition, long? FailedPosition, string? Error, int Attempts, string? LeaseOwner, DateTimeOffset? LeaseUntil, bool CaughtUp);

/// <summary>
/// The global ledger: every event hash chained in commit order, so that deleting, reordering or
/// rewriting any event (with its stream chain) still breaks a chain that <c>trialops verify</c> checks.
/// </summary>
/// <remarks>
/// With a <see cref="CheckpointSigner"/>, every batch also signs the new ledger head into
/// <c>ledger_checkpoints</c>; with a <see cref="CheckpointAnchor"/>, the newest signed head is kept
/// outside the database once the batch has committed.
/// </remarks>
public sealed class LedgerProjection(CheckpointSigner? signer = null, CheckpointAnchor? anchor = null) : IProjection, IAfterCommit, IMustNotSkip
{
    public const string ProjectionName = "ledger";

    private LedgerCheckpoint? _signed;

    public string Name => ProjectionName;

    public async Task AfterCommitAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (anchor is not null && Interlocked.Exchange(ref _signed, null) is { } checkpoint)
        {
            await anchor.AdvanceAsync(connection, checkpoint, ct);
        }
    }

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
        if (signer is not null && events.Count > 0)
        {
            var checkpoint = signer.Sign(sequences[^1], positions[^1], hashes[^1]);
            await using var sign = new NpgsqlCommand(
                "INSERT INTO ledger_checkpoints (sequence, position, ledger_hash, key_id, signature) VALUES ($1, $2, $3, $4, $5)", connection, transaction);
            sign.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checkpoint.Sequence });
            sign.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checkpoint.Position });
            sign.Parameters.Add(new NpgsqlParameter<string> { TypedValue = checkpoint.LedgerHash });
            sign.Parameters.Add(new NpgsqlParameter<string> { TypedValue = checkpoint.KeyId });
            sign.Parameters.Add(new NpgsqlParameter<string> { TypedValue = checkpoint.Signature });
            await sign.ExecuteNonQueryAsync(ct);
            _signed = checkpoint;
        }
    }

    public async Task ResetAsync(NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM ledger_checkpoints; DELETE FROM ledger", transaction.Connection, transaction);
        await delete.ExecuteNonQueryAsync(ct);
    }
}
