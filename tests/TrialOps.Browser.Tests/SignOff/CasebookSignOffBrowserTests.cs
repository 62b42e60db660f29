using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrialOps.Browser.Tests.Journey;

namespace TrialOps.Browser.Tests.SignOff;

/// <summary>
/// The Investigator's casebook sign-off in the browser, over the demo trial (ADR 0025): the
/// sign-off worklist lists a complete casebook, the Investigator signs it with the password
/// (meaning approved), the casebook shows the signature as current; a later correction of the
/// participant's data shows it as no longer current and puts the casebook back on the worklist.
/// </summary>
public sealed class CasebookSignOffBrowserTests(JourneyBrowserFixture journey) : IClassFixture<JourneyBrowserFixture>
{
    private const string Password = "sign-off-password-1";
    private const string Trial = "/trials/KET-NP-01";

    private BrowserFixture Fixture => journey.Browser;

    private string Url(string path) => Fixture.App.BaseUrl + path;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task the_investigator_signs_a_casebook_and_a_later_correction_shows_the_signature_as_not_current()
    {
        Fixture.RequireStarted();
        await CreateInvestigatorAsync();
        await using var context = await Fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page);
        await Fixture.SignInAsync(page, "inv.signoff", Password);

        // The worklist lists complete casebooks waiting for the signature.
        await page.GotoAsync(Url($"{Trial}/sign-off"));
        var casebookRow = page.Locator("tr[data-sign-off-item^='Casebook ']").First;
        await Expect(casebookRow).ToContainTextAsync("not signed");
        var subject = (await casebookRow.GetAttributeAsync("data-sign-off-item"))!.Split(' ')[1];
        await shots.TakeAsync("worklist");

        // A wrong password signs nothing; the right one signs.
        await casebookRow.Locator("a:has-text('Sign')").ClickAsync();
        await BrowserFixture.AtAsync(page, Url($"{Trial}/participants/{subject}/sign/casebook"));
        await Expect(page.Locator("h1")).ToContainTextAsync($"Sign the casebook of {subject}");
        await page.FillAsync("#password", "not-my-password");
        await page.ClickAsync("button:has-text('Sign (approved)')");
        await Expect(page.Locator("#password-error")).ToContainTextAsync("The password is not correct");
        await shots.TakeAsync("wrong-password");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button:has-text('Sign (approved)')");
        await BrowserFixture.AtAsync(page, Url($"{Trial}/participants/{subject}/sign/casebook?done=signed"));
        await Expect(page.Locator("p.signature-line")).ToContainTextAsync("Signed by Browser Investigator (inv.signoff, Investigator), meaning approved");
        await shots.TakeAsync("signed");

        // The casebook (and its print) shows the signature as current.
        await page.GotoAsync(Url($"{Trial}/participants/{subject}/casebook"));
        var signature = page.Locator("[data-sign-off='casebook'] p.signature-line");
        await Expect(signature).ToContainTextAsync("meaning approved");
        await Expect(signature).ToHaveClassAsync(new Regex("\\bcurrent\\b"));
        await Expect(signature).ToContainTextAsync("— current");
        await shots.TakeAsync("casebook-signed");

        // A later correction of the participant's demographics.
        await page.GotoAsync(Url($"{Trial}/participants/{subject}/demographics"));
        var sex = page.Locator("#sex");
        var current = await sex.InputValueAsync();
        var other = (await sex.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)")).First(v => v.Length > 0 && v != current);
        await sex.SelectOptionAsync(other);
        await page.FillAsync("#reason", "Transcription error found on review of the source");
        await page.ClickAsync("button:has-text('Record correction')");
        await BrowserFixture.AtAsync(page, Url($"{Trial}/participants/{subject}?done=demographics"));

        await page.GotoAsync(Url($"{Trial}/participants/{subject}/casebook"));
        await Expect(signature).ToContainTextAsync("not current: changed after signing");
        await Expect(signature).ToHaveClassAsync(new Regex("\\bnot-current\\b"));
        await shots.TakeAsync("casebook-signature-not-current");

        await page.GotoAsync(Url($"{Trial}/sign-off"));
        await Expect(page.Locator($"tr[data-sign-off-item='Casebook {subject}']")).ToContainTextAsync("not current: changed after signing");
        await shots.TakeAsync("worklist-again");
    }

    /// <summary>An investigator of both sites, created by the administrator through the users API.</summary>
    private Task CreateInvestigatorAsync() =>
        Fixture.CreateUsersAsync(
            Password,
            "Browser",
            ("inv.signoff", "Investigator", new[] { "S01", "S02" }));
}
