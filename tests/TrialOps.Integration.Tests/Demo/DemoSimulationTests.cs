using System.Diagnostics;
using System.Globalization;
using TrialOps.Assessments;
using TrialOps.Integration.Tests.Journey;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Seed;
using Xunit.Abstractions;
using static TrialOps.Integration.Tests.Journey.JourneySupport;

namespace TrialOps.Integration.Tests.Demo;

/// <summary>
/// The demo's data can test an analysis: over 20 seeds of a 24-participant KET-NP-01 trial the
/// Hills–Armitage estimate (computed by R, not by TrialOps) covers the simulated effect, placebo
/// periods have responders and every baseline is eligible; and a real demo run records exactly what
/// the pure model says.
/// </summary>
public sealed class DemoSimulationTests(JourneyFixture fixture, ITestOutputHelper output) : IClassFixture<JourneyFixture>
{
    private const int Participants = 24;

    private static readonly ProtocolDefinition Ket = ProtocolFile.Parse(TrialDesignSupport.KetBytes).Definition!;

    [Fact]
    public async Task over_twenty_seeds_the_hills_armitage_interval_computed_by_r_covers_the_simulated_effect()
    {
        var effects = DemoEffects.DefaultsFor(Ket);
        var (assessment, time) = DemoModel.PrimaryEndpoint(Ket)!.Value;
        var truth = DemoModel.TrueDifference(effects, assessment.Scale!, "KET", "PBO", time.AfterDosingStart);
        var rows = Enumerable.Range(1, 20).SelectMany(seed => Simulate(effects, seed, assessment, time)).ToList();

        var folder = Directory.CreateTempSubdirectory("demo-coverage-");
        try
        {
            var data = Path.Combine(folder.FullName, "endpoint.csv");
            await File.WriteAllLinesAsync(data, ["seed,subject,sequence,period,treatment,predose,primary", .. rows.Select(r => string.Join(',', r.Seed, r.Subject, r.Sequence, r.Period, r.Treatment, Text(r.PreDose), Text(r.Primary)))]);
            var estimates = Path.Combine(folder.FullName, "estimates.csv");
            var responders = Path.Combine(folder.FullName, "responders.csv");
            await RunRAsync(HillsArmitageScript, data, estimates, responders);

            var intervals = (await File.ReadAllLinesAsync(estimates)).Skip(1).Select(l => l.Split(',').Select(Number).ToArray()).ToArray();
            Assert.Equal(20, intervals.Length);
            Assert.All(intervals, i => Assert.InRange(i[1], 16, Participants));
            var covering = intervals.Count(i => i[3] <= truth && truth <= i[4]);
            output.WriteLine($"true KET - PBO at {time.Iso}: {truth:0.00}; covered in {covering} of 20 seeds");
            foreach (var i in intervals)
            {
                output.WriteLine($"seed {i[0]}: n = {i[1]}, estimate {i[2]:0.00} [{i[3]:0.00}, {i[4]:0.00}]");
            }

            Assert.True(covering >= 15, $"the 95 % interval covers the true effect {truth:0.00} in {covering} of 20 seeds: {string.Join("; ", intervals.Select(i => $"{i[2]:0.0} [{i[3]:0.0}, {i[4]:0.0}]"))}");

            // The pooled data has placebo responders (a 30 % reduction at the primary time), fewer than on ketamine.
            var rates = (await File.ReadAllLinesAsync(responders)).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0].Trim('"'), f => Number(f[3]));
            output.WriteLine(string.Join("; ", rates.Select(r => $"{r.Key} responders {r.Value:P1}")));
            Assert.InRange(rates["PBO"], 0.05, 0.6);
            Assert.True(rates["KET"] > rates["PBO"], $"responders: ketamine {rates["KET"]:P0}, placebo {rates["PBO"]:P0}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        Assert.True(truth < -5, $"the simulated effect at {time.Iso} is {truth:0.0} mm");
        Assert.All(rows, r => Assert.InRange(r.PreDose, 40m, 100m));
        Assert.True(rows.Select(r => r.PreDose).Distinct().Count() > 30, "baselines vary between participants");
    }

