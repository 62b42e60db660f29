using System.Text.Json;
using Npgsql;
using TrialOps.EventStore;

namespace TrialOps.Messaging;

/// <summary>Writes outgoing and scheduled messages in the caller's transaction (transactional outbox).</summary>
public static class MessageOutbox
{
    public const string NotifyChannel = "trialops_messages";

    public static async Task WriteAsync(NpgsqlTransaction transaction, IReadOnlyList<OutgoingMessage> messages, CommandContext context, DateTimeOffset now, CancellationToken ct)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var message in messages)
        {
            var insert = new NpgsqlBatchCommand(
                """
                INSERT INTO messages (type, payload, ordering_key, deliver_at, next_attempt_at, correlation_id, causation_id)
                VALUES ($1, $2::json, $3, $4, $4, $5, $6)
                """);
            var deliverAt = message.DeliverAt ?? now;
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = message.Type });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(message.Payload, message.Payload.GetType(), EventTypeRegistry.JsonOptions) });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)message.OrderingKey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = deliverAt });
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = context.CorrelationId });
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = context.CommandId });
            batch.BatchCommands.Add(insert);
        }

        await batch.ExecuteNonQueryAsync(ct);
    }
}
