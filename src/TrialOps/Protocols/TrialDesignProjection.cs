using System.Reflection;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TrialOps.Blinding;
using TrialOps.EventStore;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Protocols;

/// <summary>
/// The trial-design read models (<c>migrations/0004_trial_design.sql</c>): protocols, randomization
/// status, pharmacy allocations and trial status. Deterministic: every value comes from event data
/// and metadata. An <see cref="AllocationAssigned"/> names only its list entry, so the projection
/// reads that entry from the list events earlier in the same stream; those events are immutable
/// and committed before the assignment (its command read them), so the result does not depend on
/// when the projection runs. The projection never stores list entries nobody has been assigned:
/// no read model can preview the next allocation.
/// </summary>
public sealed class TrialDesignProjection : IReadModelProjection
{
    public const string ProjectionName = "trial_design";

    private static readonly string[] ListEventTypes =
    [
        typeof(RandomizationListGenerated).GetCustomAttribute<EventTypeAttribute>()!.Alias,
        typeof(RandomizationListExtended).GetCustomAttribute<EventTypeAttribute>()!.Alias,
    ];

    private static readonly string[] Tables =
    [
        "protocols", "protocol_treatments", "protocol_sequences", "randomization_status",
        "pharmacy_allocations", "trial_status", "emergency_unblindings",
    ];

