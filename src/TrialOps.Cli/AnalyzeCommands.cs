using System.CommandLine;
using TrialOps.Analysis;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops analyze --trial CODE --out DIR [--as-of POSITION]</c>: the crossover analysis of an
/// unblinded trial (ADR 0017), derived from the ADaM rows of an unblinded export made into
/// <c>DIR/export</c> at the stated position. Refused, with the reason, before the trial is unblinded.
/// </summary>
public static class AnalyzeCommands
{
    public static void Add(RootCommand root)
    {
        var trial = new Option<string>("--trial") { Description = "The protocol code, e.g. KET-NP-01.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "The analysis folder; must be empty or not exist yet.", Required = true };
        var asOf = new Option<long?>("--as-of") { Description = "Analyse the trial as of this global event position (default: the ledger head)." };
        var analyze = new Command(
            "analyze",
            "Analyse an unblinded crossover trial: Hills-Armitage (two treatments, two sequences), a REML mixed model for any design, paired responder analyses with NNT/NNH, AE counts and the CONSORT flow. "
            + "Writes analysis.json, report.html and consort.svg, and the unblinded export they were derived from (export/, verifiable with trialops verify --export).")
        {
            trial,
            output,
            asOf,
        };
        analyze.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            var directory = parse.GetValue(output)!.FullName;
            var outcome = await new TrialAnalysis(runtime).RunAsync(parse.GetValue(trial)!.Trim(), directory, parse.GetValue(asOf), ExportCommands.CliActor, ct);
            if (outcome.Result is null)
            {
                throw new CliException(outcome.Rejection?.Message ?? "the analysis was refused");
            }

            var export = outcome.Export!;
            Console.WriteLine(
                $"Analysed {export.Trial} as of position {export.AsOfPosition} (ledger hash {export.LedgerHash}) into {directory}: "
                + $"{outcome.Result.Endpoints.Count} endpoint(s), analysis.json, report.html, consort.svg, and the export it was derived from in {TrialAnalysis.ExportFolder}/.");
            return 0;
        }));
        root.Subcommands.Add(analyze);
    }
}
