using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrialOps.Browser.Tests.Enhancement;

/// <summary>
/// Blazor's script enhances the server-rendered pages (issue 14, item 1): links and forms update
/// the page in place, under the app's content security policy, and the same pages still work as
/// plain links and forms with JavaScript off.
/// </summary>
public sealed class EnhancedPagesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // Records every CSP violation of every document the page loads, so a test can require none.
    private const string CspWatch =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    private string Url(string path) => fixture.App.BaseUrl + path;

    [Fact]
    public async Task links_and_forms_update_the_page_without_a_reload_and_nothing_breaks_the_content_security_policy()
    {
        fixture.RequireStarted();
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await context.AddInitScriptAsync(CspWatch);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        var documentLoads = 0;
        page.Load += (_, _) => documentLoads++;

        await fixture.SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        await page.WaitForFunctionAsync("() => typeof window.Blazor === 'object'");

        // A marker on the window survives only if the document is never reloaded.
        await page.EvaluateAsync("() => { window.__sameDocument = 'kept'; }");
        var loadsBefore = documentLoads;

        await page.ClickAsync("nav a[href='/users']");
        await BrowserFixture.AtAsync(page, Url("/users"));
        await Expect(page.Locator("a:has-text('Create user')")).ToBeVisibleAsync();
        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.__sameDocument"));

        await page.ClickAsync("a:has-text('Create user')");
        await BrowserFixture.AtAsync(page, Url("/users/new"));
        await page.FillAsync("#userName", "enid");
        await page.FillAsync("#displayName", "Enid Enhanced");
        await page.SelectOptionAsync("#role", "DataEntry");
        await page.FillAsync("#sites", "S01");
        await page.FillAsync("#password", "enhanced-forms-need-no-reload");
        await page.ClickAsync("button:has-text('Create user')");
        await BrowserFixture.AtAsync(page, Url("/users?created=enid"));
        await Expect(page.Locator("main")).ToContainTextAsync("User enid was created.");
        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.__sameDocument"));
        Assert.Equal(loadsBefore, documentLoads);

        // A refusal also comes back in place, with the typed values kept.
        await page.ClickAsync("a:has-text('Create user')");
        await BrowserFixture.AtAsync(page, Url("/users/new"));
        await page.FillAsync("#userName", "enid");
        await page.FillAsync("#displayName", "Enid Again");
        await page.SelectOptionAsync("#role", "DataEntry");
        await page.FillAsync("#sites", "S01");
        await page.FillAsync("#password", "enhanced-forms-need-no-reload");
        await page.ClickAsync("button:has-text('Create user')");
        await Expect(page.Locator("main")).ToContainTextAsync("already");
        await Expect(page.Locator("#displayName")).ToHaveValueAsync("Enid Again");
        Assert.Equal("kept", await page.EvaluateAsync<string>("() => window.__sameDocument"));

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task with_javascript_off_the_same_links_and_forms_work_as_plain_html()
    {
        fixture.RequireStarted();
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 800, Height = 800 },
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();

        await fixture.SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        await page.ClickAsync("nav a[href='/users']");
        await BrowserFixture.AtAsync(page, Url("/users"));
        await page.ClickAsync("a:has-text('Create user')");
        await BrowserFixture.AtAsync(page, Url("/users/new"));
        await page.FillAsync("#userName", "noscript");
        await page.FillAsync("#displayName", "No Script");
        await page.SelectOptionAsync("#role", "Monitor");
        await page.FillAsync("#sites", "S01");
        await page.FillAsync("#password", "plain-forms-still-post-fine");
        await page.ClickAsync("button:has-text('Create user')");
        await BrowserFixture.AtAsync(page, Url("/users?created=noscript"));
        await Expect(page.Locator("main")).ToContainTextAsync("User noscript was created.");
        await Expect(page.Locator("td a[href='/users/noscript']")).ToHaveCountAsync(1);
    }
}
