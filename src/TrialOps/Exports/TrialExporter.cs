using System.Reflection;
using System.Security.Cryptography;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using TrialOps.EventStore;
using TrialOps.Exports.Adam;
using TrialOps.Exports.Define;
using TrialOps.Exports.Odm;
using TrialOps.Exports.Sdtm;
using TrialOps.Identity;
using TrialOps.Meddra;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Runtime;

namespace TrialOps.Exports;

/// <summary>An export that was produced (and recorded), or why not.</summary>
/// <param name="Directory">The export folder.</param>
/// <param name="Recorded">The <see cref="ExportProduced"/> command's result.</param>
public sealed record ExportResult(ExportManifest? Manifest, string? Directory, Rejection? Rejection, CommandResult? Recorded = null)
{
    public bool Succeeded => Manifest is not null && Rejection is null;

    public static ExportResult Refused(string code, string message) => new(null, null, new Rejection(code, message));

    public static ExportResult Refused(Rejection rejection) => new(null, null, rejection);
}

/// <summary>The ADaM records of a trial at a position (<see cref="TrialExporter.DeriveAdamAsync"/>), or why not.</summary>
/// <param name="Design">The unblinded design the rows were derived with (protocol, allocations).</param>
/// <param name="AsOf">The ledger point they were derived at.</param>
public sealed record AdamResult(AdamData? Data, ExportDesign? Design, LedgerPoint? AsOf, Rejection? Rejection)
{
    public static AdamResult Refused(Rejection rejection) => new(null, null, null, rejection);
}

/// <summary>One file of an export that does not match: changed, added, removed, or not what the store gives again.</summary>
public sealed record ExportDiscrepancy(string File, string Problem)
{
    public override string ToString() => $"{File}: {Problem}";
}

/// <summary>The outcome of <see cref="TrialExporter.VerifyAsync"/>.</summary>
public sealed record ExportVerification(ExportManifest? Manifest, IReadOnlyList<ExportDiscrepancy> Discrepancies)
{
    public bool Verified => Manifest is not null && Discrepancies.Count == 0;
}

/// <summary>
/// Audit-proof exports (DESIGN.md §7, ADR 0003): the CDISC SDTM datasets TA, TE, TV, TS, DM, SE,
/// SV, EX, AE, VS, QS and DS as CSV, SAS XPORT v5 and Dataset-JSON, <c>define.xml</c> (Define-XML 2.0
/// describing those datasets as written), <c>odm.xml</c> (ODM 1.3.2 with the full audit trail) and
/// <c>manifest.json</c>; an unblinded export also carries the ADaM datasets ADSL, ADQS and ADAE
/// (ADR 0016). An export is derived from the events as of one ledger position,
/// never from read models, so the same trial at the same position gives the same bytes however
/// often and whenever it is made, and <see cref="VerifyAsync"/> can re-derive a folder handed in
/// and say which file, if any, is not what the record says.
/// </summary>
/// <remarks>
/// The export is written into a hidden folder next to the target and moved into place when
/// complete, so a crash never leaves a half export that looks finished. Events are read subject
/// by subject (<see cref="ExportEventSource"/>) and every file is written as they come: memory holds
/// one subject and the trial's design, not the trial.
/// </remarks>
public sealed partial class TrialExporter(TrialOpsRuntime runtime)
{
    public const string OdmFileName = "odm.xml";

    /// <summary>Subjects waiting between two stages of the export at most.</summary>
    private const int Capacity = 32;

    private readonly ExportEventSource _source = new(runtime.DataSource, runtime.Registry);

