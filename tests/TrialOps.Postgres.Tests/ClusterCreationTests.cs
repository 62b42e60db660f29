using static TrialOps.Postgres.Tests.ClusterProbe;

namespace TrialOps.Postgres.Tests;

/// <summary>Tests that need a brand-new cluster (initdb): the slow ones, kept few.</summary>
public sealed class ClusterCreationTests
{
    [Fact]
    public async Task first_start_creates_the_cluster_with_a_private_password_file_and_a_recorded_port()
    {
        await using var home = new TempHome();

        await using (var database = await TrialOpsDatabase.OpenAsync(home.Options()))
        {
            Assert.True(database.IsEmbedded);
            var cluster = database.Cluster!;
            Assert.True(cluster.StartedServer);

            var passwordFile = Path.Combine(home.Path, "password");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
            Assert.True(File.ReadAllText(passwordFile).Trim().Length >= 32);
            Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(cluster.DataDirectory)!, ".initdb-*"));

            Assert.Equal(cluster.Port, RecordedPort(home.DataLink));
            Assert.Equal(cluster.Port.ToString(), await Scalar(database.DataSource, "SHOW port"));
            Assert.Equal("trialops", await Scalar(database.DataSource, "SELECT current_database()"));
            Assert.Equal("trialops", await Scalar(database.DataSource, "SELECT current_user"));
            Assert.Equal("UTF8", await Scalar(database.DataSource, "SHOW server_encoding"));
            Assert.Equal($"trialops-{Environment.ProcessId}", await Scalar(database.DataSource, "SHOW application_name"));
            Assert.Equal(MigrationRunner.Embedded.Select(migration => migration.Name), database.AppliedMigrations);
        }

        Assert.False(home.ServerIsRunning());
        Assert.Contains(home.Log, line => line.StartsWith("Created the embedded PostgreSQL cluster", StringComparison.Ordinal));
        Assert.Contains(home.Log, line => line.StartsWith("Stopped the embedded PostgreSQL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task two_opens_of_a_new_home_at_the_same_time_create_and_start_one_cluster()
    {
        await using var home = new TempHome();

        var opened = await Task.WhenAll(
            Task.Run(() => TrialOpsDatabase.OpenAsync(home.Options())),
            Task.Run(() => TrialOpsDatabase.OpenAsync(home.Options())));

        Assert.Single(opened, database => database.Cluster!.StartedServer);
        Assert.Single(home.Log, line => line.StartsWith("Created", StringComparison.Ordinal));
        Assert.Single(home.Log, line => line.StartsWith("Started", StringComparison.Ordinal));
        foreach (var database in opened)
        {
            Assert.Equal(1, await Scalar(database.DataSource, "SELECT 1"));
        }
        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }
        Assert.False(home.ServerIsRunning());
    }

    [RootFact]
    public async Task as_root_a_home_the_postgres_account_cannot_reach_keeps_its_data_under_var_lib_trialops()
    {
        RootFactAttribute.RequireRoot();
        await using var home = new TempHome(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var postgres = ServerUser.LookUp(ServerUser.PostgresAccount)!.Value;

        await using var database = await TrialOpsDatabase.OpenAsync(home.Options());

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(home.Path)))[..12];
        var expected = Path.Combine("/var/lib/trialops", hash);
        Assert.False(ServerUser.CanReach(home.Path, postgres.UserId, postgres.GroupId));
        Assert.Equal(expected, new DirectoryInfo(home.DataLink).LinkTarget);
        Assert.Equal(expected, database.Cluster!.DataDirectory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(expected));
        Assert.Equal(postgres.UserId, ServerProcessUserId(expected));
        Assert.Equal(1, await Scalar(database.DataSource, "SELECT 1"));
    }
}
