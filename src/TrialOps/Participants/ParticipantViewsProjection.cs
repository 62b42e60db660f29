using Npgsql;
using NpgsqlTypes;
using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Washouts;

namespace TrialOps.Participants;

/// <summary>
/// The blinded read models of the participant journey (migration 0005): participants, their
/// schedules and adverse events. Applies a batch of events as one database round trip. Reads
/// event data and metadata only; the protocol's periods, washout and assessment times come from
/// the protocol events themselves (<c>journey_protocol_plans</c>), never from another read model.
/// </summary>
public sealed class ParticipantViewsProjection : IReadModelProjection
{
    public const string ProjectionName = "journey";

    /// <summary>A dosing session becomes overdue this long after it became due (see <see cref="DosingRules.SessionWindow"/>).</summary>
    private static readonly long SessionWindowSeconds = (long)DosingRules.SessionWindow.TotalSeconds;

    public string Name => ProjectionName;

    /// <summary>
    /// Every participant event (each moves the participant's last activity), every adverse-event
    /// event (the AE list), and the protocol's, which carry its plan.
    /// </summary>
    public IReadOnlyCollection<Type> EventTypes => Types;

    /// <summary>Found once per process: the assembly's types do not change.</summary>
    private static readonly Type[] Types = typeof(IParticipantEvent).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetCustomAttributes(typeof(EventTypeAttribute), false).Length > 0
                    && (typeof(IParticipantEvent).IsAssignableFrom(t) || t.Namespace == typeof(AdverseEventReported).Namespace))
        .Concat([typeof(ProtocolImported), typeof(ProtocolAmended)])
        .ToArray();

    public Task ApplyAsync(ReadModelBatch batch, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var lastActivity = new Dictionary<(string Protocol, string Subject), DateTimeOffset>();
        foreach (var stored in events)
        {
            foreach (var command in CommandsFor(stored))
            {
                batch.Add(command);
            }

            if (stored.Data is IParticipantEvent participantEvent)
            {
                lastActivity[(participantEvent.Protocol.Value, participantEvent.Subject.ToString())] = stored.RecordedAt;
            }
        }

        foreach (var ((protocol, subject), at) in lastActivity)
        {
            batch.Add(Sql(
                "UPDATE journey_participants SET last_activity_at = greatest(last_activity_at, $3) WHERE protocol_code = $1 AND subject_number = $2",
                protocol, subject, Utc(at)));
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<string> ResetStatements { get; } =
    [
        "DELETE FROM journey_adverse_events",
        "DELETE FROM journey_schedule",
        "DELETE FROM journey_participants",
        "DELETE FROM journey_protocol_timepoints",
        "DELETE FROM journey_protocol_plans",
    ];

    private static IEnumerable<NpgsqlBatchCommand> CommandsFor(StoredEvent stored) => stored.Data switch
    {
        ProtocolImported e => Plan(e.Code, e.DefinitionJson),
        ProtocolAmended e => Plan(e.Code, e.DefinitionJson),
        ParticipantScreened e => [Sql(
            """
            INSERT INTO journey_participants (protocol_code, subject_number, site_code, running_number, status, consent_date, consent_form_version, screened_at, last_activity_at)
            VALUES ($1, $2, $3, $4, 'Screened', $5, $6, $7, $7)
            ON CONFLICT DO NOTHING
            """,
            e.Protocol.Value, e.Subject.ToString(), e.Site, e.Subject.Number, e.ConsentDate, e.ConsentFormVersion, Utc(e.ScreenedAt))],
        EligibilityConfirmed e => [Participant(e, "status = CASE WHEN $3 THEN 'Eligible' ELSE status END, failed_criteria = $4", e.Eligible, e.FailedCriteria.ToArray())],
        ParticipantScreenFailed e => [Participant(e, "status = 'ScreenFailed', failed_criteria = $3, ended_at = $4", e.FailedCriteria.ToArray(), Utc(e.RecordedAt))],
        ParticipantRandomized e => Randomized(e),
        ConsentCorrected e => [Participant(e, "consent_date = $3, consent_form_version = $4, corrections = corrections + 1", e.ConsentDate, e.ConsentFormVersion)],
        ParticipantWithdrawn e =>
        [
            Participant(e, "status = 'Withdrawn', ended_at = $3, withdrawal_reason = $4, withdrawal_details = $5, current_period = NULL", Utc(e.WithdrawnAt), e.Reason.ToString(), e.Details),
            CloseSchedule(e),
        ],
        ParticipantCompleted e =>
        [
            Participant(e, "status = 'Completed', ended_at = $3, current_period = NULL", Utc(e.CompletedAt)),
            CloseSchedule(e),
        ],
        ProtocolDeviationRecorded e => [Participant(e, "deviations = deviations + 1")],
        SessionWeightCorrected e => [Participant(e, "corrections = corrections + 1")],
        DosingStarted e => Started(e, e.Period, e.StartedAt),
        DosingStartCorrected e => [.. Started(e, e.Period, e.StartedAt), Participant(e, "corrections = corrections + 1")],
        DosingStopped e =>
        [
            Participant(e, "periods_dosed = periods_dosed + 1, current_period = CASE WHEN periods_dosed + 1 >= period_count THEN NULL ELSE periods_dosed + 2 END"),
            .. Stopped(e, e.Period, e.StoppedAt),
        ],
        DosingStopCorrected e => [.. Stopped(e, e.Period, e.StoppedAt), Participant(e, "corrections = corrections + 1")],
        WashoutElapsed e => [ScheduleItem(e, e.CompletedPeriod, "washout", "WASHOUT", "", "done_at = $6", Utc(e.WashoutEndedAt))],
        ScaleAssessmentRecorded e => [AssessmentDone(e, e.Period, e.AssessmentCode, e.Timepoint, e.AssessedAt)],
        VitalSignsRecorded e => [AssessmentDone(e, e.Period, e.AssessmentCode, e.Timepoint, e.MeasuredAt)],
        ScaleAssessmentCorrected e => [AssessmentDone(e, e.Period, e.AssessmentCode, e.Timepoint, e.AssessedAt), Participant(e, "corrections = corrections + 1")],
        VitalSignsCorrected e => [AssessmentDone(e, e.Period, e.AssessmentCode, e.Timepoint, e.MeasuredAt), Participant(e, "corrections = corrections + 1")],
        SafetyAlertRaised e => [Participant(e, "safety_alerts = safety_alerts + 1")],
        AssessmentsMarkedOverdue e => e.Items.Select(i => ScheduleItem(e, e.Period, "assessment", i.AssessmentCode, i.Timepoint, "overdue_marked = true")),
        AssessmentNotDone e => [ScheduleItem(e, e.Period, "assessment", e.AssessmentCode, e.Timepoint, "not_done_reason = $6", e.Reason)],
        AdverseEventReported e => [ReportedAdverseEvent(e, stored), .. AdverseEventCounts(e)],
        AdverseEventCorrected e => [AdverseEventDetailsUpdate(e.AdverseEventId, e.Details, e.Period, e.SponsorReportDueAt), .. AdverseEventCounts(e)],
        AdverseEventOutcomeRecorded e => [AdverseEvent(e, "outcome = $2, end_date = $3", e.Outcome.ToString(), e.End?.Text)],
        AdverseEventCausalityAssessed e => [AdverseEvent(e, "causality = $2", e.Causality.ToString())],
        SaeReportedToSponsor e => [AdverseEvent(e, "reported_to_sponsor_at = $2, reported_late = $3", Utc(e.ReportedAt), e.Late)],
        SaeFollowUpReported e => [AdverseEvent(e, "follow_ups = follow_ups + 1")],
        SaeReportOverdue e => [AdverseEvent(e, "overdue_marked = true")],
        _ => [],
    };

    private static IEnumerable<NpgsqlBatchCommand> Plan(ProtocolCode code, string definitionJson)
    {
        if (ProtocolFile.Parse(definitionJson).Definition is not { } protocol)
        {
            yield break;
        }

        yield return Sql(
            """
            INSERT INTO journey_protocol_plans (protocol_code, version, period_count, washout_iso, washout_seconds)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (protocol_code) DO UPDATE SET version = excluded.version, period_count = excluded.period_count,
                washout_iso = excluded.washout_iso, washout_seconds = excluded.washout_seconds
            """,
            code.Value, protocol.Version, protocol.PeriodCount, protocol.Washout.Iso, (long)protocol.Washout.Duration.TotalSeconds);
        yield return Sql("DELETE FROM journey_protocol_timepoints WHERE protocol_code = $1", code.Value);
        foreach (var assessment in protocol.Assessments)
        {
            foreach (var time in assessment.Times)
            {
                yield return Sql(
                    """
                    INSERT INTO journey_protocol_timepoints (protocol_code, assessment_code, label, kind, timepoint, offset_seconds, tolerance_seconds)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """,
                    code.Value,
                    assessment.Code,
                    assessment.Label,
                    assessment.Kind == AssessmentKind.Scale ? "scale" : "vitals",
                    time.Iso,
                    (long)time.AfterDosingStart.TotalSeconds,
                    (long)AssessmentWindows.Tolerance(time.AfterDosingStart).TotalSeconds);
            }
        }
    }

    private static IEnumerable<NpgsqlBatchCommand> Randomized(ParticipantRandomized e)
    {
        var (protocol, subject, periods) = (e.Protocol.Value, e.Subject.ToString(), e.Periods.Count);
        yield return Participant(e, "status = 'Randomized', randomized_at = $3, period_count = $4, current_period = 1", Utc(e.RandomizedAt), periods);
        yield return Sql(
            """
            INSERT INTO journey_schedule (protocol_code, subject_number, period, item_kind, item_code, timepoint, label, offset_seconds, tolerance_seconds, due_at, deadline_at)
            SELECT $1, $2, p, 'dosing', 'DOSING', '', 'Dosing session', -1, $5,
                   CASE WHEN p = 1 THEN $3 END, CASE WHEN p = 1 THEN $3 + make_interval(secs => $5) END
            FROM generate_series(1, $4) AS p
            ON CONFLICT DO NOTHING
            """,
            protocol, subject, Utc(e.RandomizedAt), periods, SessionWindowSeconds);
        yield return Sql(
            """
            INSERT INTO journey_schedule (protocol_code, subject_number, period, item_kind, item_code, timepoint, label, offset_seconds, tolerance_seconds)
            SELECT $1, $2, p, 'washout', 'WASHOUT', '', 'Washout after period ' || p, 9223372036854775807, 0
            FROM generate_series(1, $3 - 1) AS p
            ON CONFLICT DO NOTHING
            """,
            protocol, subject, periods);
        yield return Sql(
            """
            INSERT INTO journey_schedule (protocol_code, subject_number, period, item_kind, item_code, timepoint, label, offset_seconds, tolerance_seconds)
            SELECT $1, $2, p, 'assessment', t.assessment_code, t.timepoint, t.label || ' at ' || t.timepoint, t.offset_seconds, t.tolerance_seconds
            FROM generate_series(1, $3) AS p CROSS JOIN journey_protocol_timepoints t
            WHERE t.protocol_code = $1
            ON CONFLICT DO NOTHING
            """,
            protocol, subject, periods);
    }

    /// <summary>A (corrected) dosing start: the session is done, the period's assessments fall due, the washout before it is over.</summary>
    private static IEnumerable<NpgsqlBatchCommand> Started(IParticipantEvent e, int period, DateTimeOffset startedAt)
    {
        var start = Utc(startedAt);
        // Entered late, a session can be done before it was "due" (randomization recorded after the fact).
        yield return ScheduleItem(e, period, "dosing", "DOSING", "", "done_at = $6, due_at = least(due_at, $6)", start);
        yield return Sql(
            """
            UPDATE journey_schedule SET due_at = $4 + make_interval(secs => offset_seconds),
                deadline_at = $4 + make_interval(secs => offset_seconds + tolerance_seconds)
            WHERE protocol_code = $1 AND subject_number = $2 AND period = $3 AND item_kind = 'assessment'
            """,
            e.Protocol.Value, e.Subject.ToString(), period, start);
        yield return Sql(
            """
            UPDATE journey_schedule SET done_at = coalesce(done_at, least(due_at, $4))
            WHERE protocol_code = $1 AND subject_number = $2 AND period = $3 - 1 AND item_kind = 'washout'
            """,
            e.Protocol.Value, e.Subject.ToString(), period, start);
    }

    /// <summary>A (corrected) dosing stop: the washout after the period and the next session fall due at its end.</summary>
    private static IEnumerable<NpgsqlBatchCommand> Stopped(IParticipantEvent e, int period, DateTimeOffset stoppedAt)
    {
        yield return Sql(
            """
            UPDATE journey_schedule s SET due_at = $4 + make_interval(secs => pl.washout_seconds),
                deadline_at = CASE WHEN s.item_kind = 'dosing' THEN $4 + make_interval(secs => pl.washout_seconds + s.tolerance_seconds) END
            FROM journey_protocol_plans pl
            WHERE pl.protocol_code = s.protocol_code AND s.protocol_code = $1 AND s.subject_number = $2
              AND ((s.item_kind = 'washout' AND s.period = $3) OR (s.item_kind = 'dosing' AND s.period = $3 + 1))
            """,
            e.Protocol.Value, e.Subject.ToString(), period, Utc(stoppedAt));
    }

    private static NpgsqlBatchCommand AssessmentDone(IParticipantEvent e, int period, string code, string timepoint, DateTimeOffset at) =>
        ScheduleItem(e, period, "assessment", code, timepoint, "done_at = $6", Utc(at));

    private static NpgsqlBatchCommand CloseSchedule(IParticipantEvent e) =>
        Sql("UPDATE journey_schedule SET closed = true WHERE protocol_code = $1 AND subject_number = $2 AND done_at IS NULL",
            e.Protocol.Value, e.Subject.ToString());

    /// <summary>An update of one schedule row: $1..$5 are its key, $6 onwards the values.</summary>
    private static NpgsqlBatchCommand ScheduleItem(IParticipantEvent e, int period, string kind, string code, string timepoint, string set, params object?[] values) =>
        Sql(
            $"UPDATE journey_schedule SET {set} WHERE protocol_code = $1 AND subject_number = $2 AND period = $3 AND item_kind = $4 AND item_code = $5 AND timepoint = ${6 + values.Length}",
            [e.Protocol.Value, e.Subject.ToString(), period, kind, code, .. values, timepoint]);

    /// <summary>An update of the participant's row: $1, $2 are its key, $3 onwards the values.</summary>
    private static NpgsqlBatchCommand Participant(IParticipantEvent e, string set, params object?[] values) =>
        Sql($"UPDATE journey_participants SET {set} WHERE protocol_code = $1 AND subject_number = $2", [e.Protocol.Value, e.Subject.ToString(), .. values]);

    private static NpgsqlBatchCommand ReportedAdverseEvent(AdverseEventReported e, StoredEvent stored) =>
        Sql(
            """
            INSERT INTO journey_adverse_events (adverse_event_id, protocol_code, subject_number, meddra_code, term, onset, end_date, grade, serious,
                seriousness, causality, action_taken, outcome, period, aware_at, reported_by, recorded_at, sponsor_report_due_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
            ON CONFLICT DO NOTHING
            """,
            e.AdverseEventId, e.Protocol.Value, e.Subject.ToString(), e.Details.MeddraCode, e.Details.Term, e.Details.Onset.Text, e.Details.End?.Text,
            e.Details.Grade, e.Details.Serious, e.Details.Seriousness.Select(s => s.ToString()).ToArray(), e.Details.Causality?.ToString(),
            e.Details.ActionTaken.ToString(), e.Details.Outcome.ToString(), e.Period, Utc(e.AwareAt), e.ReportedBy, Utc(stored.RecordedAt),
            e.SponsorReportDueAt is { } due ? Utc(due) : null);

    private static NpgsqlBatchCommand AdverseEventDetailsUpdate(string id, AdverseEventDetails details, int? period, DateTimeOffset? dueAt) =>
        Sql(
            """
            UPDATE journey_adverse_events SET meddra_code = $2, term = $3, onset = $4, end_date = $5, grade = $6, serious = $7, seriousness = $8,
                causality = $9, action_taken = $10, outcome = $11, period = $12, sponsor_report_due_at = $13, corrections = corrections + 1
            WHERE adverse_event_id = $1
            """,
            id, details.MeddraCode, details.Term, details.Onset.Text, details.End?.Text, details.Grade, details.Serious,
            details.Seriousness.Select(s => s.ToString()).ToArray(), details.Causality?.ToString(), details.ActionTaken.ToString(),
            details.Outcome.ToString(), period, dueAt is { } due ? Utc(due) : null);

    private static NpgsqlBatchCommand AdverseEvent(IAdverseEventEvent e, string set, params object?[] values) =>
        Sql($"UPDATE journey_adverse_events SET {set} WHERE adverse_event_id = $1", [e.AdverseEventId, .. values]);

    private static IEnumerable<NpgsqlBatchCommand> AdverseEventCounts(IAdverseEventEvent e)
    {
        yield return Sql(
            """
            UPDATE journey_participants p SET
                adverse_events = (SELECT count(*) FROM journey_adverse_events a WHERE a.protocol_code = p.protocol_code AND a.subject_number = p.subject_number),
                serious_adverse_events = (SELECT count(*) FROM journey_adverse_events a WHERE a.protocol_code = p.protocol_code AND a.subject_number = p.subject_number AND a.serious)
            WHERE p.protocol_code = $1 AND p.subject_number = $2
            """,
            e.Protocol.Value, e.Subject.ToString());
    }

    private static NpgsqlBatchCommand Sql(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                null => new NpgsqlParameter { Value = DBNull.Value },
                string[] texts => new NpgsqlParameter<string[]> { TypedValue = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                DateTimeOffset time => new NpgsqlParameter<DateTimeOffset> { TypedValue = time, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        return command;
    }

    private static DateTimeOffset Utc(DateTimeOffset time) => time.ToUniversalTime();
}
