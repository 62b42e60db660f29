using System.Text;
using static TrialOps.Analysis.Rendering.Svg;

namespace TrialOps.Analysis.Rendering;

/// <summary>
/// The report's figures as self-contained SVG: mean (± SE) over time per treatment, per-subject
/// paired lines (control against treatment at the analysed time point) and responder bars.
/// </summary>
public static class Figures
{
    private const double Width = 640;
    private const double Height = 360;
    private const double Left = 64;
    private const double Right = 150;
    private const double Top = 36;
    private const double Bottom = 56;

    private static StringBuilder Open(string title) =>
        new StringBuilder($"<svg xmlns=\"{Namespace}\" width=\"{C(Width)}\" height=\"{C(Height)}\" viewBox=\"0 0 {C(Width)} {C(Height)}\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n")
            .Append($"<title>{Escape(title)}</title>\n");

    private static void YAxis(StringBuilder svg, IReadOnlyList<double> ticks, Func<double, double> y, string label)
    {
        Line(svg, Left, Top, Left, Height - Bottom, "#000");
        foreach (var tick in ticks)
        {
            Line(svg, Left - 4, y(tick), Left, y(tick), "#000");
            Line(svg, Left, y(tick), Width - Right, y(tick), "#e0e0e0");
            Text(svg, Left - 6, y(tick) + 4, Format.Number(tick, Decimals(ticks)), "end");
        }
        Text(svg, 14, (Top + Height - Bottom) / 2, label, "middle", $"transform=\"rotate(-90 14 {C((Top + Height - Bottom) / 2)})\"");
    }

    private static int Decimals(IReadOnlyList<double> ticks) =>
        ticks.Count > 1 && Math.Abs(ticks[1] - ticks[0]) < 1 ? 2 : ticks.Count > 1 && Math.Abs(ticks[1] - ticks[0]) % 1 != 0 ? 1 : 0;

    private static void Legend(StringBuilder svg, IReadOnlyList<string> treatments)
    {
        for (var i = 0; i < treatments.Count; i++)
        {
            var y = Top + 10 + 20 * i;
            Line(svg, Width - Right + 16, y, Width - Right + 46, y, Colour(i), 2, Dash(i));
            Text(svg, Width - Right + 52, y + 4, treatments[i]);
        }
    }

