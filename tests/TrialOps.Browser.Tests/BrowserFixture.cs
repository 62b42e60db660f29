using Microsoft.Playwright;
using TrialOps.Testing;

namespace TrialOps.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (which must not download browsers), and the real app
/// on loopback on its own test database. One per test class.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// Waits until the page is at <paramref name="url"/> by polling the address, not by waiting for
    /// load events: with Blazor's enhanced navigation a link patches the page in place and no load
    /// event may follow (waiting for one timed out now and then). What the test reads next waits
    /// for its own element.
    /// </summary>
    public static Task AtAsync(IPage page, string url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new PageAssertionsToHaveURLOptions { Timeout = 30_000 });

    /// <inheritdoc cref="AtAsync(IPage, string)"/>
    public static Task AtAsync(IPage page, System.Text.RegularExpressions.Regex url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new PageAssertionsToHaveURLOptions { Timeout = 30_000 });

    public const string ChromiumPath = "/usr/bin/chromium";
    public const string AdminPassword = "browser-first-start-password";

    private readonly DatabaseFixture database = new();
    private IPlaywright? playwright;
    private IBrowser? browser;
    private WebAppProcess? app;

    public WebAppProcess App => app ?? throw new InvalidOperationException(StartFailure ?? "Not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException(StartFailure ?? "Not started.");

    /// <summary>
    /// A browser context whose waits allow 60 s instead of Playwright's 30: CI runs every test
    /// assembly at once on two cores, and one sign-in right after the app started timed out at 30 s
    /// there (never when run alone). A wait that fails still fails the test.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>Why the browser or the app could not start; tests fail with it (never skip).</summary>
    public string? StartFailure { get; private set; }

    public async Task InitializeAsync()
    {
        // Assertions poll (text, counts, address) as long as the page waits allow (a loaded 2-core machine).
        Assertions.SetDefaultExpectTimeout(30_000);
        if (!File.Exists(ChromiumPath))
        {
            StartFailure = $"Chromium is not installed at {ChromiumPath}: install it with `apt-get update && apt-get install -y chromium`.";
            return;
        }

        await database.InitializeAsync();
        app = await WebAppProcess.StartAsync(database.ConnectionString, AdminPassword);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    /// <summary>Signs in through the sign-in form as a person does, and waits until Home is shown.</summary>
    public async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync(App.BaseUrl + "/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button:has-text('Sign in')");
        await AtAsync(page, App.BaseUrl + "/");
    }

    /// <summary>
    /// Creates staff accounts as the administrator does, through the users API (an account that
    /// already exists, from an earlier test against the same app, is fine). Each is shown as
    /// "<paramref name="displayPrefix"/> ROLE".
    /// </summary>
    public async Task CreateUsersAsync(string password, string displayPrefix, params (string Name, string Role, string[] Sites)[] users)
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "admin", AdminPassword);
        foreach (var (name, role, sites) in users)
        {
            var response = await page.APIRequest.PostAsync(App.BaseUrl + "/api/v1/users", new APIRequestContextOptions
            {
                DataObject = new { userName = name, displayName = $"{displayPrefix} {role}", role, password, sites },
            });
            Assert.True(response.Status is 201 or 409, $"creating {name}: {response.Status} {await response.TextAsync()}");
        }
    }

    /// <summary>Fails the calling test (never skips it) when Chromium or the app is missing.</summary>
    public void RequireStarted()
    {
        Assert.True(StartFailure is null, StartFailure);
    }
}
