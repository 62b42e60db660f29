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
            await using var command = host.Runtime.DataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
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
