using TrialOps.Web.Components.Pages.Trials;

namespace TrialOps.Web.Tests.Sites;

/// <summary>The calendar's "today" is the date at the sites it lists (ADR 0030).</summary>
public sealed class TrialClocksTests
{
    // 2026-05-01 20:00 UTC: 22:00 on 1 May in Amsterdam, 06:00 on 2 May in Sydney.
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void today_is_the_listed_sites_date_and_the_utc_date_only_when_the_sites_disagree()
    {
        var zoned = TrialClocks.Of(SiteTimeFixture.Zoned);

        Assert.Equal(new DateOnly(2026, 5, 2), zoned.Today("S02", Now));
        Assert.Equal(new DateOnly(2026, 5, 1), zoned.Today("S01", Now));
        Assert.Equal(new DateOnly(2026, 5, 1), zoned.Today(null, Now.AddHours(-1)));
        Assert.Equal(new DateOnly(2026, 5, 2), TrialClocks.Of(SiteTimeFixture.Zoned with { Sites = [.. SiteTimeFixture.Zoned.Sites.Select(s => s with { TimeZone = "Australia/Sydney" })] }).Today(null, Now));
        Assert.Equal(new DateOnly(2026, 5, 1), TrialClocks.Utc.Today(null, Now));
    }
}
