using Npgsql;

namespace TrialOps.Runtime;

/// <summary>What is waiting in Wolverine's inbox: for operators (status) and for tests that wait for delivery.</summary>
public static class DurableMessageQueue
{
    /// <summary>Messages received but not yet handled, or scheduled and already due.</summary>
    public static async Task<long> CountDueAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT count(*) FROM {MessageBusHost.Schema}.wolverine_incoming_envelopes WHERE status = 'Incoming' OR (status = 'Scheduled' AND execution_time <= now())");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Scheduled messages not yet due.</summary>
    public static async Task<long> CountScheduledAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT count(*) FROM {MessageBusHost.Schema}.wolverine_incoming_envelopes WHERE status = 'Scheduled' AND execution_time > now()");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Releases messages held back by <see cref="MessagingOptions.Hold"/> that are due now.</summary>
    public static async Task<int> ReleaseHeldAsync(NpgsqlDataSource dataSource, TimeSpan hold, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE {MessageBusHost.Schema}.wolverine_incoming_envelopes SET execution_time = execution_time - $1 WHERE status = 'Scheduled' AND execution_time - $1 <= now()");
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = hold });
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Waits until nothing due is left in the inbox (failing messages wait for their retry).</summary>
    public static async Task WaitUntilIdleAsync(NpgsqlDataSource dataSource, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (await CountDueAsync(dataSource, ct) > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Durable messages were still waiting after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, ct);
        }
    }
}
