using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrialOps.Browser.Tests.Journey;

namespace TrialOps.Browser.Tests.Worklists;

/// <summary>
/// Home's worklist and the trial calendar in Chromium at 1280 and 800 px, over the demo trial: a
/// Monitor's query waits for the Coordinator on Home and the row leads to the query; the calendar
/// shows its weeks (one column at 800 px), filters by site and prints as a list; nothing is wider
/// than the window.
/// </summary>
public sealed partial class WorklistBrowserTests(JourneyBrowserFixture journey) : IClassFixture<JourneyBrowserFixture>
{
    private const string Password = "worklist-password-1";
    private const string Trial = "/trials/KET-NP-01";

    private BrowserFixture Fixture => journey.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    public static TheoryData<int> Widths => [1280, 800];

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task the_coordinator_finds_a_query_on_home_and_the_calendar_fits_the_window(int width)
    {
        Fixture.RequireStarted();
        await PrepareAsync(width);
        await using var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page, $"{nameof(the_coordinator_finds_a_query_on_home_and_the_calendar_fits_the_window)}-{width}");
        await Fixture.SignInAsync(page, "coordinator.wl", Password);

        // Home: queries wait in "Queries to answer", and a row leads to its query page. The oldest
        // come first, and the automatic queries of the demo's missed time points (ADR 0025) may fill
        // the rows shown, so the row followed is the first one, not necessarily this test's query.
        var worklist = page.Locator("#worklist");
        await Expect(worklist.Locator("h2")).ToContainTextAsync("Your work now");
        var row = worklist.Locator("table.worklist-table tr").Filter(new LocatorFilterOptions { HasText = "Answer query" });
        await Expect(row).Not.ToHaveCountAsync(0);
        await AssertFitsAsync(page);
        await shots.TakeAsync("home-worklist");
        var rowSubject = new Regex("S[0-9]{2}-[0-9]{3}").Match(await row.First.InnerTextAsync()).Value;
        await row.First.Locator("a").First.ClickAsync();
        await BrowserFixture.AtAsync(page, new Regex($"{Regex.Escape(Trial)}/participants/{Regex.Escape(rowSubject)}/queries/[0-9]+$"));

        // The calendar: weeks, a column per weekday at 1280 px and one column at 800 px.
        await page.GotoAsync(Url($"{Trial}/calendar"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Calendar");
        await Expect(page.Locator("section.calendar h2")).ToHaveTextAsync("The next 5 weeks");
        Assert.Equal(35, await page.Locator(".calendar-grid > li").CountAsync());
        var columns = await page.Locator(".calendar-grid").EvaluateAsync<string>("grid => getComputedStyle(grid).gridTemplateColumns");
        Assert.Equal(width >= 1000 ? 7 : 1, columns.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        await AssertFitsAsync(page);
        await shots.TakeAsync("calendar");

        // Filter by site (a GET form), then the list for printing keeps the filter.
        await page.SelectOptionAsync("#site", "S01");
        await page.ClickAsync("form[role=search] button:has-text('Show')");
        await BrowserFixture.AtAsync(page, new Regex("/calendar\\?site=S01$"));
        await Expect(page.Locator(".calendar-entries a", new PageLocatorOptions { HasTextRegex = new Regex("^S02-") })).ToHaveCountAsync(0);
        // Enhanced navigation moves the address before it patches the page: follow the link once it carries the filter.
        var printList = page.Locator("a:has-text('List for printing')");
        await Expect(printList).ToHaveAttributeAsync("href", new Regex("site=S01"));
        await printList.ClickAsync();
        await BrowserFixture.AtAsync(page, new Regex("/calendar\\?site=S01&view=list$"));
        await Expect(page.Locator("h2#calendar-list")).ToBeVisibleAsync();
        await Expect(page.Locator("#site")).ToHaveValueAsync("S01");
        await AssertFitsAsync(page);
        await shots.TakeAsync("calendar-list");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator("form[role=search]")).ToBeHiddenAsync();
        await Expect(page.Locator("nav.trial-nav")).ToBeHiddenAsync();
        await shots.TakeAsync("calendar-print");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // The charts fit as well.
        await page.GotoAsync(Url($"{Trial}/charts"));
        await Expect(page.Locator("svg[role=img] title").First).ToHaveTextAsync(new Regex("over time by period, pooled$"));
        await AssertFitsAsync(page);
        await shots.TakeAsync("charts");
    }

    /// <summary>Nothing sticks out of the window sideways (the page does not scroll horizontally).</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"{page.Url}: the page is {scroll} px wide in a {client} px window");
    }

    /// <summary>The coordinator, and a query the monitor raised on an S01 participant for them to answer (one per width).</summary>
    private async Task<string> PrepareAsync(int width)
    {
        await using var context = await Fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Fixture.SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        foreach (var (name, role) in new[] { ("coordinator.wl", "Coordinator"), ("monitor.wl", "Monitor") })
        {
            var created = await page.APIRequest.PostAsync(Url("/api/v1/users"), new APIRequestContextOptions
            {
                DataObject = new { userName = name, displayName = $"Worklist {role}", role, password = Password, sites = new[] { "S01", "S02" } },
            });
            Assert.True(created.Status is 201 or 409, $"creating {name}: {created.Status} {await created.TextAsync()}");
        }

        await using var monitorContext = await Fixture.NewContextAsync();
        var monitor = await monitorContext.NewPageAsync();
        await Fixture.SignInAsync(monitor, "monitor.wl", Password);
        await monitor.GotoAsync(Url($"{Trial}/participants?site=S01"));
        var subject = await monitor.Locator("table.table tbody tr td:first-child a").Nth(width == 1280 ? 0 : 1).InnerTextAsync();
        var raised = await monitor.APIRequest.PostAsync(Url($"/api/v1{Trial}/participants/{subject}/queries"), new APIRequestContextOptions
        {
            DataObject = new { target = new { kind = "Consent" }, text = $"Consent form version as in the source? ({width} px)" },
        });
        Assert.True(raised.Status is 200 or 201, $"raising a query: {raised.Status} {await raised.TextAsync()}");
        return subject;
    }
}
