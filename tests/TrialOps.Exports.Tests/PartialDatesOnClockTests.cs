using TrialOps.AdverseEvents;
using TrialOps.Exports.Sdtm;
using TrialOps.Protocols;

namespace TrialOps.Exports.Tests;

/// <summary>
/// Dates as the exports read them on a site's clock (ADR 0031). The expected instants were worked
/// out with Python's zoneinfo (the first minute whose local date is the date), not with our code.
/// </summary>
public sealed class PartialDatesOnClockTests
{
    private static readonly SiteClock Sydney = SiteClock.Of("Australia/Sydney");

    [Theory]
    [InlineData("Australia/Sydney", "2026-11-24", "2026-11-23T13:00:00Z")]
    [InlineData("Europe/Amsterdam", "2026-03-29", "2026-03-28T23:00:00Z")]
    [InlineData("America/Santiago", "2026-09-06", "2026-09-06T04:00:00Z")]
    [InlineData("America/Santiago", "2026-04-05", "2026-04-05T04:00:00Z")]
    [InlineData("UTC", "2026-11-24", "2026-11-24T00:00:00Z")]
    public void a_local_date_starts_at_its_first_instant_on_the_site_clock_even_where_midnight_was_skipped(string zone, string date, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SiteClock.Of(zone).StartOfDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void a_date_only_onset_stands_for_the_local_day_and_is_written_as_entered()
    {
        var onset = PartialDate.Parse("2026-11-23");

        Assert.Equal(DateTimeOffset.Parse("2026-11-22T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture), onset.EarliestOn(Sydney));
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddTicks(-1), onset.LatestOn(Sydney));
        Assert.Equal(new DateOnly(2026, 11, 23), onset.LocalDate(Sydney));
        Assert.Equal("2026-11-23", onset.IsoOn(Sydney));
        Assert.Equal("2026-11", PartialDate.Parse("2026-11").IsoOn(Sydney));
        Assert.Null(PartialDate.Parse("2026-11").LocalDate(Sydney));
    }

    [Fact]
    public void an_onset_with_a_time_is_shown_on_the_site_clock_at_minute_precision_and_a_utc_site_keeps_its_text()
    {
        var onset = PartialDate.Parse("2026-11-23T15:30");

        Assert.Equal("2026-11-24T02:30+11:00", onset.IsoOn(Sydney));
        Assert.Equal(new DateOnly(2026, 11, 24), onset.LocalDate(Sydney));
        Assert.Equal("2026-11-23T15:30", onset.IsoOn(SiteClock.Utc));
        Assert.Equal(new DateOnly(2026, 11, 23), onset.LocalDate(SiteClock.Utc));
    }

    [Fact]
    public void study_days_count_local_dates_from_the_reference_with_no_day_zero()
    {
        // First dose 00:30 in Sydney on 24 November (13:30 UTC on the 23rd).
        var firstDose = DateTimeOffset.Parse("2026-11-23T13:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var times = new SubjectTimes(Sydney, firstDose);

        Assert.Equal("2026-11-24T00:30:00+11:00", times.Dtc(firstDose));
        Assert.Equal(1, times.Day(firstDose));
        Assert.Equal(-1, times.Day(firstDose.AddMinutes(-40)));
        Assert.Equal(2, times.Day(DateTimeOffset.Parse("2026-11-24T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(-1, times.Day(new DateOnly(2026, 11, 23)));
        Assert.Equal(1, times.Day(PartialDate.Parse("2026-11-24")));
        Assert.Null(times.Day(PartialDate.Parse("2026-11")));
        Assert.Null(new SubjectTimes(Sydney, null).Day(firstDose));
    }
}
