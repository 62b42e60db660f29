using System.Globalization;
using TrialOps.Analysis.Rendering;
using TrialOps.Cdisc;
using TrialOps.Common;
using TrialOps.Exports;
using TrialOps.Exports.Adam;
using TrialOps.Messaging;
using TrialOps.Runtime;

namespace TrialOps.Analysis;

/// <summary>What <see cref="TrialAnalysis.RunAsync"/> produced, or why not.</summary>
/// <param name="Export">The unblinded export the analysis was derived from (its manifest states the position).</param>
public sealed record TrialAnalysisOutcome(AnalysisResult? Result, ExportManifest? Export, Rejection? Rejection)
{
    /// <summary>The global position of the export's <see cref="ExportProduced"/> record in the audit trail; null when no export was made.</summary>
    public long? ExportId { get; init; }
}

/// <summary>
/// <c>trialops analyze</c> (issue 12, ADR 0017): makes an unblinded export of the trial (so the
/// data analysed is recorded, verifiable with <c>trialops verify --export</c> and stated by its
/// manifest's position and ledger hash), derives the ADaM rows of that export's position in memory
/// and runs the crossover analysis on them, writing <c>analysis.json</c>, <c>report.html</c> and
/// <c>consort.svg</c> beside the <c>export/</c> folder. The export policy applies: a Statistician,
/// after the trial was unblinded; before that the refusal says why.
/// </summary>
public sealed class TrialAnalysis(TrialOpsRuntime runtime)
{
    public const string ExportFolder = "export";

    public async Task<TrialAnalysisOutcome> RunAsync(string trial, string outDirectory, long? asOfPosition, Actor actor, CancellationToken ct = default)
    {
        if (Directory.Exists(outDirectory) && Directory.EnumerateFileSystemEntries(outDirectory).Any())
        {
            return Refused("analysis.folder-not-empty", $"The folder {outDirectory} is not empty: an analysis is written into an empty or new folder, never over another one.");
        }

        var exporter = new TrialExporter(runtime);
        var exportDirectory = Path.Combine(outDirectory, ExportFolder);
        var export = await exporter.ExportAsync(trial, exportDirectory, blinded: false, asOfPosition, actor, ct);
        if (!export.Succeeded)
        {
            TryRemoveEmpty(outDirectory);
            return new TrialAnalysisOutcome(null, null, export.Rejection);
        }

        var manifest = export.Manifest!;
        var exportId = export.Recorded?.Positions[0];
        var adam = await exporter.DeriveAdamAsync(trial, manifest.AsOfPosition, actor, ct);
        if (adam.Data is null)
        {
            return new TrialAnalysisOutcome(null, manifest, adam.Rejection) { ExportId = exportId };
        }

        var source = string.Create(
            CultureInfo.InvariantCulture,
            $"ADaM of the unblinded export in {ExportFolder}/ ({manifest.Trial} as of position {manifest.AsOfPosition}, {manifest.AsOfRecordedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}; ledger hash {manifest.LedgerHash}; TrialOps {manifest.SoftwareVersion})");
        var screening = ScreeningFromDm(Path.Combine(exportDirectory, "dm.csv"));
        var input = AdamAnalysisInput.From(manifest.Trial, source, adam.Data, screening);
        var result = AnalysisFiles.Write(input, outDirectory);
        return new TrialAnalysisOutcome(result, manifest, null) { ExportId = exportId };
    }

    private static TrialAnalysisOutcome Refused(string code, string message) => new(null, null, new Rejection(code, message));

    private static void TryRemoveEmpty(string directory)
    {
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }

    /// <summary>
    /// Everyone screened, and why those not randomized were not, from the export's DM (one row per
    /// screened subject; no ARMCD and ARMNRS <c>SCREEN FAILURE</c> or <c>NOT ASSIGNED</c> for the others).
    /// </summary>
    private static ScreeningCounts ScreeningFromDm(string dmCsv)
    {
        var rows = CsvReader.Read(File.ReadAllText(dmCsv));
        var header = rows[0];
        var arm = Array.IndexOf(header, "ARMNRS");
        var armCode = Array.IndexOf(header, "ARMCD");
        var notRandomized = rows.Skip(1)
            .Where(r => string.IsNullOrEmpty(r[armCode]))
            .GroupBy(r => r[arm] switch
            {
                "SCREEN FAILURE" => "Screen failure",
                "NOT ASSIGNED" => "Not randomized",
                var other => other,
            })
            .Select(g => new ReasonCount(g.Key, g.Count()))
            .OrderBy(r => r.Reason, StringComparer.Ordinal)
            .ToArray();
        return new ScreeningCounts(rows.Count - 1, notRandomized);
    }
}

