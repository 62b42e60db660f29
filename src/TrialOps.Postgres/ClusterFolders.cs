using System.Security.Cryptography;
using System.Text;

namespace TrialOps.Postgres;

/// <summary>
/// Where the files of an embedded cluster live. Everything is reached from TRIALOPS_HOME:
/// <c>password</c> (0600), <c>lock</c>, and <c>pgdata</c>, the data folder — or, when the server
/// account cannot reach TRIALOPS_HOME (root's <c>~</c> is 0700), a symbolic link to
/// <c>/var/lib/trialops/&lt;hash of the home path&gt;</c> owned by that account.
/// </summary>
internal sealed class ClusterFolders
{
    public const string SharedDataRoot = "/var/lib/trialops";
    private const int MaxSocketPathLength = 100;

    private ClusterFolders(string home, string dataDirectory)
    {
        Home = home;
        DataDirectory = dataDirectory;
    }

    public string Home { get; }

    /// <summary>The real data folder, symbolic links resolved (short paths keep socket names short).</summary>
    public string DataDirectory { get; }

    public string DataLink => Path.Combine(Home, "pgdata");
    public string PasswordFile => Path.Combine(Home, "password");
    public string LockFile => Path.Combine(Home, "lock");
    public string PortFile => Path.Combine(DataDirectory, "trialops.port");
    public string OwnerFile => Path.Combine(DataDirectory, "trialops.owner");
    public string SettingsFile => Path.Combine(DataDirectory, "trialops.conf");
    public string ServerLog => Path.Combine(DataDirectory, "server.log");
    public string PidFile => Path.Combine(DataDirectory, "postmaster.pid");
    public bool IsInitialized => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>A short tag for a home path, stable across runs.</summary>
    public static string HashOf(string home) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(home)))[..12];

    /// <summary>Creates TRIALOPS_HOME. A root process leaves it searchable (0711) so that the server
    /// account can use it directly when its parents allow; its secrets are 0600 files.</summary>
    public static void CreateHome(string home, ServerUser serverUser)
    {
        if (Directory.Exists(home))
        {
            return;
        }
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (serverUser.IsOtherAccount)
        {
            mode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        }
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, mode);
    }

    /// <summary>Finds the data folder, creating it (and the link from the home) on first use.</summary>
    public static ClusterFolders Prepare(string home, ServerUser serverUser)
    {
        var link = Path.Combine(home, "pgdata");
        var linkInfo = new DirectoryInfo(link);
        if (linkInfo.LinkTarget is not null)
        {
            var target = linkInfo.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
            if (!Directory.Exists(target))
            {
                CreatePrivateFolder(target, serverUser);
            }
            return new ClusterFolders(home, Native.ResolveRealPath(link));
        }
        if (Directory.Exists(link))
        {
            if (!serverUser.CanReach(link))
            {
                throw new EmbeddedClusterException(
                    $"The data folder {link} exists but the '{serverUser.RunAs}' account cannot reach it. "
                    + "Move it away, or make its parent folders searchable (o+x).");
            }
            if (!Directory.EnumerateFileSystemEntries(link).Any())
            {
                serverUser.Own(link);
                File.SetUnixFileMode(link, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            return new ClusterFolders(home, Native.ResolveRealPath(link));
        }
        if (serverUser.CanReach(home))
        {
            CreatePrivateFolder(link, serverUser);
            return new ClusterFolders(home, Native.ResolveRealPath(link));
        }
        var shared = Path.Combine(SharedDataRoot, HashOf(home));
        if (!Directory.Exists(SharedDataRoot))
        {
            Directory.CreateDirectory(SharedDataRoot);
            File.SetUnixFileMode(SharedDataRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        if (!Directory.Exists(shared))
        {
            CreatePrivateFolder(shared, serverUser);
        }
        Directory.CreateSymbolicLink(link, shared);
        return new ClusterFolders(home, Native.ResolveRealPath(link));
    }

    /// <summary>
    /// The data folder when the socket path fits (Unix socket paths are limited to ~107 bytes),
    /// else a private folder under /tmp named after the cluster.
    /// </summary>
    public string ChooseSocketDirectory(int port, ServerUser serverUser)
    {
        if (SocketPath(DataDirectory, port).Length < MaxSocketPathLength)
        {
            return DataDirectory;
        }
        var fallback = Path.Combine(Path.GetTempPath(), "trialops-" + HashOf(Home));
        if (!Directory.Exists(fallback))
        {
            CreatePrivateFolder(fallback, serverUser);
        }
        return fallback;
    }

    public static string SocketPath(string socketDirectory, int port) =>
        Path.Combine(socketDirectory, $".s.PGSQL.{port}");

    /// <summary>Writes a file in the data folder that the server account can read.</summary>
    public void WriteServerFile(string path, string content, ServerUser serverUser)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        serverUser.Own(path);
    }

    private static void CreatePrivateFolder(string path, ServerUser serverUser)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        serverUser.Own(path);
    }
}
