using System.Globalization;

namespace TrialOps.Protocols;

/// <summary>
/// A site's wall clock (the protocol's <c>sites[].timeZone</c>, an IANA id, UTC by default): what
/// staff type and read is the site's local time with its offset; what the store keeps is UTC.
/// Study days count local calendar days, so a dose at 00:30 in Sydney is on the Sydney date.
/// </summary>
public sealed class SiteClock
{
    private const string TypedFormat = "yyyy-MM-dd'T'HH:mm";

    private static readonly string[] TypedFormats = [TypedFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    private readonly TimeZoneInfo _zone;

    private SiteClock(string timeZone, TimeZoneInfo zone)
    {
        TimeZone = timeZone;
        _zone = zone;
    }

    public static SiteClock Utc { get; } = new(TrialSite.DefaultTimeZone, TimeZoneInfo.Utc);

    /// <summary>The IANA id, as the protocol names it.</summary>
    public string TimeZone { get; }

    public bool IsUtc => _zone.BaseUtcOffset == TimeSpan.Zero && !_zone.SupportsDaylightSavingTime;

    /// <summary>The clock of a site's zone; a protocol's zones are checked when it is imported.</summary>
    public static SiteClock Of(TrialSite? site) => site is null ? Utc : Of(site.TimeZone);

    /// <summary>The clock of the protocol's site with that code (a participant's site: <c>SubjectNumber.Site</c>); UTC for an unknown code.</summary>
    public static SiteClock Of(ProtocolDefinition protocol, string? siteCode) =>
        Of(protocol.Sites.FirstOrDefault(site => string.Equals(site.Code, siteCode, StringComparison.OrdinalIgnoreCase)));

    public static SiteClock Of(string timeZone) =>
        timeZone == TrialSite.DefaultTimeZone ? Utc : new SiteClock(timeZone, TimeZoneInfo.FindSystemTimeZoneById(timeZone));

    /// <summary>The same instant on the site's clock, with the offset in force then.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>The site's calendar date at that instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>
    /// The first instant of a local calendar date on this clock (its midnight, or the first time the
    /// clock showed that day where it skipped midnight): where a date-only value begins.
    /// </summary>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var wall = date.ToDateTime(TimeOnly.MinValue);
        while (_zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(1);
        }

        var offset = _zone.IsAmbiguousTime(wall) ? _zone.GetAmbiguousTimeOffsets(wall).Max() : _zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    /// <summary>For people: <c>2026-03-29 03:30 +02:00</c>; a UTC site keeps <c>… UTC</c>.</summary>
    public string Show(DateTimeOffset instant)
    {
        var local = Local(instant);
        var text = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return IsUtc ? text + " UTC" : text + " " + Offset(local.Offset);
    }

    /// <summary>The value of an <c>&lt;input type="datetime-local"&gt;</c> showing the instant on this clock.</summary>
    public string Input(DateTimeOffset instant) => Local(instant).ToString(TypedFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// ISO 8601 with the local offset, for SDTM --DTC collection times (<c>2026-03-29T03:30:00+02:00</c>);
    /// a UTC site keeps the offset-less form the exports always had.
    /// </summary>
    public string Iso(DateTimeOffset instant)
    {
        var local = Local(instant);
        var text = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return IsUtc ? text : text + Offset(local.Offset);
    }

    /// <summary>
    /// A time typed on this clock, as an instant. Refused: text that is not a time, a local time the
    /// clock skipped (spring forward) and one it showed twice (fall back) unless the offset is typed.
    /// </summary>
    public bool TryParse(string? text, out DateTimeOffset instant, out string? problem)
    {
        instant = default;
        problem = null;
        var trimmed = text?.Trim();
        if (DateTimeOffset.TryParseExact(trimmed, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            instant = withOffset.ToUniversalTime();
            return true;
        }

        if (!DateTime.TryParseExact(trimmed, TypedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            problem = "Enter a date and time as YYYY-MM-DDTHH:MM.";
            return false;
        }

        if (_zone.IsInvalidTime(wall))
        {
            problem = $"{wall.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} does not exist in {TimeZone} (the clocks went forward): enter the time the clock showed.";
            return false;
        }

        if (_zone.IsAmbiguousTime(wall))
        {
            var offsets = _zone.GetAmbiguousTimeOffsets(wall).Order().Select(Offset);
            problem = $"{wall.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} happened twice in {TimeZone} (the clocks went back): add the offset, {string.Join(" or ", offsets)}.";
            return false;
        }

        instant = new DateTimeOffset(wall, _zone.GetUtcOffset(wall)).ToUniversalTime();
        return true;
    }

    /// <summary>SDTM study day on this clock: day 1 is the reference's local date, the day before is -1.</summary>
    public int StudyDay(DateTimeOffset instant, DateTimeOffset reference)
    {
        var days = LocalDate(instant).DayNumber - LocalDate(reference).DayNumber;
        return days >= 0 ? days + 1 : days;
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
}
