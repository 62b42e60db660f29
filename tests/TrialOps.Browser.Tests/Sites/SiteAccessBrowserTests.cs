using System.Text.Json;
using Microsoft.Playwright;
using TrialOps.Browser.Tests.Journey;

namespace TrialOps.Browser.Tests.Sites;

/// <summary>
/// A walk as DataEntry of one site in the browser (ADR 0010): over the demo trial with participants
/// at S01 and S02, the nurse of S01 sees only S01 on the participant list and the dashboard, and an
/// S02 participant's address says "No such participant".
/// </summary>
public sealed class SiteAccessBrowserTests(JourneyBrowserFixture journey) : IClassFixture<JourneyBrowserFixture>
{
    private const string Password = "site-walk-password-1";
    private const string Trial = "/trials/KET-NP-01";

    private BrowserFixture Fixture => journey.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task a_data_entry_user_of_one_site_sees_only_that_site_in_the_browser()
    {
        Fixture.RequireStarted();
        var (own, other) = await CreateNurseAndFindParticipantsAsync();

        await using var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page);
        await Fixture.SignInAsync(page, "nurse.s01", Password);
        await Expect(page.Locator("main")).ToContainTextAsync("sites: S01");

        await page.GotoAsync(Url($"{Trial}/participants?size=100"));
        // The participants' own links (a participant's overdue count links to the same page, with the count as its text).
        var links = page.Locator("table.table tbody tr td a[href*='/participants/S']:not(.status)");
        await Expect(links.Filter(new LocatorFilterOptions { HasText = own })).ToHaveCountAsync(1);
        await Expect(links.Filter(new LocatorFilterOptions { HasText = "S02-" })).ToHaveCountAsync(0);
        Assert.All(await links.AllInnerTextsAsync(), text => Assert.StartsWith("S01-", text, StringComparison.Ordinal));
        await Expect(page.Locator("#site option[value='S02']")).ToHaveCountAsync(0);
        await shots.TakeAsync("participant-list-of-s01");

        await page.GotoAsync(Url(Trial));
        await Expect(page.Locator("main")).ToContainTextAsync("Your sites");
        await Expect(page.Locator("main th[scope='row']", new PageLocatorOptions { HasText = "S02" })).ToHaveCountAsync(0);
        await Expect(page.Locator("main th[scope='row']", new PageLocatorOptions { HasText = "S01" })).ToHaveCountAsync(1);
        await Expect(page.Locator("main a[href*='/participants/S02-']")).ToHaveCountAsync(0);
        await shots.TakeAsync("dashboard-of-s01");

        var response = await page.GotoAsync(Url($"{Trial}/participants/{other}"));
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("main h1")).ToHaveTextAsync("No such participant");
        await Expect(page.Locator("main")).ToContainTextAsync($"There is no participant {other} in trial KET-NP-01.");
        await shots.TakeAsync("other-site-participant-not-found");

        var ownPage = await page.GotoAsync(Url($"{Trial}/participants/{own}"));
        Assert.Equal(200, ownPage!.Status);
        await Expect(page.Locator("main h1")).ToContainTextAsync(own);
    }

    /// <summary>The administrator creates the nurse of S01 and reads one participant of each site through the API.</summary>
    private async Task<(string Own, string Other)> CreateNurseAndFindParticipantsAsync()
    {
        await using var context = await Fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Fixture.SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        var created = await page.APIRequest.PostAsync(Url("/api/v1/users"), new APIRequestContextOptions
        {
            DataObject = new { userName = "nurse.s01", displayName = "Nurse of S01", role = "DataEntry", password = Password, sites = new[] { "S01" } },
        });
        Assert.True(created.Status is 201 or 409, $"creating nurse.s01: {created.Status} {await created.TextAsync()}");

        // The demo is seeded at the app's first start; its participants reach the list's read model shortly after.
        async Task<string> FirstAtAsync(string site)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                var response = await page.APIRequest.GetAsync(Url($"/api/v1{Trial}/participants?site={site}&pageSize=1"));
                var items = response.Status == 200 ? JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("items") : default;
                if (items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0)
                {
                    return items[0].GetProperty("subject").GetString()!;
                }

                Assert.True(DateTime.UtcNow < deadline, $"the demo trial shows no participant at {site}: {response.Status} {await response.TextAsync()}");
                await Task.Delay(250);
            }
        }

        return (await FirstAtAsync("S01"), await FirstAtAsync("S02"));
    }
}
