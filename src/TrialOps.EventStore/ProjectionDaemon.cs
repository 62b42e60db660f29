using System.Globalization;
using Npgsql;

namespace TrialOps.EventStore;

public sealed record ProjectionDaemonOptions
{
    public string NodeId { get; init; } = NodeIds.New();

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; init; } = 5000;

    /// <summary>Attempts at a failing event before the projection pauses with the error visible.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Polling fallback when no notification arrives (or LISTEN is unavailable).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a round that applied a partial batch, the loop rests this long before the next one, so
    /// that under a steady stream of commands each read model applies the events of this interval in
    /// one transaction instead of one transaction per command (the projections share the cores with
    /// the requests). The first event after a quiet spell is applied at once; a full batch does not
    /// rest. Catch-ups (CLI, export) never wait for it.
    /// </summary>
    public TimeSpan BatchingInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}

public sealed class ProjectionPausedException(string name, string error)
    : Exception($"Projection '{name}' is paused: {error}");

/// <summary>
/// Runs async projections in commit order. One node owns a projection at a time through a lease
/// row with an expiry and a fencing token: a node whose lease was taken over cannot move the
/// checkpoint any more, so its half-done batch rolls back.
/// </summary>
public sealed class ProjectionDaemon(EventStore store, IEnumerable<IProjection> projections, ProjectionDaemonOptions? options = null, Action<string>? log = null)
{
    private readonly ProjectionDaemonOptions _options = options ?? new ProjectionDaemonOptions();
    private readonly Dictionary<string, IProjection> _projections = projections.ToDictionary(p => p.Name, StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _stepping = new();

    // A catch-up (CLI, export) and the background loop of one process share the lease; they must not
    // apply the same batch twice, so steps of one projection take turns within a process.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _turns = new();
    private readonly Wakeup _wakeup = new();

    public IReadOnlyCollection<string> Names => _projections.Keys;

    public async Task RunAsync(CancellationToken ct)
    {
        var listener = ListenAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var worked = false;
                var full = false;
                foreach (var projection in _projections.Values)
                {
                    try
                    {
                        var applied = await StepAsync(projection, ct);
                        worked |= applied > 0;
                        full |= applied >= _options.BatchSize;
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        log?.Invoke($"projection {projection.Name}: {e.Message}");
                    }
                }

                if (worked && !full && _options.BatchingInterval > TimeSpan.Zero)
                {
                    await Task.Delay(_options.BatchingInterval, ct);
                }
                else if (!worked)
                {
                    // Committed events that no step could apply yet sit behind a transaction still
                    // open somewhere in the cluster (the xmin horizon): look again shortly instead of
                    // sleeping until the next notification or poll, which may never come.
                    bool waiting;
                    try
                    {
                        waiting = await HasEventsAfterCheckpointsAsync(_projections.Keys.ToArray(), visibleOnly: false, ct);
                    }
                    catch (NpgsqlException e)
                    {
                        log?.Invoke($"projections: {e.Message}");
                        waiting = false;
                    }

                    await _wakeup.WaitAsync(waiting ? TimeSpan.FromMilliseconds(250) : _options.PollInterval, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        await listener;
    }

    /// <summary>
    /// Processes every event committed before the call, waiting for transactions that were still
    /// running when it was made (up to <paramref name="wait"/>, default 30 s); returns how many events were applied.
    /// </summary>
    public async Task<long> CatchUpAsync(string name, CancellationToken ct = default, TimeSpan? wait = null)
    {
        await WaitForTransactionsInFlightAsync(wait ?? TimeSpan.FromSeconds(30), ct);
        return await DrainAsync(name, ct);
    }

    /// <summary>
    /// Processes what is visible in commit order now, without waiting for transactions in flight.
    /// When another process holds the projection's lease, waits for that process to apply what is
    /// visible, or for its lease to lapse and takes over (at most the lease duration and five
    /// seconds), so that a caller never works from a silently stale read model or ledger.
    /// </summary>
    public async Task<long> DrainAsync(string name, CancellationToken ct = default)
    {
        var projection = Get(name);
        long total = 0;
        var deadline = DateTime.UtcNow + _options.LeaseDuration + TimeSpan.FromSeconds(5);
        while (true)
        {
            var applied = await StepAsync(projection, ct);
            if (applied == 0)
            {
                var status = (await StatusAsync(ct)).Single(s => s.Name == name);
                if (status.Status == "paused")
                {
                    throw new ProjectionPausedException(name, status.Error ?? "unknown error");
                }

                if (status.Error is not null)
                {
                    await Task.Delay(_options.RetryDelay, ct);
                    continue;
                }

                if (status.LeaseOwner is { } owner && owner != _options.NodeId && await HasEventsAfterCheckpointsAsync([name], visibleOnly: true, ct))
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new InvalidOperationException(
                            $"The read model '{name}' is being brought up to date by another process ({owner}), which has not caught up within {(_options.LeaseDuration + TimeSpan.FromSeconds(5)).TotalSeconds:0} s; try again.");
                    }

                    await Task.Delay(100, ct);
                    continue;
                }

                return total;
            }

            total += applied;
        }
    }

    /// <summary>
    /// Whether committed events lie after the checkpoint of one of <paramref name="names"/>: with
    /// <paramref name="visibleOnly"/>, only those already visible in commit order (below the snapshot's xmin).
    /// </summary>
    private async Task<bool> HasEventsAfterCheckpointsAsync(string[] names, bool visibleOnly, CancellationToken ct)
    {
        await using var command = store.DataSource.CreateCommand(
            $"""
             SELECT EXISTS (
                 SELECT 1 FROM projection_checkpoints c JOIN event_hashes h ON (h.tx_id, h.seq_id) > (c.last_tx_id, c.last_position)
                 WHERE c.name = ANY($1) AND c.status = 'running'{(visibleOnly ? " AND h.tx_id < pg_snapshot_xmin(pg_current_snapshot())" : "")})
             """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Gives up this process's leases at once (a clean shutdown), so that another process need not
    /// wait for them to lapse. Call it only once this daemon no longer runs.
    /// </summary>
    public async Task ReleaseLeasesAsync(CancellationToken ct = default)
    {
        await using var command = store.DataSource.CreateCommand(
            "UPDATE projection_checkpoints SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.NodeId });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Waits until every transaction running at the call has ended, so what it wrote is visible in commit order.</summary>
    public async Task WaitForTransactionsInFlightAsync(TimeSpan wait, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var horizon = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text", connection);
        var xmax = (string)(await horizon.ExecuteScalarAsync(ct))!;
        await using var done = new NpgsqlCommand("SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::text::xid8", connection);
        done.Parameters.Add(new NpgsqlParameter<string> { TypedValue = xmax });
        var deadline = DateTime.UtcNow + wait;
        while (!(bool)(await done.ExecuteScalarAsync(ct))! && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
        }
    }

    public async Task CatchUpAllAsync(CancellationToken ct = default)
    {
        foreach (var name in _projections.Keys)
        {
            await CatchUpAsync(name, ct);
        }
    }

    /// <summary>Clears the read model and the checkpoint; the daemon then rebuilds from position zero.</summary>
    public async Task RebuildAsync(string name, CancellationToken ct = default)
    {
        var projection = Get(name);
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        var token = await AcquireLeaseAsync(connection, name, ct)
            ?? throw new InvalidOperationException($"Projection '{name}' is owned by another node; try again when its lease expires.");
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await projection.ResetAsync(transaction, ct);
        await using (var unpark = new NpgsqlCommand("DELETE FROM projection_parked_events WHERE projection = $1", connection, transaction))
        {
            // The rebuild applies the parked events again (parking them anew if they still fail).
            unpark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            await unpark.ExecuteNonQueryAsync(ct);
        }

        await using var reset = new NpgsqlCommand(
            """
            UPDATE projection_checkpoints
            SET last_tx_id = '0', last_position = 0, status = 'running', error = NULL, failed_position = NULL, attempts = 0, updated_at = now()
            WHERE name = $1 AND lease_owner = $2 AND fencing_token = $3
            """, connection, transaction);
        AddLeaseParameters(reset, name, token.Token);
        if (await reset.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new InvalidOperationException($"Lost the lease on projection '{name}' during rebuild.");
        }

        await transaction.CommitAsync(ct);
        _wakeup.Set();
    }

    /// <summary>Lets a paused projection try again (after the cause was fixed).</summary>
    public async Task ResumeAsync(string name, CancellationToken ct = default)
    {
        Get(name);
        await using var command = store.DataSource.CreateCommand("UPDATE projection_checkpoints SET status = 'running', attempts = 0, error = NULL, failed_position = NULL WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await command.ExecuteNonQueryAsync(ct);
        _wakeup.Set();
    }

    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        foreach (var name in _projections.Keys)
        {
            await EnsureRowAsync(connection, name, ct);
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT name, status, last_position, failed_position, error, attempts, lease_owner, lease_until,
                   NOT EXISTS (SELECT 1 FROM event_hashes h WHERE (h.tx_id, h.seq_id) > (c.last_tx_id, c.last_position))
            FROM projection_checkpoints c ORDER BY name
            """, connection);
        var result = new List<ProjectionStatus>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new ProjectionStatus(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetBoolean(8)));
        }

        return result;
    }

    /// <summary>One batch for one projection. Returns the number of events applied (0 when idle, paused or not the owner).</summary>
    public async Task<int> StepAsync(IProjection projection, CancellationToken ct)
    {
        var turn = _turns.GetOrAdd(projection.Name, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(ct);
        try
        {
            return await StepInTurnAsync(projection, ct);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<int> StepInTurnAsync(IProjection projection, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        var lease = await AcquireLeaseAsync(connection, projection.Name, ct);
        if (lease is null || lease.Value.Paused)
        {
            return 0;
        }

        // After a failure, go one event at a time so the failing event is named and those before it land.
        var batchSize = _stepping.ContainsKey(projection.Name) ? 1 : _options.BatchSize;
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // Read models are derived data and move with their checkpoint in one transaction, so a crash
        // can only lose the newest batches, never split them: they are applied again. No need to wait
        // for the disk, except for the ledger, whose signed head is also kept outside the database.
        if (projection is not IAfterCommit)
        {
            await using var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction);
            await relaxed.ExecuteNonQueryAsync(ct);
        }

        var batch = await store.ReadCommittedAsync(connection, transaction, lease.Value.Cursor, batchSize, ct);
        if (batch.Count == 0)
        {
            // Nothing left that could fail: an error recorded by an earlier attempt is stale.
            await using (var clear = new NpgsqlCommand(
                "UPDATE projection_checkpoints SET error = NULL, failed_position = NULL, attempts = 0 WHERE name = $1 AND lease_owner = $2 AND fencing_token = $3 AND status = 'running' AND error IS NOT NULL",
                connection, transaction))
            {
                AddLeaseParameters(clear, projection.Name, lease.Value.Token);
                await clear.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            _stepping.TryRemove(projection.Name, out _);
            return 0;
        }

        try
        {
            await projection.ApplyAsync(transaction, batch.Select(b => b.Event).ToArray(), ct);
            var last = batch[^1].Cursor;
            await using var checkpoint = new NpgsqlCommand(
                """
                UPDATE projection_checkpoints
                SET last_tx_id = $4::text::xid8, last_position = $5, attempts = 0, error = NULL, failed_position = NULL, updated_at = now()
                WHERE name = $1 AND lease_owner = $2 AND fencing_token = $3
                """, connection, transaction);
            AddLeaseParameters(checkpoint, projection.Name, lease.Value.Token);
            checkpoint.Parameters.Add(new NpgsqlParameter<string> { TypedValue = last.TransactionId.ToString(CultureInfo.InvariantCulture) });
            checkpoint.Parameters.Add(new NpgsqlParameter<long> { TypedValue = last.Position });
            if (await checkpoint.ExecuteNonQueryAsync(ct) != 1)
            {
                await transaction.RollbackAsync(ct);
                log?.Invoke($"projection {projection.Name}: lease lost to another node; batch rolled back");
                return 0;
            }

            await transaction.CommitAsync(ct);
            if (batchSize == 1)
            {
                _stepping.TryRemove(projection.Name, out _);
            }

            if (projection is IAfterCommit afterCommit)
            {
                await afterCommit.AfterCommitAsync(connection, ct);
            }

            return batch.Count;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            _stepping[projection.Name] = true;
            var paused = await RecordFailureAsync(connection, projection.Name, lease.Value.Token, batchSize == 1 ? batch[0].Event.Position : null, e, CancellationToken.None);
            if (paused && batchSize == 1 && projection is not IMustNotSkip)
            {
                await ParkAsync(connection, projection.Name, lease.Value.Token, batch[0], e, CancellationToken.None);
                return 1;
            }

            return 0;
        }
    }

    /// <summary>
    /// An event that failed every attempt is parked and the projection moves past it: one bad event
    /// must not stop every trial's read models. It stays visible (status, health) until a rebuild
    /// applies it. Projections that must not skip (the ledger) stay paused instead.
    /// </summary>
    private async Task ParkAsync(NpgsqlConnection connection, string name, long token, CommittedEvent failed, Exception error, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var park = new NpgsqlCommand(
            """
            INSERT INTO projection_parked_events (projection, position, stream_id, event_type, error)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (projection, position) DO UPDATE SET error = excluded.error, parked_at = now()
            """, connection, transaction))
        {
            park.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            park.Parameters.Add(new NpgsqlParameter<long> { TypedValue = failed.Event.Position });
            park.Parameters.Add(new NpgsqlParameter<string> { TypedValue = failed.Event.StreamId });
            park.Parameters.Add(new NpgsqlParameter<string> { TypedValue = failed.Event.Type });
            park.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{error.GetType().Name}: {error.Message}" });
            await park.ExecuteNonQueryAsync(ct);
        }

        await using (var skip = new NpgsqlCommand(
            """
            UPDATE projection_checkpoints
            SET last_tx_id = $4::text::xid8, last_position = $5, status = 'running', attempts = 0, error = NULL, failed_position = NULL, updated_at = now()
            WHERE name = $1 AND lease_owner = $2 AND fencing_token = $3
            """, connection, transaction))
        {
            AddLeaseParameters(skip, name, token);
            skip.Parameters.Add(new NpgsqlParameter<string> { TypedValue = failed.Cursor.TransactionId.ToString(CultureInfo.InvariantCulture) });
            skip.Parameters.Add(new NpgsqlParameter<long> { TypedValue = failed.Cursor.Position });
            if (await skip.ExecuteNonQueryAsync(ct) != 1)
            {
                await transaction.RollbackAsync(ct);
                return;
            }
        }

        await transaction.CommitAsync(ct);
        _stepping.TryRemove(name, out _);
        log?.Invoke($"projection {name}: parked the event at position {failed.Event.Position} ({failed.Event.Type} on {failed.Event.StreamId}) after {_options.MaxAttempts} failed attempts and moved on: {error.Message}");
    }

    /// <summary>Events parked by the projections, oldest first.</summary>
    public async Task<IReadOnlyList<ParkedEvent>> ParkedAsync(CancellationToken ct = default)
    {
        await using var command = store.DataSource.CreateCommand(
            "SELECT projection, position, stream_id, event_type, error, parked_at FROM projection_parked_events ORDER BY projection, position");
        var result = new List<ParkedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new ParkedEvent(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return result;
    }

    /// <summary>Records a failed attempt; true when it paused the projection (the last attempt at one event).</summary>
    private async Task<bool> RecordFailureAsync(NpgsqlConnection connection, string name, long token, long? position, Exception error, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE projection_checkpoints
            SET attempts = attempts + 1,
                error = $4,
                failed_position = $5,
                status = CASE WHEN attempts + 1 >= $6 AND $5 IS NOT NULL THEN 'paused' ELSE status END,
                updated_at = now()
            WHERE name = $1 AND lease_owner = $2 AND fencing_token = $3
            RETURNING status = 'paused'
            """, connection);
        AddLeaseParameters(command, name, token);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{error.GetType().Name}: {error.Message}" });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)position ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _options.MaxAttempts });
        var paused = await command.ExecuteScalarAsync(ct) is true;
        log?.Invoke($"projection {name}: failed at position {position?.ToString(CultureInfo.InvariantCulture) ?? "(batch)"}: {error.Message}");
        return paused;
    }

    private async Task<(long Token, bool Paused, CommitCursor Cursor)?> AcquireLeaseAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await EnsureRowAsync(connection, name, ct);
        await using var command = new NpgsqlCommand(
            """
            UPDATE projection_checkpoints
            SET fencing_token = CASE WHEN lease_owner = $2 AND lease_until > now() THEN fencing_token ELSE fencing_token + 1 END,
                lease_owner = $2,
                lease_until = now() + $3
            WHERE name = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < now())
            RETURNING fencing_token, status, last_tx_id::text, last_position
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.NodeId });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = _options.LeaseDuration });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return (reader.GetInt64(0), reader.GetString(1) == "paused",
            new CommitCursor(ulong.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetInt64(3)));
    }

    private static async Task EnsureRowAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await command.ExecuteNonQueryAsync(ct);
    }

    private void AddLeaseParameters(NpgsqlCommand command, string name, long token)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.NodeId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = token });
    }

    private IProjection Get(string name) =>
        _projections.TryGetValue(name, out var projection)
            ? projection
            : throw new ArgumentException($"Unknown projection '{name}'. Known: {string.Join(", ", _projections.Keys.Order())}.");

    private Task ListenAsync(CancellationToken ct) =>
        NotificationListener.RunAsync(store.DataSource, EventStore.NotifyChannel, _wakeup.Set, _options.PollInterval * 5, log, ct);
}

/// <summary>An auto-reset signal with a timeout, for notification wake-ups.</summary>
public sealed class Wakeup
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _signal.WaitAsync(timeout, ct);
}
