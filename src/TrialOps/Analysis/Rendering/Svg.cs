using System.Text;

namespace TrialOps.Analysis.Rendering;

/// <summary>Small helpers for hand-written SVG: escaping, fixed coordinates, a treatment's colour and dash.</summary>
internal static class Svg
{
    public const string Namespace = "http://www.w3.org/2000/svg";

    // Distinguishable in colour and, through the dash pattern, in black-and-white print.
    private static readonly string[] Colours = ["#4d4d4d", "#c0392b", "#1f6fb2", "#2e8b57", "#8e44ad", "#d35400"];
    private static readonly string[] Dashes = ["6 4", "", "2 3", "10 3 2 3", "1 2", "8 2"];

    public static string Colour(int index) => Colours[index % Colours.Length];

    public static string Dash(int index) => Dashes[index % Dashes.Length];

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    public static string C(double value) => Format.Coordinate(value);

    public static void Text(StringBuilder svg, double x, double y, string text, string anchor = "start", string? extra = null) =>
        svg.Append($"<text x=\"{C(x)}\" y=\"{C(y)}\" text-anchor=\"{anchor}\"{(extra is null ? "" : " " + extra)}>{Escape(text)}</text>\n");

    public static void Line(StringBuilder svg, double x1, double y1, double x2, double y2, string stroke, double width = 1, string dash = "") =>
        svg.Append($"<line x1=\"{C(x1)}\" y1=\"{C(y1)}\" x2=\"{C(x2)}\" y2=\"{C(y2)}\" stroke=\"{stroke}\" stroke-width=\"{C(width)}\"{(dash.Length == 0 ? "" : $" stroke-dasharray=\"{dash}\"")}/>\n");

    /// <summary>Round axis ticks covering [low, high].</summary>
    public static IReadOnlyList<double> Ticks(double low, double high, int wanted = 5)
    {
        if (!(high > low)) { low -= 1; high += 1; }
        var raw = (high - low) / wanted;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        // From the tick at or below the lowest value to the tick at or above the highest, so nothing is drawn outside.
        var first = (long)Math.Floor(low / step + 1e-9);
        var last = (long)Math.Ceiling(high / step - 1e-9);
        if (last == first) last++;
        var ticks = new List<double>();
        for (var i = first; i <= last; i++) ticks.Add(i * step);
        return ticks;
    }
}
