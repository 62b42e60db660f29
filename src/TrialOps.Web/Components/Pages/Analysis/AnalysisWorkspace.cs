using System.Globalization;
using System.Security.Cryptography;
using TrialOps.Analysis;
using TrialOps.Analysis.Rendering;
using TrialOps.Exports;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Runtime;
using TrialOps.Web.Components.Pages.Exports;
using TrialOps.Web.Hosting;

namespace TrialOps.Web.Components.Pages.Analysis;

/// <summary>
/// One stored analysis: the unblinded export it was derived from (its record in the audit trail
/// says who made it, when and at which position) and the folder holding <c>export/</c> and the
/// three analysis files.
/// </summary>
public sealed record AnalysisEntry(ExportRecord Export, string Folder)
{
    /// <summary>The global position of the export's record: the analysis' id in URLs.</summary>
    public long Id => Export.Position;

    public string ExportFolder => Path.Combine(Folder, TrialAnalysis.ExportFolder);

    /// <summary><c>KET-NP-01-1234-analysis-export.zip</c>.</summary>
    public string ArchiveName => string.Create(CultureInfo.InvariantCulture, $"{Export.Trial}-{Export.AsOfPosition}-analysis-export.zip");

    public string File(string name) => Path.Combine(Folder, name);
}

/// <summary>What a request to run the analysis came to.</summary>
public sealed record AnalysisRun(AnalysisEntry? Entry, Rejection? Rejection);

/// <summary>
/// The analyses the web app runs and keeps (issue 12): <see cref="TrialAnalysis"/>, as
/// <c>trialops analyze</c> runs it, into <c>&lt;exports root&gt;/&lt;CODE&gt;/analyses/&lt;id&gt;/</c>, where the id is
/// the position of the analysed export's record. A folder counts as that analysis only if its
/// export's <c>manifest.json</c> has the SHA-256 the audit trail recorded, so who ran it and when
/// come from the audit trail, not from the folder. Everything here is for whoever may have an
/// unblinded export now (<see cref="ExportPolicy"/>: the Statistician, after trial unblinding).
/// </summary>
public sealed class AnalysisWorkspace(TrialExporter exporter, TrialOpsRuntime runtime, string exportsRoot)
{
    public const string AnalysesFolder = "analyses";

    /// <summary>The three files of an analysis, as the page and the download endpoints name them.</summary>
    public static IReadOnlyList<string> Files { get; } = [AnalysisJson.FileName, AnalysisReport.FileName, ConsortDiagram.FileName];

    // An analysis makes an unblinded export (up to 400 MB, ADR 0003): one at a time in this process.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static AnalysisWorkspace For(IServiceProvider services) =>
        new(
            services.GetRequiredService<TrialExporter>(),
            services.GetRequiredService<TrialOpsRuntimeHost>().Runtime,
            ExportWorkspace.RootFrom(services.GetRequiredService<IConfiguration>()));

    /// <summary>Null when the viewer may run and read analyses of the trial now; otherwise the export policy's reason (or <c>protocol.not-found</c>).</summary>
    public async Task<Rejection?> CheckAsync(string trialCode, Actor viewer, CancellationToken ct)
    {
        if (!ProtocolCode.TryParse(trialCode, out var code))
        {
            return new Rejection("protocol.not-found", $"There is no trial {trialCode}.");
        }

        var trial = ProtocolState.From((await runtime.Store.ReadStreamAsync(ProtocolStreams.For(code), null, ct)).Select(e => e.Data));
        return ExportPolicy.Check(viewer, blinded: false, trial);
    }

    /// <summary>
    /// Runs the analysis as of the ledger head into a new folder and names the folder after the
    /// export's record. <see cref="TrialAnalysis"/> applies the export policy itself.
    /// </summary>
    public async Task<AnalysisRun> RunAsync(string trialCode, Actor actor, CancellationToken ct)
    {
        if (await CheckAsync(trialCode, actor, ct) is { } refused)
        {
            return new AnalysisRun(null, refused);
        }

        var code = ProtocolCode.Parse(trialCode);
        var staging = Path.Combine(TrialFolder(code), ".new-" + Guid.NewGuid().ToString("N"));
        TrialAnalysisOutcome outcome;
        await OneAtATime.WaitAsync(ct);
        try
        {
            outcome = await new TrialAnalysis(runtime).RunAsync(code.Value, staging, asOfPosition: null, actor, ct);
        }
        finally
        {
            OneAtATime.Release();
        }

        if (outcome.Result is null || outcome.ExportId is not { } id)
        {
            // A refused analysis leaves nothing to keep (an export it made is recorded in the audit trail all the same).
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            return new AnalysisRun(null, outcome.Rejection ?? new Rejection("analysis.failed", "The analysis did not complete."));
        }

        var folder = Path.Combine(TrialFolder(code), id.ToString(CultureInfo.InvariantCulture));
        Directory.Move(staging, folder);
        return new AnalysisRun(await FindAsync(code.Value, id, ct), null);
    }

    /// <summary>Every stored analysis of the trial, newest first. Check the viewer first (<see cref="CheckAsync"/>).</summary>
    public async Task<IReadOnlyList<AnalysisEntry>> ListAsync(string trialCode, CancellationToken ct)
    {
        if (!ProtocolCode.TryParse(trialCode, out var code) || !Directory.Exists(TrialFolder(code)))
        {
            return [];
        }

        var records = await exporter.History.ListAsync(code.Value, ct);
        return records
            .Where(r => !r.Blinded)
            .Select(r => new AnalysisEntry(r, Path.Combine(TrialFolder(code), r.Position.ToString(CultureInfo.InvariantCulture))))
            .Where(IsIntact)
            .ToArray();
    }

    public async Task<AnalysisEntry?> FindAsync(string trialCode, long id, CancellationToken ct) =>
        (await ListAsync(trialCode, ct)).FirstOrDefault(e => e.Id == id);

    /// <summary>The stored result, read back from its <c>analysis.json</c>.</summary>
    public static AnalysisResult? Result(AnalysisEntry entry) =>
        System.IO.File.Exists(entry.File(AnalysisJson.FileName)) ? AnalysisJson.Read(System.IO.File.ReadAllText(entry.File(AnalysisJson.FileName))) : null;

    /// <summary>The folder holds the recorded export (its manifest's digest) and the three analysis files.</summary>
    private static bool IsIntact(AnalysisEntry entry)
    {
        var manifest = Path.Combine(entry.ExportFolder, ExportManifest.FileName);
        return System.IO.File.Exists(manifest)
            && Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(manifest))) == entry.Export.ManifestSha256
            && Files.All(f => System.IO.File.Exists(entry.File(f)));
    }

    private string TrialFolder(ProtocolCode code) => Path.Combine(Path.GetFullPath(exportsRoot), code.Value, AnalysesFolder);
}
