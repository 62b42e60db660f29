using System.Buffers;
using System.Text;
using Marten;
using Npgsql;
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

    [Fact]
    public async Task imported_rows_are_column_for_column_the_rows_an_append_writes()
    {
        // One clock for both paths, so that even the recorded times must agree.
        var store = new EventStore.EventStore(db.DataSource, Registry, new FixedClock(new DateTimeOffset(2026, 12, 4, 9, 30, 15, 123, 457, TimeSpan.Zero)));
        var appended = NewStream();
        var imported = NewStream();
        var metadata = Metadata("transcribed from the paper CRF \"v2\"");
        // The same data in both streams (the records name the appended one), for the data column to compare.
        var stream = appended;
        object[] events =
        [
            new Noted(stream, "plain"),
            new Measured(stream, "quote \" backslash \\ tab \t newline \n bell \u0007 é 漢字 😀 </script>", 1.50m, 0.1, long.MaxValue,
                ["a", "", "ü"], new Dictionary<string, decimal> { ["zeta"] = 100m, ["alpha"] = -0.000m, ["Émile"] = 1e-7m }, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))),
            new NoteCorrected(stream, "{\"not\": \"json\"}"),
            new Measured(stream, "", -120m, -1.5e-300, 0, [], null, DateTimeOffset.UnixEpoch),
        ];

        await store.AppendAsync(appended, ExpectedVersion.NoStream, events, metadata);
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.ImportAsync(transaction, [new ImportedStream(imported, events)], metadata);
            await transaction.CommitAsync();
        }

        // Every column (whatever Marten's schema holds) but the ones that name the row: position, event id, stream id, transaction.
        const string EventColumns =
            """
            SELECT (to_jsonb(m) - 'seq_id' - 'id' - 'stream_id')::text, (to_jsonb(h) - 'seq_id' - 'stream_id' - 'hash' - 'tx_id')::text,
                   h.tx_id IS NOT NULL, m.id IS NOT NULL
            FROM mt_events m JOIN event_hashes h ON h.seq_id = m.seq_id AND h.stream_id = m.stream_id WHERE m.stream_id = $1 ORDER BY m.version
            """;
        // A stream's times are its transaction's, in both paths.
        const string StreamColumns = "SELECT (to_jsonb(s) - 'id' - 'timestamp' - 'created')::text, created = timestamp AND created > now() - interval '1 hour' FROM mt_streams s WHERE id = $1";
        var appendedEvents = await RowsAsync(EventColumns, appended);
        Assert.Equal(4, appendedEvents.Count);
        Assert.Equal(appendedEvents, await RowsAsync(EventColumns, imported));
        Assert.Equal(await RowsAsync(StreamColumns, appended), await RowsAsync(StreamColumns, imported));
        Assert.Single(await RowsAsync(StreamColumns, imported));

        // The hashes are the ones the append path computes, from the serializer's text.
        var read = await store.ReadStreamAsync(imported);
        var hash = EventHasher.Genesis;
        foreach (var (e, data) in read.Zip(events))
        {
            hash = EventHasher.HashEvent(hash, imported, e.Version, Registry.AliasOf(data.GetType()), CanonicalJson.Canonicalize(Registry.Serialize(data)),
                StoredMetadata.From(metadata), e.RecordedAt);
            Assert.Equal(hash, e.Hash);
        }

        // Read back through our store and through Marten: the same events, metadata and versions.
        var viaAppend = await store.ReadStreamAsync(appended);
        Assert.Equal(viaAppend.Select(e => (e.Version, e.Type, e.Metadata, e.RecordedAt)), read.Select(e => (e.Version, e.Type, e.Metadata, e.RecordedAt)));
        // (As JSON: the records hold lists, which compare by reference.)
        var expectedJson = events.Select(Registry.Serialize).ToArray();
        Assert.Equal(expectedJson, read.Select(e => Registry.Serialize(e.Data)));
        await using var query = store.Marten.QuerySession();
        var martenAppended = await query.Events.FetchStreamAsync(appended);
        var martenImported = await query.Events.FetchStreamAsync(imported);
        Assert.Equal(expectedJson, martenImported.Select(e => Registry.Serialize(e.Data)));
        Assert.Equal(
            martenAppended.Select(e => (e.Version, e.EventTypeName, e.DotNetTypeName, e.Timestamp, e.UserName, e.CorrelationId, e.CausationId, e.TenantId, string.Join(";", e.Headers!.OrderBy(h => h.Key).Select(h => $"{h.Key}={h.Value}")))),
            martenImported.Select(e => (e.Version, e.EventTypeName, e.DotNetTypeName, e.Timestamp, e.UserName, e.CorrelationId, e.CausationId, e.TenantId, string.Join(";", e.Headers!.OrderBy(h => h.Key).Select(h => $"{h.Key}={h.Value}")))));
        Assert.Equal((await query.Events.FetchStreamStateAsync(appended))!.Version, (await query.Events.FetchStreamStateAsync(imported))!.Version);
        Assert.True((await ChainVerifier.VerifyAsync(db.DataSource)).Intact);
    }

    [Fact]
    public async Task an_import_that_fails_midway_cancels_its_copy_so_nothing_is_written_and_the_connection_goes_on()
    {
        var store = Store(db.DataSource);
        var first = NewStream();
        var second = NewStream();
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // The streams' rows are sent and the first stream's events too when the unknown event is met.
            var many = Enumerable.Range(0, 2_000).Select(i => (object)new Noted(first, $"note {i}")).ToArray();
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                store.ImportAsync(transaction, [new ImportedStream(first, many), new ImportedStream(second, [new Noted(second, "a"), new Unregistered(second)])], Metadata()));

            // PostgreSQL failed the transaction (a COPY ended normally would have left it usable and its rows in it).
            await using var probe = new NpgsqlCommand("SELECT 1", connection, transaction);
            var failed = await Assert.ThrowsAsync<PostgresException>(() => probe.ExecuteScalarAsync());
            Assert.Equal(PostgresErrorCodes.InFailedSqlTransaction, failed.SqlState);
            await transaction.RollbackAsync();
        }

        foreach (var table in new[] { "mt_streams WHERE id", "mt_events WHERE stream_id", "event_hashes WHERE stream_id" })
        {
            Assert.Equal(0, await CountAsync(db.DataSource, $"SELECT count(*) FROM {table} IN ('{first}', '{second}')"));
        }

        // The same connection imports afterwards.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.ImportAsync(transaction, [new ImportedStream(first, [new Noted(first, "again")])], Metadata());
            await transaction.CommitAsync();
        }

        Assert.Equal(["again"], (await store.ReadStreamAsync(first)).Select(e => ((Noted)e.Data).Text));
    }

    [Fact]
    public async Task after_a_conflict_the_connection_rolls_back_and_imports_again()
    {
        var store = Store(db.DataSource);
        var existing = NewStream();
        var fresh = NewStream();
        await store.AppendAsync(existing, ExpectedVersion.NoStream, [new Noted(existing, "recorded first")], Metadata());
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Assert.ThrowsAsync<ConcurrencyException>(() =>
                store.ImportAsync(transaction, [new ImportedStream(fresh, [new Noted(fresh, "new")]), new ImportedStream(existing, [new Noted(existing, "again")])], Metadata()));
            await transaction.RollbackAsync();
        }

        foreach (var table in new[] { "mt_events WHERE stream_id", "event_hashes WHERE stream_id" })
        {
            Assert.Equal(1, await CountAsync(db.DataSource, $"SELECT count(*) FROM {table} IN ('{fresh}', '{existing}')"));
        }

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.ImportAsync(transaction, [new ImportedStream(fresh, [new Noted(fresh, "new")])], Metadata());
            await transaction.CommitAsync();
        }

        Assert.Single(await store.ReadStreamAsync(fresh));
    }

    [Theory]
    [InlineData("""{"b":1,"a":[1.50,-0,1E+20,0.000012e3,"x\u0041\"\\\/\u001f\b"],"é":{"z":null,"y":true,"x":false}}""")]
    [InlineData("""["\ud83d\ude00 😀 \u2028", 0, -0.0, 10, 7e0, 5.7900E1, "", {}, [], "\u00e9"]""")]
    [InlineData("""{"Z":1,"a":2,"\uE000":3,"\uD83D\uDE00":4,"_":5}""")]
    [InlineData("-12.3400")]
    [InlineData("\"plain\"")]
    public void canonical_json_from_utf8_is_the_utf8_of_the_canonical_text(string json)
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write("prefix"u8);
        var length = CanonicalJson.CanonicalizeUtf8(Encoding.UTF8.GetBytes(json), output);
        var expected = CanonicalJson.Canonicalize(json);
        Assert.Equal(Encoding.UTF8.GetBytes("prefix" + expected), output.WrittenSpan.ToArray());
        Assert.Equal(expected.Length, length);
    }

    private async Task<List<string>> RowsAsync(string sql, string streamId)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
