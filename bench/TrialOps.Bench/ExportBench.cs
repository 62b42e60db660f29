using System.Diagnostics;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Exports;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using TrialOps.Seed;

namespace TrialOps.Bench;

/// <summary>
/// DESIGN.md §8 "export of a 1,000,000-event trial (all formats): ≤ 20 s, peak memory ≤ 400 MB".
/// Generates the KET-NP-01 demo trial up to <c>participants</c> participants through the real
/// commands (once; later runs reuse it), then times a blinded export (12 SDTM domains as CSV and
/// XPT, ODM with the audit trail, manifest) against the raw baseline of reading the same rows from
/// PostgreSQL, samples the process's working set and managed heap while it runs, and extrapolates
/// linearly to a million events (the export is one streamed pass, so its time grows with the events).
/// </summary>
public static class ExportBench
{
    public const string Trial = "KET-NP-01";

    public static async Task RunAsync(int participants, string? connectionString)
    {
        await using var runtime = await TrialOpsRuntime.StartAsync(connectionString, Console.Error.WriteLine);
        var code = ProtocolCode.Parse(Trial);
        var existing = await Bench.ScalarAsync(runtime.DataSource, $"SELECT count(*) FROM mt_streams WHERE id LIKE 'participant-{Trial}-%'");
        if (existing < participants)
        {
            var generated = await Bench.TimeAsync(async () =>
            {
                var report = await DemoTrial.RunAsync(
                    runtime,
                    DemoTrial.KetNp01(),
                    new DemoOptions((int)(participants - existing), Seed: 2026, Parallelism: 2 * Environment.ProcessorCount),
                    message => Console.Error.WriteLine(message));
                Console.Error.WriteLine(report.Summary);
            });
            Console.Error.WriteLine($"demo trial generated in {generated.TotalSeconds:0} s");
        }

        await runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);
        var head = await ChainVerifier.LedgerHeadPositionAsync(runtime.DataSource);
        var sequence = await Bench.ScalarAsync(runtime.DataSource, $"SELECT sequence FROM ledger WHERE position = {head}");
        var trialRows =
            $"""
             SELECT e.position, e.stream_id, e.version, e.type, e.data::text, e.metadata::text, e.recorded_at, e.hash
             FROM {TrialOps.EventStore.EventStore.EventsView} e JOIN ledger l ON l.position = e.position
             WHERE l.sequence <= {sequence}
               AND (e.stream_id LIKE 'participant-{Trial}-%' OR e.stream_id LIKE 'randomization-{Trial}-%' OR e.stream_id = 'protocol-{Trial}'
                    OR (e.stream_id LIKE 'adverse-event-%' AND e.data->>'protocol' = '{Trial}'))
             ORDER BY e.stream_id COLLATE "C", e.version
             """;
        var events = await Bench.ScalarAsync(runtime.DataSource, $"SELECT count(*) FROM ({trialRows}) t");
        var raw = await Bench.TimeAsync(() => Bench.ReadAllAsync(runtime.DataSource, trialRows));

        var exporter = new TrialExporter(runtime);
        var actor = new Actor("bench.statistician", Roles.Statistician);
        const double mb = 1024 * 1024;

        // The first run includes JIT compilation; the second is what a long-running server sees.
        foreach (var run in new[] { "cold", "warm" })
        {
            var folder = Path.Combine(Path.GetTempPath(), $"trialops-export-bench-{Guid.NewGuid():N}");
            var (result, elapsed, before, peakWorkingSet, peakManaged) = await MeasureAsync(() => exporter.ExportAsync(Trial, folder, blinded: true, head, actor));
            if (result is not { Succeeded: true, Manifest: { } manifest })
            {
                throw new InvalidOperationException($"The export was refused: {result.Rejection?.Message}");
            }

            var bytes = manifest.Files.Sum(f => f.Bytes);
            var odm = manifest.Files.Single(f => f.Name == TrialExporter.OdmFileName).Bytes;
            var perMillion = elapsed.TotalSeconds * 1_000_000 / events;
            Bench.Report(
                $"blinded export ({run}), {participants} participants ({events} events; {bytes / mb:N0} MB written, odm.xml {odm / mb:N0} MB)",
                events / elapsed.TotalSeconds,
                "events/s",
                events / raw.TotalSeconds,
                "raw read of the same rows/s");
            Console.WriteLine(
                $"| export time ({run}) | {elapsed.TotalSeconds:0.00} s | extrapolated to 1,000,000 events: {perMillion:0.0} s | target ≤ 20 s: {(perMillion <= 20 ? "meets" : "misses")} |");
            Console.WriteLine(
                $"| export memory ({run}) | peak working set {peakWorkingSet / mb:N0} MB (before the export {before / mb:N0} MB), peak managed heap {peakManaged / mb:N0} MB | target ≤ 400 MB: {(peakWorkingSet / mb <= 400 ? "meets" : "misses")} |");
            if (run == "warm")
            {
                var verify = await Bench.TimeAsync(async () =>
                {
                    var verification = await exporter.VerifyAsync(folder);
                    if (!verification.Verified)
                    {
                        throw new InvalidOperationException($"The export does not verify: {string.Join("; ", verification.Discrepancies)}");
                    }
                });
                Console.WriteLine($"| verify --export (re-derive and compare) | {verify.TotalSeconds:0.00} s | | |");
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the work while sampling the process's working set and managed heap every 10 ms.</summary>
    private static async Task<(T Result, TimeSpan Elapsed, long Before, long PeakWorkingSet, long PeakManaged)> MeasureAsync<T>(Func<Task<T>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var before = process.WorkingSet64;
        long peakWorkingSet = before;
        long peakManaged = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(10, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var stopwatch = Stopwatch.StartNew();
        var result = await work();
        var elapsed = stopwatch.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        return (result, elapsed, before, peakWorkingSet, peakManaged);
    }
}
