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
/// The one entry point for trial design — protocol import and amendment, randomization lists,
/// database lock and unblinding — used by the CLI, the web app and the demo generator. Each
/// command method loads the streams it needs, runs the pure decider and appends through the
/// executor (one transaction, idempotent by command id). The overloads taking a
/// <see cref="CommandContext"/> let a caller reuse a command id across retries (a form's hidden
/// field); the others start a new command.
/// </summary>
/// <remarks>
/// <see cref="GetProtocolAsync(string, CancellationToken)"/> and the version look-ups return the
/// whole definition, treatments included: they are for code that needs it (dose calculation,
/// exports, the operator's CLI). Anything shown to a person goes through
/// <see cref="TrialDesignQueries"/>, which applies <see cref="BlindingPolicy"/>.
/// </remarks>
public sealed class TrialDesignService(TrialOpsRuntime runtime, ISeedSealer sealer)
{
    public TrialDesignQueries Queries { get; } = new(runtime.DataSource);

    public Task<ProtocolImportOutcome> ImportProtocolAsync(byte[] file, Actor actor, CancellationToken ct = default) =>
        ImportProtocolAsync(file, CommandContext.New(actor), ct);

    /// <summary>
    /// Validates the file (problems: nothing stored), then imports or amends the protocol and
    /// generates the missing randomization lists in the same command (<see cref="SetUpTrial"/>).
    /// </summary>
    public async Task<ProtocolImportOutcome> ImportProtocolAsync(byte[] file, CommandContext context, CancellationToken ct = default)
    {
        var (import, parse) = ImportProtocol.FromFile(file, context.Actor);
        if (import is null)
        {
            return ProtocolImportOutcome.Invalid(parse.ProblemLines);
        }

        var command = SetUpTrial.Create(import, sealer);
        var code = import.Definition.Code;
        TrialSetupDecision? setup = null;
        var result = await runtime.Executor.ExecuteAsync(context, command.StreamIds, (streams, now) =>
        {
            var lists = command.Lists.ToDictionary(l => l.Stratum, l => RandomizationListState.From(streams.Data(l.StreamId)), StringComparer.Ordinal);
            setup = SetUpTrial.Decide(ProtocolState.From(streams.Data(import.StreamId)), lists, command, now);
            return setup.Decision;
        }, ct);

        var status = result.Duplicate ? ProtocolImportStatus.AlreadyImported
            : result.Accepted ? setup!.Status
            : ProtocolImportStatus.Rejected;
        return new ProtocolImportOutcome(
            status,
            code.Value,
            import.Definition.Version,
            import.FileSha256,
            [],
            result.Rejection,
            result.Accepted && !result.Duplicate ? setup!.GeneratedLists : [],
            result.Accepted && !result.Duplicate ? setup!.StrataWithoutList : [],
            result);
    }

    /// <summary>
    /// Generates the lists a Coordinator still owes the version in force (after an Administrator
    /// imported it). Accepted with nothing written when every stratum has its list.
    /// </summary>
    public async Task<CommandResult> GenerateMissingRandomizationListsAsync(string code, Actor actor, CancellationToken ct = default)
    {
        var context = CommandContext.New(actor);
        var current = await ReadCurrentAsync(code, ct);
        if (current is null)
        {
            return NotFound(context, code);
        }

        var protocol = current.Definition;
        var lists = Strata.For(protocol).Select(s => GenerateRandomizationList.Create(protocol, s, SetUpTrial.ListLength(protocol), sealer, actor)).ToArray();
        return await runtime.Executor.ExecuteAsync(context, lists.Select(l => l.StreamId).ToArray(), (streams, now) =>
        {
            if (actor.Role != Roles.Coordinator)
            {
                return Decision.Reject(RejectionCodes.NotPermitted, "Only a Coordinator can have a randomization list generated.");
            }

            var decision = Decision.None;
            foreach (var list in lists)
            {
                var state = RandomizationListState.From(streams.Data(list.StreamId));
                if (state.Exists)
                {
                    continue;
                }

                var listDecision = GenerateRandomizationList.Decide(state, list, now);
                if (listDecision.IsRejected)
                {
                    return listDecision;
                }

                decision = decision.And(list.StreamId, listDecision.Events.Single().Data);
            }

            return decision;
        }, ct);
    }

