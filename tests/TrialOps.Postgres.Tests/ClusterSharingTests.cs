using System.Net;
using System.Net.Sockets;
using Npgsql;
using static TrialOps.Postgres.Tests.ClusterProbe;

namespace TrialOps.Postgres.Tests;

/// <summary>Attaching to a running cluster, and who stops it: on copies of one created cluster.</summary>
public sealed class ClusterSharingTests(ClusterTemplate template) : IClassFixture<ClusterTemplate>
{
    [Fact]
    public async Task a_second_open_of_the_same_home_attaches_to_the_running_cluster_and_the_starter_stops_it()
    {
        await using var home = template.Copy();

        var starter = await TrialOpsDatabase.OpenAsync(home.Options());
        var serverPid = PostmasterPid(home.DataLink);
        var second = await TrialOpsDatabase.OpenAsync(home.Options());

        Assert.True(starter.Cluster!.StartedServer);
        Assert.False(second.Cluster!.StartedServer);
        Assert.Equal(starter.Cluster.Port, second.Cluster.Port);
        Assert.Equal(serverPid, PostmasterPid(home.DataLink));
        Assert.Empty(second.AppliedMigrations);
        Assert.Single(home.Log, line => line.StartsWith("Started", StringComparison.Ordinal));
        Assert.Single(home.Log, line => line.StartsWith("Using the embedded PostgreSQL already running", StringComparison.Ordinal));

        await second.DisposeAsync();
        Assert.True(home.ServerIsRunning());
        Assert.Equal(1, await Scalar(starter.DataSource, "SELECT 1"));

        await starter.DisposeAsync();
        Assert.False(home.ServerIsRunning());
    }

    [Fact]
    public async Task the_stop_duty_passes_to_an_open_attacher_when_the_starter_leaves_first()
    {
        await using var home = template.Copy();
        var starter = await TrialOpsDatabase.OpenAsync(home.Options());
        var second = await TrialOpsDatabase.OpenAsync(home.Options());

        await starter.DisposeAsync();
        Assert.True(home.ServerIsRunning());
        Assert.True(second.Cluster!.StartedServer);
        Assert.Equal(1, await Scalar(second.DataSource, "SELECT 1"));

        await second.DisposeAsync();
        Assert.False(home.ServerIsRunning());
    }

    [Fact]
    public async Task the_starter_leaves_the_cluster_running_while_another_process_is_connected()
    {
        await using var home = template.Copy();
        var starter = await TrialOpsDatabase.OpenAsync(home.Options());
        var otherProcess = new NpgsqlConnectionStringBuilder(starter.ConnectionString) { ApplicationName = "psql", Pooling = false };
        await using var other = new NpgsqlConnection(otherProcess.ConnectionString);
        await other.OpenAsync();

        await starter.DisposeAsync();

        Assert.True(home.ServerIsRunning());
        await using (var command = new NpgsqlCommand("SELECT 1", other))
        {
            Assert.Equal(1, await command.ExecuteScalarAsync());
        }
        Assert.Single(home.Log, line => line.StartsWith("Leaving the embedded PostgreSQL", StringComparison.Ordinal) && line.Contains("psql"));
    }

    [Fact]
    public async Task an_attacher_stops_a_cluster_left_running_only_once_its_starter_has_gone_and_nobody_else_is_connected()
    {
        await using var home = template.Copy();
        var starter = await TrialOpsDatabase.OpenAsync(home.Options());
        var otherProcess = new NpgsqlConnectionStringBuilder(starter.ConnectionString) { ApplicationName = "psql", Pooling = false };
        var other = new NpgsqlConnection(otherProcess.ConnectionString);
        await other.OpenAsync();
        await starter.DisposeAsync();

        await (await TrialOpsDatabase.OpenAsync(home.Options())).DisposeAsync();
        Assert.True(home.ServerIsRunning());

        File.WriteAllText(Path.Combine(home.DataLink, "trialops.owner"), ExitedProcessId() + "\n");
        await (await TrialOpsDatabase.OpenAsync(home.Options())).DisposeAsync();
        Assert.True(home.ServerIsRunning());

        await other.DisposeAsync();
        var lastUser = await TrialOpsDatabase.OpenAsync(home.Options());
        Assert.False(lastUser.Cluster!.StartedServer);
        await lastUser.DisposeAsync();
        Assert.False(home.ServerIsRunning());
    }

    private static int ExitedProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }

    [Fact]
    public async Task a_recorded_port_taken_by_someone_else_is_replaced_and_recorded_at_the_next_start()
    {
        await using var home = template.Copy();
        var recorded = RecordedPort(home.DataLink);
        using var squatter = new TcpListener(IPAddress.Loopback, recorded);
        squatter.Start();

        await using var database = await TrialOpsDatabase.OpenAsync(home.Options());

        Assert.NotEqual(recorded, database.Cluster!.Port);
        Assert.Equal(database.Cluster.Port, RecordedPort(home.DataLink));
        Assert.Equal(1, await Scalar(database.DataSource, "SELECT 1"));
        Assert.Contains(home.Log, line => line.Contains($"Port {recorded} recorded for the embedded PostgreSQL is taken"));
    }

    [Fact]
    public async Task a_free_recorded_port_is_used_again()
    {
        await using var home = template.Copy();
        var recorded = RecordedPort(home.DataLink);

        await using var database = await TrialOpsDatabase.OpenAsync(home.Options());

        Assert.Equal(recorded, database.Cluster!.Port);
    }
}
