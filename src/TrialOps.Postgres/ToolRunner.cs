using System.Diagnostics;

namespace TrialOps.Postgres;

/// <summary>Runs initdb and pg_ctl, as the server account when that is not us.</summary>
internal sealed class ToolRunner(ServerUser serverUser)
{
    public sealed record Result(int ExitCode, string Output);

    public ServerUser ServerUser => serverUser;

    public async Task<Result> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Our working folder may be unreachable for the server account (/root is 0700).
            WorkingDirectory = "/",
        };
        if (serverUser.IsOtherAccount)
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", serverUser.RunAs!, "--", tool })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = tool;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // PGPORT, PGDATA, PGHOST, … of the caller's shell must not steer our cluster.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)
            ?? throw new EmbeddedClusterException($"Could not start {tool}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, ((await output) + (await errors)).Trim());
    }

    public async Task<Result> RunCheckedAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var result = await RunAsync(tool, arguments, ct);
        if (result.ExitCode != 0)
        {
            throw new EmbeddedClusterException(
                $"{Path.GetFileName(tool)} {string.Join(' ', arguments)} failed with exit code {result.ExitCode}: {result.Output}");
        }
        return result;
    }
}
