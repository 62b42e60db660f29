using Marten;
using Marten.Services;
using Npgsql;

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
/// The event store (DESIGN.md §3): events live in Marten's <c>mt_events</c>; what Marten lacks stays
/// ours. An append goes through a Marten session enlisted in the caller's transaction, which checks
/// the expected version, and in the same transaction writes the stream's SHA-256 chain to
/// <c>event_hashes</c> (computed here from the data this process serialized) and runs the inline
/// projections, so nothing partial is ever written.
/// </summary>
public sealed partial class EventStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly EventTypeRegistry registry;
    private readonly StreamCache _cache = new();
    private readonly TimeProvider clock;
    private readonly IInlineProjection[] _inline;

    /// <param name="configureMarten">The application's Marten registrations (its inline projections and their documents).</param>
    /// <param name="commandDataSource">The command path's pool (<see cref="CommandDataSource"/>); null: <paramref name="dataSource"/>.</param>
    public EventStore(NpgsqlDataSource dataSource, EventTypeRegistry registry, TimeProvider clock, IEnumerable<IInlineProjection>? inlineProjections = null, Action<StoreOptions>? configureMarten = null, NpgsqlDataSource? commandDataSource = null)
    {
        this.dataSource = dataSource;
        CommandDataSource = commandDataSource ?? dataSource;
        this.registry = registry;
        this.clock = clock;
        _inline = inlineProjections?.ToArray() ?? [];
        Marten = EventStoreSchema.CreateStore(dataSource, registry, clock, configureMarten);
        Committed = new CoalescingNotifier(dataSource, NotifyChannel);
    }

    public const string NotifyChannel = "trialops_events";

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>
    /// Where a command's transaction takes its connection: a pool without Npgsql's session reset on
    /// return (<c>No Reset On Close</c>), so what runs on it must leave no session state behind.
    /// </summary>
    public NpgsqlDataSource CommandDataSource { get; }

    public EventTypeRegistry Registry => registry;

    /// <summary>Marten's document store over the same database.</summary>
    public DocumentStore Marten { get; }

    /// <summary>
    /// Every event that went through TrialOps' append path, with the old 0.1 column names
    /// (<c>position</c> is Marten's <c>seq_id</c>; <c>metadata</c> is rebuilt from Marten's metadata
    /// columns as JSON): use as <c>FROM {EventStore.EventsView} e</c>.
    /// </summary>
    public const string EventsView =
        """
        (SELECT m.seq_id AS position, m.stream_id, m.version::int AS version, m.type, m.data, m.timestamp AS recorded_at, h.hash, h.tx_id,
                json_build_object('actorId', m.user_name, 'actorRole', m.headers->>'role', 'reason', m.headers->>'reason',
                                  'correlationId', m.correlation_id, 'causationId', m.causation_id, 'commandId', m.headers->>'commandId') AS metadata
         FROM mt_events m JOIN event_hashes h ON h.seq_id = m.seq_id)
        """;

    /// <summary>Appends in a transaction of its own, on the command path's pool (it leaves no session state behind, ADR 0033).</summary>
    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(string streamId, int expectedVersion, IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct = default)
    {
        await using var connection = await CommandDataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var stored = await AppendCoreAsync(transaction, streamId, expectedVersion, events, metadata, null, ct);
        await transaction.CommitAsync(ct);
        Committed.Signal();
        return stored;
    }

    /// <summary>
    /// Wakes consumers (LISTEN/NOTIFY) after a commit. Callers that commit their own transaction
    /// call <c>Committed.Signal()</c> afterwards. The notification is sent outside the writing
    /// transaction: NOTIFY takes a cluster-wide lock at commit, which would serialize every append.
    /// </summary>
    public CoalescingNotifier Committed { get; }

    /// <summary>
    /// Appends in the caller's transaction (the caller commits, then calls <c>Committed.Signal()</c>).
    /// A caller that has read the stream passes the head hash it read with the expected version,
    /// which saves reading the stream's head again.
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> AppendAsync(NpgsqlTransaction transaction, string streamId, int expectedVersion, IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct = default, string? expectedHeadHash = null) =>
        AppendCoreAsync(transaction, streamId, expectedVersion, events, metadata, expectedHeadHash, ct);

    private async Task<IReadOnlyList<StoredEvent>> AppendCoreAsync(NpgsqlTransaction transaction, string streamId, int expectedVersion, IReadOnlyList<object> events, EventMetadata metadata, string? expectedHeadHash, CancellationToken ct)
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
            (currentVersion, previousHash) = await ReadHeadAsync(transaction, streamId, ct);
            if (expectedVersion != ExpectedVersion.Any && expectedVersion != currentVersion)
            {
                throw new ConcurrencyException(streamId, expectedVersion, currentVersion);
            }
        }

        var recordedAt = EventHasher.TruncateToMicroseconds(clock.GetUtcNow());
        var storedMetadata = StoredMetadata.From(metadata);
        var hashes = new string[events.Count];
        var versions = new int[events.Count];
        var hash = previousHash;
        for (var i = 0; i < events.Count; i++)
        {
            versions[i] = currentVersion + i + 1;
            var canonical = CanonicalJson.Canonicalize(registry.Serialize(events[i]));
            hash = EventHasher.HashEvent(hash, streamId, versions[i], registry.AliasOf(events[i].GetType()), canonical, storedMetadata, recordedAt);
            hashes[i] = hash;
        }

        await using var session = Marten.LightweightSession(SessionOptions.ForTransaction(transaction));
        session.LastModifiedBy = storedMetadata.ActorId;
        session.CorrelationId = storedMetadata.CorrelationId;
        session.CausationId = storedMetadata.CausationId;
        session.SetHeader(EventStoreSchema.RoleHeader, metadata.ActorRole);
        session.SetHeader(EventStoreSchema.CommandIdHeader, storedMetadata.CommandId!);
        if (metadata.Reason is not null)
        {
            session.SetHeader(EventStoreSchema.ReasonHeader, metadata.Reason);
        }

        var data = events.ToArray();
        var action = currentVersion == 0
            ? session.Events.StartStream(streamId, data)
            : session.Events.Append(streamId, (long)versions[^1], data);
        foreach (var e in action.Events)
        {
            // The recorded time is part of the hash: Marten stores the one given here.
            e.Timestamp = recordedAt;
        }

        if (events.Count == 1)
        {
            // The common case (one event per command) as the cheapest statement.
            session.QueueSqlCommand(
                "INSERT INTO event_hashes (seq_id, stream_id, version, hash) VALUES ((SELECT seq_id FROM mt_events WHERE stream_id = ? AND version = ?), ?, ?, ?)",
                streamId, (long)versions[0], streamId, versions[0], hashes[0]);
        }
        else
        {
            session.QueueSqlCommand(
                """
                INSERT INTO event_hashes (seq_id, stream_id, version, hash)
                SELECT e.seq_id, e.stream_id, e.version, h.hash
                FROM mt_events e JOIN unnest(?::int[], ?::text[]) AS h(version, hash) ON h.version = e.version
                WHERE e.stream_id = ?
                """,
                versions, hashes, streamId);
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsConflict(e))
        {
            // Another writer created or moved the stream first; the caller's transaction must roll back.
            throw new ConcurrencyException(streamId, expectedVersion, await CurrentVersionAsync(streamId));
        }

        var stored = new StoredEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = action.Events[i];
            if (e.Version != versions[i])
            {
                throw new InvalidOperationException($"Marten stored {streamId} v{e.Version} where v{versions[i]} was hashed.");
            }

            stored[i] = new StoredEvent(e.Sequence, streamId, versions[i], registry.AliasOf(events[i].GetType()), events[i], metadata, recordedAt, hashes[i]);
        }

        foreach (var projection in _inline)
        {
            await projection.ApplyAsync(transaction, stored, ct);
        }

        return stored;
    }

    /// <summary>A unique violation anywhere in the chain: another writer created or moved the stream, or claimed what an inline projection inserts.</summary>
    public static bool IsConflict(Exception e) => e switch
    {
        JasperFx.ConcurrencyException or global::Marten.Exceptions.ExistingStreamIdCollisionException => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };

    /// <summary>Reads a stream in version order, optionally only what the ledger had sealed up to a global position.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, long? asOfPosition = null, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadStreamAsync(connection, null, streamId, asOfPosition, ct);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string streamId, long? asOfPosition = null, CancellationToken ct = default)
    {
        if (asOfPosition is { } position)
        {
            await using var asOf = new NpgsqlCommand(
                $"""
                 SELECT {Columns} FROM {Relation} JOIN ledger l ON l.position = m.seq_id
                 WHERE m.stream_id = $1 AND l.sequence <= {AsOfSequence("$2")}
                 ORDER BY m.version
                 """,
                connection,
                transaction);
            asOf.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
            asOf.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
            return await ReadEventsAsync(asOf, ct);
        }

        var read = await ReadStreamsAsync(connection, transaction, [streamId], null, null, ct);
        return read[0];
    }

    /// <summary>
    /// Reads several streams in version order in one round trip (one batch), after
    /// <paramref name="first"/> if given (a command's idempotency check), whose rows
    /// <paramref name="readFirst"/> reads. A stream read before is read from its last cached event
    /// on: that event must come back unchanged (same version, position and hash), or the cached
    /// prefix is not this stream's any more and the whole stream is read again. The cached event's
    /// data is not sent again (it is known), so a stream whose last event is large (a protocol
    /// file) costs a row of keys per read, not its body.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<StoredEvent>>> ReadStreamsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        IReadOnlyList<string> streamIds,
        NpgsqlBatchCommand? first,
        Func<NpgsqlDataReader, CancellationToken, Task>? readFirst,
        CancellationToken ct = default)
    {
        var cached = new IReadOnlyList<StoredEvent>?[streamIds.Count];
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (first is not null)
        {
            batch.BatchCommands.Add(first);
        }

        for (var i = 0; i < streamIds.Count; i++)
        {
            cached[i] = _cache.Get(streamIds[i]);
            var command = cached[i] is { } known
                ? new NpgsqlBatchCommand($"SELECT {TailColumns} FROM {Relation} WHERE m.stream_id = $1 AND m.version >= $2 ORDER BY m.version")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string> { TypedValue = streamIds[i] },
                        new NpgsqlParameter<long> { TypedValue = known[^1].Version },
                    },
                }
                : new NpgsqlBatchCommand($"SELECT {Columns} FROM {Relation} WHERE m.stream_id = $1 ORDER BY m.version")
                {
                    Parameters = { new NpgsqlParameter<string> { TypedValue = streamIds[i] } },
                };
            batch.BatchCommands.Add(command);
        }

        var result = new IReadOnlyList<StoredEvent>?[streamIds.Count];
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            if (first is not null)
            {
                if (readFirst is not null)
                {
                    await readFirst(reader, ct);
                }

                await reader.NextResultAsync(ct);
            }

            for (var i = 0; i < streamIds.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync(ct);
                }

                if (cached[i] is not { } known)
                {
                    var events = new List<StoredEvent>();
                    while (await reader.ReadAsync(ct))
                    {
                        events.Add(ReadEvent(reader));
                    }

                    result[i] = events;
                    continue;
                }

                var last = known[^1];
                if (!await reader.ReadAsync(ct)
                    || reader.GetInt64(0) != last.Position || reader.GetInt32(2) != last.Version || reader.GetString(12) != last.Hash)
                {
                    // Not the stream we cached (a rolled-back append read in its own transaction, a restored database): read it whole below.
                    continue;
                }

                List<StoredEvent>? whole = null;
                while (await reader.ReadAsync(ct))
                {
                    if (whole is null)
                    {
                        whole = new List<StoredEvent>(known.Count + 4);
                        whole.AddRange(known);
                    }

                    whole.Add(ReadEvent(reader));
                }

                result[i] = whole ?? known;
            }
        }

        for (var i = 0; i < streamIds.Count; i++)
        {
            if (result[i] is null)
            {
                _cache.Forget(streamIds[i]);
                await using var command = new NpgsqlCommand($"SELECT {Columns} FROM {Relation} WHERE m.stream_id = $1 ORDER BY m.version", connection, transaction);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamIds[i] });
                result[i] = await ReadEventsAsync(command, ct);
            }

            if (!ReferenceEquals(result[i], cached[i]))
            {
                _cache.Put(streamIds[i], result[i]!);
            }
        }

        return result!;
    }

    /// <summary>
    /// After the caller committed <paramref name="appended"/> to a stream it had read up to
    /// <paramref name="readLast"/> (and appended at that version): the cache holds the stream with
    /// them, so the next read sends only a check of the last event, and a command's answer can be
    /// built from <see cref="CachedThrough"/> without reading again.
    /// </summary>
    public void RememberCommitted(StoredEvent readLast, IReadOnlyList<StoredEvent> appended) =>
        _cache.Extend(readLast.StreamId, readLast, appended);

    /// <summary>
    /// The stream as far as this process has seen it committed, if that reaches
    /// <paramref name="position"/>; else null (read it). For a command's answer: the record as of
    /// that command's commit or later, never a state without the command's events.
    /// </summary>
    public IReadOnlyList<StoredEvent>? CachedThrough(string streamId, long position) =>
        _cache.Through(streamId, position);

    /// <summary>
    /// Events of committed transactions only, in commit order (transaction id, then position),
    /// after the given cursor. Rows of transactions still running are below no snapshot's xmin,
    /// so they are not returned until they commit and are then read in their place: no skipping.
    /// </summary>
    public async Task<IReadOnlyList<CommittedEvent>> ReadCommittedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CommitCursor after, int max, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand(
            $"""
             SELECT {Columns}, h.tx_id::text
             FROM (SELECT seq_id, hash, tx_id FROM event_hashes
                   WHERE (tx_id, seq_id) > ($1::text::xid8, $2) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
                   ORDER BY tx_id, seq_id
                   LIMIT $3) h
             JOIN mt_events m ON m.seq_id = h.seq_id
             ORDER BY h.tx_id, h.seq_id
             """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Position });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        var result = new List<CommittedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var stored = ReadEvent(reader);
            var transactionId = ulong.Parse(reader.GetString(ColumnCount), System.Globalization.CultureInfo.InvariantCulture);
            result.Add(new CommittedEvent(stored, new CommitCursor(transactionId, stored.Position)));
        }

        return result;
    }

    /// <summary>
    /// The events at the given positions that went through the append path (those written around
    /// it have no hash row and are left out), in position order.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadPositionsAsync(long[] positions, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {Relation} WHERE m.seq_id = ANY($1) ORDER BY m.seq_id");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = positions });
        return await ReadEventsAsync(command, ct);
    }

    /// <summary>
    /// The hash rows of the given positions: the events among them that went through the append
    /// path (one written around it has none), for a reader that already holds the events.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> HashesAsync(long[] positions, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT seq_id, hash FROM event_hashes WHERE seq_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = positions });
        var hashes = new Dictionary<long, string>(positions.Length);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            hashes[reader.GetInt64(0)] = reader.GetString(1);
        }

        return hashes;
    }

    internal static string AsOfSequence(string parameter) =>
        $"(SELECT sequence FROM ledger WHERE position = {parameter})";

    /// <summary>Marten's events joined to their hashes: events written around the append path have none and are never read.</summary>
    internal const string Relation = "mt_events m JOIN event_hashes h ON h.seq_id = m.seq_id";

    internal const string Columns =
        "m.seq_id, m.stream_id, m.version::int, m.type, m.data::text, m.user_name, m.headers->>'role', m.headers->>'reason', " +
        "m.correlation_id, m.causation_id, m.headers->>'commandId', m.timestamp, h.hash";

    /// <summary>
    /// <see cref="Columns"/> for a read from a cached event on (<c>$2</c> its version): that
    /// event's data is known and is not sent again.
    /// </summary>
    private const string TailColumns =
        "m.seq_id, m.stream_id, m.version::int, m.type, CASE WHEN m.version > $2 THEN m.data::text END, m.user_name, m.headers->>'role', m.headers->>'reason', " +
        "m.correlation_id, m.causation_id, m.headers->>'commandId', m.timestamp, h.hash";

    private const int ColumnCount = 13;

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
        return new StoredEvent(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetInt32(2),
            type,
            registry.Deserialize(type, reader.GetString(4)),
            ReadMetadata(reader, 5).ToEventMetadata(),
            reader.GetFieldValue<DateTimeOffset>(11),
            reader.GetString(12));
    }

    /// <summary>The six metadata columns from <paramref name="first"/> on (user, role, reason, correlation, causation, command id).</summary>
    internal static StoredMetadata ReadMetadata(NpgsqlDataReader reader, int first)
    {
        string? Text(int i) => reader.IsDBNull(first + i) ? null : reader.GetString(first + i);
        return new StoredMetadata(Text(0), Text(1), Text(2), Text(3), Text(4), Text(5));
    }

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
        await using var command = dataSource.CreateCommand("SELECT version FROM mt_streams WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return await command.ExecuteScalarAsync() is long version ? (int)version : 0;
    }

    /// <summary>The stream's version and head hash; Marten's expected-version check guards the append that follows.</summary>
    private static async Task<(int Version, string Hash)> ReadHeadAsync(NpgsqlTransaction transaction, string streamId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT h.version, h.hash FROM event_hashes h WHERE h.seq_id = (SELECT seq_id FROM mt_events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1)",
            transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt32(0), reader.GetString(1)) : (0, EventHasher.Genesis);
    }

    public ValueTask DisposeAsync()
    {
        Marten.Dispose();
        return ValueTask.CompletedTask;
    }
}
