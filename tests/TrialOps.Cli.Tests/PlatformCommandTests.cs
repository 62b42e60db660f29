using TrialOps.EventStore;
using TrialOps.Testing;

namespace TrialOps.Cli.Tests;

public sealed class PlatformCommandTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task verify_exits_1_naming_an_event_whose_data_was_changed_by_sql()
    {
        var registry = new EventTypeRegistry();
        registry.Register(typeof(ScoreRecorded), "cli-test.score-recorded.v1");
        var store = new EventStore.EventStore(db.DataSource, registry, TimeProvider.System);
        var id = Guid.NewGuid();
        var stored = await store.AppendAsync("cli-test-1", ExpectedVersion.NoStream,
            [new ScoreRecorded("S01-001", 64), new ScoreRecorded("S01-001", 58)],
            new EventMetadata("user-1", "DataEntry", null, id, id, id));

        var intact = await CliRunner.RunAsync(db.ConnectionString, "verify");
        Assert.True(intact.ExitCode == 0, intact.Error);
        Assert.Contains("intact", intact.Output);

        await ExecuteAsync($"UPDATE mt_events SET data = '{{\"subject\":\"S01-001\",\"vas\":12}}' WHERE seq_id = {stored[1].Position}");
        var tampered = await CliRunner.RunAsync(db.ConnectionString, "verify");

        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains($"position {stored[1].Position}", tampered.Error);
        Assert.Contains("cli-test-1 v2", tampered.Error);
    }

    private sealed record ScoreRecorded(string Subject, int Vas);

    [Fact]
    public async Task db_migrate_is_idempotent_and_status_lists_every_migration()
    {
        var migrate = await CliRunner.RunAsync(db.ConnectionString, "db", "migrate");
        var status = await CliRunner.RunAsync(db.ConnectionString, "db", "status");

        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("up to date", migrate.Output);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("0001_event_store", status.Output);
        Assert.Contains("0002_messaging", status.Output);
        Assert.DoesNotContain("pending", status.Output);
    }

    [Theory]
    [InlineData("db", "migrate")]
    [InlineData("db", "status")]
    [InlineData("verify")]
    [InlineData("projections", "rebuild")]
    [InlineData("projections", "status")]
    [InlineData("messages", "dead-letters")]
    [InlineData("messages", "replay")]
    [InlineData("meddra", "import")]
    public async Task every_command_has_help(params string[] command)
    {
        var run = await CliRunner.RunAsync(db.ConnectionString, [.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output);
        Assert.Contains($"trialops {string.Join(' ', command)}", run.Output);
    }

    [Fact]
    public async Task an_unknown_projection_is_one_clear_line_and_a_non_zero_exit()
    {
        var run = await CliRunner.RunAsync(db.ConnectionString, "projections", "rebuild", "no-such-projection");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("trialops: Unknown projection 'no-such-projection'.", run.Error.Trim().Split(" Known:")[0]);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task replaying_a_missing_dead_letter_fails_clearly()
    {
        var list = await CliRunner.RunAsync(db.ConnectionString, "messages", "dead-letters");
        var missing = Guid.NewGuid();
        var replay = await CliRunner.RunAsync(db.ConnectionString, "messages", "replay", missing.ToString());

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("No dead letters", list.Output);
        Assert.Equal(1, replay.ExitCode);
        Assert.Equal($"trialops: no dead letter with id {missing}", replay.Error.Trim());
    }

    [Fact]
    public async Task without_postgresql_binaries_the_cli_names_what_to_install_and_exits_2()
    {
        var home = Path.Combine(Path.GetTempPath(), $"trialops-nobin-{Guid.NewGuid():N}");
        try
        {
            var run = await CliRunner.RunAsync(
                new Dictionary<string, string?>
                {
                    ["TRIALOPS_CONNECTION"] = null,
                    ["ConnectionStrings__TrialOps"] = null,
                    ["TRIALOPS_HOME"] = home,
                    ["TRIALOPS_POSTGRES_ROOT"] = Path.Combine(home, "no-postgres-here"),
                    ["PATH"] = "/nonexistent",
                },
                null,
                "db", "status");

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("install PostgreSQL", run.Error);
            Assert.Single(run.Error.Trim().Split('\n'));
        }
        finally
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
