using Xunit.Abstractions;
using System.Diagnostics;
using TrialOps.EventStore;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

public sealed class ScheduledMessageCrashTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// Node A schedules a sponsor notification 12 s ahead and is killed (kill -9) before it is due
    /// (12 s leaves room for a slow start of the worker on a loaded machine);
    /// node B, started afterwards, takes the message from Wolverine's tables and handles it once.
    /// The bound: B handles it within its scheduled polling after A's heartbeat is stale (6 s here).
    /// </summary>
    [Fact]
    public async Task a_scheduled_message_survives_killing_its_node_and_is_handled_once_by_another()
    {
        var code = "CRASH" + Random.Shared.Next(1000, 9999);
        var notified = $"SELECT count(*) FROM mt_events WHERE stream_id = 'sponsor-notifications-{code}'";

        using (var doomed = WorkerProcess.Start(db.ConnectionString, "schedule", code, "12"))
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
/// Two application processes on one database, and a third that hosts no read models (as a CLI
/// command): each read model is a Wolverine agent (ADR 0032) that Wolverine's leader assigns to
/// exactly one node that hosts read models, never to the third. When its node is killed (kill -9),
/// the leader drops the node once its heartbeat is stale (6 s here) and assigns its read models to
/// the other hosting node at its next assignment check (every 2 s here); that node takes each read
/// model's fence (PostgreSQL dropped the killed session's at once) and applies what was written
/// meanwhile. The ledger is held by a lease, taken over once it lapses (30 s, the runtime's default).
/// </summary>
public sealed class ProjectionTakeoverTests(DatabaseFixture db, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    /// <summary>The documented bound after a kill: stale-node timeout (6 s) + assignment check (2 s) + fence polling and start; measured ~10 s.</summary>
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(30);

    private static readonly string[] ReadModelAgents = ["trialops-read-models://journey", "trialops-read-models://trial_design", "trialops-read-models://users"];

    [Fact]
    public async Task a_killed_nodes_read_models_are_reassigned_by_wolverine_to_the_other_hosting_node_and_never_to_a_node_that_hosts_none()
    {
        var store = Store(db.DataSource);
        using var first = WorkerProcess.Start(db.ConnectionString, "project");
        var firstNode = await WorkerProcess.ReadNodeAsync(first);
        using var bystander = WorkerProcess.Start(db.ConnectionString);
        var bystanderNode = await WorkerProcess.ReadNodeAsync(bystander);
        var before = NewStream();
        var e1 = (await store.AppendAsync(before, ExpectedVersion.NoStream, [new Noted(before, "seen by the first node")], Metadata()))[0];
        Assert.True(await LedgerReachesAsync(e1.Position, TimeSpan.FromSeconds(30)), "the first node never applied the event to the ledger");
        Assert.True(await ReadModelsReachAsync(e1.Position, TimeSpan.FromSeconds(30)), "the first node never ran the read models");
        Assert.True(await AssignedAsync(a => a.Values.All(n => n == firstNode), TimeSpan.FromSeconds(30)), "Wolverine did not assign every read model to the only node that hosts them");
        Assert.Equal(3, await FencesHeldAsync());
        var owner = await OwnerAsync();

        // A second hosting node joins: the leader spreads the read models over both (never the bystander).
        using var second = WorkerProcess.Start(db.ConnectionString, "project");
        var secondNode = await WorkerProcess.ReadNodeAsync(second);
        Assert.True(await AssignedAsync(a => a.Values.Contains(firstNode) && a.Values.Contains(secondNode), TimeSpan.FromSeconds(30)), "Wolverine did not spread the read models over both hosting nodes");
        Assert.DoesNotContain(bystanderNode, (await AssignmentsAsync()).Values);
        Assert.Equal(3, await FencesHeldAsync());

        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var killed = Stopwatch.StartNew();
        var after = NewStream();
        var e2 = (await store.AppendAsync(after, ExpectedVersion.NoStream, [new Noted(after, "written after the owner died")], Metadata()))[0];

        Assert.True(await AssignedAsync(a => a.Values.All(n => n == secondNode), TakeoverBound), $"Wolverine did not assign the killed node's read models to the other hosting node within {TakeoverBound.TotalSeconds} s");
        output.WriteLine($"read models assigned to the other node {killed.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.True(await ReadModelsReachAsync(e2.Position, TakeoverBound), $"the second node did not apply the read models within {TakeoverBound.TotalSeconds} s");
        output.WriteLine($"read models applied the new event {killed.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.Equal(3, await FencesHeldAsync());
        Assert.True(await LedgerReachesAsync(e2.Position, TimeSpan.FromSeconds(75)), "the second node did not take the ledger over");
        Assert.NotEqual(owner, await OwnerAsync());
        Assert.DoesNotContain(bystanderNode, (await AssignmentsAsync()).Values);
        foreach (var process in new[] { second, bystander })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
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

    /// <summary>Where Wolverine records each read-model agent running (one row per agent: its node).</summary>
    private async Task<Dictionary<string, Guid>> AssignmentsAsync()
    {
        await using var command = db.DataSource.CreateCommand("SELECT id, node_id FROM wolverine.wolverine_node_assignments WHERE id LIKE 'trialops-read-models://%'");
        await using var reader = await command.ExecuteReaderAsync();
        var assignments = new Dictionary<string, Guid>();
        while (await reader.ReadAsync())
        {
            assignments[reader.GetString(0).TrimEnd('/')] = reader.GetGuid(1);
        }

        return assignments;
    }

    /// <summary>Polls until every read-model agent is recorded on a node and the assignment satisfies <paramref name="expected"/>.</summary>
    private async Task<bool> AssignedAsync(Func<Dictionary<string, Guid>, bool> expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var assignments = await AssignmentsAsync();
            if (ReadModelAgents.All(assignments.ContainsKey) && expected(assignments))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>How many read models' fences (advisory locks) some session holds: each can be held by one session only.</summary>
    private async Task<long> FencesHeldAsync()
    {
        var keys = string.Join(", ", new[] { "journey", "trial_design", "users" }.Select(ReadModelDaemon.FenceKeyOf));
        return await CountAsync(db.DataSource,
            $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) IN ({keys})");
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

    /// <summary>Waits for the worker's Wolverine node id (printed just before "worker ready") and its readiness.</summary>
    public static async Task<Guid> ReadNodeAsync(Process process)
    {
        var line = await WaitForLineAsync(process, "wolverine node ");
        await WaitForLineAsync(process, "worker ready");
        return Guid.Parse(line[(line.IndexOf("wolverine node ", StringComparison.Ordinal) + "wolverine node ".Length)..].Trim());
    }

    public static async Task<string> WaitForLineAsync(Process process, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(expected, StringComparison.Ordinal))
            {
                return line;
            }
        }

        Assert.Fail($"worker exited before printing '{expected}': {await process.StandardError.ReadToEndAsync()}");
        return "";
    }
}
