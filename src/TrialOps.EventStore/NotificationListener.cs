using Npgsql;

namespace TrialOps.EventStore;

/// <summary>
/// Keeps a LISTEN connection open on a channel and calls back on each notification; reconnects
/// after failures. Consumers poll as well, so while it is down they only react more slowly.
/// </summary>
public static class NotificationListener
{
    public static async Task RunAsync(NpgsqlDataSource dataSource, string channel, Action onNotification, TimeSpan retryDelay, Action<string>? log, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, _) => onNotification();
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                // Whatever was notified before the LISTEN (at start, or while reconnecting) was missed:
                // one call now lets the consumer look instead of waiting for its next poll.
                onNotification();

                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log?.Invoke($"listener on {channel}: {e.Message}; polling until it reconnects");
                try
                {
                    await Task.Delay(retryDelay, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
