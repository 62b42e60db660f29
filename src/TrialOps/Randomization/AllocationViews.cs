using System.Security.Cryptography;
using Npgsql;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Runtime;

namespace TrialOps.Randomization;

/// <summary>
/// The randomization lists and allocations as a viewer may see them: list sizes and use (counts
/// only, for every role, of the viewer's sites' strata); the pharmacist's allocations; one
/// participant's allocation for the roles that may see it (the Pharmacist, the Statistician after
/// trial unblinding, the Investigator who broke this participant's blind); and the reproduction of a
/// list from its sealed seed. Allocation methods refuse a blinded viewer
/// (<see cref="BlindedAccessRefusedException"/>) before any unblinded table or stream is read.
/// </summary>
public sealed class AllocationViews(TrialOpsRuntime runtime)
{
    private readonly NpgsqlDataSource dataSource = runtime.DataSource;
    private readonly ProtocolHistory _history = new(runtime.Store);

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

    /// <summary>Every randomized participant's periods with kit and treatment: the pharmacist's list.</summary>
    /// <exception cref="BlindedAccessRefusedException">The viewer is blinded.</exception>
    public async Task<IReadOnlyList<PharmacyAllocation>> GetPharmacyAllocationsAsync(string code, Actor viewer, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (BlindingPolicy.IsBlinded(viewer.Role, await ProtocolViews.IsUnblindedAsync(connection, code, ct)))
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
        var permitted = !BlindingPolicy.IsBlinded(viewer.Role, await ProtocolViews.IsUnblindedAsync(connection, code, ct))
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

    /// <summary>Size and use of each stratum's list, read from the streams (counts only: they reveal no arm); with <paramref name="access"/>, of its sites' strata only (ADR 0010).</summary>
    public async Task<IReadOnlyList<StratumStatus>> GetRandomizationListStatusAsync(string code, CancellationToken ct = default, SiteAccess? access = null)
    {
        var current = await _history.CurrentAsync(code, ct);
        if (current is null)
        {
            return [];
        }

        var result = new List<StratumStatus>();
        foreach (var stratum in await _history.KnownStrataAsync(current.Definition.Code, ct))
        {
            if (access is not null && !Participants.SiteRules.MayReachStratum(access, stratum))
            {
                continue;
            }

            var events = await runtime.Store.ReadStreamAsync(RandomizationStreams.For(current.Definition.Code, stratum), null, ct);
            var state = RandomizationListState.From(events.Select(e => e.Data));
            result.Add(new StratumStatus(
                current.Definition.Code.Value,
                stratum,
                state.Exists,
                state.EntryCount,
                state.EntryByParticipant.Count,
                events.Count(e => e.Data is RandomizationListExtended)));
        }

        return result;
    }

    /// <summary>
    /// Regenerates a stratum's whole list (generated plus extensions) from its unsealed seed and
    /// compares the hash with the recorded one: what an inspector holding the key checks.
    /// </summary>
    /// <exception cref="CryptographicException">This installation's key does not open the list's seed.</exception>
    public async Task<ListReproduction?> ReproduceRandomizationListAsync(string code, string stratum, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(code, out var protocolCode))
        {
            return null;
        }

        var streamId = RandomizationStreams.For(protocolCode, stratum);
        var state = RandomizationListState.From((await runtime.Store.ReadStreamAsync(streamId, null, ct)).Select(e => e.Data));
        if (state is not { Exists: true, Parameters: { } parameters, SealedSeed: { } sealedSeed, ListHash: { } recordedHash })
        {
            return null;
        }

        var seed = runtime.SeedSealer.Unseal(sealedSeed, streamId);
        var regenerated = RandomizationListGenerator.Generate(stratum, parameters.SequenceCount, parameters.PeriodCount, parameters.BlockSizes, seed, state.EntryCount);
        var reproducedHash = RandomizationListGenerator.ListHash(regenerated.Entries);
        return new ListReproduction(code, stratum, state.EntryCount, regenerated.Entries.Count, recordedHash, reproducedHash);
    }

    /// <summary>
    /// The allocation of a participant whose blind <paramref name="investigator"/> broke, read from
    /// the randomization stream (so it is there the moment the code break commits).
    /// </summary>
    /// <exception cref="BlindedAccessRefusedException">The viewer did not break this participant's blind.</exception>
    public async Task<ParticipantAllocationView> RevealEmergencyAllocationAsync(string code, string participantId, Actor investigator, CancellationToken ct = default)
    {
        var current = await _history.CurrentAsync(code, ct) ?? throw BlindedAccessRefusedException.ForParticipant(investigator.Role);
        if (!Participants.SiteRules.MayReach(investigator, participantId))
        {
            throw BlindedAccessRefusedException.ForParticipant(investigator.Role);
        }

        var protocolCode = current.Definition.Code;
        foreach (var stratum in await _history.KnownStrataAsync(protocolCode, ct))
        {
            var events = await runtime.Store.ReadStreamAsync(RandomizationStreams.For(protocolCode, stratum), null, ct);
            var broken = events.Any(e => e.Data is EmergencyUnblindingPerformed performed
                && performed.ParticipantId == participantId
                && performed.PerformedBy == investigator.UserId
                && e.Metadata.ActorRole == Roles.Investigator
                && investigator.Role == Roles.Investigator);
            if (!broken)
            {
                continue;
            }

            var allocation = RandomizationListEntries.AllocationOf(events.Select(e => e.Data), participantId)!;
            var codes = allocation.TreatmentCodes(current.Definition);
            return new ParticipantAllocationView(
                protocolCode.Value,
                stratum,
                participantId,
                allocation.EntryNumber,
                allocation.SequenceNumber,
                codes.Select((treatment, i) => new PeriodAllocation(i + 1, allocation.Kits[i].ToString(), treatment, current.Definition.Treatment(treatment).Label)).ToArray());
        }

        throw BlindedAccessRefusedException.ForParticipant(investigator.Role);
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
}

/// <summary>The outcome of regenerating a list from its seed; <see cref="Matches"/> is the inspector's answer.</summary>
public sealed record ListReproduction(string ProtocolCode, string Stratum, int RecordedEntries, int ReproducedEntries, string RecordedHash, string ReproducedHash)
{
    public bool Matches => RecordedEntries == ReproducedEntries && RecordedHash == ReproducedHash;
}
