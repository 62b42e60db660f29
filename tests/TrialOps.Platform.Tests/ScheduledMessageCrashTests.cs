using System.Diagnostics;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

public sealed class ScheduledMessageCrashTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// Node A schedules a sponsor notification 4 s ahead and is killed (kill -9) before it is due;
    /// node B, started afterwards, takes the message from Wolverine's tables and handles it once.
    /// The bound: B handles it within its scheduled polling after A's heartbeat is stale (6 s here).
    /// </summary>
    [Fact]
    public async Task a_scheduled_message_survives_killing_its_node_and_is_handled_once_by_another()
    {
        var code = "CRASH" + Random.Shared.Next(1000, 9999);
        var notified = $"SELECT count(*) FROM mt_events WHERE stream_id = 'sponsor-notifications-{code}'";

        using (var doomed = StartWorker("schedule", code, "4"))
        {
            await WaitForLineAsync(doomed, "scheduled");
            await WaitForLineAsync(doomed, "worker ready");
            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
        }

        Assert.Equal(0, await CountAsync(db.DataSource, notified));
        Assert.Equal(1, await CountAsync(db.DataSource,
            "SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE message_type = 'sponsor.unblinding-notification' AND status = 'Scheduled'"));

        using (var survivor = StartWorker())
        {
            await WaitForLineAsync(survivor, "worker ready");
            for (var i = 0; i < 900 && await CountAsync(db.DataSource, notified) == 0; i++)
            {
                await Task.Delay(100);
            }

            // Long enough for a second delivery, had there been one.
            await Task.Delay(2000);
            survivor.Kill(entireProcessTree: true);
            await survivor.WaitForExitAsync();
        }

        Assert.Equal(1, await CountAsync(db.DataSource, notified));
        Assert.Equal(0, await CountAsync(db.DataSource,
            "SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE message_type = 'sponsor.unblinding-notification' AND status <> 'Handled'"));
    }

    private Process StartWorker(params string[] arguments)
    {
        // The worker is built beside this project (same configuration and framework folders).
        var worker = Path.Combine(AppContext.BaseDirectory.Replace("TrialOps.Platform.Tests", "TrialOps.Platform.Worker", StringComparison.Ordinal), "TrialOps.Platform.Worker.dll");
        Assert.True(File.Exists(worker), $"worker not built at {worker}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(worker);
        start.ArgumentList.Add(db.ConnectionString);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task WaitForLineAsync(Process process, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(expected, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"worker exited before printing '{expected}': {await process.StandardError.ReadToEndAsync()}");
    }
}
