using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using TrialOps.Testing;

namespace TrialOps.Cli.Tests;

/// <summary>
/// <c>trialops analyze</c> on a three-treatment Williams crossover (issue 12, "Done when"): KET-NP-01
/// with morphine added and six Williams sequences over three periods, run through demo, users,
/// lock, unblind and analyze as a user would. Its mixed-model comparison of each treatment with the
/// control is what R's lmerTest computes from the exported ADQS, its files are there and
/// well-formed, and its CONSORT flow reconciles with the export's DM, ADSL, SE and DS.
/// </summary>
public sealed class WilliamsAnalyzeCommandTests
{
    private const string Trial = "KET-WIL-03";
    private const string Password = "a-williams-password-7";

    [Fact]
    public async Task analyze_of_a_williams_trial_writes_well_formed_files_agrees_with_r_and_its_consort_flow_reconciles_with_the_export()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"trialops-williams-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var protocol = Path.Combine(folder, "KET-WIL-03.json");
            await File.WriteAllTextAsync(protocol, WilliamsProtocol());
            await CliRunner.SucceedsAsync(db, null, "demo", "--protocol", protocol, "--participants", "18", "--seed", "5");
            await CliRunner.LockAndUnblindAsync(db, Trial, Password, "Williams trial analysed as it stands");
            var output = Path.Combine(folder, "analysis");
            await CliRunner.SucceedsAsync(db, null, "analyze", "--trial", Trial, "--out", output);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "analysis.json")));
            Assert.Equal("trialops.analysis.v1", json.RootElement.GetProperty("format").GetString());
            Assert.Equal(Trial, json.RootElement.GetProperty("trial").GetString());
            Assert.Equal(["PBO", "KET", "MOR"], json.RootElement.GetProperty("treatments").EnumerateArray().Select(t => t.GetString()!).ToArray());
            var report = XDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.html")));
            Assert.Equal("html", report.Root!.Name.LocalName);
            var consort = XDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "consort.svg")));
            Assert.Equal("svg", consort.Root!.Name.LocalName);
            Assert.Equal(6, json.RootElement.GetProperty("consort").GetProperty("sequences").GetArrayLength());

            var endpoint = json.RootElement.GetProperty("endpoints")[0];
            Assert.Equal("PAIN", endpoint.GetProperty("parameter").GetString());
            // Three treatments: no Hills–Armitage, the mixed model for every treatment against the placebo.
            Assert.Equal(0, endpoint.GetProperty("hillsArmitage").GetArrayLength());
            var comparisons = endpoint.GetProperty("mixedModel").GetProperty("comparisons").EnumerateArray()
                .ToDictionary(c => c.GetProperty("treatment").GetString()!, c => c);
            Assert.Equal(["KET", "MOR"], comparisons.Keys.Order(StringComparer.Ordinal).ToArray());
            var r = R(Path.Combine(output, "export", "adqs.xpt"));
            foreach (var (treatment, comparison) in comparisons)
            {
                Assert.Equal("PBO", comparison.GetProperty("control").GetString());
                Assert.Equal(r[$"{treatment}_estimate"], comparison.GetProperty("estimate").GetDouble(), 1e-4);
                Assert.Equal(r[$"{treatment}_se"], comparison.GetProperty("standardError").GetDouble(), 1e-4);
                Assert.Equal(r[$"{treatment}_df"], comparison.GetProperty("degreesOfFreedom").GetDouble(), 1e-2);
                Assert.Equal(r[$"{treatment}_lower"], comparison.GetProperty("lower").GetDouble(), 1e-4);
                Assert.Equal(r[$"{treatment}_upper"], comparison.GetProperty("upper").GetDouble(), 1e-4);
                Assert.Equal(r[$"{treatment}_p"], comparison.GetProperty("p").GetDouble(), 1e-4);
            }

            ConsortReconciliation.Reconciles(output);
            await CliRunner.SucceedsAsync(db, null, "verify", "--export", Path.Combine(output, "export"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>KET-NP-01 with morphine as a third treatment and the sequences of a Williams design (six for three treatments).</summary>
    private static string WilliamsProtocol() =>
        WilliamsTrial.FromKetNp01(File.ReadAllText(CliRunner.SeedProtocol("KET-NP-01.json")), Trial, "Intravenous ketamine versus morphine versus saline for refractory neuropathic pain: a three-period Williams crossover trial");

    /// <summary>lmerTest's AVAL ~ treatment + period + BASE + (1 | subject) on the primary time point of ADQS, placebo the reference, Satterthwaite df.</summary>
    private static Dictionary<string, double> R(string adqs)
    {
        const string script = """
            suppressMessages({ library(haven); library(lmerTest) })
            d <- as.data.frame(read_xpt(commandArgs(trailingOnly = TRUE)[1]))
            d <- d[d$PARAMCD == "PAIN" & d$ANL01FL == "Y" & !is.na(d$AVAL), ]
            d$TRT <- relevel(factor(ifelse(grepl("^Ketamine", d$TRTA), "KET", ifelse(grepl("^Morphine", d$TRTA), "MOR", "PBO"))), ref = "PBO")
            d$PER <- factor(d$APERIOD)
            # The optimizer run to convergence (its default stops near 1e-6 relative), so the reference is exact enough for 1e-4.
            tight <- lmerControl(optCtrl = list(xtol_abs = 1e-12, ftol_abs = 1e-12, xtol_rel = 1e-12, ftol_rel = 1e-12))
            m <- lmer(AVAL ~ TRT + PER + BASE + (1 | USUBJID), data = d, REML = TRUE, control = tight)
            cf <- summary(m)$coefficients
            for (t in c("KET", "MOR")) {
              s <- cf[paste0("TRT", t), ]
              ci <- s["Estimate"] + c(-1, 1) * qt(0.975, s["df"]) * s["Std. Error"]
              out <- c(estimate = unname(s["Estimate"]), se = unname(s["Std. Error"]), df = unname(s["df"]), lower = ci[1], upper = ci[2], p = unname(s["Pr(>|t|)"]))
              for (n in names(out)) cat(paste0(t, "_", n), sprintf("%.17g", out[[n]]), "\n")
            }
            """;
        Assert.True(File.Exists("/usr/bin/Rscript"), "/usr/bin/Rscript is missing; the R comparison needs Debian's r-base-core, r-cran-haven and r-cran-lmertest (bash .ci/run installs them).");
        var start = new ProcessStartInfo("/usr/bin/Rscript") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(adqs);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"Rscript failed: {error.Result}");
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
