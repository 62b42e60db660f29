using Npgsql;
using TrialOps.Common;
using TrialOps.Protocols;
using TrialOps.Runtime;

namespace TrialOps.Participants;

/// <summary>
/// The participant register every role works from: the blinded list of participants with their
/// status and counts (the read model of <see cref="ParticipantViewsProjection"/>, eventually
/// consistent), the next subject number at a site, and a participant's folded state for pages that
/// need the whole record. Nothing here can return treatment identity.
/// </summary>
public sealed class ParticipantRegister(TrialOpsRuntime runtime)
{
    private readonly NpgsqlDataSource dataSource = runtime.DataSource;

    private const string ParticipantColumns =
        """
        protocol_code, subject_number, site_code, status, consent_date, consent_form_version, screened_at, randomized_at,
        period_count, periods_dosed, current_period, failed_criteria, ended_at, withdrawal_reason, withdrawal_details,
        safety_alerts, adverse_events, serious_adverse_events, deviations, corrections, last_activity_at
        """;

    /// <summary>
    /// The participant's overdue dosing sessions and assessments now: the same rule as
    /// <see cref="ParticipantSchedule.GetOverdueAsync"/> (not done, not recorded as not done, still in the trial).
    /// </summary>
    private const string OverdueCountSql =
        """
        (SELECT count(*)::int FROM journey_schedule s
         WHERE s.protocol_code = journey_participants.protocol_code AND s.subject_number = journey_participants.subject_number
           AND s.done_at IS NULL AND NOT s.closed AND s.not_done_reason IS NULL AND s.item_kind IN ('dosing', 'assessment')
           AND (s.overdue_marked OR s.deadline_at <= $now))
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

        var overdue = OverdueCountSql.Replace("$now", $"${parameters.Count + 1}", StringComparison.Ordinal);
        if (query.OverdueOnly)
        {
            where.Add($"{overdue} > 0");
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
        if (query.OverdueOnly)
        {
            count.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = runtime.Clock.GetUtcNow() });
        }

        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        await using var select = new NpgsqlCommand(
            $"SELECT {ParticipantColumns}, {overdue} FROM journey_participants {whereSql} ORDER BY {order} LIMIT {pageSize} OFFSET {(page - 1) * pageSize}",
            connection);
        select.Parameters.AddRange(parameters.ToArray());
        select.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = runtime.Clock.GetUtcNow() });
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

    /// <summary>The next unused subject number at a site (one above the highest ever assigned there).</summary>
    public async Task<SubjectNumber> NextSubjectNumberAsync(ProtocolCode protocol, string site, CancellationToken ct = default) =>
        SubjectNumber.For(site, await SubjectNumbersProjection.NextRunningNumberAsync(runtime.Store.Marten, protocol.Value, site, ct));

    /// <summary>The participant's folded state (blinded) and the protocol in force, read now.</summary>
    /// <summary>The participant folded from its stream alone (no protocol read): what a command's answer shows.</summary>
    public async Task<ParticipantState> StateAsync(ProtocolCode protocol, SubjectNumber subject, CancellationToken ct = default) =>
        ParticipantState.From((await runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol, subject), null, ct)).Select(e => e.Data));

    public async Task<(ParticipantState Participant, TrialContext? Trial)> LoadAsync(ProtocolCode protocol, SubjectNumber subject, CancellationToken ct = default)
    {
        var participantEvents = await runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol, subject), null, ct);
        var protocolEvents = await runtime.Store.ReadStreamAsync(ProtocolStreams.For(protocol), null, ct);
        return (ParticipantState.From(participantEvents.Select(e => e.Data)), ParticipantDecisions.TrialFrom(ProtocolState.From(protocolEvents.Select(e => e.Data))));
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
            reader.TimeOrNull(7),
            reader.IsDBNull(8) ? null : reader.GetInt32(8),
            reader.GetInt32(9),
            reader.IsDBNull(10) ? null : reader.GetInt32(10),
            reader.GetFieldValue<string[]>(11),
            reader.TimeOrNull(12),
            reader.IsDBNull(13) ? null : reader.GetString(13),
            reader.IsDBNull(14) ? null : reader.GetString(14),
            reader.GetInt32(15),
            reader.GetInt32(16),
            reader.GetInt32(17),
            reader.GetInt32(18),
            reader.GetInt32(19),
            reader.GetFieldValue<DateTimeOffset>(20))
        {
            Overdue = reader.FieldCount > 21 ? reader.GetInt32(21) : 0,
        };
}
