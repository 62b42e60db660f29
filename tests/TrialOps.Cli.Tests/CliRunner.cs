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
