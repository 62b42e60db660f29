using System.Diagnostics;

namespace TrialOps.Exports.Tests;

public sealed record CliRun(int ExitCode, string Output, string Error);

/// <summary>Runs the real `trialops` program (the CLI project's build output) as an operator would.</summary>
public static class CliRunner
{
    public static string CliDll { get; } = LocateCli();

    /// <summary>
    /// For <c>lock</c>: a reason for every pre-lock category (ADR 0023). These fixtures lock trials
    /// with participants in treatment and unverified values on purpose, to export them.
    /// </summary>
    public static string[] ConfirmationsFor(string command) =>
        command == "lock"
            ? TrialOps.Blinding.PreLockCategories.All.SelectMany(c => new[] { "--confirm", $"{c}=Export test: locked as the data stand" }).ToArray()
            : [];

    public static async Task<CliRun> RunAsync(string connectionString, string? standardInput, params string[] args)
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

        start.Environment["TRIALOPS_CONNECTION"] = connectionString;
        start.Environment.Remove("ConnectionStrings__TrialOps");
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

    private static string LocateCli()
    {
        // tests/TrialOps.Exports.Tests/bin/<Configuration>/<tfm>/ → src/TrialOps.Cli/bin/<Configuration>/<tfm>/trialops.dll
        var folder = Path.GetFullPath(AppContext.BaseDirectory
            .Replace(Path.Combine("tests", "TrialOps.Exports.Tests"), Path.Combine("src", "TrialOps.Cli"), StringComparison.Ordinal));
        var dll = Path.Combine(folder, "trialops.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The trialops CLI was not built at {dll}.");
    }
}
