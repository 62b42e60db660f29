using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrialOps.Browser.Tests.Journey;

namespace TrialOps.Browser.Tests.Monitoring;

/// <summary>
/// A monitoring visit in the browser, over the demo trial: the Monitor raises a query from a value's
/// row, the site corrects the value (with the correction's reason) and answers, the Monitor closes
/// the query and verifies the whole participant against the source.
/// </summary>
public sealed class QueryBrowserTests(JourneyBrowserFixture journey) : IClassFixture<JourneyBrowserFixture>
{
    private const string Password = "monitoring-password-1";
    private const string Trial = "/trials/KET-NP-01";

    private BrowserFixture Fixture => journey.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static Task AtAsync(IPage page, Regex url) => BrowserFixture.AtAsync(page, url);

    [Fact]
    public async Task a_monitor_raises_a_query_the_site_answers_with_a_correction_the_monitor_closes_it_and_verifies_the_participant()
    {
        Fixture.RequireStarted();
        await CreateStaffAsync();

        // The monitor raises a query from the row of the value.
        var (monitorContext, monitor, monitorShots) = await SignedInAsync("monitor.q", "monitor");
        await monitor.GotoAsync(Url($"{Trial}/participants?status=Completed"));
        var subject = await monitor.Locator("table.table tbody tr td a").First.InnerTextAsync();
        var participant = $"{Trial}/participants/{subject}";
        await monitor.GotoAsync(Url(participant));
        await monitor.Locator("tr:has(th:text-is('P1 weight')) a:has-text('Raise a query')").ClickAsync();
        await Expect(monitor.Locator("#item")).ToHaveValueAsync("P1 weight");
        await monitor.FillAsync("#text", "The source document gives a different weight: please check.");
        await monitorShots.TakeAsync("raise-query");
        await monitor.ClickAsync("button:has-text('Raise the query')");
        await AtAsync(monitor, new Regex("/queries/[0-9]+\\?done=raised$"));
        var query = new Uri(monitor.Url).AbsolutePath;
        await Expect(monitor.Locator(".page-head .status")).ToHaveTextAsync("open");
        await monitorShots.TakeAsync("query-raised");

        // The site sees it in its worklist, corrects the value with the reason, then answers.
        var (nurseContext, nurse, nurseShots) = await SignedInAsync("nurse.q", "DataEntry");
        await nurse.GotoAsync(Url($"{Trial}/queries"));
        await Expect(nurse.Locator("section:has(h2:has-text(\"Waiting for the site's answer\")) tr", new PageLocatorOptions { HasText = subject })).Not.ToHaveCountAsync(0);
        await nurseShots.TakeAsync("worklist");
        await nurse.Locator($"a[href='{query}']").First.ClickAsync();
        await BrowserFixture.AtAsync(nurse, Url(query));
        await nurse.ClickAsync("a:has-text('dosing session of period 1')");
        await BrowserFixture.AtAsync(nurse, Url($"{participant}/periods/1"));
        var recorded = decimal.Parse(await nurse.InputValueAsync("#weightfix-kg"), CultureInfo.InvariantCulture);
        await nurse.FillAsync("#weightfix-kg", (recorded + 0.5m).ToString("0.0", CultureInfo.InvariantCulture));
        await nurse.FillAsync("#weightfix-reason", "Transcription error: the source document says so");
        await nurse.ClickAsync("form:has(#weightfix-kg) button:has-text('Record correction')");
        await AtAsync(nurse, new Regex("\\?done=weight-correction$"));
        await nurse.GotoAsync(Url(query));
        await nurse.FillAsync("#answer", "Corrected to the weight in the source document.");
        await nurseShots.TakeAsync("answer");
        await nurse.ClickAsync("button:has-text('Send the answer')");
        await BrowserFixture.AtAsync(nurse, Url($"{query}?done=answered"));
        await Expect(nurse.Locator("ol.timeline")).ToContainTextAsync("Answered with a correction (record version");
        await nurseShots.TakeAsync("answered");

        // The monitor reviews the answer from the worklist and closes the query.
        await monitor.GotoAsync(Url($"{Trial}/queries"));
        var toReview = monitor.Locator("section:has(h2:has-text(\"Waiting for the monitor's review\"))");
        await Expect(toReview).ToContainTextAsync(subject);
        await monitorShots.TakeAsync("worklist");
        await toReview.Locator($"a[href='{query}']").ClickAsync();
        await BrowserFixture.AtAsync(monitor, Url(query));
        await monitor.FillAsync("#comment", "Correction matches the source.");
        await monitor.ClickAsync("button:has-text('Close the query')");
        await BrowserFixture.AtAsync(monitor, Url($"{query}?done=closed"));
        await Expect(monitor.Locator(".page-head .status")).ToHaveTextAsync("closed");
        await monitorShots.TakeAsync("query-closed");

        // Source data verification of the whole participant.
        await monitor.GotoAsync(Url(participant));
        await monitor.ClickAsync("a:has-text('Source data verification')");
        await BrowserFixture.AtAsync(monitor, Url($"{participant}/verification"));
        await Expect(monitor.Locator("#scope")).ToHaveValueAsync("*");
        await monitor.ClickAsync("button:has-text('Mark verified')");
        await BrowserFixture.AtAsync(monitor, Url($"{participant}/verification?done=verified"));
        await Expect(monitor.Locator("#sdv-progress")).ToHaveTextAsync(new Regex("^([0-9]+) of \\1 values verified$"));
        await Expect(monitor.Locator("main")).Not.ToContainTextAsync("not verified");
        await monitorShots.TakeAsync("participant-verified");

        await monitorContext.DisposeAsync();
        await nurseContext.DisposeAsync();
    }

    private async Task<(IBrowserContext Context, IPage Page, Screenshots Shots)> SignedInAsync(string userName, string label, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page, $"{test}/{label}");
        await Fixture.SignInAsync(page, userName, Password);
        return (context, page, shots);
    }

    /// <summary>The monitor and a nurse, created by the administrator through the users API (once per app).</summary>
    private Task CreateStaffAsync() =>
        Fixture.CreateUsersAsync(
            Password,
            "Browser",
            ("monitor.q", "Monitor", new[] { "S01", "S02" }),
            ("nurse.q", "DataEntry", new[] { "S01", "S02" }));
}
