using System.Text.Json;
using Npgsql;
using TrialOps.Blinding;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Audit;

/// <summary>One recorded event as the audit trail shows it: who, when (server time), what, why.</summary>
/// <param name="Record">The participant the event belongs to, or null for the trial itself.</param>
/// <param name="Summary">The event in words; never a treatment for a blinded viewer.</param>
public sealed record AuditEntry(
    long Position,
    string? Record,
    string Type,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Role,
    string Summary,
    DateTimeOffset? ClinicalTime,
    bool IsCorrection,
    string? Reason);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageSize)
{
    /// <summary>The filter the page was read with (none: every event the viewer may see).</summary>
    public AuditFilter Filter { get; init; } = AuditFilter.None;

    public int PageCount => (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// The audit trail of a trial and of one participant, read from the event store for one viewer.
/// Redacted by construction for blinded viewers: the protocol's events are described without the
/// recorded definition (it names the treatments), and of the randomization streams only the
/// emergency code breaks are read, which name no treatment (DESIGN.md §6). Unblinded viewers (the
/// pharmacy; the statistician after unblinding) also see the list events, still described by entry
/// number only. Participant and adverse-event events are put into words by the participant timeline's
/// <see cref="TimelineText"/>, which reads blinded events only.
/// </summary>
public sealed class TrialAuditTrail(TrialOpsRuntime runtime)
{
    public const int MaxPageSize = 200;

    private const string Columns = "position, stream_id, version, type, data::text, metadata::text, recorded_at, hash";

    private readonly ProtocolViews _protocols = new(runtime);

    private readonly ParticipantTimelines _timelines = new(runtime);

    private string CodeBreakType => runtime.Registry.AliasOf(typeof(EmergencyUnblindingPerformed));

    /// <summary>
    /// Every event of the trial, newest first, one page at a time. A viewer without all sites gets
    /// the trial's own events and those of their sites' participants, adverse events and strata
    /// only, and counts only those (ADR 0010).
    /// </summary>
    /// <remarks>
    /// Whether the viewer may see the list events (treatment identity) is decided here from the
    /// viewer's role and the trial's unblinding (<see cref="ProtocolViews.MaySeeTreatmentsAsync"/>), so
    /// the pages, the API and the CLI cannot disagree.
    /// </remarks>
    public async Task<AuditPage> ForTrialAsync(ProtocolCode code, Actor viewer, int page, int pageSize, CancellationToken ct = default) =>
        await ForTrialAsync(code, viewer, AuditFilter.None, page, pageSize, ct);

    /// <summary>
    /// The events of the trial the viewer may see that also match <paramref name="filter"/>, newest
    /// first, one page at a time; <see cref="AuditPage.Total"/> counts the matching events. The filter
    /// narrows what the viewer may see and never widens it.
    /// </summary>
    public async Task<AuditPage> ForTrialAsync(ProtocolCode code, Actor viewer, AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var (visible, values) = await VisibleAsync(code, viewer, ct);
        var (where, filterValues) = filter.Where(values.Length + 1);
        values = [.. values, .. filterValues];
        where = $"({visible}){where}";

        await using var connection = await runtime.DataSource.OpenConnectionAsync(ct);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {EventStore.EventStore.EventsView} events WHERE {where}", connection);
        AddParameters(count, values);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        await using var select = new NpgsqlCommand(
            $"SELECT {Columns} FROM {EventStore.EventStore.EventsView} events WHERE {where} ORDER BY position DESC LIMIT {pageSize} OFFSET {(page - 1) * pageSize}", connection);
        AddParameters(select, values);
        var entries = new List<AuditEntry>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(Describe(Read(reader), code));
        }

        return new AuditPage(entries, total, page, pageSize) { Filter = filter };
    }

    /// <summary>
    /// What the trial's audit trail can be filtered by for this viewer: the event types and the people
    /// among the events the viewer may see (never a type or person only hidden events have).
    /// </summary>
    public async Task<AuditChoices> ChoicesAsync(ProtocolCode code, Actor viewer, CancellationToken ct = default)
    {
        var (visible, values) = await VisibleAsync(code, viewer, ct);
        await using var connection = await runtime.DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            $"SELECT DISTINCT 't', type FROM {EventStore.EventStore.EventsView} events WHERE {visible} UNION SELECT DISTINCT 'u', metadata->>'actorId' FROM {EventStore.EventStore.EventsView} events WHERE {visible}",
            connection);
        AddParameters(command, values);
        var (types, people) = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!reader.IsDBNull(1))
            {
                (reader.GetString(0) == "t" ? types : people).Add(reader.GetString(1));
            }
        }

        return new AuditChoices([.. types], [.. people]);
    }

    /// <summary>The condition selecting the events of the trial the viewer may see, with its parameter values ($1…$8).</summary>
    private async Task<(string Where, object[] Values)> VisibleAsync(ProtocolCode code, Actor viewer, CancellationToken ct)
    {
        var unblinded = await _protocols.MaySeeTreatmentsAsync(code.Value, viewer, ct);
        var access = viewer.Access;
        // The site of a participant's, adverse event's or list's event: the subject number's prefix, else the stratum.
        var where =
            """
            (stream_id = $1
            OR (stream_id LIKE $2 AND data->>'protocol' = $3)
            OR (stream_id LIKE 'adverse-event-%' AND data->>'protocol' = $3)
            OR (stream_id LIKE $4 AND data->>'protocol' = $3 AND ($5 OR type = $6)))
            AND (stream_id = $1 OR $7 OR COALESCE(
                    regexp_replace(COALESCE(data->>'subject', data->>'participantId'), '-[0-9]+$', ''),
                    data->>'stratum') = ANY($8))
            """;
        object[] values =
        [
            ProtocolStreams.For(code), ParticipantStreams.For(code, default) + "%", code.Value, RandomizationPrefix(code) + "%", unblinded, CodeBreakType,
            access.AllSites, access.Sites.ToArray(),
        ];
        return (where, values);
    }

    /// <summary>
    /// The participant's events and those of their adverse events (the journey's timeline), with the
    /// emergency code breaks of the participant, oldest first. Null for an unknown participant and one of a site the viewer is not assigned to.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>?> ForParticipantAsync(ProtocolCode code, SubjectNumber subject, Actor viewer, CancellationToken ct = default)
    {
        if (!SiteRules.MayReach(viewer, subject.ToString()))
        {
            return null;
        }

        var timeline = await _timelines.GetTimelineAsync(code.Value, subject.ToString(), ct);
        if (timeline is null)
        {
            return null;
        }

        var entries = timeline.Entries
            .Select(e => new AuditEntry(e.Position, subject.ToString(), e.Type, e.RecordedAt, e.RecordedBy, e.Role, e.Summary, e.ClinicalTime, e.IsCorrection, e.Reason))
            .ToList();
        await using var command = runtime.DataSource.CreateCommand(
            $"SELECT {Columns} FROM {EventStore.EventStore.EventsView} events WHERE stream_id LIKE $1 AND type = $2 AND data->>'protocol' = $3 AND data->>'participantId' = $4 ORDER BY position");
        AddParameters(command, [RandomizationPrefix(code) + "%", CodeBreakType, code.Value, subject.ToString()]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(Describe(Read(reader), code));
        }

        return entries.OrderBy(e => e.Position).ToArray();
    }

    /// <summary>The participant an event at a global position belongs to (for a repeated command that chose a subject number itself).</summary>
    public async Task<SubjectNumber?> SubjectOfAsync(long position, CancellationToken ct = default)
    {
        await using var command = runtime.DataSource.CreateCommand("SELECT data->>'subject' FROM mt_events WHERE seq_id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
        return await command.ExecuteScalarAsync(ct) is string text && SubjectNumber.TryParse(text, out var subject) ? subject : null;
    }

    private AuditEntry Describe(StoredEvent stored, ProtocolCode code)
    {
        if (stored.StreamId.StartsWith("participant-", StringComparison.Ordinal) || stored.StreamId.StartsWith("adverse-event-", StringComparison.Ordinal))
        {
            var entry = TimelineText.Describe(stored);
            var subject = stored.Data is IParticipantEvent p ? p.Subject.ToString() : SubjectOf(stored.Data);
            return new AuditEntry(entry.Position, subject, entry.Type, entry.RecordedAt, entry.RecordedBy, entry.Role, entry.Summary, entry.ClinicalTime, entry.IsCorrection, entry.Reason);
        }

        var (record, summary) = stored.Data switch
        {
            ProtocolImported e => ((string?)null, $"Protocol {e.Code} version {e.Version} imported (file SHA-256 {Short(e.FileSha256)})"),
            ProtocolAmended e => (null, $"Protocol {e.Code} amended from version {e.PreviousVersion} to {e.Version} (file SHA-256 {Short(e.FileSha256)})"),
            TrialLocked => (null, $"Database of {code} locked (signed)"),
            TrialUnlocked e => (null, $"Database lock of {code} lifted (signed): {e.Reason}"),
            TrialUnblinded => (null, $"Trial {code} unblinded for analysis (signed)"),
            Signatures.RecordSigned e => (null, $"Electronic signature of the {e.Action} (version {e.SignedVersion}): {e.PrintedName} ({e.SignedBy}, {e.Role}), meaning \"{e.Meaning}\""),
            EmergencyUnblindingPerformed e => (e.ParticipantId, $"Emergency code break (signed): periods {string.Join(", ", e.CompromisedPeriods)} no longer blind. Reason: {e.Reason}"),
            RandomizationListGenerated e => (null, $"Randomization list generated for stratum {e.Stratum}: {e.Entries.Count} entries"),
            RandomizationListExtended e => (null, $"Randomization list of stratum {e.Stratum} extended by {e.AddedEntries.Count} entries: {e.Reason}"),
            AllocationAssigned e => (e.ParticipantId, $"Entry {e.EntryNumber} of stratum {e.Stratum}'s list assigned"),
            _ => (null, stored.Type),
        };
        return new AuditEntry(stored.Position, record, stored.Type, stored.RecordedAt, stored.Metadata.ActorId, stored.Metadata.ActorRole, summary, null, false, stored.Metadata.Reason);
    }

    private static string? SubjectOf(object data) =>
        data.GetType().GetProperty("Subject")?.GetValue(data)?.ToString();

    private StoredEvent Read(NpgsqlDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetInt32(2),
            reader.GetString(3),
            runtime.Registry.Deserialize(reader.GetString(3), reader.GetString(4)),
            JsonSerializer.Deserialize<EventMetadata>(reader.GetString(5), EventTypeRegistry.JsonOptions)!,
            reader.GetFieldValue<DateTimeOffset>(6),
            reader.GetString(7));

    private static void AddParameters(NpgsqlCommand command, object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    private static string RandomizationPrefix(ProtocolCode code) => RandomizationStreams.For(code, string.Empty);

    private static string Short(string sha256) => sha256.Length > 12 ? sha256[..12] + "…" : sha256;
}
