using Npgsql;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Runtime;

namespace TrialOps.Participants;

/// <summary>
/// Participants' schedules (dosing sessions, washouts, assessments) with their status now, and
/// the overdue work of a trial: the read model of <see cref="ParticipantViewsProjection"/>.
/// Statuses that depend on time (due, overdue) are computed with the runtime clock at the query.
/// </summary>
public sealed class ParticipantSchedule(TrialOpsRuntime runtime)
{
    private readonly NpgsqlDataSource dataSource = runtime.DataSource;
    private readonly TimeProvider clock = runtime.Clock;

    private const string StatusSql =
        """
        CASE WHEN done_at IS NOT NULL THEN 'Done'
             WHEN closed THEN 'NotApplicable'
             WHEN not_done_reason IS NOT NULL THEN 'NotDone'
             WHEN overdue_marked OR deadline_at <= $now THEN 'Overdue'
             WHEN due_at <= $now THEN 'Due'
             ELSE 'Planned' END
        """;

    /// <summary>The participant's whole schedule, period by period, each step with its status now.</summary>
    public Task<IReadOnlyList<ScheduleItem>> GetScheduleAsync(string protocol, string subject, CancellationToken ct = default) =>
        ReadScheduleAsync(
            "WHERE protocol_code = $1 AND subject_number = $2",
            "ORDER BY period, offset_seconds, item_code",
            [protocol, subject],
            ct);

    /// <summary>
    /// Overdue dosing sessions and assessments of participants still in the trial, oldest deadline
    /// first; with <paramref name="access"/>, only those of its sites (ADR 0010).
    /// </summary>
    public async Task<IReadOnlyList<ScheduleItem>> GetOverdueAsync(string? protocol = null, string? site = null, SiteAccess? access = null, CancellationToken ct = default) =>
        (await ReadScheduleAsync(
            """
            WHERE done_at IS NULL AND NOT closed AND not_done_reason IS NULL AND item_kind IN ('dosing', 'assessment')
              AND (overdue_marked OR deadline_at <= $now)
              AND ($1::text IS NULL OR protocol_code = $1)
              AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM journey_participants p
                   WHERE p.protocol_code = journey_schedule.protocol_code AND p.subject_number = journey_schedule.subject_number AND p.site_code = $2))
            """,
            "ORDER BY deadline_at, protocol_code, subject_number, period, offset_seconds, item_code",
            [protocol, site],
            ct)).Where(item => access is null || SiteRules.MayReach(access, item.Subject)).ToArray();

    /// <summary>
    /// Dosing sessions and assessments not done, not recorded as not done, of participants still in
    /// the trial, that are overdue or fall due before <paramref name="until"/>: the site's work (the
    /// worklist). With <paramref name="access"/>, only those of its sites (ADR 0010).
    /// </summary>
    public async Task<IReadOnlyList<ScheduleItem>> GetDueAsync(string protocol, DateTimeOffset until, SiteAccess? access = null, CancellationToken ct = default) =>
        (await ReadScheduleAsync(
            """
            WHERE done_at IS NULL AND NOT closed AND not_done_reason IS NULL AND item_kind IN ('dosing', 'assessment')
              AND protocol_code = $1 AND (overdue_marked OR deadline_at <= $now OR due_at < $2::timestamptz)
            """,
            "ORDER BY coalesce(due_at, deadline_at), subject_number, period, offset_seconds, item_code",
            [protocol, until.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)],
            ct)).Where(item => access is null || SiteRules.MayReach(access, item.Subject)).ToArray();

    /// <summary>
    /// The trial's calendar: dosing sessions not yet given (with the date they open: the end of the
    /// washout before them) and washouts not yet over, of participants still in the trial, with a
    /// date; with <paramref name="access"/>, only those of its sites (ADR 0010).
    /// </summary>
    public async Task<IReadOnlyList<ScheduleItem>> GetCalendarAsync(string protocol, SiteAccess? access = null, CancellationToken ct = default) =>
        (await ReadScheduleAsync(
            """
            WHERE done_at IS NULL AND NOT closed AND item_kind IN ('dosing', 'washout') AND due_at IS NOT NULL AND protocol_code = $1
            """,
            "ORDER BY due_at, subject_number, period, item_kind",
            [protocol],
            ct)).Where(item => access is null || SiteRules.MayReach(access, item.Subject)).ToArray();

    private async Task<IReadOnlyList<ScheduleItem>> ReadScheduleAsync(string where, string order, object?[] values, CancellationToken ct)
    {
        var sql = $"""
                   SELECT protocol_code, subject_number, period, item_kind, item_code, timepoint, label, due_at, deadline_at, done_at, overdue_marked,
                          {StatusSql}, not_done_reason
                   FROM journey_schedule {where} {order}
                   """.Replace("$now", $"${values.Length + 1}", StringComparison.Ordinal);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        }

        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        var items = new List<ScheduleItem>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new ScheduleItem(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                Enum.Parse<ScheduleItemKind>(reader.GetString(3), ignoreCase: true),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.TimeOrNull(7),
                reader.TimeOrNull(8),
                reader.TimeOrNull(9),
                reader.GetBoolean(10),
                Enum.Parse<ScheduleStatus>(reader.GetString(11)))
            {
                NotDoneReason = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }

        return items;
    }
}
