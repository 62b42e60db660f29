using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TrialOps.Web.Hosting;

/// <summary><c>/health</c>: healthy when the runtime is up and PostgreSQL answers a query.</summary>
public sealed class DatabaseHealthCheck(TrialOpsRuntimeHost host) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!host.IsStarted)
        {
            return HealthCheckResult.Unhealthy("starting");
        }

        try
        {
            // Parked events (ours) and paused projections: the ledger on our daemon, the read models on Marten's.
            var stuck = (await host.Runtime.Projections.ParkedAsync(cancellationToken)).Count
                + (await host.Runtime.Projections.StatusAsync(cancellationToken)).Count(s => s.Status == "paused");

            // Anonymous: says only that read models are incomplete; `trialops projections status` names the events.
            return stuck == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("read models incomplete: an event could not be applied");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The reason stays in the log; /health is anonymous and says only that the database is unavailable.
            return HealthCheckResult.Unhealthy("database unavailable", e);
        }
    }
}

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }
}
