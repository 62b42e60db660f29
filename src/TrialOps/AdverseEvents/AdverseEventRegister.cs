using Npgsql;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Runtime;

namespace TrialOps.AdverseEvents;

/// <summary>
/// The adverse events of a participant and the open serious adverse events of a trial, as the read
/// model of <see cref="ParticipantViewsProjection"/> holds them (blinded: no treatment anywhere).
/// Whether a sponsor report is overdue is computed with the runtime clock at the query.
/// </summary>
public sealed class AdverseEventRegister(TrialOpsRuntime runtime)
{
    private readonly NpgsqlDataSource dataSource = runtime.DataSource;
    private readonly TimeProvider clock = runtime.Clock;

    private const string AdverseEventColumns =
        """
        adverse_event_id, protocol_code, subject_number, meddra_code, term, onset, end_date, grade, serious, seriousness, causality,
        action_taken, outcome, period, aware_at, sponsor_report_due_at, reported_to_sponsor_at, reported_late,
        serious AND reported_to_sponsor_at IS NULL AND (overdue_marked OR sponsor_report_due_at <= $1), follow_ups, corrections
        """;

    public async Task<IReadOnlyList<AdverseEventSummary>> GetAdverseEventsAsync(string protocol, string subject, CancellationToken ct = default) =>
        await ReadAdverseEventsAsync("WHERE protocol_code = $2 AND subject_number = $3 ORDER BY aware_at, adverse_event_id", [protocol, subject], ct);

    public async Task<AdverseEventSummary?> GetAdverseEventAsync(string adverseEventId, CancellationToken ct = default) =>
        (await ReadAdverseEventsAsync("WHERE adverse_event_id = $2", [adverseEventId], ct)).SingleOrDefault();

    /// <summary>
    /// Serious adverse events still open: not yet reported to the sponsor, or not yet resolved.
    /// <see cref="AdverseEventSummary.Overdue"/> marks those past their report deadline;
    /// <paramref name="overdueOnly"/> returns only those.
    /// </summary>
    public async Task<IReadOnlyList<AdverseEventSummary>> GetOpenSeriousAdverseEventsAsync(string? protocol = null, bool overdueOnly = false, SiteAccess? access = null, CancellationToken ct = default) =>
        (await ReadAdverseEventsAsync(
            $"""
             WHERE serious AND ($2::text IS NULL OR protocol_code = $2)
               AND (reported_to_sponsor_at IS NULL OR outcome NOT IN ('RecoveredResolved', 'RecoveredResolvedWithSequelae', 'Fatal'))
               {(overdueOnly ? "AND reported_to_sponsor_at IS NULL AND (overdue_marked OR sponsor_report_due_at <= $1)" : string.Empty)}
             ORDER BY sponsor_report_due_at, adverse_event_id
             """,
            [protocol],
            ct)).Where(e => access is null || SiteRules.MayReach(access, e.Subject)).ToArray();

    private async Task<IReadOnlyList<AdverseEventSummary>> ReadAdverseEventsAsync(string whereAndOrder, object?[] values, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {AdverseEventColumns} FROM journey_adverse_events {whereAndOrder}");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        }

        var items = new List<AdverseEventSummary>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new AdverseEventSummary(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetInt32(7),
                reader.GetBoolean(8),
                reader.GetFieldValue<string[]>(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.GetString(11),
                reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetInt32(13),
                reader.GetFieldValue<DateTimeOffset>(14),
                reader.TimeOrNull(15),
                reader.TimeOrNull(16),
                reader.IsDBNull(17) ? null : reader.GetBoolean(17),
                !reader.IsDBNull(18) && reader.GetBoolean(18),
                reader.GetInt32(19),
                reader.GetInt32(20)));
        }

        return items;
    }
}
