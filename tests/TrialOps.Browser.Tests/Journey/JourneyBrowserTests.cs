using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TrialOps.Browser.Tests.Journey;

/// <summary>
/// The shared browser fixture (Debian's Chromium, the real app as its own process on loopback,
/// demo trial seeded at its first start), with a fixed seed-sealing key so the app under test
/// never writes a key file into the home folder.
/// </summary>
public sealed class JourneyBrowserFixture : IAsyncLifetime
{
    private readonly BrowserFixture inner = new();

    public BrowserFixture Browser => inner;

    public async Task InitializeAsync()
    {
        // The app process inherits the environment of the test process.
        Environment.SetEnvironmentVariable("TRIALOPS_SEED_KEY", Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 13 + 7)).ToArray()));
        await inner.InitializeAsync();
    }

    public Task DisposeAsync() => inner.DisposeAsync();
}

/// <summary>A participant's journey through the pages, step by step, as the people of a site do it.</summary>
public sealed partial class JourneyBrowserTests(JourneyBrowserFixture journey) : IClassFixture<JourneyBrowserFixture>
{
    private const string Password = "journey-password-1";
    private const string Trial = "/trials/KET-NP-01";

    private BrowserFixture Fixture => journey.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task a_participant_is_enrolled_dosed_refused_before_the_washout_reports_a_serious_event_and_is_unblinded()
    {
        Fixture.RequireStarted();
        await CreateStaffAsync();
        var now = DateTime.UtcNow;

        // Screening by the coordinator.
        var (coordinatorContext, coordinator, coordinatorShots) = await SignedInAsync("coordinator.b", "coordinator");
        await coordinator.ClickAsync("nav a[href='/trials']");
        await coordinator.ClickAsync("a:has-text('KET-NP-01')");
        await BrowserFixture.AtAsync(coordinator, Url(Trial));
        await Expect(coordinator.Locator("h2:has-text('Enrolment by site and status')")).ToBeVisibleAsync();
        await coordinatorShots.TakeAsync("dashboard");
        await coordinator.ClickAsync("a:has-text('Screen a participant')");
        await coordinator.SelectOptionAsync("#site", "S02");
        // Consent the day before: the clinical times below reach back two hours, which just after
        // midnight UTC would be before a consent given today (and rightly refused).
        await coordinator.FillAsync("#consentDate", now.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await coordinator.FillAsync("#consentFormVersion", "2.1 (2026-01-15)");
        await coordinatorShots.TakeAsync("screening-form");
        await coordinator.ClickAsync("button:has-text('Screen participant')");
        await BrowserFixture.AtAsync(coordinator, new Regex("/participants/S02-[0-9]{3}\\?done=screened$"));
        var participant = new Uri(coordinator.Url).AbsolutePath;
        var subject = participant.Split('/')[^1];
        await Expect(coordinator.Locator("main")).ToContainTextAsync($"{subject} was screened");
        await coordinatorShots.TakeAsync("screened");

        // Eligibility by the investigator.
        var (investigatorContext, investigator, investigatorShots) = await SignedInAsync("investigator.b", "investigator");
        await investigator.GotoAsync(Url(participant));
        await investigator.ClickAsync("a:has-text('Confirm eligibility')");
        foreach (var criterion in new[] { "IN01", "IN02", "IN03" })
        {
            await investigator.CheckAsync($"input[name='Input.Answers[{criterion}]'][value='yes']");
        }

        foreach (var criterion in new[] { "EX01", "EX02", "EX03", "EX04" })
        {
            await investigator.CheckAsync($"input[name='Input.Answers[{criterion}]'][value='no']");
        }

        await investigatorShots.TakeAsync("eligibility-checklist");
        await investigator.ClickAsync("button:has-text('Confirm eligibility')");
        await BrowserFixture.AtAsync(investigator, Url($"{participant}?done=eligibility"));

        // Enrolment and randomization by the coordinator.
        await coordinator.GotoAsync(Url(participant));
        await coordinator.ClickAsync("button:has-text('Enrol and randomize')");
        await BrowserFixture.AtAsync(coordinator, Url($"{participant}?done=randomized"));
        await Expect(coordinator.Locator("main")).ToContainTextAsync("treatments stay concealed");
        await coordinatorShots.TakeAsync("randomized");

        // Period 1: weight by the nurse, preparation by the pharmacist, dosing and assessments by the nurse.
        var (nurseContext, nurse, nurseShots) = await SignedInAsync("nurse.b", "DataEntry");
        var (pharmacistContext, pharmacist, pharmacistShots) = await SignedInAsync("pharmacist.b", "Pharmacist");
        await RecordWeightAsync(nurse, subject, 1, "68.0", now.AddMinutes(-130));
        await Expect(nurse.Locator(".dose-instruction")).ToHaveTextAsync("Study infusion, 34 mL over 40 min");
        await nurseShots.TakeAsync("period-1-weight-and-blinded-instruction");
        await PrepareAsync(pharmacist, pharmacistShots, subject, 1, now.AddMinutes(-120));

        var session = $"{participant}/periods/1";
        await nurse.GotoAsync(Url(session));
        await nurse.FillAsync("#start-startedAt", Time(now.AddMinutes(-100)));
        await nurse.ClickAsync("button:has-text('Record start of dosing')");
        await BrowserFixture.AtAsync(nurse, Url($"{session}?done=start"));
        await nurse.ClickAsync("a.button:has-text('Assessments')");
        await nurse.SelectOptionAsync("#scale-item", "PAIN|PT20M");
        await nurse.FillAsync("#scale-value", "46");
        await nurse.FillAsync("#scale-at", Time(now.AddMinutes(-80)));
        await nurse.ClickAsync("button:has-text('Record value')");
        await BrowserFixture.AtAsync(nurse, Url($"{session}/assessments?done=scale"));
        await nurse.SelectOptionAsync("#vitals-item", "VITALS|PT10M");
        await nurse.FillAsync("#vitals-sys", "134");
        await nurse.FillAsync("#vitals-dia", "82");
        await nurse.FillAsync("#vitals-hr", "76");
        await nurse.FillAsync("#vitals-spo2", "97");
        await nurse.FillAsync("#vitals-at", Time(now.AddMinutes(-90)));
        await nurse.ClickAsync("button:has-text('Record vital signs')");
        await BrowserFixture.AtAsync(nurse, new Regex(Regex.Escape($"{session}/assessments?done=vitals&item=VITALS%7CPT10M") + "$"));
        await Expect(nurse.Locator("#safety-alert")).ToHaveCountAsync(0);
        await Expect(nurse.Locator("main")).ToContainTextAsync("46 mm");
        await Expect(nurse.Locator("main")).ToContainTextAsync("BP 134/82 mmHg");
        await nurseShots.TakeAsync("period-1-assessments");
        await nurse.GotoAsync(Url(session));
        await nurse.FillAsync("#stop-at", Time(now.AddMinutes(-60)));
        await nurse.ClickAsync("button:has-text('Record end of dosing')");
        await BrowserFixture.AtAsync(nurse, Url($"{session}?done=stop"));
        await nurseShots.TakeAsync("period-1-dosed");

        // Period 2 before the washout has elapsed: refused, with the reason.
        await RecordWeightAsync(nurse, subject, 2, "68.4", now.AddMinutes(-15));
        await PrepareAsync(pharmacist, pharmacistShots, subject, 2, now.AddMinutes(-10));
        await nurse.GotoAsync(Url($"{participant}/periods/2"));
        await nurse.FillAsync("#start-startedAt", Time(now));
        await nurse.ClickAsync("button:has-text('Record start of dosing')");
        var refusal = nurse.Locator("#start-startedAt-error");
        await Expect(refusal).ToContainTextAsync(new Regex("^Washout ends [0-9-]{10} [0-9:]{5} UTC \\(P7D after the end of period 1 dosing\\): dosing cannot start"));
        await Expect(nurse.Locator("#start-startedAt")).ToHaveValueAsync(Time(now));
        await nurseShots.TakeAsync("period-2-refused-before-washout");

        // A serious adverse event, reported by the investigator.
        await investigator.GotoAsync(Url(participant));
        await investigator.ClickAsync("a:has-text('Report an adverse event')");
        await investigator.FillAsync("#q", "hypertension");
        await investigator.ClickAsync("button:has-text('Search')");
        await investigator.ClickAsync("ul.terms button:text-is('Hypertension')");
        // The chosen term comes back in place (an enhanced post): wait for it before filling the
        // rest, whose grade list it rebuilds.
        await Expect(investigator.Locator("p.chosen-term")).ToContainTextAsync("Hypertension");
        await investigator.SelectOptionAsync("#ae-grade", "3");
        await investigator.FillAsync("#ae-onset", now.AddMinutes(-40).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await investigator.CheckAsync("input[name='Input.Seriousness[Hospitalization]']");
        await investigator.SelectOptionAsync("#ae-causality", "Possible");
        await investigator.SelectOptionAsync("#ae-action", "NotApplicable");
        await investigator.SelectOptionAsync("#ae-outcome", "RecoveringResolving");
        await investigator.FillAsync("#ae-aware", Time(now.AddMinutes(-30)));
        await investigatorShots.TakeAsync("serious-adverse-event-form");
        await investigator.ClickAsync("button:has-text('Report adverse event')");
        await BrowserFixture.AtAsync(investigator, new Regex("/adverse-events/[0-9a-f]{16}\\?done=reported$"));
        await Expect(investigator.Locator(".page-head .status")).ToHaveTextAsync("Serious");
        await Expect(investigator.Locator("main")).ToContainTextAsync("Report to the sponsor");
        await investigatorShots.TakeAsync("serious-adverse-event-reported");

        // Emergency unblinding by the investigator: wrong password first, then the signature.
        await investigator.GotoAsync(Url(participant));
        await investigator.ClickAsync("a:has-text('Emergency unblinding')");
        await investigator.FillAsync("#reason", "Hypertensive urgency in hospital: the treating physician needs the treatment.");
        await investigator.FillAsync("#password", "not-my-password");
        await investigator.ClickAsync("button:has-text('Break the blind')");
        await Expect(investigator.Locator("#password-error")).ToContainTextAsync("The password is not correct; the emergency unblinding is not signed.");
        await investigatorShots.TakeAsync("unblinding-signature-refused");
        await investigator.FillAsync("#password", Password);
        await investigator.ClickAsync("button:has-text('Break the blind')");
        await BrowserFixture.AtAsync(investigator, Url($"{participant}/unblind?done=unblinded"));
        await Expect(investigator.Locator("table.revealed tbody tr")).ToHaveCountAsync(2);
        await Expect(investigator.Locator("table.revealed")).ToContainTextAsync(new Regex("Ketamine hydrochloride|Sodium chloride"));
        await investigatorShots.TakeAsync("blind-broken");

        // Blinded staff still see no treatment, but the code break is on the record.
        await nurse.GotoAsync(Url(participant));
        await Expect(nurse.Locator("main")).Not.ToContainTextAsync(new Regex("Ketamine hydrochloride|Sodium chloride"));
        await nurseShots.TakeAsync("participant-after-unblinding");

        foreach (var context in new[] { coordinatorContext, investigatorContext, nurseContext, pharmacistContext })
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task the_trial_pages_fit_a_tablet_768_pixels_wide()
    {
        Fixture.RequireStarted();
        await CreateStaffAsync();
        var (context, page, shots) = await SignedInAsync("nurse.b", "DataEntry", new ViewportSize { Width = 768, Height = 1024 });
        await page.GotoAsync(Url($"{Trial}/participants?status=Completed"));
        var subject = await page.Locator("table.table tbody tr td a").First.InnerTextAsync();
        foreach (var (path, name) in new[]
                 {
                     (Trial, "dashboard"),
                     ($"{Trial}/participants", "participant-list"),
                     ($"{Trial}/participants/{subject}", "participant"),
                     ($"{Trial}/participants/{subject}/periods/1", "session"),
                     ($"{Trial}/participants/{subject}/periods/1/assessments", "assessments"),
                     ($"{Trial}/participants/{subject}/adverse-events/new?q=nausea", "adverse-event-form"),
                     ($"{Trial}/protocol", "protocol"),
                     ($"{Trial}/audit", "audit-trail"),
                 })
        {
            await page.GotoAsync(Url(path));
            var (scrollWidth, clientWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
            Assert.True(scrollWidth <= clientWidth, $"{path} is {scrollWidth} px wide in a {clientWidth} px window");
            await shots.TakeAsync(name);
        }

        await context.DisposeAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private async Task RecordWeightAsync(IPage nurse, string subject, int period, string weight, DateTime measuredAt)
    {
        var session = $"{Trial}/participants/{subject}/periods/{period}";
        await nurse.GotoAsync(Url(session));
        await nurse.FillAsync("#weight-kg", weight);
        await nurse.FillAsync("#weight-measuredAt", Time(measuredAt));
        await nurse.ClickAsync("button:has-text('Record weight')");
        await BrowserFixture.AtAsync(nurse, Url($"{session}?done=weight"));
    }

    private async Task PrepareAsync(IPage pharmacist, Screenshots shots, string subject, int period, DateTime preparedAt)
    {
        await pharmacist.GotoAsync(Url("/pharmacy"));
        await pharmacist.ClickAsync("a:has-text('KET-NP-01')");

        // The pharmacy list is a read model: a randomization a moment ago may need a reload to show.
        var prepare = pharmacist.Locator($"tr:has(td:text-is('{subject}')):has(td:text-is('{period}')) a:has-text('Prepare')");
        for (var attempt = 0; attempt < 50 && await prepare.CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await pharmacist.ReloadAsync();
        }

        await prepare.ClickAsync();
        var kit = await pharmacist.Locator("dl.facts dd strong").First.InnerTextAsync();
        await shots.TakeAsync($"period-{period}-pharmacy-dose");
        await pharmacist.FillAsync("#prep-kit", kit);
        await pharmacist.FillAsync("#prep-at", Time(preparedAt));
        // The second pharmacist signs the check at this workstation with their own password.
        await pharmacist.FillAsync("#prep-checker", "pharmacist.c");
        await pharmacist.FillAsync("#prep-checker-password", Password);
        await pharmacist.ClickAsync("button:has-text('Record preparation')");
        await BrowserFixture.AtAsync(pharmacist, new Regex($"/pharmacy/{subject}/{period}\\?done=prepared$"));
        await Expect(pharmacist.Locator("#prepared-by")).ToHaveTextAsync("pharmacist.b");
        await Expect(pharmacist.Locator("#verified-by")).ToContainTextAsync("pharmacist.c — signed (verified)");
        await shots.TakeAsync($"period-{period}-prepared");
    }

    private async Task<(IBrowserContext Context, IPage Page, Screenshots Shots)> SignedInAsync(string userName, string label, ViewportSize? viewport = null, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page, $"{test}/{label}");
        await Fixture.SignInAsync(page, userName, Password);
        await shots.TakeAsync("signed-in");
        return (context, page, shots);
    }

    /// <summary>The site's staff, created by the administrator through the users API (once per app).</summary>
    private Task CreateStaffAsync() =>
        Fixture.CreateUsersAsync(
            Password,
            "Browser",
            ("coordinator.b", "Coordinator", new[] { "S01", "S02" }),
            ("investigator.b", "Investigator", new[] { "S01", "S02" }),
            ("nurse.b", "DataEntry", new[] { "S01", "S02" }),
            ("pharmacist.b", "Pharmacist", new[] { "S01", "S02" }),
            ("pharmacist.c", "Pharmacist", new[] { "S01", "S02" }));
}
