using TrialOps.Protocols;
using TrialOps.Tests.Protocols;

namespace TrialOps.Tests.Sites;

/// <summary>Issue 14, item 4: a site's local time in, UTC stored, local time and study days out.</summary>
public sealed class SiteClockTests
{
    private static readonly SiteClock Amsterdam = SiteClock.Of("Europe/Amsterdam");
    private static readonly SiteClock Sydney = SiteClock.Of("Australia/Sydney");

    [Fact]
    public void a_time_typed_at_the_site_is_stored_as_the_instant_it_names_with_the_offset_in_force_that_day()
    {
        Assert.True(Amsterdam.TryParse("2026-01-15T09:30", out var winter, out _));
        Assert.True(Amsterdam.TryParse("2026-07-15T09:30", out var summer, out _));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 8, 30, 0, TimeSpan.Zero), winter);
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 7, 30, 0, TimeSpan.Zero), summer);
        Assert.Equal("2026-01-15 09:30 +01:00", Amsterdam.Show(winter));
        Assert.Equal("2026-07-15 09:30 +02:00", Amsterdam.Show(summer));
        Assert.Equal("2026-07-15T09:30", Amsterdam.Input(summer));
        Assert.Equal("2026-07-15T09:30:00+02:00", Amsterdam.Iso(summer));
    }

    [Fact]
    public void a_utc_site_reads_and_writes_as_before()
    {
        Assert.True(SiteClock.Utc.TryParse("2026-07-15T09:30", out var instant, out _));

        Assert.Equal(new DateTimeOffset(2026, 7, 15, 9, 30, 0, TimeSpan.Zero), instant);
        Assert.Equal("2026-07-15 09:30 UTC", SiteClock.Utc.Show(instant));
        Assert.Equal("2026-07-15T09:30:00", SiteClock.Utc.Iso(instant));
        Assert.Same(SiteClock.Utc, SiteClock.Of(new TrialSite("S01", "Site") { TimeZone = TrialSite.DefaultTimeZone }));
    }

    [Fact]
    public void a_time_the_clock_skipped_is_refused_and_a_time_it_showed_twice_needs_its_offset()
    {
        // Europe/Amsterdam: 2026-03-29 02:00 → 03:00; 2026-10-25 03:00 → 02:00.
        Assert.False(Amsterdam.TryParse("2026-03-29T02:30", out _, out var skipped));
        Assert.Contains("does not exist in Europe/Amsterdam", skipped);

        Assert.False(Amsterdam.TryParse("2026-10-25T02:30", out _, out var twice));
        Assert.Contains("+01:00 or +02:00", twice);
        Assert.True(Amsterdam.TryParse("2026-10-25T02:30+02:00", out var first, out _));
        Assert.True(Amsterdam.TryParse("2026-10-25T02:30+01:00", out var second, out _));
        Assert.Equal(TimeSpan.FromHours(1), second - first);

        Assert.False(Amsterdam.TryParse("25/10/2026 02:30", out _, out var garbage));
        Assert.Equal("Enter a date and time as YYYY-MM-DDTHH:MM.", garbage);
    }

    [Fact]
    public void study_days_count_the_sites_calendar_days_not_utc_ones()
    {
        // First dose 2026-11-02 08:00 in Sydney (+11:00), which is 21:00 UTC on 1 November. A value
        // at 23:30 Sydney time the same day is on study day 1; counted on UTC dates it would be day 2.
        Assert.True(Sydney.TryParse("2026-11-02T08:00", out var firstDose, out _));
        Assert.True(Sydney.TryParse("2026-11-02T23:30", out var lateSameDay, out _));
        Assert.True(Sydney.TryParse("2026-11-01T10:00", out var dayBefore, out _));

        Assert.Equal(1, Sydney.StudyDay(lateSameDay, firstDose));
        Assert.Equal(-1, Sydney.StudyDay(dayBefore, firstDose));
        Assert.Equal(2, SiteClock.Utc.StudyDay(lateSameDay, firstDose)); // what a UTC count would say
        Assert.Equal(new DateOnly(2026, 11, 2), Sydney.LocalDate(lateSameDay));
    }

    [Fact]
    public void a_participants_clock_is_the_clock_of_their_site_in_the_protocol_and_utc_for_a_site_it_does_not_name()
    {
        var protocol = ProtocolFixtures.Parse(File.ReadAllText(Path.Combine(ProtocolFixtures.RepositoryRoot, "seed", "KET-NP-02.json")));

        Assert.Equal("Europe/Amsterdam", SiteClock.Of(protocol, "S01").TimeZone);
        Assert.Equal("Australia/Sydney", SiteClock.Of(protocol, "s02").TimeZone);
        Assert.Same(SiteClock.Utc, SiteClock.Of(protocol, "S99"));
        Assert.Same(SiteClock.Utc, SiteClock.Of(protocol, null));
    }
}
