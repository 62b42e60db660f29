using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TrialOps.Browser.Tests.Journey;

/// <summary>
/// A whole KET-NP-01 dosing session entered by a nurse on one screen: start of dosing, every
/// scheduled assessment in the grid, end of dosing, counted in interactions (navigations, fills and
/// clicks). A value beyond the protocol's limits is flagged as it is typed and after saving; every
/// value has its own audit entry; the grid fits 800 px without widening the page.
/// </summary>
public sealed class SessionGridBrowserTests(JourneyBrowserFixture journey) : IClassFixture<JourneyBrowserFixture>
{
    private const string Password = "grid-password-1";
    private const string Trial = "/trials/KET-NP-01";
    private const string Api = "/api/v1/trials/KET-NP-01";

    private BrowserFixture Fixture => journey.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task a_nurse_enters_a_whole_session_in_the_grid_in_under_20_interactions_and_a_value_beyond_the_limits_is_flagged_before_and_after_saving()
    {
        Fixture.RequireStarted();
        await CreateStaffAsync();

        // Dosing starts 25 hours ago, so that every time point up to 24 h has come.
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero).AddHours(-25);
        var subject = await ReadyForDosingAsync(start);
        var session = $"{Trial}/participants/{subject}/periods/1";

        var (context, nurse, shots) = await SignedInAsync("nurse.g", "DataEntry");
        var interactions = 0;

        await nurse.GotoAsync(Url(session));
        interactions++;
        await nurse.FillAsync("#start-startedAt", Time(start));
        interactions++;
        await nurse.ClickAsync("button:has-text('Record start of dosing')");
        interactions++;
        await BrowserFixture.AtAsync(nurse, Url($"{session}?done=start"));

        // Every time point's planned time is offered; the values go in row by row (Tab order).
        await Expect(nurse.Locator("#grid-pt20m-at")).ToHaveValueAsync(Time(start.AddMinutes(20)));
        var values = new (string Cell, string Value)[]
        {
            ("#grid-pt0m-pain", "62"), ("#grid-pt0m-vitals", "128/80 72 98"),
            ("#grid-pt10m-vitals", "132/84 76 97"),
            ("#grid-pt20m-pain", "48"), ("#grid-pt20m-vitals", "195/115 130 89"),
            ("#grid-pt30m-vitals", "130/82 74 97"),
            ("#grid-pt40m-pain", "35"), ("#grid-pt40m-vitals", "126/80 70 98"),
            ("#grid-pt60m-pain", "30"), ("#grid-pt60m-vitals", "124/78 68 98"),
            ("#grid-pt2h-pain", "28"),
            ("#grid-pt24h-pain", "40"),
        };
        foreach (var (cell, value) in values)
        {
            await nurse.FillAsync(cell, value);
            interactions++;
        }

        // Flagged as typed, before anything is saved, with the limit named.
        var beyond = nurse.Locator("td[data-cell='VITALS|PT20M']");
        await Expect(beyond).ToHaveClassAsync(new Regex("\\bbeyond\\b"));
        await Expect(nurse.Locator("#grid-pt20m-vitals-flag")).ToHaveTextAsync("beyond limits: systolic 195 mmHg above 180; diastolic 115 mmHg above 110; heart rate 130/min above 120; SpO2 89% below 92");
        await Expect(nurse.Locator("td[data-cell='VITALS|PT10M']")).Not.ToHaveClassAsync(new Regex("\\bbeyond\\b"));
        await shots.TakeAsync("grid-filled-flagged-before-saving");

        await nurse.ClickAsync("#grid-save-all");
        interactions++;
        await BrowserFixture.AtAsync(nurse, Url($"{session}?done=grid&saved=12"));
        await Expect(nurse.Locator("main")).ToContainTextAsync("12 values were recorded from the grid, each as its own entry.");
        await Expect(beyond).ToHaveClassAsync(new Regex("\\bbeyond\\b"));
        await Expect(beyond).ToContainTextAsync("beyond limits: systolic 195 mmHg above 180");
        await Expect(nurse.Locator("#grid-safety-alert")).ToContainTextAsync("20 min: systolic 195 mmHg above 180");
        await Expect(nurse.Locator(".session-grid input[name^='Grid.Values']")).ToHaveCountAsync(0);

