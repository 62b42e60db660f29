using TrialOps.Analysis.Numerics;

namespace TrialOps.Analysis;

/// <summary>A difference with its pooled-variance two-sample t test and confidence interval.</summary>
/// <param name="Method">How it was computed, in words a statistician can re-run.</param>
/// <param name="N">Subjects contributing.</param>
/// <param name="Rows">The ADaM rows used.</param>
public sealed record TestedDifference(
    string Method,
    double Estimate,
    double StandardError,
    double DegreesOfFreedom,
    double T,
    double P,
    double Lower,
    double Upper,
    int N,
    IReadOnlyList<string> Rows);

/// <summary>One subject's two periods of an AB/BA crossover at the analysed time point.</summary>
public sealed record SubjectPeriods(string Subject, bool TreatmentFirst, double Period1, double Period2, IReadOnlyList<string> Rows);

/// <summary>The Hills–Armitage analysis of a two-treatment, two-sequence crossover.</summary>
/// <param name="TreatmentEffect">Treatment − control.</param>
/// <param name="PeriodEffect">Period 1 − period 2.</param>
/// <param name="Carryover">Grizzle's test: mean subject total (period 1 + period 2) of the treatment-first sequence − the control-first sequence. Descriptive only: it never switches the analysis.</param>
public sealed record HillsArmitageResult(
    string Treatment,
    string Control,
    int TreatmentFirst,
    int ControlFirst,
    TestedDifference TreatmentEffect,
    TestedDifference PeriodEffect,
    TestedDifference Carryover,
    IReadOnlyList<SubjectPeriods> Subjects);

/// <summary>
/// Hills and Armitage (1979): in an AB/BA crossover, half the period 1 − period 2 difference of each
/// subject compared between the sequences by a two-sample t test with pooled variance estimates the
/// treatment effect; the same differences with the sign of one sequence flipped estimate the period
/// effect; the subject totals compared between sequences are Grizzle's carryover test. Only subjects
/// with a value in both periods contribute.
/// </summary>
public static class HillsArmitage
{
    public const string TreatmentMethod = "Hills-Armitage: two-sample t test with pooled variance of (period 1 - period 2)/2 between sequences (treatment-first minus control-first); estimate = treatment - control";
    public const string PeriodMethod = "Hills-Armitage period effect: two-sample t test with pooled variance of (period 1 - period 2)/2 in the treatment-first sequence against its negative in the control-first sequence; estimate = period 1 - period 2";
    public const string CarryoverMethod = "Grizzle carryover test: two-sample t test with pooled variance of subject totals (period 1 + period 2) between sequences (treatment-first minus control-first); descriptive, never used to choose the analysis";

    /// <summary>The analysis, or null when a sequence has no complete subject or there are fewer than three in all.</summary>
    public static HillsArmitageResult? Analyze(string treatment, string control, IReadOnlyList<SubjectPeriods> subjects, double confidence = 0.95)
    {
        var first = subjects.Where(s => s.TreatmentFirst).OrderBy(s => s.Subject, StringComparer.Ordinal).ToArray();
        var second = subjects.Where(s => !s.TreatmentFirst).OrderBy(s => s.Subject, StringComparer.Ordinal).ToArray();
        if (first.Length == 0 || second.Length == 0 || first.Length + second.Length < 3) return null;
        var rows = first.Concat(second).SelectMany(s => s.Rows).ToArray();
        var n = first.Length + second.Length;
        return new HillsArmitageResult(
            treatment,
            control,
            first.Length,
            second.Length,
            PooledTTest(TreatmentMethod, first.Select(s => (s.Period1 - s.Period2) / 2), second.Select(s => (s.Period1 - s.Period2) / 2), n, rows, confidence),
            PooledTTest(PeriodMethod, first.Select(s => (s.Period1 - s.Period2) / 2), second.Select(s => -(s.Period1 - s.Period2) / 2), n, rows, confidence),
            PooledTTest(CarryoverMethod, first.Select(s => s.Period1 + s.Period2), second.Select(s => s.Period1 + s.Period2), n, rows, confidence),
            first.Concat(second).ToArray());
    }

    /// <summary>Student's two-sample t test with pooled variance, as R's <c>t.test(x, y, var.equal = TRUE)</c>.</summary>
    public static TestedDifference PooledTTest(string method, IEnumerable<double> x, IEnumerable<double> y, int n, IReadOnlyList<string> rows, double confidence = 0.95)
    {
        var first = x.ToArray();
        var second = y.ToArray();
        var meanFirst = first.Average();
        var meanSecond = second.Average();
        var squares = first.Sum(v => (v - meanFirst) * (v - meanFirst)) + second.Sum(v => (v - meanSecond) * (v - meanSecond));
        var df = first.Length + second.Length - 2;
        var pooledVariance = squares / df;
        var standardError = Math.Sqrt(pooledVariance * (1.0 / first.Length + 1.0 / second.Length));
        var estimate = meanFirst - meanSecond;
        if (!(standardError > 0))
        {
            // Every difference equal (R's t.test stops: "data are essentially constant"): no test, no interval.
            return new TestedDifference(method, estimate, standardError, df, double.NaN, double.NaN, double.NaN, double.NaN, n, rows);
        }
        var t = estimate / standardError;
        var quantile = Distributions.StudentTUpperQuantile((1 - confidence) / 2, df);
        return new TestedDifference(method, estimate, standardError, df, t, Distributions.StudentTTwoSidedP(t, df), estimate - quantile * standardError, estimate + quantile * standardError, n, rows);
    }
}
