using System.Globalization;
using TrialOps.AdverseEvents;

namespace TrialOps.Exports.Sdtm;

/// <summary>
/// ISO 8601 text for SDTM --DTC variables. Times are UTC, as the store records them, written
/// without an offset (<c>2026-11-28T10:40:00</c>); dates alone where only a date is known (the
/// consent date); partial dates exactly as recorded (<c>2026-11</c>), never padded.
/// </summary>
public static class Iso
{
    public static string Dtc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static string? Dtc(DateTimeOffset? time) => time is { } t ? Dtc(t) : null;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? date) => date is { } d ? Date(d) : null;

    /// <summary>Numbers in the CSV and the text results: invariant, shortest round-trip form.</summary>
    public static string Number(decimal value) => ((double)value).ToString("R", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Number(decimal? value) => value is { } number ? Number(number) : null;

    public static string? Number(int? value) => value is { } number ? Number(number) : null;

    /// <summary>
    /// SDTM study day of a date relative to the reference start (RFSTDTC): day 1 is the reference
    /// day, the day before is -1; there is no day 0.
    /// </summary>
    public static int? StudyDay(DateTimeOffset? time, DateTimeOffset? reference) =>
        time is { } t && reference is { } r ? Day(DateOnly.FromDateTime(t.UtcDateTime), DateOnly.FromDateTime(r.UtcDateTime)) : null;

    public static int? StudyDay(DateOnly? date, DateTimeOffset? reference) =>
        date is { } d && reference is { } r ? Day(d, DateOnly.FromDateTime(r.UtcDateTime)) : null;

    /// <summary>Only for a date known to the day; a partial date has no study day.</summary>
    public static int? StudyDay(PartialDate? date, DateTimeOffset? reference) =>
        date is { IsComplete: true } d ? StudyDay(DateOnly.FromDateTime(d.Earliest.UtcDateTime), reference) : null;

    private static int Day(DateOnly date, DateOnly reference)
    {
        var days = date.DayNumber - reference.DayNumber;
        return days >= 0 ? days + 1 : days;
    }
}