        await nurse.FillAsync("#stop-at", Time(start.AddMinutes(40)));
        interactions++;
        await nurse.ClickAsync("button:has-text('Record end of dosing')");
        interactions++;
        await BrowserFixture.AtAsync(nurse, Url($"{session}?done=stop"));
        await shots.TakeAsync("session-entered");

        Assert.True(interactions < 20, $"the session took {interactions} interactions");

        // Every value has its own audit entry, by the nurse.
        var audit = await nurse.APIRequest.GetAsync(Url($"{Api}/participants/{subject}/audit"));
        Assert.Equal(200, audit.Status);
        using var entries = JsonDocument.Parse(await audit.TextAsync());
        var recorded = entries.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() is "assessment.scale-recorded.v1" or "assessment.vitals-recorded.v1")
            .ToArray();
        Assert.Equal(12, recorded.Length);
        Assert.Equal(12, recorded.Select(e => e.GetProperty("position").GetInt64()).Distinct().Count());
        Assert.All(recorded, e => Assert.Equal("nurse.g", e.GetProperty("recordedBy").GetString()));

        // At 800 px the grid scrolls inside its frame; the page does not overflow.
        await nurse.SetViewportSizeAsync(800, 1000);
        await nurse.GotoAsync(Url(session));
        var (scrollWidth, clientWidth) = (await nurse.EvaluateAsync<int>("document.documentElement.scrollWidth"), await nurse.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(scrollWidth <= clientWidth, $"the session page is {scrollWidth} px wide in a {clientWidth} px window");
        await shots.TakeAsync("session-800px");

        await context.DisposeAsync();
    }

    [Fact]
    public async Task enter_in_a_grid_row_saves_that_row_and_keeps_what_is_typed_in_the_others()
    {
        Fixture.RequireStarted();
        await CreateStaffAsync();
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-30);
        var subject = await ReadyForDosingAsync(start, startDosing: true);
        var session = $"{Trial}/participants/{subject}/periods/1";
        var (context, nurse, shots) = await SignedInAsync("nurse.g", "DataEntry", new ViewportSize { Width = 800, Height = 1000 });

        await nurse.GotoAsync(Url(session));
        await Expect(nurse.Locator("tr[data-row='PT30M']")).ToHaveClassAsync(new Regex("\\bdue-now\\b"));
        await Expect(nurse.Locator("#grid-pt20m-pain")).ToHaveAttributeAsync("aria-label", "Pain intensity, visual analogue scale at 20 min (0–100 mm)");
        await nurse.FillAsync("#grid-pt20m-pain", "44");
        await nurse.FillAsync("#grid-pt10m-vitals", "130/80 70 98");
        await nurse.PressAsync("#grid-pt10m-vitals", "Enter");

        await Expect(nurse.Locator("main")).ToContainTextAsync("1 value was recorded, each as its own entry; the other rows' values are not saved yet.");
        await Expect(nurse.Locator("td[data-cell='VITALS|PT10M']")).ToContainTextAsync("BP 130/80 mmHg, HR 70/min, SpO2 98%");
        await Expect(nurse.Locator("#grid-pt20m-pain")).ToHaveValueAsync("44");
        var (scrollWidth, clientWidth) = (await nurse.EvaluateAsync<int>("document.documentElement.scrollWidth"), await nurse.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(scrollWidth <= clientWidth, $"the session page is {scrollWidth} px wide in a {clientWidth} px window");
        await shots.TakeAsync("row-saved-with-enter-800px");

        await context.DisposeAsync();
    }

    /// <summary>
    /// A participant of S01 screened, eligible, randomized, weighed and with the period 1 dose
    /// prepared (and signed by a second pharmacist), set up through the API as the site's staff
    /// would; with <paramref name="startDosing"/>, dosing started at <paramref name="start"/>.
    /// </summary>
    private async Task<string> ReadyForDosingAsync(DateTimeOffset start, bool startDosing = false)
    {
        var coordinator = await ApiAsAsync("coordinator.g");
        var consent = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var screened = await coordinator.PostAsync(Url($"{Api}/participants"), new() { DataObject = new { site = "S01", consentDate = consent, consentFormVersion = "2.1 (2026-01-15)" } });
        Assert.True(screened.Status == 201, $"screening: {screened.Status} {await screened.TextAsync()}");
        var subject = JsonDocument.Parse(await screened.TextAsync()).RootElement.GetProperty("subject").GetString()!;
        var participant = $"{Api}/participants/{subject}";

        var investigator = await ApiAsAsync("investigator.g");
        var answers = new[] { "IN01", "IN02", "IN03" }.Select(c => new { code = c, met = true })
            .Concat(new[] { "EX01", "EX02", "EX03", "EX04" }.Select(c => new { code = c, met = false }));
        await MustAsync(investigator.PostAsync(Url($"{participant}/eligibility"), new() { DataObject = new { answers } }), "eligibility");
        var randomized = await coordinator.PostAsync(Url($"{participant}/randomization"));
        if (randomized.Status == 409 || (await randomized.TextAsync()).Contains("stratum-exhausted", StringComparison.Ordinal))
        {
            await MustAsync(coordinator.PostAsync(Url($"{Api}/randomization/S01/extensions"), new() { DataObject = new { additional = 4, reason = "More participants in the browser tests" } }), "extension");
            randomized = await coordinator.PostAsync(Url($"{participant}/randomization"));
        }

        Assert.True(randomized.Ok, $"randomization: {randomized.Status} {await randomized.TextAsync()}");
        var nurse = await ApiAsAsync("nurse.g");
        await MustAsync(nurse.PostAsync(Url($"{participant}/sessions/1/weight"), new() { DataObject = new { measuredAt = start.AddMinutes(-60), weightKg = 70 } }), "weight");
        var record = JsonDocument.Parse(await (await nurse.GetAsync(Url(participant))).TextAsync()).RootElement;
        var kit = record.GetProperty("sessions")[0].GetProperty("kit").GetString()!;
        var pharmacist = await ApiAsAsync("pharmacist.g");
        await MustAsync(pharmacist.PostAsync(Url($"{participant}/sessions/1/preparation"), new() { DataObject = new { kit, preparedAt = start.AddMinutes(-30), checkedBy = "pharmacist.h", checkerPassword = Password } }), "preparation");
        if (startDosing)
        {
            await MustAsync(nurse.PostAsync(Url($"{participant}/sessions/1/start"), new() { DataObject = new { startedAt = start } }), "start");
        }

        return subject;
    }

    private static async Task MustAsync(Task<IAPIResponse> request, string what)
    {
        var response = await request;
        Assert.True(response.Ok, $"{what}: {response.Status} {await response.TextAsync()}");
    }

    /// <summary>An API client signed in as <paramref name="userName"/> (the sign-in cookie of a browser context of its own).</summary>
    private async Task<IAPIRequestContext> ApiAsAsync(string userName)
    {
        var context = await Fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Fixture.SignInAsync(page, userName, Password);
        return page.APIRequest;
    }

    private async Task<(IBrowserContext Context, IPage Page, Screenshots Shots)> SignedInAsync(string userName, string label, ViewportSize? viewport = null, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page, $"{test}/{label}");
        await Fixture.SignInAsync(page, userName, Password);
        return (context, page, shots);
    }

    /// <summary>The site's staff, created by the administrator through the users API (once per app).</summary>
    private Task CreateStaffAsync() =>
        Fixture.CreateUsersAsync(
            Password,
            "Grid",
            ("coordinator.g", "Coordinator", new[] { "S01" }),
            ("investigator.g", "Investigator", new[] { "S01" }),
            ("nurse.g", "DataEntry", new[] { "S01" }),
            ("pharmacist.g", "Pharmacist", new[] { "S01" }),
            ("pharmacist.h", "Pharmacist", new[] { "S01" }));
}