/// <summary>Screened subjects and the reasons the others were not randomized (CONSORT's enrolment box).</summary>
public sealed record ScreeningCounts(int Screened, IReadOnlyList<ReasonCount> NotRandomized);

/// <summary>
/// The mapping of ADaM rows onto the analysis inputs (ADR 0017, "Wiring"): every scale parameter of
/// ADQS becomes an endpoint at its ANL01FL time point, analysed on AVAL with the period's baseline as
/// a covariate; ADSL's actual treatments per period are the exposure; ADAE's TRTA and APERIOD the
/// adverse events; ADSL and DM the CONSORT counts. Row ids are <c>DATASET:row</c>, the 1-based row of
/// the dataset as written in the export.
/// </summary>
public static class AdamAnalysisInput
{
    /// <summary>Terms counted for the number needed to harm: dissociative or psychotomimetic events (CTCAE v5.0 terms, matched case-insensitively).</summary>
    private static readonly string[] HarmTerms = ["dissociat", "hallucinat", "psychosis", "euphori", "depersonali", "derealiz", "confusion", "agitation", "delirium"];

    public static AnalysisInput From(string trial, string source, AdamData data, ScreeningCounts screening)
    {
        var control = data.Bds.Select(r => r.Actual).Concat(data.Adsl.SelectMany(s => s.Periods.Select(p => p.Actual)))
            .OfType<AdamTreatment>()
            .OrderBy(t => t.Placebo ? 0 : 1).ThenBy(t => t.Number)
            .Select(t => t.Code)
            .FirstOrDefault() ?? string.Empty;

        var observations = data.Bds
            .Select((row, index) => (Row: row, Id: $"ADQS:{index + 1}"))
            .Where(r => r.Row.Actual is not null)
            .ToArray();
        var endpoints = observations
            .GroupBy(r => r.Row.ParamCode, StringComparer.Ordinal)
            .Select(g =>
            {
                var primaryRow = g.FirstOrDefault(r => r.Row.PrimaryTimepoint).Row
                    ?? g.Where(r => !r.Row.IsBaseline).OrderBy(r => r.Row.AfterDosingStart ?? TimeSpan.MaxValue).Select(r => r.Row).FirstOrDefault();
                var primary = primaryRow is null ? string.Empty : TimeLabel(primaryRow);
                return new EndpointInput(
                    g.Key,
                    g.First().Row.Param,
                    primary,
                    AnalysisVariable.Value,
                    AdjustForBaseline: true,
                    g.Select(r => new ScaleObservation(
                        r.Id,
                        r.Row.Usubjid,
                        r.Row.PlannedSequence,
                        r.Row.Period,
                        r.Row.Actual!.Code,
                        TimeLabel(r.Row),
                        r.Row.AfterDosingStart?.TotalMinutes ?? r.Row.TimepointNumber ?? 0,
                        (double)r.Row.Value,
                        r.Row.Baseline is { } baseline ? (double)baseline : null,
                        Criterion(r.Row, 30m),
                        Criterion(r.Row, 50m))).ToArray());
            })
            .OrderBy(e => e.Parameter, StringComparer.Ordinal)
            .ToArray();

        var exposure = data.Adsl
            .Select((subject, index) => (Subject: subject, Id: $"ADSL:{index + 1}"))
            .SelectMany(s => s.Subject.Periods
                .Where(p => p.Actual is not null)
                .Select(p => new PeriodExposure(s.Id, s.Subject.Usubjid, s.Subject.PlannedSequence, p.Period, p.Actual!.Code)))
            .ToArray();

        var adverseEvents = data.Adae
            .Select((row, index) => new AdverseEventRow(
                $"ADAE:{index + 1}",
                row.Usubjid,
                row.Actual?.Code,
                row.Period,
                row.DecodedTerm,
                HarmTerms.Any(t => row.DecodedTerm.Contains(t, StringComparison.OrdinalIgnoreCase) || row.Term.Contains(t, StringComparison.OrdinalIgnoreCase))))
            .ToArray();

        return new AnalysisInput(trial, source, control, endpoints, exposure, adverseEvents, Consort(data, screening));
    }

