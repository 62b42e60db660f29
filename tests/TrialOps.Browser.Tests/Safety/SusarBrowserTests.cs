using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrialOps.Browser.Tests.Journey;

namespace TrialOps.Browser.Tests.Safety;

/// <summary>
/// Expedited safety reporting in the browser, over the demo trial (ADR 0026): the Investigator
/// judges a serious event related and records the report to the sponsor, the medical monitor
/// marks it unexpected, the SUSAR clock shows on the trial dashboard, and the safety officer
/// records the submission to the authority, which stops the clock.
/// </summary>
public sealed class SusarBrowserTests(JourneyBrowserFixture journey) : IClassFixture<JourneyBrowserFixture>
{
    private const string Password = "safety-password-1";
    private const string Trial = "/trials/KET-NP-01";

    private BrowserFixture Fixture => journey.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static Task AtAsync(IPage page, Regex url) => BrowserFixture.AtAsync(page, url);

    [Fact]
    public async Task causality_then_unexpected_starts_a_clock_on_the_dashboard_that_the_safety_officers_submission_stops()
    {
        Fixture.RequireStarted();
        await CreateStaffAsync();

        // A nurse reports a serious event without causality (through the API, as a site system would).
        var (nurseContext, nurse, _) = await SignedInAsync("nurse.susar", "nurse");
        await nurse.GotoAsync(Url($"{Trial}/participants?status=Completed"));
        var subject = await nurse.Locator("table.table tbody tr td a").First.InnerTextAsync();
        var now = DateTime.UtcNow;
        var reported = await nurse.APIRequest.PostAsync(Url($"/api/v1{Trial}/participants/{subject}/adverse-events"), new APIRequestContextOptions
        {
            DataObject = new
            {
                meddraCode = 10020772,
                onset = now.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                grade = 3,
                seriousness = new[] { "Hospitalization" },
                actionTaken = "NotApplicable",
                outcome = "RecoveringResolving",
                awareAt = now.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
        });
        Assert.True(reported.Status == 201, $"{reported.Status} {await reported.TextAsync()}");
        var id = JsonDocument.Parse(await reported.TextAsync()).RootElement.GetProperty("adverseEventId").GetString()!;
        var caseUrl = $"{Trial}/adverse-events/{id}";
        await nurseContext.DisposeAsync();

        // The Investigator judges it possibly related and records the report to the sponsor.
        var (investigatorContext, investigator, investigatorShots) = await SignedInAsync("investigator.susar", "investigator");
        await investigator.GotoAsync(Url(caseUrl));
        await investigator.SelectOptionAsync("#causality-value", "Possible");
        await investigator.ClickAsync("button:has-text('Record causality')");
        await AtAsync(investigator, new Regex("\\?done=causality$"));
        await investigator.ClickAsync("button:has-text('Record the report')");
        await AtAsync(investigator, new Regex("\\?done=sponsor$"));
        await Expect(investigator.Locator("#susar")).ToContainTextAsync("Waiting for the sponsor's medical monitor to assess expectedness");
        await investigatorShots.TakeAsync("reported-to-sponsor");
        await investigatorContext.DisposeAsync();

        // The medical monitor takes the suggestion (not a listed term): unexpected, a SUSAR.
        var (monitorContext, monitor, monitorShots) = await SignedInAsync("medical-monitor.susar", "medical-monitor");
        await monitor.GotoAsync(Url(caseUrl));
        await Expect(monitor.Locator("#susar-suggestion")).ToHaveTextAsync("unexpected");
        await Expect(monitor.Locator("#expectedness-value")).ToHaveValueAsync("Unexpected");
        await monitorShots.TakeAsync("expectedness-form");
        await monitor.ClickAsync("button:has-text('Record expectedness')");
        await AtAsync(monitor, new Regex("\\?susar=expectedness"));
        var due = DateTime.UtcNow.Date.AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(monitor.Locator("#susar-clock")).ToContainTextAsync($"Initial report due {due}: 15 days left");
        await monitorShots.TakeAsync("clock");

        await monitor.GotoAsync(Url(Trial));
        await Expect(monitor.Locator("#susar-clocks-card")).ToContainTextAsync(id);
        await Expect(monitor.Locator("#susar-clocks-card tr", new PageLocatorOptions { HasText = id })).ToContainTextAsync(due);
        await monitorShots.TakeAsync("dashboard");
        await monitorContext.DisposeAsync();

        // The safety officer records the initial report; the clock stops.
        var (officerContext, officer, officerShots) = await SignedInAsync("safety-officer.susar", "safety-officer");
        await officer.GotoAsync(Url("/safety-reports"));
        await Expect(officer.Locator("#susar-list tr", new PageLocatorOptions { HasText = id })).ToContainTextAsync("Open");
        await officer.Locator($"#susar-list a:text-is('{id}')").ClickAsync();
        await BrowserFixture.AtAsync(officer, Url(caseUrl));
        await officer.FillAsync("#submission-authority", "EMA EudraVigilance");
        await officer.FillAsync("#submission-reference", "EU-SUSAR-B-1");
        await officerShots.TakeAsync("submission-form");
        await officer.ClickAsync("button:has-text('Record submission')");
        await AtAsync(officer, new Regex("\\?susar=submission"));
        await Expect(officer.Locator("#susar-clock")).ToContainTextAsync("Reported");
        await Expect(officer.Locator("#susar-clock")).ToContainTextAsync("to EMA EudraVigilance (EU-SUSAR-B-1)");
        await officerShots.TakeAsync("submitted");

        await officer.GotoAsync(Url(Trial));
        await Expect(officer.Locator("main")).ToContainTextAsync("Open serious adverse events");
        await Expect(officer.Locator("#susar-clocks-card tr", new PageLocatorOptions { HasText = id })).ToHaveCountAsync(0);
        await officerContext.DisposeAsync();
    }

    private async Task<(IBrowserContext Context, IPage Page, Screenshots Shots)> SignedInAsync(string userName, string label, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page, $"{test}/{label}");
        await Fixture.SignInAsync(page, userName, Password);
        return (context, page, shots);
    }

    /// <summary>The site's nurse and investigator and the sponsor's medical monitor and safety officer, created by the administrator through the users API.</summary>
    private Task CreateStaffAsync() =>
        Fixture.CreateUsersAsync(
            Password,
            "Browser",
            ("nurse.susar", "DataEntry", new[] { "S01", "S02" }),
            ("investigator.susar", "Investigator", new[] { "S01", "S02" }),
            ("medical-monitor.susar", "MedicalMonitor", new[] { "*" }),
            ("safety-officer.susar", "SafetyOfficer", new[] { "*" }));
}
