using Npgsql;
using TrialOps.Testing;

namespace TrialOps.Postgres.Tests;

public sealed class ConnectionResolutionTests
{
    [Fact]
    public async Task a_configured_connection_string_is_used_instead_of_the_embedded_cluster()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        await using var home = new TempHome();
        var configured = new NpgsqlConnectionStringBuilder(server.ConnectionString) { ApplicationName = null }.ConnectionString;

        await using var database = await TrialOpsDatabase.OpenAsync(home.Options() with { ConfiguredConnectionString = configured });

        Assert.False(database.IsEmbedded);
        Assert.Null(database.Cluster);
        Assert.False(Directory.Exists(home.DataLink));
        Assert.Equal(server.Name, await Scalar(database, "SELECT current_database()"));
        Assert.Equal(TrialOpsDatabase.ApplicationName, await Scalar(database, "SHOW application_name"));
    }

    [Fact]
    public async Task TRIALOPS_CONNECTION_is_used_when_no_connection_string_is_configured()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        await using var home = new TempHome();
        var environment = new Dictionary<string, string?> { [TrialOpsDatabaseOptions.ConnectionVariable] = server.ConnectionString };

        await using var database = await TrialOpsDatabase.OpenAsync(home.Options(name => environment.GetValueOrDefault(name)));

        Assert.False(database.IsEmbedded);
        Assert.False(Directory.Exists(home.DataLink));
        Assert.Equal(server.Name, await Scalar(database, "SELECT current_database()"));
    }

    [Fact]
    public async Task a_configured_connection_string_wins_over_TRIALOPS_CONNECTION()
    {
        await using var configured = await PostgresServer.CreateDatabaseAsync();
        await using var fromEnvironment = await PostgresServer.CreateDatabaseAsync();
        await using var home = new TempHome();
        var environment = new Dictionary<string, string?> { [TrialOpsDatabaseOptions.ConnectionVariable] = fromEnvironment.ConnectionString };

        await using var database = await TrialOpsDatabase.OpenAsync(
            home.Options(name => environment.GetValueOrDefault(name)) with { ConfiguredConnectionString = configured.ConnectionString });

        Assert.Equal(configured.Name, await Scalar(database, "SELECT current_database()"));
    }

    [Fact]
    public async Task the_public_open_reads_TRIALOPS_CONNECTION_from_the_process_environment()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        var log = new List<string>();
        Environment.SetEnvironmentVariable(TrialOpsDatabaseOptions.ConnectionVariable, server.ConnectionString);
        try
        {
            await using var database = await TrialOpsDatabase.OpenAsync(null, log.Add);

            Assert.False(database.IsEmbedded);
            Assert.Equal(server.Name, await Scalar(database, "SELECT current_database()"));
            Assert.Contains(log, line => line.StartsWith("Using the configured PostgreSQL server", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(TrialOpsDatabaseOptions.ConnectionVariable, null);
        }
    }

    [Fact]
    public async Task missing_server_binaries_raise_the_dedicated_exception_with_the_install_hint()
    {
        await using var home = new TempHome();
        var nowhere = Directory.CreateTempSubdirectory("trialops-nobin-").FullName;
        try
        {
            var options = home.Options() with { PostgresInstallRoot = Path.Combine(nowhere, "postgresql"), SearchPath = nowhere };

            var missing = await Assert.ThrowsAsync<PostgresNotInstalledException>(() => TrialOpsDatabase.OpenAsync(options));

            Assert.Equal(
                "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 15 or later (Debian: apt-get install postgresql) "
                + "or set TRIALOPS_CONNECTION / ConnectionStrings:TrialOps.",
                missing.Message);
            Assert.DoesNotContain('\n', missing.Message);
            Assert.False(Directory.Exists(home.DataLink));
        }
        finally
        {
            Directory.Delete(nowhere, recursive: true);
        }
    }

    [Fact]
    public void the_binaries_of_the_highest_installed_version_are_chosen_before_PATH()
    {
        var root = Directory.CreateTempSubdirectory("trialops-bin-").FullName;
        try
        {
            foreach (var folder in new[] { "9.6/bin", "15/bin", "16/bin", "path" })
            {
                Directory.CreateDirectory(Path.Combine(root, folder));
                foreach (var tool in new[] { "initdb", "pg_ctl" })
                {
                    File.WriteAllText(Path.Combine(root, folder, tool), "#!/bin/sh\n");
                    File.SetUnixFileMode(Path.Combine(root, folder, tool), UnixFileMode.UserRead | UnixFileMode.UserExecute);
                }
            }
            File.Delete(Path.Combine(root, "16/bin/initdb"));

            var found = PostgresBinaries.Locate(root, Path.Combine(root, "path"));
            var fromPath = PostgresBinaries.Locate(Path.Combine(root, "absent"), "/nonexistent:" + Path.Combine(root, "path"));

            Assert.Equal(Path.Combine(root, "15/bin/pg_ctl"), found.PgCtl);
            Assert.Equal(Path.Combine(root, "15/bin/initdb"), found.InitDb);
            Assert.Equal(Path.Combine(root, "path/pg_ctl"), fromPath.PgCtl);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<object?> Scalar(TrialOpsDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
