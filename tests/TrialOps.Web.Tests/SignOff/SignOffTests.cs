using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Assessments;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Queries;
using TrialOps.SignOff;
using TrialOps.Signatures;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.SignOff;

/// <summary>
/// The Investigator's sign-off (ADR 0025) over HTTP and in the pages, on the demo trial: the
/// worklist, signing with the password, roles, site restriction, bad input, the pre-lock checklist;
/// and automatic queries from the vital-sign limits, visible to the Monitor and closable.
/// </summary>
public sealed class SignOffTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Api = $"/api/v1/trials/{TrialAppFixture.Code}";
    private const string Pages = $"/trials/{TrialAppFixture.Code}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static StringContent Password(string password = TrialAppFixture.Password) => Json($$"""{"password":"{{password}}"}""");

    private async Task<JsonElement> WorklistAsync(HttpClient client)
    {
        var response = await client.GetAsync($"{Api}/sign-off");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static bool Lists(JsonElement worklist, SubjectNumber subject, string kind) =>
        worklist.EnumerateArray().Any(i => i.GetProperty("subject").GetString() == subject.ToString() && i.GetProperty("kind").GetString() == kind);

    private Task<HttpClient> ApiAsAsync(string role, params string[] sites) => trial.ApiClientAtSitesAsync(role, "signoff", sites);

    [Fact]
    public async Task the_investigator_signs_eligibility_and_it_leaves_the_worklist_and_shows_on_the_participant()
    {
        var subject = await trial.EligibleParticipantAsync();
        using var investigator = await trial.ApiClientAsync(Roles.Investigator);
        Assert.True(Lists(await WorklistAsync(investigator), subject, "Eligibility"));

        var wrong = await investigator.PostAsync($"{Api}/participants/{subject}/sign-off/eligibility", Password("not-my-password"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains(SignatureRejections.WrongPassword, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signed = await investigator.PostAsync($"{Api}/participants/{subject}/sign-off/eligibility", Password());
        Assert.Equal(HttpStatusCode.NoContent, signed.StatusCode);
        Assert.False(Lists(await WorklistAsync(investigator), subject, "Eligibility"));

        var again = await investigator.PostAsync($"{Api}/participants/{subject}/sign-off/eligibility", Password());
        Assert.Contains("sign-off.already-signed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var browser = await trial.SignedInAsync(Roles.Coordinator);
        var page = await browser.GetStringAsync($"{Pages}/participants/{subject}");
        Assert.Contains("Eligibility sign-off", page, StringComparison.Ordinal);
        Assert.Contains("meaning <em>approved</em>", page, StringComparison.Ordinal);
        Assert.Contains("— current", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task only_an_investigator_signs_and_only_the_reviewing_roles_open_the_worklist()
    {
        var subject = await trial.EligibleParticipantAsync();
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);

        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync($"{Api}/participants/{subject}/sign-off/eligibility", Password())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync($"{Api}/sign-off")).StatusCode);
        Assert.True(Lists(await WorklistAsync(monitor), subject, "Eligibility"));

        using var nursePages = await trial.SignedInAsync(Roles.DataEntry);
        var page = await nursePages.GetAsync($"{Pages}/sign-off");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        using var coordinatorPages = await trial.SignedInAsync(Roles.Coordinator);
        Assert.NotEqual(HttpStatusCode.OK, (await coordinatorPages.GetAsync($"{Pages}/participants/{subject}/sign/eligibility")).StatusCode);
    }

    [Fact]
    public async Task an_investigator_of_another_site_neither_sees_nor_signs_the_participant()
    {
        var subject = await trial.EligibleParticipantAsync("S01");
        using var elsewhere = await ApiAsAsync(Roles.Investigator, "S02");

        Assert.False(Lists(await WorklistAsync(elsewhere), subject, "Eligibility"));
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostAsync($"{Api}/participants/{subject}/sign-off/eligibility", Password())).StatusCode);
        Assert.DoesNotContain((await WorklistAsync(elsewhere)).EnumerateArray(), i => i.GetProperty("site").GetString() == "S01");
    }

    [Fact]
    public async Task bad_input_is_answered_without_a_server_error()
    {
        using var investigator = await trial.ApiClientAsync(Roles.Investigator);
        var subject = await trial.EligibleParticipantAsync();

        foreach (var (url, body) in new[]
        {
            ($"{Api}/participants/not-a-subject/sign-off/eligibility", Password()),
            ($"{Api}/participants/S01-999/sign-off/casebook", Password()),
            ($"/api/v1/trials/NO-SUCH-TRIAL/participants/{subject}/sign-off/eligibility", Password()),
            ($"{Api}/adverse-events/%3Cscript%3E/sign-off", Password()),
            ($"{Api}/adverse-events/ae00000000ff/sign-off", Password()),
            ($"{Api}/participants/{subject}/sign-off/eligibility", Json("""{"password":42}""")),
            ($"{Api}/participants/{subject}/sign-off/eligibility", Json("not json")),
            ($"{Api}/participants/{subject}/sign-off/casebook", Password()),
        })
        {
            var response = await investigator.PostAsync(url, body);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{url}: {(int)response.StatusCode}");
        }

        Assert.Contains("sign-off.casebook-incomplete", await (await investigator.PostAsync($"{Api}/participants/{subject}/sign-off/casebook", Password())).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var pages = await trial.SignedInAsync(Roles.Investigator);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync($"{Pages}/participants/{subject}/sign/everything")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync($"{Pages}/adverse-events/nothing-here/sign")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync("/trials/NO-SUCH/sign-off")).StatusCode);
    }

    [Fact]
    public async Task unsigned_items_are_a_category_of_the_pre_lock_checklist_that_signing_empties_one_by_one()
    {
        var review = new PreLockReview(trial.Runtime);
        var subject = await trial.EligibleParticipantAsync();
        var before = (await review.ComputeAsync(TrialAppFixture.Demo.Code)).CountOf(PreLockCategories.UnsignedItems);
        Assert.True(before > 0);

        using var investigator = await trial.ApiClientAsync(Roles.Investigator);
        Assert.Equal(HttpStatusCode.NoContent, (await investigator.PostAsync($"{Api}/participants/{subject}/sign-off/eligibility", Password())).StatusCode);

        Assert.Equal(before - 1, (await review.ComputeAsync(TrialAppFixture.Demo.Code)).CountOf(PreLockCategories.UnsignedItems));

        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        // Every other category confirmed: the lock still waits for a reason for the unsigned items.
        Assert.True(before - 1 > 0);
        var others = PreLockCategories.All.Where(c => c != PreLockCategories.UnsignedItems).ToDictionary(c => c, _ => "Reviewed with the sponsor");
        var careless = await coordinator.PostAsync($"{Api}/lock", JsonContent.Create(new { password = TrialAppFixture.Password, confirmations = others }));
        var answer = await careless.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, careless.StatusCode);
        Assert.Contains("confirm.unsigned-items", answer, StringComparison.Ordinal);
        Assert.Contains("Unsigned items", answer, StringComparison.Ordinal);
    }

    /// <summary>The vital-limits finding's query (the dosing started half an hour ago, so missed time points raise queries of their own).</summary>
    private static bool VitalLimits(QueryThread query) => query.Finding?.StartsWith(AutomaticQueries.VitalLimits, StringComparison.Ordinal) == true;

    [Fact]
    public async Task vital_signs_beyond_the_limits_raise_one_automatic_query_the_monitor_sees_and_closes()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var start = new DateTimeOffset(DateTime.UtcNow.AddMinutes(-30).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-30));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)), new Dosing.StartDosing(TrialAppFixture.Demo.Code, subject, 1, start)));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)),
            new RecordVitalSigns(TrialAppFixture.Demo.Code, subject, 1, "VITALS", "PT10M", start.AddMinutes(10), new VitalSigns(195, 90, 80, 97))));

        var monitoring = new MonitoringViews(trial.Runtime);
        var everyone = new Actor("test", Roles.Monitor);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        QueryThread? automatic;
        while ((automatic = (await monitoring.ForParticipantAsync(TrialAppFixture.Code, subject.ToString(), everyone))?.Queries.Values.SingleOrDefault(VitalLimits)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The automatic query was not raised within 30 s.");
            await Task.Delay(50);
        }

        Assert.Equal(("P1 VITALS PT10M", "system"), (automatic.Target.Key, automatic.Raised.By));
        Assert.Contains("systolic 195 mmHg above 180", automatic.Raised.Text, StringComparison.Ordinal);

        // The same finding again (a redelivered message, say) raises nothing new.
        var target = new DataItem(DataItemKind.Assessment, 1, "VITALS", "PT10M");
        var (finding, text) = AutomaticQueries.ForVitalLimits(target, ["systolic 195 mmHg above 180"]);
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(Actor.System), new RaiseAutomaticQuery(TrialAppFixture.Demo.Code, subject, target, finding, text)));
        Assert.Single((await monitoring.ForParticipantAsync(TrialAppFixture.Code, subject.ToString(), everyone))!.Queries.Values, VitalLimits);

        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        var worklist = JsonDocument.Parse(await monitor.GetStringAsync($"{Api}/queries")).RootElement;
        Assert.Contains(worklist.EnumerateArray(), q => q.GetProperty("subject").GetString() == subject.ToString() && q.GetProperty("number").GetInt32() == automatic.Number);
        var closed = await monitor.PostAsync($"{Api}/participants/{subject}/queries/{automatic.Number}/close", Json("""{"comment":"Confirmed on the monitor print-out"}"""));
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        using var pages = await trial.SignedInAsync(Roles.Monitor);
        Assert.Contains("Raised automatically by a rule check", await pages.GetStringAsync($"{Pages}/participants/{subject}/queries/{automatic.Number}"), StringComparison.Ordinal);
    }
}
