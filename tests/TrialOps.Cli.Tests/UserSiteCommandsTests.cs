using TrialOps.Testing;

namespace TrialOps.Cli.Tests;

/// <summary><c>trialops users add --all-sites</c> and <c>trialops users access NAME --sites …|--all-sites</c> (ADR 0010).</summary>
public sealed class UserSiteCommandsTests
{
    private const string Password = "a-cli-site-password-7";

    [Fact]
    public async Task sites_are_given_as_a_list_or_as_all_sites_and_all_sites_is_refused_to_data_entry()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();

        var coordinator = await RunAsync(db, Password + "\n", "users", "add", "cora.coordinator", "--role", "Coordinator", "--all-sites", "--password-stdin");
        Assert.True(coordinator.ExitCode == 0, coordinator.Error);
        Assert.Contains("sites: all sites", coordinator.Output);

        var nurse = await RunAsync(db, Password + "\n", "users", "add", "nina.nurse", "--role", "DataEntry", "--all-sites", "--password-stdin");
        Assert.NotEqual(0, nurse.ExitCode);
        Assert.Contains("cannot be given all sites", nurse.Error);

        var legacy = await RunAsync(db, Password + "\n", "users", "add", "nina.nurse", "--role", "DataEntry", "--password-stdin");
        Assert.True(legacy.ExitCode == 0, legacy.Error);
        Assert.Contains("sites: none", legacy.Output);

        var listed = await RunAsync(db, null, "users", "access", "nina.nurse", "--sites", "s01,S02");
        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains("nina.nurse: DataEntry, sites: S01, S02.", listed.Output);

        var narrowed = await RunAsync(db, null, "users", "access", "cora.coordinator", "--sites", "S01");
        Assert.True(narrowed.ExitCode == 0, narrowed.Error);
        var widened = await RunAsync(db, null, "users", "access", "cora.coordinator", "--all-sites");
        Assert.True(widened.ExitCode == 0, widened.Error);

        var users = await RunAsync(db, null, "users", "list");
        Assert.Matches(@"cora\.coordinator\s+Coordinator\s+active\s+all sites", users.Output);
        Assert.Matches(@"nina\.nurse\s+DataEntry\s+active\s+S01, S02", users.Output);
    }

    private static Task<CliRun> RunAsync(TestDatabase db, string? standardInput, params string[] args) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["TRIALOPS_CONNECTION"] = db.ConnectionString }, standardInput, args);
}
