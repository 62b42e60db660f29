using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrialOps.Common;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Audit;

/// <summary>
/// The audit trail narrowed by who, what, when and which participant (issue 14, item 7): every filter
/// is checked against the unfiltered trail read in full and filtered here, so a filter that drops or
/// adds an event fails; bad filters are clear refusals, never a 500; short pages.
/// </summary>
public sealed partial class AuditTrailFilterTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Api = $"/api/v1/trials/{TrialAppFixture.Code}/audit";

    private const string Page = $"/trials/{TrialAppFixture.Code}/audit";

    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task each_filter_returns_exactly_the_matching_events_of_the_whole_trail()
    {
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        var all = await EveryEntryAsync(monitor, "");
        Assert.True(all.Count > 50, $"the demo trail has {all.Count} events");

        var type = all.GroupBy(e => e.Type).OrderByDescending(g => g.Count()).First(g => g.Count() < all.Count).Key;
        var subject = all.First(e => e.Record is not null).Record!;
        var person = all.GroupBy(e => e.By).First(g => g.Count() < all.Count).Key;

        Assert.Equal(all.Where(e => e.Type == type).Select(e => e.Position), (await EveryEntryAsync(monitor, $"&type={type}")).Select(e => e.Position));
        Assert.Equal(all.Where(e => e.Record == subject).Select(e => e.Position), (await EveryEntryAsync(monitor, $"&record={subject}")).Select(e => e.Position));
        Assert.Equal(all.Where(e => e.Record is null).Select(e => e.Position), (await EveryEntryAsync(monitor, "&record=trial")).Select(e => e.Position));
        Assert.Equal(all.Where(e => e.By == person).Select(e => e.Position), (await EveryEntryAsync(monitor, $"&by={Uri.EscapeDataString(person.ToUpperInvariant())}")).Select(e => e.Position));
        Assert.Equal(
            all.Where(e => e.Type == type && e.Record == subject).Select(e => e.Position),
            (await EveryEntryAsync(monitor, $"&type={type}&record={subject.ToLowerInvariant()}")).Select(e => e.Position));

        var day = DateOnly.FromDateTime(all[^1].RecordedAt.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(
            all.Where(e => e.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == day).Select(e => e.Position),
            (await EveryEntryAsync(monitor, $"&from={day}&to={day}")).Select(e => e.Position));
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Empty(await EveryEntryAsync(monitor, $"&from={tomorrow}"));
    }

    [Fact]
    public async Task bad_filters_are_400_problems_naming_the_filter()
    {
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);

        foreach (var (query, field) in new[]
                 {
                     ("from=2026-13-01", "from"),
                     ("to=yesterday", "to"),
                     ($"from={Today}&to=2020-01-01", "from"),
                     ("type=DROP TABLE", "type"),
                     ("record=nobody", "record"),
                 })
        {
            var problem = await (await monitor.GetAsync($"{Api}?{query}")).ProblemAsync(400);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query} should name {field}");
        }
    }

    [Fact]
    public async Task the_page_filters_in_short_pages_and_keeps_the_filter_when_paging()
    {
        using var monitor = await trial.SignedInAsync(Roles.Monitor);

        var first = await monitor.GetStringAsync(Page);
        Assert.Equal(25, Rows(first));
        var next = PagerLink().Match(first);
        Assert.True(next.Success, "a pager link to older events");

        var filtered = await monitor.GetStringAsync($"{Page}?type=assessment.scale-recorded.v1&size=50");
        Assert.Equal(50, Rows(filtered));
        Assert.Contains("matching the filter", filtered, StringComparison.Ordinal);
        var older = PagerLink().Match(filtered);
        Assert.True(older.Success);
        var olderHref = WebUtility.HtmlDecode(older.Groups["href"].Value);
        Assert.Contains("type=assessment.scale-recorded.v1", olderHref, StringComparison.Ordinal);
        Assert.Contains("size=50", olderHref, StringComparison.Ordinal);
        Assert.Contains("page=2", olderHref, StringComparison.Ordinal);

        var bad = await monitor.GetAsync($"{Page}?from=not-a-day");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("The filter was not applied. from: not a date", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_blinded_role_cannot_choose_or_filter_to_the_randomization_list_events()
    {
        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);
        using var pharmacist = await trial.SignedInAsync(Roles.Pharmacist);
        using var coordinatorApi = await trial.ApiClientAsync(Roles.Coordinator);

        var blinded = await coordinator.GetStringAsync(Page);
        var unblinded = await pharmacist.GetStringAsync(Page);

        Assert.Contains("value=\"randomization.list-generated.v1\"", unblinded, StringComparison.Ordinal);
        Assert.DoesNotContain("randomization.list-generated.v1", blinded, StringComparison.Ordinal);
        Assert.Empty(await EveryEntryAsync(coordinatorApi, "&type=randomization.list-generated.v1"));
    }

    [Fact]
    public async Task the_participant_trail_filters_and_pages_too()
    {
        using var monitor = await trial.SignedInAsync(Roles.Monitor);
        using var monitorApi = await trial.ApiClientAsync(Roles.Monitor);
        var subject = (await EveryEntryAsync(monitorApi, "&type=assessment.scale-recorded.v1")).GroupBy(e => e.Record).OrderByDescending(g => g.Count()).First();
        var path = $"/trials/{TrialAppFixture.Code}/participants/{subject.Key}/audit";

        var filtered = await monitor.GetStringAsync($"{path}?type=assessment.scale-recorded.v1&size=100");

        Assert.Contains($"{subject.Count()} of ", filtered, StringComparison.Ordinal);
        Assert.Equal(Math.Min(100, subject.Count()), Rows(filtered));
        var unfiltered = await monitor.GetStringAsync(path);
        Assert.Equal(25, Rows(unfiltered));
    }

    [Fact]
    public async Task the_casebook_holds_every_version_of_every_value_by_period_and_prints_without_the_navigation()
    {
        using var monitor = await trial.SignedInAsync(Roles.Monitor);
        using var monitorApi = await trial.ApiClientAsync(Roles.Monitor);
        var subject = (await EveryEntryAsync(monitorApi, "&type=assessment.scale-recorded.v1")).GroupBy(e => e.Record).OrderByDescending(g => g.Count()).First().Key;
        var timeline = await monitorApi.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{TrialAppFixture.Code}/participants/{subject}/timeline");
        var values = timeline.GetProperty("values").EnumerateArray().ToList();
        var versions = values.Sum(v => v.GetProperty("versions").GetArrayLength());

        var casebook = WebUtility.HtmlDecode(await monitor.GetStringAsync($"/trials/{TrialAppFixture.Code}/participants/{subject}/casebook"));

        Assert.Equal(versions, Regex.Matches(casebook, "(Recorded|Corrected to) <strong>").Count);
        foreach (var value in values)
        {
            var key = value.GetProperty("key").GetString()!;
            Assert.Contains($"<th scope=\"row\">{key}</th>", casebook, StringComparison.Ordinal);
            var section = casebook.LastIndexOf("<h2>", casebook.IndexOf($"<th scope=\"row\">{key}</th>", StringComparison.Ordinal), StringComparison.Ordinal);
            var heading = casebook[(section + 4)..casebook.IndexOf("</h2>", section, StringComparison.Ordinal)];
            Assert.Equal(key.StartsWith("P1 ", StringComparison.Ordinal) ? "Period 1" : key.StartsWith("P2 ", StringComparison.Ordinal) ? "Period 2" : "Screening and enrolment", heading);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await monitor.GetAsync($"/trials/{TrialAppFixture.Code}/participants/S01-999/casebook")).StatusCode);
        var css = await monitor.GetStringAsync("/css/site.css");
        Assert.Matches(@"@media print \{[\s\S]*?\.topbar, \.trial-nav, \.pager, \.no-print, form", css);
    }

    private sealed record Entry(long Position, string? Record, string Type, DateTimeOffset RecordedAt, string By);

    private static async Task<List<Entry>> EveryEntryAsync(HttpClient client, string filter)
    {
        var entries = new List<Entry>();
        for (var page = 1; ; page++)
        {
            var json = await client.GetFromJsonAsync<JsonElement>($"{Api}?pageSize=200&page={page}{filter}");
            foreach (var e in json.GetProperty("entries").EnumerateArray())
            {
                entries.Add(new Entry(
                    e.GetProperty("position").GetInt64(),
                    e.GetProperty("record").GetString(),
                    e.GetProperty("type").GetString()!,
                    e.GetProperty("recordedAt").GetDateTimeOffset(),
                    e.GetProperty("recordedBy").GetString()!));
            }

            if (page >= json.GetProperty("pageCount").GetInt32())
            {
                return entries;
            }
        }
    }

    private static int Rows(string html) =>
        AuditRow().Matches(html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)]).Count;

    [GeneratedRegex("<tr[ >]")]
    private static partial Regex AuditRow();

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\" rel=\"next\"")]
    private static partial Regex PagerLink();
}
