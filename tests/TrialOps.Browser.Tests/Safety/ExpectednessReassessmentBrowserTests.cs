using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrialOps.Browser.Tests.Journey;

namespace TrialOps.Browser.Tests.Safety;

/// <summary>
/// The medical monitor re-assesses expectedness in the browser, over the demo trial (ADR 0026): a
/// reason is required, the history says who, when and why, expected → unexpected starts a SUSAR
/// clock; and after an amendment lists a case's term in the reference safety information, the
/// safety-reports page and the AE page prompt the re-assessment until it is recorded. The serious
/// events and their causality and report to the sponsor come through the API, as a site system
/// would send them; what the medical monitor does is done on the pages.
/// </summary>
public sealed class ExpectednessReassessmentBrowserTests(JourneyBrowserFixture journey) : IClassFixture<JourneyBrowserFixture>
{
    private const string Password = "rsi-password-1";
    private const string Trial = "/trials/KET-NP-01";
    private const int Hypertension = 10020772;
    private const int Nausea = 10028813;

    private BrowserFixture Fixture => journey.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static string Today(int plusDays = 0) => DateTime.UtcNow.Date.AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task the_medical_monitor_re_assesses_an_expected_sae_as_unexpected_only_with_a_reason_and_its_clock_starts()
    {
        Fixture.RequireStarted();
        await CreateStaffAsync();
        var id = await SeriousRelatedCaseAsync(Hypertension);
        const string assessedWhy = "Judged a known class effect of NMDA antagonists.";
        await ApiAsync("medical-monitor.rsi", $"/api/v1{Trial}/adverse-events/{id}/expectedness", new { expectedness = "Expected", reason = assessedWhy });
        var caseUrl = $"{Trial}/adverse-events/{id}";

        var (context, monitor, shots) = await SignedInAsync("medical-monitor.rsi", "medical-monitor");
        await monitor.GotoAsync(Url(caseUrl));
        await Expect(monitor.Locator("#susar")).ToContainTextAsync("Expectedness: expected");
        await Expect(monitor.Locator("#susar-clock")).ToHaveCountAsync(0);
        await monitor.ClickAsync("#expectedness-reassessment summary");
        await Expect(monitor.Locator("#reassessment-reason")).ToBeVisibleAsync();
        await shots.TakeAsync("assessed-expected");

        // Without a reason: refused on the form, nothing recorded.
        await monitor.ClickAsync("button:has-text('Re-assess as unexpected')");
        await Expect(monitor.Locator("#susar")).ToContainTextAsync("Give the reason for re-assessing expectedness.");
        await Expect(monitor.Locator("#expectedness-reassessments")).ToHaveCountAsync(0);
        await Expect(monitor.Locator("#susar-clock")).ToHaveCountAsync(0);
        await shots.TakeAsync("refused-without-reason");

        const string why = "The sponsor's safety board: hospitalization for hypertension is not in the investigator's brochure.";
        await monitor.FillAsync("#reassessment-reason", why);
        await monitor.ClickAsync("button:has-text('Re-assess as unexpected')");
        await BrowserFixture.AtAsync(monitor, new Regex("\\?susar=reassessment"));
        var history = monitor.Locator("#expectedness-reassessments li");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history).ToContainTextAsync("expected → unexpected by ");
        await Expect(history).ToContainTextAsync(Today());
        await Expect(history).ToContainTextAsync(why);
        await Expect(monitor.Locator("#susar")).ToContainTextAsync("Expectedness now: unexpected");
        await Expect(monitor.Locator("#susar-clock")).ToContainTextAsync($"Sponsor aware (day 0){Today()}");
        await Expect(monitor.Locator("#susar-clock")).ToContainTextAsync($"Initial report due {Today(15)}: 15 days left");
        await shots.TakeAsync("re-assessed-unexpected");