    /// <summary>A short label of the time point for tables and figure axes (ATPT itself is long): <c>PRE-DOSE</c>, <c>20 MIN</c>, <c>2 H</c>.</summary>
    private static string TimeLabel(BdsRow row) => row.AfterDosingStart switch
    {
        null => row.Timepoint,
        { } t when t <= TimeSpan.Zero => "PRE-DOSE",
        { } t when t.TotalMinutes >= 120 && t.TotalMinutes % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0} H"),
        { } t => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.##} MIN"),
    };

    private static bool? Criterion(BdsRow row, decimal reduction) =>
        row.IsBaseline ? null : row.Criteria.FirstOrDefault(c => c.ReductionPercent == reduction)?.Met;

    /// <summary>
    /// The crossover flow: allocated per planned sequence (ADSL), received per period (TRxxA),
    /// discontinued in a period (its dosing did not end) or in the washout after it (it did), by
    /// DCSREAS, and analysed (FASFL).
    /// </summary>
    private static ConsortCounts Consort(AdamData data, ScreeningCounts screening)
    {
        var sequences = data.Adsl
            .GroupBy(s => s.PlannedSequence, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var periodCount = g.Max(s => s.Periods.Count);
                var periods = Enumerable.Range(1, periodCount).Select(p =>
                {
                    var treatment = g.Select(s => s.Periods.FirstOrDefault(x => x.Period == p)?.Planned.Code).FirstOrDefault(c => c is not null) ?? string.Empty;
                    var received = g.Count(s => s.Periods.Any(x => x.Period == p && x.Actual is not null));
                    var stopped = g.Where(s => s.EndOfStudyStatus == "DISCONTINUED" && LastReceived(s) == p).ToArray();
                    var inPeriod = stopped.Where(s => s.Periods.First(x => x.Period == p).TreatmentEnd is null || p == periodCount);
                    var inWashout = stopped.Where(s => s.Periods.First(x => x.Period == p).TreatmentEnd is not null && p < periodCount);
                    return new PeriodFlow(p, treatment, received, Reasons(inPeriod), Reasons(inWashout));
                }).ToArray();
                var beforeDosing = g.Where(s => s.EndOfStudyStatus == "DISCONTINUED" && LastReceived(s) == 0).ToArray();
                var analysed = g.Count(s => s.FullAnalysis);
                var excluded = g.Where(s => !s.FullAnalysis)
                    .GroupBy(s => s.Safety ? "No post-dose value of the primary endpoint" : "Never dosed")
                    .Select(x => new ReasonCount(x.Key, x.Count()))
                    .OrderBy(r => r.Reason, StringComparer.Ordinal)
                    .ToArray();
                if (beforeDosing.Length > 0 && periods.Length > 0)
                {
                    periods[0] = periods[0] with { DiscontinuedInPeriod = [.. periods[0].DiscontinuedInPeriod, .. Reasons(beforeDosing, " (before the first dose)")] };
                }

                return new SequenceFlow(g.Key, g.Count(), periods, analysed, excluded);
            })
            .ToArray();
        return new ConsortCounts(screening.Screened, screening.NotRandomized, data.Adsl.Count, sequences);
    }

    private static int LastReceived(AdslRow subject) =>
        subject.Periods.Where(p => p.Actual is not null).Select(p => p.Period).DefaultIfEmpty(0).Max();

    private static ReasonCount[] Reasons(IEnumerable<AdslRow> subjects, string suffix = "") =>
        subjects.GroupBy(s => (s.DiscontinuationReason ?? "Reason not recorded") + suffix, StringComparer.Ordinal)
            .Select(g => new ReasonCount(g.Key, g.Count()))
            .OrderBy(r => r.Reason, StringComparer.Ordinal)
            .ToArray();
}
