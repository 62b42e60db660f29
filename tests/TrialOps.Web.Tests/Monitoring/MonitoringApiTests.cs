using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Queries;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Monitoring;

/// <summary>
/// Queries and source data verification over HTTP and in the pages, on the demo trial: the
/// Monitor raises, the site answers (with the usual correction first), the Monitor closes;
/// roles, bad input, site restriction (ADR 0010), the audit trail and SDV's record versions.
/// </summary>
public sealed class MonitoringApiTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Api = $"/api/v1/trials/{TrialAppFixture.Code}";
    private const string Pages = $"/trials/{TrialAppFixture.Code}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> RaiseOnWeightAsync(HttpClient monitor, SubjectNumber subject, string text = "Weight 71.5 kg: the source says 75.1 kg?") =>
        await OkAsync(await monitor.PostAsync($"{Api}/participants/{subject}/queries", Json($$"""{"target":{"kind":"Weight","period":1},"text":"{{text}}"}""")), HttpStatusCode.Created);

    private Task<HttpClient> ApiAsAsync(string role, params string[] sites) => trial.ApiClientAtSitesAsync(role, "queries", sites);

    [Fact]
    public async Task the_monitor_raises_the_site_answers_with_a_correction_and_the_monitor_closes()
    {
        var subject = await trial.InWashoutAsync();
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);

        var raised = await RaiseOnWeightAsync(monitor, subject);
        var number = raised.GetProperty("number").GetInt32();
        Assert.Equal(("P1 weight", "Open"), (raised.GetProperty("item").GetString(), raised.GetProperty("status").GetString()));

        var worklist = await OkAsync(await nurse.GetAsync($"{Api}/queries"));
        Assert.Contains(worklist.EnumerateArray(), q => q.GetProperty("subject").GetString() == subject.ToString() && q.GetProperty("number").GetInt32() == number);

        // The usual correction, with its reason, then the answer: the answer names the correction.
        await OkAsync(await nurse.PostAsync($"{Api}/participants/{subject}/sessions/1/weight-corrections", Json($$"""{"measuredAt":"{{Time(DateTimeOffset.UtcNow.AddHours(-4))}}","weightKg":75.1,"reason":"Transcription error, see the source"}""")));
        var answered = await OkAsync(await nurse.PostAsync($"{Api}/participants/{subject}/queries/{number}/answer", Json("""{"answer":"Corrected to 75.1 kg as in the source"}""")));
        Assert.Equal("Answered", answered.GetProperty("status").GetString());
        var answer = answered.GetProperty("steps")[1];
        Assert.Equal(("answered", trial.UserOf(Roles.DataEntry)), (answer.GetProperty("step").GetString(), answer.GetProperty("by").GetString()));
        Assert.Equal(JsonValueKind.Number, answer.GetProperty("correctionVersion").ValueKind);

        var toReview = await OkAsync(await monitor.GetAsync($"{Api}/queries?status=Answered"));
        Assert.Contains(toReview.EnumerateArray(), q => q.GetProperty("subject").GetString() == subject.ToString());

        var closed = await OkAsync(await monitor.PostAsync($"{Api}/participants/{subject}/queries/{number}/close", Json("""{"comment":"Thank you"}""")));
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(["raised", "answered", "closed"], closed.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));

        var audit = await nurse.GetStringAsync($"{Api}/participants/{subject}/audit");
        Assert.Contains($"Query {number} raised on P1 weight", audit, StringComparison.Ordinal);
        Assert.Contains($"Query {number} closed: Thank you", audit, StringComparison.Ordinal);
        var reopened = await OkAsync(await monitor.PostAsync($"{Api}/participants/{subject}/queries/{number}/reopen", Json("""{"text":"Please file the source page"}""")));
        Assert.Equal("Open", reopened.GetProperty("status").GetString());
    }

    [Fact]
    public async Task only_the_monitor_raises_and_closes_only_site_staff_answer_and_bad_input_is_a_problem()
    {
        var subject = await trial.InWashoutAsync();
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        using var pharmacist = await trial.ApiClientAsync(Roles.Pharmacist);
        var url = $"{Api}/participants/{subject}/queries";

        await (await coordinator.PostAsync(url, Json("""{"target":{"kind":"Weight","period":1},"text":"Why?"}"""))).ProblemAsync(403);
        var number = (await RaiseOnWeightAsync(monitor, subject)).GetProperty("number").GetInt32();
        await (await monitor.PostAsync($"{url}/{number}/answer", Json("""{"answer":"I answer myself"}"""))).ProblemAsync(403);
        await (await pharmacist.PostAsync($"{url}/{number}/answer", Json("""{"answer":"Pharmacy says"}"""))).ProblemAsync(403);
        await (await coordinator.PostAsync($"{url}/{number}/close", Json("{}"))).ProblemAsync(403);
        await (await coordinator.PostAsync($"{url}/{number}/reopen", Json("""{"text":"x"}"""))).ProblemAsync(403);

        await (await monitor.PostAsync(url, Json("""{"target":{"kind":"Nope","period":1},"text":"Why?"}"""))).ProblemAsync(400);
        var empty = await (await monitor.PostAsync(url, Json("""{"target":{"kind":"Weight","period":1},"text":"  "}"""))).ProblemAsync(400);
        Assert.Equal("query.text-required", empty.GetProperty("code").GetString());
        var missing = await (await monitor.PostAsync(url, Json("""{"target":{"kind":"Assessment","period":2,"assessmentCode":"PAIN","timepoint":"PT20M"},"text":"Why?"}"""))).ProblemAsync(400);
        Assert.Equal("query.item-not-recorded", missing.GetProperty("code").GetString());
        await (await monitor.PostAsync(url, Json("""{"target":{"kind":"Weight","period":1},"text":"Why?","priority":"high"}"""))).ProblemAsync(400);
        await (await coordinator.PostAsync($"{url}/99/answer", Json("""{"answer":"x"}"""))).ProblemAsync(404);
        await (await monitor.GetAsync($"{url}/99")).ProblemAsync(404);
        await (await monitor.GetAsync($"{Api}/queries?status=Pending")).ProblemAsync(400);
        await (await monitor.PostAsync($"{url}/{number}/reopen", Json("""{"text":"Again"}"""))).ProblemAsync(409);
        await (await monitor.PostAsync($"{Api}/participants/{subject}/verification", Json("""{"items":[]}"""))).ProblemAsync(400);
        await (await coordinator.PostAsync($"{Api}/participants/{subject}/verification", Json("{}"))).ProblemAsync(403);
    }

    [Fact]
    public async Task another_sites_participant_is_not_found_for_queries_and_verification_and_nothing_is_recorded()
    {
        var other = await trial.InWashoutAsync();
        var otherS02 = await trial.RandomizedParticipantAsync("S02");
        using var allSitesMonitor = await trial.ApiClientAsync(Roles.Monitor);
        var number = (await RaiseOnWeightAsync(allSitesMonitor, other)).GetProperty("number").GetInt32();
        using var s02Monitor = await ApiAsAsync(Roles.Monitor, "S02");
        using var s02Nurse = await ApiAsAsync(Roles.DataEntry, "S02");
        var before = (await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, other), null, default)).Count;

        foreach (var path in new[] { "/queries", $"/queries/{number}", "/verification" })
        {
            var refused = await (await s02Monitor.GetAsync($"{Api}/participants/{other}{path}")).ProblemAsync(404);
            Assert.Equal("participant.not-found", refused.GetProperty("code").GetString());
        }

        Assert.Equal("participant.not-found", (await (await s02Nurse.PostAsync($"{Api}/participants/{other}/queries/{number}/answer", Json("""{"answer":"x"}"""))).ProblemAsync(404)).GetProperty("code").GetString());
        Assert.Equal("participant.not-found", (await (await s02Monitor.PostAsync($"{Api}/participants/{other}/queries", Json("""{"target":{"kind":"Consent"},"text":"x"}"""))).ProblemAsync(404)).GetProperty("code").GetString());
        Assert.Equal("participant.not-found", (await (await s02Monitor.PostAsync($"{Api}/participants/{other}/verification", Json("{}"))).ProblemAsync(404)).GetProperty("code").GetString());
        Assert.Equal(before, (await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, other), null, default)).Count);

        var worklist = await OkAsync(await s02Monitor.GetAsync($"{Api}/queries"));
        Assert.DoesNotContain(worklist.EnumerateArray(), q => q.GetProperty("subject").GetString()!.StartsWith("S01-", StringComparison.Ordinal));
        var summary = await OkAsync(await s02Monitor.GetAsync($"{Api}/monitoring"));
        Assert.Equal(["S02"], summary.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("site").GetString()));
        Assert.Contains(summary.GetProperty("participants").EnumerateArray(), p => p.GetProperty("site").GetString() == otherS02.ToString());

        using var s02Pages = trial.Client();
        var login = await Forms.PostAsync(s02Pages, "/login", "login", new() { ["Input.UserName"] = $"monitor.queries.s02", ["Input.Password"] = TrialAppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        foreach (var page in new[] { $"/queries/{number}", "/queries/new", "/verification" })
        {
            var response = await s02Pages.GetAsync($"{Pages}/participants/{other}{page}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("P1 weight", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task verification_keeps_the_version_verified_and_a_later_correction_shows_as_changed()
    {
        var subject = await trial.InWashoutAsync();
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);

        var period = await OkAsync(await monitor.PostAsync($"{Api}/participants/{subject}/verification", Json("""{"items":[{"kind":"Period","period":1}]}""")));
        var items = period.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("item").GetString()!);
        Assert.True(items["P1 weight"].GetProperty("verified").GetBoolean());
        Assert.False(items["Consent"].GetProperty("verified").GetBoolean());

        var all = await OkAsync(await monitor.PostAsync($"{Api}/participants/{subject}/verification", Json("{}")));
        Assert.Equal(all.GetProperty("values").GetInt32(), all.GetProperty("verified").GetInt32());
        await (await monitor.PostAsync($"{Api}/participants/{subject}/verification", Json("{}"))).ProblemAsync(409);

        await OkAsync(await nurse.PostAsync($"{Api}/participants/{subject}/sessions/1/weight-corrections", Json($$"""{"measuredAt":"{{Time(DateTimeOffset.UtcNow.AddHours(-4))}}","weightKg":74.0,"reason":"Scale was not zeroed"}""")));
        var after = await OkAsync(await nurse.GetAsync($"{Api}/participants/{subject}/verification"));
        var weight = after.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("item").GetString() == "P1 weight");
        Assert.True(weight.GetProperty("changedSinceVerification").GetBoolean());
        Assert.True(weight.GetProperty("version").GetInt32() > weight.GetProperty("verifiedVersion").GetInt32());
        Assert.Equal(1, after.GetProperty("changedSinceVerification").GetInt32());

        using var pages = await trial.SignedInAsync(Roles.Coordinator);
        var html = WebUtility.HtmlDecode(await pages.GetStringAsync($"{Pages}/participants/{subject}/verification"));
        Assert.Contains("changed since verification", html, StringComparison.Ordinal);
        var dashboard = await pages.GetStringAsync(Pages);
        Assert.Contains("Queries and source data verification", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task in_the_pages_the_monitor_raises_from_the_values_row_the_site_answers_and_the_monitor_closes()
    {
        var subject = await trial.InWashoutAsync();
        var participant = $"{Pages}/participants/{subject}";
        using var monitor = await trial.SignedInAsync(Roles.Monitor);
        using var investigator = await trial.SignedInAsync(Roles.Investigator);

        var page = WebUtility.HtmlDecode(await monitor.GetStringAsync(participant));
        var raiseLink = $"{participant}/queries/new?item=P1%20dosing%20start";
        Assert.Contains(raiseLink, page, StringComparison.Ordinal);
        Assert.DoesNotContain("/queries/new", WebUtility.HtmlDecode(await investigator.GetStringAsync(participant)), StringComparison.Ordinal);

        var raised = await Forms.PostAsync(monitor, raiseLink, "raise-query", new() { ["Input.Item"] = "P1 dosing start", ["Input.Text"] = "Start 10:00 on the chart, recorded 3 h ago?" });
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var queryUrl = raised.RedirectPath()!.Split('?')[0];
        Assert.Matches(@"/queries/\d+$", queryUrl);

        var withQuery = WebUtility.HtmlDecode(await investigator.GetStringAsync(participant));
        Assert.Contains("Start 10:00 on the chart", withQuery, StringComparison.Ordinal);
        Assert.Contains(queryUrl, withQuery, StringComparison.Ordinal);
        Assert.Contains(subject.ToString(), await investigator.GetStringAsync($"{Pages}/queries"), StringComparison.Ordinal);

        var refused = await Forms.PostAsync(investigator, queryUrl, "answer-query", new() { ["Answer.Text"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Write the answer", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var answered = await Forms.PostAsync(investigator, queryUrl, "answer-query", new() { ["Answer.Text"] = "The chart time is the planned time; the recorded start is right." });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Contains("Answered with an explanation", WebUtility.HtmlDecode(await monitor.GetStringAsync(queryUrl)), StringComparison.Ordinal);

        var closed = await Forms.PostAsync(monitor, queryUrl, "close-query", new() { ["Close.Text"] = "Accepted" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var state = await trial.App.Services.GetRequiredService<MonitoringViews>().ForParticipantAsync(TrialAppFixture.Code, subject.ToString(), trial.ActorOf(Roles.Monitor));
        // The missed time points of the dosed period raised automatic queries of their own (ADR 0025).
        Assert.Equal(QueryStatus.Closed, Assert.Single(state!.Queries.Values, q => !q.Automatic).Status);
    }

    private static bool On(JsonElement query, SubjectNumber subject, int number) =>
        query.GetProperty("subject").GetString() == subject.ToString() && query.GetProperty("number").GetInt32() == number;

    [Fact]
    public async Task a_missed_time_point_query_closes_itself_when_the_site_records_the_value_late_and_leaves_the_worklist()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var start = new DateTimeOffset(DateTime.UtcNow.AddHours(-3).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-30));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)), new Dosing.StartDosing(TrialAppFixture.Demo.Code, subject, 1, start)));
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);

        // Dosing started three hours ago: the scheduled deadline check marks the missed time points and queries each.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement? missed;
        while ((missed = (await OkAsync(await monitor.GetAsync($"{Api}/participants/{subject}/queries"))).EnumerateArray()
            .Where(q => q.GetProperty("item").GetString() == "P1 VITALS PT10M").Select(q => (JsonElement?)q).FirstOrDefault()) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The missed time point was not queried within 30 s.");
            await Task.Delay(50);
        }

        var number = missed.Value.GetProperty("number").GetInt32();
        Assert.Equal(("Open", "system"), (missed.Value.GetProperty("status").GetString(), missed.Value.GetProperty("steps")[0].GetProperty("by").GetString()));
        Assert.Contains((await OkAsync(await monitor.GetAsync($"{Api}/queries"))).EnumerateArray(), q => On(q, subject, number));

        // The site records the value late, through the API as any recording.
        await OkAsync(await nurse.PostAsync($"{Api}/participants/{subject}/assessments", Json($$$"""{"period":1,"assessmentCode":"VITALS","timepoint":"PT10M","assessedAt":"{{{Time(start.AddMinutes(11))}}}","vitalSigns":{"systolicMmHg":132,"diastolicMmHg":81,"heartRatePerMin":77,"spo2Percent":97}}""")), HttpStatusCode.Created);

        var closed = await OkAsync(await monitor.GetAsync($"{Api}/participants/{subject}/queries/{number}"));
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        var step = closed.GetProperty("steps")[closed.GetProperty("steps").GetArrayLength() - 1];
        Assert.Equal(("closed", "system"), (step.GetProperty("step").GetString(), step.GetProperty("by").GetString()));
        var comment = step.GetProperty("text").GetString()!;
        Assert.StartsWith($"Closed automatically: VITALS at PT10M of period 1 was recorded late on ", comment, StringComparison.Ordinal);
        Assert.Contains($"by {trial.UserOf(Roles.DataEntry)} (clinical time ", comment, StringComparison.Ordinal);

        // Gone from the open-query worklists (the monitor's and the site's); the other missed time points are still asked.
        var open = await OkAsync(await monitor.GetAsync($"{Api}/queries"));
        Assert.DoesNotContain(open.EnumerateArray(), q => On(q, subject, number));
        Assert.Contains(open.EnumerateArray(), q => q.GetProperty("subject").GetString() == subject.ToString());
        Assert.DoesNotContain((await OkAsync(await nurse.GetAsync($"{Api}/queries"))).EnumerateArray(), q => On(q, subject, number));
        Assert.Contains((await OkAsync(await monitor.GetAsync($"{Api}/queries?status=Closed"))).EnumerateArray(), q => On(q, subject, number));

        // The pages show who closed it, when and why; the Monitor may still re-open it.
        using var pages = await trial.SignedInAsync(Roles.Monitor);
        var participantPage = System.Net.WebUtility.HtmlDecode(await pages.GetStringAsync($"{Pages}/participants/{subject}"));
        Assert.Contains($"Closed by system", participantPage, StringComparison.Ordinal);
        Assert.Contains(comment, participantPage, StringComparison.Ordinal);
        var queryPage = System.Net.WebUtility.HtmlDecode(await pages.GetStringAsync($"{Pages}/participants/{subject}/queries/{number}"));
        Assert.Contains(comment, queryPage, StringComparison.Ordinal);
        Assert.Contains("Re-open the query", queryPage, StringComparison.Ordinal);
    }
}