    [Fact]
    public Task a_real_demo_run_records_what_the_pure_model_says_for_its_seed() =>
        DemoRecordsTheModelAsync(TrialDesignSupport.WithCode("SIM-MODEL"), Participants, seed: 5, """{ "periodEffect": -4 }""");

    [Fact]
    public Task a_real_williams_demo_with_its_own_effect_per_treatment_and_carryover_records_what_the_pure_model_says() =>
        DemoRecordsTheModelAsync(
            ProtocolVariants.File("PHN-WILLIAMS3"),
            12,
            seed: 9,
            """{ "treatments": { "KET": { "peak": 25, "carryover": 2 }, "MOR": { "peak": 8, "halfLife": "PT2H", "dropout": 0.2 } } }""");

    private async Task DemoRecordsTheModelAsync(byte[] file, int participants, int seed, string effectsFile)
    {
        var protocol = ProtocolFile.Parse(file).Definition!;
        var code = protocol.Code.ToString();
        var parsed = DemoEffectsFile.Parse(System.Text.Encoding.UTF8.GetBytes(effectsFile), protocol);
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));

        var report = await DemoTrial.RunAsync(fixture.Runtime, file, new DemoOptions(participants, seed, Effects: parsed.Effects));
        await CatchUpAsync(fixture);

        var roles = DemoModel.Plan(participants, seed);
        var compared = 0;
        for (var index = 0; index < participants; index++)
        {
            var outcome = report.Participants[index];
            var subject = SubjectNumber.Parse(outcome.Subject);
            if (roles[index].ScreenFailure)
            {
                Assert.Equal(ParticipantStatus.ScreenFailed, outcome.Status);
                continue;
            }

            var recorded = await RecordedValuesAsync(protocol.Code, subject);
            var adverseEvents = (await fixture.AdverseEventRegister.GetAdverseEventsAsync(code, outcome.Subject)).Where(a => !a.Serious).ToArray();
            var model = DemoModel.Participant(protocol, parsed.Effects!, seed, roles[index]);
            string? previous = null;
            var expectedStatus = ParticipantStatus.Completed;
            for (var period = 1; period <= protocol.PeriodCount; period++)
            {
                var treatment = (await fixture.SessionDoseViews.GetPharmacyDoseAsync(TrialDesignSupport.Pharmacist, protocol.Code, subject, period))!.TreatmentCode;
                var simulated = model.Period(period, treatment, previous);
                previous = treatment;
                Assert.Equal(
                    simulated.Values.Select(v => (v.Assessment, v.Timepoint, v.Value)).Order(),
                    recorded.Where(r => r.Key.Period == period).Select(r => (r.Key.Assessment, r.Key.Timepoint, r.Value)).Order());
                Assert.Equal(simulated.AdverseEvents.Select(t => t.Term).Order(), adverseEvents.Where(a => a.Period == period).Select(a => a.Term).Order());
                compared += simulated.Values.Count;
                if (simulated.LeavesAfter)
                {
                    Assert.DoesNotContain(recorded.Keys, k => k.Period > period);
                    expectedStatus = ParticipantStatus.Withdrawn;
                    break;
                }
            }

            Assert.Equal(expectedStatus, outcome.Status);
        }

        Assert.True(compared > 5 * participants, $"{compared} values compared");
    }

    /// <summary>The current scale values of a participant (a correction replaces the value it corrects).</summary>
    private async Task<Dictionary<(int Period, string Assessment, string Timepoint), decimal>> RecordedValuesAsync(ProtocolCode code, SubjectNumber subject)
    {
        var values = new Dictionary<(int, string, string), decimal>();
        foreach (var stored in await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, subject)))
        {
            switch (stored.Data)
            {
                case ScaleAssessmentRecorded r:
                    values[(r.Period, r.AssessmentCode, r.Timepoint)] = r.Value;
                    break;
                case ScaleAssessmentCorrected c:
                    values[(c.Period, c.AssessmentCode, c.Timepoint)] = c.Value;
                    break;
            }
        }

        return values;
    }

    private sealed record EndpointRow(int Seed, int Subject, string Sequence, int Period, string Treatment, decimal PreDose, decimal Primary);

    /// <summary>
    /// One seed's trial through the pure model: the demo's participant roles, sequences from permuted
    /// blocks of twice the sequence count (as the protocol's randomization would), each period until
    /// the participant leaves.
    /// </summary>
    private static IEnumerable<EndpointRow> Simulate(DemoEffects effects, int seed, AssessmentDefinition assessment, AssessmentTime time)
    {
        var random = new Random(seed);
        var block = new List<TreatmentSequence>();
        foreach (var role in DemoModel.Plan(Participants, seed).Where(r => !r.ScreenFailure))
        {
            if (block.Count == 0)
            {
                block = [.. Ket.Sequences, .. Ket.Sequences];
                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(block));
            }

            var sequence = block[^1];
            block.RemoveAt(block.Count - 1);
            var model = DemoModel.Participant(Ket, effects, seed, role);
            string? previous = null;
            for (var period = 1; period <= Ket.PeriodCount; period++)
            {
                var treatment = sequence.TreatmentCodes[period - 1];
                var simulated = model.Period(period, treatment, previous);
                previous = treatment;
                yield return new EndpointRow(seed, role.Index, sequence.ToString(), period, treatment, simulated.ValueOf(assessment.Code, TimeSpan.Zero), simulated.ValueOf(assessment.Code, time.AfterDosingStart));
                if (simulated.LeavesAfter)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Hills–Armitage: per participant the difference period 1 − period 2, compared between the
    /// sequences with a two-sample t test (equal variances); half the difference of the sequences'
    /// means (KET/PBO minus PBO/KET) estimates KET − PBO, half the t interval is its 95 % interval.
    /// Also the responders (a reduction of 30 % or more from the period's pre-dose value) by treatment.
    /// </summary>
    private const string HillsArmitageScript = """
        args <- commandArgs(trailingOnly = TRUE)
        d <- read.csv(args[1], stringsAsFactors = FALSE)
        per_seed <- lapply(split(d, d$seed), function(s) {
          p1 <- s[s$period == 1, c("subject", "sequence", "primary")]
          p2 <- s[s$period == 2, c("subject", "primary")]
          w <- merge(p1, p2, by = "subject", suffixes = c(".1", ".2"))
          w$difference <- w$primary.1 - w$primary.2
          w$sequence <- factor(w$sequence, levels = c("KET/PBO", "PBO/KET"))
          tt <- t.test(difference ~ sequence, data = w, var.equal = TRUE, conf.level = 0.95)
          data.frame(seed = s$seed[1], n = nrow(w),
                     estimate = unname(tt$estimate[1] - tt$estimate[2]) / 2,
                     lower = tt$conf.int[1] / 2, upper = tt$conf.int[2] / 2)
        })
        write.csv(do.call(rbind, per_seed), args[2], row.names = FALSE)
        d$responder <- d$primary <= 0.7 * d$predose
        r <- aggregate(responder ~ treatment, data = d, FUN = function(x) c(n = length(x), k = sum(x)))
        write.csv(data.frame(treatment = r$treatment, n = r$responder[, "n"], responders = r$responder[, "k"],
                             rate = r$responder[, "k"] / r$responder[, "n"]), args[3], row.names = FALSE)
        """;

    private static async Task RunRAsync(string script, params string[] args)
    {
        var file = Path.Combine(Path.GetDirectoryName(args[0])!, "analysis.R");
        await File.WriteAllTextAsync(file, script);
        var start = new ProcessStartInfo("Rscript") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--vanilla");
        start.ArgumentList.Add(file);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Rscript did not start (r-base-core is needed).");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"Rscript failed: {await error}{await output}");
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Number(string text) => double.Parse(text.Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
