using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace TrialOps.EventStore;

public static class ExpectedVersion
{
    /// <summary>The stream must not exist yet.</summary>
    public const int NoStream = 0;

    /// <summary>Append wherever the stream is (system streams only; commands always pass a version).</summary>
    public const int Any = -1;
}

/// <summary>Runs inside the append transaction, for checks a command relies on (uniqueness and the like).</summary>
public interface IInlineProjection
{
    Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct);
}

/// <summary>
/// Append-only event store on PostgreSQL (DESIGN.md §3). Appends check the expected version under
/// a row lock on the stream, chain hashes, run inline projections and notify consumers, all in the
/// caller's transaction so nothing partial is ever written.
/// </summary>
public sealed class EventStore(NpgsqlDataSource dataSource, EventTypeRegistry registry, TimeProvider clock, IEnumerable<IInlineProjection>? inlineProjections = null)
{
    public const string NotifyChannel = "trialops_events";

    /// <summary>Appends of at least this many events use COPY instead of a multi-row INSERT.</summary>
    public const int BulkThreshold = 50;

    private readonly IInlineProjection[] _inline = inlineProjections?.ToArray() ?? [];

    public NpgsqlDataSource DataSource => dataSource;

    public EventTypeRegistry Registry => registry;

    /// <summary>Appends in a transaction of its own.</summary>
    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(string streamId, int expectedVersion, IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        IReadOnlyList<StoredEvent> stored;
        if (expectedVersion == ExpectedVersion.NoStream && _inline.Length == 0 && events.Count < BulkThreshold)
        {
            // One round trip: a batch is one implicit transaction, and the insert is conditional on the stream row it wrote.
            stored = await AppendCoreAsync(connection, null, streamId, expectedVersion, events, metadata, null, ct);
        }
        else
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            stored = await AppendCoreAsync(connection, transaction, streamId, expectedVersion, events, metadata, null, ct);
            await transaction.CommitAsync(ct);
        }

