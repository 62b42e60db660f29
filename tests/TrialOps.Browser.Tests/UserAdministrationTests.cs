using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrialOps.Browser.Tests;

public sealed class UserAdministrationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private string Url(string path) => fixture.App.BaseUrl + path;

    private async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button:has-text('Sign in')");
    }

    [Fact]
    public async Task an_administrator_creates_a_data_entry_user_who_is_not_offered_user_administration()
    {
        fixture.RequireStarted();
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page);

        await page.GotoAsync(Url("/"));
        Assert.StartsWith(Url("/login"), page.Url, StringComparison.Ordinal);
        await shots.TakeAsync("sign-in-page");

        await SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        await BrowserFixture.AtAsync(page, Url("/"));
        await Expect(page.Locator("nav a[href='/users']")).ToHaveCountAsync(1);
        await shots.TakeAsync("signed-in-as-admin");

        await page.ClickAsync("nav a[href='/users']");
        await BrowserFixture.AtAsync(page, Url("/users"));
        await shots.TakeAsync("user-list");

        await page.ClickAsync("a:has-text('Create user')");
        await BrowserFixture.AtAsync(page, Url("/users/new"));
        await page.FillAsync("#userName", "dana");
        await page.FillAsync("#displayName", "Dana Entry");
        await page.SelectOptionAsync("#role", "DataEntry");
        await page.FillAsync("#sites", "S01");
        await page.FillAsync("#password", "pharmacy-night-shift-7");
        await shots.TakeAsync("create-user-form");

        await page.ClickAsync("button:has-text('Create user')");
        await BrowserFixture.AtAsync(page, Url("/users?created=dana"));
        await Expect(page.Locator("main")).ToContainTextAsync("User dana was created.");
        await Expect(page.Locator("td a[href='/users/dana']")).ToHaveCountAsync(1);
        await shots.TakeAsync("user-created");

        await page.ClickAsync("button:has-text('Sign out')");
        await BrowserFixture.AtAsync(page, Url("/login?signedOut=true"));
        await Expect(page.Locator("main")).ToContainTextAsync("You are signed out.");
        await shots.TakeAsync("signed-out");

        await SignInAsync(page, "dana", "pharmacy-night-shift-7");
        await BrowserFixture.AtAsync(page, Url("/"));
        await Expect(page.Locator("header")).ToContainTextAsync("Dana Entry");
        await Expect(page.Locator("a[href='/users']")).ToHaveCountAsync(0);
        await shots.TakeAsync("signed-in-as-data-entry");

        var response = await page.GotoAsync(Url("/users"));
        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("main")).ToContainTextAsync("Access denied");
        await shots.TakeAsync("user-administration-refused");
    }

    [Fact]
    public async Task the_pages_fit_a_tablet_768_pixels_wide()
    {
        fixture.RequireStarted();
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 768, Height = 1024 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page);

        await page.GotoAsync(Url("/login"));
        await AssertFitsAsync(page);
        await shots.TakeAsync("sign-in-page");

        await SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        await BrowserFixture.AtAsync(page, Url("/"));
        foreach (var (path, name) in new[] { ("/", "start-page"), ("/users", "user-list"), ("/users/new", "create-user-form"), ("/users/admin", "user-details"), ("/account/password", "change-password") })
        {
            await page.GotoAsync(Url(path));
            await AssertFitsAsync(page);
            await shots.TakeAsync(name);
        }
    }

    /// <summary>No sideways scrolling of the page as a whole (a wide table may scroll inside its own box).</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var (scrollWidth, clientWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(scrollWidth <= clientWidth, $"{page.Url} is {scrollWidth} px wide in a {clientWidth} px window");
    }
}
