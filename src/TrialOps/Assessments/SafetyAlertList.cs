using Npgsql;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Runtime;

namespace TrialOps.Assessments;

/// <summary>A safety alert as the dashboard lists it: the values beyond the protocol's limits, who entered them, when.</summary>
/// <param name="MeasuredAt">Clinical time of the measurement.</param>
/// <param name="RecordedAt">Server time the alert was raised (the entry was saved).</param>
public sealed record SafetyAlertView(
    long Position,
    string Subject,
    int Period,
    string AssessmentCode,
    string Timepoint,
    DateTimeOffset MeasuredAt,
    string RaisedBy,
    DateTimeOffset RecordedAt,
    IReadOnlyList<string> Findings);

/// <summary>
/// The safety alerts of a trial, newest first, read from the participants' streams (so the list is
/// complete the moment an alert is saved, on any database). Only the viewer's sites (ADR 0010);
/// alerts name no treatment, so every role may see them.
/// </summary>
public sealed class SafetyAlertList(TrialOpsRuntime runtime)
{
    public async Task<IReadOnlyList<SafetyAlertView>> ForTrialAsync(string protocol, Actor viewer, int limit = 50, CancellationToken ct = default)
    {
        var alias = runtime.Registry.AliasOf(typeof(SafetyAlertRaised));
        await using var command = runtime.DataSource.CreateCommand(
            $"SELECT position, data::text, recorded_at FROM {EventStore.EventStore.EventsView} events WHERE type = $1 AND data->>'protocol' = $2 ORDER BY position DESC");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alias });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol });
        var alerts = new List<SafetyAlertView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (alerts.Count < limit && await reader.ReadAsync(ct))
        {
            var alert = (SafetyAlertRaised)runtime.Registry.Deserialize(alias, reader.GetString(1));
            if (!SiteRules.MayReach(viewer, alert.Subject.ToString()))
            {
                continue;
            }

            alerts.Add(new SafetyAlertView(
                reader.GetInt64(0),
                alert.Subject.ToString(),
                alert.Period,
                alert.AssessmentCode,
                alert.Timepoint,
                alert.MeasuredAt,
                alert.RaisedBy,
                reader.GetFieldValue<DateTimeOffset>(2),
                alert.Findings));
        }

        return alerts;
    }
}