    /// <summary>The definition of the version in force, or null when the code was never imported.</summary>
    public async Task<ProtocolDefinition?> GetProtocolAsync(string code, CancellationToken ct = default) =>
        (await ReadCurrentAsync(code, ct))?.Definition;

    /// <summary>Every version of the protocol in the order imported, with who imported it, when, and the file SHA-256.</summary>
    public async Task<IReadOnlyList<ProtocolVersionRecord>> GetProtocolVersionsAsync(string code, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(code, out var protocolCode))
        {
            return [];
        }

        var events = await runtime.Store.ReadStreamAsync(ProtocolStreams.For(protocolCode), null, ct);
        var versions = new List<ProtocolVersionRecord>();
        foreach (var stored in events)
        {
            var record = stored.Data switch
            {
                ProtocolImported e => new ProtocolVersionRecord(e.Code, e.Version, e.FileSha256, e.ImportedBy, stored.RecordedAt, stored.Position, ParseStored(e.Code, e.Version, e.DefinitionJson)),
                ProtocolAmended e => new ProtocolVersionRecord(e.Code, e.Version, e.FileSha256, e.AmendedBy, stored.RecordedAt, stored.Position, ParseStored(e.Code, e.Version, e.DefinitionJson)),
                _ => null,
            };
            if (record is not null)
            {
                versions.Add(record);
            }
        }

