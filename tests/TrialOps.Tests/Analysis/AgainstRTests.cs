using TrialOps.Analysis;
using static TrialOps.Tests.Analysis.CrossoverData;

namespace TrialOps.Tests.Analysis;

/// <summary>
/// Issue 12, item 4: the analysis checked against R, not against ourselves. The same rows go
/// through R (lmerTest::lmer with Satterthwaite df, nlme::lme, t.test, binom.test, Newcombe's
/// formula written out in R) and the numbers must agree: the mixed model to 1e-4, Hills–Armitage
/// and McNemar to printing precision.
/// </summary>
public class AgainstRTests
{
    private const double Exact = 1e-9;
    private const double Model = 1e-4;

    private static AnalysisInput Input(IReadOnlyList<ScaleObservation> rows, AnalysisVariable variable, bool baseline) => new(
        "KET-NP-01",
        "test rows",
        Placebo,
        [new EndpointInput("PAIN", "Pain intensity (VAS, mm)", "60 MIN", variable, baseline, rows)],
        Exposure(rows),
        [],
        new ConsortCounts(0, [], 0, []));

    private static void Close(double expected, double actual, double tolerance, string what)
    {
        var scale = Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"{what}: R {expected:R}, TrialOps {actual:R}");
    }

    private static void AssertHillsArmitageMatchesR(IReadOnlyList<ScaleObservation> rows, Func<ScaleObservation, double?> response, HillsArmitageResult result)
    {
        var r = RReference.Run("ha", ModelCsv(rows, response, Placebo));
        Assert.Equal((int)r["n.first"], result.TreatmentFirst);
        Assert.Equal((int)r["n.second"], result.ControlFirst);
        foreach (var (name, tested) in new[] { ("treatment", result.TreatmentEffect), ("period", result.PeriodEffect), ("carryover", result.Carryover) })
        {
            Close(r[$"{name}.estimate"], tested.Estimate, Exact, $"{name} estimate");
            Close(r[$"{name}.se"], tested.StandardError, Exact, $"{name} SE");
            Close(r[$"{name}.df"], tested.DegreesOfFreedom, Exact, $"{name} df");
            Close(r[$"{name}.t"], tested.T, Exact, $"{name} t");
            Close(r[$"{name}.p"], tested.P, Exact, $"{name} p");
            Close(r[$"{name}.lower"], tested.Lower, Exact, $"{name} lower limit");
            Close(r[$"{name}.upper"], tested.Upper, Exact, $"{name} upper limit");
        }
    }

    private static void AssertMixedModelMatchesR(IReadOnlyList<ScaleObservation> rows, Func<ScaleObservation, double?> response, bool baseline, MixedModelResult model, bool onBoundary = false)
    {
        var r = RReference.Run("lmm", ModelCsv(rows, response, Placebo), baseline ? "baseline" : "none");
        Assert.Equal(r.Keys.Count(k => k.StartsWith("lmer.estimate.", StringComparison.Ordinal)), model.Coefficients.Count);
        for (var k = 0; k < model.Coefficients.Count; k++)
        {
            var c = model.Coefficients[k];
            var index = k + 1;
            Close(r[$"lmer.estimate.{index}"], c.Estimate, Model, $"{c.Name} estimate (lmer)");
            Close(r[$"lme.estimate.{index}"], c.Estimate, Model, $"{c.Name} estimate (lme)");
            Close(r[$"lmer.se.{index}"], c.StandardError, Model, $"{c.Name} SE (lmer)");
            Close(r[$"lme.se.{index}"], c.StandardError, Model, $"{c.Name} SE (lme)");
            Close(r[$"lmer.df.{index}"], c.DegreesOfFreedom, Model, $"{c.Name} Satterthwaite df");
            Close(r[$"lmer.p.{index}"], c.P, Model, $"{c.Name} p");
            Close(r[$"lmer.lower.{index}"], c.Lower, Model, $"{c.Name} lower limit");
            Close(r[$"lmer.upper.{index}"], c.Upper, Model, $"{c.Name} upper limit");
        }
        Close(r["lmer.subject.variance"], model.SubjectVariance, Model, "between-subject variance");
        Close(r["lmer.residual.variance"], model.ResidualVariance, Model, "residual variance");
        Close(r["lmer.reml"], model.RemlCriterion, Model, "REML criterion");
        Assert.Equal(onBoundary, model.SubjectVarianceOnBoundary);
    }

    [Fact]
    public void balanced_ab_ba_hills_armitage_period_and_carryover_equal_r_t_tests()
    {
        var rows = Generate(11, AbBa, [6, 6], new Dictionary<string, double> { ["KET"] = -14, [Placebo] = 0 });

        var endpoint = CrossoverAnalysis.Analyze(Input(rows, AnalysisVariable.Value, baseline: false)).Endpoints.Single();

        var result = Assert.Single(endpoint.HillsArmitage);
        Assert.Equal(12, result.TreatmentEffect.N);
        Assert.Equal(24, result.TreatmentEffect.Rows.Count);
        AssertHillsArmitageMatchesR(rows, o => o.Value, result);
    }

    [Fact]
    public void balanced_ab_ba_mixed_model_equals_lmer_with_satterthwaite_and_lme()
    {
        var rows = Generate(11, AbBa, [6, 6], new Dictionary<string, double> { ["KET"] = -14, [Placebo] = 0 });

        var model = CrossoverAnalysis.Analyze(Input(rows, AnalysisVariable.Value, baseline: false)).Endpoints.Single().MixedModel!;

        AssertMixedModelMatchesR(rows, o => o.Value, baseline: false, model);
        var ketamine = Assert.Single(model.Comparisons);
        Assert.Equal("KET", ketamine.Treatment);
        // In a complete AB/BA design the mixed model's treatment effect is the Hills–Armitage one.
        var hillsArmitage = CrossoverAnalysis.Analyze(Input(rows, AnalysisVariable.Value, baseline: false)).Endpoints.Single().HillsArmitage.Single();
        Close(hillsArmitage.TreatmentEffect.Estimate, ketamine.Estimate, 1e-9, "complete-data treatment effect");
    }

    [Fact]
    public void unbalanced_ab_ba_with_missing_periods_change_from_baseline_equals_r()
    {
        var missing = new HashSet<(int, int)> { (2, 2), (5, 2), (9, 1), (12, 2) };
        var rows = Generate(23, AbBa, [8, 6], new Dictionary<string, double> { ["KET"] = -11, [Placebo] = 0 }, missing);

        var endpoint = CrossoverAnalysis.Analyze(Input(rows, AnalysisVariable.Change, baseline: false)).Endpoints.Single();

        Assert.Equal(24, endpoint.MixedModel!.Observations);
        Assert.Equal(14, endpoint.MixedModel.Subjects);
        Assert.Equal(rows.Select(o => o.RowId), endpoint.MixedModel.Rows);
        AssertMixedModelMatchesR(rows, o => o.Change, baseline: false, endpoint.MixedModel);
        var hillsArmitage = Assert.Single(endpoint.HillsArmitage);
        Assert.Equal(10, hillsArmitage.TreatmentEffect.N);
        AssertHillsArmitageMatchesR(rows, o => o.Change, hillsArmitage);
    }

    [Fact]
    public void williams_three_treatments_with_period_baseline_and_missing_periods_equals_r()
    {
        var missing = new HashSet<(int, int)> { (3, 3), (8, 2), (14, 3) };
        var rows = Generate(5, Williams3, [3, 3, 3, 3, 3, 3], new Dictionary<string, double> { ["KET"] = -15, ["MGC"] = -4, [Placebo] = 0 }, missing);

        var endpoint = CrossoverAnalysis.Analyze(Input(rows, AnalysisVariable.Value, baseline: true)).Endpoints.Single();

        Assert.Empty(endpoint.HillsArmitage);
        Assert.Contains(endpoint.NotDone, line => line.StartsWith("Hills-Armitage: needs two treatments", StringComparison.Ordinal));
        var model = endpoint.MixedModel!;
        Assert.Equal(["(Intercept)", "treatment KET", "treatment MGC", "period 2", "period 3", "baseline"], model.Coefficients.Select(c => c.Name));
        Assert.Equal(["KET", "MGC"], model.Comparisons.Select(c => c.Treatment));
        AssertMixedModelMatchesR(rows, o => o.Value, baseline: true, model);
    }

    [Fact]
    public void without_between_subject_variation_the_boundary_fit_equals_lmer_and_lme()
    {
        // REML puts σ²_b at 0 for some seeds when subjects do not differ; take the first such seed.
        var (rows, model) = Enumerable.Range(1, 40)
            .Select(seed => Generate(seed, AbBa, [6, 5], new Dictionary<string, double> { ["KET"] = -10, [Placebo] = 0 }, subjectSd: 0))
            .Select(rows => (rows, model: CrossoverAnalysis.Analyze(Input(rows, AnalysisVariable.Value, baseline: false)).Endpoints.Single().MixedModel!))
            .First(fit => fit.model.SubjectVarianceOnBoundary);

        Assert.Equal(0, model.SubjectVariance);
        AssertMixedModelMatchesR(rows, o => o.Value, baseline: false, model, onBoundary: true);
    }

    [Fact]
    public void mcnemar_exact_and_newcombe_interval_equal_r_including_ties_and_lopsided_tables()
    {
        (int Both, int TreatmentOnly, int ControlOnly, int Neither)[] tables =
        [
            (5, 7, 1, 3), (2, 4, 4, 6), (0, 9, 0, 3), (10, 1, 2, 0), (3, 12, 5, 20), (0, 1, 0, 0), (6, 0, 3, 6),
        ];
        var csv = "both,treatment_only,control_only,neither\n" + string.Concat(tables.Select(t => $"{t.Both},{t.TreatmentOnly},{t.ControlOnly},{t.Neither}\n"));

        var r = RReference.Run("paired", csv);

        for (var k = 0; k < tables.Length; k++)
        {
            var result = PairedProportions.Analyze("responder", "KET", Placebo, Pairs(tables[k]), harm: false)!;
            Close(r[$"mcnemar.{k + 1}"], result.McNemarExactP, Exact, $"McNemar exact p of table {k + 1}");
            Close(r[$"difference.{k + 1}"], result.RiskDifference, Exact, $"risk difference of table {k + 1}");
            Close(r[$"lower.{k + 1}"], result.Lower, Exact, $"Newcombe lower limit of table {k + 1}");
            Close(r[$"upper.{k + 1}"], result.Upper, Exact, $"Newcombe upper limit of table {k + 1}");
        }
        // Ties: as many discordant pairs each way is no evidence at all.
        Assert.Equal(1.0, PairedProportions.Analyze("responder", "KET", Placebo, Pairs(tables[1]), harm: false)!.McNemarExactP);
    }

    [Fact]
    public void without_discordant_pairs_mcnemar_p_is_one_and_newcombe_still_equals_r()
    {
        (int, int, int, int)[] tables = [(4, 0, 0, 8), (12, 0, 0, 0)];
        var csv = "both,treatment_only,control_only,neither\n" + string.Concat(tables.Select(t => $"{t.Item1},{t.Item2},{t.Item3},{t.Item4}\n"));

        var r = RReference.Run("paired", csv);

        for (var k = 0; k < tables.Length; k++)
        {
            var result = PairedProportions.Analyze("responder", "KET", Placebo, Pairs(tables[k]), harm: false)!;
            Assert.Equal(1.0, result.McNemarExactP);
            Assert.Equal(0.0, result.RiskDifference);
            Close(r[$"lower.{k + 1}"], result.Lower, Exact, $"Newcombe lower limit of table {k + 1}");
            Close(r[$"upper.{k + 1}"], result.Upper, Exact, $"Newcombe upper limit of table {k + 1}");
            Assert.False(result.NumberNeeded.Estimable);
            Assert.Null(result.NumberNeeded.Value);
        }
    }

    internal static PairedOutcome[] Pairs((int Both, int TreatmentOnly, int ControlOnly, int Neither) table)
    {
        var pairs = new List<PairedOutcome>();
        void Add(int count, bool treatment, bool control)
        {
            for (var i = 0; i < count; i++) pairs.Add(new PairedOutcome($"S-{pairs.Count + 1:D3}", treatment, control, [$"ADQS:{2 * pairs.Count + 1}", $"ADQS:{2 * pairs.Count + 2}"]));
        }
        Add(table.Both, true, true);
        Add(table.TreatmentOnly, true, false);
        Add(table.ControlOnly, false, true);
        Add(table.Neither, false, false);
        return [.. pairs];
    }
}
