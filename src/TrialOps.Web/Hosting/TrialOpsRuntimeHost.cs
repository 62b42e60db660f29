using TrialOps.Identity;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Web.Hosting;

/// <summary>
/// Owns the one <see cref="TrialOpsRuntime"/> of the web process: started before the server
/// accepts requests (hosted services start first), disposed when the host stops, so that an
/// embedded PostgreSQL cluster this process started is stopped cleanly. Services that need the
/// runtime take this and read <see cref="Runtime"/> (resolve them after start, i.e. per request).
/// </summary>
public sealed class TrialOpsRuntimeHost(IConfiguration configuration, ILogger<TrialOpsRuntimeHost> logger) : IHostedService
{
    private TrialOpsRuntime? runtime;

    public TrialOpsRuntime Runtime => runtime ?? throw new InvalidOperationException("The TrialOps runtime is not started yet.");

    /// <summary>
    /// After a protocol import: waits (a few seconds at most) until the trial design read model has
    /// applied it, so the importer's next request finds the trial (read models follow writes by up
    /// to about a second, ADR 0028). The import itself is recorded either way.
    /// </summary>
    public async Task AwaitTrialDesignAsync(CancellationToken ct)
    {
        try
        {
            await Runtime.Projections.CatchUpAsync(TrialOps.Protocols.TrialDesignProjection.ProjectionName, ct, TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or TrialOps.EventStore.ProjectionPausedException)
        {
            logger.LogWarning("The trial design read model has not caught up after an import yet: {Reason}", e.Message);
        }
    }

    public bool IsStarted => runtime is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString("TrialOps");
        // The seed-sealing key comes from TRIALOPS_SEED_KEY or the key file under TRIALOPS_HOME;
        // configuration includes the environment, and lets a test host supply its own key.
        runtime = await TrialOpsRuntime.StartAsync(
            connectionString,
            line => logger.LogInformation("{Line}", line),
            ct: cancellationToken,
            // The web app hosts the read models: Wolverine assigns their agents to its node (ADR 0032).
            messaging: new MessagingOptions { HostReadModels = true },
            seedSealer: new DeferredSeedSealer(() => SeedKeyStore.CreateSealer(name => configuration[name])),
            secondFactorSecrets: SecondFactorSecrets.FromHome(name => configuration[name]));

        // Printed, not logged: the operator must see the first password whatever the log level.
        await new IdentityService(runtime).EnsureAdministratorAsync(configuration[IdentityService.AdminPasswordVariable], Console.WriteLine, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (runtime is { } started)
        {
            runtime = null;
            await started.DisposeAsync();
        }
    }
}

/// <summary>Runs the ledger's daemon for as long as the host runs (durable messages and the read models run in the runtime's Wolverine node).</summary>
public sealed class BackgroundWorkers(TrialOpsRuntimeHost host, ILogger<BackgroundWorkers> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runtime = host.Runtime;
        logger.LogInformation("Projections ({Names}) are running.", string.Join(", ", runtime.Projections.Names));
        await runtime.Projections.RunAsync(stoppingToken);
    }
}

public static class RuntimeHosting
{
    /// <summary>
    /// The runtime (first hosted service, so it starts first and stops last), the background
    /// workers, and the services built on the runtime. Later features register theirs the same
    /// way: <c>services.AddSingleton(sp => new XService(sp.GetRequiredService&lt;TrialOpsRuntimeHost&gt;().Runtime))</c>.
    /// </summary>
    public static IServiceCollection AddTrialOpsRuntime(this IServiceCollection services)
    {
        services.AddSingleton<TrialOpsRuntimeHost>();
        services.AddHostedService(sp => sp.GetRequiredService<TrialOpsRuntimeHost>());
        services.AddHostedService<BackgroundWorkers>();
        services.AddSingleton(sp => new IdentityService(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddDatabaseKeyRing();
        return services;
    }

    /// <summary>http://127.0.0.1:5080 unless URLs come from --urls, ASPNETCORE_URLS, HTTP_PORTS or Kestrel configuration.</summary>
    public static WebApplicationBuilder UseDefaultUrl(this WebApplicationBuilder builder, string url)
    {
        var configuration = builder.Configuration;
        var configured = !string.IsNullOrEmpty(configuration["urls"])
            || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            builder.WebHost.UseUrls(url);
        }

        return builder;
    }

    /// <summary>Prints where the app listens, and with which account to sign in, once the server is up.</summary>
    public static WebApplication AnnounceListeningUrls(this WebApplication app)
    {
        TrialOps.Web.Auth.SignInAnnouncement.PrintWhenStarted(app);
        return app;
    }
}
