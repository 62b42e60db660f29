using Npgsql;
using TrialOps.AdverseEvents;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Journey;

/// <summary>
/// Read side of the participant journey for every role: the blinded read models of
/// <see cref="JourneyProjection"/> (eventually consistent; the daemon keeps them current) and the
/// participant's timeline straight from the streams. Nothing here can return treatment identity.
/// Statuses that depend on time (due, overdue) are computed with the runtime clock at the query.
/// </summary>
public sealed class JourneyQueries(NpgsqlDataSource dataSource, EventStore.EventStore store, TimeProvider clock)
{
    private const string StatusSql =
        """
        CASE WHEN done_at IS NOT NULL THEN 'Done'
             WHEN closed THEN 'NotApplicable'
             WHEN overdue_marked OR deadline_at <= $now THEN 'Overdue'
             WHEN due_at <= $now THEN 'Due'
             ELSE 'Planned' END
        """;

    private const string ParticipantColumns =
        """
        protocol_code, subject_number, site_code, status, consent_date, consent_form_version, screened_at, randomized_at,
        period_count, periods_dosed, current_period, failed_criteria, ended_at, withdrawal_reason, withdrawal_details,
        safety_alerts, adverse_events, serious_adverse_events, deviations, corrections, last_activity_at
        """;

    private const string AdverseEventColumns =
        """
        adverse_event_id, protocol_code, subject_number, meddra_code, term, onset, end_date, grade, serious, seriousness, causality,
        action_taken, outcome, period, aware_at, sponsor_report_due_at, reported_to_sponsor_at, reported_late,
        serious AND reported_to_sponsor_at IS NULL AND (overdue_marked OR sponsor_report_due_at <= $1), follow_ups, corrections
        """;

