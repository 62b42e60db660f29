using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace TrialOps.EventStore;

/// <summary>How Marten's async daemon runs the read models (DESIGN.md §3, ADR 0032).</summary>
public sealed record ReadModelDaemonOptions
{
    /// <summary>
    /// How often a node that is to run a read model tries its fence again while another process
    /// still holds it (a previous owner finishing, or a CLI command catching up). A killed process's
    /// fence goes as soon as PostgreSQL sees its connection close.
    /// </summary>
    public TimeSpan FencePolling { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a node running a read model checks that its fence's connection is still alive.</summary>
    public TimeSpan FenceCheck { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a catch-up (CLI, export) waits for the node that owns a read model before it says so.</summary>
    public TimeSpan CatchUpWait { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>
    /// Applies these options and the read models to Marten's store options. Marten's own coordinator
    /// assigns nothing (<see cref="DaemonMode.ExternallyManaged"/>): which node runs a read model is
    /// decided by Wolverine's agent assignment, fenced by <see cref="ReadModelDaemon"/>.
    /// </summary>
    public void Configure(StoreOptions options, IEnumerable<MartenReadModel> readModels, Action<string>? log = null)
    {
        options.Projections.AsyncMode = DaemonMode.ExternallyManaged;

        // Our adapter parks an event a read model cannot apply (projection_parked_events); anything
        // else (a statement the database refuses, an event Marten cannot read) pauses the projection
        // with its error visible rather than silently skipping it.
        options.Projections.Errors.SkipApplyErrors = false;
        options.Projections.Errors.SkipSerializationErrors = false;
        options.Projections.RebuildErrors.SkipApplyErrors = false;
        foreach (var readModel in readModels)
        {
            options.Projections.Add(readModel, ProjectionLifecycle.Async, readModel.Projection.Name);
            if (readModel.Projection.EventTypes is { } types)
            {
                // Marten wraps the projection in a source it filters its loads by: the daemon then
                // reads only these event types for this read model, not every event three times over.
                var source = options.Projections.All.OfType<ProjectionBase>().Single(p => p.Name == readModel.Projection.Name);
                foreach (var type in types)
                {
                    source.IncludeType(type);
                }
            }
        }
    }
}

/// <summary>
/// The read models on Marten's async daemon. This node's daemon (one per process, built over our
/// store, no HotCold coordinator) runs a read model's shard only while this process holds the read
/// model's fence: a session-scoped PostgreSQL advisory lock on a dedicated idle connection, so a
/// shard never runs in two processes, even while Wolverine re-assigns it or a node's heartbeat is
/// stale, and a killed process's fence goes the moment PostgreSQL sees its connection close.
/// Which node hosts a read model is Wolverine's agent assignment (<see cref="HostAsync"/>, ADR 0032);
/// a process that hosts none (a CLI command) applies a read model itself to catch up only when no
/// process holds its fence.
/// </summary>
public sealed class ReadModelDaemon : IAsyncDisposable
{
    private readonly EventStore _store;
    private readonly IReadOnlyList<IReadModelProjection> _projections;
    private readonly ReadModelDaemonOptions _options;
    private readonly Action<string>? _log;
    private readonly Dictionary<string, ShardFence> _fences;
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, bool> _hosting = new();
    private IProjectionDaemon? _daemon;

    public ReadModelDaemon(EventStore store, IReadOnlyList<IReadModelProjection> projections, ReadModelDaemonOptions? options = null, Action<string>? log = null)
    {
        _store = store;
        _projections = projections;
        _options = options ?? new ReadModelDaemonOptions();
        _log = log;
        Names = projections.Select(p => p.Name).ToArray();
        _fences = projections.ToDictionary(p => p.Name, p => new ShardFence(store.DataSource, p.Name));
    }

    public IReadOnlyCollection<string> Names { get; }

    public ReadModelDaemonOptions Options => _options;

    public static string ShardOf(string name) => $"{name}:All";

    /// <summary>The advisory-lock key of a read model's fence (stable across versions and processes).</summary>
    public static long FenceKeyOf(string name) => ShardFence.KeyOf(name);

    /// <summary>Whether this process runs the read model right now (holds its fence and runs its shard).</summary>
    public bool IsHostedHere(string name) => Fence(name).Hosted;

    /// <summary>
    /// Runs the read model on this node until <paramref name="ct"/> is cancelled (Wolverine's agent
    /// calls this when the leader assigns the read model here): takes its fence, waiting while another
    /// process still holds it, starts its shard on this node's daemon, and on cancellation stops the
    /// shard and releases the fence at once.
    /// </summary>
    public Task HostAsync(string name, CancellationToken ct)
    {
        var fence = Fence(name);
        var task = HostLoopAsync(name, fence, ct);
        _hosting[task] = true;
        _ = task.ContinueWith(t => _hosting.TryRemove(t, out _), TaskScheduler.Default);
        return task;
    }

    private async Task HostLoopAsync(string name, ShardFence fence, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposing.Token);
        var token = linked.Token;
        try
        {
            await fence.Gate.WaitAsync(token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var shard = ShardOf(name);
        try
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    if (!await fence.TryLockAsync(token))
                    {
                        await Task.Delay(_options.FencePolling, token);
                        continue;
                    }

                    var daemon = await DaemonAsync(token);
                    fence.Hosted = true;
                    try
                    {
                        await daemon.StartAgentAsync(shard, CancellationToken.None);
                        while (await fence.StillHeldAsync(token))
                        {
                            await Task.Delay(_options.FenceCheck, token);
                        }

                        _log?.Invoke($"read models: lost the fence of '{name}' (its connection failed); stopping it here and taking it again.");
                    }
                    finally
                    {
                        fence.Hosted = false;
                        await StopShardQuietlyAsync(daemon, shard);
                        await fence.UnlockAsync();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException && !token.IsCancellationRequested)
                {
                    // The database is unreachable, or the shard failed to start: keep trying (a
                    // shard that starts and then fails on an event is paused by Marten instead).
                    _log?.Invoke($"read models: cannot run '{name}' here yet ({e.GetType().Name}: {e.Message}); trying again.");
                    await Task.Delay(_options.FencePolling, token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        finally
        {
            fence.Gate.Release();
        }
    }

    /// <summary>Runs every read model on this node until <paramref name="ct"/> is cancelled (each behind its fence; for a process that hosts without Wolverine, e.g. tests).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await Task.WhenAll(Names.Select(name => HostAsync(name, ct)));
    }

    /// <summary>
    /// Waits until <paramref name="name"/> has applied every event committed before the call
    /// (waiting for transactions still running then). When this process runs the read model, or
    /// another live process holds its fence, that process applies it and this waits, at most
    /// <see cref="ReadModelDaemonOptions.CatchUpWait"/>, and then says so. When nobody holds the
    /// fence, this process takes it, applies the read model up to the target and releases it.
    /// </summary>
    /// <returns>How far the read model moved (in positions).</returns>
    public async Task<long> CatchUpAsync(string name, CancellationToken ct = default, TimeSpan? wait = null)
    {
        var fence = Fence(name);
        var shard = ShardOf(name);
        await Transactions.WaitForInFlightAsync(_store.DataSource, wait ?? TimeSpan.FromSeconds(30), ct);
        var target = await ScalarAsync("SELECT coalesce(max(seq_id), 0) FROM mt_events", null, ct);
        var start = await ProgressionAsync(name, ct);
        var deadline = DateTime.UtcNow + _options.CatchUpWait;
        var nextTry = DateTime.MinValue;
        IProjectionDaemon? applying = null;
        var mine = false;
        try
        {
            while (true)
            {
                var position = await ProgressionAsync(name, ct);
                if (position >= target)
                {
                    return position - start;
                }

                var (status, reason) = await AgentStatusAsync(name, ct);
                if (status == "Paused")
                {
                    throw new ProjectionPausedException(name, reason ?? "unknown error");
                }

                if (!mine && DateTime.UtcNow >= nextTry)
                {
                    nextTry = DateTime.UtcNow + _options.FencePolling;
                    if (await TryTakeFenceAsync(fence, ct))
                    {
                        mine = true;
                        applying = await DaemonAsync(ct);
                        await applying.StartAgentAsync(shard, CancellationToken.None);
                    }
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException(
                        $"The read model '{name}' is at position {position} of {target} and has not caught up within {_options.CatchUpWait.TotalSeconds:0} s (another process may own it); try again.");
                }

                await Task.Delay(50, ct);
            }
        }
        finally
        {
            if (mine)
            {
                if (applying is not null)
                {
                    await StopShardQuietlyAsync(applying, shard);
                }

                await fence.UnlockAsync();
                fence.Gate.Release();
            }
        }
    }

    /// <summary>
    /// Clears the read model and applies every event again from position zero. This process must
    /// run the read model or be able to take its fence: when another live process still holds it
    /// after <see cref="ReadModelDaemonOptions.CatchUpWait"/>, the rebuild is refused.
    /// </summary>
    public async Task RebuildAsync(string name, CancellationToken ct = default)
    {
        var projection = Get(name);
        var fence = Fence(name);
        var shard = ShardOf(name);
        if (fence.Hosted && _daemon is { } hosting)
        {
            // This node runs it: stop the shard (keeping the fence), clear, start again from zero.
            await hosting.StopAgentAsync(shard);
            await ResetAsync(projection, ct);
            await hosting.StartAgentAsync(shard, CancellationToken.None);
            return;
        }

        var deadline = DateTime.UtcNow + _options.CatchUpWait;
        while (!await TryTakeFenceAsync(fence, ct))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The read model '{name}' is run by another process; stop it (or rebuild there) and try again.");
            }

            await Task.Delay(_options.FencePolling, ct);
        }

        try
        {
            await ResetAsync(projection, ct);
        }
        finally
        {
            await fence.UnlockAsync();
            fence.Gate.Release();
        }
    }

    private async Task ResetAsync(IReadModelProjection projection, CancellationToken ct)
    {
        await using var connection = await _store.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var statement in projection.ResetStatements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }

        // The rebuild applies the parked events again (parking them anew if they still fail).
        var unpark = new NpgsqlBatchCommand("DELETE FROM projection_parked_events WHERE projection = $1");
        unpark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection.Name });
        batch.BatchCommands.Add(unpark);
        // No progression row is position zero to Marten's daemon (its first batch inserts the row).
        var reset = new NpgsqlBatchCommand("DELETE FROM mt_event_progression WHERE name = $1");
        reset.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ShardOf(projection.Name) });
        batch.BatchCommands.Add(reset);
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Lets a paused read model try again: restarted here when this node runs it; otherwise applied
    /// by this process when no process holds it (a catch-up), or waited for when another does.
    /// </summary>
    public async Task ResumeAsync(string name, CancellationToken ct = default)
    {
        var fence = Fence(name);
        if (fence.Hosted && _daemon is { } hosting)
        {
            await hosting.StopAgentAsync(ShardOf(name));
            await hosting.StartAgentAsync(ShardOf(name), ct);
            return;
        }

        await CatchUpAsync(name, ct);
    }

    /// <summary>Each read model's progression, and its error when its node paused it.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct = default)
    {
        var result = new List<ProjectionStatus>();
        // Marten's daemon applies in position order up to its high-water mark, so a read model is
        // up to date once its progression reaches the newest event.
        var newest = await ScalarAsync("SELECT coalesce(max(seq_id), 0) FROM mt_events", null, ct);
        foreach (var name in Names.Order(StringComparer.Ordinal))
        {
            var position = await ProgressionAsync(name, ct);
            var (status, reason) = await AgentStatusAsync(name, ct);
            var paused = status == "Paused";
            result.Add(new ProjectionStatus(name, paused ? "paused" : "running", position, paused ? position + 1 : null, paused ? reason : null, 0, null, null, position >= newest));
        }

        return result;
    }

    /// <summary>Takes the fence for this call (not while this process's agent holds or waits for it); false when another process holds it.</summary>
    private static async Task<bool> TryTakeFenceAsync(ShardFence fence, CancellationToken ct)
    {
        if (!await fence.Gate.WaitAsync(0, ct))
        {
            return false;
        }

        var locked = false;
        try
        {
            locked = await fence.TryLockAsync(ct);
            return locked;
        }
        finally
        {
            if (!locked)
            {
                fence.Gate.Release();
            }
        }
    }

    private async Task<IProjectionDaemon> DaemonAsync(CancellationToken ct)
    {
        if (_daemon is { } built)
        {
            return built;
        }

        await _building.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
            return _daemon ??= await _store.Marten.BuildProjectionDaemonAsync(logger: _log is null ? NullLogger.Instance : new LogSink(_log));
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task StopShardQuietlyAsync(IProjectionDaemon daemon, string shard)
    {
        try
        {
            await daemon.StopAgentAsync(shard);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log?.Invoke($"read models: stopping '{shard}' failed ({e.GetType().Name}: {e.Message}).");
        }
    }

    private async Task<long> ProgressionAsync(string name, CancellationToken ct) =>
        await ScalarAsync("SELECT coalesce((SELECT last_seq_id FROM mt_event_progression WHERE name = $1), 0)", ShardOf(name), ct);

    private async Task<(string? Status, string? Reason)> AgentStatusAsync(string name, CancellationToken ct)
    {
        var local = _daemon?.CurrentAgents().FirstOrDefault(a => a.Name.Identity == ShardOf(name));
        if (local is not null)
        {
            if (local.Status.ToString() != "Paused")
            {
                return (local.Status.ToString(), null);
            }

            var failure = local.Failure is { } f ? $"{f.ExceptionType}: {f.Message}" : null;
            return ("Paused", failure ?? await PauseReasonAsync(name, ct) ?? "paused after repeated failures (see the log)");
        }

        await using var command = _store.DataSource.CreateCommand("SELECT agent_status, pause_reason FROM mt_event_progression WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ShardOf(name) });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : (null, null);
    }

    private async Task<string?> PauseReasonAsync(string name, CancellationToken ct)
    {
        await using var command = _store.DataSource.CreateCommand("SELECT pause_reason FROM mt_event_progression WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ShardOf(name) });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    private async Task<long> ScalarAsync(string sql, string? parameter, CancellationToken ct)
    {
        await using var command = _store.DataSource.CreateCommand(sql);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private IReadModelProjection Get(string name) =>
        _projections.FirstOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"Unknown projection '{name}'. Known: {string.Join(", ", Names.Order())}.");

    private ShardFence Fence(string name)
    {
        Get(name);
        return _fences[name];
    }

    /// <summary>Stops this node's shards and releases their fences at once, so another node takes over without waiting.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        await _disposing.CancelAsync();
        try
        {
            await Task.WhenAll(_hosting.Keys.ToArray());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log?.Invoke($"read models: stopping failed ({e.GetType().Name}: {e.Message}).");
        }

        await _building.WaitAsync();
        try
        {
            if (Interlocked.Exchange(ref _daemon, null) is { } daemon)
            {
                await daemon.StopAllAsync();
                daemon.Dispose();
            }
        }
        finally
        {
            _building.Release();
        }
    }
}

/// <summary>
/// A read model's fence: a session-scoped advisory lock held on a dedicated idle connection while
/// this process runs the read model's shard, and an in-process gate so that this process's agent
/// and a catch-up never both hold it.
/// </summary>
internal sealed class ShardFence(NpgsqlDataSource dataSource, string name)
{
    private NpgsqlConnection? _connection;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public long Key { get; } = KeyOf(name);

    /// <summary>Whether this process's agent runs the shard behind the fence now.</summary>
    public volatile bool Hosted;

    public static long KeyOf(string name) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("trialops.read-model-fence:" + name)), 0);

    /// <summary>Takes the advisory lock on a connection of its own; false when another session holds it.</summary>
    public async Task<bool> TryLockAsync(CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Key });
            if ((bool)(await command.ExecuteScalarAsync(ct))!)
            {
                _connection = connection;
                return true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Whether the fence's session is still alive (a failed connection has lost the lock).</summary>
    public async Task<bool> StillHeldAsync(CancellationToken ct)
    {
        if (_connection is not { } connection)
        {
            return false;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Releases the lock (explicitly: a pooled connection keeps session locks until reused) and closes its connection.</summary>
    public async Task UnlockAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is not { } connection)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Key });
            await command.ExecuteScalarAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            // The session is gone, and its lock with it.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}

/// <summary>Waiting for the transactions running at a moment to end (their writes then visible in commit order).</summary>
public static class Transactions
{
    public static async Task WaitForInFlightAsync(NpgsqlDataSource dataSource, TimeSpan wait, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
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
}

internal sealed class LogSinkFactory(Action<string> log) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new LogSink(log);

    public void Dispose()
    {
    }
}

/// <summary>Marten's daemon warnings and errors into the runtime's log.</summary>
internal sealed class LogSink(Action<string> log) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            log($"read models: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
        }
    }
}
