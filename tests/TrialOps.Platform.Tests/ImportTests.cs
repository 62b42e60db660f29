using Marten;
using TrialOps.EventStore;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

/// <summary>Issue 9, item 8: the bulk path (COPY) writes what the append path writes, under the same rules.</summary>
public sealed class ImportTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task imported_streams_are_marten_streams_that_read_back_verify_reach_the_ledger_and_take_further_appends()
    {
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new LedgerProjection()]);
        var first = NewStream();
        var second = NewStream();
        var metadata = Metadata("imported from the site's paper records");

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.ImportAsync(transaction,
                [
                    new ImportedStream(first, [new Noted(first, "VAS 42"), new NoteCorrected(first, "VAS 41")]),
                    new ImportedStream(second, [new Noted(second, "grade 2")]),
                ],
                metadata);
            await transaction.CommitAsync();
        }

        var read = await store.ReadStreamAsync(first);
        Assert.Equal([1, 2], read.Select(e => e.Version));
        Assert.Equal([new Noted(first, "VAS 42"), (object)new NoteCorrected(first, "VAS 41")], read.Select(e => e.Data));
        Assert.All(read, e => Assert.Equal(metadata, e.Metadata));
        Assert.True(read[0].Position < read[1].Position);

        // Marten reads them as its own: stream version, event types and metadata columns.
        await using (var query = store.Marten.QuerySession())
        {
            var state = await query.Events.FetchStreamStateAsync(first);
            Assert.Equal(2, state!.Version);
            var events = await query.Events.FetchStreamAsync(second);
            var only = Assert.Single(events);
            Assert.Equal(new Noted(second, "grade 2"), only.Data);
            Assert.Equal("user-1", only.UserName);
            Assert.Equal(metadata.CorrelationId.ToString("D"), only.CorrelationId);
        }

        await daemon.CatchUpAsync(LedgerProjection.ProjectionName);
        Assert.True((await ChainVerifier.VerifyAsync(db.DataSource)).Intact);

        // The chain goes on from the imported head.
        await store.AppendAsync(first, 2, [new Noted(first, "VAS 39")], Metadata());
        await daemon.CatchUpAsync(LedgerProjection.ProjectionName);
        var verified = await ChainVerifier.VerifyAsync(db.DataSource);
        Assert.True(verified.Intact, verified.FirstBreak);
        Assert.Equal(3, (await store.ReadStreamAsync(first)).Count);
    }

    [Fact]
    public async Task an_import_is_refused_by_the_metadata_rule_before_anything_is_written()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var noReason = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.ImportAsync(transaction, [new ImportedStream(stream, [new Noted(stream, "a"), new NoteCorrected(stream, "b")])], Metadata()));
        Assert.Contains("needs a reason", noReason.Message);

        var id = Guid.NewGuid();
        var noActor = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.ImportAsync(transaction, [new ImportedStream(stream, [new Noted(stream, "a")])], new EventMetadata("", "Coordinator", null, id, id, id)));
        Assert.Contains("actor", noActor.Message);

        await transaction.CommitAsync();
        Assert.Equal(0, await CountAsync(db.DataSource, $"SELECT count(*) FROM mt_events WHERE stream_id = '{stream}'"));
    }

    [Fact]
    public async Task an_import_that_names_an_existing_stream_is_a_conflict_and_leaves_every_stream_as_it_was()
    {
        var store = Store(db.DataSource);
        var existing = NewStream();
        var fresh = NewStream();
        await store.AppendAsync(existing, ExpectedVersion.NoStream, [new Noted(existing, "recorded first")], Metadata());

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() =>
                store.ImportAsync(transaction, [new ImportedStream(fresh, [new Noted(fresh, "new")]), new ImportedStream(existing, [new Noted(existing, "again")])], Metadata()));
            Assert.Equal(1, conflict.ActualVersion);
            await transaction.RollbackAsync();
        }

        Assert.Equal(["recorded first"], (await store.ReadStreamAsync(existing)).Select(e => ((Noted)e.Data).Text));
        Assert.Equal(0, await CountAsync(db.DataSource, $"SELECT count(*) FROM mt_streams WHERE id = '{fresh}'"));
        Assert.Equal(0, await CountAsync(db.DataSource, $"SELECT count(*) FROM event_hashes WHERE stream_id = '{fresh}'"));
    }
}
