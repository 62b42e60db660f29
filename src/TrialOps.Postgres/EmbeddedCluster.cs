using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace TrialOps.Postgres;

/// <summary>
/// The private local PostgreSQL cluster TrialOps uses when no connection string is configured
/// (DESIGN.md §4, ADR 0001). One cluster per TRIALOPS_HOME is shared by every TrialOps process of
/// the machine: the first creates and starts it, later ones attach, and the starter stops it when
/// it leaves unless clients of other processes are still connected.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    public const string Superuser = "trialops";
    public const string DatabaseName = "trialops";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);
    private static readonly Dictionary<string, List<EmbeddedCluster>> OpenInThisProcess = new();

    private readonly ClusterFolders folders;
    private readonly ToolRunner tools;
    private readonly string password;
    private readonly Action<string> log;
    private NpgsqlConnection? presence;
    private bool disposed;

    private EmbeddedCluster(
        ClusterFolders folders, ToolRunner tools, PostgresBinaries binaries, string password,
        int port, string socketDirectory, bool startedServer, Action<string> log)
    {
        this.folders = folders;
        this.tools = tools;
        Binaries = binaries;
        ServerUser = tools.ServerUser;
        this.password = password;
        this.log = log;
        Port = port;
        SocketDirectory = socketDirectory;
        StartedServer = startedServer;
    }

    public string Home => folders.Home;

    /// <summary>The real data folder (behind <c>$TRIALOPS_HOME/pgdata</c>).</summary>
    public string DataDirectory => folders.DataDirectory;

    public int Port { get; }

    /// <summary>The initdb and pg_ctl this cluster is managed with.</summary>
    public PostgresBinaries Binaries { get; }

    /// <summary>The account that owns the data folder and runs the server.</summary>
    public ServerUser ServerUser { get; }

    public string SocketDirectory { get; }

    /// <summary>
    /// This instance stops the server when disposed: it started it, or inherited that duty from
    /// another instance of this process that started it and was disposed first.
    /// </summary>
    public bool StartedServer { get; private set; }

    /// <summary>Connection string for the <c>trialops</c> database over the Unix socket.</summary>
    public string ConnectionString => ConnectionStringFor(DatabaseName);

    /// <summary>Connection string for any database of the cluster (test databases, admin work).</summary>
    public string ConnectionStringFor(string database) =>
        BuildConnectionString(SocketDirectory, Port, password, database);

    /// <summary>Creates (first use), starts or attaches to the cluster of the resolved TRIALOPS_HOME.</summary>
    /// <exception cref="PostgresNotInstalledException">initdb or pg_ctl cannot be found.</exception>
    public static async Task<EmbeddedCluster> StartOrAttachAsync(TrialOpsDatabaseOptions options, CancellationToken ct = default)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            throw new PlatformNotSupportedException(
                "The embedded PostgreSQL cluster needs a Unix-like system: set TRIALOPS_CONNECTION / ConnectionStrings:TrialOps.");
        }
        var log = options.Log ?? (_ => { });
        var binaries = PostgresBinaries.Locate(options.PostgresInstallRoot, options.SearchPath ?? options.GetEnvironmentVariable("PATH"));
        var serverUser = ServerUser.ForThisProcess();
        var tools = new ToolRunner(serverUser);
        var home = options.ResolveHome();
        ClusterFolders.CreateHome(home, serverUser);

        using var homeLock = await HomeLock.AcquireAsync(Path.Combine(home, "lock"), LockTimeout, ct);
        var folders = ClusterFolders.Prepare(home, serverUser);
        var password = EnsurePassword(folders);
        if (!folders.IsInitialized)
        {
            await InitializeAsync(folders, binaries, tools, serverUser, password, options.Durable, ct);
            log($"Created the embedded PostgreSQL cluster in {folders.DataDirectory} (TRIALOPS_HOME {home}).");
        }

        EmbeddedCluster cluster;
        var running = ReadRunningServer(folders);
        if (running is not null && await IsRunningAsync(tools, binaries, folders, ct))
        {
            cluster = new EmbeddedCluster(folders, tools, binaries, password, running.Value.Port, running.Value.SocketDirectory, false, log);
            log($"Using the embedded PostgreSQL already running on port {cluster.Port} ({folders.DataDirectory}).");
        }
        else
        {
            var (port, socketDirectory) = await StartAsync(folders, binaries, tools, serverUser, log, ct);
            cluster = new EmbeddedCluster(folders, tools, binaries, password, port, socketDirectory, true, log);
            log($"Started the embedded PostgreSQL on 127.0.0.1:{port} ({folders.DataDirectory}).");
        }

        try
        {
            await cluster.EnsureDatabaseAsync(ct);
            // Held open until disposal: other processes' stop checks see that we use the cluster.
            cluster.presence = new NpgsqlConnection(cluster.BuildUnpooled(DatabaseName));
            await cluster.presence.OpenAsync(ct);
        }
        catch
        {
            if (cluster.StartedServer)
            {
                await cluster.StopServerAsync(CancellationToken.None);
            }
            throw;
        }
        lock (OpenInThisProcess)
        {
            if (!OpenInThisProcess.TryGetValue(folders.DataDirectory, out var open))
            {
                OpenInThisProcess[folders.DataDirectory] = open = [];
            }
            open.Add(cluster);
        }
        return cluster;
    }

    /// <summary>Whether the cluster of the resolved TRIALOPS_HOME is running.</summary>
    public static async Task<bool> IsRunningAsync(TrialOpsDatabaseOptions options, CancellationToken ct = default)
    {
        var serverUser = ServerUser.ForThisProcess();
        var home = options.ResolveHome();
        var link = Path.Combine(home, "pgdata");
        if (!Directory.Exists(link))
        {
            return false;
        }
        var binaries = PostgresBinaries.Locate(options.PostgresInstallRoot, options.SearchPath ?? options.GetEnvironmentVariable("PATH"));
        var folders = ClusterFolders.Prepare(home, serverUser);
        return await IsRunningAsync(new ToolRunner(serverUser), binaries, folders, ct);
    }

    /// <summary>
    /// Stops the cluster of the resolved TRIALOPS_HOME whoever started it, disconnecting every
    /// client (for operators and tests). Returns false when it was not running.
    /// </summary>
    public static async Task<bool> StopAsync(TrialOpsDatabaseOptions options, CancellationToken ct = default)
    {
        var serverUser = ServerUser.ForThisProcess();
        var home = options.ResolveHome();
        if (!Directory.Exists(Path.Combine(home, "pgdata")))
        {
            return false;
        }
        var binaries = PostgresBinaries.Locate(options.PostgresInstallRoot, options.SearchPath ?? options.GetEnvironmentVariable("PATH"));
        var tools = new ToolRunner(serverUser);
        using var homeLock = await HomeLock.AcquireAsync(Path.Combine(home, "lock"), LockTimeout, ct);
        var folders = ClusterFolders.Prepare(home, serverUser);
        if (!await IsRunningAsync(tools, binaries, folders, ct))
        {
            return false;
        }
        await tools.RunCheckedAsync(binaries.PgCtl, ["stop", "-D", folders.DataDirectory, "-m", "fast", "-w", "-t", "60"], ct);
        File.Delete(folders.OwnerFile);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        if (presence is not null)
        {
            await presence.DisposeAsync();
        }
        using var homeLock = await HomeLock.AcquireAsync(folders.LockFile, LockTimeout, CancellationToken.None);
        if (Forget())
        {
            return;
        }
        // An attacher stops the cluster only when it is the last user and its starter is gone
        // (crashed, or left it running for a process that has now finished too).
        if (!StartedServer && (IsOpenElsewhereInThisProcess() || StarterIsAlive()))
        {
            return;
        }
        if (!await IsRunningAsync(tools, Binaries, folders, CancellationToken.None))
        {
            return;
        }
        var others = await OtherClientsAsync();
        if (others.Count > 0)
        {
            if (StartedServer)
            {
                log($"Leaving the embedded PostgreSQL on port {Port} running: {others.Count} client connection(s) of other processes "
                    + $"({string.Join(", ", others.Distinct())}) are open.");
            }
            return;
        }
        await StopServerAsync(CancellationToken.None);
        log($"Stopped the embedded PostgreSQL on port {Port}.");
    }

    private bool IsOpenElsewhereInThisProcess()
    {
        lock (OpenInThisProcess)
        {
            return OpenInThisProcess.ContainsKey(folders.DataDirectory);
        }
    }

    /// <summary>Whether the process recorded in trialops.owner still runs; no record means "not ours to stop".</summary>
    private bool StarterIsAlive()
    {
        if (!File.Exists(folders.OwnerFile) || !int.TryParse(File.ReadAllText(folders.OwnerFile).Trim(), out var starter))
        {
            return true;
        }
        if (starter == Environment.ProcessId)
        {
            return true;
        }
        try
        {
            using var process = Process.GetProcessById(starter);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Leaves the process registry; true when the stop duty went to another open instance.</summary>
    private bool Forget()
    {
        lock (OpenInThisProcess)
        {
            if (!OpenInThisProcess.TryGetValue(folders.DataDirectory, out var open))
            {
                return false;
            }
            open.Remove(this);
            if (open.Count == 0)
            {
                OpenInThisProcess.Remove(folders.DataDirectory);
                return false;
            }
            if (StartedServer)
            {
                open[0].StartedServer = true;
                return true;
            }
            return false;
        }
    }

    private async Task<IReadOnlyList<string>> OtherClientsAsync()
    {
        await using var connection = new NpgsqlConnection(BuildUnpooled("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT coalesce(nullif(application_name, ''), 'pid ' || pid)
            FROM pg_stat_activity
            WHERE backend_type = 'client backend'
              AND pid <> pg_backend_pid()
              AND coalesce(application_name, '') <> $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = TrialOpsDatabase.ApplicationName });
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private async Task StopServerAsync(CancellationToken ct)
    {
        await tools.RunCheckedAsync(Binaries.PgCtl, ["stop", "-D", folders.DataDirectory, "-m", "fast", "-w", "-t", "60"], ct);
        File.Delete(folders.OwnerFile);
    }

    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(BuildUnpooled("postgres"));
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = DatabaseName });
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private string BuildUnpooled(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionStringFor(database)) { Pooling = false }.ConnectionString;

    private static string BuildConnectionString(string socketDirectory, int port, string password, string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = socketDirectory,
            Port = port,
            Username = Superuser,
            Password = password,
            Database = database,
            ApplicationName = TrialOpsDatabase.ApplicationName,
        }.ConnectionString;

    private static string EnsurePassword(ClusterFolders folders)
    {
        var file = folders.PasswordFile;
        if (File.Exists(file))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return File.ReadAllText(file).Trim();
        }
        if (folders.IsInitialized)
        {
            throw new EmbeddedClusterException(
                $"The embedded cluster in {folders.DataDirectory} exists but its password file {file} is missing. "
                + "Restore the file, or remove the data folder to start afresh.");
        }
        var password = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
        using (var stream = new FileStream(file, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(password);
        }
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    private static async Task InitializeAsync(
        ClusterFolders folders, PostgresBinaries binaries, ToolRunner tools, ServerUser serverUser,
        string password, bool durable, CancellationToken ct)
    {
        if (Directory.EnumerateFileSystemEntries(folders.DataDirectory).Any())
        {
            throw new EmbeddedClusterException(
                $"The data folder {folders.DataDirectory} is not empty but holds no cluster (a failed first start?). "
                + "Remove its contents and start again.");
        }
        // initdb runs as the server account: the password goes through a file only it can read,
        // next to the data folder (a place it can reach), and is deleted straight after.
        var passwordFile = Path.Combine(Path.GetDirectoryName(folders.DataDirectory)!, $".initdb-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(passwordFile, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(password + "\n");
            }
            serverUser.Own(passwordFile);
            List<string> arguments =
            [
                "-D", folders.DataDirectory, "--username=" + Superuser, "--pwfile=" + passwordFile,
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C",
            ];
            if (!durable)
            {
                arguments.Add("--no-sync");
            }
            await tools.RunCheckedAsync(binaries.InitDb, arguments, ct);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        // Only the Unix socket and IPv4 loopback, always with a SCRAM password: no trust, no peer,
        // no replication entries, nothing from the network.
        folders.WriteServerFile(
            Path.Combine(folders.DataDirectory, "pg_hba.conf"),
            """
            # TrialOps embedded cluster: the Unix socket and 127.0.0.1 only, always with a password.
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256

            """,
            serverUser);
        var settings = "\n# TrialOps embedded cluster (docs/adr/0001-embedded-postgresql.md)\n";
        if (!durable)
        {
            settings += "# Throw-away test cluster: a crash may corrupt it.\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n";
        }
        // Listening address, port and socket folder are rewritten at every start; included last so they win.
        settings += "include 'trialops.conf'\n";
        await File.AppendAllTextAsync(Path.Combine(folders.DataDirectory, "postgresql.conf"), settings, ct);
    }

    private static async Task<(int Port, string SocketDirectory)> StartAsync(
        ClusterFolders folders, PostgresBinaries binaries, ToolRunner tools, ServerUser serverUser,
        Action<string> log, CancellationToken ct)
    {
        var port = RecordedPort(folders);
        if (port is not null && !IsFree(port.Value))
        {
            log($"Port {port} recorded for the embedded PostgreSQL is taken; choosing another.");
            port = null;
        }
        for (var attempt = 1; ; attempt++)
        {
            port ??= ChooseFreePort();
            var socketDirectory = folders.ChooseSocketDirectory(port.Value, serverUser);
            folders.WriteServerFile(folders.PortFile, port.Value + "\n", serverUser);
            folders.WriteServerFile(folders.SettingsFile,
                $"""
                # Written by TrialOps at every start of the embedded cluster; put your own settings in postgresql.conf.
                listen_addresses = '127.0.0.1'
                port = {port.Value}
                unix_socket_directories = '{socketDirectory.Replace("'", "''")}'
                # Room for the web app's pool (100 by default), the CLI, a second node and tests
                # beside them: running out answers requests with 53300 "too many clients".
                max_connections = 300

                """,
                serverUser);
            var result = await tools.RunAsync(
                binaries.PgCtl, ["start", "-D", folders.DataDirectory, "-w", "-t", "60", "-l", folders.ServerLog], ct);
            if (result.ExitCode == 0)
            {
                folders.WriteServerFile(folders.OwnerFile, Environment.ProcessId + "\n", serverUser);
                return (port.Value, socketDirectory);
            }
            // Someone may have taken the port between our check and the server's bind.
            if (attempt < 3 && !IsFree(port.Value))
            {
                port = null;
                continue;
            }
            throw new EmbeddedClusterException(
                $"pg_ctl could not start the embedded PostgreSQL in {folders.DataDirectory}: {result.Output}\n{LogTail(folders)}");
        }
    }

    private static string LogTail(ClusterFolders folders)
    {
        try
        {
            var lines = File.ReadAllLines(folders.ServerLog);
            return "Server log (" + folders.ServerLog + "):\n" + string.Join('\n', lines.TakeLast(15));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static async Task<bool> IsRunningAsync(ToolRunner tools, PostgresBinaries binaries, ClusterFolders folders, CancellationToken ct)
    {
        if (!File.Exists(folders.PidFile))
        {
            return false;
        }
        // 0: running; 3: not running (a stale postmaster.pid); 4: no accessible data folder.
        var status = await tools.RunAsync(binaries.PgCtl, ["status", "-D", folders.DataDirectory], ct);
        return status.ExitCode == 0;
    }

    /// <summary>Port and first socket folder of a running postmaster, from lines 4 and 5 of postmaster.pid.</summary>
    private static (int Port, string SocketDirectory)? ReadRunningServer(ClusterFolders folders)
    {
        try
        {
            var lines = File.ReadAllLines(folders.PidFile);
            if (lines.Length >= 5 && int.TryParse(lines[3].Trim(), out var port) && lines[4].Trim().Length > 0)
            {
                return (port, lines[4].Trim());
            }
        }
        catch (FileNotFoundException)
        {
        }
        return null;
    }

    private static int? RecordedPort(ClusterFolders folders) =>
        File.Exists(folders.PortFile) && int.TryParse(File.ReadAllText(folders.PortFile).Trim(), out var port) && port is > 0 and < 65536
            ? port
            : null;

    /// <summary>A free port below the kernel's ephemeral range, so outgoing connections rarely take it later.</summary>
    private static int ChooseFreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var candidate = RandomNumberGenerator.GetInt32(20000, 32768);
            if (IsFree(candidate))
            {
                return candidate;
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
