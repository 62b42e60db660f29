using System.Text;
using static TrialOps.Analysis.Rendering.Svg;

namespace TrialOps.Analysis.Rendering;

/// <summary>
/// <c>consort.svg</c>: the CONSORT 2010 flow diagram extended for a crossover (Dwan et al. 2019):
/// enrolment, allocation to each sequence, each period's treatment received, discontinuation with
/// reasons in each period and in each washout, and analysis, one column per sequence. Every row
/// of boxes lines up across the sequences so that periods can be compared side by side.
/// </summary>
public static class ConsortDiagram
{
    public const string FileName = "consort.svg";

    private const double ColumnWidth = 250;
    private const double Gap = 24;
    private const double LineHeight = 16;
    private const double Padding = 8;
    private const double RowGap = 28;

    private static double BoxHeight(int lines) => 2 * Padding + LineHeight * lines;

    private static string[] WithReasons(string heading, IReadOnlyList<ReasonCount> reasons) =>
        [heading, .. reasons.OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal).Select(r => $"- {r.Reason} (n = {Format.Integer(r.Count)})")];

    private static void Box(StringBuilder svg, double x, double y, double width, double height, IReadOnlyList<string> lines, bool bold = false)
    {
        svg.Append($"<rect x=\"{C(x)}\" y=\"{C(y)}\" width=\"{C(width)}\" height=\"{C(height)}\" fill=\"#fff\" stroke=\"#000\"/>\n");
        for (var i = 0; i < lines.Count; i++)
        {
            Text(svg, x + Padding, y + Padding + LineHeight * (i + 1) - 4, lines[i], "start", i == 0 && bold ? "font-weight=\"bold\"" : null);
        }
    }

    private static void Arrow(StringBuilder svg, double x1, double y1, double x2, double y2) =>
        svg.Append($"<line x1=\"{C(x1)}\" y1=\"{C(y1)}\" x2=\"{C(x2)}\" y2=\"{C(y2)}\" stroke=\"#000\" marker-end=\"url(#arrow)\"/>\n");

    public static string Svg(ConsortCounts counts, string trial)
    {
        var sequences = counts.Sequences;
        var columns = Math.Max(2, sequences.Count);
        // Wide enough for the eligibility box in the middle and the exclusions beside it.
        var width = Math.Max(columns * (ColumnWidth + Gap) + Gap, 3 * ColumnWidth + 4 * Gap);
        var centre = width / 2;
        var periods = sequences.Count == 0 ? 0 : sequences.Max(s => s.Periods.Count);

        // Rows of boxes: each row's height is the tallest box in it.
        var excludedLines = WithReasons($"Excluded (n = {Format.Integer(counts.Excluded.Sum(r => r.Count))})", counts.Excluded);
        var rows = new List<(string Kind, string[][] Lines)>();
        rows.Add(("allocated", sequences.Select(s => new[] { $"Allocated to sequence {s.Sequence}", $"(n = {Format.Integer(s.Allocated)})" }).ToArray()));
        for (var p = 0; p < periods; p++)
        {
            var index = p;
            rows.Add(("received", sequences.Select(s => index < s.Periods.Count
                ? new[] { $"Period {s.Periods[index].Period}: received {s.Periods[index].Treatment}", $"(n = {Format.Integer(s.Periods[index].Received)})" }
                : ["(no such period)"]).ToArray()));
            rows.Add(("discontinued", sequences.Select(s => index < s.Periods.Count
                ? WithReasons($"Discontinued in period {s.Periods[index].Period} (n = {Format.Integer(s.Periods[index].DiscontinuedInPeriod.Sum(r => r.Count))})", s.Periods[index].DiscontinuedInPeriod)
                : [""]).ToArray()));
            if (p < periods - 1)
            {
                rows.Add(("washout", sequences.Select(s => index < s.Periods.Count
                    ? WithReasons($"Discontinued in washout {s.Periods[index].Period}-{s.Periods[index].Period + 1} (n = {Format.Integer(s.Periods[index].DiscontinuedInWashoutAfter.Sum(r => r.Count))})", s.Periods[index].DiscontinuedInWashoutAfter)
                    : [""]).ToArray()));
            }
        }
        rows.Add(("analysed", sequences.Select(s => WithReasons($"Analysed (n = {Format.Integer(s.Analysed)})", s.ExcludedFromAnalysis.Count == 0 ? [] : s.ExcludedFromAnalysis)).ToArray()));

        var screenedHeight = BoxHeight(2);
        var excludedHeight = BoxHeight(excludedLines.Length);
        var randomizedTop = 40 + Math.Max(screenedHeight, excludedHeight) + RowGap;
        var top = randomizedTop + BoxHeight(2) + RowGap;
        var rowTops = new List<double>();
        var rowHeights = new List<double>();
        foreach (var row in rows)
        {
            rowTops.Add(top);
            var height = BoxHeight(row.Lines.Length == 0 ? 1 : row.Lines.Max(l => l.Length));
            rowHeights.Add(height);
            top += height + RowGap;
        }
        var diagramHeight = top + 10;

        var svg = new StringBuilder($"<svg xmlns=\"{Namespace}\" width=\"{C(width)}\" height=\"{C(diagramHeight)}\" viewBox=\"0 0 {C(width)} {C(diagramHeight)}\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append($"<title>{Escape($"CONSORT 2010 flow diagram (crossover), {trial}")}</title>\n");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
        Text(svg, Gap, 24, "Enrolment", "start", "font-weight=\"bold\"");

        var boxLeft = centre - ColumnWidth / 2;
        Box(svg, boxLeft, 40, ColumnWidth, screenedHeight, ["Assessed for eligibility", $"(n = {Format.Integer(counts.Screened)})"]);
        var excludedLeft = boxLeft + ColumnWidth + Gap;
        Box(svg, excludedLeft, 40, ColumnWidth, excludedHeight, excludedLines);
        Arrow(svg, boxLeft + ColumnWidth, 40 + screenedHeight / 2, excludedLeft, 40 + screenedHeight / 2);
        Arrow(svg, centre, 40 + screenedHeight, centre, randomizedTop);
        Box(svg, boxLeft, randomizedTop, ColumnWidth, BoxHeight(2), ["Randomized", $"(n = {Format.Integer(counts.Randomized)})"]);

        double ColumnLeft(int s) => centre - (sequences.Count * (ColumnWidth + Gap) - Gap) / 2 + s * (ColumnWidth + Gap);
        var branch = randomizedTop + BoxHeight(2) + RowGap / 2;
        if (sequences.Count > 0)
        {
            Line(svg, centre, randomizedTop + BoxHeight(2), centre, branch, "#000");
            Line(svg, ColumnLeft(0) + ColumnWidth / 2, branch, ColumnLeft(sequences.Count - 1) + ColumnWidth / 2, branch, "#000");
        }
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Kind is "allocated" or "received" or "analysed")
            {
                var label = rows[r].Kind switch { "allocated" => "Allocation", "received" => "Follow-up", _ => "Analysis" };
                if (rows[r].Kind != "received" || rows[r - 1].Kind == "allocated") Text(svg, 4, rowTops[r] - 8, label, "start", "font-weight=\"bold\"");
            }
            for (var s = 0; s < sequences.Count; s++)
            {
                var x = ColumnLeft(s);
                Box(svg, x, rowTops[r], ColumnWidth, rowHeights[r], rows[r].Lines[s]);
                var from = r == 0 ? branch : rowTops[r - 1] + rowHeights[r - 1];
                Arrow(svg, x + ColumnWidth / 2, from, x + ColumnWidth / 2, rowTops[r]);
            }
        }
        return svg.Append("</svg>\n").ToString();
    }
}
