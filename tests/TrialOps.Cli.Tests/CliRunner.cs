using System.Diagnostics;

namespace TrialOps.Cli.Tests;

public sealed record CliRun(int ExitCode, string Output, string Error);

/// <summary>Runs the real `trialops` program (the CLI project's build output) as a user would.</summary>
public static class CliRunner
{
    public static string CliDll { get; } = LocateCli();

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, string? standardInput, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the CLI on a test database and asserts it exited 0 (the failure names the command and its error output).</summary>
    public static async Task<CliRun> SucceedsAsync(TrialOps.Testing.TestDatabase db, string? standardInput, params string[] args)
    {
        var run = await RunAsync(new Dictionary<string, string?> { ["TRIALOPS_CONNECTION"] = db.ConnectionString }, standardInput, args);
        Assert.True(run.ExitCode == 0, $"trialops {string.Join(' ', args)} exited {run.ExitCode}: {run.Error}");
        return run;
    }

    /// <summary><c>--confirm CATEGORY=REASON</c> for every pre-lock category (ADR 0023), for tests that lock a demo trial as it stands.</summary>
    public static string[] ConfirmAll(string reason) =>
        TrialOps.Blinding.PreLockCategories.All.SelectMany(c => new[] { "--confirm", $"{c}={reason}" }).ToArray();

    /// <summary>
    /// As an operator would, one command after another: adds the Coordinator <c>cora.coordinator</c>
    /// and the Statistician <c>stan.statistician</c> (both with <paramref name="password"/>), locks the
    /// trial with every checklist category confirmed with <paramref name="reason"/>, and unblinds it.
    /// </summary>
    public static async Task LockAndUnblindAsync(TrialOps.Testing.TestDatabase db, string trial, string password, string reason)
    {
        await SucceedsAsync(db, password + "\n", "users", "add", "cora.coordinator", "--role", "Coordinator", "--all-sites", "--password-stdin");
        await SucceedsAsync(db, password + "\n", "users", "add", "stan.statistician", "--role", "Statistician", "--password-stdin");
        await SucceedsAsync(db, password + "\n", ["lock", "--trial", trial, "--user", "cora.coordinator", "--password-stdin", .. ConfirmAll(reason)]);
        await SucceedsAsync(db, password + "\n", "unblind", "--trial", trial, "--user", "stan.statistician", "--password-stdin");
    }

    /// <summary>A protocol file of the repository's <c>seed/</c> folder, e.g. <c>KET-NP-01.json</c>.</summary>
    public static string SeedProtocol(string fileName)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TrialOps.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("TrialOps.sln not found above the test folder."), "seed", fileName);
    }

    public static Task<CliRun> RunAsync(string connectionString, params string[] args) =>
        RunAsync(new Dictionary<string, string?> { ["TRIALOPS_CONNECTION"] = connectionString }, null, args);

    private static string LocateCli()
    {
        // tests/TrialOps.Cli.Tests/bin/<Configuration>/<tfm>/ → src/TrialOps.Cli/bin/<Configuration>/<tfm>/trialops.dll
        var dll = Path.GetFullPath(AppContext.BaseDirectory
            .Replace(Path.Combine("tests", "TrialOps.Cli.Tests"), Path.Combine("src", "TrialOps.Cli"), StringComparison.Ordinal)) is var dir
            ? Path.Combine(dir, "trialops.dll")
            : throw new InvalidOperationException();
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The trialops CLI was not built at {dll}.");
    }
}
