using TrialOps.EventStore;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

public sealed class VerifyTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task verify_reports_the_event_whose_data_was_changed_by_sql()
    {
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new LedgerProjection()]);
        var stream = NewStream();
        var stored = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "VAS 42"), new Noted(stream, "VAS 40")], Metadata());
        await daemon.CatchUpAsync(LedgerProjection.ProjectionName);
        Assert.True((await ChainVerifier.VerifyAsync(db.DataSource)).Intact);

        await using (var tamper = db.DataSource.CreateCommand($"UPDATE mt_events SET data = '{{\"streamId\":\"{stream}\",\"text\":\"VAS 12\"}}' WHERE seq_id = {stored[0].Position}"))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var result = await ChainVerifier.VerifyAsync(db.DataSource);
        Assert.False(result.Intact);
        Assert.Contains($"position {stored[0].Position}", result.FirstBreak);
    }
}

public sealed class LedgerTamperTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task verify_catches_a_rewritten_event_whose_stream_hash_was_recomputed_through_the_ledger()
    {
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new LedgerProjection()]);
        var stream = NewStream();
        var stored = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "grade 3")], Metadata());
        await daemon.CatchUpAsync(LedgerProjection.ProjectionName);

        var forged = new Noted(stream, "grade 1");
        var data = Registry.Serialize(forged);
        var hash = EventHasher.HashEvent(EventHasher.Genesis, stream, 1, "test.noted.v1", CanonicalJson.Canonicalize(data), StoredMetadata.From(stored[0].Metadata), stored[0].RecordedAt);
        await using (var tamper = db.DataSource.CreateCommand(
            $"UPDATE mt_events SET data = '{data}' WHERE seq_id = {stored[0].Position}; UPDATE event_hashes SET hash = '{hash}' WHERE seq_id = {stored[0].Position}"))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var result = await ChainVerifier.VerifyAsync(db.DataSource);
        Assert.False(result.Intact);
        Assert.Contains($"position {stored[0].Position}", result.FirstBreak);
        Assert.Contains("ledger", result.FirstBreak);
    }
}
