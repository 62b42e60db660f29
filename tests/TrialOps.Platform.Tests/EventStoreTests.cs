using Npgsql;
using TrialOps.EventStore;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

public sealed class EventStoreTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task appending_at_a_stale_expected_version_fails_with_a_concurrency_error_and_writes_nothing()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "first")], Metadata());

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "second")], Metadata()));

        Assert.Equal(1, error.ActualVersion);
        var events = await store.ReadStreamAsync(stream);
        Assert.Equal(["first"], events.Select(e => ((Noted)e.Data).Text));
    }

    [Fact]
    public async Task two_writers_racing_on_one_stream_version_leave_exactly_one_winner()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "created")], Metadata());

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.AppendAsync(stream, 1, [new Noted(stream, $"writer {i}")], Metadata());
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        })).ToArray();

        var outcomes = await Task.WhenAll(attempts);
        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal([1, 2], (await store.ReadStreamAsync(stream)).Select(e => e.Version));
    }

    [Fact]
    public async Task events_keep_their_alias_data_and_mandatory_metadata()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();
        var metadata = Metadata();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "hello")], metadata);

        var stored = Assert.Single(await store.ReadStreamAsync(stream));
        Assert.Equal("test.noted.v1", stored.Type);
        Assert.Equal(new Noted(stream, "hello"), stored.Data);
        Assert.Equal(metadata, stored.Metadata);
        Assert.Equal(64, stored.Hash.Length);
    }

    [Fact]
    public async Task an_event_that_changes_a_recorded_value_is_refused_without_a_reason()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AppendAsync(stream, ExpectedVersion.NoStream, [new NoteCorrected(stream, "x")], Metadata(reason: null)));
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new NoteCorrected(stream, "x")], Metadata(reason: "typo in source document"));

        Assert.Equal("typo in source document", Assert.Single(await store.ReadStreamAsync(stream)).Metadata.Reason);
    }

    [Fact]
    public async Task an_event_without_an_actor_is_refused()
    {
        var store = Store(db.DataSource);
        var id = Guid.NewGuid();
        var stream = NewStream();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "x")], new EventMetadata("", "Coordinator", null, id, id, id)));
        Assert.Empty(await store.ReadStreamAsync(stream));
    }

    [Fact]
    public async Task a_failing_inline_projection_rolls_back_the_whole_append()
    {
        var store = Store(db.DataSource, new FailingInlineProjection());
        var stream = NewStream();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "a"), new Noted(stream, "fail")], Metadata()));

        Assert.Empty(await store.ReadStreamAsync(stream));
        Assert.Equal(0, await CountAsync(db.DataSource, $"SELECT count(*) FROM mt_streams WHERE id = '{stream}'"));
    }

    [Fact]
    public async Task reading_as_of_a_global_position_returns_the_stream_as_it_was_then()
    {
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new LedgerProjection()]);
        var stream = NewStream();
        var first = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "v1")], Metadata());
        await store.AppendAsync(stream, 1, [new Noted(stream, "v2")], Metadata());
        await daemon.CatchUpAsync(LedgerProjection.ProjectionName);

        var then = await store.ReadStreamAsync(stream, first[0].Position);
        var now = await store.ReadStreamAsync(stream);

        Assert.Equal(["v1"], then.Select(e => ((Noted)e.Data).Text));
        Assert.Equal(["v1", "v2"], now.Select(e => ((Noted)e.Data).Text));
    }

    private sealed class FailingInlineProjection : IInlineProjection
    {
        public Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct) =>
            events.Any(e => e.Data is Noted { Text: "fail" })
                ? throw new InvalidOperationException("inline projection refused")
                : Task.CompletedTask;
    }
}
