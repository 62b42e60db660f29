using Microsoft.Playwright;

namespace TrialOps.Browser.Tests.Analysis;

/// <summary>The app under test keeps its exports and analyses in a folder of its own (the app process inherits the test process's environment).</summary>
public sealed class AnalysisBrowserFixture : IAsyncLifetime
{
    private readonly BrowserFixture inner = new();
    private readonly string exports = Path.Combine(Path.GetTempPath(), $"trialops-browser-exports-{Guid.NewGuid():N}");

    public BrowserFixture Browser => inner;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("TrialOps__ExportsFolder", exports);
        await inner.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await inner.DisposeAsync();
        Environment.SetEnvironmentVariable("TrialOps__ExportsFolder", null);
        if (Directory.Exists(exports))
        {
            Directory.Delete(exports, recursive: true);
        }
    }
}

/// <summary>
/// The Statistician's analysis in the browser (issue 12): before unblinding the page says why not;
/// once the coordinator locked the demo trial and the Statistician unblinded it, "Run analysis"
/// shows the results with the CONSORT diagram, the report in its frame and the files.
/// </summary>
public sealed class AnalysisBrowserTests(AnalysisBrowserFixture analysis) : IClassFixture<AnalysisBrowserFixture>
{
    private const string Password = "analysis-walk-password-1";
    private const string Trial = "/trials/KET-NP-01";

    private BrowserFixture Fixture => analysis.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task the_statistician_runs_the_analysis_after_unblinding_and_sees_the_consort_diagram()
    {
        Fixture.RequireStarted();
        await using var adminContext = await Fixture.NewContextAsync();
        var admin = await SignInAsync(adminContext, "admin", BrowserFixture.AdminPassword);
        foreach (var (user, role) in new[] { ("coordinator.an", "Coordinator"), ("statistician.an", "Statistician") })
        {
            var created = await admin.APIRequest.PostAsync(Url("/api/v1/users"), new APIRequestContextOptions
            {
                DataObject = new { userName = user, displayName = $"{role} of the analysis walk", role, password = Password, sites = new[] { "*" } },
            });
            Assert.True(created.Status is 201 or 409, $"creating {user}: {created.Status} {await created.TextAsync()}");
        }

        await using var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await SignInAsync(context, "statistician.an", Password);
        var shots = new Screenshots(page);

        // Before unblinding: the reason, and the blinded review instead.
        await page.GotoAsync(Url($"{Trial}/analysis"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Crossover analysis");
        await Expect(page.Locator("main .alert")).ToContainTextAsync("unblind");
        await Expect(page.Locator("button:has-text('Run analysis')")).ToHaveCountAsync(0);
        await shots.TakeAsync("analysis-before-unblinding");
        await page.ClickAsync("main a:has-text('blinded data review')");
        await BrowserFixture.AtAsync(page, Url($"{Trial}/review"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Blinded data review");
        await Expect(page.Locator("main h2:has-text('Scales by period and time point')")).ToBeVisibleAsync();
        await shots.TakeAsync("blinded-review");

        await using (var coordinatorContext = await Fixture.NewContextAsync())
        {
            var coordinator = await SignInAsync(coordinatorContext, "coordinator.an", Password);
            // The pre-lock review: every category the checklist lists is confirmed with a reason.
            var checklist = System.Text.Json.JsonDocument.Parse(await (await coordinator.APIRequest.GetAsync(Url($"/api/v1{Trial}/pre-lock-checklist"))).TextAsync()).RootElement;
            var confirmations = checklist.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("category").GetString()!, _ => "Analysis walk: locked as the data stand");
            var locked = await coordinator.APIRequest.PostAsync(Url($"/api/v1{Trial}/lock"), new APIRequestContextOptions
            {
                DataObject = new { password = Password, confirmations },
            });
            Assert.True(locked.Status == 204, $"lock: {locked.Status} {await locked.TextAsync()}");
        }

        var unblinded = await page.APIRequest.PostAsync(Url($"/api/v1{Trial}/unblinding"), new APIRequestContextOptions { DataObject = new { password = Password } });
        Assert.True(unblinded.Status == 204, $"unblinding: {unblinded.Status} {await unblinded.TextAsync()}");

        // After unblinding: run it, and the page shows the results, the CONSORT diagram and the report.
        await page.GotoAsync(Url(Trial));
        await page.ClickAsync("nav.trial-nav a:has-text('Analysis')");
        await BrowserFixture.AtAsync(page, Url($"{Trial}/analysis"));
        await page.ClickAsync("button:has-text('Run analysis')");
        await BrowserFixture.AtAsync(page, new System.Text.RegularExpressions.Regex($"{System.Text.RegularExpressions.Regex.Escape(Url($"{Trial}/analysis?id="))}\\d+$"));
        await Expect(page.Locator("main h2#analysed")).ToContainTextAsync("Analysis ");
        await Expect(page.Locator("main section.endpoint h3").First).ToContainTextAsync("Hills–Armitage");
        var consort = page.Locator("main img.consort");
        await Expect(consort).ToBeVisibleAsync();
        await Expect(consort).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex("^CONSORT flow: \\d+ screened, \\d+ randomized"));
        // The image really loaded (served as SVG under the app's policy), not a broken-image box.
        Assert.True(await consort.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the CONSORT diagram did not load");
        await Expect(page.Locator("main iframe.report")).ToBeVisibleAsync();
        var report = page.FrameLocator("main iframe.report");
        await Expect(report.Locator("h1")).ToContainTextAsync("KET-NP-01");
        await Expect(page.Locator("main a[download='analysis.json']")).ToBeVisibleAsync();
        await consort.ScrollIntoViewIfNeededAsync();
        await shots.TakeAsync("analysis-with-consort");

        // The report on its own, under its own policy: styled (inline styles allowed there) and with its figures.
        var reportPage = await context.NewPageAsync();
        await reportPage.GotoAsync(Fixture.App.BaseUrl + await page.Locator("main iframe.report").GetAttributeAsync("src"));
        await Expect(reportPage.Locator("figure svg").First).ToBeVisibleAsync();
        Assert.Equal("14px", await reportPage.Locator("body").EvaluateAsync<string>("b => getComputedStyle(b).fontSize"));
        await new Screenshots(reportPage, "the_statistician_runs_the_analysis_after_unblinding_and_sees_the_consort_diagram-report").TakeAsync("report");
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string user, string password)
    {
        var page = await context.NewPageAsync();
        await Fixture.SignInAsync(page, user, password);
        return page;
    }
}
