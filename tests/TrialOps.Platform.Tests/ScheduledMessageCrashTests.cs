using System.Diagnostics;
using TrialOps.Messaging;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

public sealed class ScheduledMessageCrashTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task a_scheduled_message_survives_killing_and_restarting_the_process_and_is_handled_once()
    {
        var executor = new CommandExecutor(Store(db.DataSource), TimeProvider.System);
        var name = Guid.NewGuid().ToString("N");
        var source = NewStream();
        await executor.ExecuteAsync(Context(), [source], (_, now) =>
            Decision.Append(source, new Noted(source, "dosing ended"))
                .Send(new OutgoingMessage("probe.scheduled", new { name }, now.AddSeconds(4), source)));

        using (var doomed = StartWorker())
        {
            await WaitForLineAsync(doomed, "worker ready");
            await Task.Delay(1000);
            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
        }

        Assert.Equal(0, await CountAsync(db.DataSource, $"SELECT count(*) FROM mt_events WHERE stream_id = 'probe-{name}'"));
        Assert.Equal(1, await CountAsync(db.DataSource, "SELECT count(*) FROM messages WHERE type = 'probe.scheduled' AND status = 'pending'"));

        using (var survivor = StartWorker())
        {
            await WaitForLineAsync(survivor, "worker ready");
            for (var i = 0; i < 150 && await CountAsync(db.DataSource, "SELECT count(*) FROM messages WHERE type = 'probe.scheduled' AND status = 'done'") == 0; i++)
            {
                await Task.Delay(100);
            }

            await Task.Delay(1000);
            survivor.Kill(entireProcessTree: true);
            await survivor.WaitForExitAsync();
        }

        Assert.Equal(1, await CountAsync(db.DataSource, $"SELECT count(*) FROM mt_events WHERE stream_id = 'probe-{name}'"));
        Assert.Equal(1, await CountAsync(db.DataSource, "SELECT count(*) FROM messages WHERE type = 'probe.scheduled' AND status = 'done' AND attempts = 1"));
    }

    private Process StartWorker()
    {
        // The worker is built beside this project (same configuration and framework folders).
        var worker = Path.Combine(AppContext.BaseDirectory.Replace("TrialOps.Platform.Tests", "TrialOps.Platform.Worker", StringComparison.Ordinal), "TrialOps.Platform.Worker.dll");
        Assert.True(File.Exists(worker), $"worker not built at {worker}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(worker);
        start.ArgumentList.Add(db.ConnectionString);
        start.ArgumentList.Add("5");
        return Process.Start(start)!;
    }

    private static async Task WaitForLineAsync(Process process, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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
