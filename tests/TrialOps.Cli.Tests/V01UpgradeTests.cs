using System.Diagnostics;
using Npgsql;
using TrialOps.Testing;

namespace TrialOps.Cli.Tests;

/// <summary>
/// A database written by TrialOps 0.1 (Fixtures/v01-database.sql, made with the 0.1 CLI: 239
/// events, 236 sealed in the ledger) is upgraded by `trialops db migrate`, as an operator would.
/// </summary>
public sealed class V01UpgradeTests
{
    private const int V01Events = 239;

    [Fact]
    public async Task a_0_1_database_is_refused_until_db_migrate_moves_its_events_into_marten_and_verify_then_passes()
    {
        await using var db = await RestoreV01Async();

        var before = await CliRunner.RunAsync(db.ConnectionString, "verify");
        Assert.Equal(1, before.ExitCode);
        Assert.Contains($"{V01Events} events written by TrialOps 0.1", before.Error);
        Assert.Contains("trialops db migrate", before.Error);
        Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM mt_events"));

        var migrate = await CliRunner.RunAsync(db.ConnectionString, "db", "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Contains($"{V01Events} events verified and moved", migrate.Output);
        Assert.Contains("3 sealed into the ledger", migrate.Output);

        // Every event kept its position, stream, version, type, recorded time and attribution.
        // (The moved 0.1 messages may already have added events after them.)
        Assert.Equal((long)V01Events, await ScalarAsync(db, $"SELECT count(*) FROM mt_events WHERE seq_id <= {V01Events}"));
        Assert.Equal(0L, await ScalarAsync(db,
            """
            SELECT count(*) FROM v01_events v LEFT JOIN mt_events m ON m.seq_id = v.position
            WHERE m.seq_id IS NULL OR m.stream_id <> v.stream_id OR m.version <> v.version OR m.type <> v.type
               OR m.timestamp <> v.recorded_at OR m.data <> v.data::jsonb
               OR m.user_name IS DISTINCT FROM v.metadata->>'actorId' OR m.headers->>'role' IS DISTINCT FROM v.metadata->>'actorRole'
               OR m.headers->>'commandId' IS DISTINCT FROM v.metadata->>'commandId' OR m.correlation_id IS DISTINCT FROM v.metadata->>'correlationId'
               OR m.headers->>'reason' IS DISTINCT FROM v.metadata->>'reason'
            """));
        Assert.Equal(0L, await ScalarAsync(db,
            "SELECT count(*) FROM v01_streams s LEFT JOIN mt_streams m ON m.id = s.stream_id WHERE m.id IS NULL OR m.version <> s.version"));
        Assert.Equal((long)V01Events, await ScalarAsync(db, $"SELECT count(*) FROM ledger WHERE position <= {V01Events}"));
        Assert.Equal(3L, await ScalarAsync(db, "SELECT count(*) FROM users"));

        // The 21 messages 0.1 left pending (deadlines, washouts, SAE report due, sponsor
        // notifications) were handed to Wolverine's store in the same transaction, none left behind.
        Assert.Contains("Moved 21 pending messages", migrate.Output);
        Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM messages WHERE status = 'pending'"));
        Assert.Equal(21L, await ScalarAsync(db, "SELECT count(*) FROM messages WHERE last_error LIKE 'moved to Wolverine%'"));
        Assert.Equal(21L, await ScalarAsync(db,
            "SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE message_type IN ('journey.assessments-deadline', 'journey.sae-report-due', 'journey.washout-elapsed', 'sponsor.unblinding-notification')"));

        var verify = await CliRunner.RunAsync(db.ConnectionString, "verify");
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("intact", verify.Output);

        // Running it again finds nothing to do.
        var again = await CliRunner.RunAsync(db.ConnectionString, "db", "migrate");
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("Upgraded", again.Output);
    }

    [Fact]
    public async Task after_the_upgrade_new_events_chain_on_from_the_0_1_heads_and_an_edit_of_an_upgraded_event_is_named()
    {
        await using var db = await RestoreV01Async();
        Assert.Equal(0, (await CliRunner.RunAsync(db.ConnectionString, "db", "migrate")).ExitCode);

        var added = await CliRunner.RunAsync(
            new Dictionary<string, string?> { ["TRIALOPS_CONNECTION"] = db.ConnectionString }, "an-upgrade-test-password-1",
            "users", "add", "dave.monitor", "--role", "Monitor", "--site", "S01", "--display-name", "Dave Monitor", "--password-stdin");
        Assert.True(added.ExitCode == 0, added.Error);
        Assert.True(await ScalarAsync(db, "SELECT count(*) FROM mt_events") > V01Events);
        Assert.Equal(0L, await ScalarAsync(db, $"SELECT count(*) FROM event_hashes WHERE seq_id <= {V01Events} AND tx_id <> '1'"));

        var verify = await CliRunner.RunAsync(db.ConnectionString, "verify");
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Equal(await ScalarAsync(db, "SELECT count(*) FROM mt_events"), await ScalarAsync(db, "SELECT count(*) FROM ledger"));

        var position = await ScalarAsync(db, "SELECT min(seq_id) FROM mt_events WHERE type = 'assessment.scale-recorded.v1'");
        await ExecuteAsync(db, $"UPDATE mt_events SET data = jsonb_set(data, '{{value}}', '9') WHERE seq_id = {position}");
        var tampered = await CliRunner.RunAsync(db.ConnectionString, "verify");
        Assert.True(tampered.ExitCode == 1, $"verify exited {tampered.ExitCode}: {tampered.Output}{tampered.Error}");
        Assert.Contains($"position {position}", tampered.Error);
        Assert.Contains("0.1 record", tampered.Error);
    }

    [Fact]
    public async Task a_0_1_database_whose_chain_is_broken_is_not_upgraded()
    {
        await using var db = await RestoreV01Async();
        await ExecuteAsync(db, "UPDATE events SET data = '{\"forged\":true}' WHERE position = 100");

        var migrate = await CliRunner.RunAsync(db.ConnectionString, "db", "migrate");

        Assert.Equal(1, migrate.ExitCode);
        Assert.Contains("position 100", migrate.Error);
        Assert.Contains("Nothing was upgraded", migrate.Error);
        Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM mt_events"));
        Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM event_store_upgrades"));
    }

    /// <summary>A new database holding the 0.1 fixture, restored with psql (it loads with COPY … FROM stdin).</summary>
    private static async Task<TestDatabase> RestoreV01Async()
    {
        var db = await PostgresServer.CreateDatabaseAsync(migrated: false);
        var connection = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        var psql = Directory.GetFiles("/usr/lib/postgresql", "psql", SearchOption.AllDirectories).Order().LastOrDefault()
            ?? throw new InvalidOperationException("psql (PostgreSQL's client) is not installed under /usr/lib/postgresql.");
        var start = new ProcessStartInfo(psql)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-q", "-v", "ON_ERROR_STOP=1", "-f", Path.Combine(AppContext.BaseDirectory, "Fixtures", "v01-database.sql") })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        start.Environment["PGDATABASE"] = connection.Database;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"psql could not restore the 0.1 fixture: {await error}{await output}");
        return db;
    }

    private static async Task<long> ScalarAsync(TestDatabase db, string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
