using Npgsql;
using TrialOps.Testing;
using static TrialOps.Postgres.Tests.ClusterProbe;

namespace TrialOps.Postgres.Tests;

/// <summary>How an embedded cluster is set up, checked on the test cluster (made by the same code).</summary>
public sealed class TestClusterTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task the_server_listens_only_on_loopback_and_its_socket_and_always_asks_for_a_password()
    {
        var cluster = await PostgresServer.GetClusterAsync();
        var dataSource = fixture.DataSource;

        Assert.Equal("127.0.0.1", await Scalar(dataSource, "SHOW listen_addresses"));
        Assert.Equal(cluster.SocketDirectory, await Scalar(dataSource, "SHOW unix_socket_directories"));
        var socket = Path.Combine(cluster.SocketDirectory, $".s.PGSQL.{cluster.Port}");
        Assert.True(File.Exists(socket));
        Assert.True(socket.Length < 100);
        Assert.Equal("scram-sha-256", await Scalar(dataSource, "SHOW password_encryption"));

        var rules = new List<string>();
        await using (var command = dataSource.CreateCommand(
            "SELECT type || ' ' || coalesce(address, '-') || ' ' || auth_method || coalesce(' ' || error, '') FROM pg_hba_file_rules ORDER BY line_number"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rules.Add(reader.GetString(0));
            }
        }
        Assert.Equal(["local - scram-sha-256", "host 127.0.0.1 scram-sha-256"], rules);

        var overTcp = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Host = "127.0.0.1", Pooling = false };
        await using (var connection = new NpgsqlConnection(overTcp.ConnectionString))
        {
            await connection.OpenAsync();
        }
        var wrongPassword = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Password = "not-the-password", Pooling = false };
        await using (var connection = new NpgsqlConnection(wrongPassword.ConnectionString))
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
            Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        }
    }

    [RootFact]
    public async Task as_root_a_home_the_postgres_account_can_reach_holds_the_data_folder_itself_run_by_postgres()
    {
        RootFactAttribute.RequireRoot();
        var cluster = await PostgresServer.GetClusterAsync();
        var home = await PostgresServer.GetHomeAsync();
        var postgres = ServerUser.LookUp(ServerUser.PostgresAccount)!.Value;

        Assert.True(cluster.ServerUser.IsOtherAccount);
        Assert.Null(new DirectoryInfo(Path.Combine(home, "pgdata")).LinkTarget);
        Assert.Equal(Path.Combine(home, "pgdata"), cluster.DataDirectory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(home, "password")));
        Assert.Equal(postgres.UserId, ServerProcessUserId(cluster.DataDirectory));
    }
}
