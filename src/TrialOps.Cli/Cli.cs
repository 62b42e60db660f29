using System.CommandLine;
using TrialOps.Postgres;
using TrialOps.Runtime;

namespace TrialOps.Cli;

/// <summary>A refusal the user can act on: printed as one line, never with a stack trace.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

public static class Cli
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration);
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    /// <summary>Runs an action with the runtime (database started or attached, migrations applied).</summary>
    /// <param name="upgradeEventStore">Also bring Marten's event store objects up to this build (<c>db migrate</c> only).</param>
    public static Func<ParseResult, CancellationToken, Task<int>> WithRuntime(Func<TrialOpsRuntime, ParseResult, CancellationToken, Task<int>> action, bool upgradeEventStore = false) =>
        async (parse, ct) =>
        {
            // Database start-up chatter only with TRIALOPS_VERBOSE=1: errors stay one line.
            Action<string>? log = Environment.GetEnvironmentVariable("TRIALOPS_VERBOSE") == "1" ? Console.Error.WriteLine : null;
            await using var runtime = await TrialOpsRuntime.StartAsync(Environment.GetEnvironmentVariable("ConnectionStrings__TrialOps"), log, ct: ct, upgradeEventStore: upgradeEventStore);
            return await action(runtime, parse, ct);
        };

    private static int Fail(Exception e)
    {
        var (message, code) = e switch
        {
            CliException cli => (cli.Message, cli.ExitCode),
            PostgresNotInstalledException => (e.Message, 2),
            OperationCanceledException => ("cancelled", 130),
            Npgsql.NpgsqlException or EmbeddedClusterException or MigrationChecksumMismatchException => ($"database: {e.Message}", 1),
            ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or FormatException => (e.Message, 1),
            _ => ($"unexpected error ({e.GetType().Name}): {e.Message}", 1),
        };
        Console.Error.WriteLine($"trialops: {message.ReplaceLineEndings(" ")}");
        return code;
    }
}
