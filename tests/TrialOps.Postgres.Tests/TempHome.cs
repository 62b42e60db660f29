using TrialOps.Postgres;

namespace TrialOps.Postgres.Tests;

/// <summary>
/// A throw-away TRIALOPS_HOME under /tmp for tests of the cluster's life cycle. Disposing stops a
/// cluster left running in it and deletes it, including a data folder kept elsewhere.
/// </summary>
internal sealed class TempHome : IAsyncDisposable
{
    public TempHome(UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)
    {
        Path = System.IO.Path.Combine("/tmp", "trialops-t-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
        File.SetUnixFileMode(Path, mode);
    }

    public string Path { get; }

    public List<string> Log { get; } = [];

    public string DataLink => System.IO.Path.Combine(Path, "pgdata");

    /// <summary>Embedded-cluster options for this home that ignore any TRIALOPS_CONNECTION of the test run.</summary>
    public TrialOpsDatabaseOptions Options(Func<string, string?>? environment = null) => new()
    {
        Home = Path,
        GetEnvironmentVariable = environment ?? (name => name == TrialOpsDatabaseOptions.ConnectionVariable ? null : Environment.GetEnvironmentVariable(name)),
        Durable = false,
        Log = line =>
        {
            lock (Log)
            {
                Log.Add(line);
            }
        },
    };

    public bool ServerIsRunning() => File.Exists(System.IO.Path.Combine(DataLink, "postmaster.pid"));

    public async ValueTask DisposeAsync()
    {
        string? dataDirectory = null;
        if (Directory.Exists(DataLink))
        {
            dataDirectory = new DirectoryInfo(DataLink).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            await EmbeddedCluster.StopAsync(Options());
        }
        if (dataDirectory is not null)
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        Directory.Delete(Path, recursive: true);
    }
}
