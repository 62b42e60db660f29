namespace TrialOps.Analysis;

/// <summary>Mean ± SE of one treatment at one time point (the figure of means over time).</summary>
public sealed record TimePointSummary(string Treatment, string TimePoint, double TimePointOrder, int N, double Mean, double? StandardError, IReadOnlyList<string> Rows);

/// <summary>Everything computed for one scale endpoint.</summary>
/// <param name="Response">AVAL or CHG.</param>
/// <param name="HillsArmitage">One per non-control treatment when the design is two treatments in two sequences; empty otherwise.</param>
/// <param name="NotDone">Why an analysis was not done (design, too few subjects, aliased effects), one line each.</param>
public sealed record EndpointResult(
    string Parameter,
    string Label,
    string TimePoint,
    string Response,
    IReadOnlyList<HillsArmitageResult> HillsArmitage,
    MixedModelResult? MixedModel,
    IReadOnlyList<PairedProportionResult> Responders,
    IReadOnlyList<TimePointSummary> MeansOverTime,
    IReadOnlyList<string> NotDone);

/// <summary>Subjects with adverse events and events by treatment and period of onset.</summary>
/// <param name="Period">Null for the total over periods.</param>
/// <param name="Exposed">Subjects who received the treatment (in that period).</param>
public sealed record AdverseEventCount(string Treatment, int? Period, int Exposed, int Subjects, int Events, IReadOnlyList<string> Rows);

/// <summary>The whole analysis of a trial.</summary>
/// <param name="Treatments">Control first, then the others in ordinal order.</param>
/// <param name="Harms">NNH for dissociative or psychotomimetic adverse events, per treatment against the control.</param>
public sealed record AnalysisResult(
    string Trial,
    string Source,
    string Control,
    IReadOnlyList<string> Treatments,
    IReadOnlyList<EndpointResult> Endpoints,
    IReadOnlyList<AdverseEventCount> AdverseEventCounts,
    IReadOnlyList<PairedProportionResult> Harms,
    ConsortCounts Consort);

/// <summary>
/// The crossover analysis of issue 12: a pure function of the ADaM rows. Hills–Armitage for the
/// two-treatment two-sequence design, the REML mixed model for any design, paired responder
/// analyses, AE counts and NNH. Nothing here reads a clock, a file or the culture.
/// </summary>
public static class CrossoverAnalysis
{
    public const string Responder30 = "responder: at least 30 % reduction from the period baseline (CRIT1FL)";
    public const string Responder50 = "responder: at least 50 % reduction from the period baseline (CRIT2FL)";
    public const string DissociativeHarm = "dissociative or psychotomimetic adverse event in the period";

    public static AnalysisResult Analyze(AnalysisInput input)
    {
        var treatments = input.Exposure.Select(e => e.Treatment)
            .Concat(input.Endpoints.SelectMany(e => e.Observations).Select(o => o.Treatment))
            .Where(t => t != input.Control)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Prepend(input.Control)
            .ToArray();
        return new AnalysisResult(
            input.Trial,
            input.Source,
            input.Control,
            treatments,
            input.Endpoints.Select(e => Endpoint(e, input.Control, treatments)).ToArray(),
            AdverseEventCounts(input, treatments),
            treatments.Skip(1).Select(t => Harm(input, t)).OfType<PairedProportionResult>().ToArray(),
            input.Consort);
    }

    private static double? Response(ScaleObservation o, AnalysisVariable variable) => variable == AnalysisVariable.Value ? o.Value : o.Change;

