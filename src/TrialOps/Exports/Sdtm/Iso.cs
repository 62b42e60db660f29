using System.Globalization;
using TrialOps.Protocols;

namespace TrialOps.Exports.Sdtm;

/// <summary>
/// ISO 8601 text for SDTM: dates alone where only a date is known (the consent date), numbers in
/// invariant form. Times and study days of a subject are on their site's clock: <see cref="SubjectTimes"/>.
/// </summary>
public static class Iso
{
    /// <summary>
    /// A time as a UTC site's --DTC shows it (<c>2026-11-28T10:40:00</c>, no offset). A subject's
    /// times go through <see cref="SubjectTimes"/>, which uses their site's clock.
    /// </summary>
    public static string Dtc(DateTimeOffset time) => SiteClock.Utc.Iso(time);

    public static string? Dtc(DateTimeOffset? time) => time is { } t ? Dtc(t) : null;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? date) => date is { } d ? Date(d) : null;

    /// <summary>Numbers in the CSV and the text results: invariant, shortest round-trip form.</summary>
    public static string Number(decimal value) => ((double)value).ToString("R", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Number(decimal? value) => value is { } number ? Number(number) : null;

    public static string? Number(int? value) => value is { } number ? Number(number) : null;

    /// <summary>SDTM study day: day 1 is the reference date, the day before is -1; there is no day 0.</summary>
    public static int StudyDay(DateOnly date, DateOnly reference)
    {
        var days = date.DayNumber - reference.DayNumber;
        return days >= 0 ? days + 1 : days;
    }
}
