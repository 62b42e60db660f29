using System.Globalization;
using System.Security.Cryptography;
using TrialOps.Analysis;
using TrialOps.EventStore;
using TrialOps.Exports;
using TrialOps.Messaging;
using TrialOps.Postgres;
using TrialOps.Protocols;
using TrialOps.Runtime;
using TrialOps.Web.Components.Pages.Analysis;
using TrialOps.Web.Hosting;

namespace TrialOps.Web.Components.Pages.Exports;

/// <summary>One earlier export as a viewer may see it, with the folder this server keeps it in.</summary>
/// <param name="Folder">The stored export folder; null when it is not on this server (made with the CLI, or removed).</param>
/// <param name="MayOpen">
/// Whether the viewer may download and verify it: <see cref="ExportPolicy"/> for the export's
/// blinding against the trial as it is now. A blinded role sees that an unblinded export was made,
/// never its files or their digests.
/// </param>
public sealed record ExportEntry(ExportRecord Record, string? Folder, bool MayOpen)
{
    /// <summary>The global position of its <see cref="ExportProduced"/> event: the id in URLs.</summary>
    public long Id => Record.Position;

    public bool Stored => Folder is not null;

    /// <summary>
    /// The digests of an unblinded export are withheld from whoever may not open it: a SHA-256 of
    /// an unblinded data set is an oracle for guessing the allocation (hash every possible DM).
    /// </summary>
    public string? ManifestSha256 => MayOpen ? Record.ManifestSha256 : null;

    public IReadOnlyList<ExportedFile> Files => MayOpen ? Record.Files : [];

    public string Kind => ExportWorkspace.Kind(Record.Blinded);

    /// <summary><c>KET-NP-01-1234-blinded.zip</c>.</summary>
    public string ArchiveName => $"{Record.Trial}-{Record.AsOfPosition.ToString(CultureInfo.InvariantCulture)}-{Kind}.zip";
}

/// <summary>What an export request came to: the stored export, or why it was refused.</summary>
public sealed record ExportOutcome(ExportEntry? Export, ExportManifest? Manifest, Rejection? Rejection);

/// <summary>
/// The exports the web app makes and keeps, shared by the export page and the API. Each export is
/// a folder <c>&lt;root&gt;/&lt;CODE&gt;/&lt;as-of position&gt;-&lt;blinded|unblinded&gt;-&lt;id&gt;/</c>,
/// where the root is <c>TrialOps:ExportsFolder</c> or else <c>$TRIALOPS_HOME/exports</c> and the id
/// is the global position of the export's <see cref="ExportProduced"/> event (which is what the
/// history lists). The folder is found again by that name, and accepted only if its
/// <c>manifest.json</c> has the SHA-256 the audit trail recorded; a folder that lost its name (a
/// crash between recording and renaming) is found by that digest alone.
/// </summary>
/// <remarks>
/// Exports and verifications run one at a time per process and within the request: an export may
/// use up to 400 MB (ADR 0003), and static server rendering has no script to poll a background job
/// with, so the form simply returns when the export is complete. The root belongs to one database;
/// two installations must not share it.
/// </remarks>
public sealed class ExportWorkspace(TrialExporter exporter, TrialOpsRuntime runtime, string root)
{
    /// <summary>Where exports are kept; default <c>$TRIALOPS_HOME/exports</c>.</summary>
    public const string FolderSetting = "TrialOps:ExportsFolder";

    /// <summary>A position that holds no event sealed in the ledger (the exporter's code, here also for one below 1).</summary>
    public const string PositionNotSealed = "export.position-not-sealed";

    /// <summary>A sealed position from before the trial's protocol was imported.</summary>
    public const string PositionBeforeTrial = "export.position-before-trial";

    /// <summary>The field of the as-of position in the API and on the page.</summary>
    public const string PositionField = "asOfPosition";

    private const string NewFolderPrefix = "new-";

    /// <summary>How long an export as of now waits for the ledger to seal what was committed before it.</summary>

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public string Root { get; } = Path.GetFullPath(root);

    public static ExportWorkspace For(IServiceProvider services) =>
        new(
            services.GetRequiredService<TrialExporter>(),
            services.GetRequiredService<TrialOpsRuntimeHost>().Runtime,
            RootFrom(services.GetRequiredService<IConfiguration>()));

