using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using TrialOps.EventStore;
using TrialOps.Testing;
using Xunit.Abstractions;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

/// <summary>Spike: Marten's own async daemon over our store, a projection that queues SQL in the daemon's batch.</summary>
public sealed class MartenDaemonSpikeTests(DatabaseFixture db, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private sealed class SeenProjection : Marten.Events.Projections.IProjection
    {
        public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
        {
            if (events.Any(e => e.Data is Noted { Text: "throws" }))
            {
                throw new FormatException("cannot digest that");
            }

            operations.QueueSqlCommand("INSERT INTO spike_seen (seq_id) SELECT unnest(?::bigint[])", events.Select(e => e.Sequence).ToArray());
            if (events.Any(e => e.Data is Noted { Text: "bad sql" }))
            {
                operations.QueueSqlCommand("INSERT INTO spike_seen (seq_id) VALUES (NULL)");
            }

            return Task.CompletedTask;
        }
    }

    private async Task<EventStore.EventStore> StartAsync()
    {
        await ExecuteAsync(db.DataSource, "CREATE TABLE IF NOT EXISTS spike_seen (seq_id bigint PRIMARY KEY, seen_at timestamptz NOT NULL DEFAULT clock_timestamp())");
        var store = new EventStore.EventStore(db.DataSource, Registry, TimeProvider.System, null, o => o.Projections.Add(new SeenProjection(), ProjectionLifecycle.Async, "spike_seen"));
        await store.Marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    [Fact]
    public async Task marten_daemon_applies_an_event_whose_transaction_stayed_open_15_s()
    {
        await using var store = await StartAsync();
        using var daemon = await store.Marten.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        var (slowStream, fastStream) = (NewStream(), NewStream());
        await using var slow = await db.DataSource.OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        var slowEvent = (await store.AppendAsync(slowTransaction, slowStream, ExpectedVersion.NoStream, [new Noted(slowStream, "slow")], Metadata()))[0];
        var fastEvent = (await store.AppendAsync(fastStream, ExpectedVersion.NoStream, [new Noted(fastStream, "fast")], Metadata()))[0];
        await Task.Delay(TimeSpan.FromSeconds(15));
        var early = await CountAsync(db.DataSource, $"SELECT count(*) FROM spike_seen WHERE seq_id IN ({slowEvent.Position}, {fastEvent.Position})");
        output.WriteLine($"after 15 s with the slow transaction open: {early} of slow/fast applied");
        await slowTransaction.CommitAsync();
        var clock = Stopwatch.StartNew();
        await store.Marten.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"non-stale {clock.Elapsed.TotalSeconds:0.0} s after commit");
        Assert.Equal(0, early);
        Assert.Equal(2, await CountAsync(db.DataSource, $"SELECT count(*) FROM spike_seen WHERE seq_id IN ({slowEvent.Position}, {fastEvent.Position})"));
        await daemon.StopAllAsync();
    }

    [Fact]
    public async Task marten_daemon_moves_past_a_rolled_back_gap()
    {
        await using var store = await StartAsync();
        using var daemon = await store.Marten.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        var stream = NewStream();
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.AppendAsync(transaction, stream, ExpectedVersion.NoStream, [new Noted(stream, "rolled back")], Metadata());
            await transaction.RollbackAsync();
        }

        var later = NewStream();
        var laterEvent = (await store.AppendAsync(later, ExpectedVersion.NoStream, [new Noted(later, "later")], Metadata()))[0];
        var clock = Stopwatch.StartNew();
        while (await CountAsync(db.DataSource, $"SELECT count(*) FROM spike_seen WHERE seq_id = {laterEvent.Position}") == 0 && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(100);
        }

        output.WriteLine($"later event applied {clock.Elapsed.TotalSeconds:0.0} s after its commit");
        Assert.Equal(1, await CountAsync(db.DataSource, $"SELECT count(*) FROM spike_seen WHERE seq_id = {laterEvent.Position}"));
        output.WriteLine("skips: " + await CountAsync(db.DataSource, "SELECT count(*) FROM mt_high_water_skips"));
        await daemon.StopAllAsync();
    }

    private sealed class OutputLogger(ITestOutputHelper output) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Information;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    [Fact]
    public async Task marten_daemon_sql_and_progression_commit_together_and_an_apply_error_is_dead_lettered()
    {
        await using var store = await StartAsync();
        using var daemon = await store.Marten.BuildProjectionDaemonAsync(logger: new OutputLogger(output));
        await daemon.StartAllAsync();
        var stream = NewStream();
        var a = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "fine"), new Noted(stream, "throws"), new Noted(stream, "after")], Metadata());
        await Task.Delay(TimeSpan.FromSeconds(8));
        foreach (var e in a)
        {
            output.WriteLine($"{e.Position}: seen {await CountAsync(db.DataSource, $"SELECT count(*) FROM spike_seen WHERE seq_id = {e.Position}")}");
        }

        await using (var command = db.DataSource.CreateCommand("SELECT string_agg(name || ' ' || last_seq_id, ', ') FROM mt_event_progression"))
        {
            output.WriteLine("progression: " + await command.ExecuteScalarAsync());
        }

        await using (var command = db.DataSource.CreateCommand("SELECT string_agg(data::text, ' | ') FROM mt_doc_deadletterevent"))
        {
            output.WriteLine("dead letters: " + await command.ExecuteScalarAsync());
        }

        var b = await store.AppendAsync(stream, a.Count, [new Noted(stream, "bad sql")], Metadata());
        await Task.Delay(TimeSpan.FromSeconds(10));
        output.WriteLine($"bad sql {b[0].Position}: seen {await CountAsync(db.DataSource, $"SELECT count(*) FROM spike_seen WHERE seq_id = {b[0].Position}")}");
        await using (var command = db.DataSource.CreateCommand("SELECT string_agg(name || ' ' || last_seq_id, ', ') FROM mt_event_progression"))
        {
            output.WriteLine("progression: " + await command.ExecuteScalarAsync());
        }

        foreach (var agent in daemon.CurrentAgents())
        {
            output.WriteLine($"agent {agent.Name.Identity} {agent.Status} pos {agent.Position}");
        }

        await daemon.StopAllAsync();
    }
}
