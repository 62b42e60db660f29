using System.Text.Json;
using Npgsql;
using TrialOps.EventStore;

namespace TrialOps.Messaging;

/// <summary>A claimed message as a handler sees it.</summary>
public sealed record MessageEnvelope(long Id, string Type, string PayloadJson, int Attempt, Guid? CorrelationId)
{
    public T Payload<T>() => JsonSerializer.Deserialize<T>(PayloadJson, EventTypeRegistry.JsonOptions)
        ?? throw new InvalidOperationException($"Message {Id} has no payload.");

    /// <summary>
    /// A command id derived from the message id: delivery is at least once, so a handler that
    /// sends a command with this id has its effect exactly once.
    /// </summary>
    public Guid DerivedCommandId(string purpose = "")
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"message:{Id}:{purpose}"));
        return new Guid(bytes.AsSpan(0, 16));
    }
}

public sealed record DispatcherOptions
{
    public string NodeId { get; init; } = NodeIds.New();

    public int MaxAttempts { get; init; } = 5;

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(10);

    public int BatchSize { get; init; } = 20;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}

public sealed class MessageHandlers
{
    private readonly Dictionary<string, Func<MessageEnvelope, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);

    public MessageHandlers On(string type, Func<MessageEnvelope, CancellationToken, Task> handler)
    {
        _handlers[type] = handler;
        return this;
    }

    public bool TryGet(string type, out Func<MessageEnvelope, CancellationToken, Task> handler) =>
        _handlers.TryGetValue(type, out handler!);
}

/// <summary>
/// Delivers outbox and scheduled messages: claims due ones with <c>FOR UPDATE SKIP LOCKED</c> and a
/// lease (any node may run it; a crashed node's lease expires), keeps the order of messages that
/// share an ordering key, retries with exponential backoff and dead-letters after N attempts.
/// </summary>
public sealed class MessageDispatcher(NpgsqlDataSource dataSource, MessageHandlers handlers, DispatcherOptions? options = null, Action<string>? log = null)
{
    private readonly DispatcherOptions _options = options ?? new DispatcherOptions();
    private readonly Wakeup _wakeup = new();

    public async Task RunAsync(CancellationToken ct)
    {
        var listener = ListenAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                int handled;
                try
                {
                    handled = await DispatchDueAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log?.Invoke($"dispatcher: {e.Message}");
                    handled = 0;
                }

                if (handled == 0)
                {
                    await _wakeup.WaitAsync(_options.PollInterval, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        await listener;
    }

    /// <summary>Claims and handles one batch of due messages; returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct = default)
    {
        var claimed = await ClaimAsync(ct);
        foreach (var message in claimed)
        {
            await HandleAsync(message, ct);
        }

        return claimed.Count;
    }

    private async Task<IReadOnlyList<MessageEnvelope>> ClaimAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH due AS (
                SELECT m.id FROM messages m
                WHERE m.status = 'pending'
                  AND m.next_attempt_at <= now()
                  AND (m.lease_until IS NULL OR m.lease_until < now())
                  AND NOT EXISTS (
                      SELECT 1 FROM messages earlier
                      WHERE m.ordering_key IS NOT NULL
                        AND earlier.ordering_key = m.ordering_key
                        AND earlier.status = 'pending'
                        AND (earlier.deliver_at, earlier.id) < (m.deliver_at, m.id))
                ORDER BY m.deliver_at, m.id
                LIMIT $1
                FOR UPDATE SKIP LOCKED)
            UPDATE messages SET lease_owner = $2, lease_until = now() + $3, attempts = attempts + 1
            FROM due WHERE messages.id = due.id
            RETURNING messages.id, messages.type, messages.payload::text, messages.attempts, messages.correlation_id, messages.deliver_at
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _options.BatchSize });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.NodeId });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = _options.LeaseDuration });
        var claimed = new List<(MessageEnvelope Envelope, DateTimeOffset DeliverAt)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add((new MessageEnvelope(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4)), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return claimed.OrderBy(c => c.DeliverAt).ThenBy(c => c.Envelope.Id).Select(c => c.Envelope).ToArray();
    }

    private async Task HandleAsync(MessageEnvelope message, CancellationToken ct)
    {
        try
        {
            if (!handlers.TryGet(message.Type, out var handler))
            {
                throw new InvalidOperationException($"No handler for message type '{message.Type}'.");
            }

            await handler(message, ct);
            await using var done = dataSource.CreateCommand(
                "UPDATE messages SET status = 'done', handled_at = now(), lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = $1 AND lease_owner = $2");
            done.Parameters.Add(new NpgsqlParameter<long> { TypedValue = message.Id });
            done.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.NodeId });
            await done.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var dead = message.Attempt >= _options.MaxAttempts;
            var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, _options.BaseBackoff.Ticks * (1L << Math.Min(message.Attempt - 1, 20))));
            await using var failed = dataSource.CreateCommand(
                """
                UPDATE messages SET status = CASE WHEN $3 THEN 'dead' ELSE 'pending' END,
                    next_attempt_at = now() + $4, last_error = $5, lease_owner = NULL, lease_until = NULL
                WHERE id = $1 AND lease_owner = $2
                """);
            failed.Parameters.Add(new NpgsqlParameter<long> { TypedValue = message.Id });
            failed.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.NodeId });
            failed.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = dead });
            failed.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = backoff });
            failed.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{e.GetType().Name}: {e.Message}" });
            await failed.ExecuteNonQueryAsync(CancellationToken.None);
            log?.Invoke(dead
                ? $"message {message.Id} ({message.Type}) dead-lettered after {message.Attempt} attempts: {e.Message}"
                : $"message {message.Id} ({message.Type}) failed attempt {message.Attempt}, retrying in {backoff}: {e.Message}");
        }
    }

    private Task ListenAsync(CancellationToken ct) =>
        NotificationListener.RunAsync(dataSource, MessageOutbox.NotifyChannel, _wakeup.Set, _options.PollInterval * 5, log, ct);
}

public sealed record DeadLetter(long Id, string Type, string Payload, int Attempts, string? LastError, DateTimeOffset DeliverAt, DateTimeOffset CreatedAt);

/// <summary>Operator views of the message table: dead letters and their replay.</summary>
public static class DeadLetters
{
    public static async Task<IReadOnlyList<DeadLetter>> ListAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, type, payload::text, attempts, last_error, deliver_at, created_at FROM messages WHERE status = 'dead' ORDER BY id");
        var result = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new DeadLetter(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return result;
    }

    /// <summary>Puts a dead letter back in the queue with fresh attempts. Returns false when no such dead letter exists.</summary>
    public static async Task<bool> ReplayAsync(NpgsqlDataSource dataSource, long id, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE messages SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_owner = NULL, lease_until = NULL WHERE id = $1 AND status = 'dead'");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }
}
