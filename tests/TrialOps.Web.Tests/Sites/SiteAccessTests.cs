using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Sites;

/// <summary>
/// Staff reach their sites' participants only (ADR 0010), over the demo trial with participants at
/// S01 and S02: every role given S01 alone lists, opens and acts on S01 participants, and gets
/// "not found" for S02 ones with nothing recorded; counts, the audit trail and the randomization
/// lists show S01 only; exports are refused without all sites; all-sites grants and legacy empty
/// lists behave as documented.
/// </summary>
public sealed class SiteAccessTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Api = $"/api/v1/trials/{TrialAppFixture.Code}";
    private const string Pages = $"/trials/{TrialAppFixture.Code}";

    public static TheoryData<string> EveryRole => new(Roles.All);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static Actor Admin => new(IdentityService.AdministratorUserName, Roles.Administrator);

    /// <summary>The account of <paramref name="role"/> with exactly <paramref name="sites"/>, created on first use.</summary>
    private async Task<string> UserAsync(string role, params string[] sites)
    {
        var tag = sites.Length == 0 ? "none" : sites.Contains("*") ? "all" : string.Join("-", sites).ToLowerInvariant();
        var name = $"{role.ToLowerInvariant()}.{tag}";
        if (await trial.Identity.Directory.FindAsync(name) is null)
        {
            var created = await trial.Identity.CreateUserAsync(CommandContext.New(Admin), new NewUser(name, $"{role} {tag}", role, sites, TrialAppFixture.Password));
            Assert.True(created.Accepted, created.Rejection?.Message);
        }

        return name;
    }

    private async Task<HttpClient> ApiAsAsync(string role, params string[] sites)
    {
        var name = await UserAsync(role, sites);
        var issued = await trial.Identity.IssueTokenAsync(CommandContext.New(Admin), name);
        Assert.True(issued.Result.Accepted, issued.Result.Rejection?.Message);
        var client = trial.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token!.Token);
        return client;
    }

    private async Task<HttpClient> PagesAsAsync(string role, params string[] sites)
    {
        var name = await UserAsync(role, sites);
        var client = trial.Client();
        var response = await Forms.PostAsync(client, "/login", "login", new() { ["Input.UserName"] = name, ["Input.Password"] = TrialAppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Every participant of the trial at <paramref name="site"/> (null: all), read without any site filter.</summary>
    private async Task<IReadOnlyList<ParticipantSummary>> ParticipantsAtAsync(string? site)
    {
        await trial.WaitForReadModelsAsync();
        return (await trial.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(TrialAppFixture.Code, site, PageSize: ParticipantListQuery.MaxPageSize))).Items;
    }

    private async Task<string> AnyAtAsync(string site) =>
        (await ParticipantsAtAsync(site)).FirstOrDefault()?.Subject ?? (await trial.RandomizedParticipantAsync(site)).ToString();

    private async Task<int> EventCountAsync(string subject) =>
        (await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialFixtureCode, SubjectNumber.Parse(subject)), null, default)).Count;

    private static Protocols.ProtocolCode TrialFixtureCode => TrialAppFixture.Demo.Code;

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task a_user_of_one_site_lists_and_counts_only_that_sites_participants(string role)
    {
        var atS01 = await ParticipantsAtAsync("S01");
        Assert.NotEmpty(await ParticipantsAtAsync("S02"));
        using var client = await ApiAsAsync(role, "S01");

        var page = await client.GetFromJsonAsync<JsonElement>($"{Api}/participants?pageSize=500");
        var sites = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("site").GetString()!).Distinct().ToArray();
        Assert.Equal(["S01"], sites);
        Assert.Equal(atS01.Count, page.GetProperty("total").GetInt32());

        var askedForS02 = await client.GetFromJsonAsync<JsonElement>($"{Api}/participants?site=S02");
        Assert.Equal(0, askedForS02.GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task a_participant_of_another_site_is_not_found_on_every_route_and_one_of_ones_own_site_is(string role)
    {
        var own = await AnyAtAsync("S01");
        var other = await AnyAtAsync("S02");
        using var client = await ApiAsAsync(role, "S01");

        foreach (var route in new[] { "", "/timeline", "/schedule", "/audit", "/adverse-events", "/sessions", "/assessments" })
        {
            var refused = await (await client.GetAsync($"{Api}/participants/{other}{route}")).ProblemAsync(404);
            Assert.Equal("participant.not-found", refused.GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Api}/participants/{own}{route}")).StatusCode);
        }

        // An unused number of the other site is answered the same way as a used one.
        var unused = await (await client.GetAsync($"{Api}/participants/S02-999")).ProblemAsync(404);
        Assert.Equal("participant.not-found", unused.GetProperty("code").GetString());
    }

    [Fact]
    public async Task data_entry_of_one_site_records_at_that_site_and_records_nothing_at_another()
    {
        var own = await trial.RandomizedParticipantAsync("S01");
        var other = await trial.RandomizedParticipantAsync("S02");
        using var nurse = await ApiAsAsync(Roles.DataEntry, "S01");
        var before = await EventCountAsync(other.ToString());
        var weight = Json($$"""{"measuredAt":"{{Time(DateTimeOffset.UtcNow.AddMinutes(-30))}}","weightKg":71}""");
        var serious = $$"""{"meddraCode":10020772,"onset":"{{DateTimeOffset.UtcNow.AddHours(-3):yyyy-MM-dd'T'HH:mm}}","grade":3,"seriousness":["Hospitalization"],"actionTaken":"NotApplicable","outcome":"RecoveringResolving","awareAt":"{{Time(DateTimeOffset.UtcNow.AddHours(-2))}}"}""";

        Assert.Equal("participant.not-found", (await (await nurse.PostAsync($"{Api}/participants/{other}/sessions/1/weight", weight)).ProblemAsync(404)).GetProperty("code").GetString());
        await (await nurse.PostAsync($"{Api}/participants/{other}/sessions/1/stop", Json($$"""{"stoppedAt":"{{Time(DateTimeOffset.UtcNow)}}","completed":true}"""))).ProblemAsync(404);
        await (await nurse.PostAsync($"{Api}/participants/{other}/adverse-events", Json(serious))).ProblemAsync(404);
        Assert.Equal(before, await EventCountAsync(other.ToString()));

        Assert.True((await nurse.PostAsync($"{Api}/participants/{own}/sessions/1/weight", Json($$"""{"measuredAt":"{{Time(DateTimeOffset.UtcNow.AddMinutes(-30))}}","weightKg":71}"""))).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Created, (await nurse.PostAsync($"{Api}/participants/{own}/adverse-events", Json(serious))).StatusCode);
    }

    [Fact]
    public async Task the_domain_refuses_a_command_on_another_sites_participant_as_not_found_whoever_sends_it()
    {
        var other = await trial.RandomizedParticipantAsync("S02");
        var nurse = SiteGrants.WithSites(new Actor(await UserAsync(Roles.DataEntry, "S01"), Roles.DataEntry), ["S01"]);
        var before = await EventCountAsync(other.ToString());

        var result = await trial.Commands.SendCommandAsync(CommandContext.New(nurse), new Dosing.RecordSessionWeight(TrialFixtureCode, other, 1, DateTimeOffset.UtcNow.AddMinutes(-5), 70m));

        Assert.Equal("participant.not-found", result.Rejection?.Code);
        Assert.Equal(before, await EventCountAsync(other.ToString()));
    }

    [Fact]
    public async Task a_coordinator_screens_at_their_site_and_is_refused_at_another_with_the_reason()
    {
        using var coordinator = await ApiAsAsync(Roles.Coordinator, "S01");
        var consent = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var refused = await (await coordinator.PostAsync($"{Api}/participants", Json($$"""{"site":"S02","consentDate":"{{consent}}","consentFormVersion":"2.1"}"""))).ProblemAsync(403);
        Assert.Equal(RejectionCodes.SiteNotGranted, refused.GetProperty("code").GetString());
        Assert.Contains("S02", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsync($"{Api}/participants", Json($$"""{"site":"S01","consentDate":"{{consent}}","consentFormVersion":"2.1"}"""))).StatusCode);
    }

    [Fact]
    public async Task the_screening_page_offers_only_the_coordinators_sites_and_their_next_numbers()
    {
        await AnyAtAsync("S02");
        using var coordinator = await PagesAsAsync(Roles.Coordinator, "S01");

        var page = await coordinator.GetStringAsync($"{Pages}/participants/new");

        Assert.Contains("<option value=\"S01\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"S02\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("S02-", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_coordinator_extends_only_their_sites_randomization_list_and_sees_only_its_counts()
    {
        using var coordinator = await ApiAsAsync(Roles.Coordinator, "S01");

        var refused = await (await coordinator.PostAsync($"{Api}/randomization/S02/extensions", Json("""{"additional":4,"reason":"More participants"}"""))).ProblemAsync(403);
        Assert.Equal(RejectionCodes.SiteNotGranted, refused.GetProperty("code").GetString());

        var lists = await coordinator.GetFromJsonAsync<JsonElement>($"{Api}/randomization");
        Assert.Equal(["S01"], lists.EnumerateArray().Select(s => s.GetProperty("stratum").GetString()!).ToArray());
    }

    [Fact]
    public async Task an_investigator_of_another_site_cannot_break_a_participants_blind()
    {
        var other = await trial.RandomizedParticipantAsync("S02");
        using var investigator = await ApiAsAsync(Roles.Investigator, "S01");

        var refused = await (await investigator.PostAsync(
            $"{Api}/participants/{other}/emergency-unblinding",
            Json($$"""{"reason":"Anaphylaxis","password":"{{TrialAppFixture.Password}}"}"""))).ProblemAsync(404);
        Assert.Equal("participant.not-found", refused.GetProperty("code").GetString());
        var status = await trial.ProtocolViews.GetTrialStatusAsync(TrialAppFixture.Code, Actor.System);
        Assert.DoesNotContain(status!.EmergencyUnblindings, b => b.ParticipantId == other.ToString());
    }

    [Fact]
    public async Task the_audit_trail_and_overdue_lists_show_only_ones_own_sites()
    {
        using var monitor = await ApiAsAsync(Roles.Monitor, "S01");
        using var everyone = await ApiAsAsync(Roles.Monitor, "*");

        var own = await monitor.GetFromJsonAsync<JsonElement>($"{Api}/audit?pageSize=200");
        var all = await everyone.GetFromJsonAsync<JsonElement>($"{Api}/audit?pageSize=200");
        var records = own.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("record").GetString()).Where(r => r is not null).ToArray();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.StartsWith("S01-", r, StringComparison.Ordinal));
        Assert.True(own.GetProperty("total").GetInt32() < all.GetProperty("total").GetInt32());
        Assert.Contains(all.GetProperty("entries").EnumerateArray(), e => e.GetProperty("record").GetString()?.StartsWith("S02-", StringComparison.Ordinal) == true);

        var overdue = await monitor.GetFromJsonAsync<JsonElement>($"{Api}/overdue");
        Assert.All(overdue.EnumerateArray(), i => Assert.StartsWith("S01-", i.GetProperty("subject").GetString(), StringComparison.Ordinal));
        var saes = await monitor.GetFromJsonAsync<JsonElement>($"{Api}/serious-adverse-events");
        Assert.All(saes.EnumerateArray(), i => Assert.StartsWith("S01-", i.GetProperty("subject").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task exports_are_refused_without_all_sites_and_open_with_them()
    {
        using var statistician = await ApiAsAsync(Roles.Statistician, "S01");
        using var withAll = await ApiAsAsync(Roles.Statistician, "*");

        var refused = await (await statistician.PostAsync($"{Api}/exports", Json("""{"blinded":true}"""))).ProblemAsync(403);
        Assert.Equal(RejectionCodes.SiteNotGranted, refused.GetProperty("code").GetString());
        Assert.Contains("every site", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await statistician.GetAsync($"{Api}/exports")).ProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await withAll.GetAsync($"{Api}/exports")).StatusCode);

        using var coordinatorPages = await PagesAsAsync(Roles.Coordinator, "S01");
        var page = await coordinatorPages.GetAsync($"{Pages}/exports");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Ask an administrator for all sites", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task legacy_accounts_without_sites_reach_none_as_site_staff_and_all_in_trial_wide_roles()
    {
        var everyone = await ParticipantsAtAsync(null);
        using var nurse = await ApiAsAsync(Roles.DataEntry);
        using var monitor = await ApiAsAsync(Roles.Monitor);

        Assert.Equal(0, (await nurse.GetFromJsonAsync<JsonElement>($"{Api}/participants")).GetProperty("total").GetInt32());
        await (await nurse.GetAsync($"{Api}/participants/{everyone[0].Subject}")).ProblemAsync(404);
        Assert.Equal(everyone.Count, (await monitor.GetFromJsonAsync<JsonElement>($"{Api}/participants")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task an_administrator_gives_a_coordinator_all_sites_but_not_a_data_entry_user()
    {
        var coordinator = await UserAsync(Roles.Coordinator, "S02");
        var nurse = await UserAsync(Roles.DataEntry, "S02");
        using var admin = await trial.ApiClientAsync(Roles.Administrator);
        using var coordinatorApi = await ApiAsAsync(Roles.Coordinator, "S02");
        var everyone = await ParticipantsAtAsync(null);

        var changed = await admin.PutAsync($"/api/v1/users/{coordinator}/access", Json("""{"role":"Coordinator","allSites":true}"""));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var user = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(user.GetProperty("allSites").GetBoolean());
        Assert.Equal(["*"], user.GetProperty("sites").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(everyone.Count, (await coordinatorApi.GetFromJsonAsync<JsonElement>($"{Api}/participants?pageSize=500")).GetProperty("total").GetInt32());

        var refused = await (await admin.PutAsync($"/api/v1/users/{nurse}/access", Json("""{"role":"DataEntry","allSites":true}"""))).ProblemAsync(400);
        Assert.Equal(IdentityRejections.InvalidSite, refused.GetProperty("code").GetString());

        var listed = await admin.PutAsync($"/api/v1/users/{coordinator}/access", Json("""{"role":"Coordinator","sites":["s01"]}"""));
        Assert.Equal(["S01"], (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sites").EnumerateArray().Select(s => s.GetString()!).ToArray());
        var afterwards = await coordinatorApi.GetFromJsonAsync<JsonElement>($"{Api}/participants?pageSize=500");
        Assert.Equal(["S01"], afterwards.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("site").GetString()!).Distinct().ToArray());
    }

    [Fact]
    public async Task the_pages_of_a_data_entry_user_of_one_site_show_only_that_site()
    {
        var other = await AnyAtAsync("S02");
        var own = await AnyAtAsync("S01");
        using var nurse = await PagesAsAsync(Roles.DataEntry, "S01");

        var list = await nurse.GetStringAsync($"{Pages}/participants?size=100");
        Assert.Contains(own, list, StringComparison.Ordinal);
        Assert.DoesNotContain("S02-", list, StringComparison.Ordinal);

        var dashboard = await nurse.GetStringAsync(Pages);
        Assert.Contains("Your sites", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain(">S02 ", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("S02-", dashboard, StringComparison.Ordinal);

        foreach (var path in new[] { "", "/periods/1", "/audit", "/casebook", "/adverse-events/new" })
        {
            var page = await nurse.GetAsync($"{Pages}/participants/{other}{path}");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.DoesNotContain("error occurred", html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("No such participant", await (await nurse.GetAsync($"{Pages}/participants/{other}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
