using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace TrialOps.Postgres;

/// <summary>One numbered SQL file of <c>migrations/</c>, e.g. <c>0001_event_store.sql</c> (name <c>0001_event_store</c>).</summary>
public sealed partial record Migration(int Number, string Name, string Sql)
{
    /// <summary>SHA-256 of the SQL with line endings normalized, so a checkout's line endings do not count as an edit.</summary>
    public string Checksum =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>Reads the number from the leading digits of a file name like <c>0002_messaging.sql</c>.</summary>
    public static Migration FromFile(string fileName, string sql)
    {
        var match = FileNamePattern().Match(Path.GetFileName(fileName));
        if (!match.Success)
        {
            throw new ArgumentException($"Migration file {fileName} is not named NNNN_name.sql.", nameof(fileName));
        }
        return new Migration(int.Parse(match.Groups["number"].Value), match.Groups["name"].Value, sql);
    }

    [GeneratedRegex(@"^(?<name>(?<number>\d+)_[A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileNamePattern();
}

/// <summary>A migration known to this build or recorded in the database; <see cref="AppliedAt"/> is null while pending.</summary>
public sealed record MigrationStatus(int Number, string Name, DateTimeOffset? AppliedAt);

/// <summary>A migration's SQL failed; its transaction was rolled back and later migrations were not run.</summary>
public sealed class MigrationFailedException(string migration, Exception inner)
    : Exception($"Migration {migration} failed and was rolled back: {inner.Message}", inner)
{
    public string Migration { get; } = migration;
}

/// <summary>
/// Applies the numbered SQL migrations embedded in this assembly, in order, each in its own
/// transaction, recorded in <c>schema_migrations</c>. Every node may call it at start: a
/// session advisory lock lets one apply while the others wait and then find nothing to do.
/// </summary>
public static class MigrationRunner
{
    /// <summary>The advisory lock key ("TrialOps" in ASCII), fixed so every node and version agrees.</summary>
    public const long AdvisoryLockKey = 0x5472_6961_6C4F_7073;

    private const string ResourcePrefix = "migrations/";

    private static readonly Lazy<IReadOnlyList<Migration>> EmbeddedMigrations = new(LoadEmbedded);

    /// <summary>The migrations shipped in this build, in order.</summary>
    public static IReadOnlyList<Migration> Embedded => EmbeddedMigrations.Value;

    /// <summary>Applies the embedded migrations not yet applied; returns the names applied now.</summary>
    /// <exception cref="MigrationChecksumMismatchException">An applied migration was edited.</exception>
    public static Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource db, CancellationToken ct = default) =>
        ApplyAsync(db, Embedded, ct);

    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource db, IReadOnlyList<Migration> migrations, CancellationToken ct = default)
    {
        var ordered = InOrder(migrations);
        await using var connection = await db.OpenConnectionAsync(ct);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock($1)", ct, AdvisoryLockKey);
        try
        {
            await ExecuteAsync(connection,
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    number      integer PRIMARY KEY,
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                )
                """, ct);
            var applied = await ReadAppliedAsync(connection, ct);
            var changed = ordered
                .Where(migration => applied.TryGetValue(migration.Number, out var record) && record.Checksum != migration.Checksum)
                .Select(migration => migration.Name)
                .ToList();
            if (changed.Count > 0)
            {
                throw new MigrationChecksumMismatchException(changed);
            }

            var appliedNow = new List<string>();
            foreach (var migration in ordered.Where(migration => !applied.ContainsKey(migration.Number)))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                try
                {
                    await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction) { CommandTimeout = 0 })
                    {
                        await command.ExecuteNonQueryAsync(ct);
                    }
                }
                catch (PostgresException e)
                {
                    throw new MigrationFailedException(migration.Name, e);
                }
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (number, name, checksum) VALUES ($1, $2, $3)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Number });
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
                    await record.ExecuteNonQueryAsync(ct);
                }
                await transaction.CommitAsync(ct);
                appliedNow.Add(migration.Name);
            }
            return appliedNow;
        }
        finally
        {
            await UnlockAsync(connection);
        }
    }

    /// <summary>Every embedded migration and every recorded one (a newer build's), in order, with when it was applied.</summary>
    public static Task<IReadOnlyList<MigrationStatus>> StatusAsync(NpgsqlDataSource db, CancellationToken ct = default) =>
        StatusAsync(db, Embedded, ct);

    public static async Task<IReadOnlyList<MigrationStatus>> StatusAsync(NpgsqlDataSource db, IReadOnlyList<Migration> migrations, CancellationToken ct = default)
    {
        var ordered = InOrder(migrations);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        var applied = (bool)(await exists.ExecuteScalarAsync(ct))!
            ? await ReadAppliedAsync(connection, ct)
            : [];
        return ordered
            .Select(migration => new MigrationStatus(
                migration.Number, migration.Name, applied.TryGetValue(migration.Number, out var record) ? record.AppliedAt : null))
            .Concat(applied
                .Where(entry => ordered.All(migration => migration.Number != entry.Key))
                .Select(entry => new MigrationStatus(entry.Key, entry.Value.Name, entry.Value.AppliedAt)))
            .OrderBy(status => status.Number)
            .ToList();
    }

    private sealed record AppliedMigration(string Name, string Checksum, DateTimeOffset AppliedAt);

    private static async Task<Dictionary<int, AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT number, name, checksum, applied_at FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var applied = new Dictionary<int, AppliedMigration>();
        while (await reader.ReadAsync(ct))
        {
            applied[reader.GetInt32(0)] = new AppliedMigration(
                reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
        }
        return applied;
    }

    private static List<Migration> InOrder(IReadOnlyList<Migration> migrations)
    {
        var duplicate = migrations.GroupBy(migration => migration.Number).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two migrations share number {duplicate.Key}: {string.Join(", ", duplicate.Select(migration => migration.Name))}.");
        }
        return migrations.OrderBy(migration => migration.Number).ToList();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }
        try
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey);
        }
        catch (NpgsqlException)
        {
            // A broken connection has ended its session, which released the lock.
        }
    }

    private static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(Migration.FromFile(resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }
        return InOrder(migrations);
    }
}
