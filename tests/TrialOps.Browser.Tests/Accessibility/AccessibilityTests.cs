using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TrialOps.Browser.Tests.Accessibility;

/// <summary>
/// An accessibility pass over the app with axe-core (WCAG 2.0 and 2.1, levels A and AA) in Chromium:
/// each role walks every page it can reach by links from Home over the demo trial, and every kind of
/// page (address pattern) must have no violation. The sign-in page is checked signed out.
/// </summary>
public sealed partial class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "accessibility-walk-1";

    private const int PagesPerRole = 30;

    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private string Url(string path) => fixture.App.BaseUrl + path;

    private static readonly string[] Roles = ["Coordinator", "DataEntry", "Investigator", "Pharmacist", "Monitor", "Statistician", "Administrator"];

    [Fact]
    public async Task the_sign_in_page_has_no_violation()
    {
        fixture.RequireStarted();
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/login"));

        var problems = Describe("signed out", "/login", await page.RunAxe(WcagAA));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task every_page_each_role_reaches_has_no_violation()
    {
        fixture.RequireStarted();
        var checkedPatterns = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var role in Roles)
        {
            var userName = await UserAsync(role);
            await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            var page = await context.NewPageAsync();
            await fixture.SignInAsync(page, userName, Password);

            // Each role walks every page it reaches by links; axe checks a page pattern once, for the
            // first role that reaches it (the roles differ mostly in which pages they reach).
            var seen = new HashSet<string>(StringComparer.Ordinal) { Pattern("/") };
            var queue = new Queue<string>(["/"]);
            var walked = 0;
            while (queue.Count > 0 && walked < PagesPerRole)
            {
                var path = queue.Dequeue();
                var response = await page.GotoAsync(Url(path));
                if (response is null || !(response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal)))
                {
                    continue;
                }

                walked++;
                if (checkedPatterns.Add(Pattern(path)))
                {
                    problems.AddRange(Describe(role, path, await page.RunAxe(WcagAA)));
                    problems.AddRange(await OverflowAsync(page, role, path));
                }

                foreach (var href in await page.Locator("main a[href], header a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
                {
                    if (Followable(href) is { } next && seen.Add(Pattern(next)))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            Assert.True(walked >= 5, $"{role} reached only {walked} pages");

            // Pages whose content differs by role (Home's worklist, the charts by treatment or pooled) are
            // checked for every role that has them, with the charts' data tables opened.
            foreach (var path in MustCheck(role))
            {
                await page.GotoAsync(Url(path));
                await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
                checkedPatterns.Add(Pattern(path));
                problems.AddRange(Describe(role, path, await page.RunAxe(WcagAA)));
                problems.AddRange(await OverflowAsync(page, role, path));
            }
        }

        Assert.True(checkedPatterns.Count >= 30, $"only {checkedPatterns.Count} kinds of page checked");
        Assert.True(problems.Count == 0, $"{checkedPatterns.Count} kinds of page:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(60))}");
    }

    /// <summary>
    /// Nothing is clipped or widens the page at 1280 and 800 px (issue 14, item 8): a wide table
    /// scrolls inside its own frame, so the document is never wider than the window.
    /// </summary>
    private static async Task<List<string>> OverflowAsync(IPage page, string role, string path)
    {
        var problems = new List<string>();
        foreach (var width in new[] { 800, 1280 })
        {
            await page.SetViewportSizeAsync(width, 800);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 0)
            {
                problems.Add($"{role} {path}: the page is {overflow} px wider than a {width} px window");
            }
        }

        return problems;
    }

    /// <summary>The worklist, calendar and chart pages (ADR 0027), for the roles whose versions of them differ.</summary>
    private static IEnumerable<string> MustCheck(string role) => role switch
    {
        "Coordinator" => ["/", "/trials/KET-NP-01", "/trials/KET-NP-01/calendar", "/trials/KET-NP-01/calendar?view=list", "/trials/KET-NP-01/charts", "/trials/KET-NP-01/participants?overdue=true"],
        "Pharmacist" => ["/", "/trials/KET-NP-01/charts"],
        "Monitor" or "Investigator" or "Statistician" => ["/"],
        _ => [],
    };

    /// <summary>A link worth walking: a page of the app (not the API, a download, sign-out or another site).</summary>
    private static string? Followable(string? href)
    {
        if (string.IsNullOrEmpty(href) || !href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var path = href.Split('#')[0];
        return path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/logout", StringComparison.Ordinal)
            || path.Contains("/files", StringComparison.Ordinal) || path.Contains("/download", StringComparison.Ordinal)
            || Path.HasExtension(path.Split('?')[0])
                ? null
                : path;
    }

    /// <summary>One page per address pattern: numbers, subject numbers and identifiers become a placeholder; the query is dropped.</summary>
    private static string Pattern(string path) =>
        string.Join('/', path.Split('?')[0].Split('/').Select(segment => HasDigit().IsMatch(segment) && !segment.StartsWith("KET-", StringComparison.Ordinal) ? "{x}" : segment));

    private static List<string> Describe(string role, string path, AxeResult result) =>
        [.. result.Violations.SelectMany(v => v.Nodes.Select(n => $"{role} {path}: {v.Id} ({v.Impact}) {v.Help} at {n.Target} {Short(n.Html)}"))];

    private static string Short(string? html) => html is null ? string.Empty : html.Length > 160 ? html[..160] + "…" : html;

    private async Task<string> UserAsync(string role)
    {
        var userName = $"a11y.{role.ToLowerInvariant()}";
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        var created = await page.APIRequest.PostAsync(Url("/api/v1/users"), new APIRequestContextOptions
        {
            DataObject = new { userName, displayName = $"Accessibility {role}", role, password = Password, sites = role is "DataEntry" or "Investigator" ? new[] { "S01", "S02" } : new[] { "*" } },
        });
        Assert.True(created.Status is 201 or 409, $"creating {userName}: {created.Status} {await created.TextAsync()}");
        return userName;
    }

    [GeneratedRegex("[0-9]")]
    private static partial Regex HasDigit();
}
