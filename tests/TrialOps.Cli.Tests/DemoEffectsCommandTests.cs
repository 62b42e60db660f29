using TrialOps.Testing;

namespace TrialOps.Cli.Tests;

/// <summary><c>trialops demo --effects FILE</c>: a good file drives the run, a bad one is refused with its problems and no stack trace.</summary>
public sealed class DemoEffectsCommandTests
{
    [Fact]
    public async Task a_bad_effects_file_is_refused_with_each_problem_and_no_stack_trace()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var file = Path.Combine(Path.GetTempPath(), $"bad-effects-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "treatments": { "MOR": { "peak": 10 }, "KET": { "peak": 150, "onset": "PT5M" } } }""");
        try
        {
            var run = await CliRunner.RunAsync(db.ConnectionString, "demo", "--protocol", ProtocolFile(), "--participants", "4", "--effects", file);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("$.treatments.MOR: unknown treatment code 'MOR' (protocol KET-NP-01 has KET, PBO)", run.Error);
            Assert.Contains("$.treatments.KET.onset: unknown field", run.Error);
            Assert.Contains("$.treatments.KET.peak: 150 is out of range (-100 to 100)", run.Error);
            Assert.DoesNotContain("   at ", run.Error);
            Assert.DoesNotContain("Exception", run.Error);
            Assert.DoesNotContain("KET-NP-01:", run.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task a_missing_effects_file_is_named()
    {
        var run = await CliRunner.RunAsync("Host=127.0.0.1;Port=1;Database=none", "demo", "--protocol", ProtocolFile(), "--effects", "/nonexistent/effects.json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("/nonexistent/effects.json: no such file", run.Error);
    }

    [Fact]
    public async Task a_good_effects_file_drives_the_demo()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var file = Path.Combine(Path.GetTempPath(), $"effects-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "placeboResponse": { "peak": 15 }, "treatments": { "KET": { "peak": 30, "carryover": 5 } } }""");
        try
        {
            var run = await CliRunner.RunAsync(db.ConnectionString, "demo", "--protocol", ProtocolFile(), "--participants", "4", "--seed", "3", "--effects", file);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("KET-NP-01: 4 participants", run.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ProtocolFile()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TrialOps.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("TrialOps.sln not found above the test folder."), "seed", "KET-NP-01.json");
    }
}
