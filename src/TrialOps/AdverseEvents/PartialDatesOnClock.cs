using System.Globalization;
using TrialOps.Protocols;

namespace TrialOps.AdverseEvents;

/// <summary>
/// A <see cref="PartialDate"/> read on a site's clock. A date-only value (<c>2026-03-29</c>,
/// <c>2026-03</c>, <c>2026</c>) is what the site wrote: a local calendar date, so it spans that
/// date's local day(s). A value with a time is stored in UTC and is shown on the site's clock.
/// </summary>
public static class PartialDatesOnClock
{
    public static bool HasTime(this PartialDate date) => date.Text.Length > 10;

    /// <summary>The first instant the date may stand for at the site.</summary>
    public static DateTimeOffset EarliestOn(this PartialDate date, SiteClock clock) =>
        date.HasTime() ? date.Earliest : clock.StartOfDay(DateOnly.FromDateTime(date.Earliest.UtcDateTime));

    /// <summary>The last instant the date may stand for at the site (the next local day's start minus one tick).</summary>
    public static DateTimeOffset LatestOn(this PartialDate date, SiteClock clock) =>
        date.HasTime() ? date.Latest : clock.StartOfDay(DateOnly.FromDateTime(date.Latest.AddTicks(1).UtcDateTime)).AddTicks(-1);

    /// <summary>The site's calendar date of a date known to the day; null for a partial date.</summary>
    public static DateOnly? LocalDate(this PartialDate date, SiteClock clock) =>
        !date.IsComplete ? null
        : date.HasTime() ? clock.LocalDate(date.Earliest)
        : DateOnly.FromDateTime(date.Earliest.UtcDateTime);

    /// <summary>For people: a date as written; a time on the site's clock with its offset (<c>2026-03-30 00:30 +11:00</c>).</summary>
    public static string ShowOn(this PartialDate date, SiteClock clock) =>
        date.HasTime() ? clock.Show(date.Earliest) : date.Text;

    /// <summary>For a form field: a date as written; a time as the site's wall clock (<c>2026-03-30T00:30</c>).</summary>
    public static string InputOn(this PartialDate date, SiteClock clock) =>
        date.HasTime() ? clock.Input(date.Earliest) : date.Text;

    /// <summary>
    /// A date typed at the site: <c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c> as written, or a time
    /// on the site's clock (<c>YYYY-MM-DDTHH:MM</c>, an offset may be typed), stored as UTC to the
    /// minute. A time the site's clock skipped or showed twice is refused with the reason.
    /// </summary>
    public static bool TryParseOn(string? text, SiteClock clock, out PartialDate date, out string? problem)
    {
        problem = null;
        var trimmed = text?.Trim();
        if (trimmed is null || trimmed.Length <= 10)
        {
            return PartialDate.TryParse(trimmed, out date);
        }

        date = default;
        if (!clock.TryParse(trimmed, out var instant, out problem))
        {
            return false;
        }

        return PartialDate.TryParse(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), out date);
    }

    /// <summary>
    /// ISO 8601 as SDTM --DTC holds it, to the precision recorded: a date-only value as written, a
    /// time as the site's local time with its offset (<c>2026-03-30T00:30+11:00</c>); a UTC site
    /// keeps the offset-less text it always had.
    /// </summary>
    public static string IsoOn(this PartialDate date, SiteClock clock) =>
        !date.HasTime() || clock.IsUtc
            ? date.Text
            : clock.Local(date.Earliest).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
}
