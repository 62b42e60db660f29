using System.Text;
using static TrialOps.Analysis.Rendering.Svg;

namespace TrialOps.Analysis.Rendering;

/// <summary>
/// <c>report.html</c>: one self-contained page (no script, no external file: styles and SVG figures
/// inline) with a print stylesheet, well-formed as XML so it can be checked and transformed.
/// Numbers are rounded for reading; <c>analysis.json</c> holds them unrounded.
/// </summary>
public static class AnalysisReport
{
    public const string FileName = "report.html";

    private const string Style = """
        body { font-family: sans-serif; font-size: 14px; color: #111; max-width: 1000px; margin: 2em auto; padding: 0 1em; }
        h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #999; margin-top: 2em; } h3 { font-size: 1.1em; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; }
        th, td { border: 1px solid #bbb; padding: 3px 8px; text-align: right; vertical-align: top; }
        th:first-child, td:first-child, td.text { text-align: left; }
        thead th { background: #eee; }
        p.method, p.note { font-size: 0.9em; color: #444; }
        figure { margin: 1em 0; } figcaption { font-size: 0.9em; color: #444; }
        svg { max-width: 100%; height: auto; }
        @media print {
          body { max-width: none; margin: 0; font-size: 10pt; }
          h2 { break-before: page; } h2.first { break-before: auto; }
          figure, table { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """;

    public static string Html(AnalysisInput input, AnalysisResult result)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        html.Append($"<title>{Escape($"Crossover analysis, {result.Trial}")}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n");
        html.Append($"<h1>{Escape($"Crossover analysis, {result.Trial}")}</h1>\n");
        html.Append($"<p>Source: {Escape(result.Source)}. Control: {Escape(result.Control)}. Treatments: {Escape(string.Join(", ", result.Treatments))}.</p>\n");
        html.Append("<p class=\"note\">Every number below, unrounded and with the ADaM rows it used, is in analysis.json. Confidence intervals are 95 %, tests two-sided.</p>\n");

