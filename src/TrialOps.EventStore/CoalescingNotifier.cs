using Npgsql;

namespace TrialOps.EventStore;

/// <summary>
/// Sends at most one NOTIFY per short window on a channel, outside any writing transaction.
/// A signal that arrives while one is pending is covered by it, since the pending notification
/// is sent after the signal; consumers also poll, so a lost notification only costs latency.
/// </summary>
public sealed class CoalescingNotifier(NpgsqlDataSource dataSource, string channel)
{
    private int _pending;

    public void Signal()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(10);
            Interlocked.Exchange(ref _pending, 0);
            try
            {
                await using var command = dataSource.CreateCommand($"SELECT pg_notify('{channel}', '')");
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or ObjectDisposedException or InvalidOperationException)
            {
                // Consumers poll as well; a missed wake-up is only a delay.
            }
        });
    }
}
