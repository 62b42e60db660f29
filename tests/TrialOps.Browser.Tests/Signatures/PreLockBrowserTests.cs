using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrialOps.Browser.Tests.Journey;

namespace TrialOps.Browser.Tests.Signatures;

/// <summary>
/// The database lock in the browser, over the demo trial (ADR 0023): the pre-lock checklist shows
/// what is still open and blocks a careless lock; with a reason for each open category the lock
/// goes through, and the status page shows Locked with the signature at once. Lifting the lock then
/// shows the lock's signature as no longer current.
/// </summary>
public sealed class PreLockBrowserTests(JourneyBrowserFixture journey) : IClassFixture<JourneyBrowserFixture>
{
    private const string Password = "pre-lock-password-1";
    private const string Status = "/trials/KET-NP-01/status";

    private BrowserFixture Fixture => journey.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task the_pre_lock_checklist_blocks_a_careless_lock_then_a_lock_with_reasons_shows_locked_with_the_signature()
    {
        Fixture.RequireStarted();
        await CreateCoordinatorAsync();
        await using var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page);
        await Fixture.SignInAsync(page, "coord.lock", Password);

        await page.GotoAsync(Url(Status));
        var checklist = page.Locator("#pre-lock-checklist");
        await Expect(checklist).ToContainTextAsync("Values not source-verified in their current version");
        await Expect(checklist.Locator("li[data-category='unverified-data'] textarea")).ToHaveCountAsync(1);
        await shots.TakeAsync("checklist");

        // A careless lock: the password, but no reasons.
        await LockAsync(page, reasons: false);
        await Expect(page.Locator("[id^='confirm.'][id$='-error']").First).ToContainTextAsync("Before locking, confirm each open item");
        await Expect(page.Locator(".card:has(h2:text-is('Database')) .status").First).ToHaveTextAsync("Open");
        await shots.TakeAsync("careless-lock-refused");

        // Every open category confirmed with a reason, signed again.
        Assert.True(await checklist.Locator("textarea").CountAsync() > 0);
        await LockAsync(page, reasons: true, shots);
        await BrowserFixture.AtAsync(page, Url($"{Status}?done=locked"));
        await Expect(page.Locator(".card:has(h2:text-is('Database')) .status").First).ToHaveTextAsync("Locked");
        var signature = page.Locator("p.signature-line[data-signature='trial lock']");
        await Expect(signature).ToContainTextAsync("Signed by Browser Coordinator (coord.lock, Coordinator), meaning approved");
        await Expect(signature).ToHaveClassAsync(new Regex("\\bcurrent\\b"));
        await Expect(page.Locator("details.lock-checklist")).ToContainTextAsync("confirmed: Reviewed with the sponsor");
        await shots.TakeAsync("locked-with-signature");

        // Lifting the lock: the status page shows Open at once, and the lock's signature as no longer current.
        await page.FillAsync("#unlock-reason", "A late query on S01 needs an answer.");
        await page.FillAsync("#unlock-password", Password);
        await page.ClickAsync("button:has-text('Lift the lock')");
        await BrowserFixture.AtAsync(page, Url($"{Status}?done=unlocked"));
        await Expect(page.Locator(".card:has(h2:text-is('Database')) .status").First).ToHaveTextAsync("Open");
        await Expect(signature).ToContainTextAsync("not current: changed after signing");
        await shots.TakeAsync("unlocked-lock-signature-not-current");
    }

    /// <summary>A coordinator of both sites, created by the administrator through the users API.</summary>
    /// <summary>
    /// Signs the lock, with a reason for every open category or none. The demo's deadlines keep
    /// firing for a while after the app starts: when the checklist changed between showing and
    /// signing, the app refuses and says so (ADR 0023), and the coordinator reviews it again.
    /// </summary>
    private async Task LockAsync(IPage page, bool reasons, Screenshots? shots = null)
    {
        var changed = page.GetByText("The pre-lock checklist changed since it was shown");
        for (var attempt = 1; ; attempt++)
        {
            if (reasons)
            {
                var fields = page.Locator("#pre-lock-checklist textarea");
                for (var i = 0; i < await fields.CountAsync(); i++)
                {
                    await fields.Nth(i).FillAsync("Reviewed with the sponsor: the demo trial is locked as it stands.");
                }
            }

            await page.FillAsync("#lock-password", Password);
            if (shots is not null)
            {
                await shots.TakeAsync("reasons-given");
            }

            await page.ClickAsync("button:has-text('Lock the database')");
            var answered = reasons
                ? page.Locator(".card:has(h2:text-is('Database')) .status:text-is('Locked')").Or(changed)
                : page.Locator("[id^='confirm.'][id$='-error']").Or(changed);
            await Expect(answered.First).ToBeVisibleAsync();
            if (attempt == 5 || !await changed.IsVisibleAsync())
            {
                return;
            }

            await page.GotoAsync(Url(Status));
        }
    }

    private Task CreateCoordinatorAsync() =>
        Fixture.CreateUsersAsync(
            Password,
            "Browser",
            ("coord.lock", "Coordinator", new[] { "S01", "S02" }));
}
