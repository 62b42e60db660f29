using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace TrialOps.EventStore;

/// <summary>A ledger entry (its sequence, event position and chained hash) signed with the checkpoint key.</summary>
public sealed record LedgerCheckpoint(long Sequence, long Position, string LedgerHash, string KeyId, string Signature);

/// <summary>
/// Signs ledger heads with HMAC-SHA256 under a key kept outside the database (DESIGN.md §3): whoever
/// can only write to the database can delete the newest events with their ledger entries, or
/// recompute every chain and the ledger after an edit, but cannot sign the result.
/// </summary>
public sealed class CheckpointSigner(byte[] key)
{
    /// <summary>Names the key without revealing it (the first 16 hex digits of its SHA-256).</summary>
    public string KeyId { get; } = Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    public LedgerCheckpoint Sign(long sequence, long position, string ledgerHash) =>
        new(sequence, position, ledgerHash, KeyId, Compute(sequence, position, ledgerHash));

    public bool IsValid(LedgerCheckpoint checkpoint) =>
        checkpoint.KeyId == KeyId
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(checkpoint.Signature), Encoding.ASCII.GetBytes(Compute(checkpoint.Sequence, checkpoint.Position, checkpoint.LedgerHash)));

    private string Compute(long sequence, long position, string ledgerHash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"trialops.ledger-checkpoint.v1\n{sequence}\n{position}\n{ledgerHash}"))));
}

/// <summary>
/// The newest signed checkpoint of each database, kept outside it (a file per database under
/// TRIALOPS_HOME/ledger-heads), so that deleting the newest events together with their ledger
/// entries and checkpoint rows is still found by <c>trialops verify</c>.
/// </summary>
public sealed class CheckpointAnchor(string folder)
{
    public string Folder => folder;

    public async Task<LedgerCheckpoint?> ReadAsync(NpgsqlConnection connection, CancellationToken ct = default) =>
        await ReadAsync(await PathForAsync(connection, ct), ct);

    /// <summary>Keeps <paramref name="checkpoint"/> when it is newer than the one kept (never moves back).</summary>
    public async Task AdvanceAsync(NpgsqlConnection connection, LedgerCheckpoint checkpoint, CancellationToken ct = default)
    {
        var path = await PathForAsync(connection, ct);
        if (await ReadAsync(path, ct) is { } kept && kept.Sequence >= checkpoint.Sequence)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(checkpoint, EventTypeRegistry.JsonOptions), ct);
        File.Move(temporary, path, overwrite: true);
    }

    private static async Task<LedgerCheckpoint?> ReadAsync(string path, CancellationToken ct) =>
        File.Exists(path) ? JsonSerializer.Deserialize<LedgerCheckpoint>(await File.ReadAllTextAsync(path, ct), EventTypeRegistry.JsonOptions) : null;

    /// <summary>One file per database of a cluster: the cluster's system identifier and the database name.</summary>
    private async Task<string> PathForAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT (SELECT system_identifier FROM pg_control_system())::text || '-' || current_database()", connection);
        var name = (string)(await command.ExecuteScalarAsync(ct))!;
        return Path.Combine(folder, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".json");
    }
}

/// <summary>A projection that wants to act once its batch has committed (the ledger keeps its newest checkpoint outside the database).</summary>
public interface IAfterCommit
{
    Task AfterCommitAsync(NpgsqlConnection connection, CancellationToken ct);
}
