namespace TrialOps.Postgres;

/// <summary>
/// An exclusive lock on a file in TRIALOPS_HOME (flock through <see cref="FileShare.None"/>), held
/// while a process creates, starts, attaches to or stops the cluster, so that the web app and the
/// CLI started together neither run initdb twice nor stop a cluster the other is attaching to.
/// The kernel drops it when the process dies.
/// </summary>
internal sealed class HomeLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private readonly FileStream stream;

    private HomeLock(FileStream stream) => this.stream = stream;

    public static async Task<HomeLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new HomeLock(new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                }));
            }
            catch (IOException e) when (IsHeldElsewhere(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(PollInterval, ct);
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                throw new EmbeddedClusterException(
                    $"Another process has held {path} for more than {timeout.TotalSeconds:0} s while starting or stopping the embedded cluster.", e);
            }
        }
    }

    public void Dispose() => stream.Dispose();

    private static bool IsHeldElsewhere(IOException e) => e is not (DirectoryNotFoundException or FileNotFoundException);
}
