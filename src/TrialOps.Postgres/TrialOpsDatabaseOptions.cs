using Npgsql;

namespace TrialOps.Postgres;

/// <summary>How <see cref="TrialOpsDatabase.OpenAsync(TrialOpsDatabaseOptions, CancellationToken)"/> finds or starts its database.</summary>
public sealed record TrialOpsDatabaseOptions
{
    public const string ConnectionVariable = "TRIALOPS_CONNECTION";
    public const string HomeVariable = "TRIALOPS_HOME";

    /// <summary><c>ConnectionStrings:TrialOps</c> (or a command-line option); wins over everything.</summary>
    public string? ConfiguredConnectionString { get; init; }

    /// <summary>The folder of the embedded cluster; null means TRIALOPS_HOME, else <c>~/.trialops</c>.</summary>
    public string? Home { get; init; }

    /// <summary>Reads TRIALOPS_CONNECTION, TRIALOPS_HOME, HOME and PATH (the process environment unless replaced).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Where versioned PostgreSQL installs are searched before PATH (TRIALOPS_POSTGRES_ROOT overrides it).</summary>
    public string PostgresInstallRoot { get; init; } = Environment.GetEnvironmentVariable("TRIALOPS_POSTGRES_ROOT") ?? PostgresBinaries.DefaultInstallRoot;

    /// <summary>The PATH to search for initdb and pg_ctl; null means the PATH variable.</summary>
    public string? SearchPath { get; init; }

    /// <summary>
    /// False turns off fsync, synchronous commit and full-page writes in a newly created cluster.
    /// For throw-away test clusters only: a crash can corrupt such a cluster.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>Apply the embedded migrations to the <c>trialops</c> database after opening.</summary>
    public bool ApplyMigrations { get; init; } = true;

    /// <summary>Extra data source configuration (JSON options, type mappings, logging).</summary>
    public Action<NpgsqlDataSourceBuilder>? ConfigureDataSource { get; init; }

    /// <summary>Receives the few lines worth telling an operator (cluster created, started, left running).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>TRIALOPS_HOME resolved to a full path.</summary>
    public string ResolveHome()
    {
        var home = Home;
        if (string.IsNullOrWhiteSpace(home))
        {
            home = GetEnvironmentVariable(HomeVariable);
        }
        var userHome = GetEnvironmentVariable("HOME");
        if (string.IsNullOrWhiteSpace(userHome))
        {
            userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(userHome, ".trialops");
        }
        else if (home == "~" || home.StartsWith("~/", StringComparison.Ordinal))
        {
            home = userHome + home[1..];
        }
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(home));
    }

    /// <summary>The configured connection string, else TRIALOPS_CONNECTION, else null (embedded).</summary>
    public string? ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConfiguredConnectionString))
        {
            return ConfiguredConnectionString;
        }
        var fromEnvironment = GetEnvironmentVariable(ConnectionVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
    }
}
