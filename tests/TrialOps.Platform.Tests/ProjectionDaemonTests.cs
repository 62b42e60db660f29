using Npgsql;
using TrialOps.EventStore;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

public sealed class ProjectionDaemonTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task a_projection_writes_its_read_model_and_checkpoint_together_and_rebuilds_from_zero()
    {
        await Execute("CREATE TABLE IF NOT EXISTS note_counts (stream_id text PRIMARY KEY, notes int NOT NULL)");
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new NoteCountProjection()]);
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "a"), new Noted(stream, "b"), new Noted(stream, "c")], Metadata());

        await daemon.CatchUpAsync("note-counts");
        Assert.Equal(3, await CountAsync(db.DataSource, $"SELECT notes FROM note_counts WHERE stream_id = '{stream}'"));

        await daemon.RebuildAsync("note-counts");
        Assert.Equal(0, await CountAsync(db.DataSource, "SELECT count(*) FROM note_counts"));
        await daemon.CatchUpAsync("note-counts");
        Assert.Equal(3, await CountAsync(db.DataSource, $"SELECT notes FROM note_counts WHERE stream_id = '{stream}'"));
    }

    [Fact]
    public async Task a_failing_event_of_a_projection_that_must_not_skip_is_retried_then_it_pauses_with_the_error_and_position_visible()
    {
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new PoisonProjection()], new ProjectionDaemonOptions { MaxAttempts = 3, RetryDelay = TimeSpan.FromMilliseconds(10) });
        var stream = NewStream();
        var stored = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "fine"), new Noted(stream, "poison"), new Noted(stream, "after")], Metadata());

        var paused = await Assert.ThrowsAsync<ProjectionPausedException>(() => daemon.CatchUpAsync("poison"));

        Assert.Contains("cannot digest poison", paused.Message);
        var status = (await daemon.StatusAsync()).Single(s => s.Name == "poison");
        Assert.Equal("paused", status.Status);
        Assert.Equal(stored[1].Position, status.FailedPosition);
        Assert.Equal(3, status.Attempts);
        Assert.Equal(stored[0].Position, status.LastPosition);
        Assert.Contains("cannot digest poison", status.Error);
    }

    [Fact]
    public async Task only_one_node_runs_a_projection_while_its_lease_is_valid()
    {
        var store = Store(db.DataSource);
        var first = new ProjectionDaemon(store, [new RecordingProjection("leased")], new ProjectionDaemonOptions { NodeId = "node-a", LeaseDuration = TimeSpan.FromMinutes(5) });
        var second = new ProjectionDaemon(store, [new RecordingProjection("leased")], new ProjectionDaemonOptions { NodeId = "node-b", LeaseDuration = TimeSpan.FromMinutes(5) });
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "x")], Metadata());

        await first.CatchUpAsync("leased");
        var appliedBySecond = await second.StepAsync(new RecordingProjection("leased"), CancellationToken.None);

        Assert.Equal(0, appliedBySecond);
        Assert.Equal("node-a", (await first.StatusAsync()).Single(s => s.Name == "leased").LeaseOwner);
    }

    [Fact]
    public async Task an_expired_lease_passes_to_another_node_and_the_old_owner_stops()
    {
        var store = Store(db.DataSource);
        var stale = new ProjectionDaemon(store, [new RecordingProjection("fenced")], new ProjectionDaemonOptions { NodeId = "node-stale", LeaseDuration = TimeSpan.FromMilliseconds(1) });
        await stale.CatchUpAsync("fenced");
        await Task.Delay(50);
        var successor = new ProjectionDaemon(store, [new RecordingProjection("fenced")], new ProjectionDaemonOptions { NodeId = "node-new", LeaseDuration = TimeSpan.FromMinutes(5) });
        await successor.CatchUpAsync("fenced");

        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "y")], Metadata());
        await successor.WaitForTransactionsInFlightAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(0, await stale.StepAsync(new RecordingProjection("fenced"), CancellationToken.None));
        Assert.Equal(1, await successor.StepAsync(new RecordingProjection("fenced"), CancellationToken.None));
    }

    [Fact]
    public async Task a_running_daemon_is_woken_by_notification_long_before_its_polling_interval()
    {
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new RecordingProjection("woken")], new ProjectionDaemonOptions { PollInterval = TimeSpan.FromMinutes(10) });
        using var stop = new CancellationTokenSource();
        var running = daemon.RunAsync(stop.Token);
        await Task.Delay(500);
        var stream = NewStream();
        var stored = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "wake up")], Metadata());

        // Up to a minute, against a ten-minute polling interval: a transaction held open by another
        // test class holds every consumer back (cluster-wide xmin, ADR 0004) for up to 15 s.
        for (var i = 0; i < 600 && !RecordingProjection.Seen("woken").Contains(stored[0].Position); i++)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await running;
        Assert.Contains(stored[0].Position, RecordingProjection.Seen("woken"));
    }

    [Fact]
    public async Task a_catch_up_beside_the_running_daemon_of_the_same_process_applies_nothing_twice()
    {
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new LedgerProjection()], new ProjectionDaemonOptions { PollInterval = TimeSpan.FromMilliseconds(5) });
        using var stop = new CancellationTokenSource();
        var running = daemon.RunAsync(stop.Token);
        for (var i = 0; i < 40; i++)
        {
            var stream = NewStream();
            await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "x")], Metadata());
            await daemon.CatchUpAsync(LedgerProjection.ProjectionName);
        }

        await stop.CancelAsync();
        await running;
        var status = (await daemon.StatusAsync()).Single(s => s.Name == LedgerProjection.ProjectionName);
        Assert.Null(status.Error);
        Assert.Equal(
            await CountAsync(db.DataSource, "SELECT count(*) FROM event_hashes"),
            await CountAsync(db.DataSource, "SELECT count(*) FROM ledger"));
    }

    private async Task Execute(string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class NoteCountProjection : IProjection
    {
        public string Name => "note-counts";

        public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct)
        {
            foreach (var e in events.Where(e => e.Data is Noted))
            {
                await using var upsert = new NpgsqlCommand(
                    "INSERT INTO note_counts (stream_id, notes) VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET notes = note_counts.notes + 1",
                    transaction.Connection, transaction);
                upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.StreamId });
                await upsert.ExecuteNonQueryAsync(ct);
            }
        }

        public async Task ResetAsync(NpgsqlTransaction transaction, CancellationToken ct)
        {
            await using var delete = new NpgsqlCommand("DELETE FROM note_counts", transaction.Connection, transaction);
            await delete.ExecuteNonQueryAsync(ct);
        }
    }

    [Fact]
    public async Task an_event_a_read_model_cannot_apply_is_parked_after_its_retries_and_later_events_of_other_streams_still_apply()
    {
        var store = Store(db.DataSource);
        var projection = new ParkingProjection();
        var daemon = new ProjectionDaemon(store, [projection], new ProjectionDaemonOptions { MaxAttempts = 3, RetryDelay = TimeSpan.FromMilliseconds(10) });
        var trialA = NewStream();
        var trialB = NewStream();
        var a = await store.AppendAsync(trialA, ExpectedVersion.NoStream, [new Noted(trialA, "fine"), new Noted(trialA, "indigestible"), new Noted(trialA, "after")], Metadata());
        var b = await store.AppendAsync(trialB, ExpectedVersion.NoStream, [new Noted(trialB, "other trial")], Metadata());

        await daemon.CatchUpAsync(projection.Name);

        Assert.Equal([a[0].Position, a[2].Position, b[0].Position], projection.Applied.Where(p => p >= a[0].Position));
        var parked = Assert.Single(await daemon.ParkedAsync(), p => p.Projection == projection.Name);
        Assert.Equal((a[1].Position, trialA, "cannot digest that"), (parked.Position, parked.StreamId, parked.Error.Split(": ")[1]));
        var status = (await daemon.StatusAsync()).Single(s => s.Name == projection.Name);
        Assert.Equal(("running", b[0].Position), (status.Status, status.LastPosition));

        // Once the cause is fixed, a rebuild applies the parked event and clears it.
        projection.Fixed = true;
        projection.Applied.Clear();
        await daemon.RebuildAsync(projection.Name);
        await daemon.CatchUpAsync(projection.Name);
        Assert.Contains(a[1].Position, projection.Applied);
        Assert.DoesNotContain(await daemon.ParkedAsync(), p => p.Projection == projection.Name);
    }

    /// <summary>Records what it applied; refuses "indigestible" until fixed (a read model that cannot take one event).</summary>
    private sealed class ParkingProjection : IProjection
    {
        public string Name => "parking";

        public bool Fixed { get; set; }

        public List<long> Applied { get; } = [];

        public Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct)
        {
            if (!Fixed && events.Any(e => e.Data is Noted { Text: "indigestible" }))
            {
                throw new FormatException("cannot digest that");
            }

            Applied.AddRange(events.Select(e => e.Position));
            return Task.CompletedTask;
        }

        public Task ResetAsync(NpgsqlTransaction transaction, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>Like the ledger: may not skip an event, so it pauses on one it cannot apply.</summary>
    private sealed class PoisonProjection : IProjection, IMustNotSkip
    {
        public string Name => "poison";

        public Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct) =>
            events.Any(e => e.Data is Noted { Text: "poison" })
                ? throw new FormatException("cannot digest poison")
                : Task.CompletedTask;

        public Task ResetAsync(NpgsqlTransaction transaction, CancellationToken ct) => Task.CompletedTask;
    }
}