    private static EndpointResult Endpoint(EndpointInput endpoint, string control, IReadOnlyList<string> treatments)
    {
        var notDone = new List<string>();
        var response = endpoint.Variable == AnalysisVariable.Value ? "AVAL" : "CHG";
        var primary = endpoint.Observations.Where(o => o.TimePoint == endpoint.PrimaryTimePoint).ToArray();
        var analysable = primary.Where(o => Response(o, endpoint.Variable) is not null).ToArray();

        var hillsArmitage = new List<HillsArmitageResult>();
        var sequences = primary.Select(o => o.Sequence).Distinct().Count();
        var periods = primary.Select(o => o.Period).Distinct().Count();
        var endpointTreatments = primary.Select(o => o.Treatment).Distinct().ToArray();
        if (endpointTreatments.Length == 2 && sequences == 2 && periods == 2 && endpointTreatments.Contains(control))
        {
            var treatment = endpointTreatments.Single(t => t != control);
            var subjects = analysable.GroupBy(o => o.Subject)
                .Where(g => g.Count() == 2 && g.Any(o => o.Period == 1) && g.Any(o => o.Period == 2) && g.Any(o => o.Treatment == control) && g.Any(o => o.Treatment == treatment))
                .Select(g =>
                {
                    var first = g.Single(o => o.Period == 1);
                    var second = g.Single(o => o.Period == 2);
                    return new SubjectPeriods(g.Key, first.Treatment == treatment, Response(first, endpoint.Variable)!.Value, Response(second, endpoint.Variable)!.Value, [first.RowId, second.RowId]);
                })
                .ToArray();
            var result = HillsArmitage.Analyze(treatment, control, subjects);
            if (result is null) notDone.Add("Hills-Armitage: each sequence needs a subject with both periods, and three such subjects in all");
            else hillsArmitage.Add(result);
        }
        else
        {
            notDone.Add($"Hills-Armitage: needs two treatments in two sequences and two periods; this endpoint has {endpointTreatments.Length} treatments, {sequences} sequences, {periods} periods (the mixed model covers it)");
        }

        var modelRows = analysable.Select(o => new ModelRow(o.RowId, o.Subject, o.Treatment, o.Period, Response(o, endpoint.Variable)!.Value, o.Baseline)).ToArray();
        var mixedModel = MixedModel.Analyze(control, response, modelRows, endpoint.AdjustForBaseline);
        if (mixedModel is null) notDone.Add("Mixed model: the rows do not identify treatment and period effects (no control, a single treatment, or aliased effects)");

        var responders = new List<PairedProportionResult>();
        foreach (var treatment in treatments.Skip(1))
        {
            foreach (var (label, flag) in new (string, Func<ScaleObservation, bool?>)[] { (Responder30, o => o.Responder30), (Responder50, o => o.Responder50) })
            {
                var pairs = primary.Where(o => flag(o) is not null).GroupBy(o => o.Subject)
                    .Select(g => (Subject: g.Key, OnTreatment: g.Where(o => o.Treatment == treatment).ToArray(), OnControl: g.Where(o => o.Treatment == control).ToArray()))
                    .Where(s => s.OnTreatment.Length == 1 && s.OnControl.Length == 1)
                    .Select(s => new PairedOutcome(s.Subject, flag(s.OnTreatment[0])!.Value, flag(s.OnControl[0])!.Value, [.. s.OnTreatment.Concat(s.OnControl).OrderBy(o => o.Period).Select(o => o.RowId)]))
                    .ToArray();
                var paired = PairedProportions.Analyze(label, treatment, control, pairs, harm: false);
                if (paired is null) notDone.Add($"Responders ({label}), {treatment} vs {control}: no subject has the flag on both");
                else responders.Add(paired);
            }
        }

        var means = endpoint.Observations.Where(o => o.Value is not null)
            .GroupBy(o => (o.Treatment, o.TimePoint, o.TimePointOrder))
            .OrderBy(g => treatments.ToList().IndexOf(g.Key.Treatment)).ThenBy(g => g.Key.TimePointOrder)
            .Select(g =>
            {
                var values = g.Select(o => o.Value!.Value).ToArray();
                var mean = values.Average();
                double? standardError = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length) : null;
                return new TimePointSummary(g.Key.Treatment, g.Key.TimePoint, g.Key.TimePointOrder, values.Length, mean, standardError, g.Select(o => o.RowId).ToArray());
            })
            .ToArray();

        return new EndpointResult(endpoint.Parameter, endpoint.Label, endpoint.PrimaryTimePoint, response, hillsArmitage, mixedModel, responders, means, notDone);
    }

    private static AdverseEventCount[] AdverseEventCounts(AnalysisInput input, IReadOnlyList<string> treatments)
    {
        var counts = new List<AdverseEventCount>();
        var periods = input.Exposure.Select(e => e.Period).Distinct().Order().ToArray();
        foreach (var treatment in treatments)
        {
            foreach (var period in periods.Select(p => (int?)p).Append(null))
            {
                var exposed = input.Exposure.Where(e => e.Treatment == treatment && (period is null || e.Period == period)).Select(e => e.Subject).Distinct().Count();
                var events = input.AdverseEvents.Where(a => a.Treatment == treatment && a.Period is not null && (period is null || a.Period == period)).ToArray();
                counts.Add(new AdverseEventCount(treatment, period, exposed, events.Select(a => a.Subject).Distinct().Count(), events.Length, events.Select(a => a.RowId).ToArray()));
            }
        }
        return [.. counts];
    }

    private static PairedProportionResult? Harm(AnalysisInput input, string treatment)
    {
        var subjects = input.Exposure.GroupBy(e => e.Subject)
            .Where(g => g.Any(e => e.Treatment == treatment) && g.Any(e => e.Treatment == input.Control))
            .Select(g =>
            {
                var harms = input.AdverseEvents.Where(a => a.Subject == g.Key && a.DissociativeOrPsychotomimetic).ToArray();
                var onTreatment = harms.Where(a => a.Treatment == treatment).ToArray();
                var onControl = harms.Where(a => a.Treatment == input.Control).ToArray();
                var rows = g.Where(e => e.Treatment == treatment || e.Treatment == input.Control).OrderBy(e => e.Period).Select(e => e.RowId)
                    .Concat(onTreatment.Concat(onControl).Select(a => a.RowId)).ToArray();
                return new PairedOutcome(g.Key, onTreatment.Length > 0, onControl.Length > 0, rows);
            })
            .ToArray();
        return PairedProportions.Analyze(DissociativeHarm, treatment, input.Control, subjects, harm: true);
    }
}
