using System.Reflection;
using System.Text.Json;
using Npgsql;
using TrialOps.EventStore;
using TrialOps.Messaging;
using Wolverine.Attributes;

namespace TrialOps.Runtime;

/// <summary>
/// Messages TrialOps 0.1 left pending in its own <c>messages</c> table (deadlines, washouts,
/// sponsor notifications) move into Wolverine's store with their due time, in one transaction
/// that marks them handed over, so none is lost or delivered twice by the two mechanisms.
/// </summary>
internal static class V01Messages
{
    public const string HandedOver = "moved to Wolverine's store (TrialOps 0.2)";

    private static readonly IReadOnlyDictionary<string, Type> Types = typeof(V01Messages).Assembly.GetTypes()
        .Select(t => (Type: t, Identity: t.GetCustomAttribute<MessageIdentityAttribute>()))
        .Where(t => t.Identity is not null)
        .ToDictionary(t => t.Identity!.Alias!, t => t.Type, StringComparer.Ordinal);

    /// <summary>Moves every pending 0.1 message of a known type; returns how many moved.</summary>
    public static async Task<int> MoveAsync(TrialOpsRuntime runtime, CancellationToken ct)
    {
        await using var connection = await runtime.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var pending = new List<(long Id, OutgoingMessage Message, Guid? Correlation, Guid? Causation)>();
        await using (var select = new NpgsqlCommand(
            "SELECT id, type, payload::text, deliver_at, correlation_id, causation_id FROM messages WHERE status = 'pending' ORDER BY deliver_at, id FOR UPDATE SKIP LOCKED", connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var type = reader.GetString(1);
                if (!Types.TryGetValue(type, out var clrType))
                {
                    runtime.Log($"0.1 message {reader.GetInt64(0)} of unknown type '{type}' left in the messages table.");
                    continue;
                }

                var payload = JsonSerializer.Deserialize(reader.GetString(2), clrType, EventTypeRegistry.JsonOptions)!;
                pending.Add((reader.GetInt64(0), new OutgoingMessage(type, payload, reader.GetFieldValue<DateTimeOffset>(3)),
                    reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetGuid(5)));
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        var batches = new List<OutboxBatch>();
        foreach (var (_, message, correlation, causation) in pending)
        {
            var context = new CommandContext(causation ?? Guid.NewGuid(), Actor.System, correlation ?? Guid.NewGuid());
            batches.Add(await runtime.Executor.Messages.EnlistAsync(transaction, [message], context, runtime.Clock.GetUtcNow()));
        }

        await using (var mark = new NpgsqlCommand(
            "UPDATE messages SET status = 'done', handled_at = now(), last_error = $2 WHERE id = ANY($1)", connection, transaction))
        {
            mark.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = pending.Select(p => p.Id).ToArray() });
            mark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = HandedOver });
            await mark.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        foreach (var batch in batches)
        {
            await batch.FlushAsync();
        }

        return pending.Count;
    }
}
