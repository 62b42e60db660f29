using System.Net.Sockets;
using Npgsql;

namespace TrialOps.Web.Hosting;

/// <summary>
/// Failures that mean "PostgreSQL cannot be reached or is refusing work right now" (down, restarting,
/// out of connections, not accepting connections): answered with 503 and a retry hint, never 500.
/// </summary>
public static class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 30;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when IsUnavailable(postgres.SqlState):
                case NpgsqlException { IsTransient: true } and not PostgresException:
                case SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Connection exceptions (08), insufficient resources (53), operator intervention (57P), database gone (3D000), not accepting connections (55000).</summary>
    private static bool IsUnavailable(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal)
        || state is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.ObjectNotInPrerequisiteState;
}
