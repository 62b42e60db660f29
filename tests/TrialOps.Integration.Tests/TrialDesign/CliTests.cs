using System.Diagnostics;
using TrialOps.Protocols;
using TrialOps.Runtime;
using TrialOps.Randomization;
using TrialOps.Testing;
using static TrialOps.Integration.Tests.TrialDesign.TrialDesignSupport;

namespace TrialOps.Integration.Tests.TrialDesign;

/// <summary>Runs the real <c>trialops</c> binary (the built output of src/TrialOps.Cli) against the fixture's database.</summary>
public sealed class CliTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "trialops-cli-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public async Task validate_accepts_the_demo_protocol_without_a_database()
    {
        var run = await RunAsync(["protocol", "validate", KetPath], withDatabase: false);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("valid: KET-NP-01 version 1", run.Stdout.Trim());
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task validate_names_the_path_of_each_problem_and_exits_1()
    {
        var file = WriteFile("broken.json", Mutated(root => root["treatments"]![0]!["components"]![0]!["unit"] = "mg/kgg"));

        var run = await RunAsync(["protocol", "validate", file], withDatabase: false);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["$.treatments[0].components[0].unit: unknown unit 'mg/kgg'"], Lines(run.Stderr));
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task a_missing_file_is_one_line_not_a_stack_trace()
    {
        var run = await RunAsync(["protocol", "validate", Path.Combine(_home, "nope.json")], withDatabase: false);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(Lines(run.Stderr));
        Assert.StartsWith("trialops: cannot read", line);
    }

    [Fact]
    public async Task import_then_import_again_then_show_blinded_and_unblinded()
    {
        var imported = await RunAsync(["protocol", "import", KetPath]);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.StartsWith("imported KET-NP-01 version 1 (sha256 " + ProtocolFile.Sha256(KetBytes) + ")", imported.Stdout);
        Assert.Contains("randomization lists generated: S01 (", imported.Stdout);

        var again = await RunAsync(["protocol", "import", KetPath]);
        Assert.Equal(0, again.ExitCode);
        Assert.StartsWith("already imported: KET-NP-01 version 1", again.Stdout);

        var show = await RunAsync(["protocol", "show", "KET-NP-01"]);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("KET-NP-01 version 1: Intravenous ketamine versus saline", show.Stdout);
        Assert.Contains($"imported by cli:{Environment.UserName}", show.Stdout);
        Assert.Contains("Washout: P7D", show.Stdout);
        Assert.Contains("  S02  Palliative Care Centre, South Hospital", show.Stdout);
        Assert.Contains("  PAIN  Pain intensity, visual analogue scale (scale 0-100 mm) at PT0M, PT20M, PT40M, PT60M, PT2H, PT24H", show.Stdout);
        Assert.Contains("  exclusion EX02  History of psychosis, or current substance misuse", show.Stdout);
        Assert.Contains("Treatments: omitted (blinded)", show.Stdout);
        Assert.DoesNotContain("Ketamine hydrochloride", show.Stdout);
        Assert.DoesNotContain("Sodium chloride", show.Stdout);
        Assert.False(ContainsToken(show.Stdout, "PBO"));
        Assert.False(ContainsToken(show.Stdout, "KET"));

        var unblinded = await RunAsync(["protocol", "show", "KET-NP-01", "--unblinded"]);
        Assert.Equal(0, unblinded.ExitCode);
        Assert.Contains("  KET  Ketamine hydrochloride 0.5 mg/kg IV over 40 minutes, INTRAVENOUS: infusion 0.5 mg/kg over 40 min; max total 50 mg", unblinded.Stdout);
        Assert.Contains("  PBO  Sodium chloride 0.9% IV over 40 minutes (matched volume) [placebo]", unblinded.Stdout);
        Assert.Contains("  2: PBO/KET", unblinded.Stdout);

        // The list was sealed with the key the CLI created in TRIALOPS_HOME: it reproduces the list.
        await using var runtime = await TrialOpsRuntime.StartAsync(database.ConnectionString, seedSealer: SeedKeyStore.CreateSealer(_ => null, _home));
        var reproduction = await new AllocationViews(runtime).ReproduceRandomizationListAsync("KET-NP-01", "S01", CancellationToken.None);
        Assert.True(reproduction!.Matches);
        var stored = await runtime.Store.ReadStreamAsync("protocol-KET-NP-01");
        Assert.Equal(($"cli:{Environment.UserName}", "Coordinator"), (stored[0].Metadata.ActorId, stored[0].Metadata.ActorRole));
    }

    [Fact]
    public async Task importing_a_broken_file_stores_nothing_and_exits_1()
    {
        var file = WriteFile("broken-import.json", WithCode("CLI-BROKEN", root => root["washout"] = "P7"));

        var run = await RunAsync(["protocol", "import", file]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["$.washout: not an ISO 8601 duration 'P7' (expected e.g. 'PT4H', 'P7D', 'P2W')"], Lines(run.Stderr));
        await using var runtime = await StartRuntimeAsync(database.ConnectionString);
        Assert.Empty(await runtime.Store.ReadStreamAsync("protocol-CLI-BROKEN"));
    }

    [Fact]
    public async Task a_refused_import_and_an_unknown_protocol_are_one_line_each()
    {
        var first = WriteFile("refused-v1.json", WithCode("CLI-REFUSED"));
        var changed = WriteFile("refused-v1b.json", WithCode("CLI-REFUSED", root => root["title"] = "Another title"));
        Assert.Equal(0, (await RunAsync(["protocol", "import", first])).ExitCode);

        var refused = await RunAsync(["protocol", "import", changed]);
        var unknown = await RunAsync(["protocol", "show", "NO-SUCH-CODE"]);

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("trialops: Protocol CLI-REFUSED is already at version 1", Assert.Single(Messages(refused.Stderr)));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(["trialops: there is no protocol NO-SUCH-CODE"], Messages(unknown.Stderr));
    }

    [Theory]
    [InlineData("protocol")]
    [InlineData("protocol validate")]
    [InlineData("protocol import")]
    [InlineData("protocol show")]
    public async Task every_protocol_command_has_help(string command)
    {
        var run = await RunAsync([.. command.Split(' '), "--help"], withDatabase: false);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout);
    }

    private string WriteFile(string name, byte[] content)
    {
        Directory.CreateDirectory(_home);
        var path = Path.Combine(_home, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Error and problem lines, without the database's start-up notes.</summary>
    private static string[] Messages(string stderr) =>
        Lines(stderr).Where(line => line.StartsWith("trialops:", StringComparison.Ordinal) || line.StartsWith("$", StringComparison.Ordinal)).ToArray();

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] arguments, bool withDatabase = true)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ConnectionStrings__TrialOps");
        start.Environment.Remove(SeedKeyStore.KeyVariable);
        start.Environment["TRIALOPS_HOME"] = _home;
        // Without a database the CLI must not need one: an unusable server proves it never connects.
        start.Environment["TRIALOPS_CONNECTION"] = withDatabase ? database.ConnectionString : "Host=127.0.0.1;Port=1;Database=none;Timeout=1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>trialops.dll in src/TrialOps.Cli's output folder for the configuration and framework the tests were built with.</summary>
    private static string CliAssembly
    {
        get
        {
            var testProject = Path.Combine(RepositoryRoot, "tests", "TrialOps.Integration.Tests");
            var outputPath = Path.GetRelativePath(testProject, AppContext.BaseDirectory);
            var path = Path.Combine(RepositoryRoot, "src", "TrialOps.Cli", outputPath, "trialops.dll");
            Assert.True(File.Exists(path), $"{path} is missing: build src/TrialOps.Cli (the test project builds it).");
            return path;
        }
    }
}
