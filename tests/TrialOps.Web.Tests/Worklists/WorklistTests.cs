using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Queries;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Worklists;

/// <summary>
/// The demo trial plus: at S01 a participant whose period 1 was dosed three hours ago with no
/// assessment recorded (overdue assessments) and a query on it, and one query answered; at S02 a
/// participant just randomized (period 1's session due, nothing prepared) with an open query.
/// </summary>
public sealed class WorklistFixture : TrialAppFixture
{
    protected override bool SeedDemo => true;

    public SubjectNumber AtS01 { get; private set; }

    public SubjectNumber AtS02 { get; private set; }

    public SubjectNumber Answered { get; private set; }

    protected override async Task AddDataAsync()
    {
        AtS01 = await InWashoutAsync();
        AtS02 = await RandomizedParticipantAsync("S02");
        Answered = await RandomizedParticipantAsync("S01");
        foreach (var subject in new[] { AtS01, AtS02, Answered })
        {
            await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Monitor)), new RaiseQuery(Demo.Code, subject, new DataItem(DataItemKind.Consent), "Consent form version as in the source?")));
        }

        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.DataEntry)), new AnswerQuery(Demo.Code, Answered, 1, "Checked: as in the source")));
    }
}

/// <summary>Home's worklist, its API, the participant list's overdue filter, the calendar and the charts (issue 14, items 5 and 6).</summary>
public sealed class WorklistTests(WorklistFixture trial) : IClassFixture<WorklistFixture>
{
    private const string Pages = $"/trials/{TrialAppFixture.Code}";

    public static TheoryData<string> EveryRole => new(Roles.All);

    private static Actor Admin => new(IdentityService.AdministratorUserName, Roles.Administrator);

    private sealed record Item(string Trial, string Kind, string Subject, string Site, string What, bool Overdue, int? Period, int? QueryNumber, string Href);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<string> UserAsync(string role, params string[] sites)
    {
        var name = $"wl.{role.ToLowerInvariant()}.{string.Join("-", sites).Replace("*", "all", StringComparison.Ordinal).ToLowerInvariant()}";
        if (await trial.Identity.Directory.FindAsync(name) is null)
        {
            var created = await trial.Identity.CreateUserAsync(CommandContext.New(Admin), new NewUser(name, $"{role} {name}", role, sites, TrialAppFixture.Password));
            Assert.True(created.Accepted, created.Rejection?.Message);
        }

        return name;
    }

