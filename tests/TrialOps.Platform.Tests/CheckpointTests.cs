using System.Security.Cryptography;
using TrialOps.EventStore;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

/// <summary>
/// Tampering by someone with database access only: without the checkpoint key (kept outside the
/// database) an edit cannot be re-signed, and the newest checkpoint kept outside the database
/// finds deletions of the newest events.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly CheckpointSigner _signer = new(RandomNumberGenerator.GetBytes(32));
    private readonly string _anchorFolder = Path.Combine(Path.GetTempPath(), $"trialops-anchor-{Guid.NewGuid():N}");

    private CheckpointAnchor Anchor => new(_anchorFolder);

    [Fact]
    public async Task an_edit_with_its_chain_and_ledger_recomputed_passes_the_chains_but_not_the_signed_checkpoint()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new LedgerProjection(_signer, Anchor)]);
        var stream = NewStream();
        var stored = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "grade 3")], Metadata());
        await daemon.CatchUpAsync(LedgerProjection.ProjectionName);
        Assert.True((await ChainVerifier.VerifyAsync(db.DataSource, _signer, Anchor)).Intact);

        var forged = Registry.Serialize(new Noted(stream, "grade 1"));
        var eventHash = EventHasher.HashEvent(EventHasher.Genesis, stream, 1, "test.noted.v1", CanonicalJson.Canonicalize(forged), StoredMetadata.From(stored[0].Metadata), stored[0].RecordedAt);
        var ledgerHash = EventHasher.HashLedger(EventHasher.Genesis, 1, stored[0].Position, eventHash);
        await ExecuteAsync(db.DataSource,
            $"""
             UPDATE mt_events SET data = '{forged}' WHERE seq_id = {stored[0].Position};
             UPDATE event_hashes SET hash = '{eventHash}' WHERE seq_id = {stored[0].Position};
             UPDATE ledger SET hash = '{ledgerHash}' WHERE sequence = 1;
             """);

        var result = await ChainVerifier.VerifyAsync(db.DataSource, _signer, Anchor);
        Assert.False(result.Intact);
        // The stream chain and the ledger were recomputed consistently: only the signed checkpoint tells.
        Assert.StartsWith("ledger checkpoint 1", result.FirstBreak);

        await ExecuteAsync(db.DataSource, $"UPDATE ledger_checkpoints SET ledger_hash = '{ledgerHash}' WHERE sequence = 1");
        var resigned = await ChainVerifier.VerifyAsync(db.DataSource, _signer, Anchor);
        Assert.False(resigned.Intact);
        Assert.Contains("signature does not verify", resigned.FirstBreak);
    }

    [Fact]
    public async Task the_newest_event_deleted_with_its_stream_hash_ledger_and_checkpoint_rows_is_found_by_the_checkpoint_kept_outside()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new LedgerProjection(_signer, Anchor)]);
        var first = NewStream();
        await store.AppendAsync(first, ExpectedVersion.NoStream, [new Noted(first, "SAE reported")], Metadata());
        await daemon.CatchUpAsync(LedgerProjection.ProjectionName);
        var newest = NewStream();
        var stored = await store.AppendAsync(newest, ExpectedVersion.NoStream, [new Noted(newest, "SAE outcome: fatal")], Metadata());
        await daemon.CatchUpAsync(LedgerProjection.ProjectionName);

        await ExecuteAsync(db.DataSource,
            $"""
             DELETE FROM event_hashes WHERE seq_id = {stored[0].Position};
             DELETE FROM mt_events WHERE seq_id = {stored[0].Position};
             DELETE FROM mt_streams WHERE id = '{newest}';
             DELETE FROM ledger WHERE position = {stored[0].Position};
             DELETE FROM ledger_checkpoints WHERE position = {stored[0].Position};
             """);

        Assert.True((await ChainVerifier.VerifyAsync(db.DataSource, _signer)).Intact, "nothing inside the database shows the deletion");
        var result = await ChainVerifier.VerifyAsync(db.DataSource, _signer, Anchor);
        Assert.False(result.Intact);
        Assert.Contains("kept outside the database", result.FirstBreak);
        Assert.Contains($"position {stored[0].Position}", result.FirstBreak);
    }

    [Fact]
    public async Task events_whose_positions_were_swapped_break_the_ledger()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var store = Store(db.DataSource);
        var daemon = new ProjectionDaemon(store, [new LedgerProjection(_signer, Anchor)]);
        var (a, b) = (NewStream(), NewStream());
        var first = await store.AppendAsync(a, ExpectedVersion.NoStream, [new Noted(a, "randomized")], Metadata());
        var second = await store.AppendAsync(b, ExpectedVersion.NoStream, [new Noted(b, "randomized")], Metadata());
        await daemon.CatchUpAsync(LedgerProjection.ProjectionName);
        var (p, q) = (first[0].Position, second[0].Position);
        await ExecuteAsync(db.DataSource,
            $"""
             UPDATE event_hashes SET seq_id = -1 WHERE seq_id = {p};
             UPDATE event_hashes SET seq_id = {p} WHERE seq_id = {q};
             UPDATE event_hashes SET seq_id = {q} WHERE seq_id = -1;
             UPDATE mt_events SET seq_id = -1 WHERE seq_id = {p};
             UPDATE mt_events SET seq_id = {p} WHERE seq_id = {q};
             UPDATE mt_events SET seq_id = {q} WHERE seq_id = -1;
             """);

        var result = await ChainVerifier.VerifyAsync(db.DataSource, _signer, Anchor);
        Assert.False(result.Intact);
        Assert.Contains("ledger entry", result.FirstBreak);
    }

    [Fact]
    public async Task a_checkpoint_signed_with_another_key_is_named()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var store = Store(db.DataSource);
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "VAS 40")], Metadata());
        await new ProjectionDaemon(store, [new LedgerProjection(_signer)]).CatchUpAsync(LedgerProjection.ProjectionName);

        var other = new CheckpointSigner(RandomNumberGenerator.GetBytes(32));
        var result = await ChainVerifier.VerifyAsync(db.DataSource, other);

        Assert.False(result.Intact);
        Assert.Contains($"another key ({_signer.KeyId})", result.FirstBreak);
    }

    public void Dispose()
    {
        if (Directory.Exists(_anchorFolder))
        {
            Directory.Delete(_anchorFolder, recursive: true);
        }
    }
}