    /// <summary><c>TrialOps:ExportsFolder</c>, else <c>exports</c> in TRIALOPS_HOME (resolved as the database resolves it).</summary>
    public static string RootFrom(IConfiguration configuration) =>
        configuration[FolderSetting] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(new TrialOpsDatabaseOptions { GetEnvironmentVariable = name => configuration[name] ?? Environment.GetEnvironmentVariable(name) }.ResolveHome(), "exports");

    public static string Kind(bool blinded) => blinded ? "blinded" : "unblinded";

    /// <summary>
    /// Null when the viewer may see the trial's exports (a role that may export blinded), else why
    /// not: <c>protocol.not-found</c> or <see cref="ExportPolicy.Refused"/>.
    /// </summary>
    public async Task<Rejection?> CheckViewerAsync(string trialCode, Actor viewer, CancellationToken ct)
    {
        if (!ProtocolCode.TryParse(trialCode, out var code))
        {
            return new Rejection("protocol.not-found", $"There is no trial {trialCode}.");
        }

        return ExportPolicy.Check(viewer, blinded: true, await TrialAsync(code, ct));
    }

    /// <summary>Whether the viewer may have an unblinded export now (Statistician, trial unblinded): the page offers it only then.</summary>
    public async Task<bool> MayExportUnblindedAsync(string trialCode, Actor viewer, CancellationToken ct) =>
        ProtocolCode.TryParse(trialCode, out var code) && ExportPolicy.Check(viewer, blinded: false, await TrialAsync(code, ct)) is null;

    /// <summary>
    /// Makes an export into a new folder and names the folder after its record. The exporter applies
    /// the export policy at the export's position and records the export; this only keeps it.
    /// </summary>
    public async Task<ExportOutcome> ExportAsync(string trialCode, bool blinded, long? asOfPosition, Actor actor, CancellationToken ct)
    {
        if (await CheckViewerAsync(trialCode, actor, ct) is { } refused)
        {
            return new ExportOutcome(null, null, refused);
        }

        if (asOfPosition is < 1)
        {
            return new ExportOutcome(null, null, new Rejection(PositionNotSealed, "The as-of position is a global position of the ledger: a whole number from 1.", PositionField));
        }

        var code = ProtocolCode.Parse(trialCode);
        var trialFolder = TrialFolder(code);
        ExportResult result;
        await OneAtATime.WaitAsync(ct);
        try
        {
            // Without a position the exporter seals the ledger up to now itself (the daemon's steps
            // and this catch-up take turns within the process).
            result = await exporter.ExportAsync(code.Value, Path.Combine(trialFolder, NewFolderPrefix + Guid.NewGuid().ToString("N")), blinded, asOfPosition, actor, ct);
        }
        finally
        {
            OneAtATime.Release();
        }

        if (!result.Succeeded)
        {
            return new ExportOutcome(null, null, PositionRejection(result.Rejection!, asOfPosition));
        }

        var id = result.Recorded!.Positions[0];
        try
        {
            Directory.Move(result.Directory!, Path.Combine(trialFolder, FolderName(result.Manifest!.AsOfPosition, blinded, id)));
        }
        catch (IOException)
        {
            // The export is complete and recorded; under its first name it is still found by its manifest's digest.
        }

        return new ExportOutcome(await FindAsync(code.Value, id, actor, ct), result.Manifest, null);
    }

    /// <summary>Every export of the trial, newest first, as the viewer may see it. Check the viewer first (<see cref="CheckViewerAsync"/>).</summary>
    public async Task<IReadOnlyList<ExportEntry>> ListAsync(string trialCode, Actor viewer, CancellationToken ct)
    {
        if (!ProtocolCode.TryParse(trialCode, out var code))
        {
            return [];
        }

        return await EntriesAsync(code, await exporter.History.ListAsync(code.Value, ct), viewer, ct);
    }

    public async Task<ExportEntry?> FindAsync(string trialCode, long id, Actor viewer, CancellationToken ct) =>
        (await ListAsync(trialCode, viewer, ct)).FirstOrDefault(e => e.Id == id);