    private async Task<HttpClient> ApiAsAsync(string role, params string[] sites)
    {
        var issued = await trial.Identity.IssueTokenAsync(CommandContext.New(Admin), await UserAsync(role, sites));
        Assert.True(issued.Result.Accepted, issued.Result.Rejection?.Message);
        var client = trial.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token!.Token);
        return client;
    }

    private async Task<HttpClient> PagesAsAsync(string role, params string[] sites)
    {
        var client = trial.Client();
        var response = await Forms.PostAsync(client, "/login", "login", new() { ["Input.UserName"] = await UserAsync(role, sites), ["Input.Password"] = TrialAppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task<Item[]> WorklistAsync(string role, params string[] sites)
    {
        await trial.WaitForReadModelsAsync();
        using var client = await ApiAsAsync(role, sites);
        var response = await client.GetAsync("/api/v1/worklist");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<Item[]>(await response.Content.ReadAsStringAsync(), Json)!;
    }

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task every_role_gets_home_with_its_worklist_section_and_the_new_pages(string role)
    {
        using var client = await trial.SignedInAsync(role);

        foreach (var path in new[] { "/", $"{Pages}/calendar", $"{Pages}/calendar?view=list", $"{Pages}/calendar?site=S02", $"{Pages}/charts", $"{Pages}/participants?overdue=true", "/api/v1/worklist" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {path}: {(int)response.StatusCode}");
        }

        var home = await client.GetStringAsync("/");
        Assert.Contains("Your work now", home, StringComparison.Ordinal);
        if (role is Roles.Statistician or Roles.Administrator)
        {
            Assert.Contains("Your role has no worklist", home, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task site_staff_see_their_sites_sessions_assessments_and_queries_and_nothing_of_another_site()
    {
        var onlyS01 = await WorklistAsync(Roles.DataEntry, "S01");
        var bothSites = await WorklistAsync(Roles.DataEntry, "S01", "S02");

        Assert.NotEmpty(onlyS01);
        Assert.All(onlyS01, i => Assert.Equal("S01", i.Site));
        Assert.All(onlyS01, i => Assert.StartsWith("S01-", i.Subject, StringComparison.Ordinal));
        Assert.Contains(onlyS01, i => i.Subject == trial.AtS01.ToString() && i.Kind == "Assessment" && i.Overdue && i.Href == $"{Pages}/participants/{trial.AtS01}/periods/1/assessments");
        Assert.Contains(onlyS01, i => i.Subject == trial.AtS01.ToString() && i.Kind == "QueryToAnswer" && i.QueryNumber == 1 && i.Href == $"{Pages}/participants/{trial.AtS01}/queries/1");
        Assert.DoesNotContain(onlyS01, i => i.Subject == trial.Answered.ToString() && i.Kind == "QueryToAnswer");
        Assert.DoesNotContain(onlyS01, i => i.Subject == trial.AtS02.ToString());
        Assert.Contains(bothSites, i => i.Subject == trial.AtS02.ToString() && i.Kind == "DosingSession" && i.Href == $"{Pages}/participants/{trial.AtS02}/periods/1");
        Assert.Contains(bothSites, i => i.Subject == trial.AtS02.ToString() && i.Kind == "QueryToAnswer");
        Assert.True(onlyS01.Select(i => i.Overdue).SequenceEqual(onlyS01.Select(i => i.Overdue).OrderByDescending(o => o)), "overdue first");
    }

    [Fact]
    public async Task a_site_user_without_sites_has_an_empty_worklist()
    {
        Assert.Empty(await WorklistAsync(Roles.Coordinator, []));
    }

    [Fact]
    public async Task the_monitor_reviews_answers_and_verifies_source_data_and_records_nothing_of_the_sites_work()
    {
        var work = await WorklistAsync(Roles.Monitor, "*");

        Assert.Contains(work, i => i.Subject == trial.Answered.ToString() && i.Kind == "QueryToReview" && i.QueryNumber == 1);
        Assert.Contains(work, i => i.Kind == "SourceVerification" && i.Href.EndsWith("/verification", StringComparison.Ordinal));
        Assert.DoesNotContain(work, i => i.Kind is "DosingSession" or "Assessment" or "QueryToAnswer" or "Preparation");
    }

    [Fact]
    public async Task the_pharmacist_prepares_due_sessions_at_their_sites_and_the_items_name_no_treatment()
    {
        var work = await WorklistAsync(Roles.Pharmacist, "S02");

        Assert.Contains(work, i => i.Subject == trial.AtS02.ToString() && i.Kind == "Preparation" && i.Href == $"{Pages}/pharmacy/{trial.AtS02}/1");
        Assert.All(work, i => Assert.Equal("Preparation", i.Kind));
        Assert.All(work, i => Assert.Equal("S02", i.Site));
        Assert.All(work, i => Assert.DoesNotContain(TrialAppFixture.Demo.Treatments, t => i.What.Contains(t.Label, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task home_links_each_item_to_where_the_work_is_done()
    {
        await trial.WaitForReadModelsAsync();
        using var client = await PagesAsAsync(Roles.DataEntry, "S01");

        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        // Automatic queries (ADR 0025) fill the first rows of "Queries to answer": any S01 query links to its page.
        Assert.Matches($"href=\"{Pages}/participants/S01-[0-9]+/queries/[0-9]+\"", home);
        Assert.Contains($"href=\"{Pages}/participants/{trial.AtS01}/periods/1/assessments\"", home, StringComparison.Ordinal);
        Assert.Contains("Overdue", home, StringComparison.Ordinal);
        Assert.DoesNotContain(trial.AtS02.ToString(), home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_overdue_filter_lists_exactly_the_participants_with_overdue_work()
    {
        await trial.WaitForReadModelsAsync();
        var all = (await trial.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(TrialAppFixture.Code, PageSize: ParticipantListQuery.MaxPageSize))).Items;
        var overdue = (await trial.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(TrialAppFixture.Code, PageSize: ParticipantListQuery.MaxPageSize, OverdueOnly: true))).Items;
        var schedule = await trial.App.Services.GetRequiredService<ParticipantSchedule>().GetOverdueAsync(TrialAppFixture.Code);
        using var client = await trial.SignedInAsync(Roles.Coordinator);

        var page = await client.GetStringAsync($"{Pages}/participants?overdue=true&size=100");
        var api = await client.GetAsync($"/api/v1/trials/{TrialAppFixture.Code}/participants?overdue=true&pageSize=500");
        var badPage = await client.GetAsync($"{Pages}/participants?overdue=banana");
        var badApi = await client.GetAsync($"/api/v1/trials/{TrialAppFixture.Code}/participants?overdue=banana");

        Assert.Contains(overdue, p => p.Subject == trial.AtS01.ToString());
        Assert.Equal(schedule.Select(s => s.Subject).Distinct().Order(StringComparer.Ordinal), overdue.Select(p => p.Subject).Order(StringComparer.Ordinal));
        Assert.All(overdue, p => Assert.Equal(schedule.Count(s => s.Subject == p.Subject), p.Overdue));
        Assert.True(all.Count > overdue.Count);
        Assert.Matches("name=\"overdue\"[^>]*checked", page);
        foreach (var participant in all)
        {
            Assert.Equal(participant.Overdue > 0, page.Contains($">{participant.Subject}</a>", StringComparison.Ordinal));
        }

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains($"\"total\":{overdue.Count},", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, badPage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badApi.StatusCode);
    }

    [Fact]
    public async Task the_calendar_shows_sessions_and_washouts_of_the_chosen_and_granted_sites_only()
    {
        await trial.WaitForReadModelsAsync();
        using var both = await PagesAsAsync(Roles.Coordinator, "S01", "S02");
        using var onlyS01 = await PagesAsAsync(Roles.Coordinator, "S01");

        var calendar = await both.GetStringAsync($"{Pages}/calendar?view=list");
        var filtered = await both.GetStringAsync($"{Pages}/calendar?view=list&site=S01");
        var s01 = await onlyS01.GetStringAsync($"{Pages}/calendar?view=list&site=S02");
        var bad = await both.GetAsync($"{Pages}/calendar?site=%3Cscript%3E&view=%00");

        Assert.Contains($">{trial.AtS02}</a>", calendar, StringComparison.Ordinal);
        Assert.Contains($">{trial.AtS01}</a>", calendar, StringComparison.Ordinal);
        Assert.Contains("Washout after period 1 ends", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain(trial.AtS02.ToString(), filtered, StringComparison.Ordinal);
        Assert.Contains($">{trial.AtS01}</a>", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("S02-", s01, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
    }

    [Fact]
    public async Task the_charts_are_inline_svg_with_a_text_alternative_and_no_style_attribute()
    {
        using var client = await trial.SignedInAsync(Roles.Coordinator);

        var dashboard = await client.GetStringAsync(Pages);
        var charts = await client.GetStringAsync($"{Pages}/charts");

        foreach (var html in new[] { dashboard, charts })
        {
            Assert.Contains("<svg viewBox=", html, StringComparison.Ordinal);
            Assert.Contains("id=\"chart-enrolment-title\"", html, StringComparison.Ordinal);
            Assert.Contains("id=\"chart-progress-desc\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        }

        Assert.Contains($"Target {TrialAppFixture.Demo.TargetParticipants}", dashboard, StringComparison.Ordinal);
        Assert.Contains("over time by period, pooled", charts, StringComparison.Ordinal);
        Assert.Contains("The data of", charts, StringComparison.Ordinal);
    }
}