    public string Name => ProjectionName;

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(ProtocolImported), typeof(ProtocolAmended), typeof(RandomizationListGenerated), typeof(RandomizationListExtended),
        typeof(AllocationAssigned), typeof(TrialLocked), typeof(TrialUnlocked), typeof(TrialUnblinded), typeof(EmergencyUnblindingPerformed),
    ];

    public async Task ApplyAsync(ReadModelBatch batch, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var entriesByStream = new Dictionary<string, Dictionary<int, RandomizationEntry>>(StringComparer.Ordinal);
        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case ProtocolImported e:
                    ApplyVersion(batch, stored, e.Code, e.Version, e.DefinitionJson, e.FileSha256, e.ImportedBy, e.ImportedAt);
                    break;
                case ProtocolAmended e:
                    ApplyVersion(batch, stored, e.Code, e.Version, e.DefinitionJson, e.FileSha256, e.AmendedBy, e.AmendedAt);
                    break;
                case RandomizationListGenerated e:
                    Execute(
                        batch,
                        """
                        INSERT INTO randomization_status (protocol_code, stratum, list_size, used_count, extensions, generated_by, generated_at)
                        VALUES ($1, $2, $3, 0, 0, $4, $5)
                        """,
                        ct, e.Protocol.Value, e.Stratum, e.Entries.Count, e.GeneratedBy, e.GeneratedAt);
                    break;
                case RandomizationListExtended e:
                    entriesByStream.Remove(stored.StreamId);
                    Execute(
                        batch,
                        """
                        UPDATE randomization_status SET list_size = list_size + $3, extensions = extensions + 1, last_extended_at = $4
                        WHERE protocol_code = $1 AND stratum = $2
                        """,
                        ct, e.Protocol.Value, e.Stratum, e.AddedEntries.Count, e.ExtendedAt);
                    break;
                case AllocationAssigned e:
                    await ApplyAllocationAsync(batch, stored, e, entriesByStream, ct);
                    break;
                case TrialLocked e:
                    Execute(batch, "UPDATE trial_status SET locked = true, locked_by = $2, locked_at = $3 WHERE protocol_code = $1", ct, e.Protocol.Value, e.LockedBy, e.LockedAt);
                    break;
                case TrialUnlocked e:
                    Execute(
                        batch,
                        "UPDATE trial_status SET locked = false, last_unlocked_by = $2, last_unlocked_at = $3, last_unlock_reason = $4 WHERE protocol_code = $1",
                        ct, e.Protocol.Value, e.UnlockedBy, e.UnlockedAt, e.Reason);
                    break;
                case TrialUnblinded e:
                    Execute(batch, "UPDATE trial_status SET unblinded = true, unblinded_by = $2, unblinded_at = $3 WHERE protocol_code = $1", ct, e.Protocol.Value, e.UnblindedBy, e.UnblindedAt);
                    break;
                case EmergencyUnblindingPerformed e:
                    Execute(
                        batch,
                        """
                        INSERT INTO emergency_unblindings (position, protocol_code, stratum, participant_id, performed_by, performed_at, reason, compromised_periods)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        """,
                        ct, stored.Position, e.Protocol.Value, e.Stratum, e.ParticipantId, e.PerformedBy, e.PerformedAt, e.Reason, e.CompromisedPeriods.ToArray());
                    break;
            }
        }
    }

    public IReadOnlyList<string> ResetStatements { get; } = Tables.Select(table => $"DELETE FROM {table}").ToArray();

    private static void ApplyVersion(
        ReadModelBatch batch,
        StoredEvent stored,
        ProtocolCode code,
        int version,
        string definitionJson,
        string fileSha256,
        string importedBy,
        DateTimeOffset importedAt)
    {
        var protocol = ProtocolFile.Parse(definitionJson).Definition
            ?? throw new InvalidOperationException($"The recorded file of protocol {code} version {version} no longer passes this build's validation.");
        var options = EventTypeRegistry.JsonOptions;
        var sites = JsonSerializer.Serialize(protocol.Sites.Select(s => new { s.Code, s.Name }), options);
        var assessments = JsonSerializer.Serialize(
            protocol.Assessments.Select(a => new
            {
                a.Code,
                a.Label,
                Kind = ProtocolText.Kind(a.Kind),
                a.Scale?.Min,
                a.Scale?.Max,
                a.Scale?.Unit,
                Times = a.Times.Select(t => t.Iso),
            }),
            options);
        var eligibility = JsonSerializer.Serialize(
            new
            {
                Inclusion = protocol.Eligibility.Inclusion.Select(c => new { c.Code, c.Text }),
                Exclusion = protocol.Eligibility.Exclusion.Select(c => new { c.Code, c.Text }),
            },
            options);

        batch.Add(Command(
            """
            INSERT INTO protocols (code, version, title, indication, phase, design, blinding, target_participants, sites, period_count,
                                   washout, washout_duration, assessments, eligibility, sae_report_hours, imported_by, imported_at, file_sha256,
                                   first_imported_at, position)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13::jsonb, $14::jsonb, $15, $16, $17, $18, $17, $19)
            ON CONFLICT (code) DO UPDATE SET
                version = excluded.version, title = excluded.title, indication = excluded.indication, phase = excluded.phase,
                design = excluded.design, blinding = excluded.blinding, target_participants = excluded.target_participants,
                sites = excluded.sites, period_count = excluded.period_count, washout = excluded.washout,
                washout_duration = excluded.washout_duration, assessments = excluded.assessments, eligibility = excluded.eligibility,
                sae_report_hours = excluded.sae_report_hours, imported_by = excluded.imported_by, imported_at = excluded.imported_at,
                file_sha256 = excluded.file_sha256, position = excluded.position
            """,
            code.Value, version, protocol.Title, protocol.Indication, protocol.Phase, ProtocolText.Design(protocol.Design),
            ProtocolText.Blinding(protocol.Blinding), protocol.TargetParticipants, sites, protocol.PeriodCount, protocol.Washout.Iso,
            protocol.Washout.Duration, assessments, eligibility, protocol.Safety.SaeReportHours, importedBy, importedAt, fileSha256,
            stored.Position));
        batch.Add(Command("DELETE FROM protocol_treatments WHERE protocol_code = $1", code.Value));
        batch.Add(Command(
            """
            INSERT INTO protocol_treatments (protocol_code, treatment_code, ordinal, label, placebo, route, dosing)
            SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::boolean[], $6::text[], $7::text[])
            """,
            code.Value,
            protocol.Treatments.Select(t => t.Code).ToArray(),
            Enumerable.Range(1, protocol.Treatments.Count).ToArray(),
            protocol.Treatments.Select(t => t.Label).ToArray(),
            protocol.Treatments.Select(t => t.Placebo).ToArray(),
            protocol.Treatments.Select(t => t.Route).ToArray(),
            protocol.Treatments.Select(ProtocolText.Dosing).ToArray()));
        batch.Add(Command("DELETE FROM protocol_sequences WHERE protocol_code = $1", code.Value));
        var periods = protocol.Sequences.SelectMany(s => s.TreatmentCodes.Select((treatment, index) => (s.Number, Period: index + 1, treatment))).ToArray();
        batch.Add(Command(
            """
            INSERT INTO protocol_sequences (protocol_code, sequence_number, period_number, treatment_code)
            SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[])
            """,
            code.Value,
            periods.Select(p => p.Number).ToArray(),
            periods.Select(p => p.Period).ToArray(),
            periods.Select(p => p.treatment).ToArray()));
        // An amendment may relabel a treatment (a dose change); the pharmacist prepares by the version in force.
        batch.Add(Command(
            """
            UPDATE pharmacy_allocations p SET treatment_label = t.label
            FROM protocol_treatments t
            WHERE p.protocol_code = $1 AND t.protocol_code = p.protocol_code AND t.treatment_code = p.treatment_code
            """,
            code.Value));
        batch.Add(Command(
            "INSERT INTO trial_status (protocol_code, locked, unblinded) VALUES ($1, false, false) ON CONFLICT (protocol_code) DO NOTHING",
            code.Value));
    }

    private static async Task ApplyAllocationAsync(
        ReadModelBatch batch,
        StoredEvent stored,
        AllocationAssigned assigned,
        Dictionary<string, Dictionary<int, RandomizationEntry>> entriesByStream,
        CancellationToken ct)
    {
        if (!entriesByStream.TryGetValue(stored.StreamId, out var entries))
        {
            entries = await ReadListAsync(batch.DataSource, stored.StreamId, stored.Version, ct);
            entriesByStream[stored.StreamId] = entries;
        }

        if (!entries.TryGetValue(assigned.EntryNumber, out var entry))
        {
            throw new InvalidOperationException($"Stream {stored.StreamId} has no list entry {assigned.EntryNumber} before version {stored.Version}.");
        }

        // The pharmacy rows must be one per period of the entry's sequence; the statement fails
        // (and the event is parked, never half-applied) when the recorded protocol disagrees.
        batch.Add(Command(
            """
            WITH inserted AS (
                INSERT INTO pharmacy_allocations (protocol_code, stratum, participant_id, period_number, kit_number, treatment_code, treatment_label,
                                                  sequence_number, entry_number, assigned_by, assigned_at)
                SELECT $1, $2, $3, s.period_number, k.kit, s.treatment_code, t.label, $5, $6, $7, $8
                FROM protocol_sequences s
                JOIN protocol_treatments t ON t.protocol_code = s.protocol_code AND t.treatment_code = s.treatment_code
                JOIN unnest($4::text[]) WITH ORDINALITY AS k(kit, period) ON k.period = s.period_number
                WHERE s.protocol_code = $1 AND s.sequence_number = $5
                RETURNING 1)
            UPDATE randomization_status SET used_count = used_count + 1
            WHERE protocol_code = $1 AND stratum = $2
              AND (SELECT CASE WHEN count(*) = cardinality($4::text[]) THEN true
                               ELSE ('Allocation of ' || $3 || ' in ' || $9 || ' gave ' || count(*) || ' pharmacy rows for ' || cardinality($4::text[]) || ' periods.')::boolean END
                   FROM inserted)
            """,
            assigned.Protocol.Value, assigned.Stratum, assigned.ParticipantId, entry.Kits.Select(k => k.ToString()).ToArray(),
            entry.SequenceNumber, entry.EntryNumber, assigned.AssignedBy, assigned.AssignedAt, stored.StreamId));
    }

    /// <summary>The entries of a list stream as recorded before <paramref name="beforeVersion"/>.</summary>
    private static async Task<Dictionary<int, RandomizationEntry>> ReadListAsync(NpgsqlDataSource dataSource, string streamId, int beforeVersion, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT type, data::text FROM mt_events WHERE stream_id = $1 AND version < $2 AND type = ANY($3) ORDER BY version");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = beforeVersion });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ListEventTypes });
        var entries = new Dictionary<int, RandomizationEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var json = reader.GetString(1);
            var listed = reader.GetString(0) == ListEventTypes[0]
                ? JsonSerializer.Deserialize<RandomizationListGenerated>(json, EventTypeRegistry.JsonOptions)!.Entries
                : JsonSerializer.Deserialize<RandomizationListExtended>(json, EventTypeRegistry.JsonOptions)!.AddedEntries;
            foreach (var entry in listed)
            {
                entries[entry.EntryNumber] = entry;
            }
        }

        return entries;
    }

    private static void Execute(ReadModelBatch batch, string sql, CancellationToken ct, params object[] values) => batch.Add(Command(sql, values));

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    private static NpgsqlParameter Parameter(object value) => value switch
    {
        DateTimeOffset time => new NpgsqlParameter<DateTimeOffset> { TypedValue = time.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
        _ => new NpgsqlParameter { Value = value },
    };
}
