using System.Diagnostics;
using TrialOps.EventStore;
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

        using (var doomed = WorkerProcess.Start(db.ConnectionString, "schedule", code, "4"))
        {
            await WorkerProcess.WaitForLineAsync(doomed, "scheduled");
            await WorkerProcess.WaitForLineAsync(doomed, "worker ready");
            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
        }

        Assert.Equal(0, await CountAsync(db.DataSource, notified));
        Assert.Equal(1, await CountAsync(db.DataSource,
            "SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE message_type = 'sponsor.unblinding-notification' AND status = 'Scheduled'"));

        using (var survivor = WorkerProcess.Start(db.ConnectionString))
        {
            await WorkerProcess.WaitForLineAsync(survivor, "worker ready");
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
}

/// <summary>
/// Two application processes on one database: each projection is owned by one node at a time.
/// The read models run on Marten's async daemon (HotCold: a PostgreSQL advisory lock per
/// projection set); when their owner is killed, PostgreSQL drops its session and locks, and the other
/// node takes them within its leadership polling (2 s). The ledger is held by a lease, taken over
/// once it lapses (30 s, the runtime's default). Both then catch up with what was written meanwhile.
/// </summary>
public sealed class ProjectionTakeoverTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task a_killed_nodes_projections_are_taken_over_by_the_other_node_within_the_lease()
    {
        var store = Store(db.DataSource);
        using var first = WorkerProcess.Start(db.ConnectionString, "project");
        await WorkerProcess.WaitForLineAsync(first, "worker ready");
        var before = NewStream();
        var e1 = (await store.AppendAsync(before, ExpectedVersion.NoStream, [new Noted(before, "seen by the first node")], Metadata()))[0];
        Assert.True(await LedgerReachesAsync(e1.Position, TimeSpan.FromSeconds(30)), "the first node never applied the event to the ledger");
        Assert.True(await ReadModelsReachAsync(e1.Position, TimeSpan.FromSeconds(30)), "the first node never ran the read models");
        var owner = await OwnerAsync();

        using var second = WorkerProcess.Start(db.ConnectionString, "project");
        await WorkerProcess.WaitForLineAsync(second, "worker ready");
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var after = NewStream();
        var e2 = (await store.AppendAsync(after, ExpectedVersion.NoStream, [new Noted(after, "written after the owner died")], Metadata()))[0];

        Assert.True(await ReadModelsReachAsync(e2.Position, TimeSpan.FromSeconds(20)), "the second node did not take the read models over within 20 s");
        Assert.True(await LedgerReachesAsync(e2.Position, TimeSpan.FromSeconds(75)), "the second node did not take the ledger over");
        Assert.NotEqual(owner, await OwnerAsync());
        second.Kill(entireProcessTree: true);
        await second.WaitForExitAsync();
    }

    private async Task<bool> LedgerReachesAsync(long position, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await CountAsync(db.DataSource, $"SELECT count(*) FROM ledger WHERE position = {position}") == 1)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>Whether every read model's progression on Marten's daemon reached the position.</summary>
    private async Task<bool> ReadModelsReachAsync(long position, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await CountAsync(db.DataSource, $"SELECT count(*) FROM mt_event_progression WHERE name IN ('trial_design:All', 'journey:All', 'users:All') AND last_seq_id >= {position}") == 3)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private async Task<string?> OwnerAsync()
    {
        await using var command = db.DataSource.CreateCommand("SELECT lease_owner FROM projection_checkpoints WHERE name = 'ledger'");
        return (string?)await command.ExecuteScalarAsync();
    }
}

/// <summary>The stand-alone node of TrialOps.Platform.Worker, built beside this project.</summary>
internal static class WorkerProcess
{
    public static Process Start(string connectionString, params string[] arguments)
    {
        // The worker is built beside this project (same configuration and framework folders).
        var worker = Path.Combine(AppContext.BaseDirectory.Replace("TrialOps.Platform.Tests", "TrialOps.Platform.Worker", StringComparison.Ordinal), "TrialOps.Platform.Worker.dll");
        Assert.True(File.Exists(worker), $"worker not built at {worker}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(worker);
        start.ArgumentList.Add(connectionString);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    public static async Task WaitForLineAsync(Process process, string expected)
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
