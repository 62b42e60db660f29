using TrialOps.AdverseEvents;
using TrialOps.Protocols;

namespace TrialOps.Exports.Sdtm;

/// <summary>
/// A subject's --DTC and --DY values (issue 14, ADR 0031): a time is the site's local time with
/// its offset (<c>2026-03-30T00:30:00+11:00</c>; a UTC site keeps the offset-less
/// <c>2026-11-28T10:40:00</c> of earlier exports), a date-only value the local date as the site
/// wrote it, a partial date as recorded, never padded. Study days count the site's calendar dates
/// from the local date of the reference start (RFSTDTC), so a dose at 00:30 in Sydney is day 1 of
/// the Sydney date, not day 0 of the UTC one.
/// </summary>
public sealed class SubjectTimes(SiteClock clock, DateTimeOffset? reference)
{
    public SiteClock Clock => clock;

    public string Dtc(DateTimeOffset time) => clock.Iso(time);

    public string? Dtc(DateTimeOffset? time) => time is { } t ? clock.Iso(t) : null;

    public string? Dtc(PartialDate? date) => date?.IsoOn(clock);

    /// <summary>The site's calendar date of an instant, as a --DTC date.</summary>
    public string Date(DateTimeOffset time) => Iso.Date(clock.LocalDate(time));

    public int? Day(DateTimeOffset? time) => time is { } t && reference is { } r ? clock.StudyDay(t, r) : null;

    public int? Day(DateOnly? date) => date is { } d && reference is { } r ? Iso.StudyDay(d, clock.LocalDate(r)) : null;

    /// <summary>Only for a date known to the day; a partial date has no study day.</summary>
    public int? Day(PartialDate? date) => date?.LocalDate(clock) is { } local ? Day(local) : null;
}
