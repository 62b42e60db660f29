using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace TrialOps.EventStore;

/// <summary>How Marten's async daemon runs the read models (DESIGN.md §3).</summary>
public sealed record ReadModelDaemonOptions
{
    /// <summary>
    /// How often a node tries to take the projections no live node holds (Marten's leadership
    /// polling). A node that exits or is killed loses its advisory locks as soon as PostgreSQL sees
    /// its connection close, so another node takes over within about this interval.
    /// </summary>
    public TimeSpan LeadershipPolling { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a catch-up (CLI, export) waits for the node that owns a read model before it says so.</summary>
    public TimeSpan CatchUpWait { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Applies these options and the read models to Marten's store options (HotCold: each projection on one node).</summary>
    public void Configure(StoreOptions options, IEnumerable<MartenReadModel> readModels, Action<string>? log = null)
    {

        options.Projections.AsyncMode = DaemonMode.HotCold;
        options.Projections.LeadershipPollingTime = (int)LeadershipPolling.TotalMilliseconds;

        // The leadership lock is held on an idle session, so a killed node's lock is released the
        // moment PostgreSQL sees its connection close (a monitoring pg_sleep would hold it up to 60 s).
        options.Events.UseMonitoredAdvisoryLock = false;
        options.Events.UseAdvisoryLockTransaction = false;

        // Our adapter parks an event a read model cannot apply (projection_parked_events); anything
        // else (a statement the database refuses, an event Marten cannot read) pauses the projection
        // with its error visible rather than silently skipping it.
        options.Projections.Errors.SkipApplyErrors = false;
        options.Projections.Errors.SkipSerializationErrors = false;
        options.Projections.RebuildErrors.SkipApplyErrors = false;
        foreach (var readModel in readModels)
        {
            options.Projections.Add(readModel, ProjectionLifecycle.Async, readModel.Projection.Name);
        }
    }
}

/// <summary>
/// The read models on Marten's async daemon: runs them in HotCold mode (each projection on exactly
/// one node, by PostgreSQL advisory lock), lets a CLI command bring them up to what the previous
/// command wrote, rebuilds them, and reports their progression.
/// </summary>
public sealed class ReadModelDaemon(EventStore store, IReadOnlyList<IReadModelProjection> projections, ReadModelDaemonOptions? options = null, Action<string>? log = null) : IAsyncDisposable
{
    private readonly ReadModelDaemonOptions _options = options ?? new ReadModelDaemonOptions();
    private readonly SemaphoreSlim _starting = new(1, 1);
    private ProjectionCoordinator? _coordinator;

    public IReadOnlyCollection<string> Names { get; } = projections.Select(p => p.Name).ToArray();

    public static string ShardOf(string name) => $"{name}:All";

    /// <summary>Starts this node's coordinator (idempotent): it takes every read model no other live node holds.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await _starting.WaitAsync(ct);
        try
        {
            if (_coordinator is null)
            {
                var coordinator = new ProjectionCoordinator(store.Marten, log is null ? NullLogger<ProjectionCoordinator>.Instance : new LogSink(log));
                await coordinator.StartAsync(CancellationToken.None);
                _coordinator = coordinator;
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>Runs the read models on this node until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await StartAsync(ct);
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Waits until <paramref name="name"/> has applied every event committed before the call
    /// (waiting for transactions still running then). This node takes part: when no live node
    /// holds the read model it applies it itself; when another node does, it waits for that node,
    /// at most <see cref="ReadModelDaemonOptions.CatchUpWait"/>, and then says so.
    /// </summary>
    /// <returns>How far the read model moved (in positions).</returns>
    public async Task<long> CatchUpAsync(string name, CancellationToken ct = default, TimeSpan? wait = null)
    {
        Get(name);
        await Transactions.WaitForInFlightAsync(store.DataSource, wait ?? TimeSpan.FromSeconds(30), ct);
        var target = await ScalarAsync("SELECT coalesce(max(seq_id), 0) FROM mt_events", null, ct);
        var start = await ProgressionAsync(name, ct);
        await StartAsync(ct);
        var deadline = DateTime.UtcNow + _options.CatchUpWait;
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

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"The read model '{name}' is at position {position} of {target} and has not caught up within {_options.CatchUpWait.TotalSeconds:0} s (another process may own it); try again.");
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>
    /// Clears the read model and applies every event again from position zero. This node must own
    /// the projection: when another live node still runs it after <see cref="ReadModelDaemonOptions.CatchUpWait"/>, the rebuild is refused.
    /// </summary>
    public async Task RebuildAsync(string name, CancellationToken ct = default)
    {
        var projection = Get(name);
        await StartAsync(ct);
        var daemon = _coordinator!.DaemonForMainDatabase();
        var shard = ShardOf(name);
        var deadline = DateTime.UtcNow + _options.CatchUpWait;
        while (!daemon.CurrentAgents().Any(a => a.Name.Identity == shard))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The read model '{name}' is run by another process; stop it (or rebuild there) and try again.");
            }

            await Task.Delay(100, ct);
        }

        await daemon.StopAgentAsync(shard);
        await using (var connection = await store.DataSource.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var statement in projection.ResetStatements)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            }

            // The rebuild applies the parked events again (parking them anew if they still fail).
            var unpark = new NpgsqlBatchCommand("DELETE FROM projection_parked_events WHERE projection = $1");
            unpark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            batch.BatchCommands.Add(unpark);
            // No progression row is position zero to Marten's daemon (its first batch inserts the row).
            var reset = new NpgsqlBatchCommand("DELETE FROM mt_event_progression WHERE name = $1");
            reset.Parameters.Add(new NpgsqlParameter<string> { TypedValue = shard });
            batch.BatchCommands.Add(reset);
            await batch.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await daemon.StartAgentAsync(shard, ct);
    }

    /// <summary>Lets a paused read model try again on this node (after the cause was fixed).</summary>
    public async Task ResumeAsync(string name, CancellationToken ct = default)
    {
        Get(name);
        await StartAsync(ct);
        await _coordinator!.DaemonForMainDatabase().StartAgentAsync(ShardOf(name), ct);
    }

    /// <summary>Each read model's progression, and its error when its node paused it.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct = default)
    {
        var result = new List<ProjectionStatus>();
        foreach (var name in Names.Order(StringComparer.Ordinal))
        {
            var position = await ProgressionAsync(name, ct);
            var (status, reason) = await AgentStatusAsync(name, ct);
            var paused = status == "Paused";
            result.Add(new ProjectionStatus(name, paused ? "paused" : "running", position, paused ? position + 1 : null, paused ? reason : null, 0, null, null));
        }

        return result;
    }

    private async Task<long> ProgressionAsync(string name, CancellationToken ct) =>
        await ScalarAsync("SELECT coalesce((SELECT last_seq_id FROM mt_event_progression WHERE name = $1), 0)", ShardOf(name), ct);

    private async Task<(string? Status, string? Reason)> AgentStatusAsync(string name, CancellationToken ct)
    {
        var local = _coordinator?.DaemonForMainDatabase().CurrentAgents().FirstOrDefault(a => a.Name.Identity == ShardOf(name));
        if (local is not null && local.Status.ToString() == "Paused")
        {
            var failure = local.Failure is { } f ? $"{f.ExceptionType}: {f.Message}" : null;
            return ("Paused", failure ?? await PauseReasonAsync(name, ct) ?? "paused after repeated failures (see the log)");
        }

        await using var command = store.DataSource.CreateCommand("SELECT agent_status, pause_reason FROM mt_event_progression WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ShardOf(name) });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : (null, null);
    }

    private async Task<string?> PauseReasonAsync(string name, CancellationToken ct)
    {
        await using var command = store.DataSource.CreateCommand("SELECT pause_reason FROM mt_event_progression WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ShardOf(name) });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    private async Task<long> ScalarAsync(string sql, string? parameter, CancellationToken ct)
    {
        await using var command = store.DataSource.CreateCommand(sql);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private IReadModelProjection Get(string name) =>
        projections.FirstOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"Unknown projection '{name}'. Known: {string.Join(", ", Names.Order())}.");

    /// <summary>Stops this node's agents and releases its advisory locks at once, so another node takes over without waiting.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _coordinator, null) is { } coordinator)
        {
            await coordinator.StopAsync(CancellationToken.None);
            await coordinator.DisposeAsync();
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
internal sealed class LogSink(Action<string> log) : ILogger<ProjectionCoordinator>
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
