using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TrialOps.Testing;

namespace TrialOps.Cli.Tests;

/// <summary>
/// <c>trialops analyze</c> on a demo trial (issue 12): refused before unblinding with the reason;
/// afterwards its Hills–Armitage and mixed-model numbers are those R computes from the ADaM file of
/// the export the analysis was derived from (haven reads the XPT, t.test and lmerTest::lmer
/// analyse it), and its CONSORT counts reconcile with that export's DM and ADSL.
/// </summary>
public sealed class AnalyzeCommandTests
{
    private const string Trial = "KET-NP-01";
    private const string Password = "an-analysis-password-7";

    [Fact]
    public async Task analyze_is_refused_before_unblinding_and_afterwards_agrees_with_r_on_the_exported_adam()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"trialops-analyze-{Guid.NewGuid():N}");
        try
        {
            await CliRunner.SucceedsAsync(db, null, "demo", "--protocol", CliRunner.SeedProtocol("KET-NP-01.json"), "--participants", "16", "--seed", "11");
            var early = await CliRunner.RunAsync(new Dictionary<string, string?> { ["TRIALOPS_CONNECTION"] = db.ConnectionString }, null, "analyze", "--trial", Trial, "--out", Path.Combine(folder, "early"));
            Assert.NotEqual(0, early.ExitCode);
            Assert.Contains("unblind", early.Error, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("   at ", early.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(folder, "early", "export")));

            await CliRunner.LockAndUnblindAsync(db, Trial, Password, "Demo trial analysed as it stands");
            var output = Path.Combine(folder, "analysis");
            await CliRunner.SucceedsAsync(db, null, "analyze", "--trial", Trial, "--out", output);

            foreach (var file in new[] { "analysis.json", "report.html", "consort.svg" })
            {
                Assert.True(File.Exists(Path.Combine(output, file)), file);
            }

            await CliRunner.SucceedsAsync(db, null, "verify", "--export", Path.Combine(output, "export"));
            var again = await CliRunner.RunAsync(new Dictionary<string, string?> { ["TRIALOPS_CONNECTION"] = db.ConnectionString }, null, "analyze", "--trial", Trial, "--out", output);
            Assert.NotEqual(0, again.ExitCode);
            Assert.Contains("not empty", again.Error, StringComparison.Ordinal);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "analysis.json")));
            var endpoint = json.RootElement.GetProperty("endpoints")[0];
            Assert.Equal("PAIN", endpoint.GetProperty("parameter").GetString());
            var hillsArmitage = endpoint.GetProperty("hillsArmitage")[0].GetProperty("treatmentEffect");
            var mixed = endpoint.GetProperty("mixedModel").GetProperty("comparisons")[0];
            var r = R(Path.Combine(output, "export", "adqs.xpt"));
            Assert.Equal(r["ha_estimate"], hillsArmitage.GetProperty("estimate").GetDouble(), 1e-9);
            Assert.Equal(r["ha_lower"], hillsArmitage.GetProperty("lower").GetDouble(), 1e-9);
            Assert.Equal(r["ha_upper"], hillsArmitage.GetProperty("upper").GetDouble(), 1e-9);
            Assert.Equal(r["ha_p"], hillsArmitage.GetProperty("p").GetDouble(), 1e-9);
            Assert.Equal(r["lmm_estimate"], mixed.GetProperty("estimate").GetDouble(), 1e-4);
            Assert.Equal(r["lmm_se"], mixed.GetProperty("standardError").GetDouble(), 1e-4);
            Assert.Equal(r["lmm_lower"], mixed.GetProperty("lower").GetDouble(), 1e-4);
            Assert.Equal(r["lmm_upper"], mixed.GetProperty("upper").GetDouble(), 1e-4);

            // CONSORT reconciles with the export: everyone in DM screened, everyone in ADSL randomized and allocated once.
            var consort = json.RootElement.GetProperty("consort");
            var dmRows = File.ReadAllLines(Path.Combine(output, "export", "dm.csv")).Length - 1;
            var adslRows = File.ReadAllLines(Path.Combine(output, "export", "adsl.csv")).Length - 1;
            Assert.Equal(dmRows, consort.GetProperty("screened").GetInt32());
            Assert.Equal(adslRows, consort.GetProperty("randomized").GetInt32());
            Assert.Equal(adslRows, consort.GetProperty("sequences").EnumerateArray().Sum(s => s.GetProperty("allocated").GetInt32()));
            Assert.Equal(dmRows - adslRows, consort.GetProperty("excluded").EnumerateArray().Sum(e => e.GetProperty("count").GetInt32()));
            Assert.All(consort.GetProperty("excluded").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("reason").GetString())));
            ConsortReconciliation.Reconciles(output);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// R's own analysis of the primary time point in ADQS: Hills–Armitage as a pooled-variance
    /// t test of the halved period differences between the sequences (ketamine first minus placebo
    /// first), and lmerTest's mixed model AVAL ~ treatment + period + BASE + (1 | subject).
    /// </summary>
    private static Dictionary<string, double> R(string adqs)
    {
        const string script = """
            suppressMessages({ library(haven); library(lmerTest) })
            d <- as.data.frame(read_xpt(commandArgs(trailingOnly = TRUE)[1]))
            d <- d[d$PARAMCD == "PAIN" & d$ANL01FL == "Y" & !is.na(d$AVAL), ]
            p1 <- d[d$APERIOD == 1, c("USUBJID", "TRTSEQP", "AVAL")]
            p2 <- d[d$APERIOD == 2, c("USUBJID", "AVAL")]
            both <- merge(p1, p2, by = "USUBJID", suffixes = c(".1", ".2"))
            both$half <- (both$AVAL.1 - both$AVAL.2) / 2
            first <- both$half[startsWith(both$TRTSEQP, "KET")]
            second <- both$half[startsWith(both$TRTSEQP, "PBO")]
            ha <- t.test(first, second, var.equal = TRUE)
            d$TRT <- relevel(factor(ifelse(grepl("^Ketamine", d$TRTA), "KET", "PBO")), ref = "PBO")
            d$PER <- factor(d$APERIOD)
            # The optimizer run to convergence (its default stops near 1e-6 relative), so the reference is exact enough for 1e-4.
            tight <- lmerControl(optCtrl = list(xtol_abs = 1e-12, ftol_abs = 1e-12, xtol_rel = 1e-12, ftol_rel = 1e-12))
            m <- lmer(AVAL ~ TRT + PER + BASE + (1 | USUBJID), data = d, REML = TRUE, control = tight)
            s <- summary(m)$coefficients["TRTKET", ]
            ci <- s["Estimate"] + c(-1, 1) * qt(0.975, s["df"]) * s["Std. Error"]
            out <- c(ha_estimate = unname(ha$estimate[1] - ha$estimate[2]), ha_lower = ha$conf.int[1], ha_upper = ha$conf.int[2], ha_p = ha$p.value,
                     lmm_estimate = unname(s["Estimate"]), lmm_se = unname(s["Std. Error"]), lmm_lower = ci[1], lmm_upper = ci[2])
            for (n in names(out)) cat(n, sprintf("%.17g", out[[n]]), "\n")
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