        var first = true;
        foreach (var endpoint in result.Endpoints)
        {
            var endpointInput = input.Endpoints.Single(e => e.Parameter == endpoint.Parameter);
            html.Append($"<h2{(first ? " class=\"first\"" : "")}>{Escape($"{endpoint.Label} ({endpoint.Parameter}) at {endpoint.TimePoint}, {endpoint.Response}")}</h2>\n");
            first = false;
            HillsArmitageSection(html, endpoint);
            MixedModelSection(html, endpoint);
            RespondersSection(html, endpoint);
            foreach (var line in endpoint.NotDone) html.Append($"<p class=\"note\">Not done: {Escape(line)}</p>\n");
            FiguresSection(html, endpointInput, endpoint, result);
        }

        html.Append("<h2>Adverse events by treatment and period of onset</h2>\n");
        AdverseEventsSection(html, result);
        html.Append("<h2>Participant flow (CONSORT 2010, crossover)</h2>\n<figure>\n");
        html.Append(ConsortDiagram.Svg(result.Consort, result.Trial));
        html.Append("<figcaption>Screened, allocated to each sequence, treatment received and discontinued in each period and washout, analysed.</figcaption>\n</figure>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Interval(double lower, double upper, int decimals = 2) => $"{Format.Number(lower, decimals)} to {Format.Number(upper, decimals)}";

    private static void HillsArmitageSection(StringBuilder html, EndpointResult endpoint)
    {
        foreach (var analysis in endpoint.HillsArmitage)
        {
            html.Append($"<h3>{Escape($"Hills-Armitage: {analysis.Treatment} vs {analysis.Control} (two-period, two-sequence)")}</h3>\n");
            html.Append("<table>\n<thead><tr><th>Effect</th><th>Estimate</th><th>SE</th><th>95 % CI</th><th>t</th><th>df</th><th>p</th><th>n</th></tr></thead>\n<tbody>\n");
            foreach (var (name, tested) in new[]
            {
                ($"Treatment ({analysis.Treatment} - {analysis.Control})", analysis.TreatmentEffect),
                ("Period (1 - 2)", analysis.PeriodEffect),
                ("Carryover (Grizzle, subject totals)", analysis.Carryover),
            })
            {
                html.Append($"<tr><td>{Escape(name)}</td><td>{Format.Number(tested.Estimate, 2)}</td><td>{Format.Number(tested.StandardError, 2)}</td><td>{Interval(tested.Lower, tested.Upper)}</td><td>{Format.Number(tested.T, 2)}</td><td>{Format.Number(tested.DegreesOfFreedom, 0)}</td><td>{Escape(Format.P(tested.P))}</td><td>{Format.Integer(tested.N)}</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
            html.Append($"<p class=\"method\">{Escape($"Sequences: {analysis.Treatment} first n = {analysis.TreatmentFirst}, {analysis.Control} first n = {analysis.ControlFirst}; only subjects with both periods. {HillsArmitage.TreatmentMethod}. The carryover test is descriptive and never changes the analysis.")}</p>\n");
        }
    }

    private static void MixedModelSection(StringBuilder html, EndpointResult endpoint)
    {
        if (endpoint.MixedModel is not { } model) return;
        html.Append("<h3>Linear mixed model</h3>\n");
        html.Append("<table>\n<thead><tr><th>Comparison</th><th>Estimate</th><th>SE</th><th>95 % CI</th><th>df</th><th>p</th></tr></thead>\n<tbody>\n");
        foreach (var comparison in model.Comparisons)
        {
            html.Append($"<tr><td>{Escape($"{comparison.Treatment} - {comparison.Control}")}</td><td>{Format.Number(comparison.Estimate, 2)}</td><td>{Format.Number(comparison.StandardError, 2)}</td><td>{Interval(comparison.Lower, comparison.Upper)}</td><td>{Format.Number(comparison.DegreesOfFreedom, 1)}</td><td>{Escape(Format.P(comparison.P))}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        html.Append("<table>\n<thead><tr><th>Fixed effect</th><th>Estimate</th><th>SE</th><th>95 % CI</th><th>df</th><th>p</th></tr></thead>\n<tbody>\n");
        foreach (var c in model.Coefficients)
        {
            html.Append($"<tr><td>{Escape(c.Name)}</td><td>{Format.Number(c.Estimate, 2)}</td><td>{Format.Number(c.StandardError, 2)}</td><td>{Interval(c.Lower, c.Upper)}</td><td>{Format.Number(c.DegreesOfFreedom, 1)}</td><td>{Escape(Format.P(c.P))}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        html.Append($"<p class=\"method\">{Escape($"{model.Formula}; {model.Observations} observations of {model.Subjects} subjects. Between-subject variance {Format.Number(model.SubjectVariance, 3)}{(model.SubjectVarianceOnBoundary ? " (on the boundary)" : "")}, residual variance {Format.Number(model.ResidualVariance, 3)}, REML criterion {Format.Number(model.RemlCriterion, 3)}. {model.Method}. Degrees of freedom: {model.DegreesOfFreedomMethod}.")}</p>\n");
    }

    private static void RespondersSection(StringBuilder html, EndpointResult endpoint)
    {
        if (endpoint.Responders.Count == 0) return;
        html.Append("<h3>Responders (paired)</h3>\n");
        PairedTable(html, endpoint.Responders, "Criterion");
        html.Append($"<p class=\"method\">{Escape($"{PairedProportions.McNemarMethod}. {PairedProportions.NewcombeMethod}. NNT = 1 / risk difference; not estimable when the risk difference's CI includes zero.")}</p>\n");
    }

    private static void PairedTable(StringBuilder html, IReadOnlyList<PairedProportionResult> results, string outcomeHeading)
    {
        html.Append($"<table>\n<thead><tr><th>{Escape(outcomeHeading)}</th><th>Comparison</th><th>n</th><th>Treatment</th><th>Control</th><th>Discordant (T only / C only)</th><th>McNemar exact p</th><th>Risk difference (95 % CI)</th><th>NNT / NNH</th></tr></thead>\n<tbody>\n");
        foreach (var r in results)
        {
            var treatmentYes = r.Both + r.TreatmentOnly;
            var controlYes = r.Both + r.ControlOnly;
            html.Append($"<tr><td class=\"text\">{Escape(r.Outcome)}</td><td class=\"text\">{Escape($"{r.Treatment} vs {r.Control}")}</td><td>{Format.Integer(r.N)}</td>");
            html.Append($"<td>{Format.Integer(treatmentYes)} ({Escape(Format.Percent(r.ProportionTreatment))})</td><td>{Format.Integer(controlYes)} ({Escape(Format.Percent(r.ProportionControl))})</td>");
            html.Append($"<td>{Format.Integer(r.TreatmentOnly)} / {Format.Integer(r.ControlOnly)}</td><td>{Escape(Format.P(r.McNemarExactP))}</td>");
            html.Append($"<td>{Format.Number(r.RiskDifference, 3)} ({Interval(r.Lower, r.Upper, 3)})</td><td class=\"text\">{Escape(r.NumberNeeded.Statement)}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void FiguresSection(StringBuilder html, EndpointInput input, EndpointResult endpoint, AnalysisResult result)
    {
        html.Append("<figure>\n").Append(Figures.MeansOverTime(endpoint, result.Treatments));
        html.Append($"<figcaption>{Escape($"{endpoint.Label}: mean (± SE) of AVAL at each time point by treatment.")}</figcaption>\n</figure>\n");
        var primary = input.Observations.Where(o => o.TimePoint == endpoint.TimePoint).ToArray();
        foreach (var treatment in result.Treatments.Skip(1))
        {
            var pairs = primary.GroupBy(o => o.Subject)
                .Select(g => (Subject: g.Key, Control: g.Where(o => o.Treatment == result.Control).Select(o => Value(o, input.Variable)).FirstOrDefault(), Treatment: g.Where(o => o.Treatment == treatment).Select(o => Value(o, input.Variable)).FirstOrDefault()))
                .Where(p => p.Control is not null && p.Treatment is not null)
                .Select(p => (p.Subject, p.Control!.Value, p.Treatment!.Value))
                .ToArray();
            html.Append("<figure>\n").Append(Figures.PairedLines($"{endpoint.Label} ({endpoint.Response})", result.Control, treatment, pairs));
            html.Append($"<figcaption>{Escape($"{endpoint.Response} at {endpoint.TimePoint}: one line per subject from {result.Control} to {treatment}.")}</figcaption>\n</figure>\n");
        }
        foreach (var analysis in endpoint.HillsArmitage)
        {
            var periods = analysis.Subjects.Select(s => (s.Subject, s.Period1, s.Period2)).ToArray();
            html.Append("<figure>\n").Append(Figures.PairedLines($"{endpoint.Label} ({endpoint.Response})", "Period 1", "Period 2", periods));
            html.Append($"<figcaption>{Escape($"{endpoint.Response} at {endpoint.TimePoint}: one line per subject from period 1 to period 2 (the Hills-Armitage subjects).")}</figcaption>\n</figure>\n");
        }
        var bars = new List<(string, string, int, int)>();
        foreach (var (criterion, flag) in new (string, Func<ScaleObservation, bool?>)[] { ("30 % reduction", o => o.Responder30), ("50 % reduction", o => o.Responder50) })
        {
            foreach (var treatment in result.Treatments)
            {
                var flags = primary.Where(o => o.Treatment == treatment && flag(o) is not null).Select(o => flag(o)!.Value).ToArray();
                bars.Add((criterion, treatment, flags.Count(f => f), flags.Length));
            }
        }
        html.Append("<figure>\n").Append(Figures.ResponderBars(endpoint.Label, result.Treatments, bars));
        html.Append($"<figcaption>{Escape($"Responders at {endpoint.TimePoint} by treatment (all subjects with the flag in that period).")}</figcaption>\n</figure>\n");
    }

    private static double? Value(ScaleObservation o, AnalysisVariable variable) => variable == AnalysisVariable.Value ? o.Value : o.Change;

    private static void AdverseEventsSection(StringBuilder html, AnalysisResult result)
    {
        var periods = result.AdverseEventCounts.Where(c => c.Period is not null).Select(c => c.Period!.Value).Distinct().Order().ToArray();
        html.Append("<table>\n<thead><tr><th>Treatment</th>");
        foreach (var period in periods) html.Append($"<th>Period {Format.Integer(period)}: subjects / exposed (events)</th>");
        html.Append("<th>All periods: subjects / exposed (events)</th></tr></thead>\n<tbody>\n");
        foreach (var treatment in result.Treatments)
        {
            html.Append($"<tr><td>{Escape(treatment)}</td>");
            foreach (var count in periods.Select(p => (int?)p).Append(null).Select(p => result.AdverseEventCounts.Single(c => c.Treatment == treatment && c.Period == p)))
            {
                html.Append($"<td>{Format.Integer(count.Subjects)} / {Format.Integer(count.Exposed)} ({Format.Integer(count.Events)})</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (result.Harms.Count > 0)
        {
            html.Append("<h3>Dissociative or psychotomimetic adverse events (paired)</h3>\n");
            PairedTable(html, result.Harms, "Event");
            html.Append("<p class=\"method\">Subjects who received both the treatment and the control; an event counts in the period of its onset. NNH = 1 / risk difference; not estimable when its CI includes zero.</p>\n");
        }
    }
}
