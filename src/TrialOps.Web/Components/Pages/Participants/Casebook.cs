using System.Globalization;

namespace TrialOps.Web.Components.Pages.Participants;

/// <summary>How the printable casebook groups a participant's recorded values.</summary>
public static class Casebook
{
    /// <summary>The period a recorded value's key belongs to (<c>P2 PAIN PT20M</c> → 2), or null for values outside the periods.</summary>
    public static int? PeriodOf(string key)
    {
        if (key.Length < 2 || key[0] != 'P')
        {
            return null;
        }

        var end = key.IndexOf(' ', StringComparison.Ordinal);
        var digits = end < 0 ? key[1..] : key[1..end];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var period) && period > 0 ? period : null;
    }
}
