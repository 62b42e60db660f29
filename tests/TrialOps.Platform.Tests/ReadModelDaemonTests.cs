using TrialOps.EventStore;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

/// <summary>
/// Read models on Marten's async daemon (ADR 0012): no event skipped behind a slow transaction, a
/// rolled-back gap passed within a bound, a bad event parked, a rebuild, and a catch-up that waits
/// for the node that owns a read model.
/// </summary>
public sealed class ReadModelDaemonTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>The documented bound for a rolled-back gap: Marten's stale-sequence threshold (3 s) and its polling; measured 3–4 s.</summary>
    private static readonly TimeSpan RolledBackGapBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task a_read_model_and_the_ledger_apply_an_event_whose_transaction_stayed_open_15_s_while_later_ones_committed()
    {
        var (store, daemon, readModel) = await StartAsync("slow-open");
        var ledger = new ProjectionDaemon(store, [new LedgerProjection()], new ProjectionDaemonOptions { PollInterval = TimeSpan.FromMilliseconds(200) });
        using var stop = new CancellationTokenSource();
        var runningLedger = ledger.RunAsync(stop.Token);
        var runningReadModels = daemon.RunAsync(stop.Token);
        var (slowStream, fastStream) = (NewStream(), NewStream());

        await using var slow = await db.DataSource.OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        var slowEvent = (await store.AppendAsync(slowTransaction, slowStream, ExpectedVersion.NoStream, [new Noted(slowStream, "slow")], Metadata()))[0];
        var fastEvent = (await store.AppendAsync(fastStream, ExpectedVersion.NoStream, [new Noted(fastStream, "fast")], Metadata()))[0];
        Assert.True(fastEvent.Position > slowEvent.Position);

        // Both daemons run while the slow transaction stays open: neither moves past it.
        await Task.Delay(TimeSpan.FromSeconds(15));
        Assert.Empty(await SeenAsync(readModel.Name, slowEvent.Position, fastEvent.Position));
        Assert.Equal(0, await CountAsync(db.DataSource, $"SELECT count(*) FROM ledger WHERE position IN ({slowEvent.Position}, {fastEvent.Position})"));

        await slowTransaction.CommitAsync();
        await daemon.CatchUpAsync(readModel.Name);
        await ledger.CatchUpAsync(LedgerProjection.ProjectionName);
        await stop.CancelAsync();
        await Task.WhenAll(runningLedger, runningReadModels);
        await daemon.DisposeAsync();

        Assert.Equal([slowEvent.Position, fastEvent.Position], await SeenAsync(readModel.Name, slowEvent.Position, fastEvent.Position));
        Assert.Equal(2, await CountAsync(db.DataSource, $"SELECT count(*) FROM ledger WHERE position IN ({slowEvent.Position}, {fastEvent.Position})"));
        Assert.True((await ChainVerifier.VerifyAsync(db.DataSource)).Intact);
    }

    [Fact]
    public async Task the_ledger_and_a_read_model_are_up_to_date_when_the_last_event_to_commit_holds_a_lower_position_than_one_before_it()
    {
        var (store, daemon, readModel) = await StartAsync("commit-order");
        var ledger = new ProjectionDaemon(store, [new LedgerProjection()]);
        var (early, late) = (NewStream(), NewStream());

        // The transaction that takes its id first appends last: in commit order (transaction, then
        // position) its event comes first although its position is the higher.
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var first = await connection.BeginTransactionAsync();
        await using (var takeId = new Npgsql.NpgsqlCommand("SELECT pg_current_xact_id()", connection, first))
        {
            await takeId.ExecuteScalarAsync();
        }

        var lower = (await store.AppendAsync(late, ExpectedVersion.NoStream, [new Noted(late, "numbered first, committed first")], Metadata()))[0];
        var higher = (await store.AppendAsync(first, early, ExpectedVersion.NoStream, [new Noted(early, "numbered last, committed last")], Metadata()))[0];
        await first.CommitAsync();
        Assert.True(higher.Position > lower.Position);

        await ledger.CatchUpAsync(LedgerProjection.ProjectionName);
        await daemon.CatchUpAsync(readModel.Name);
        var ledgerStatus = (await ledger.StatusAsync()).Single(s => s.Name == LedgerProjection.ProjectionName);
        var readModelStatus = Assert.Single(await daemon.StatusAsync());
        Assert.Equal((lower.Position, true), (ledgerStatus.LastPosition, ledgerStatus.CaughtUp));
        Assert.Equal((higher.Position, true), (readModelStatus.LastPosition, readModelStatus.CaughtUp));

        // One more event, not yet applied: both say so.
        await store.AppendAsync(late, 1, [new Noted(late, "not applied yet")], Metadata());
        Assert.False((await ledger.StatusAsync()).Single(s => s.Name == LedgerProjection.ProjectionName).CaughtUp);
        Assert.False(Assert.Single(await daemon.StatusAsync()).CaughtUp);
        await daemon.DisposeAsync();
    }

    [Fact]
    public async Task a_rolled_back_gap_holds_a_read_model_back_no_longer_than_the_documented_bound_and_the_ledger_not_at_all()
    {
        var (store, daemon, readModel) = await StartAsync("rolled-back", new ReadModelDaemonOptions { CatchUpWait = RolledBackGapBound });
        var skipsBefore = await CountAsync(db.DataSource, "SELECT count(*) FROM mt_high_water_skips");
        var stream = NewStream();
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.AppendAsync(transaction, stream, ExpectedVersion.NoStream, [new Noted(stream, "never committed")], Metadata());
            await transaction.RollbackAsync();
        }

        var later = NewStream();
        var laterEvent = (await store.AppendAsync(later, ExpectedVersion.NoStream, [new Noted(later, "after the gap")], Metadata()))[0];

        // The catch-up fails (throws) when the gap holds the read model back longer than the bound.
        await daemon.CatchUpAsync(readModel.Name);
        await new ProjectionDaemon(store, [new LedgerProjection()]).CatchUpAsync(LedgerProjection.ProjectionName, wait: TimeSpan.Zero);
        await daemon.DisposeAsync();

        Assert.Equal([laterEvent.Position], await SeenAsync(readModel.Name, laterEvent.Position));
        Assert.True(await CountAsync(db.DataSource, "SELECT count(*) FROM mt_high_water_skips") > skipsBefore);
        Assert.Equal(1, await CountAsync(db.DataSource, $"SELECT count(*) FROM ledger WHERE position = {laterEvent.Position}"));
    }

    [Fact]
    public async Task an_event_a_read_model_cannot_apply_is_parked_with_its_batch_and_a_rebuild_applies_it_once_fixed()
    {
        var (store, daemon, readModel) = await StartAsync("parking");
        var trialA = NewStream();
        var trialB = NewStream();
        var a = await store.AppendAsync(trialA, ExpectedVersion.NoStream, [new Noted(trialA, "fine"), new Noted(trialA, "indigestible"), new Noted(trialA, "after")], Metadata());
        var b = await store.AppendAsync(trialB, ExpectedVersion.NoStream, [new Noted(trialB, "other trial")], Metadata());

        await daemon.CatchUpAsync(readModel.Name);

        Assert.Equal([a[0].Position, a[2].Position, b[0].Position], await SeenAsync(readModel.Name, a[0].Position, a[1].Position, a[2].Position, b[0].Position));
        var parked = Assert.Single(await ParkedAsync(readModel.Name));
        Assert.Equal((a[1].Position, trialA, "FormatException: cannot digest that"), parked);
        var status = Assert.Single(await daemon.StatusAsync());
        Assert.Equal(("running", null), (status.Status, status.Error));
        Assert.True(status.LastPosition >= b[0].Position);

        // Once the cause is fixed, a rebuild applies the parked event and clears it.
        readModel.Fixed = true;
        await daemon.RebuildAsync(readModel.Name);
        await daemon.CatchUpAsync(readModel.Name);
        await daemon.DisposeAsync();
        Assert.Equal([a[0].Position, a[1].Position, a[2].Position, b[0].Position], await SeenAsync(readModel.Name, a[0].Position, a[1].Position, a[2].Position, b[0].Position));
        Assert.Empty(await ParkedAsync(readModel.Name));
    }

    [Fact]
    public async Task a_second_node_sees_what_the_first_wrote_by_waiting_for_it_and_takes_over_at_once_after_its_clean_exit()
    {
        var (store, first, readModel) = await StartAsync("two-nodes");
        using var stop = new CancellationTokenSource();
        var running = first.RunAsync(stop.Token);
        var stream = NewStream();
        var e1 = (await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "one")], Metadata()))[0];
        await first.CatchUpAsync(readModel.Name);

        // A second node (a CLI command beside the web app) catches up while the first owns the read model.
        var (_, second, _) = await StartAsync("two-nodes", readModel: readModel);
        var e2 = (await store.AppendAsync(stream, 1, [new Noted(stream, "two")], Metadata()))[0];
        await second.CatchUpAsync(readModel.Name);
        Assert.Equal([e1.Position, e2.Position], await SeenAsync(readModel.Name, e1.Position, e2.Position));

        // The first exits cleanly: its advisory lock goes at once and the second applies what follows.
        await stop.CancelAsync();
        await running;
        await first.DisposeAsync();
        var e3 = (await store.AppendAsync(stream, 2, [new Noted(stream, "three")], Metadata()))[0];
        await second.CatchUpAsync(readModel.Name);
        await second.DisposeAsync();
        Assert.Equal([e1.Position, e2.Position, e3.Position], await SeenAsync(readModel.Name, e1.Position, e2.Position, e3.Position));
    }

    [Fact]
    public async Task a_read_model_gets_each_event_with_its_recorded_metadata_and_hash_and_never_one_written_around_the_append_path()
    {
        // Its own database: the event written around the append path would fail every other test's verify.
        await using var fresh = await PostgresServer.CreateDatabaseAsync();
        var (store, daemon, readModel) = await StartAsync("as-recorded", database: fresh.DataSource);
        var stream = NewStream();
        var metadata = Metadata("the source document says 41");
        var appended = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "VAS 42"), new NoteCorrected(stream, "VAS 41")], metadata);
        var around = NewStream();
        await using (var session = store.Marten.LightweightSession())
        {
            session.LastModifiedBy = "someone";
            session.CorrelationId = Guid.NewGuid().ToString();
            session.CausationId = Guid.NewGuid().ToString();
            session.SetHeader(EventStoreSchema.RoleHeader, "Coordinator");
            session.SetHeader(EventStoreSchema.CommandIdHeader, Guid.NewGuid().ToString());
            session.Events.StartStream(around, new Noted(around, "written around TrialOps"));
            await session.SaveChangesAsync();
        }

        var after = await store.AppendAsync(stream, 2, [new Noted(stream, "VAS 40")], Metadata());
        await daemon.CatchUpAsync(readModel.Name);
        await daemon.DisposeAsync();

        var seen = readModel.Applied.Where(e => e.StreamId == stream || e.StreamId == around).ToArray();
        Assert.Equal([.. appended, .. after], seen);
        Assert.DoesNotContain(readModel.Applied, e => e.StreamId == around);
    }

    private async Task<(EventStore.EventStore Store, ReadModelDaemon Daemon, SeenReadModel ReadModel)> StartAsync(string name, ReadModelDaemonOptions? options = null, SeenReadModel? readModel = null, Npgsql.NpgsqlDataSource? database = null)
    {
        database ??= db.DataSource;
        await ExecuteAsync(database, "CREATE TABLE IF NOT EXISTS read_model_seen (projection text NOT NULL, position bigint NOT NULL, PRIMARY KEY (projection, position))");
        readModel ??= new SeenReadModel(name);
        options ??= new ReadModelDaemonOptions { FencePolling = TimeSpan.FromMilliseconds(500) };
        EventStore.EventStore? store = null;
        var martenReadModel = new MartenReadModel(readModel, () => store!);
        store = new EventStore.EventStore(database, Registry, TimeProvider.System, null, o => options.Configure(o, [martenReadModel]));
        return (store, new ReadModelDaemon(store, [readModel], options), readModel);
    }

    private async Task<long[]> SeenAsync(string projection, params long[] positions)
    {
        await using var command = db.DataSource.CreateCommand("SELECT position FROM read_model_seen WHERE projection = $1 AND position = ANY($2) ORDER BY position");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = projection });
        command.Parameters.Add(new Npgsql.NpgsqlParameter<long[]> { TypedValue = positions });
        var seen = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            seen.Add(reader.GetInt64(0));
        }

        return [.. seen];
    }

    private async Task<List<(long Position, string StreamId, string Error)>> ParkedAsync(string projection)
    {
        await using var command = db.DataSource.CreateCommand("SELECT position, stream_id, error FROM projection_parked_events WHERE projection = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = projection });
        var parked = new List<(long, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            parked.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return parked;
    }

    /// <summary>Records the positions it applied; refuses "indigestible" until fixed.</summary>
    private sealed class SeenReadModel(string name) : IReadModelProjection
    {
        public string Name => name;

        public bool Fixed { get; set; }

        public IReadOnlyList<string> ResetStatements => [$"DELETE FROM read_model_seen WHERE projection = '{name}'"];

        /// <summary>The events of every page it applied, as they were given to it.</summary>
        public List<StoredEvent> Applied { get; } = [];

        public Task ApplyAsync(ReadModelBatch batch, IReadOnlyList<StoredEvent> events, CancellationToken ct)
        {
            if (!Fixed && events.Any(e => e.Data is Noted { Text: "indigestible" }))
            {
                throw new FormatException("cannot digest that");
            }

            Applied.AddRange(events);
            var command = new Npgsql.NpgsqlBatchCommand("INSERT INTO read_model_seen (projection, position) SELECT $1, unnest($2::bigint[])");
            command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = name });
            command.Parameters.Add(new Npgsql.NpgsqlParameter<long[]> { TypedValue = events.Select(e => e.Position).ToArray() });
            batch.Add(command);
            return Task.CompletedTask;
        }
    }
}