    /// <summary>
    /// <see cref="TrialExporter.VerifyAsync"/> on the stored folder, and the folder's manifest
    /// against the digest the audit trail recorded for this export (the folder must be this export,
    /// not merely a consistent one).
    /// </summary>
    public async Task<ExportVerification> VerifyAsync(ExportEntry entry, CancellationToken ct)
    {
        if (entry.Folder is not { } folder)
        {
            return new ExportVerification(null, [new ExportDiscrepancy(ExportManifest.FileName, "the export folder is not stored on this server")]);
        }

        ExportVerification verification;
        await OneAtATime.WaitAsync(ct);
        try
        {
            verification = await exporter.VerifyAsync(folder, ct);
        }
        finally
        {
            OneAtATime.Release();
        }

        return ManifestDigest(folder) is { } digest && digest != entry.Record.ManifestSha256
            ? verification with
            {
                Discrepancies = [.. verification.Discrepancies, new ExportDiscrepancy(ExportManifest.FileName, "its SHA-256 is not the one the audit trail recorded for this export")],
            }
            : verification;
    }

    /// <summary>Whether the stored folder is still the recorded export: its manifest's digest and every listed file present.</summary>
    public static bool IsIntact(ExportEntry entry) =>
        entry.Folder is { } folder
        && ManifestDigest(folder) == entry.Record.ManifestSha256
        && entry.Record.Files.All(f => File.Exists(Path.Combine(folder, f.Name)));

    private async Task<ProtocolState> TrialAsync(ProtocolCode code, CancellationToken ct) =>
        ProtocolState.From((await runtime.Store.ReadStreamAsync(ProtocolStreams.For(code), null, ct)).Select(e => e.Data));

    private async Task<IReadOnlyList<ExportEntry>> EntriesAsync(ProtocolCode code, IReadOnlyList<ExportRecord> records, Actor viewer, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var trial = await TrialAsync(code, ct);
        var stored = StoredFolders(code);
        return records.Select(record => new ExportEntry(record, FolderOf(code, record, stored), ExportPolicy.Check(viewer, record.Blinded, trial) is null)).ToArray();
    }

    private string TrialFolder(ProtocolCode code) => Path.Combine(Root, code.Value);

    private static string FolderName(long asOfPosition, bool blinded, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{asOfPosition}-{Kind(blinded)}-{id}");

    /// <summary>The trial's export folders with their manifest's digest, by name (the exporter's hidden staging folders left out), then those of its analyses.</summary>
    private IReadOnlyList<(string Folder, string Digest)> StoredFolders(ProtocolCode code)
    {
        var trialFolder = TrialFolder(code);
        if (!Directory.Exists(trialFolder))
        {
            return [];
        }

        // The exports the analysis page made are kept with their analysis (<analyses>/<id>/export/).
        var analyses = Path.Combine(trialFolder, AnalysisWorkspace.AnalysesFolder);
        var analysisExports = Directory.Exists(analyses)
            ? Directory.EnumerateDirectories(analyses).Where(f => !Path.GetFileName(f).StartsWith('.')).Select(f => Path.Combine(f, TrialAnalysis.ExportFolder))
            : [];
        return Directory.EnumerateDirectories(trialFolder)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Concat(analysisExports.Order(StringComparer.Ordinal))
            .Select(f => (Folder: f, Digest: ManifestDigest(f)))
            .Where(f => f.Digest is not null)
            .Select(f => (f.Folder, f.Digest!))
            .ToArray();
    }

    /// <summary>
    /// The folder named for the record if it holds the recorded manifest, else any folder that does
    /// (the same trial at the same position gives the same bytes), else the named folder as it is,
    /// so that verifying it names what changed.
    /// </summary>
    private string? FolderOf(ProtocolCode code, ExportRecord record, IReadOnlyList<(string Folder, string Digest)> stored)
    {
        var named = Path.Combine(TrialFolder(code), FolderName(record.AsOfPosition, record.Blinded, record.Position));
        var holding = stored.Where(s => s.Digest == record.ManifestSha256).Select(s => s.Folder).ToArray();
        return holding.Contains(named, StringComparer.Ordinal) ? named
            : holding.Length > 0 ? holding[0]
            : Directory.Exists(named) ? named
            : null;
    }

    private static string? ManifestDigest(string folder)
    {
        var path = Path.Combine(folder, ExportManifest.FileName);
        return File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : null;
    }

    /// <summary>The exporter's refusals of a position, as a problem with the position field (400 in the API).</summary>
    private static Rejection PositionRejection(Rejection rejection, long? asOfPosition) => rejection.Code switch
    {
        PositionNotSealed => rejection with { Field = PositionField },
        "protocol.not-found" when asOfPosition is not null => new Rejection(PositionBeforeTrial, rejection.Message, PositionField),
        _ => rejection,
    };
}
