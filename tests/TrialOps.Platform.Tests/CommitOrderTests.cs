using Npgsql;
using TrialOps.EventStore;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

public sealed class CommitOrderTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task a_consumer_does_not_skip_events_of_a_transaction_held_open_while_later_ones_commit()
    {
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new RecordingProjection("slow-writer"), new LedgerProjection()]);
        await daemon.DrainAsync("slow-writer");
        var baseline = RecordingProjection.Seen("slow-writer").Count;
        var slowStream = NewStream();
        var fastStream = NewStream();

        // The slow writer gets its transaction id and position first, then stalls before committing.
        await using var slow = await db.DataSource.OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        var slowEvent = (await store.AppendAsync(slowTransaction, slowStream, ExpectedVersion.NoStream, [new Noted(slowStream, "slow")], Metadata()))[0];

        var fastEvent = (await store.AppendAsync(fastStream, ExpectedVersion.NoStream, [new Noted(fastStream, "fast")], Metadata()))[0];
        Assert.True(fastEvent.Position > slowEvent.Position);

        await daemon.DrainAsync("slow-writer");
        Assert.Equal(baseline, RecordingProjection.Seen("slow-writer").Count);

        await slowTransaction.CommitAsync();
        await daemon.CatchUpAsync("slow-writer");

        var seen = RecordingProjection.Seen("slow-writer").Skip(baseline).ToArray();
        Assert.Equal([slowEvent.Position, fastEvent.Position], seen);
    }

    [Fact]
    public async Task an_older_transaction_that_writes_last_is_not_skipped_when_a_younger_one_commits_after_it()
    {
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new RecordingProjection("older-writer")]);
        await daemon.DrainAsync("older-writer");
        var baseline = RecordingProjection.Seen("older-writer").Count;
        var olderStream = NewStream();
        var youngerStream = NewStream();

        // The older transaction takes its id first but appends after the younger one took a lower position.
        await using var older = await db.DataSource.OpenConnectionAsync();
        await using var olderTransaction = await older.BeginTransactionAsync();
        await using (var takeId = new NpgsqlCommand("SELECT pg_current_xact_id()", older, olderTransaction))
        {
            await takeId.ExecuteScalarAsync();
        }

        await using var younger = await db.DataSource.OpenConnectionAsync();
        await using var youngerTransaction = await younger.BeginTransactionAsync();
        var youngerEvent = (await store.AppendAsync(youngerTransaction, youngerStream, ExpectedVersion.NoStream, [new Noted(youngerStream, "younger")], Metadata()))[0];
        var olderEvent = (await store.AppendAsync(olderTransaction, olderStream, ExpectedVersion.NoStream, [new Noted(olderStream, "older")], Metadata()))[0];
        Assert.True(olderEvent.Position > youngerEvent.Position);

        await olderTransaction.CommitAsync();
        await daemon.DrainAsync("older-writer");
        await youngerTransaction.CommitAsync();
        await daemon.CatchUpAsync("older-writer");

        var seen = RecordingProjection.Seen("older-writer").Skip(baseline).ToArray();
        Assert.Equal([olderEvent.Position, youngerEvent.Position], seen);
    }

    [Fact]
    public async Task the_ledger_seals_every_event_once_whatever_the_commit_order()
    {
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new LedgerProjection()]);
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var stream = NewStream();
                await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "a"), new Noted(stream, "b")], Metadata());
            }
        })).ToArray();
        var sealer = Task.Run(async () =>
        {
            while (!writers.All(w => w.IsCompleted))
            {
                await daemon.DrainAsync(LedgerProjection.ProjectionName);
            }
        });
        await Task.WhenAll(writers);
        await sealer;
        await daemon.CatchUpAsync(LedgerProjection.ProjectionName);

        Assert.Equal(
            await CountAsync(db.DataSource, "SELECT count(*) FROM event_hashes"),
            await CountAsync(db.DataSource, "SELECT count(DISTINCT position) FROM ledger"));
        Assert.True((await ChainVerifier.VerifyAsync(db.DataSource)).Intact);
    }
}

/// <summary>Remembers the positions it was given, per projection name, in order.</summary>
internal sealed class RecordingProjection(string name) : IProjection
{
    private static readonly Dictionary<string, List<long>> Positions = [];

    public string Name => name;

    public static IReadOnlyList<long> Seen(string name)
    {
        lock (Positions)
        {
            return Positions.TryGetValue(name, out var list) ? list.ToArray() : [];
        }
    }

    public Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        lock (Positions)
        {
            if (!Positions.TryGetValue(name, out var list))
            {
                Positions[name] = list = [];
            }

            list.AddRange(events.Select(e => e.Position));
        }

        return Task.CompletedTask;
    }

    public Task ResetAsync(NpgsqlTransaction transaction, CancellationToken ct)
    {
        lock (Positions)
        {
            Positions.Remove(name);
        }

        return Task.CompletedTask;
    }
}
