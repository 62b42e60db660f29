using System.Globalization;
using TrialOps.Common;

namespace TrialOps.Web.Components.Shared;

/// <summary>
/// Query-string values read leniently: pages take every query parameter as text (a typed
/// <c>[SupplyParameterFromQuery]</c> throws on <c>?page=abc</c> and the page fails with 500) and read
/// it here; a value that does not parse, is out of range or holds control characters counts as absent.
/// </summary>
public static class QueryValues
{
    public static int? Int(string? value, int min = int.MinValue, int max = int.MaxValue) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max ? parsed : null;

    public static long? Long(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    public static bool Bool(string? value) => bool.TryParse(value, out var parsed) && parsed;

    /// <summary>The text, trimmed, or null when empty or not acceptable input (control characters, too long).</summary>
    public static string? Text(string? value, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value) || InputText.Problem(value, maxLength) is not null ? null : value.Trim();
}