    /// <summary>The build that writes exports: the assembly's informational version (with the source revision).</summary>
    public static string SoftwareVersion { get; } =
        typeof(TrialExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(TrialExporter).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public ExportHistory History { get; } = new(runtime.Store);

    /// <summary>
    /// Exports the trial into <paramref name="outDirectory"/> (which must be empty or absent) and
    /// records the export (<see cref="ExportProduced"/>). Refusals come back as a
    /// <see cref="Rejection"/>: unknown trial, a role that may not export, an unblinded export of a
    /// trial not yet unblinded, a position the ledger has not sealed, a folder that is not empty.
    /// </summary>
    /// <param name="blinded">False for an unblinded export: Statistician only, after trial unblinding.</param>
    /// <param name="asOfPosition">The global position to export as of; default the ledger head after catching the ledger up.</param>
    public async Task<ExportResult> ExportAsync(string trialCode, string outDirectory, bool blinded, long? asOfPosition, Actor actor, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(trialCode, out var code))
        {
            return ExportResult.Refused("protocol.not-found", $"There is no protocol {trialCode}.");
        }

        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDirectory));
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            return ExportResult.Refused("export.folder-not-empty", $"The export folder {target} is not empty; give an empty or new folder.");
        }

        if (File.Exists(target))
        {
            return ExportResult.Refused("export.folder-not-empty", $"{target} is a file; give an empty or new folder.");
        }

        var position = asOfPosition ?? await LedgerHeadAsync(ct);
        var asOf = await _source.FindAsync(position, ct);
        if (asOf is null)
        {
            return ExportResult.Refused(
                "export.position-not-sealed",
                $"Position {position} is not an event sealed in the ledger; give the position of a recorded event (run `trialops verify` to seal the ledger).");
        }

        var protocolState = ProtocolState.From((await runtime.Store.ReadStreamAsync(ProtocolStreams.For(code), asOf.Position, ct)).Select(e => e.Data));
        if (!protocolState.Exists)
        {
            return ExportResult.Refused("protocol.not-found", asOfPosition is null ? $"There is no protocol {code}." : $"There was no protocol {code} at position {asOf.Position}.");
        }

        if (ExportPolicy.Check(actor, blinded, protocolState) is { } refused)
        {
            return ExportResult.Refused(refused);
        }

        var trial = (await TrialAsOf.ReadAsync(runtime.Store, code, asOf.Position, unblinded: !blinded, ct))!;
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException($"{target} has no parent folder.", nameof(outDirectory));
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        ExportManifest manifest;
        try
        {
            manifest = await WriteAsync(trial, staging, blinded, asOf, ct);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }

        var manifestSha256 = Sha256(await File.ReadAllBytesAsync(Path.Combine(target, ExportManifest.FileName), ct));
        var command = new RecordExport(code, manifest, manifestSha256, actor);
        var recorded = await runtime.Bus.SendCommandAsync(CommandContext.New(actor), command, ct);
        if (!recorded.Accepted)
        {
            // An export nobody can find in the audit trail must not exist.
            TryDelete(target);
            return new ExportResult(null, null, recorded.Rejection, recorded);
        }

        return new ExportResult(manifest, target, null, recorded);
    }

    /// <summary>
    /// Checks an export folder against its manifest and against the store: every listed file is
    /// there with its SHA-256 and size, nothing was added, the ledger still has the recorded hash at
    /// the manifest's position, and deriving the export again from the store at that position gives
    /// the same bytes for every file. Each mismatch names its file.
    /// </summary>
    public async Task<ExportVerification> VerifyAsync(string exportDirectory, CancellationToken ct = default)
    {
        var directory = Path.GetFullPath(exportDirectory);
        var manifestPath = Path.Combine(directory, ExportManifest.FileName);
        if (!Directory.Exists(directory))
        {
            return new ExportVerification(null, [new ExportDiscrepancy(directory, "no such folder")]);
        }

        if (!File.Exists(manifestPath))
        {
            return new ExportVerification(null, [new ExportDiscrepancy(ExportManifest.FileName, "missing: this is not an export folder, or its manifest was removed")]);
        }

        ExportManifest manifest;
        try
        {
            manifest = ExportManifest.Parse(await File.ReadAllBytesAsync(manifestPath, ct));
        }
        catch (FormatException e)
        {
            return new ExportVerification(null, [new ExportDiscrepancy(ExportManifest.FileName, e.Message)]);
        }

        var problems = new List<ExportDiscrepancy>();
        var listed = manifest.Files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(directory, file.Name);
            if (!File.Exists(path))
            {
                problems.Add(new ExportDiscrepancy(file.Name, "removed: listed in the manifest but not in the folder"));
                continue;
            }

            var (hash, size) = await HashFileAsync(path, ct);
            if (hash != file.Sha256 || size != file.Bytes)
            {
                problems.Add(new ExportDiscrepancy(file.Name, "changed: its SHA-256 is not the one in the manifest"));
            }
        }

        foreach (var path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name != ExportManifest.FileName && !listed.ContainsKey(name))
            {
                problems.Add(new ExportDiscrepancy(name, "added: in the folder but not in the manifest"));
            }
        }

        if (!ProtocolCode.TryParse(manifest.Trial, out var code))
        {
            problems.Add(new ExportDiscrepancy(ExportManifest.FileName, $"names no valid trial ('{manifest.Trial}')"));
            return new ExportVerification(manifest, problems);
        }

        var asOf = await _source.FindAsync(manifest.AsOfPosition, ct);
        if (asOf is null)
        {
            problems.Add(new ExportDiscrepancy(ExportManifest.FileName, $"position {manifest.AsOfPosition} is not sealed in this store's ledger"));
            return new ExportVerification(manifest, problems);
        }

        if (asOf.LedgerHash != manifest.LedgerHash)
        {
            problems.Add(new ExportDiscrepancy(ExportManifest.FileName, $"the ledger hash at position {manifest.AsOfPosition} is {asOf.LedgerHash}, not the recorded {manifest.LedgerHash}: the history up to that point differs"));
        }

        if (manifest.Checkpoint is null)
        {
            problems.Add(new ExportDiscrepancy(ExportManifest.FileName, "has no signed ledger checkpoint"));
        }
        else if (!runtime.CheckpointSigner.IsValid(manifest.Checkpoint) || manifest.Checkpoint.Sequence != asOf.Sequence)
        {
            problems.Add(new ExportDiscrepancy(ExportManifest.FileName, $"its signed ledger checkpoint (key {manifest.Checkpoint.KeyId}) does not verify with this installation's checkpoint key ({runtime.CheckpointSigner.KeyId}) for ledger entry {asOf.Sequence}"));
        }

        var trial = await TrialAsOf.ReadAsync(runtime.Store, code, asOf.Position, unblinded: !manifest.Blinded, ct);
        if (trial is null)
        {
            problems.Add(new ExportDiscrepancy(ExportManifest.FileName, $"there was no protocol {code} at position {asOf.Position}"));
            return new ExportVerification(manifest, problems);
        }

        if (!manifest.Blinded && !trial.State.Unblinded)
        {
            problems.Add(new ExportDiscrepancy(ExportManifest.FileName, $"says unblinded, but {code} was not unblinded at position {asOf.Position}"));
            return new ExportVerification(manifest, problems);
        }

        var scratch = Path.Combine(Path.GetTempPath(), $"trialops-verify-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            var derived = await WriteAsync(trial, scratch, manifest.Blinded, asOf, ct);
            var derivedFiles = derived.Files.ToDictionary(f => f.Name, StringComparer.Ordinal);
            foreach (var file in manifest.Files)
            {
                if (!derivedFiles.TryGetValue(file.Name, out var again))
                {
                    problems.Add(new ExportDiscrepancy(file.Name, "not part of an export derived from the store"));
                }
                else if (again.Sha256 != file.Sha256)
                {
                    problems.Add(new ExportDiscrepancy(file.Name, "differs from the export derived again from the store at the manifest's position"));
                }
            }

            foreach (var file in derived.Files.Where(f => !listed.ContainsKey(f.Name)))
            {
                problems.Add(new ExportDiscrepancy(file.Name, "missing from the manifest, but part of the export derived from the store"));
            }

            if (derived.SoftwareVersion != manifest.SoftwareVersion && problems.Count > 0)
            {
                problems.Add(new ExportDiscrepancy(ExportManifest.FileName, $"made by TrialOps {manifest.SoftwareVersion}, re-derived by {derived.SoftwareVersion}; differences may come from the software"));
            }
        }
        finally
        {
            TryDelete(scratch);
        }

        return new ExportVerification(manifest, problems.DistinctBy(p => (p.File, p.Problem)).ToArray());
    }

    /// <summary>Writes every file of the export into <paramref name="directory"/> and returns its manifest (also written).</summary>
    /// <remarks>
    /// Three stages run side by side: reading and folding subjects, writing their SDTM rows, and
    /// writing their ODM SubjectData; bounded channels between them hold a few subjects at most.
    /// Every file is hashed as it is written.
    /// </remarks>
    private async Task<ExportManifest> WriteAsync(TrialAsOf trial, string directory, bool blinded, LedgerPoint asOf, CancellationToken ct)
    {
        var design = new ExportDesign(trial, blinded);
        var periodCount = trial.Versions.Max(v => v.Definition.PeriodCount);
        long events = trial.EventCount;
        var files = new List<ExportedFile>();

        // ODM lists the users before the clinical data that refers to them.
        var actors = new SortedSet<string>(await _source.ReadActorsAsync(trial.Code, asOf, ct), StringComparer.Ordinal);
        actors.UnionWith(trial.CodeBreaks.Values.SelectMany(e => e).Select(e => e.Metadata.ActorId));
        actors.UnionWith(trial.LockActions.Select(e => e.Metadata.ActorId));
        if (!blinded)
        {
            actors.UnionWith(trial.Allocations.Values.Select(a => a.Assigned.Metadata.ActorId));
        }

        var signed = await OdmSignedRecords.ReadAsync(runtime.DataSource, runtime.Registry, trial.Code, asOf, blinded, ct);
        signed.AdjustUsers(actors, blinded);

        var users = new Dictionary<string, UserCreated>(StringComparer.Ordinal);
        foreach (var actor in actors.Where(a => UserName().IsMatch(a)))
        {
            var account = (await runtime.Store.ReadStreamAsync(UserStreams.For(actor), asOf.Position, ct)).Select(e => e.Data).OfType<UserCreated>().FirstOrDefault();
            if (account is not null)
            {
                users[actor] = account;
            }
        }

        var meddra = await MeddraAsync(trial.Code, asOf.Position, ct);
        using var sdtm = new SdtmWriter(directory, design, asOf.RecordedAt.UtcDateTime, meddra);

        // ADaM names treatments: unblinded exports only, derived from the same subject histories (ADR 0016).
        using var adam = blinded ? null : new AdamWriter(directory, design, asOf.RecordedAt.UtcDateTime, sdtm.Facts);
        void WriteSdtmAndAdam(SubjectHistory history)
        {
            sdtm.WriteSubject(history);
            adam?.WriteSubject(AdamDerivation.Derive(design, history, meddra));
        }

        using var odmFile = new HashingFileStream(Path.Combine(directory, OdmFileName));
        using var odm = new OdmExportWriter(odmFile, design, asOf, SoftwareVersion, actors, users, signed);
        sdtm.WriteTrialDesign();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var options = new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true };
        var toSdtm = Channel.CreateBounded<SubjectHistory>(options);
        var toOdm = Channel.CreateBounded<SubjectHistory>(options);
        async Task ConsumeAsync(ChannelReader<SubjectHistory> reader, Action<SubjectHistory> write)
        {
            try
            {
                await foreach (var history in reader.ReadAllAsync(stop.Token))
                {
                    write(history);
                }
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        }

        var consumers = new[]
        {
            Task.Run(() => ConsumeAsync(toSdtm.Reader, WriteSdtmAndAdam), CancellationToken.None),
            Task.Run(() => ConsumeAsync(toOdm.Reader, odm.AddSubject), CancellationToken.None),
        };
        try
        {
            await foreach (var subject in _source.ReadSubjectsAsync(trial.Code, asOf, stop.Token))
            {
                var history = SubjectHistory.From(subject, periodCount, design.Observation, asOf.RecordedAt, design.Protocol);
                events += subject.Participant.Count + subject.AdverseEvents.Count;
                await toSdtm.Writer.WriteAsync(history, stop.Token);
                await toOdm.Writer.WriteAsync(history, stop.Token);
            }

            toSdtm.Writer.Complete();
            toOdm.Writer.Complete();
            await Task.WhenAll(consumers);

            // The sign-offs on the cases' own streams go into the file with their cases.
            events += signed.CaseSignatures.Values.Sum(s => s.Count);
        }
        catch (Exception reading)
        {
            await stop.CancelAsync();
            toSdtm.Writer.TryComplete();
            toOdm.Writer.TryComplete();

            // A consumer that failed (a value too long for its variable) stopped the reading; say why, not "cancelled".
            await Task.WhenAll(consumers.Select(c => c.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
            var failure = consumers.Where(c => c.IsFaulted).Select(c => c.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null && reading is OperationCanceledException && !ct.IsCancellationRequested)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }

            throw;
        }

        files.AddRange(sdtm.Complete());
        if (adam is not null)
        {
            files.AddRange(adam.Complete());
        }

        odm.Complete();
        files.Add(odmFile.Complete());
        using (var defineFile = new HashingFileStream(Path.Combine(directory, DefineXmlWriter.FileName)))
        {
            DefineXmlWriter.Write(defineFile, design, asOf, SoftwareVersion, adam is null ? sdtm.Written : [.. sdtm.Written, .. adam.Written], sdtm.Facts);
            files.Add(defineFile.Complete());
        }

        var manifest = new ExportManifest(
            trial.Code.Value,
            trial.Current.Version,
            blinded,
            asOf.Position,
            asOf.RecordedAt,
            asOf.LedgerHash,
            events,
            SoftwareVersion,
            files.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray(),
            runtime.CheckpointSigner.Sign(asOf.Sequence, asOf.Position, asOf.LedgerHash),
            meddra?.Version);
        await File.WriteAllBytesAsync(Path.Combine(directory, ExportManifest.FileName), manifest.ToJson(), ct);
        return manifest;
    }

    /// <summary>
    /// The ADaM records of a trial as of a position, in memory: the rows an unblinded export at that
    /// position writes to adsl, adqs and adae, for an analysis to compute from (ADR 0016). The same
    /// policy as an unblinded export applies (a Statistician, the trial unblinded at the position).
    /// </summary>
    public async Task<AdamResult> DeriveAdamAsync(string trialCode, long asOfPosition, Actor actor, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(trialCode, out var code))
        {
            return AdamResult.Refused(new Rejection("protocol.not-found", $"There is no protocol {trialCode}."));
        }

        var asOf = await _source.FindAsync(asOfPosition, ct);
        if (asOf is null)
        {
            return AdamResult.Refused(new Rejection("export.position-not-sealed", $"Position {asOfPosition} is not an event sealed in the ledger."));
        }

        var protocolState = ProtocolState.From((await runtime.Store.ReadStreamAsync(ProtocolStreams.For(code), asOf.Position, ct)).Select(e => e.Data));
        if (ExportPolicy.Check(actor, blinded: false, protocolState) is { } refused)
        {
            return AdamResult.Refused(refused);
        }

        var trial = (await TrialAsOf.ReadAsync(runtime.Store, code, asOf.Position, unblinded: true, ct))!;
        var design = new ExportDesign(trial, blinded: false);
        var periodCount = trial.Versions.Max(v => v.Definition.PeriodCount);
        var meddra = await MeddraAsync(code, asOf.Position, ct);
        var subjects = new List<AdamSubject>();
        await foreach (var subject in _source.ReadSubjectsAsync(code, asOf, ct))
        {
            subjects.Add(AdamDerivation.Derive(design, SubjectHistory.From(subject, periodCount, design.Observation, asOf.RecordedAt, design.Protocol), meddra));
        }

        var data = new AdamData(
            [.. subjects.Select(s => s.Adsl).OfType<AdslRow>()],
            [.. subjects.SelectMany(s => s.Bds)],
            [.. subjects.SelectMany(s => s.Adae)]);
        return new AdamResult(data, design, asOf, null);
    }

    private async Task<MeddraDictionary?> MeddraAsync(ProtocolCode code, long position, CancellationToken ct)
    {
        var import = await MeddraCoding.InForceAsync(runtime.Store, await CodingPositionAsync(code, position, ct), ct);
        return import is null
            ? null
            : await MeddraCoding.LoadAsync(runtime.DataSource, import, AdverseEvents.CtcaeDictionary.V5.Terms.Select(t => t.MeddraCode), ct);
    }

    /// <summary>
    /// Where the MedDRA version in force is looked up: the export's position, or the database lock
    /// in force at it (a lock freezes the coding with the data; see <see cref="MeddraCoding"/>).
    /// </summary>
    private async Task<long> CodingPositionAsync(ProtocolCode code, long position, CancellationToken ct)
    {
        long? lockedAt = null;
        foreach (var stored in await runtime.Store.ReadStreamAsync(ProtocolStreams.For(code), position, ct))
        {
            lockedAt = stored.Data switch
            {
                Blinding.TrialLocked => stored.Position,
                Blinding.TrialUnlocked => null,
                _ => lockedAt,
            };
        }

        return lockedAt ?? position;
    }

    private async Task<long> LedgerHeadAsync(CancellationToken ct)
    {
        await runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName, ct);
        return await ChainVerifier.LedgerHeadPositionAsync(runtime.DataSource, ct);
    }

    private static async Task<(string Hash, long Size)> HashFileAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, ct);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(UserRules.UserNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex UserName();
}
