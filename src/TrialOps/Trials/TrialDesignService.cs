using System.Security.Cryptography;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Trials;

/// <summary>
/// Reads of trial design for code that needs whole definitions: the protocol versions, list use
/// and reproduction from the seed, and the allocation an investigator's code break revealed.
/// Commands (import, lists, lock, unblinding) are sent through Wolverine to their handlers beside
/// their deciders (<see cref="ImportProtocolFile"/>, <see cref="LockTrial"/> …).
/// </summary>
/// <remarks>
/// <see cref="GetProtocolAsync(string, CancellationToken)"/> and the version look-ups return the
/// whole definition, treatments included: they are for code that needs it (dose calculation,
/// exports, the operator's CLI). Anything shown to a person goes through
/// <see cref="TrialDesignQueries"/>, which applies <see cref="BlindingPolicy"/>.
/// </remarks>
public sealed class TrialDesignService(TrialOpsRuntime runtime)
{
    private readonly ProtocolHistory _history = new(runtime.Store);

    public TrialDesignQueries Queries { get; } = new(runtime.DataSource);

    /// <summary>The definition of the version in force, or null when the code was never imported.</summary>
    public async Task<ProtocolDefinition?> GetProtocolAsync(string code, CancellationToken ct = default) =>
        (await ReadCurrentAsync(code, ct))?.Definition;

    /// <summary>Every version of the protocol in the order imported, with who imported it, when, and the file SHA-256.</summary>
    public Task<IReadOnlyList<ProtocolVersionRecord>> GetProtocolVersionsAsync(string code, CancellationToken ct = default) =>
        _history.VersionsAsync(code, ct);

    /// <summary>
    /// The version in force at a server time: the last one recorded at or before it. Data recorded
    /// at that time belongs to this version (DOMAIN.md: protocol amendment). Null before the first import.
    /// </summary>
    public async Task<ProtocolVersionRecord?> GetProtocolInForceAsync(string code, DateTimeOffset at, CancellationToken ct = default) =>
        (await GetProtocolVersionsAsync(code, ct)).LastOrDefault(v => v.RecordedAt <= at);

    /// <summary>The version in force for an event at a global position: the last one recorded at a lower or equal position.</summary>
    public async Task<ProtocolVersionRecord?> GetProtocolInForceAtPositionAsync(string code, long position, CancellationToken ct = default) =>
        (await GetProtocolVersionsAsync(code, ct)).LastOrDefault(v => v.Position <= position);

    /// <summary>Size and use of each stratum's list, read from the streams (counts only: they reveal no arm); with <paramref name="access"/>, of its sites' strata only (ADR 0010).</summary>
    public async Task<IReadOnlyList<StratumStatus>> GetRandomizationListStatusAsync(string code, CancellationToken ct = default, SiteAccess? access = null)
    {
        var current = await ReadCurrentAsync(code, ct);
        if (current is null)
        {
            return [];
        }

        var result = new List<StratumStatus>();
        foreach (var stratum in await KnownStrataAsync(current.Definition.Code, ct))
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
        var current = await ReadCurrentAsync(code, ct) ?? throw BlindedAccessRefusedException.ForParticipant(investigator.Role);
        if (!Participants.SiteRules.MayReach(investigator, participantId))
        {
            throw BlindedAccessRefusedException.ForParticipant(investigator.Role);
        }

        var protocolCode = current.Definition.Code;
        foreach (var stratum in await KnownStrataAsync(protocolCode, ct))
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

    private async Task<ProtocolVersionRecord?> ReadCurrentAsync(string code, CancellationToken ct) =>
        (await GetProtocolVersionsAsync(code, ct)).LastOrDefault();

    private Task<IReadOnlyList<string>> KnownStrataAsync(ProtocolCode code, CancellationToken ct) =>
        _history.KnownStrataAsync(code, ct);
}

/// <summary>The outcome of regenerating a list from its seed; <see cref="Matches"/> is the inspector's answer.</summary>
public sealed record ListReproduction(string ProtocolCode, string Stratum, int RecordedEntries, int ReproducedEntries, string RecordedHash, string ReproducedHash)
{
    public bool Matches => RecordedEntries == ReproducedEntries && RecordedHash == ReproducedHash;
}
