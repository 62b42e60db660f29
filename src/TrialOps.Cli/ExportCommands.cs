using System.CommandLine;
using TrialOps.Common;
using TrialOps.Exports;
using TrialOps.Messaging;
using TrialOps.Runtime;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops export --trial CODE --out DIR [--unblinded] [--as-of POSITION]</c> and the export check
/// behind <c>trialops verify --export DIR</c>. The CLI is an operator's tool run by someone with
/// database access (which is unblinded access, ADR 0002); it exports as <c>cli:&lt;OS user&gt;</c> in
/// the Statistician role, recorded in the export's event, and still obeys the export policy: an
/// unblinded export only once the trial has been unblinded.
/// </summary>
public static class ExportCommands
{
    public static Actor CliActor => new($"cli:{Environment.UserName}", Roles.Statistician, SiteAccess.All);

    public static void Add(RootCommand root)
    {
        var trial = new Option<string>("--trial") { Description = "The protocol code, e.g. KET-NP-01.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "The export folder; must be empty or not exist yet.", Required = true };
        var unblinded = new Option<bool>("--unblinded") { Description = "Include treatment identity (arms, treatments, doses). Refused until the trial has been unblinded." };
        var asOf = new Option<long?>("--as-of") { Description = "Export as of this global event position (default: the ledger head)." };
        var export = new Command(
            "export",
            "Export the trial as CDISC SDTM (CSV, SAS XPORT and Dataset-JSON) with define.xml 2.0, ODM 1.3.2 with the audit trail, and manifest.json, derived from the events as of one ledger position. "
            + "Blinded unless --unblinded. The same trial at the same position always gives byte-identical files.")
        {
            trial,
            output,
            unblinded,
            asOf,
        };
        export.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            var exporter = new TrialExporter(runtime);
            var blinded = !parse.GetValue(unblinded);
            var result = await exporter.ExportAsync(parse.GetValue(trial)!.Trim(), parse.GetValue(output)!.FullName, blinded, parse.GetValue(asOf), CliActor, ct);
            if (!result.Succeeded)
            {
                throw new CliException(result.Rejection?.Message ?? "the export was refused");
            }

            var manifest = result.Manifest!;
            Console.WriteLine(
                $"Exported {manifest.Trial} ({(manifest.Blinded ? "blinded" : "UNBLINDED")}) as of position {manifest.AsOfPosition} to {result.Directory}: "
                + $"{manifest.Files.Count} files and {ExportManifest.FileName}, ledger hash {manifest.LedgerHash}.");
            return 0;
        }));
        root.Subcommands.Add(export);
    }

    /// <summary><c>trialops verify --export DIR</c>: exit 0 "export verified", else 1 naming every file that differs.</summary>
    public static async Task<int> VerifyExportAsync(TrialOpsRuntime runtime, DirectoryInfo directory, CancellationToken ct)
    {
        var verification = await new TrialExporter(runtime).VerifyAsync(directory.FullName, ct);
        if (!verification.Verified)
        {
            Console.Error.WriteLine($"trialops: export verification FAILED for {directory.FullName}:");
            foreach (var discrepancy in verification.Discrepancies)
            {
                Console.Error.WriteLine($"  {discrepancy}");
            }

            return 1;
        }

        var manifest = verification.Manifest!;
        Console.WriteLine(
            $"export verified: {directory.FullName} ({manifest.Trial}, {(manifest.Blinded ? "blinded" : "unblinded")}, as of position {manifest.AsOfPosition}; "
            + $"{manifest.Files.Count} files match the manifest and the store).");
        return 0;
    }
}