        // Reloaded, the re-assessment is recorded once.
        await monitor.GotoAsync(Url(caseUrl));
        await Expect(monitor.Locator("#expectedness-reassessments li")).ToHaveCountAsync(1);
        await context.DisposeAsync();
    }

    [Fact]
    public async Task an_amendment_that_lists_the_term_prompts_the_medical_monitor_to_re_assess_until_re_assessed()
    {
        Fixture.RequireStarted();
        await CreateStaffAsync();
        var id = await SeriousRelatedCaseAsync(Nausea);
        await ApiAsync("medical-monitor.rsi", $"/api/v1{Trial}/adverse-events/{id}/expectedness", new { expectedness = "Unexpected" });
        var caseUrl = $"{Trial}/adverse-events/{id}";

        var (context, monitor, shots) = await SignedInAsync("medical-monitor.rsi", "medical-monitor");
        await monitor.GotoAsync(Url(caseUrl));
        await Expect(monitor.Locator("#susar")).ToContainTextAsync("Expectedness: unexpected");
        await Expect(monitor.Locator("#susar-clock")).ToContainTextAsync("Initial report due");
        await Expect(monitor.Locator("#rsi-changed")).ToHaveCountAsync(0);

        // The coordinator imports an amendment whose reference safety information lists nausea.
        var version = await AmendListingAsync(Nausea);

        // Home's worklist has it; the safety-reports page lists it with the amendment.
        await monitor.GotoAsync(Url("/"));
        await Expect(monitor.Locator($"#worklist a[href='{caseUrl}#susar']")).ToHaveTextAsync($"Re-assess expectedness: Nausea now listed in protocol version {version}");
        await shots.TakeAsync("home-worklist");

        await monitor.GotoAsync(Url($"{Trial}/safety-reports"));
        var row = monitor.Locator("#rsi-change-list tr", new PageLocatorOptions { HasText = id });
        await Expect(row).ToContainTextAsync($"{Nausea} (Nausea)");
        await Expect(row).ToContainTextAsync("is now listed");
        await Expect(row).ToContainTextAsync($"{version}, amended {Today()}");
        await shots.TakeAsync("safety-reports-prompt");

        await monitor.Locator($"#rsi-change-list a:text-is('{id}')").ClickAsync();
        await BrowserFixture.AtAsync(monitor, new Regex(Regex.Escape(caseUrl) + "#susar$"));
        await Expect(monitor.Locator("#rsi-changed")).ToContainTextAsync(
            $"The reference safety information changed in protocol version {version} (amended on {Today()}");
        await Expect(monitor.Locator("#rsi-changed")).ToContainTextAsync($"MedDRA term {Nausea} (Nausea) is now listed");
        await Expect(monitor.Locator("#rsi-changed")).ToContainTextAsync("Re-assess expectedness.");
        // The form is open without a click, offering the RSI's suggestion.
        await Expect(monitor.Locator("#reassessment-reason")).ToBeVisibleAsync();
        await Expect(monitor.Locator("#reassessment-value")).ToHaveValueAsync("Expected");
        await shots.TakeAsync("ae-page-prompt");

        await monitor.FillAsync("#reassessment-reason", "The amended RSI lists nausea after infusion.");
        await monitor.ClickAsync("button:has-text('Record re-assessment')");
        await BrowserFixture.AtAsync(monitor, new Regex("\\?susar=reassessment"));
        await Expect(monitor.Locator("#expectedness-reassessments li")).ToContainTextAsync("unexpected → expected by ");
        await Expect(monitor.Locator("#susar")).ToContainTextAsync("Expectedness now: expected");
        await Expect(monitor.Locator("#rsi-changed")).ToHaveCountAsync(0);
        await Expect(monitor.Locator("#susar-clock")).ToHaveCountAsync(0);
        await shots.TakeAsync("re-assessed");

        await monitor.GotoAsync(Url($"{Trial}/safety-reports"));
        await Expect(monitor.Locator("h1")).ToContainTextAsync("Expedited safety reports");
        await Expect(monitor.Locator("#rsi-change-list tr", new PageLocatorOptions { HasText = id })).ToHaveCountAsync(0);
        await shots.TakeAsync("safety-reports-after");
        await monitor.GotoAsync(Url("/"));
        await Expect(monitor.Locator("#worklist-heading")).ToBeVisibleAsync();
        await Expect(monitor.Locator($"#worklist a[href='{caseUrl}#susar']")).ToHaveCountAsync(0);
        await context.DisposeAsync();
    }

    /// <summary>A serious (grade 3, hospitalization) event of a completed participant that the Investigator judged possibly related and reported to the sponsor.</summary>
    private async Task<string> SeriousRelatedCaseAsync(int meddraCode)
    {
        var (nurseContext, nurse, _) = await SignedInAsync("nurse.rsi", "nurse");
        await nurse.GotoAsync(Url($"{Trial}/participants?status=Completed"));
        var subject = await nurse.Locator("table.table tbody tr td a").First.InnerTextAsync();
        var now = DateTime.UtcNow;
        var reported = await nurse.APIRequest.PostAsync(Url($"/api/v1{Trial}/participants/{subject}/adverse-events"), new APIRequestContextOptions
        {
            DataObject = new
            {
                meddraCode,
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
        await nurseContext.DisposeAsync();

        await ApiAsync("investigator.rsi", $"/api/v1{Trial}/adverse-events/{id}/causality", new { causality = "Possible" });
        await ApiAsync("investigator.rsi", $"/api/v1{Trial}/adverse-events/{id}/sponsor-report", new { reportedAt = now.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) });
        return id;
    }

    /// <summary>The coordinator imports the demo protocol as its next version, with <paramref name="expectedTerms"/> as the reference safety information; returns the version.</summary>
    private async Task<int> AmendListingAsync(params int[] expectedTerms)
    {
        var (context, coordinator, _) = await SignedInAsync("coordinator.rsi", "coordinator");
        var trial = await coordinator.APIRequest.GetAsync(Url($"/api/v1{Trial}"));
        var version = JsonDocument.Parse(await trial.TextAsync()).RootElement.GetProperty("protocol").GetProperty("summary").GetProperty("version").GetInt32() + 1;

        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "TrialOps.sln")))
        {
            folder = folder.Parent;
        }

        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder!.FullName, "seed", "KET-NP-01.json")))!.AsObject();
        file["version"] = version;
        file["safety"]!["expectedTerms"] = new JsonArray([.. expectedTerms.Select(t => (JsonNode)t)]);
        var amended = await coordinator.APIRequest.PostAsync(Url("/api/v1/trials"), new APIRequestContextOptions
        {
            Data = file.ToJsonString(),
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.True(amended.Status == 201, $"amendment: {amended.Status} {await amended.TextAsync()}");
        await context.DisposeAsync();
        return version;
    }

    private async Task ApiAsync(string userName, string path, object body)
    {
        await using var context = await Fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Fixture.SignInAsync(page, userName, Password);
        var response = await page.APIRequest.PostAsync(Url(path), new APIRequestContextOptions { DataObject = body });
        Assert.True(response.Status == 200, $"{path}: {response.Status} {await response.TextAsync()}");
    }

    private async Task<(IBrowserContext Context, IPage Page, Screenshots Shots)> SignedInAsync(string userName, string label, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page, $"{test}/{label}");
        await Fixture.SignInAsync(page, userName, Password);
        return (context, page, shots);
    }

    /// <summary>The site's nurse and investigator, a coordinator and the sponsor's medical monitor, created by the administrator through the users API.</summary>
    private Task CreateStaffAsync() =>
        Fixture.CreateUsersAsync(
            Password,
            "Browser",
            ("nurse.rsi", "DataEntry", new[] { "S01", "S02" }),
            ("investigator.rsi", "Investigator", new[] { "S01", "S02" }),
            ("coordinator.rsi", "Coordinator", new[] { "*" }),
            ("medical-monitor.rsi", "MedicalMonitor", new[] { "*" }));
}
