using Npgsql;
using TrialOps.EventStore;

namespace TrialOps.AdverseEvents;

/// <summary>
/// Inline projection: records which participant each adverse-event case belongs to, in the
/// reporting command's transaction, so a participant's cases are known the moment they commit.
/// </summary>
public sealed class AdverseEventCasesProjection : IInlineProjection
{
    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var stored in events)
        {
            if (stored.Data is not AdverseEventReported reported)
            {
                continue;
            }

            await using var insert = new NpgsqlCommand(
                "INSERT INTO adverse_event_cases (adverse_event_id, protocol_code, subject_number) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                transaction.Connection,
                transaction);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reported.AdverseEventId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reported.Protocol.Value });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reported.Subject.ToString() });
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The ids of a participant's adverse-event cases, in the order reported.</summary>
    public static async Task<IReadOnlyList<string>> CasesOfAsync(NpgsqlDataSource dataSource, string protocolCode, string subjectNumber, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT c.adverse_event_id FROM adverse_event_cases c JOIN mt_streams s ON s.id = 'adverse-event-' || c.adverse_event_id
            WHERE c.protocol_code = $1 AND c.subject_number = $2 ORDER BY s.created, c.adverse_event_id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocolCode });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subjectNumber });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
