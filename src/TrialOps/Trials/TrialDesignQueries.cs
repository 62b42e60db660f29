using System.Text.Json;
using Npgsql;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Messaging;

namespace TrialOps.Trials;

/// <summary>
/// Reads of the trial-design read models for a viewer. Every method takes the viewer and applies
/// <see cref="BlindingPolicy"/> itself, so that no page, API or export can get treatment identity
/// for a blinded role by forgetting a check: blinded viewers get views without treatments, and the
/// allocation methods refuse them (<see cref="BlindedAccessRefusedException"/>) before any
/// unblinded table is read. Unknown roles count as blinded.
/// </summary>
public sealed class TrialDesignQueries(NpgsqlDataSource dataSource)
{
    private const string SummaryColumns =
        "code, version, title, indication, phase, blinding, target_participants, sites::text, period_count, washout, imported_by, imported_at, file_sha256";

    /// <summary>Every protocol's version in force, by code. Never any treatment.</summary>
    public async Task<IReadOnlyList<ProtocolSummary>> ListProtocolsAsync(Actor viewer, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {SummaryColumns} FROM protocols ORDER BY code");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<ProtocolSummary>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(ReadSummary(reader));
        }

        return result;
    }

    /// <summary>
    /// The protocol in force; <see cref="ProtocolView.Treatments"/> and <see cref="ProtocolView.Sequences"/>
    /// only for a viewer who may see treatment identity (the Pharmacist; the Statistician after trial unblinding).
    /// </summary>
    public async Task<ProtocolView?> GetProtocolAsync(string code, Actor viewer, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        ProtocolSummary summary;
        string assessmentsJson;
        string eligibilityJson;
        int saeReportHours;
        await using (var command = new NpgsqlCommand($"SELECT {SummaryColumns}, assessments::text, eligibility::text, sae_report_hours FROM protocols WHERE code = $1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            summary = ReadSummary(reader);
            assessmentsJson = reader.GetString(13);
            eligibilityJson = reader.GetString(14);
            saeReportHours = reader.GetInt32(15);
        }

        var assessments = JsonSerializer.Deserialize<AssessmentView[]>(assessmentsJson, EventTypeRegistry.JsonOptions)!;
        var eligibility = JsonSerializer.Deserialize<EligibilityJson>(eligibilityJson, EventTypeRegistry.JsonOptions)!;
        IReadOnlyList<TreatmentView>? treatments = null;
        IReadOnlyList<SequenceView>? sequences = null;
        if (!BlindingPolicy.IsBlinded(viewer.Role, await IsUnblindedAsync(connection, code, ct)))
        {
            treatments = await ReadTreatmentsAsync(connection, code, ct);
            sequences = await ReadSequencesAsync(connection, code, ct);
        }

        return new ProtocolView(summary, assessments, eligibility.Inclusion, eligibility.Exclusion, saeReportHours, treatments, sequences);
    }

    /// <summary>List size, use and extensions per stratum: counts only, for every role, of the strata of the viewer's sites.</summary>
    public async Task<IReadOnlyList<StratumStatus>> GetRandomizationStatusAsync(string code, Actor viewer, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT protocol_code, stratum, list_size, used_count, extensions FROM randomization_status WHERE protocol_code = $1 ORDER BY stratum");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<StratumStatus>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(new StratumStatus(reader.GetString(0), reader.GetString(1), true, reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        // A site's list counts that site's participants; the trial-wide list counts everyone's (ADR 0010).
        return result.Where(s => Participants.SiteRules.MayReachStratum(viewer.Access, s.Stratum)).ToArray();
    }

    /// <summary>Lock, unblinding and emergency code breaks (none of which names a treatment), for every role.</summary>
    public async Task<TrialStatusView?> GetTrialStatusAsync(string code, Actor viewer, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var breaks = new List<EmergencyUnblindingView>();
        await using (var command = new NpgsqlCommand(
            "SELECT stratum, participant_id, performed_by, performed_at, reason, compromised_periods FROM emergency_unblindings WHERE protocol_code = $1 ORDER BY position",
            connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (!Participants.SiteRules.MayReach(viewer, reader.GetString(1)))
                {
                    continue;
                }

                breaks.Add(new EmergencyUnblindingView(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetFieldValue<int[]>(5)));
            }
        }

        await using (var command = new NpgsqlCommand(
            """
            SELECT locked, locked_by, locked_at, last_unlocked_by, last_unlocked_at, last_unlock_reason, unblinded, unblinded_by, unblinded_at
            FROM trial_status WHERE protocol_code = $1
            """,
            connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            return new TrialStatusView(
                code,
                reader.GetBoolean(0),
                NullableString(reader, 1),
                NullableTime(reader, 2),
                NullableString(reader, 3),
                NullableTime(reader, 4),
                NullableString(reader, 5),
                reader.GetBoolean(6),
                NullableString(reader, 7),
                NullableTime(reader, 8),
                breaks);
        }
    }

    /// <summary>True when the viewer's role may see treatment identity for this trial now.</summary>
    public async Task<bool> MaySeeTreatmentsAsync(string code, Actor viewer, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return !BlindingPolicy.IsBlinded(viewer.Role, await IsUnblindedAsync(connection, code, ct));
    }

    /// <summary>Every randomized participant's periods with kit and treatment: the pharmacist's list.</summary>
    /// <exception cref="BlindedAccessRefusedException">The viewer is blinded.</exception>
    public async Task<IReadOnlyList<PharmacyAllocation>> GetPharmacyAllocationsAsync(string code, Actor viewer, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (BlindingPolicy.IsBlinded(viewer.Role, await IsUnblindedAsync(connection, code, ct)))
        {
            throw BlindedAccessRefusedException.ForAllocations(viewer.Role);
        }

        return (await ReadAllocationsAsync(connection, code, null, ct)).Where(a => Participants.SiteRules.MayReach(viewer, a.ParticipantId)).ToArray();
    }

    /// <summary>
    /// One participant's allocation: for the Pharmacist, the Statistician after trial unblinding,
    /// and the Investigator who broke this participant's blind in an emergency.
    /// </summary>
    /// <exception cref="BlindedAccessRefusedException">The viewer may not see this participant's allocation.</exception>
    public async Task<ParticipantAllocationView?> GetParticipantAllocationAsync(string code, string participantId, Actor viewer, CancellationToken ct = default)
    {
        if (!Participants.SiteRules.MayReach(viewer, participantId))
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var permitted = !BlindingPolicy.IsBlinded(viewer.Role, await IsUnblindedAsync(connection, code, ct))
            || (viewer.Role == Roles.Investigator && await BrokeBlindAsync(connection, code, participantId, viewer.UserId, ct));
        if (!permitted)
        {
            throw BlindedAccessRefusedException.ForParticipant(viewer.Role);
        }

        var rows = await ReadAllocationsAsync(connection, code, participantId, ct);
        return rows.Count == 0
            ? null
            : new ParticipantAllocationView(
                code,
                rows[0].Stratum,
                participantId,
                rows[0].EntryNumber,
                rows[0].SequenceNumber,
                rows.Select(r => new PeriodAllocation(r.PeriodNumber, r.KitNumber, r.TreatmentCode, r.TreatmentLabel)).ToArray());
    }

    private static async Task<bool> IsUnblindedAsync(NpgsqlConnection connection, string code, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT unblinded FROM trial_status WHERE protocol_code = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        return await command.ExecuteScalarAsync(ct) is true;
    }

    private static async Task<bool> BrokeBlindAsync(NpgsqlConnection connection, string code, string participantId, string userId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM emergency_unblindings WHERE protocol_code = $1 AND participant_id = $2 AND performed_by = $3)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = participantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        return await command.ExecuteScalarAsync(ct) is true;
    }

    private static async Task<IReadOnlyList<PharmacyAllocation>> ReadAllocationsAsync(NpgsqlConnection connection, string code, string? participantId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT protocol_code, stratum, participant_id, period_number, kit_number, treatment_code, treatment_label, sequence_number, entry_number
            FROM pharmacy_allocations
            WHERE protocol_code = $1 AND ($2::text IS NULL OR participant_id = $2)
            ORDER BY participant_id, period_number
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)participantId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<PharmacyAllocation>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(new PharmacyAllocation(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetInt32(7), reader.GetInt32(8)));
        }

        return result;
    }

    private static async Task<IReadOnlyList<TreatmentView>> ReadTreatmentsAsync(NpgsqlConnection connection, string code, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT treatment_code, label, placebo, route, dosing FROM protocol_treatments WHERE protocol_code = $1 ORDER BY ordinal", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<TreatmentView>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(new TreatmentView(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3), reader.GetString(4)));
        }

        return result;
    }

    private static async Task<IReadOnlyList<SequenceView>> ReadSequencesAsync(NpgsqlConnection connection, string code, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT sequence_number, array_agg(treatment_code ORDER BY period_number)
            FROM protocol_sequences WHERE protocol_code = $1 GROUP BY sequence_number ORDER BY sequence_number
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<SequenceView>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(new SequenceView(reader.GetInt32(0), reader.GetFieldValue<string[]>(1)));
        }

        return result;
    }

    private static ProtocolSummary ReadSummary(NpgsqlDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetInt32(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            reader.GetInt32(6),
            JsonSerializer.Deserialize<SiteView[]>(reader.GetString(7), EventTypeRegistry.JsonOptions)!,
            reader.GetInt32(8),
            reader.GetString(9),
            reader.GetString(10),
            reader.GetFieldValue<DateTimeOffset>(11),
            reader.GetString(12));

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private sealed record EligibilityJson(CriterionView[] Inclusion, CriterionView[] Exclusion);
}