    /// <summary>Mean ± SE of the value at every time point, one line per treatment.</summary>
    public static string MeansOverTime(EndpointResult endpoint, IReadOnlyList<string> treatments)
    {
        var svg = Open($"{endpoint.Label}: mean (± SE) over time by treatment");
        var points = endpoint.MeansOverTime;
        var times = points.Select(p => (p.TimePointOrder, p.TimePoint)).Distinct().OrderBy(t => t.TimePointOrder).ToArray();
        if (points.Count == 0)
        {
            Text(svg, Width / 2, Height / 2, "No values", "middle");
            return svg.Append("</svg>\n").ToString();
        }
        var low = points.Min(p => p.Mean - (p.StandardError ?? 0));
        var high = points.Max(p => p.Mean + (p.StandardError ?? 0));
        var ticks = Ticks(low, high);
        double Y(double v) => Height - Bottom - (v - ticks[0]) / (ticks[^1] - ticks[0]) * (Height - Top - Bottom);
        double X(int index) => Left + 20 + (times.Length == 1 ? (Width - Left - Right - 40) / 2 : index * (Width - Left - Right - 40) / (times.Length - 1));
        YAxis(svg, ticks, Y, endpoint.Label);
        Line(svg, Left, Height - Bottom, Width - Right, Height - Bottom, "#000");
        for (var i = 0; i < times.Length; i++)
        {
            Line(svg, X(i), Height - Bottom, X(i), Height - Bottom + 4, "#000");
            Text(svg, X(i), Height - Bottom + 18, times[i].TimePoint, "middle");
        }
        Text(svg, (Left + Width - Right) / 2, Height - 10, "Time point", "middle");
        for (var t = 0; t < treatments.Count; t++)
        {
            var series = points.Where(p => p.Treatment == treatments[t]).OrderBy(p => p.TimePointOrder).ToArray();
            if (series.Length == 0) continue;
            var coordinates = series.Select(p => (X: X(Array.FindIndex(times, time => time.TimePointOrder == p.TimePointOrder)), p));
            svg.Append($"<polyline fill=\"none\" stroke=\"{Colour(t)}\" stroke-width=\"2\"{(Dash(t).Length == 0 ? "" : $" stroke-dasharray=\"{Dash(t)}\"")} points=\"{string.Join(" ", coordinates.Select(c => $"{C(c.X)},{C(Y(c.p.Mean))}"))}\"/>\n");
            foreach (var (x, p) in coordinates)
            {
                if (p.StandardError is { } se) Line(svg, x, Y(p.Mean - se), x, Y(p.Mean + se), Colour(t), 1.5);
                svg.Append($"<circle cx=\"{C(x)}\" cy=\"{C(Y(p.Mean))}\" r=\"3\" fill=\"{Colour(t)}\"><title>{Escape($"{p.Treatment}, {p.TimePoint}: mean {Format.Number(p.Mean, 2)}, SE {(p.StandardError is { } s ? Format.Number(s, 2) : "n/a")}, n = {p.N}")}</title></circle>\n");
            }
        }
        Legend(svg, treatments);
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>One line per subject from the control to the treatment at the analysed time point, with the mean in bold.</summary>
    public static string PairedLines(string label, string control, string treatment, IReadOnlyList<(string Subject, double Control, double Treatment)> pairs)
    {
        var svg = Open($"{label}: each subject on {control} and on {treatment}");
        if (pairs.Count == 0)
        {
            Text(svg, Width / 2, Height / 2, "No subject has both values", "middle");
            return svg.Append("</svg>\n").ToString();
        }
        var ticks = Ticks(pairs.Min(p => Math.Min(p.Control, p.Treatment)), pairs.Max(p => Math.Max(p.Control, p.Treatment)));
        double Y(double v) => Height - Bottom - (v - ticks[0]) / (ticks[^1] - ticks[0]) * (Height - Top - Bottom);
        var x1 = Left + 80;
        var x2 = Width - Right - 80;
        YAxis(svg, ticks, Y, label);
        Line(svg, Left, Height - Bottom, Width - Right, Height - Bottom, "#000");
        Text(svg, x1, Height - Bottom + 18, control, "middle");
        Text(svg, x2, Height - Bottom + 18, treatment, "middle");
        foreach (var pair in pairs.OrderBy(p => p.Subject, StringComparer.Ordinal))
        {
            svg.Append($"<g><title>{Escape($"{pair.Subject}: {Format.Number(pair.Control, 1)} on {control}, {Format.Number(pair.Treatment, 1)} on {treatment}")}</title>");
            Line(svg, x1, Y(pair.Control), x2, Y(pair.Treatment), pair.Treatment < pair.Control ? "#1f6fb2" : "#c0392b", 1);
            svg.Append("</g>\n");
        }
        var meanControl = pairs.Average(p => p.Control);
        var meanTreatment = pairs.Average(p => p.Treatment);
        Line(svg, x1, Y(meanControl), x2, Y(meanTreatment), "#000", 3);
        Text(svg, Width - Right + 10, Top + 14, $"n = {pairs.Count}");
        Text(svg, Width - Right + 10, Top + 32, $"mean {control} {Format.Number(meanControl, 1)}");
        Text(svg, Width - Right + 10, Top + 50, $"mean {treatment} {Format.Number(meanTreatment, 1)}");
        Text(svg, Width - Right + 10, Top + 74, "blue: lower on");
        Text(svg, Width - Right + 10, Top + 90, $"{treatment}; bold: mean");
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Percentage of responders per treatment at each criterion.</summary>
    public static string ResponderBars(string label, IReadOnlyList<string> treatments, IReadOnlyList<(string Criterion, string Treatment, int Responders, int N)> bars)
    {
        var svg = Open($"{label}: responders by treatment");
        var criteria = bars.Select(b => b.Criterion).Distinct().ToArray();
        double Y(double percent) => Height - Bottom - percent / 100 * (Height - Top - Bottom);
        YAxis(svg, [0, 20, 40, 60, 80, 100], Y, "Responders (%)");
        Line(svg, Left, Height - Bottom, Width - Right, Height - Bottom, "#000");
        var groupWidth = (Width - Left - Right) / Math.Max(1, criteria.Length);
        var barWidth = Math.Min(48, (groupWidth - 24) / Math.Max(1, treatments.Count));
        for (var c = 0; c < criteria.Length; c++)
        {
            var start = Left + c * groupWidth + (groupWidth - barWidth * treatments.Count) / 2;
            Text(svg, Left + (c + 0.5) * groupWidth, Height - Bottom + 18, criteria[c], "middle");
            for (var t = 0; t < treatments.Count; t++)
            {
                var bar = bars.FirstOrDefault(b => b.Criterion == criteria[c] && b.Treatment == treatments[t]);
                if (bar.N == 0) continue;
                var percent = 100.0 * bar.Responders / bar.N;
                var x = start + t * barWidth;
                svg.Append($"<rect x=\"{C(x + 2)}\" y=\"{C(Y(percent))}\" width=\"{C(barWidth - 4)}\" height=\"{C(Y(0) - Y(percent))}\" fill=\"{Colour(t)}\" stroke=\"#000\" stroke-width=\"0.5\"{(t % 2 == 1 ? " fill-opacity=\"0.75\"" : "")}><title>{Escape($"{bar.Treatment}, {bar.Criterion}: {bar.Responders} of {bar.N}")}</title></rect>\n");
                Text(svg, x + barWidth / 2, Y(percent) - 4, $"{bar.Responders}/{bar.N}", "middle", "font-size=\"10\"");
            }
        }
        for (var t = 0; t < treatments.Count; t++)
        {
            var y = Top + 10 + 20 * t;
            svg.Append($"<rect x=\"{C(Width - Right + 16)}\" y=\"{C(y - 6)}\" width=\"30\" height=\"12\" fill=\"{Colour(t)}\"/>\n");
            Text(svg, Width - Right + 52, y + 4, treatments[t]);
        }
        return svg.Append("</svg>\n").ToString();
    }
}
