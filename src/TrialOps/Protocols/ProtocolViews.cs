using System.Text.Json;
using Npgsql;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Runtime;

namespace TrialOps.Protocols;

/// <summary>
/// The protocols, their lock and unblinding status and their code breaks as a viewer may see them
/// (the read model of <see cref="TrialDesignProjection"/>). Every method takes the viewer and applies
/// <see cref="BlindingPolicy"/> itself, so that no page, API, CLI or export can get treatment identity
/// for a blinded role by forgetting a check: blinded viewers get views without treatments. Unknown
/// roles count as blinded.
/// </summary>
public sealed class ProtocolViews(TrialOpsRuntime runtime)
{
    private readonly NpgsqlDataSource dataSource = runtime.DataSource;

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

        // Lock and unblinding come from the protocol's stream itself, not from the read model: the
        // page that has just locked or unlocked must show the new state, not the state before.
        if (!ProtocolCode.TryParse(code, out var protocol))
        {
            return null;
        }

        var events = await runtime.Store.ReadStreamAsync(ProtocolStreams.For(protocol), null, ct);
        if (events.Count == 0)
        {
            return null;
        }

        if (breaks.Count > 0)
        {
            breaks = await WithSignaturesAsync(connection, protocol, breaks, ct);
        }

        var status = new TrialStatusView(protocol.Value, false, null, null, null, null, null, false, null, null, breaks);
        var signatures = Signatures.SignatureHistory.Of(events);
        foreach (var stored in events)
        {
            var signature = Signatures.SignatureHistory.ForVersion(signatures, stored.Version);
            status = stored.Data switch
            {
                Blinding.TrialLocked e => status with { Locked = true, LockedBy = e.LockedBy, LockedAt = e.LockedAt, LockSignature = signature, LockChecklist = e.Checklist },
                Blinding.TrialUnlocked e => status with
                {
                    Locked = false, LastUnlockedBy = e.UnlockedBy, LastUnlockedAt = e.UnlockedAt, LastUnlockReason = e.Reason, UnlockSignature = signature,
                },
                Blinding.TrialUnblinded e => status with { Unblinded = true, UnblindedBy = e.UnblindedBy, UnblindedAt = e.UnblindedAt, UnblindSignature = signature },
                _ => status,
            };
        }

        return status;
    }

    /// <summary>
    /// The code breaks with their signatures (ADR 0023), read from the lists' streams by event type
    /// only: no list entry is read. A code break's event never changes, so its signature stays
    /// current (later events of the list are other participants' allocations).
    /// </summary>
    private async Task<List<EmergencyUnblindingView>> WithSignaturesAsync(NpgsqlConnection connection, ProtocolCode protocol, List<EmergencyUnblindingView> breaks, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT data::text FROM {EventStore.EventStore.EventsView} events WHERE stream_id LIKE $1 AND type = $2 ORDER BY position", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"randomization-{protocol}-%" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runtime.Registry.AliasOf(typeof(Signatures.RecordSigned)) });
        var signatures = new List<Signatures.RecordSigned>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                signatures.Add((Signatures.RecordSigned)runtime.Registry.Deserialize(runtime.Registry.AliasOf(typeof(Signatures.RecordSigned)), reader.GetString(0)));
            }
        }

        return breaks.Select(b => signatures.LastOrDefault(s => (s.SignedAt - b.PerformedAt).Duration() < TimeSpan.FromMilliseconds(1) && s.SignedBy == b.PerformedBy
                && s.SignedStream == Randomization.RandomizationStreams.For(protocol, b.Stratum)) is { } signed
            ? b with { Signature = new Signatures.SignatureView(signed.SignedStream, signed.SignedVersion, signed.SignedBy, signed.PrintedName, signed.Role, signed.Meaning, signed.Action, signed.SignedAt, true, null) }
            : b).ToList();
    }

    /// <summary>True when the viewer's role may see treatment identity for this trial now.</summary>
    public async Task<bool> MaySeeTreatmentsAsync(string code, Actor viewer, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return !BlindingPolicy.IsBlinded(viewer.Role, await IsUnblindedAsync(connection, code, ct));
    }

    /// <summary>Whether the trial has been unblinded for analysis (read in the caller's connection).</summary>
    internal static async Task<bool> IsUnblindedAsync(NpgsqlConnection connection, string code, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT unblinded FROM trial_status WHERE protocol_code = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        return await command.ExecuteScalarAsync(ct) is true;
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



    private sealed record EligibilityJson(CriterionView[] Inclusion, CriterionView[] Exclusion);
}
