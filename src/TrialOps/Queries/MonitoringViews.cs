using Npgsql;
using TrialOps.Assessments;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Runtime;
using TrialOps.SourceVerification;

namespace TrialOps.Queries;

/// <summary>One participant's queries and verification state, as the trial-wide lists show them.</summary>
public sealed record ParticipantMonitoring(string Subject, string Site, MonitoringState State)
{
    public int Values => State.Values.Count;

    public int Verified => State.Values.Values.Count(v => v.Verified);

    /// <summary>Verified once, changed since.</summary>
    public int Outdated => State.Values.Values.Count(v => v.VerificationOutdated);
}

/// <summary>A query in a worklist: whose, and where it stands.</summary>
public sealed record QueryWorkItem(string Subject, string Site, QueryThread Query);

/// <summary>Source data verification of one site (or the total): values recorded, verified in their current version, verified but changed since.</summary>
public sealed record SdvProgress(string Site, int Participants, int Values, int Verified, int Outdated)
{
    public int Percent => Values == 0 ? 0 : (int)Math.Floor(100.0 * Verified / Values);
}

/// <summary>Queries and verification of every participant of a trial the viewer may reach.</summary>
public sealed record TrialMonitoring(IReadOnlyList<ParticipantMonitoring> Participants)
{
    public IReadOnlyList<QueryWorkItem> Queries(QueryStatus status) =>
        Participants
            .SelectMany(p => p.State.Queries.Values.Where(q => q.Status == status).Select(q => new QueryWorkItem(p.Subject, p.Site, q)))
            .OrderBy(q => q.Query.Latest.At).ThenBy(q => q.Subject, StringComparer.Ordinal).ThenBy(q => q.Query.Number)
            .ToArray();

    public int Count(QueryStatus status) => Participants.Sum(p => p.State.Queries.Values.Count(q => q.Status == status));

    public IReadOnlyList<SdvProgress> BySite() =>
        Participants.GroupBy(p => p.Site, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Progress(g.Key, g))
            .ToArray();

    public SdvProgress Total(string label) => Progress(label, Participants);

    private static SdvProgress Progress(string site, IEnumerable<ParticipantMonitoring> participants)
    {
        var all = participants.ToArray();
        return new SdvProgress(site, all.Length, all.Sum(p => p.Values), all.Sum(p => p.Verified), all.Sum(p => p.Outdated));
    }
}

/// <summary>
/// Queries and source data verification read straight from the participants' streams, so a page
/// shows a query the moment it is saved (like <see cref="SafetyAlertList"/>). Blinded: only
/// participant events are read. Only the viewer's sites (ADR 0010).
/// </summary>
public sealed class MonitoringViews(TrialOpsRuntime runtime)
{
    /// <summary>Every event type that sets a value, raises or moves a query, or verifies.</summary>
    private static readonly Type[] MonitoredTypes =
    [
        typeof(ParticipantScreened), typeof(ConsentCorrected), typeof(DemographicsRecorded), typeof(DemographicsCorrected),
        typeof(SessionWeightRecorded), typeof(SessionWeightCorrected), typeof(DosingStarted), typeof(DosingStartCorrected),
        typeof(DosingStopped), typeof(DosingStopCorrected), typeof(ScaleAssessmentRecorded), typeof(ScaleAssessmentCorrected),
        typeof(VitalSignsRecorded), typeof(VitalSignsCorrected), typeof(AssessmentNotDone),
        typeof(QueryRaised), typeof(QueryAnswered), typeof(QueryClosed), typeof(QueryReopened), typeof(SourceDataVerified),
    ];

    /// <summary>One participant's monitoring state; null when the participant is unknown or not the viewer's to see.</summary>
    public async Task<MonitoringState?> ForParticipantAsync(string protocol, string subject, Actor viewer, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(protocol, out var code) || !SubjectNumber.TryParse(subject, out var number) || !SiteRules.MayReach(viewer, number.ToString()))
        {
            return null;
        }

        var events = await runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, number), null, ct);
        return events.Count == 0 ? null : MonitoringState.From(events);
    }

    /// <summary>Every reachable participant of the trial that has a recorded value or a query.</summary>
    public async Task<TrialMonitoring> ForTrialAsync(string protocol, Actor viewer, CancellationToken ct = default)
    {
        var aliases = MonitoredTypes.Select(runtime.Registry.AliasOf).ToArray();
        await using var command = runtime.DataSource.CreateCommand(
            $"""
            SELECT stream_id, version, type, data::text FROM {EventStore.EventStore.EventsView} events
            WHERE type = ANY($1) AND data->>'protocol' = $2 AND stream_id LIKE 'participant-%'
            ORDER BY position
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = aliases });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol });
        var states = new Dictionary<string, (SubjectNumber Subject, MonitoringState State)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var data = (IParticipantEvent)runtime.Registry.Deserialize(reader.GetString(2), reader.GetString(3));
                var stream = reader.GetString(0);
                var (subject, state) = states.TryGetValue(stream, out var found) ? found : (data.Subject, MonitoringState.Initial);
                states[stream] = (subject, state.Apply(data, reader.GetInt32(1)));
            }
        }

        return new TrialMonitoring(states.Values
            .Where(s => SiteRules.MayReach(viewer, s.Subject.ToString()))
            .OrderBy(s => s.Subject.ToString(), StringComparer.Ordinal)
            .Select(s => new ParticipantMonitoring(s.Subject.ToString(), s.Subject.Site, s.State))
            .ToArray());
    }
}
