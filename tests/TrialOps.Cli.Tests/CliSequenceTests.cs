using TrialOps.Testing;

namespace TrialOps.Cli.Tests;

/// <summary>
/// Commands run one after another from the CLI, with no web app running, each see what the one
/// before wrote: the exited process has released its projection leases, and a catch-up that finds a
/// lease held elsewhere waits for its owner instead of answering from a stale read model.
/// </summary>
public sealed class CliSequenceTests
{
    private const string Trial = "KET-NP-01";
    private const string Password = "a-cli-sequence-password-7";

    [Fact]
    public async Task demo_export_lock_unblind_and_an_unblinded_export_run_back_to_back_from_the_cli()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"trialops-cli-sequence-{Guid.NewGuid():N}");
        try
        {
            await CliRunner.SucceedsAsync(db, null, "demo", "--protocol", CliRunner.SeedProtocol("KET-NP-01.json"), "--participants", "4", "--seed", "3");
            var blinded = await CliRunner.SucceedsAsync(db, null, "export", "--trial", Trial, "--out", Path.Combine(folder, "blinded"));
            Assert.Contains("(blinded)", blinded.Output);
            await AuditTrailIsBlindedForTheMonitorAsync(db);

            await CliRunner.SucceedsAsync(db, Password + "\n", "users", "add", "cora.coordinator", "--role", "Coordinator", "--all-sites", "--password-stdin");
            await CliRunner.SucceedsAsync(db, Password + "\n", "users", "add", "stan.statistician", "--role", "Statistician", "--password-stdin");
            // The pre-lock review (ADR 0023): a careless lock of a demo trial with unverified values is refused and lists what is open.
            var careless = await CliRunner.RunAsync(new Dictionary<string, string?> { ["TRIALOPS_CONNECTION"] = db.ConnectionString }, Password + "\n", "lock", "--trial", Trial, "--user", "cora.coordinator", "--password-stdin");
            Assert.NotEqual(0, careless.ExitCode);
            Assert.Contains("Pre-lock checklist:", careless.Output, StringComparison.Ordinal);
            Assert.Contains("unverified-data", careless.Output, StringComparison.Ordinal);
            // The CLI brings the read models up to the demo's last event first: its own lag is not an open item.
            Assert.Matches(@"projections-behind\s+0\s", careless.Output);
            Assert.Contains("needs --confirm", careless.Output, StringComparison.Ordinal);
            Assert.Contains("confirm each open item of the pre-lock checklist", careless.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", careless.Error, StringComparison.Ordinal);
            var badConfirm = await CliRunner.RunAsync(new Dictionary<string, string?> { ["TRIALOPS_CONNECTION"] = db.ConnectionString }, Password + "\n", "lock", "--trial", Trial, "--user", "cora.coordinator", "--password-stdin", "--confirm", "everything");
            Assert.Contains("--confirm takes CATEGORY=REASON", badConfirm.Error, StringComparison.Ordinal);

            // A Coordinator of one site cannot lock every site's data.
            await CliRunner.SucceedsAsync(db, Password + "\n", "users", "add", "sita.coordinator", "--role", "Coordinator", "--site", "S01", "--password-stdin");
            var oneSite = await CliRunner.RunAsync(new Dictionary<string, string?> { ["TRIALOPS_CONNECTION"] = db.ConnectionString }, Password + "\n", ["lock", "--trial", Trial, "--user", "sita.coordinator", "--password-stdin", .. CliRunner.ConfirmAll("one site only")]);
            Assert.NotEqual(0, oneSite.ExitCode);
            Assert.Contains("does not reach S02", oneSite.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Pre-lock checklist:", oneSite.Output, StringComparison.Ordinal);

            var locked = await CliRunner.SucceedsAsync(db, Password + "\n", ["lock", "--trial", Trial, "--user", "cora.coordinator", "--password-stdin", .. CliRunner.ConfirmAll("SDV is sampled for this demo")]);
            Assert.Contains("confirmed: SDV is sampled for this demo", locked.Output, StringComparison.Ordinal);

            await CliRunner.SucceedsAsync(db, Password + "\n", "unblind", "--trial", Trial, "--user", "stan.statistician", "--password-stdin");
            var unblinded = await CliRunner.SucceedsAsync(db, null, "export", "--trial", Trial, "--out", Path.Combine(folder, "unblinded"), "--unblinded");
            Assert.Contains("UNBLINDED", unblinded.Output);

            await CliRunner.SucceedsAsync(db, null, "verify", "--export", Path.Combine(folder, "unblinded"));
            var verify = await CliRunner.SucceedsAsync(db, null, "verify");
            Assert.Contains("intact", verify.Output);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The same audit-trail code as the page and the API: the Monitor's trail has no list event, the pharmacy's has them.</summary>
    private static async Task AuditTrailIsBlindedForTheMonitorAsync(TestDatabase db)
    {
        var monitor = await AllPagesAsync(db, "Monitor");
        var pharmacy = await AllPagesAsync(db, "Pharmacist");
        Assert.DoesNotContain("Randomization list", monitor, StringComparison.Ordinal);
        Assert.DoesNotContain("'s list assigned", monitor, StringComparison.Ordinal);
        Assert.Contains("Randomization list generated for stratum S01", pharmacy, StringComparison.Ordinal);
        Assert.Contains("'s list assigned", pharmacy, StringComparison.Ordinal);
        Assert.Contains("Protocol KET-NP-01 version", monitor, StringComparison.Ordinal);

        var unknownRole = await CliRunner.RunAsync(db.ConnectionString, "audit", Trial, "--as", "Nobody");
        Assert.NotEqual(0, unknownRole.ExitCode);
        Assert.DoesNotContain("   at ", unknownRole.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, (await CliRunner.RunAsync(db.ConnectionString, "audit", "NO-SUCH-01")).ExitCode);

        // Filtered: only the trial's own events, each line's record column "-"; a bad day is named.
        var trialOnly = await CliRunner.SucceedsAsync(db, null, "audit", Trial, "--as", "Pharmacist", "--record", "trial", "--page-size", "200");
        var lines = trialOnly.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal("-", line.Split('\t')[3]));
        Assert.Contains(lines, line => line.Contains("Randomization list generated", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("'s list assigned", StringComparison.Ordinal));
        var badDay = await CliRunner.RunAsync(db.ConnectionString, "audit", Trial, "--from", "2026-02-30");
        Assert.NotEqual(0, badDay.ExitCode);
        Assert.Contains("--from: not a date", badDay.Error, StringComparison.Ordinal);
    }

    private static async Task<string> AllPagesAsync(TestDatabase db, string role)
    {
        var text = new System.Text.StringBuilder();
        for (var page = 1; ; page++)
        {
            var run = await CliRunner.SucceedsAsync(db, null, "audit", Trial, "--as", role, "--page-size", "200", "--page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
            text.Append(run.Output);
            var pages = System.Text.RegularExpressions.Regex.Match(run.Error, @"Page \d+ of (\d+)");
            Assert.True(pages.Success, run.Error);
            if (page >= int.Parse(pages.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            {
                return text.ToString();
            }
        }
    }
}
