using System.Diagnostics;
using Npgsql;
using TrialOps.EventStore;
using TrialOps.Postgres;

namespace TrialOps.Testing;

/// <summary>
/// One embedded PostgreSQL cluster per test process, in a fresh TRIALOPS_HOME under /tmp, started
/// on first use and stopped (and deleted) when the process exits. Test classes get their own
/// databases from it (<see cref="DatabaseFixture"/>, <see cref="CreateDatabaseAsync"/>), cloned
/// from a template that has the migrations applied once.
/// </summary>
public static class PostgresServer
{
    private const string HomePrefix = "trialops-test-";
    private const string OwnerFile = "owner.pid";
    private const string TemplateDatabase = "trialops_template";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Task<Server>? started;

    private sealed record Server(TrialOpsDatabaseOptions Options, TrialOpsDatabase Database, EmbeddedCluster Cluster);

    /// <summary>The TRIALOPS_HOME of this process's test cluster (starts it if needed).</summary>
    public static async Task<string> GetHomeAsync() => (await StartAsync()).Options.ResolveHome();

    /// <summary>The test cluster (starts it if needed).</summary>
    public static async Task<EmbeddedCluster> GetClusterAsync() => (await StartAsync()).Cluster;

    /// <summary>A connection string to any database of the test cluster (superuser).</summary>
    public static async Task<string> ConnectionStringForAsync(string database) =>
        (await StartAsync()).Cluster.ConnectionStringFor(database);

    /// <summary>
    /// A new, uniquely named database with the migrations applied; dispose it to drop it.
    /// Pass <paramref name="migrated"/> false for an empty database.
    /// </summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(bool migrated = true, CancellationToken ct = default)
    {
        var server = await StartAsync();
        var name = "t_" + Guid.NewGuid().ToString("N")[..20];
        var template = migrated ? TemplateDatabase : "template0";
        await using (var admin = new NpgsqlConnection(server.Cluster.ConnectionStringFor("postgres")))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        var connectionString = server.Cluster.ConnectionStringFor(name);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        if (migrated)
        {
            // Normally nothing: the template is current. Keeps the database right if it is not.
            await MigrationRunner.ApplyAsync(dataSource, ct);
            await EventStoreSchema.ApplyAsync(dataSource, allowUpdate: true, ct);
        }
        return new TestDatabase(name, connectionString, dataSource, DropAsync);
    }

