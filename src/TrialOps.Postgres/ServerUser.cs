namespace TrialOps.Postgres;

/// <summary>
/// The operating-system account that owns the data folder and runs initdb, pg_ctl and the server.
/// PostgreSQL refuses to run as root, so a root process (CI, containers) hands the cluster to the
/// <c>postgres</c> system user and runs the tools through <c>runuser</c>; anyone else runs them as
/// themselves.
/// </summary>
public sealed record ServerUser(string? RunAs, uint UserId, uint GroupId)
{
    public const string PostgresAccount = "postgres";

    /// <summary>True when the tools run as another account (through <c>runuser</c>).</summary>
    public bool IsOtherAccount => RunAs is not null;

    internal static ServerUser ForThisProcess()
    {
        if (!Native.IsRoot)
        {
            return new ServerUser(null, 0, 0);
        }
        var postgres = LookUp(PostgresAccount)
            ?? throw new EmbeddedClusterException(
                "TrialOps runs as root, and PostgreSQL refuses to: the 'postgres' system user it would run the "
                + "server as does not exist. Install PostgreSQL from the distribution (which creates it), run "
                + "TrialOps as an ordinary user, or set TRIALOPS_CONNECTION.");
        return new ServerUser(PostgresAccount, postgres.UserId, postgres.GroupId);
    }

    /// <summary>The user id and primary group of a system account, or null when it does not exist.</summary>
    public static (uint UserId, uint GroupId)? LookUp(string account) => Native.LookUpUser(account);

    /// <summary>
    /// Whether an account can reach (traverse to) an existing path: every folder from <c>/</c> down to
    /// the path itself, after resolving symbolic links, must be searchable by it — owned by it with
    /// u+x, in its group with g+x, or o+x.
    /// </summary>
    public static bool CanReach(string path, uint userId, uint groupId)
    {
        var real = Native.ResolveRealPath(path);
        var folder = real;
        while (true)
        {
            var (owner, group, mode) = Native.Stat(folder);
            var searchable = owner == userId ? mode.HasFlag(UnixFileMode.UserExecute)
                : group == groupId ? mode.HasFlag(UnixFileMode.GroupExecute)
                : mode.HasFlag(UnixFileMode.OtherExecute);
            if (!searchable && userId != 0)
            {
                return false;
            }
            var parent = Path.GetDirectoryName(folder);
            if (parent is null)
            {
                return true;
            }
            folder = parent;
        }
    }

    internal bool CanReach(string path) => !IsOtherAccount || CanReach(path, UserId, GroupId);

    /// <summary>Gives a file or folder to the server account (no-op when the tools run as us).</summary>
    internal void Own(string path)
    {
        if (IsOtherAccount)
        {
            Native.ChangeOwner(path, UserId, GroupId);
        }
    }
}
