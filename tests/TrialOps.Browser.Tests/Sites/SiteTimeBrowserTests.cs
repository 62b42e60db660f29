using System.Text.Json;
using Microsoft.Playwright;
using TrialOps.Browser.Tests.Journey;

namespace TrialOps.Browser.Tests.Sites;

/// <summary>
/// Issue 14 item 4 in the browser: a nurse at the Sydney site of KET-NP-02 types the start of dosing
/// in Sydney's local time and reads it back with its offset; the store keeps the UTC instant.
/// </summary>
public sealed class SiteTimeBrowserTests(JourneyBrowserFixture journey) : IClassFixture<JourneyBrowserFixture>
{
    private const string Password = "site-time-password-1";
    private const string Trial = "/trials/KET-NP-02";
    private const string Api = "/api/v1/trials/KET-NP-02";

    private BrowserFixture Fixture => journey.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task a_nurse_in_sydney_types_the_start_of_dosing_in_local_time_and_sees_it_with_its_offset()
    {
        Fixture.RequireStarted();
        await ImportAndCreateStaffAsync();
        // 2026-05-01 13:00 UTC is 23:00 in Sydney (standard time, +10:00).
        var subject = await ReadyForDosingAsync(new DateTimeOffset(2026, 5, 1, 13, 0, 0, TimeSpan.Zero));
        var session = $"{Trial}/participants/{subject}/periods/1";

        var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var nurse = await context.NewPageAsync();
        await Fixture.SignInAsync(nurse, "nurse.tz", Password);
        await nurse.GotoAsync(Url(session));
        await Expect(nurse.Locator("label[for='start-startedAt']")).ToContainTextAsync("Started at (local time, Australia/Sydney)");

        await nurse.FillAsync("#start-startedAt", "2026-05-01T23:50");
        await nurse.ClickAsync("button:has-text('Record start of dosing')");
        await BrowserFixture.AtAsync(nurse, Url($"{session}?done=start"));

        await Expect(nurse.Locator("main")).ToContainTextAsync("Started 2026-05-01 23:50 +10:00 (day 1)");
        // The correction form offers the recorded time back on the same clock.
        await Expect(nurse.Locator("#timefix-time")).ToHaveValueAsync("2026-05-01T23:50");

        var api = await ApiAsAsync("nurse.tz");
        var record = JsonDocument.Parse(await (await api.GetAsync(Url($"{Api}/participants/{subject}/timeline"))).TextAsync()).RootElement.GetRawText();
        Assert.Contains("2026-05-01T13:50:00+00:00", record, StringComparison.Ordinal);
        await context.DisposeAsync();
    }

    private async Task<string> ReadyForDosingAsync(DateTimeOffset weighedAt)
    {
        var coordinator = await ApiAsAsync("coordinator.tz");
        var screened = await coordinator.PostAsync(Url($"{Api}/participants"), new() { DataObject = new { site = "S02", consentDate = "2026-04-01", consentFormVersion = "2.1" } });
        Assert.True(screened.Status == 201, $"screening: {screened.Status} {await screened.TextAsync()}");
        var subject = JsonDocument.Parse(await screened.TextAsync()).RootElement.GetProperty("subject").GetString()!;
        var participant = $"{Api}/participants/{subject}";

        var investigator = await ApiAsAsync("investigator.tz");
        var answers = new[] { "IN01", "IN02", "IN03" }.Select(c => new { code = c, met = true })
            .Concat(new[] { "EX01", "EX02", "EX03", "EX04" }.Select(c => new { code = c, met = false }));
        await MustAsync(investigator.PostAsync(Url($"{participant}/eligibility"), new() { DataObject = new { answers } }), "eligibility");
        await MustAsync(coordinator.PostAsync(Url($"{participant}/randomization")), "randomization");
        var nurse = await ApiAsAsync("nurse.tz");
        await MustAsync(nurse.PostAsync(Url($"{participant}/sessions/1/weight"), new() { DataObject = new { measuredAt = weighedAt, weightKg = 70 } }), "weight");
        var record = JsonDocument.Parse(await (await nurse.GetAsync(Url(participant))).TextAsync()).RootElement;
        var kit = record.GetProperty("sessions")[0].GetProperty("kit").GetString()!;
        var pharmacist = await ApiAsAsync("pharmacist.tz");
        await MustAsync(pharmacist.PostAsync(Url($"{participant}/sessions/1/preparation"), new() { DataObject = new { kit, preparedAt = weighedAt.AddMinutes(5), checkedBy = "pharmacist.tz2", checkerPassword = Password } }), "preparation");
        return subject;
    }

    private static async Task MustAsync(Task<IAPIResponse> request, string what)
    {
        var response = await request;
        Assert.True(response.Ok, $"{what}: {response.Status} {await response.TextAsync()}");
    }

    private async Task<IAPIRequestContext> ApiAsAsync(string userName)
    {
        var context = await Fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Fixture.SignInAsync(page, userName, Password);
        return page.APIRequest;
    }

    /// <summary>The administrator creates the Sydney site's staff; their Coordinator imports KET-NP-02 (its lists are generated at import).</summary>
    private async Task ImportAndCreateStaffAsync()
    {
        var admin = await Fixture.NewContextAsync();
        var page = await admin.NewPageAsync();
        await Fixture.SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        foreach (var (name, role) in new[] { ("coordinator.tz", "Coordinator"), ("investigator.tz", "Investigator"), ("nurse.tz", "DataEntry"), ("pharmacist.tz", "Pharmacist"), ("pharmacist.tz2", "Pharmacist") })
        {
            var response = await page.APIRequest.PostAsync(Url("/api/v1/users"), new APIRequestContextOptions
            {
                DataObject = new { userName = name, displayName = $"Sydney {role}", role, password = Password, sites = new[] { "S02" } },
            });
            Assert.True(response.Status is 201 or 409, $"creating {name}: {response.Status} {await response.TextAsync()}");
        }

        await admin.DisposeAsync();

        // A Coordinator imports it, so that the randomization lists are generated with the import.
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "TrialOps.sln")))
        {
            folder = folder.Parent;
        }

        var file = await File.ReadAllTextAsync(Path.Combine(folder!.FullName, "seed", "KET-NP-02.json"));
        var coordinator = await ApiAsAsync("coordinator.tz");
        var imported = await coordinator.PostAsync(Url("/api/v1/trials"), new APIRequestContextOptions
        {
            Data = file,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.True(imported.Status is 201 or 200, $"import: {imported.Status} {await imported.TextAsync()}");
    }
}