    private static async Task DropAsync(string name)
    {
        var server = await StartAsync();
        await using var admin = new NpgsqlConnection(server.Cluster.ConnectionStringFor("postgres"));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<Server> StartAsync()
    {
        var task = started;
        if (task is not null)
        {
            return await task;
        }
        await Gate.WaitAsync();
        try
        {
            started ??= StartOnceAsync();
        }
        finally
        {
            Gate.Release();
        }
        return await started;
    }

    private static async Task<Server> StartOnceAsync()
    {
        // Tests seal randomization seeds with a key of their own, never the user's ~/.trialops key.
        if (Environment.GetEnvironmentVariable("TRIALOPS_SEED_KEY") is null)
        {
            Environment.SetEnvironmentVariable("TRIALOPS_SEED_KEY", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        }

        RemoveAbandonedClusters();
        var home = Path.Combine("/tmp", HomePrefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(home);
        if (!OperatingSystem.IsWindows())
        {
            // Searchable by the postgres account when the tests run as root, so the data folder
            // stays under this home instead of /var/lib/trialops.
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        await File.WriteAllTextAsync(Path.Combine(home, OwnerFile), Environment.ProcessId.ToString());

        var options = new TrialOpsDatabaseOptions
        {
            Home = home,
            GetEnvironmentVariable = name => name == TrialOpsDatabaseOptions.ConnectionVariable ? null : Environment.GetEnvironmentVariable(name),
            Durable = false,
            ApplyMigrations = false,
        };
        var database = await TrialOpsDatabase.OpenAsync(options);
        var cluster = database.Cluster!;
        StartWatchdog(cluster, home);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAndDelete(database, home);

        await using (var admin = new NpgsqlConnection(cluster.ConnectionStringFor("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {TemplateDatabase} TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync();
        }
        // Unpooled: a template must have no open connections when it is cloned.
        var templateConnection = new NpgsqlConnectionStringBuilder(cluster.ConnectionStringFor(TemplateDatabase)) { Pooling = false };
        await using (var template = NpgsqlDataSource.Create(templateConnection.ConnectionString))
        {
            await MigrationRunner.ApplyAsync(template);
            await EventStoreSchema.ApplyAsync(template, allowUpdate: true);
        }
        // No connections (autovacuum's included) may stand in the way of cloning it.
        await using (var admin = new NpgsqlConnection(cluster.ConnectionStringFor("postgres")))
        {
            await admin.OpenAsync();
            await using var seal = new NpgsqlCommand($"ALTER DATABASE {TemplateDatabase} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false", admin);
            await seal.ExecuteNonQueryAsync();
        }
        return new Server(options, database, cluster);
    }

    /// <summary>A clean stop while the process exits; the test host may kill us midway, hence the watchdog.</summary>
    private static void StopAndDelete(TrialOpsDatabase database, string home)
    {
        var dataDirectory = database.Cluster!.DataDirectory;
        database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (!File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            DeleteQuietly(dataDirectory);
            DeleteQuietly(home);
        }
    }

    /// <summary>
    /// The test host (vstest) kills the test process shortly after the run, often before
    /// ProcessExit handlers finish. A detached shell outlives it, waits for it to end, then stops
    /// the cluster and deletes its folders — even after a crash or kill -9.
    /// </summary>
    private static void StartWatchdog(EmbeddedCluster cluster, string home)
    {
        var pgCtl = cluster.ServerUser.IsOtherAccount
            ? $"runuser -u {cluster.ServerUser.RunAs} -- {Quote(cluster.Binaries.PgCtl)}"
            : Quote(cluster.Binaries.PgCtl);
        var script =
            "exec </dev/null >/dev/null 2>&1; "
            // A dead process may linger as a zombie when nobody reaps it; that counts as gone.
            + $"while kill -0 {Environment.ProcessId} && ! grep -q '^State:[[:space:]]*Z' /proc/{Environment.ProcessId}/status; do sleep 0.2; done; "
            + $"{pgCtl} stop -D {Quote(cluster.DataDirectory)} -m fast -w -t 60; "
            + $"rm -rf {Quote(cluster.DataDirectory)} {Quote(home)}";
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        // -f: fork, so the shell is not our child and survives a kill of our process tree.
        foreach (var argument in new[] { "-f", "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }
        using var setsid = Process.Start(start)!;
        setsid.WaitForExit();
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''") + "'";

    /// <summary>Stops and deletes test clusters whose test process died without stopping them.</summary>
    private static void RemoveAbandonedClusters()
    {
        foreach (var home in Directory.EnumerateDirectories("/tmp", HomePrefix + "*"))
        {
            var ownerFile = Path.Combine(home, OwnerFile);
            if (!File.Exists(ownerFile) || !int.TryParse(File.ReadAllText(ownerFile), out var owner) || Directory.Exists($"/proc/{owner}"))
            {
                continue;
            }
            var options = new TrialOpsDatabaseOptions { Home = home };
            try
            {
                var dataLink = Path.Combine(home, "pgdata");
                var dataDirectory = Directory.Exists(dataLink) ? new DirectoryInfo(dataLink).ResolveLinkTarget(true)?.FullName : null;
                EmbeddedCluster.StopAsync(options).GetAwaiter().GetResult();
                if (dataDirectory is not null)
                {
                    DeleteQuietly(dataDirectory);
                }
                DeleteQuietly(home);
            }
            catch (Exception e) when (e is IOException or EmbeddedClusterException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Could not remove the abandoned test cluster {home}: {e.Message}");
            }
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
