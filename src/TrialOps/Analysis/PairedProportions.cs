using TrialOps.Analysis.Numerics;

namespace TrialOps.Analysis;

/// <summary>One subject's yes/no outcome on the treatment and on the control.</summary>
public sealed record PairedOutcome(string Subject, bool OnTreatment, bool OnControl, IReadOnlyList<string> Rows);

/// <summary>
/// A number needed to treat (benefit) or harm, from a risk difference and its confidence interval.
/// When the interval includes zero the number is not estimable (Altman 1998's disjoint interval is
/// not reported), and <see cref="Statement"/> says so.
/// </summary>
/// <param name="Kind">NNT or NNH.</param>
/// <param name="Value">1 / |risk difference|, null when the difference is zero.</param>
/// <param name="Lower">Lower confidence limit, null when not estimable.</param>
/// <param name="Upper">Upper confidence limit, null when not estimable.</param>
public sealed record NumberNeeded(string Kind, bool Estimable, double? Value, double? Lower, double? Upper, string Statement);

/// <summary>Paired proportions on treatment and control with McNemar's exact test, Newcombe's CI and NNT/NNH.</summary>
/// <param name="Outcome">What a "yes" is (a response criterion or an adverse-event category).</param>
/// <param name="Both">Yes on both.</param>
/// <param name="TreatmentOnly">Yes on the treatment only (discordant).</param>
/// <param name="ControlOnly">Yes on the control only (discordant).</param>
/// <param name="Neither">Yes on neither.</param>
/// <param name="McNemarExactP">Exact two-sided McNemar p: the binomial test of TreatmentOnly among the discordant pairs with p = 1/2.</param>
/// <param name="RiskDifference">Proportion on treatment − proportion on control.</param>
public sealed record PairedProportionResult(
    string Outcome,
    string Treatment,
    string Control,
    int N,
    int Both,
    int TreatmentOnly,
    int ControlOnly,
    int Neither,
    double ProportionTreatment,
    double ProportionControl,
    string McNemarMethod,
    double McNemarExactP,
    string RiskDifferenceMethod,
    double RiskDifference,
    double Lower,
    double Upper,
    NumberNeeded NumberNeeded,
    IReadOnlyList<string> Rows);

/// <summary>
/// Paired binary outcomes of a crossover: each subject is their own control.
/// <para>
/// Newcombe (1998), "Improved confidence intervals for the difference between binomial proportions
/// based on paired data", Stat Med 17:2635–2650, method 10: the Wilson score limits (l₁, u₁) and
/// (l₂, u₂) of the two marginal proportions are combined with the phi coefficient φ of the 2×2
/// table: L = θ − √((p₁−l₁)² − 2φ(p₁−l₁)(u₂−p₂) + (u₂−p₂)²),
/// U = θ + √((u₁−p₁)² − 2φ(u₁−p₁)(p₂−l₂) + (p₂−l₂)²), with φ = (ad − bc)/√(efgh) over the margins
/// e, f, g, h, taken as 0 when a margin is 0.
/// </para>
/// </summary>
public static class PairedProportions
{
    public const string McNemarMethod = "McNemar exact: two-sided binomial test of the discordant pairs with p = 1/2 (as R binom.test); p = 1 without discordant pairs";
    public const string NewcombeMethod = "Newcombe (1998) method 10: paired difference of proportions, Wilson score limits without continuity correction combined with the phi coefficient";

    /// <summary>The paired analysis, or null without any subject.</summary>
    public static PairedProportionResult? Analyze(string outcome, string treatment, string control, IReadOnlyList<PairedOutcome> subjects, bool harm, double confidence = 0.95)
    {
        var n = subjects.Count;
        if (n == 0) return null;
        var both = subjects.Count(s => s.OnTreatment && s.OnControl);
        var treatmentOnly = subjects.Count(s => s.OnTreatment && !s.OnControl);
        var controlOnly = subjects.Count(s => !s.OnTreatment && s.OnControl);
        var neither = n - both - treatmentOnly - controlOnly;
        var (difference, lower, upper) = NewcombeInterval(both, treatmentOnly, controlOnly, neither, confidence);
        var rows = subjects.OrderBy(s => s.Subject, StringComparer.Ordinal).SelectMany(s => s.Rows).ToArray();
        return new PairedProportionResult(
            outcome,
            treatment,
            control,
            n,
            both,
            treatmentOnly,
            controlOnly,
            neither,
            (double)(both + treatmentOnly) / n,
            (double)(both + controlOnly) / n,
            McNemarMethod,
            Distributions.BinomialTwoSidedHalf(treatmentOnly, treatmentOnly + controlOnly),
            NewcombeMethod,
            difference,
            lower,
            upper,
            Needed(difference, lower, upper, harm),
            rows);
    }

    /// <summary>Newcombe's method 10 interval for p₁ − p₂ from the 2×2 paired table (a both, b first only, c second only, d neither).</summary>
    public static (double Difference, double Lower, double Upper) NewcombeInterval(int a, int b, int c, int d, double confidence = 0.95)
    {
        var n = a + b + c + d;
        var z = Distributions.NormalQuantile(1 - (1 - confidence) / 2);
        var p1 = (double)(a + b) / n;
        var p2 = (double)(a + c) / n;
        var (l1, u1) = Wilson(a + b, n, z);
        var (l2, u2) = Wilson(a + c, n, z);
        var margins = (double)(a + b) * (c + d) * (a + c) * (b + d);
        var phi = margins == 0 ? 0 : ((double)a * d - (double)b * c) / Math.Sqrt(margins);
        var difference = p1 - p2;
        var below = Math.Sqrt(Math.Max(0, (p1 - l1) * (p1 - l1) - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) * (u2 - p2)));
        var above = Math.Sqrt(Math.Max(0, (u1 - p1) * (u1 - p1) - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) * (p2 - l2)));
        return (difference, difference - below, difference + above);
    }

    /// <summary>Wilson's score interval for k of n without continuity correction.</summary>
    public static (double Lower, double Upper) Wilson(int k, int n, double z)
    {
        var p = (double)k / n;
        var centre = 2 * n * p + z * z;
        var spread = z * Math.Sqrt(z * z + 4 * n * p * (1 - p));
        var denominator = 2 * (n + z * z);
        return ((centre - spread) / denominator, (centre + spread) / denominator);
    }

    /// <summary>
    /// NNT for a benefit outcome (responders) or NNH for a harm outcome (adverse events): 1/|RD|,
    /// with limits 1/upper and 1/lower of the risk difference when its interval excludes zero.
    /// A response difference below zero is reported as a number needed to harm and an adverse-event
    /// difference below zero as a number needed to treat, so the kind always says which way it goes.
    /// </summary>
    public static NumberNeeded Needed(double difference, double lower, double upper, bool harm)
    {
        var favoursMore = difference >= 0;
        var kind = harm == favoursMore ? "NNH" : "NNT";
        double? value = difference == 0 ? null : 1 / Math.Abs(difference);
        if (lower <= 0 && upper >= 0)
        {
            return new NumberNeeded(kind, false, value, null, null, $"{kind} not estimable: the risk difference's confidence interval includes zero");
        }
        var near = 1 / Math.Max(Math.Abs(lower), Math.Abs(upper));
        var far = 1 / Math.Min(Math.Abs(lower), Math.Abs(upper));
        return new NumberNeeded(kind, true, value, near, far, $"{kind} {Format.Number(value!.Value, 1)} (95% CI {Format.Number(near, 1)} to {Format.Number(far, 1)})");
    }
}
