using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Seed;

namespace TrialOps.Web.Tests.Trials;

/// <summary>The trials endpoint family over the demo trial: reads for every role, refusals as problem details.</summary>
public sealed class TrialsApiTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Code = TrialAppFixture.Code;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task a_monitor_lists_and_reads_the_trial_without_treatments()
    {
        using var client = await trial.ApiClientAsync(Roles.Monitor);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/trials");
        var one = await client.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{Code}");

        Assert.Contains(list.EnumerateArray(), t => t.GetProperty("code").GetString() == Code);
        var protocol = one.GetProperty("protocol");
        Assert.Equal(JsonValueKind.Null, protocol.GetProperty("treatments").ValueKind);
        Assert.Equal(JsonValueKind.Null, protocol.GetProperty("sequences").ValueKind);
        Assert.Equal(2, protocol.GetProperty("summary").GetProperty("periodCount").GetInt32());
        Assert.Single(one.GetProperty("status").GetProperty("emergencyUnblindings").EnumerateArray());
    }

    [Fact]
    public async Task the_pharmacist_reads_the_treatments_of_the_protocol()
    {
        using var client = await trial.ApiClientAsync(Roles.Pharmacist);

        var one = await client.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{Code}");

        var codes = one.GetProperty("protocol").GetProperty("treatments").EnumerateArray().Select(t => t.GetProperty("code").GetString()).ToArray();
        Assert.Equal(TrialAppFixture.Demo.Treatments.Select(t => t.Code), codes);
    }

    [Fact]
    public async Task requests_without_credentials_get_401()
    {
        using var anonymous = trial.Client();

        foreach (var path in new[] { "/api/v1/trials", $"/api/v1/trials/{Code}", $"/api/v1/trials/{Code}/audit", "/api/v1/ctcae/terms?q=nausea" })
        {
            await (await anonymous.GetAsync(path)).ProblemAsync(401);
        }

        await (await anonymous.PostAsync($"/api/v1/trials/{Code}/lock", Json("""{"password":"x"}"""))).ProblemAsync(401);
    }

    [Fact]
    public async Task an_unknown_trial_is_a_404_problem()
    {
        using var client = await trial.ApiClientAsync(Roles.Coordinator);

        var problem = await (await client.GetAsync("/api/v1/trials/NO-SUCH-01")).ProblemAsync(404);

        Assert.Equal("protocol.not-found", problem.GetProperty("code").GetString());
        await (await client.GetAsync("/api/v1/trials/NO-SUCH-01/audit")).ProblemAsync(404);
    }

    [Fact]
    public async Task malformed_json_and_unknown_fields_are_400_problems()
    {
        using var client = await trial.ApiClientAsync(Roles.Coordinator);

        var malformed = await client.PostAsync($"/api/v1/trials/{Code}/lock", Json("""{"password": """));
        var unknown = await client.PostAsync($"/api/v1/trials/{Code}/lock", Json("""{"password":"x","force":true}"""));
        var missing = await client.PostAsync($"/api/v1/trials/{Code}/unlock", Json("""{"password":"x"}"""));

        Assert.Contains("not valid JSON", (await malformed.ProblemAsync(400)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("force", (await unknown.ProblemAsync(400)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await missing.ProblemAsync(400);
    }

    [Fact]
    public async Task out_of_range_values_are_400_problems_naming_the_field()
    {
        using var client = await trial.ApiClientAsync(Roles.Coordinator);

        var pageSize = await (await client.GetAsync($"/api/v1/trials/{Code}/audit?pageSize=5000")).ProblemAsync(400);
        var extension = await (await client.PostAsync($"/api/v1/trials/{Code}/randomization/S01/extensions", Json("""{"additional":0,"reason":"more"}"""))).ProblemAsync(400);
        var notANumber = await client.GetAsync($"/api/v1/trials/{Code}/audit?page=first");

        Assert.True(pageSize.GetProperty("errors").TryGetProperty("pageSize", out _));
        Assert.True(extension.GetProperty("errors").TryGetProperty("additional", out _));
        await notANumber.ProblemAsync(400);
    }

    [Fact]
    public async Task a_wrong_signature_is_a_400_problem_and_locks_nothing()
    {
        using var client = await trial.ApiClientAsync(Roles.Coordinator);

        var user = trial.ActorOf(Roles.Coordinator).UserId;
        var failuresBefore = (await trial.Runtime.Store.ReadStreamAsync($"user-{user}", null)).Count(e => e.Data is TrialOps.Identity.SignatureFailed);

        var problem = await (await client.PostAsync($"/api/v1/trials/{Code}/lock", Json("""{"password":"not-my-password"}"""))).ProblemAsync(400);

        Assert.Equal("signature.password-wrong", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        var status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{Code}/status");
        Assert.False(status.GetProperty("locked").GetBoolean());
        // The wrong password counts towards the account's lock-out like a wrong password at sign-in (ADR 0009, 0023).
        var failuresAfter = (await trial.Runtime.Store.ReadStreamAsync($"user-{user}", null)).Count(e => e.Data is TrialOps.Identity.SignatureFailed);
        Assert.Equal(failuresBefore + 1, failuresAfter);
    }

    [Fact]
    public async Task the_pre_lock_checklist_lists_what_is_open_and_a_careless_lock_is_refused()
    {
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);

        var checklist = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{Code}/pre-lock-checklist");
        await (await monitor.GetAsync($"/api/v1/trials/{Code}/pre-lock-checklist")).ProblemAsync(403);
        await (await coordinator.GetAsync("/api/v1/trials/NO-SUCH-01/pre-lock-checklist")).ProblemAsync(404);

        var counts = checklist.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("category").GetString()!, i => i.GetProperty("count").GetInt32());
        Assert.Equal(TrialOps.Blinding.PreLockCategories.All, counts.Keys);
        Assert.True(counts[TrialOps.Blinding.PreLockCategories.UnverifiedData] > 0, "the demo trial has values nobody verified");

        var careless = await (await coordinator.PostAsync($"/api/v1/trials/{Code}/lock", Json($$"""{"password":"{{TrialAppFixture.Password}}"}"""))).ProblemAsync(400);
        Assert.Equal("trial.checklist-not-confirmed", careless.GetProperty("code").GetString());
        Assert.Contains("Values not source-verified", careless.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var stale = new Dictionary<string, int>(counts) { [TrialOps.Blinding.PreLockCategories.UnverifiedData] = counts[TrialOps.Blinding.PreLockCategories.UnverifiedData] + 1 };
        var reasons = TrialOps.Blinding.PreLockCategories.All.ToDictionary(c => c, _ => "reviewed");
        var changed = await (await coordinator.PostAsJsonAsync($"/api/v1/trials/{Code}/lock", new { password = TrialAppFixture.Password, confirmations = reasons, shown = stale })).ProblemAsync(409);
        Assert.Equal("trial.checklist-changed", changed.GetProperty("code").GetString());

        var status = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{Code}/status");
        Assert.False(status.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task a_coordinator_who_reaches_only_some_sites_is_neither_shown_the_trial_wide_checklist_nor_able_to_lock()
    {
        using var api = await trial.ApiClientAtSitesAsync(Roles.Coordinator, "onesite", "S01");
        var userName = "coordinator.onesite.s01";

        await (await api.GetAsync($"/api/v1/trials/{Code}/pre-lock-checklist")).ProblemAsync(403);
        var reasons = TrialOps.Blinding.PreLockCategories.All.ToDictionary(c => c, _ => "reviewed");
        var refused = await (await api.PostAsJsonAsync($"/api/v1/trials/{Code}/lock", new { password = TrialAppFixture.Password, confirmations = reasons })).ProblemAsync(403);
        Assert.Equal("site-not-granted", refused.GetProperty("code").GetString());
        Assert.Contains("S02", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var browser = trial.Client();
        var login = await Forms.PostAsync(browser, "/login", "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = TrialAppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var page = await browser.GetStringAsync($"/trials/{Code}/status");
        Assert.Contains("id=\"lock-needs-every-site\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("pre-lock-checklist", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Lock the database", page, StringComparison.Ordinal);

        var status = await api.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{Code}/status");
        Assert.False(status.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task the_lock_form_shows_the_checklist_refuses_a_careless_or_stale_lock_and_keeps_the_reasons()
    {
        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);
        var page = $"/trials/{Code}/status";

        var form = await coordinator.GetStringAsync(page);
        Assert.Contains("<fieldset class=\"pre-lock-checklist\" id=\"pre-lock-checklist\">", form, StringComparison.Ordinal);
        var shownUnverified = int.Parse(Forms.InputValue(form, "Lock.Shown[unverified-data]")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(shownUnverified > 0);
        Assert.Contains("name=\"Lock.Reasons[unverified-data]\"", form, StringComparison.Ordinal);

        var careless = await (await Forms.PostAsync(coordinator, page, "lock", new() { ["Lock.Password"] = TrialAppFixture.Password })).Content.ReadAsStringAsync();
        // The error sits on the first open category: open queries now that missed time points raise automatic ones (ADR 0025).
        Assert.Matches("id=\"confirm\\.(open-queries|unverified-data)-error\">Before locking, confirm each open item", careless);

        var reasons = TrialOps.Blinding.PreLockCategories.All.ToDictionary(c => $"Lock.Reasons[{c}]", c => $"Reviewed: {c}");
        reasons["Lock.Password"] = TrialAppFixture.Password;
        reasons["Lock.Shown[unverified-data]"] = (shownUnverified + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stale = await Forms.PostAsync(coordinator, page, "lock", reasons);
        var staleHtml = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("The pre-lock checklist changed since it was shown", System.Net.WebUtility.HtmlDecode(staleHtml), StringComparison.Ordinal);
        Assert.Contains(">Reviewed: unverified-data</textarea>", staleHtml, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-on\">Open</span>", await coordinator.GetStringAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task signing_as_someone_else_is_not_possible_the_signer_is_the_caller()
    {
        using var investigator = await trial.ApiClientAsync(Roles.Investigator);

        // The investigator's own session with the coordinator's password: the signature is checked
        // against the caller's account, so it is a wrong password, not a signature of the coordinator.
        var problem = await (await investigator.PostAsync($"/api/v1/trials/{Code}/unlock", Json("""{"password":"not-the-investigators","reason":"late query"}"""))).ProblemAsync(400);

        Assert.Equal("signature.password-wrong", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task roles_that_may_not_get_403_problems()
    {
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        using var dataEntry = await trial.ApiClientAsync(Roles.DataEntry);
        using var statistician = await trial.ApiClientAsync(Roles.Statistician);

        await (await monitor.PostAsync($"/api/v1/trials/{Code}/lock", Json($$"""{"password":"{{TrialAppFixture.Password}}"}"""))).ProblemAsync(403);
        await (await dataEntry.PostAsync($"/api/v1/trials/{Code}/randomization/S01/extensions", Json("""{"additional":4,"reason":"more"}"""))).ProblemAsync(403);
        await (await statistician.GetAsync($"/api/v1/trials/{Code}/pharmacy")).ProblemAsync(403);
        await (await dataEntry.PostAsync("/api/v1/trials", new ByteArrayContent(DemoTrial.KetNp01()) { Headers = { ContentType = new("application/json") } })).ProblemAsync(403);
    }

    [Fact]
    public async Task unblinding_an_unlocked_trial_is_a_409_problem()
    {
        using var statistician = await trial.ApiClientAsync(Roles.Statistician);

        var problem = await (await statistician.PostAsync($"/api/v1/trials/{Code}/unblinding", Json($$"""{"password":"{{TrialAppFixture.Password}}"}"""))).ProblemAsync(409);

        Assert.Equal("blinding.trial-not-locked", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task an_invalid_protocol_file_is_a_400_problem_listing_its_problems()
    {
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);

        var problem = await (await coordinator.PostAsync("/api/v1/trials", Json("""{"format":"trialops.protocol/1","code":"X"}"""))).ProblemAsync(400);

        Assert.NotEmpty(problem.GetProperty("errors").GetProperty("protocol").EnumerateArray());
    }

    [Fact]
    public async Task the_same_protocol_file_again_is_accepted_without_change()
    {
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);

        var response = await coordinator.PostAsync("/api/v1/trials", new ByteArrayContent(DemoTrial.KetNp01()) { Headers = { ContentType = new("application/json") } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("AlreadyImported", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task the_importer_can_screen_a_participant_at_once_after_the_import_answers()
    {
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        var file = System.Text.Encoding.UTF8.GetString(TrialOps.Web.Tests.Sites.SiteTimeFixture.ZonedFile()).Replace("\"KET-NP-02\"", "\"KET-NP-RW\"", StringComparison.Ordinal);

        var imported = await coordinator.PostAsync("/api/v1/trials", Json(file));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);

        // No waiting here: the import answers once the trial's read model has it.
        var screened = await coordinator.PostAsync("/api/v1/trials/KET-NP-RW/participants", JsonContent.Create(new { site = "S02", consentDate = "2026-04-01", consentFormVersion = "2.1" }));
        Assert.Equal(HttpStatusCode.Created, screened.StatusCode);
    }

    [Fact]
    public async Task the_dashboard_data_and_the_ctcae_search_answer_every_role()
    {
        using var client = await trial.ApiClientAsync(Roles.DataEntry);

        var overdue = await client.GetAsync($"/api/v1/trials/{Code}/overdue");
        var saes = await client.GetAsync($"/api/v1/trials/{Code}/serious-adverse-events");
        var terms = await client.GetFromJsonAsync<JsonElement>("/api/v1/ctcae/terms?q=10013573");

        Assert.Equal(HttpStatusCode.OK, overdue.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saes.StatusCode);
        Assert.Equal("Dizziness", Assert.Single(terms.EnumerateArray()).GetProperty("term").GetString());
        await (await client.GetAsync("/api/v1/ctcae/terms")).ProblemAsync(400);
    }

    [Fact]
    public async Task the_trial_endpoints_appear_in_the_openapi_document()
    {
        using var client = await trial.ApiClientAsync(Roles.Monitor);

        var paths = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/api/v1/trials", "/api/v1/trials/{code}", "/api/v1/trials/{code}/lock", "/api/v1/trials/{code}/participants", "/api/v1/trials/{code}/participants/{subject}",
                     "/api/v1/trials/{code}/participants/{subject}/sessions", "/api/v1/trials/{code}/participants/{subject}/assessments", "/api/v1/trials/{code}/participants/{subject}/adverse-events" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        }
    }
}
