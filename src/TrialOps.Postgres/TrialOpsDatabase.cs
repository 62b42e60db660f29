using Npgsql;

namespace TrialOps.Postgres;

/// <summary>
/// The one PostgreSQL database of a TrialOps process: a configured server, or the embedded local
/// cluster (DESIGN.md §4), with the migrations applied. Open it once at start-up; dispose it at exit.
/// </summary>
public sealed class TrialOpsDatabase : IAsyncDisposable
{
    private readonly EmbeddedCluster? cluster;

    private TrialOpsDatabase(string connectionString, NpgsqlDataSource dataSource, NpgsqlDataSource commandDataSource, EmbeddedCluster? cluster, IReadOnlyList<string> appliedMigrations)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
        CommandDataSource = commandDataSource;
        this.cluster = cluster;
        AppliedMigrations = appliedMigrations;
    }

    /// <summary>
    /// <c>application_name</c> of every connection this process opens (<c>trialops-&lt;pid&gt;</c>):
    /// it tells our connections from other processes' when deciding whether to stop the cluster.
    /// </summary>
    public static string ApplicationName { get; } = $"trialops-{Environment.ProcessId}";

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// The pool of the command path only (a command's read-decide-append transaction and the API
    /// token check): <c>No Reset On Close</c>, so a connection returned to it skips Npgsql's session
    /// reset (six statements per connection taken). Nothing on that path leaves session state (no
    /// session advisory locks, <c>SET</c>, <c>LISTEN</c> or temporary tables; an open transaction is
    /// still rolled back when a connection goes back); its prepared statements are meant to stay.
    /// A second pool: a process may hold up to twice <c>Max Pool Size</c> connections (ADR 0033).
    /// </summary>
    public NpgsqlDataSource CommandDataSource { get; }

    /// <summary>True when this process uses the embedded local cluster rather than a configured server.</summary>
    public bool IsEmbedded => cluster is not null;

    /// <summary>The embedded cluster, when <see cref="IsEmbedded"/>.</summary>
    public EmbeddedCluster? Cluster => cluster;

    /// <summary>Migrations this open applied (empty when the schema was already current).</summary>
    public IReadOnlyList<string> AppliedMigrations { get; }

    /// <summary>
    /// Resolves the database — <paramref name="configuredConnectionString"/>
    /// (<c>ConnectionStrings:TrialOps</c>), else the TRIALOPS_CONNECTION variable, else the embedded
    /// cluster under TRIALOPS_HOME (default <c>~/.trialops</c>), started if needed — and applies
    /// the migrations.
    /// </summary>
    /// <exception cref="PostgresNotInstalledException">Embedded, and initdb/pg_ctl are not installed (exit code 2).</exception>
    public static Task<TrialOpsDatabase> OpenAsync(string? configuredConnectionString, Action<string>? log = null, CancellationToken ct = default) =>
        OpenAsync(new TrialOpsDatabaseOptions { ConfiguredConnectionString = configuredConnectionString, Log = log }, ct);

    public static async Task<TrialOpsDatabase> OpenAsync(TrialOpsDatabaseOptions options, CancellationToken ct = default)
    {
        var log = options.Log ?? (_ => { });
        var configured = options.ResolveConnectionString();
        EmbeddedCluster? cluster = null;
        string connectionString;
        if (configured is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(configured);
            if (string.IsNullOrEmpty(builder.ApplicationName))
            {
                builder.ApplicationName = ApplicationName;
            }
            connectionString = builder.ConnectionString;
            log($"Using the configured PostgreSQL server {builder.Host}:{builder.Port}, database {builder.Database}.");
        }
        else
        {
            cluster = await EmbeddedCluster.StartOrAttachAsync(options, ct);
            connectionString = cluster.ConnectionString;
        }

        NpgsqlDataSource? dataSource = null;
        NpgsqlDataSource? commandDataSource = null;
        try
        {
            dataSource = Build(connectionString, options, noResetOnClose: false);
            commandDataSource = Build(connectionString, options, noResetOnClose: true);
            IReadOnlyList<string> applied = [];
            if (options.ApplyMigrations)
            {
                applied = await MigrationRunner.ApplyAsync(dataSource, ct);
                if (applied.Count > 0)
                {
                    log($"Applied migrations: {string.Join(", ", applied)}.");
                }
            }
            return new TrialOpsDatabase(connectionString, dataSource, commandDataSource, cluster, applied);
        }
        catch
        {
            if (dataSource is not null)
            {
                await dataSource.DisposeAsync();
            }
            if (commandDataSource is not null)
            {
                await commandDataSource.DisposeAsync();
            }
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
            throw;
        }
    }

    private static NpgsqlDataSource Build(string connectionString, TrialOpsDatabaseOptions options, bool noResetOnClose)
    {
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        if (dataSourceBuilder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // Every command runs the same few statements (read a stream, append, record the
            // command id): prepared once per connection, they skip planning (measured in bench/).
            dataSourceBuilder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            dataSourceBuilder.ConnectionStringBuilder.AutoPrepareMinUsages = 3;
        }

        if (noResetOnClose)
        {
            dataSourceBuilder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        options.ConfigureDataSource?.Invoke(dataSourceBuilder);
        return dataSourceBuilder.Build();
    }

    /// <summary>Closes the connections, then stops the embedded cluster if this process started it and no other uses it.</summary>
    public async ValueTask DisposeAsync()
    {
        await CommandDataSource.DisposeAsync();
        await DataSource.DisposeAsync();
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
