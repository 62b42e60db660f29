using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TrialOps.Protocols;

/// <summary>
/// The subset of ISO 8601 durations a protocol uses: <c>PnW</c>, or <c>PnDTnHnMnS</c> with any
/// of the parts (at least one; a <c>T</c> needs at least one time part), whole numbers only.
/// A day is 24 hours: washouts and assessment times are elapsed time, not calendar dates.
/// Years and months are refused because they have no fixed length (and <c>P1M</c> is too easily
/// mistaken for one minute).
/// </summary>
public static partial class IsoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = default;
        error = null;
        if (text is null)
        {
            error = "not an ISO 8601 duration";
            return false;
        }

        var weeks = WeeksPattern().Match(text);
        if (weeks.Success)
        {
            return TryBuild(text, [(weeks.Groups[1], TimeSpan.FromDays(7))], out duration, out error);
        }

        var parts = PartsPattern().Match(text);
        if (parts.Success && text != "P" && !text.EndsWith('T'))
        {
            return TryBuild(
                text,
                [
                    (parts.Groups["d"], TimeSpan.FromDays(1)),
                    (parts.Groups["h"], TimeSpan.FromHours(1)),
                    (parts.Groups["m"], TimeSpan.FromMinutes(1)),
                    (parts.Groups["s"], TimeSpan.FromSeconds(1)),
                ],
                out duration,
                out error);
        }

        error = CalendarPattern().IsMatch(text)
            ? $"'{text}' uses years or months, which have no fixed length; use days or weeks"
            : $"not an ISO 8601 duration '{text}' (expected e.g. 'PT4H', 'P7D', 'P2W')";
        return false;
    }

    private static bool TryBuild(string text, (Group Group, TimeSpan Unit)[] parts, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = TimeSpan.Zero;
        error = null;
        try
        {
            foreach (var (group, unit) in parts)
            {
                if (group.Success)
                {
                    var count = long.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);
                    duration = checked(duration + TimeSpan.FromTicks(checked(count * unit.Ticks)));
                }
            }

            return true;
        }
        catch (OverflowException)
        {
            error = $"duration '{text}' is too long";
            return false;
        }
    }

    [GeneratedRegex(@"^P([0-9]{1,9})W\z", RegexOptions.CultureInvariant)]
    private static partial Regex WeeksPattern();

    [GeneratedRegex(@"^P(?:(?<d>[0-9]{1,9})D)?(?:T(?:(?<h>[0-9]{1,9})H)?(?:(?<m>[0-9]{1,9})M)?(?:(?<s>[0-9]{1,9})S)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex PartsPattern();

    [GeneratedRegex(@"^P[0-9]+[YM]", RegexOptions.CultureInvariant)]
    private static partial Regex CalendarPattern();
}
