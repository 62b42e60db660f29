using TrialOps.Analysis.Numerics;

namespace TrialOps.Analysis;

/// <summary>One treatment against the control from the mixed model.</summary>
public sealed record TreatmentComparison(
    string Treatment,
    string Control,
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

/// <summary>The mixed model of one endpoint at its analysed time point.</summary>
/// <param name="Formula">The model in R's notation, so it can be re-run.</param>
/// <param name="Coefficients">Every fixed effect: intercept, treatments (control the reference), periods (period 1 the reference), baseline.</param>
/// <param name="SubjectVarianceOnBoundary">The REML estimate of the between-subject variance is zero.</param>
public sealed record MixedModelResult(
    string Method,
    string Formula,
    string DegreesOfFreedomMethod,
    int Observations,
    int Subjects,
    double SubjectVariance,
    double ResidualVariance,
    double RemlCriterion,
    bool SubjectVarianceOnBoundary,
    IReadOnlyList<Coefficient> Coefficients,
    IReadOnlyList<TreatmentComparison> Comparisons,
    IReadOnlyList<string> Rows);

/// <summary>One row the mixed model uses: response, subject, treatment, period and the optional baseline.</summary>
public sealed record ModelRow(string RowId, string Subject, string Treatment, int Period, double Response, double? Baseline);

/// <summary>
/// Response ~ treatment + period (+ baseline) + (1 | subject), REML, for any crossover design
/// (AB/BA, Williams, incomplete subjects): every treatment against the control with Satterthwaite
/// degrees of freedom (ADR 0017).
/// </summary>
public static class MixedModel
{
    public const string Method = "Linear mixed model, random subject intercept, REML (as lmerTest::lmer / nlme::lme); treatment coded against the control, period against period 1";
    public const string DegreesOfFreedom = "Satterthwaite (as lmerTest), from the observed REML information of the two variance components";

    /// <summary>The fit, or null when the data cannot identify the fixed effects.</summary>
    public static MixedModelResult? Analyze(string control, string response, IReadOnlyList<ModelRow> rows, bool adjustForBaseline, double confidence = 0.95)
    {
        var used = rows.Where(r => !adjustForBaseline || r.Baseline is not null)
            .OrderBy(r => r.Subject, StringComparer.Ordinal).ThenBy(r => r.Period).ToArray();
        if (used.Length == 0 || !used.Any(r => r.Treatment == control)) return null;
        var treatments = used.Select(r => r.Treatment).Where(t => t != control).Distinct().Order(StringComparer.Ordinal).ToArray();
        var periods = used.Select(r => r.Period).Distinct().Order().ToArray();
        var subjects = used.Select(r => r.Subject).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (treatments.Length == 0) return null;

        var names = new List<string> { "(Intercept)" };
        names.AddRange(treatments.Select(t => $"treatment {t}"));
        names.AddRange(periods.Skip(1).Select(p => $"period {p}"));
        if (adjustForBaseline) names.Add("baseline");
        var design = new double[used.Length, names.Count];
        for (var i = 0; i < used.Length; i++)
        {
            var row = used[i];
            design[i, 0] = 1;
            var treatmentColumn = Array.IndexOf(treatments, row.Treatment);
            if (treatmentColumn >= 0) design[i, 1 + treatmentColumn] = 1;
            var periodColumn = Array.IndexOf(periods, row.Period);
            if (periodColumn > 0) design[i, treatments.Length + periodColumn] = 1;
            if (adjustForBaseline) design[i, names.Count - 1] = row.Baseline!.Value;
        }
        var subjectIndex = used.Select(r => Array.IndexOf(subjects, r.Subject)).ToArray();
        var fit = RandomInterceptModel.Fit(used.Select(r => r.Response).ToArray(), design, names, subjectIndex, confidence);
        if (fit is null) return null;

        var rowIds = used.Select(r => r.RowId).ToArray();
        var comparisons = treatments.Select((t, k) =>
        {
            var c = fit.Coefficients[1 + k];
            return new TreatmentComparison(t, control, Method, c.Estimate, c.StandardError, c.DegreesOfFreedom, c.T, c.P, c.Lower, c.Upper, used.Count(r => r.Treatment == t || r.Treatment == control), rowIds);
        }).ToArray();
        var formula = $"{response} ~ treatment + period{(adjustForBaseline ? " + baseline" : "")} + (1 | subject)";
        return new MixedModelResult(Method, formula, DegreesOfFreedom, fit.Observations, fit.Subjects, fit.SubjectVariance, fit.ResidualVariance, fit.RemlCriterion, fit.SubjectVarianceOnBoundary, fit.Coefficients, comparisons, rowIds);
    }
}
