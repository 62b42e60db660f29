namespace TrialOps.Postgres;

/// <summary>
/// No connection string is configured and the PostgreSQL server binaries for the embedded default
/// are not installed. Callers map it to exit code 2 (a setup problem, not a failure of TrialOps).
/// </summary>
public sealed class PostgresNotInstalledException : Exception
{
    public const string Hint =
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 15 or later "
        + "(Debian: apt-get install postgresql) or set TRIALOPS_CONNECTION / ConnectionStrings:TrialOps.";

    public PostgresNotInstalledException()
        : base(Hint)
    {
    }
}

/// <summary>The embedded cluster could not be created, started, reached or stopped.</summary>
public sealed class EmbeddedClusterException : Exception
{
    public EmbeddedClusterException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// An applied migration's file no longer matches what was applied. Applied migrations are part of
/// the database's history and are never edited; a change is a new numbered migration.
/// </summary>
public sealed class MigrationChecksumMismatchException : Exception
{
    public MigrationChecksumMismatchException(IReadOnlyList<string> changedMigrations)
        : base($"Applied migration(s) changed since they were applied: {string.Join(", ", changedMigrations)}. "
            + "Restore the original file(s) and add a new numbered migration for the change.")
    {
        ChangedMigrations = changedMigrations;
    }

    public IReadOnlyList<string> ChangedMigrations { get; }
}
