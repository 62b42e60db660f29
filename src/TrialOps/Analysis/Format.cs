using System.Globalization;

namespace TrialOps.Analysis;

/// <summary>Fixed, culture-invariant number formatting for the report and figures, so the same rows always give the same bytes.</summary>
public static class Format
{
    public static string Number(double value, int decimals)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return "n/a";
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        // No "-0.00".
        if (rounded == 0) rounded = 0;
        return rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A p-value with four decimals, "&lt; 0.0001" below that.</summary>
    public static string P(double p) => double.IsNaN(p) ? "n/a" : p < 0.0001 ? "< 0.0001" : Number(p, 4);

    public static string Percent(double proportion) => Number(100 * proportion, 1) + " %";

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>SVG coordinates: two decimals, invariant.</summary>
    public static string Coordinate(double value) => Number(value, 2);
}
