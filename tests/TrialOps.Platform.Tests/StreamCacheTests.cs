using Npgsql;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

/// <summary>
/// A store keeps the streams it read and then reads only their tail; what it answers must still be
/// exactly what the tables hold, whoever wrote to them and whatever was rolled back.
/// </summary>
public sealed class StreamCacheTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task events_another_node_appended_after_a_read_are_in_the_next_read()
    {
        var (reader, writer) = (Store(db.DataSource), Store(db.DataSource));
        var stream = NewStream();
        await writer.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "1"), new Noted(stream, "2")], Metadata());
        Assert.Equal(["1", "2"], Texts(await reader.ReadStreamAsync(stream)));

        await writer.AppendAsync(stream, 2, [new Noted(stream, "3")], Metadata());
        await writer.AppendAsync(stream, 3, [new Noted(stream, "4"), new Noted(stream, "5")], Metadata());

        var again = await reader.ReadStreamAsync(stream);
        Assert.Equal(["1", "2", "3", "4", "5"], Texts(again));
        Assert.Equal([1, 2, 3, 4, 5], again.Select(e => e.Version));
        Assert.Equal(Shape(await Store(db.DataSource).ReadStreamAsync(stream)), Shape(again));
    }

    [Fact]
    public async Task an_append_read_inside_its_own_transaction_and_rolled_back_is_not_answered_later()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "kept")], Metadata());
        Assert.Single(await store.ReadStreamAsync(stream));

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.AppendAsync(transaction, stream, 1, [new Noted(stream, "rolled back")], Metadata());
            Assert.Equal(["kept", "rolled back"], Texts(await store.ReadStreamAsync(connection, transaction, stream)));
            await transaction.RollbackAsync();
        }

        Assert.Equal(["kept"], Texts(await store.ReadStreamAsync(stream)));

        // Another writer takes version 2 with other content: the cached prefix is not taken for it.
        await Store(db.DataSource).AppendAsync(stream, 1, [new Noted(stream, "written instead")], Metadata());
        Assert.Equal(["kept", "written instead"], Texts(await store.ReadStreamAsync(stream)));
    }

    [Fact]
    public async Task a_cached_stream_whose_last_event_was_replaced_in_the_tables_is_read_again_whole()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "a"), new Noted(stream, "b")], Metadata());
        Assert.Equal(2, (await store.ReadStreamAsync(stream)).Count);

        // As after restoring an older backup: the newest event and its hash row are gone.
        await using (var delete = db.DataSource.CreateCommand(
            "WITH gone AS (DELETE FROM mt_events WHERE stream_id = $1 AND version = 2 RETURNING seq_id) DELETE FROM event_hashes WHERE seq_id IN (SELECT seq_id FROM gone)"))
        {
            delete.Parameters.AddWithValue(stream);
            await delete.ExecuteNonQueryAsync();
        }

        Assert.Equal(["a"], Texts(await store.ReadStreamAsync(stream)));
    }

    [Fact]
    public async Task reads_as_of_a_position_are_not_served_from_the_cache()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();
        var first = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "before")], Metadata());
        await store.AppendAsync(stream, 1, [new Noted(stream, "after")], Metadata());
        Assert.Equal(2, (await store.ReadStreamAsync(stream)).Count);

        var asOf = await store.ReadStreamAsync(stream, first[0].Position);

        Assert.True(asOf.Count <= 1, "a read as of the first event's position must not hold the later one");
    }

    [Fact]
    public async Task streams_read_together_with_a_leading_query_are_each_exactly_what_the_tables_hold()
    {
        var (store, other) = (Store(db.DataSource), Store(db.DataSource));
        var (moved, unchanged, unread) = (NewStream(), NewStream(), NewStream());
        await other.AppendAsync(moved, ExpectedVersion.NoStream, [new Noted(moved, "1")], Metadata());
        await other.AppendAsync(unchanged, ExpectedVersion.NoStream, [new Noted(unchanged, "only")], Metadata());
        await other.AppendAsync(unread, ExpectedVersion.NoStream, [new Noted(unread, "x"), new Noted(unread, "y")], Metadata());
        await store.ReadStreamAsync(moved);
        await store.ReadStreamAsync(unchanged);
        await other.AppendAsync(moved, 1, [new Noted(moved, "2"), new Noted(moved, "3")], Metadata());

        await using var connection = await db.DataSource.OpenConnectionAsync();
        long? leading = null;
        var read = await store.ReadStreamsAsync(
            connection,
            null,
            [moved, unchanged, unread, NewStream()],
            new NpgsqlBatchCommand("SELECT 41 + 1"),
            async (reader, ct) => leading = await reader.ReadAsync(ct) ? reader.GetInt32(0) : null);

        Assert.Equal(42, leading);
        Assert.Equal(["1", "2", "3"], Texts(read[0]));
        Assert.Equal(["only"], Texts(read[1]));
        Assert.Equal(["x", "y"], Texts(read[2]));
        Assert.Empty(read[3]);
        var fresh = Store(db.DataSource);
        Assert.Equal(Shape(await fresh.ReadStreamAsync(moved)), Shape(read[0]));
        Assert.Equal(Shape(await fresh.ReadStreamAsync(unchanged)), Shape(read[1]));
        Assert.Equal(Shape(await fresh.ReadStreamAsync(unread)), Shape(read[2]));
    }

    [Fact]
    public async Task what_a_command_committed_is_answered_from_memory_exactly_as_the_tables_hold_it()
    {
        var executor = new CommandExecutor(Store(db.DataSource), TimeProvider.System);
        var stream = NewStream();
        Decision Note(StreamSet streams, DateTimeOffset now) => Decision.Append(stream, new Noted(stream, $"note {streams[stream].Count + 1}"));
        var first = await executor.ExecuteAsync(Context(), [stream], Note);
        var second = await executor.ExecuteAsync(Context(), [stream], Note);

        var answered = executor.Store.CachedThrough(stream, second.Positions.Max());

        Assert.NotNull(answered);
        Assert.Equal(["note 1", "note 2"], Texts(answered));
        Assert.Equal(Shape(await Store(db.DataSource).ReadStreamAsync(stream)), Shape(answered));
        Assert.True(first.Positions.Max() < second.Positions.Max());
    }

    [Fact]
    public async Task a_command_answer_is_not_taken_from_memory_that_does_not_reach_the_command()
    {
        var (store, other) = (Store(db.DataSource), Store(db.DataSource));
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "read")], Metadata());
        await store.ReadStreamAsync(stream);
        var later = await other.AppendAsync(stream, 1, [new Noted(stream, "by another node")], Metadata());

        Assert.Null(store.CachedThrough(stream, later[0].Position));
        Assert.Null(store.CachedThrough(NewStream(), 1));
    }

    private static string[] Texts(IReadOnlyList<StoredEvent> events) => events.Select(e => ((Noted)e.Data).Text).ToArray();

    private static string[] Shape(IReadOnlyList<StoredEvent> events) => events.Select(e => $"{e.Position}:{e.Version}:{e.Hash}").ToArray();
}