        return versions;
    }

    /// <summary>
    /// The version in force at a server time: the last one recorded at or before it. Data recorded
    /// at that time belongs to this version (DOMAIN.md: protocol amendment). Null before the first import.
    /// </summary>
    public async Task<ProtocolVersionRecord?> GetProtocolInForceAsync(string code, DateTimeOffset at, CancellationToken ct = default) =>
        (await GetProtocolVersionsAsync(code, ct)).LastOrDefault(v => v.RecordedAt <= at);

    /// <summary>The version in force for an event at a global position: the last one recorded at a lower or equal position.</summary>
    public async Task<ProtocolVersionRecord?> GetProtocolInForceAtPositionAsync(string code, long position, CancellationToken ct = default) =>
        (await GetProtocolVersionsAsync(code, ct)).LastOrDefault(v => v.Position <= position);

    /// <summary>Size and use of each stratum's list, read from the streams (counts only: they reveal no arm).</summary>
    public async Task<IReadOnlyList<StratumStatus>> GetRandomizationListStatusAsync(string code, CancellationToken ct = default)
    {
        var current = await ReadCurrentAsync(code, ct);
        if (current is null)
        {
            return [];
        }

        var result = new List<StratumStatus>();
        foreach (var stratum in await KnownStrataAsync(current.Definition.Code, ct))
        {
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

    public Task<CommandResult> ExtendRandomizationListAsync(string code, string stratum, int additional, Actor actor, string reason, CancellationToken ct = default) =>
        ExtendRandomizationListAsync(CommandContext.New(actor, reason), code, stratum, additional, ct);

    /// <summary>
    /// Extends a stratum's list by at least <paramref name="additional"/> entries: the seed is
    /// unsealed inside the command, the decider checks it reproduces the recorded list, and the new
    /// entries continue the seed's streams. The reason is <see cref="CommandContext.Reason"/>.
    /// </summary>
    public async Task<CommandResult> ExtendRandomizationListAsync(CommandContext context, string code, string stratum, int additional, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(code, out var protocolCode))
        {
            return NotFound(context, code);
        }

        var streamId = RandomizationStreams.For(protocolCode, stratum);
        var reason = context.Reason ?? "";
        return await runtime.Executor.ExecuteAsync(context, [streamId], (streams, now) =>
        {
            var state = RandomizationListState.From(streams.Data(streamId));
            ExtendRandomizationList command;
            try
            {
                // Only a Coordinator's command unseals the seed; the decider refuses everyone else first.
                command = context.Actor.Role == Roles.Coordinator
                    ? ExtendRandomizationList.Create(state, protocolCode, stratum, additional, reason, sealer, context.Actor)
                    : new ExtendRandomizationList(protocolCode, stratum, additional, reason, [], context.Actor);
            }
            catch (CryptographicException)
            {
                return Decision.Reject(
                    "randomization.seed-key-mismatch",
                    $"The seed-sealing key of this installation does not open the seed of stratum {stratum}: it is not the key the list was generated with. Nothing was extended.");
            }

            return ExtendRandomizationList.Decide(state, command, now);
        }, ct);
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

        var seed = sealer.Unseal(sealedSeed, streamId);
        var regenerated = RandomizationListGenerator.Generate(stratum, parameters.SequenceCount, parameters.PeriodCount, parameters.BlockSizes, seed, state.EntryCount);
        var reproducedHash = RandomizationListGenerator.ListHash(regenerated.Entries);
        return new ListReproduction(code, stratum, state.EntryCount, regenerated.Entries.Count, recordedHash, reproducedHash);
    }

    public Task<CommandResult> BreakBlindAsync(string code, string participantId, string reason, bool signatureVerified, Actor actor, CancellationToken ct = default) =>
        BreakBlindAsync(CommandContext.New(actor, reason), code, participantId, signatureVerified, ct);

    /// <summary>
    /// Emergency unblinding of one participant (Investigator, reason, password re-entry verified
    /// by the caller). Finds the participant's stratum among the protocol's lists inside the
    /// command. The investigator then reads the allocation with <see cref="RevealEmergencyAllocationAsync"/>.
    /// </summary>
    public async Task<CommandResult> BreakBlindAsync(CommandContext context, string code, string participantId, bool signatureVerified, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(code, out var protocolCode) || await ReadCurrentAsync(code, ct) is null)
        {
            return NotFound(context, code);
        }

        var strata = await KnownStrataAsync(protocolCode, ct);
        var streamIds = strata.Select(s => RandomizationStreams.For(protocolCode, s)).ToArray();
        return await runtime.Executor.ExecuteAsync(context, streamIds, (streams, now) =>
        {
            var (stratum, state) = (strata[0], RandomizationListState.Initial);
            foreach (var candidate in strata)
            {
                var candidateState = RandomizationListState.From(streams.Data(RandomizationStreams.For(protocolCode, candidate)));
                if (candidateState.EntryByParticipant.ContainsKey(participantId))
                {
                    (stratum, state) = (candidate, candidateState);
                    break;
                }
            }

            return BreakBlindInEmergency.Decide(state, new BreakBlindInEmergency(protocolCode, stratum, participantId, context.Reason ?? "", signatureVerified, context.Actor), now);
        }, ct);
    }

    /// <summary>
    /// The allocation of a participant whose blind <paramref name="investigator"/> broke, read from
    /// the randomization stream (so it is there the moment the code break commits).
    /// </summary>
    /// <exception cref="BlindedAccessRefusedException">The viewer did not break this participant's blind.</exception>
    public async Task<ParticipantAllocationView> RevealEmergencyAllocationAsync(string code, string participantId, Actor investigator, CancellationToken ct = default)
    {
        var current = await ReadCurrentAsync(code, ct) ?? throw BlindedAccessRefusedException.ForParticipant(investigator.Role);
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

    public Task<CommandResult> LockTrialAsync(string code, bool signatureVerified, Actor actor, CancellationToken ct = default) =>
        LockTrialAsync(CommandContext.New(actor), code, signatureVerified, ct);

    /// <summary>Locks the trial database (Coordinator or Investigator, signed).</summary>
    public Task<CommandResult> LockTrialAsync(CommandContext context, string code, bool signatureVerified, CancellationToken ct = default) =>
        OnProtocolAsync(context, code, protocol => (state, now) => LockTrial.Decide(state, new LockTrial(protocol, signatureVerified, context.Actor), now), ct);

    public Task<CommandResult> UnlockTrialAsync(string code, string reason, bool signatureVerified, Actor actor, CancellationToken ct = default) =>
        UnlockTrialAsync(CommandContext.New(actor, reason), code, signatureVerified, ct);

    /// <summary>Lifts the database lock (Coordinator or Investigator, signed) for <see cref="CommandContext.Reason"/>.</summary>
    public Task<CommandResult> UnlockTrialAsync(CommandContext context, string code, bool signatureVerified, CancellationToken ct = default) =>
        OnProtocolAsync(context, code, protocol => (state, now) => UnlockTrial.Decide(state, new UnlockTrial(protocol, context.Reason ?? "", signatureVerified, context.Actor), now), ct);

    public Task<CommandResult> UnblindTrialAsync(string code, bool signatureVerified, Actor actor, CancellationToken ct = default) =>
        UnblindTrialAsync(CommandContext.New(actor), code, signatureVerified, ct);

    /// <summary>Unblinds the whole trial for analysis (Statistician, signed, only after lock).</summary>
    public Task<CommandResult> UnblindTrialAsync(CommandContext context, string code, bool signatureVerified, CancellationToken ct = default) =>
        OnProtocolAsync(context, code, protocol => (state, now) => UnblindTrial.Decide(state, new UnblindTrial(protocol, signatureVerified, context.Actor), now), ct);

    private async Task<CommandResult> OnProtocolAsync(
        CommandContext context,
        string code,
        Func<ProtocolCode, Func<ProtocolState, DateTimeOffset, Decision>> decide,
        CancellationToken ct)
    {
        if (!ProtocolCode.TryParse(code, out var protocolCode))
        {
            return NotFound(context, code);
        }

        var streamId = ProtocolStreams.For(protocolCode);
        var decideFor = decide(protocolCode);
        return await runtime.Executor.ExecuteAsync(context, [streamId], (streams, now) => decideFor(ProtocolState.From(streams.Data(streamId)), now), ct);
    }

    private async Task<ProtocolVersionRecord?> ReadCurrentAsync(string code, CancellationToken ct) =>
        (await GetProtocolVersionsAsync(code, ct)).LastOrDefault();

    /// <summary>Strata of every version (a site an amendment dropped keeps its list and its participants).</summary>
    private async Task<IReadOnlyList<string>> KnownStrataAsync(ProtocolCode code, CancellationToken ct) =>
        (await GetProtocolVersionsAsync(code.Value, ct)).SelectMany(v => Strata.For(v.Definition)).Distinct(StringComparer.Ordinal).ToArray();

    private static ProtocolDefinition ParseStored(ProtocolCode code, int version, string json) =>
        ProtocolFile.Parse(json).Definition
        ?? throw new InvalidOperationException($"The recorded file of protocol {code} version {version} no longer passes this build's validation.");

    private static CommandResult NotFound(CommandContext context, string code) =>
        CommandResult.Rejected(context.CommandId, new Rejection("protocol.not-found", $"There is no protocol {code}."));
}

/// <summary>One version of a protocol as recorded.</summary>
/// <param name="ImportedBy">User id of whoever imported this version.</param>
/// <param name="RecordedAt">Server time the version was recorded: from then on it is in force.</param>
/// <param name="Position">Global position of the import or amendment event.</param>
public sealed record ProtocolVersionRecord(
    ProtocolCode Code,
    int Version,
    string FileSha256,
    string ImportedBy,
    DateTimeOffset RecordedAt,
    long Position,
    ProtocolDefinition Definition);

/// <summary>The outcome of regenerating a list from its seed; <see cref="Matches"/> is the inspector's answer.</summary>
public sealed record ListReproduction(string ProtocolCode, string Stratum, int RecordedEntries, int ReproducedEntries, string RecordedHash, string ReproducedHash)
{
    public bool Matches => RecordedEntries == ReproducedEntries && RecordedHash == ReproducedHash;
}
