using Npgsql;
using TrialOps.EventStore;

namespace TrialOps.Participants;

/// <summary>
/// Inline projection: records each subject number in <c>subject_numbers</c> in the screening
/// command's own transaction. Its primary key makes a second use of a number impossible even if two
/// screenings race (the loser's transaction fails and the executor re-runs its decision, which then
/// sees the number taken); the running numbers per site give the next number to propose.
/// </summary>
public sealed class SubjectNumbersProjection : IInlineProjection
{
    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var stored in events)
        {
            if (stored.Data is not ParticipantScreened screened)
            {
                continue;
            }

            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO subject_numbers (protocol_code, subject_number, site_code, running_number, stream_id)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT DO NOTHING
                """,
                transaction.Connection,
                transaction);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = screened.Protocol.Value });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = screened.Subject.ToString() });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = screened.Site });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = screened.Subject.Number });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored.StreamId });
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                // Taken in a transaction that committed first: make the executor decide again on fresh state.
                throw new ConcurrencyException(stored.StreamId, 0, 1);
            }
        }
    }

    /// <summary>The next free running number at a site: one above the highest used (numbers are never reused).</summary>
    public static async Task<int> NextRunningNumberAsync(NpgsqlDataSource dataSource, string protocolCode, string siteCode, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(max(running_number), 0) + 1 FROM subject_numbers WHERE protocol_code = $1 AND site_code = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocolCode });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siteCode });
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }
}