        Committed.Signal();
        return stored;
    }

    /// <summary>
    /// Wakes consumers (LISTEN/NOTIFY) after a commit. Callers that commit their own transaction
    /// call <c>Committed.Signal()</c> afterwards. The notification is sent outside the writing
    /// transaction: NOTIFY takes a cluster-wide lock at commit, which would serialize every append.
    /// </summary>
    public CoalescingNotifier Committed { get; } = new(dataSource, NotifyChannel);

    /// <summary>
    /// Appends in the caller's transaction (the caller commits, then calls <c>Committed.Signal()</c>).
    /// A caller that has read the stream passes the head hash it read with the expected version,
    /// which saves the locking read: the version check then happens in the same round trip as the insert.
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> AppendAsync(NpgsqlTransaction transaction, string streamId, int expectedVersion, IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct = default, string? expectedHeadHash = null) =>
        AppendCoreAsync(transaction.Connection!, transaction, streamId, expectedVersion, events, metadata, expectedHeadHash, ct);

    private async Task<IReadOnlyList<StoredEvent>> AppendCoreAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string streamId, int expectedVersion, IReadOnlyList<object> events, EventMetadata metadata, string? expectedHeadHash, CancellationToken ct)
    {
        ValidateMetadata(events, metadata);
        if (events.Count == 0)
        {
            return [];
        }

        int currentVersion;
        string previousHash;
        if (expectedVersion == ExpectedVersion.NoStream)
        {
            (currentVersion, previousHash) = (0, EventHasher.Genesis);
        }
        else if (expectedVersion > 0 && expectedHeadHash is not null)
        {
            (currentVersion, previousHash) = (expectedVersion, expectedHeadHash);
        }
        else
        {
            (currentVersion, previousHash) = await LockStreamAsync(connection, transaction ?? throw new InvalidOperationException("A locking read needs a transaction."), streamId, ct);
            if (expectedVersion != ExpectedVersion.Any && expectedVersion != currentVersion)
            {
                throw new ConcurrencyException(streamId, expectedVersion, currentVersion);
            }
        }

        var recordedAt = EventHasher.TruncateToMicroseconds(clock.GetUtcNow());
        var metadataJson = JsonSerializer.Serialize(metadata, EventTypeRegistry.JsonOptions);
        var types = new string[events.Count];
        var datas = new string[events.Count];
        var hashes = new string[events.Count];
        var versions = new int[events.Count];
        var hash = previousHash;
        for (var i = 0; i < events.Count; i++)
        {
            versions[i] = currentVersion + i + 1;
            types[i] = registry.AliasOf(events[i].GetType());
            datas[i] = registry.Serialize(events[i]);
            hash = EventHasher.HashEvent(hash, streamId, versions[i], types[i], datas[i], metadataJson, recordedAt);
            hashes[i] = hash;
        }

        var lastVersion = versions[^1];
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (currentVersion == 0)
        {
            batch.BatchCommands.Add(Command(
                "INSERT INTO streams (stream_id, version, last_hash) VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO NOTHING",
                streamId, lastVersion, hash));
        }
        else
        {
            var update = Command(
                "UPDATE streams SET version = $2, last_hash = $3 WHERE stream_id = $1 AND version = $4 AND last_hash = $5",
                streamId, lastVersion, hash);
            update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = currentVersion });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = previousHash });
            batch.BatchCommands.Add(update);
        }

        var bulk = events.Count >= BulkThreshold;
        if (bulk)
        {
            // Large appends (imports, simulations) reserve their positions and stream the rows with COPY.
            var reserve = new NpgsqlBatchCommand("SELECT nextval('events_position_seq') FROM generate_series(1, $1)");
            reserve.Parameters.Add(new NpgsqlParameter<int> { TypedValue = events.Count });
            batch.BatchCommands.Add(reserve);
        }
        else
        {
            var insert = new NpgsqlBatchCommand(
                """
                INSERT INTO events (stream_id, version, type, data, metadata, recorded_at, hash)
                SELECT $1, v, t, d::json, $5::json, $6, h
                FROM unnest($2::int[], $3::text[], $4::text[], $7::text[]) AS x(v, t, d, h)
                WHERE EXISTS (SELECT 1 FROM streams WHERE stream_id = $1 AND version = $8 AND last_hash = $9)
                ORDER BY v
                RETURNING position
                """);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
            insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = versions });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = datas });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadataJson });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = recordedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = hashes });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = lastVersion });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
            batch.BatchCommands.Add(insert);
        }

        var positions = new List<long>(events.Count);
        try
        {
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                do
                {
                    while (await reader.ReadAsync(ct))
                    {
                        positions.Add(reader.GetInt64(0));
                    }
                }
                while (await reader.NextResultAsync(ct));
            }

            if (batch.BatchCommands[0].RecordsAffected == 0 || (!bulk && positions.Count != events.Count))
            {
                // Another writer created or moved the stream first; the caller's transaction must roll back.
                throw new ConcurrencyException(streamId, expectedVersion, await CurrentVersionAsync(streamId));
            }

            if (bulk)
            {
                positions.Sort();
                await using var copy = await connection.BeginBinaryImportAsync(
                    "COPY events (position, stream_id, version, type, data, metadata, recorded_at, hash) FROM STDIN (FORMAT BINARY)", ct);
                for (var i = 0; i < events.Count; i++)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(positions[i], NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(streamId, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(versions[i], NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(types[i], NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(datas[i], NpgsqlDbType.Json, ct);
                    await copy.WriteAsync(metadataJson, NpgsqlDbType.Json, ct);
                    await copy.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync(hashes[i], NpgsqlDbType.Text, ct);
                }

                await copy.CompleteAsync(ct);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation || e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // Another writer created or moved the stream first.
            throw new ConcurrencyException(streamId, expectedVersion, await CurrentVersionAsync(streamId));
        }

        var stored = new StoredEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            stored[i] = new StoredEvent(positions[i], streamId, versions[i], types[i], events[i], metadata, recordedAt, hashes[i]);
        }

        foreach (var projection in _inline)
        {
            await projection.ApplyAsync(transaction!, stored, ct);
        }

        return stored;
    }

    /// <summary>Reads a stream in version order, optionally only what the ledger had sealed up to a global position.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, long? asOfPosition = null, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadStreamAsync(connection, null, streamId, asOfPosition, ct);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string streamId, long? asOfPosition = null, CancellationToken ct = default)
    {
        var sql = asOfPosition is null
            ? $"SELECT {Columns} FROM events e WHERE e.stream_id = $1 ORDER BY e.version"
            : $"""
               SELECT {Columns} FROM events e JOIN ledger l ON l.position = e.position
               WHERE e.stream_id = $1 AND l.sequence <= {AsOfSequence("$2")}
               ORDER BY e.version
               """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        if (asOfPosition is { } position)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
        }

        return await ReadEventsAsync(command, ct);
    }

    /// <summary>
    /// Events of committed transactions only, in commit order (transaction id, then position),
    /// after the given cursor. Rows of transactions still running are below no snapshot's xmin,
    /// so they are not returned until they commit and are then read in their place: no skipping.
    /// </summary>
    public async Task<IReadOnlyList<CommittedEvent>> ReadCommittedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CommitCursor after, int max, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand(
            $"""
             SELECT {Columns}, e.tx_id::text FROM events e
             WHERE (e.tx_id, e.position) > ($1::text::xid8, $2)
               AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
             ORDER BY e.tx_id, e.position
             LIMIT $3
             """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Position });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        var result = new List<CommittedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var stored = ReadEvent(reader);
            var transactionId = ulong.Parse(reader.GetString(8), System.Globalization.CultureInfo.InvariantCulture);
            result.Add(new CommittedEvent(stored, new CommitCursor(transactionId, stored.Position)));
        }

        return result;
    }

    internal static string AsOfSequence(string parameter) =>
        $"(SELECT sequence FROM ledger WHERE position = {parameter})";

    internal const string Columns = "e.position, e.stream_id, e.version, e.type, e.data::text, e.metadata::text, e.recorded_at, e.hash";

    private async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(ReadEvent(reader));
        }

        return result;
    }

    private StoredEvent ReadEvent(NpgsqlDataReader reader)
    {
        var type = reader.GetString(3);
        var metadataJson = reader.GetString(5);

        // Events of one command share their metadata; parse it once per run of equal rows.
        var cached = _lastMetadata;
        EventMetadata metadata;
        if (cached is not null && cached.Value.Json == metadataJson)
        {
            metadata = cached.Value.Metadata;
        }
        else
        {
            metadata = JsonSerializer.Deserialize<EventMetadata>(metadataJson, EventTypeRegistry.JsonOptions)!;
            _lastMetadata = (metadataJson, metadata);
        }

        return new StoredEvent(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetInt32(2),
            type,
            registry.Deserialize(type, reader.GetString(4)),
            metadata,
            reader.GetFieldValue<DateTimeOffset>(6),
            reader.GetString(7));
    }

    [ThreadStatic]
    private static (string Json, EventMetadata Metadata)? _lastMetadata;

    private void ValidateMetadata(IReadOnlyList<object> events, EventMetadata metadata)
    {
        if (string.IsNullOrWhiteSpace(metadata.ActorId) || string.IsNullOrWhiteSpace(metadata.ActorRole))
        {
            throw new ArgumentException("Every event needs an actor and a role (Part 11 attributability).", nameof(metadata));
        }

        if (metadata.CommandId == Guid.Empty || metadata.CorrelationId == Guid.Empty)
        {
            throw new ArgumentException("Every event needs a command id and a correlation id.", nameof(metadata));
        }

        foreach (var e in events)
        {
            if (registry.RequiresReason(e.GetType()) && string.IsNullOrWhiteSpace(metadata.Reason))
            {
                throw new ArgumentException($"'{registry.AliasOf(e.GetType())}' changes a recorded value and needs a reason.", nameof(metadata));
            }
        }
    }

    /// <summary>For the concurrency error only: read outside the failed transaction.</summary>
    private async Task<int> CurrentVersionAsync(string streamId)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM streams WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return await command.ExecuteScalarAsync() is int version ? version : 0;
    }

    private static async Task<(int Version, string Hash)> LockStreamAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string streamId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT version, last_hash FROM streams WHERE stream_id = $1 FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt32(0), reader.GetString(1)) : (0, EventHasher.Genesis);
    }

    private static NpgsqlBatchCommand Command(string sql, string streamId, int version, string hash)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        return command;
    }
}
