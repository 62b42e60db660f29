using System.Globalization;

namespace TrialOps.Web.Components.Pages.Charts;

/// <summary>One line or set of bars: a value per category (null where there is none).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// What a server-drawn chart shows (ADR 0027): categories along the x axis, one or more series, an
/// optional horizontal reference line (a target). The same data is rendered as a table for screen
/// readers and for anyone who would rather read.
/// </summary>
public sealed record ChartModel(
    string Id,
    string Title,
    string Description,
    string XLabel,
    string YLabel,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    double? Reference = null,
    string? ReferenceLabel = null,
    double? YMin = null,
    double? YMax = null,
    string ValueFormat = "0.#")
{
    public double Low => YMin ?? 0;

    /// <summary>The top of the axis: the protocol's maximum when given, otherwise four round steps above the largest value or the target.</summary>
    public double High
    {
        get
        {
            var top = Series.SelectMany(s => s.Values).OfType<double>().Append(Reference ?? 0).Append(Low + 1).Max();
            return YMax is { } max && max >= top ? max : Low + 4 * NiceCeiling((top - Low) / 4);
        }
    }

    public string Format(double? value) => value?.ToString(ValueFormat, CultureInfo.InvariantCulture) ?? "–";

    /// <summary>A round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^n) at or above the value, so the axis ticks are round.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}

/// <summary>The drawing: colors and dash patterns that stay apart in grey print and for colour-blind readers.</summary>
public static class ChartStyle
{
    public const double Width = 640;
    public const double Height = 280;
    public const double Left = 52;
    public const double Right = 16;
    public const double Top = 16;
    public const double Bottom = 44;

    private static readonly string[] Colors = ["#1f5fa8", "#a8261f", "#1f7a3e", "#8a5a00", "#6b3fa0", "#0f6e75"];

    private static readonly string[] Dashes = ["", "7 4", "2 3", "10 3 2 3", "4 2", "1 2"];

    public static string Color(int index) => Colors[index % Colors.Length];

    public static string? Dash(int index) => Dashes[index % Dashes.Length] is { Length: > 0 } dash ? dash : null;

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// An SVG <c>text</c> element, encoded here because Razor reserves the <c>text</c> tag inside
    /// code blocks; presentation attributes only (no style attribute under the CSP).
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString Text(double x, double y, string content, string anchor = "middle", int size = 11, string fill = "#5b6675", string? transform = null)
    {
        var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
        var rotate = transform is null ? string.Empty : $" transform=\"{encode.Encode(transform)}\"";
        return new($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{size}\" fill=\"{fill}\"{rotate}>{encode.Encode(content)}</text>");
    }
}