    public async Task<PageOf<ParticipantSummary>> ListParticipantsAsync(ParticipantListQuery query, CancellationToken ct = default)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, ParticipantListQuery.MaxPageSize);
        var where = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        void Filter(string condition, object value)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
            where.Add(condition.Replace("$$", $"${parameters.Count}", StringComparison.Ordinal));
        }

        if (!string.IsNullOrWhiteSpace(query.Protocol))
        {
            Filter("protocol_code = $$", query.Protocol.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.Site))
        {
            Filter("site_code = $$", query.Site.Trim());
        }

        if (query.Access is { AllSites: false } access)
        {
            Filter("site_code = ANY($$)", access.Sites.ToArray());
        }

        if (query.Status is { } status)
        {
            Filter("status = $$", status.ToString());
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            Filter("subject_number ILIKE $$", "%" + query.Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        }

        var direction = query.Descending ? "DESC" : "ASC";
        var order = query.Sort switch
        {
            ParticipantSort.Site => $"site_code {direction}, protocol_code, running_number",
            ParticipantSort.Status => $"status {direction}, protocol_code, site_code, running_number",
            ParticipantSort.ScreenedAt => $"screened_at {direction}, protocol_code, site_code, running_number",
            ParticipantSort.LastActivity => $"last_activity_at {direction}, protocol_code, site_code, running_number",
            _ => $"protocol_code {direction}, site_code {direction}, running_number {direction}",
        };
        var whereSql = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM journey_participants {whereSql}", connection);
        count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        await using var select = new NpgsqlCommand(
            $"SELECT {ParticipantColumns} FROM journey_participants {whereSql} ORDER BY {order} LIMIT {pageSize} OFFSET {(page - 1) * pageSize}",
            connection);
        select.Parameters.AddRange(parameters.ToArray());
        var items = new List<ParticipantSummary>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(ReadParticipant(reader));
        }

        return new PageOf<ParticipantSummary>(items, total, page, pageSize);
    }

    public async Task<ParticipantSummary?> GetParticipantAsync(string protocol, string subject, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {ParticipantColumns} FROM journey_participants WHERE protocol_code = $1 AND subject_number = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subject });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadParticipant(reader) : null;
    }

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
            WHERE done_at IS NULL AND NOT closed AND item_kind IN ('dosing', 'assessment')
              AND (overdue_marked OR deadline_at <= $now)
              AND ($1::text IS NULL OR protocol_code = $1)
              AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM journey_participants p
                   WHERE p.protocol_code = journey_schedule.protocol_code AND p.subject_number = journey_schedule.subject_number AND p.site_code = $2))
            """,
            "ORDER BY deadline_at, protocol_code, subject_number, period, offset_seconds, item_code",
            [protocol, site],
            ct)).Where(item => access is null || SiteRules.MayReach(access, item.Subject)).ToArray();

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

    /// <summary>
    /// Every event of the participant's stream and of their adverse-event streams in recorded order,
    /// and the history of each recorded value: the original and every correction, with who, when
    /// (server time, from the metadata) and why.
    /// </summary>
    public async Task<ParticipantTimeline?> GetTimelineAsync(string protocol, string subject, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(protocol, out var protocolCode) || !SubjectNumber.TryParse(subject, out var subjectNumber))
        {
            return null;
        }

        var participantEvents = await store.ReadStreamAsync(ParticipantStreams.For(protocolCode, subjectNumber), null, ct);
        if (participantEvents.Count == 0)
        {
            return null;
        }

        var streams = new List<StoredEvent>(participantEvents);
        foreach (var adverseEventId in await AdverseEventCasesProjection.CasesOfAsync(dataSource, protocolCode.Value, subjectNumber.ToString(), ct))
        {
            streams.AddRange(await store.ReadStreamAsync(AdverseEventStreams.For(adverseEventId), null, ct));
        }

        var entries = streams.OrderBy(e => e.Position).Select(TimelineText.Describe).ToArray();
        var values = entries
            .Where(e => e.ValueKey is not null)
            .GroupBy(e => e.ValueKey!, StringComparer.Ordinal)
            .Select(g => new ValueHistory(g.Key, g.ToArray()))
            .ToArray();
        return new ParticipantTimeline(protocolCode.Value, subjectNumber.ToString(), entries, values);
    }

    private async Task<IReadOnlyList<ScheduleItem>> ReadScheduleAsync(string where, string order, object?[] values, CancellationToken ct)
    {
        var sql = $"""
                   SELECT protocol_code, subject_number, period, item_kind, item_code, timepoint, label, due_at, deadline_at, done_at, overdue_marked,
                          {StatusSql}
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
                Time(reader, 7),
                Time(reader, 8),
                Time(reader, 9),
                reader.GetBoolean(10),
                Enum.Parse<ScheduleStatus>(reader.GetString(11))));
        }

        return items;
    }

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
                Time(reader, 15),
                Time(reader, 16),
                reader.IsDBNull(17) ? null : reader.GetBoolean(17),
                !reader.IsDBNull(18) && reader.GetBoolean(18),
                reader.GetInt32(19),
                reader.GetInt32(20)));
        }

        return items;
    }

    private static ParticipantSummary ReadParticipant(NpgsqlDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            Enum.Parse<ParticipantStatus>(reader.GetString(3)),
            reader.GetFieldValue<DateOnly>(4),
            reader.GetString(5),
            reader.GetFieldValue<DateTimeOffset>(6),
            Time(reader, 7),
            reader.IsDBNull(8) ? null : reader.GetInt32(8),
            reader.GetInt32(9),
            reader.IsDBNull(10) ? null : reader.GetInt32(10),
            reader.GetFieldValue<string[]>(11),
            Time(reader, 12),
            reader.IsDBNull(13) ? null : reader.GetString(13),
            reader.IsDBNull(14) ? null : reader.GetString(14),
            reader.GetInt32(15),
            reader.GetInt32(16),
            reader.GetInt32(17),
            reader.GetInt32(18),
            reader.GetInt32(19),
            reader.GetFieldValue<DateTimeOffset>(20));

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
