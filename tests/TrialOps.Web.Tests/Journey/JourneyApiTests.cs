using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>
/// The participant, session, assessment and adverse-event endpoints over the demo trial: the
/// journey through the API, and for each family the refusals as problem details (400 malformed,
/// unknown field, out of range; 401; 403; 404; 409 wrong state).
/// </summary>
public sealed class JourneyApiTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/api/v1/trials/{TrialAppFixture.Code}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task a_participant_is_screened_confirmed_and_randomized_through_the_api()
    {
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        using var investigator = await trial.ApiClientAsync(Roles.Investigator);

        var screened = await coordinator.PostAsync($"{Trial}/participants", Json($$"""{"site":"S02","consentDate":"{{DateTime.UtcNow:yyyy-MM-dd}}","consentFormVersion":"2.1 (2026-01-15)"}"""));
        Assert.Equal(HttpStatusCode.Created, screened.StatusCode);
        var subject = (await screened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subject").GetString()!;
        Assert.Equal($"{Trial}/participants/{subject}", screened.Headers.Location?.OriginalString);

        var answers = string.Join(",", new[] { "IN01", "IN02", "IN03" }.Select(c => $$"""{"code":"{{c}}","met":true}""").Concat(new[] { "EX01", "EX02", "EX03", "EX04" }.Select(c => $$"""{"code":"{{c}}","met":false}""")));
        var eligible = await investigator.PostAsync($"{Trial}/participants/{subject}/eligibility", Json($$"""{"answers":[{{answers}}]}"""));
        Assert.Equal("Eligible", (await eligible.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var randomized = await RandomizeAsync(coordinator, subject);
        Assert.Equal(HttpStatusCode.OK, randomized.StatusCode);
        var participant = await randomized.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Randomized", participant.GetProperty("status").GetString());
        Assert.Equal(2, participant.GetProperty("sessions").GetArrayLength());
        Assert.Matches("^[0-9]{6}$", participant.GetProperty("sessions")[0].GetProperty("kit").GetString()!);

        var again = await coordinator.PostAsync($"{Trial}/participants/{subject}/randomization", null);
        Assert.Equal("participant.not-eligible", (await again.ProblemAsync(409)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task participant_requests_are_refused_with_the_right_status()
    {
        using var anonymous = trial.Client();
        using var dataEntry = await trial.ApiClientAsync(Roles.DataEntry);
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);

        await (await anonymous.GetAsync($"{Trial}/participants")).ProblemAsync(401);
        await (await dataEntry.PostAsync($"{Trial}/participants", Json("""{"site":"S01","consentDate":"2026-01-20","consentFormVersion":"2.1"}"""))).ProblemAsync(403);
        await (await coordinator.PostAsync($"{Trial}/participants", Json("""{"site":"S01","consentDate":"2026-01-20","consentFormVersion":"""))).ProblemAsync(400);
        var unknown = await (await coordinator.PostAsync($"{Trial}/participants", Json("""{"site":"S01","consentDate":"2026-01-20","consentFormVersion":"2.1","arm":"A"}"""))).ProblemAsync(400);
        Assert.Contains("arm", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var future = await (await coordinator.PostAsync($"{Trial}/participants", Json("""{"site":"S01","consentDate":"2099-01-20","consentFormVersion":"2.1"}"""))).ProblemAsync(400);
        Assert.True(future.GetProperty("errors").TryGetProperty("consentDate", out _));
        var site = await (await coordinator.PostAsync($"{Trial}/participants", Json("""{"site":"S99","consentDate":"2026-01-20","consentFormVersion":"2.1"}"""))).ProblemAsync(400);
        Assert.True(site.GetProperty("errors").TryGetProperty("site", out _));
        await (await coordinator.GetAsync($"{Trial}/participants?pageSize=501")).ProblemAsync(400);
        await (await coordinator.GetAsync($"{Trial}/participants?status=Dosed")).ProblemAsync(400);
        await (await coordinator.GetAsync($"{Trial}/participants/S01-999")).ProblemAsync(404);
        await (await coordinator.PostAsync($"{Trial}/participants/S01-999/randomization", null)).ProblemAsync(404);
        var badKey = new HttpRequestMessage(HttpMethod.Post, $"{Trial}/participants/S01-001/randomization");
        badKey.Headers.Add("Idempotency-Key", "not-a-guid");
        await (await coordinator.SendAsync(badKey)).ProblemAsync(400);
    }

    [Fact]
    public async Task the_participant_list_filters_sorts_and_pages_on_the_server()
    {
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);

        var page = await monitor.GetFromJsonAsync<JsonElement>($"{Trial}/participants?site=S02&status=Completed&sort=Subjectnumber&descending=true&pageSize=3&page=2");
        var search = await monitor.GetFromJsonAsync<JsonElement>($"{Trial}/participants?search=S01-00&pageSize=50");

        Assert.Equal(3, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        var subjects = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("subject").GetString()!).ToArray();
        Assert.Equal(3, subjects.Length);
        Assert.All(page.GetProperty("items").EnumerateArray(), p => Assert.Equal(("S02", "Completed"), (p.GetProperty("site").GetString(), p.GetProperty("status").GetString())));
        Assert.Equal(subjects.OrderDescending(StringComparer.Ordinal), subjects);
        Assert.All(search.GetProperty("items").EnumerateArray(), p => Assert.StartsWith("S01-00", p.GetProperty("subject").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_session_is_dosed_through_the_api_and_refusals_name_their_reason()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var sessions = $"{Trial}/participants/{subject}/sessions";
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        using var pharmacist = await trial.ApiClientAsync(Roles.Pharmacist);
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        var start = DateTimeOffset.UtcNow.AddHours(-2);

        var heavy = await (await nurse.PostAsync($"{sessions}/1/weight", Json($$"""{"measuredAt":"{{Time(start.AddMinutes(-40))}}","weightKg":500}"""))).ProblemAsync(400);
        Assert.True(heavy.GetProperty("errors").TryGetProperty("weightKg", out _));
        await (await nurse.PostAsync($"{sessions}/1/weight", Json($$"""{"measuredAt":"{{Time(start.AddMinutes(-40))}}","weightKg":"heavy"}"""))).ProblemAsync(400);
        await (await monitor.PostAsync($"{sessions}/1/weight", Json($$"""{"measuredAt":"{{Time(start.AddMinutes(-40))}}","weightKg":70}"""))).ProblemAsync(403);
        await (await nurse.PostAsync($"{sessions}/7/weight", Json($$"""{"measuredAt":"{{Time(start.AddMinutes(-40))}}","weightKg":70}"""))).ProblemAsync(400);

        var weighed = await (await nurse.PostAsync($"{sessions}/1/weight", Json($$"""{"measuredAt":"{{Time(start.AddMinutes(-40))}}","weightKg":70}"""))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Study infusion, 35 mL over 40 min", weighed.GetProperty("instruction").GetString());

        await (await monitor.GetAsync($"{sessions}/1/pharmacy")).ProblemAsync(403);
        var dose = await pharmacist.GetFromJsonAsync<JsonElement>($"{sessions}/1/pharmacy");
        var kit = dose.GetProperty("kit").GetString()!;
        Assert.Contains(dose.GetProperty("treatmentCode").GetString(), TrialAppFixture.Demo.Treatments.Select(t => t.Code));
        await (await nurse.PostAsync($"{sessions}/1/preparation", Json($$"""{"kit":"{{kit}}","preparedAt":"{{Time(start.AddMinutes(-30))}}","checkedBy":"technician"}"""))).ProblemAsync(403);
        await (await pharmacist.PostAsync($"{sessions}/1/preparation", Json($$"""{"kit":"12345","preparedAt":"{{Time(start.AddMinutes(-30))}}","checkedBy":"technician"}"""))).ProblemAsync(400);
        Assert.Equal(HttpStatusCode.OK, (await pharmacist.PostAsync($"{sessions}/1/preparation", Json($$"""{"kit":"{{kit}}","preparedAt":"{{Time(start.AddMinutes(-30))}}","checkedBy":"{{TrialAppFixture.SecondPharmacist}}","checkerPassword":"{{TrialAppFixture.Password}}"}"""))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await nurse.PostAsync($"{sessions}/1/start", Json($$"""{"startedAt":"{{Time(start)}}"}"""))).StatusCode);
        var notInterrupted = await nurse.PostAsync($"{sessions}/1/resumptions", Json($$"""{"resumedAt":"{{Time(start.AddMinutes(5))}}"}"""));
        Assert.Equal("dosing.not-interrupted", (await notInterrupted.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await nurse.PostAsync($"{sessions}/1/interruptions", Json($$"""{"interruptedAt":"{{Time(start.AddMinutes(10))}}","reason":"Cannula occluded"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nurse.PostAsync($"{sessions}/1/resumptions", Json($$"""{"resumedAt":"{{Time(start.AddMinutes(14))}}"}"""))).StatusCode);
        await (await nurse.PostAsync($"{sessions}/1/rate-changes", Json($$"""{"changedAt":"{{Time(start.AddMinutes(15))}}","rateMlPerHour":-4,"reason":"Discomfort"}"""))).ProblemAsync(400);
        Assert.Equal(HttpStatusCode.OK, (await nurse.PostAsync($"{sessions}/1/rate-changes", Json($$"""{"changedAt":"{{Time(start.AddMinutes(15))}}","rateMlPerHour":40,"reason":"Discomfort"}"""))).StatusCode);
        var stopped = await nurse.PostAsync($"{sessions}/1/stop", Json($$"""{"stoppedAt":"{{Time(start.AddMinutes(44))}}","completed":true}"""));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);

        await trial.PreparedAsync(subject, 2, DateTimeOffset.UtcNow.AddMinutes(-10));
        var early = await (await nurse.PostAsync($"{sessions}/2/start", Json($$"""{"startedAt":"{{Time(DateTimeOffset.UtcNow)}}"}"""))).ProblemAsync(400);
        Assert.Equal("dosing.washout-not-elapsed", early.GetProperty("code").GetString());
        Assert.StartsWith("Washout ends ", early.GetProperty("errors").GetProperty("startedAt")[0].GetString(), StringComparison.Ordinal);
        await (await nurse.PostAsync($"{sessions}/2/start-before-washout", Json($$"""{"startedAt":"{{Time(DateTimeOffset.UtcNow)}}","reason":"Clinic closing"}"""))).ProblemAsync(403);

        var session = await monitor.GetFromJsonAsync<JsonElement>($"{sessions}/1");
        Assert.Equal(70m, session.GetProperty("weightKg").GetDecimal());
        Assert.True(session.GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task assessments_are_recorded_and_corrected_through_the_api()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-40));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(TrialOps.Messaging.CommandContext.New(trial.ActorOf(Roles.DataEntry)), new TrialOps.Dosing.StartDosing(TrialAppFixture.Demo.Code, subject, 1, start)));
        var assessments = $"{Trial}/participants/{subject}/assessments";
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        using var pharmacist = await trial.ApiClientAsync(Roles.Pharmacist);

        var pain = await nurse.PostAsync(assessments, Json($$"""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","assessedAt":"{{Time(start.AddMinutes(21))}}","value":48}"""));
        Assert.Equal(HttpStatusCode.Created, pain.StatusCode);
        Assert.Equal(48m, (await pain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetDecimal());
        var vitals = await nurse.PostAsync(assessments, Json($$$"""{"period":1,"assessmentCode":"VITALS","timepoint":"PT10M","assessedAt":"{{{Time(start.AddMinutes(10))}}}","vitalSigns":{"systolicMmHg":132,"diastolicMmHg":81,"heartRatePerMin":77,"spo2Percent":97}}"""));
        Assert.Equal(HttpStatusCode.Created, vitals.StatusCode);

        var outOfScale = await (await nurse.PostAsync(assessments, Json($$"""{"period":1,"assessmentCode":"PAIN","timepoint":"PT40M","assessedAt":"{{Time(start.AddMinutes(40))}}","value":150}"""))).ProblemAsync(400);
        Assert.True(outOfScale.GetProperty("errors").TryGetProperty("value", out _));
        await (await nurse.PostAsync(assessments, Json($$"""{"period":1,"assessmentCode":"PAIN","timepoint":"PT40M","assessedAt":"{{Time(start.AddMinutes(40))}}"}"""))).ProblemAsync(400);
        await (await nurse.PostAsync(assessments, Json($$"""{"period":1,"assessmentCode":"PAIN","timepoint":"PT40M","assessedAt":"{{Time(start.AddMinutes(40))}}","value":30,"painScore":3}"""))).ProblemAsync(400);
        await (await pharmacist.PostAsync(assessments, Json($$"""{"period":1,"assessmentCode":"PAIN","timepoint":"PT40M","assessedAt":"{{Time(start.AddMinutes(40))}}","value":30}"""))).ProblemAsync(403);
        var twice = await (await nurse.PostAsync(assessments, Json($$"""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","assessedAt":"{{Time(start.AddMinutes(21))}}","value":47}"""))).ProblemAsync(409);
        Assert.Equal("assessment.already-recorded", twice.GetProperty("code").GetString());

        var noReason = await nurse.PostAsync($"{assessments}/corrections", Json($$"""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","assessedAt":"{{Time(start.AddMinutes(21))}}","value":44,"reason":" "}"""));
        await noReason.ProblemAsync(400);
        var corrected = await nurse.PostAsync($"{assessments}/corrections", Json($$"""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","assessedAt":"{{Time(start.AddMinutes(21))}}","value":44,"reason":"Transcription error"}"""));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(1, (await corrected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("corrections").GetInt32());

        var timeline = await nurse.GetFromJsonAsync<JsonElement>($"{Trial}/participants/{subject}/timeline");
        var history = timeline.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("key").GetString() == "P1 PAIN PT20M").GetProperty("versions");
        Assert.Equal(["48 mm", "44"], history.EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        Assert.Equal("Transcription error", history[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task a_missed_assessment_recorded_as_not_done_leaves_the_overdue_list_and_shows_its_reason()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-40));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(TrialOps.Messaging.CommandContext.New(trial.ActorOf(Roles.DataEntry)), new TrialOps.Dosing.StartDosing(TrialAppFixture.Demo.Code, subject, 1, start)));
        var assessments = $"{Trial}/participants/{subject}/assessments";
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        await trial.WaitForReadModelsAsync();
        bool Overdue(JsonElement items) => items.EnumerateArray().Any(i => i.GetProperty("subject").GetString() == subject.ToString()
            && i.GetProperty("code").GetString() == "PAIN" && i.GetProperty("timepoint").GetString() == "PT20M");
        Assert.True(Overdue(await nurse.GetFromJsonAsync<JsonElement>($"{Trial}/overdue")));

        await (await monitor.PostAsync($"{assessments}/not-done", Json("""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","reason":"Asleep"}"""))).ProblemAsync(403);
        var noReason = await (await nurse.PostAsync($"{assessments}/not-done", Json("""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","reason":" "}"""))).ProblemAsync(400);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await (await nurse.PostAsync($"{Trial}/participants/S01-999/assessments/not-done", Json("""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","reason":"Asleep"}"""))).ProblemAsync(404);

        var notDone = await nurse.PostAsync($"{assessments}/not-done", Json("""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","reason":"Participant asleep, not woken per protocol"}"""));
        Assert.Equal(HttpStatusCode.Created, notDone.StatusCode);
        var body = await notDone.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("PAIN", "Participant asleep, not woken per protocol"), (body.GetProperty("assessmentCode").GetString(), body.GetProperty("reason").GetString()));
        var twice = await (await nurse.PostAsync($"{assessments}/not-done", Json("""{"period":1,"assessmentCode":"PAIN","timepoint":"PT20M","reason":"Again"}"""))).ProblemAsync(409);
        Assert.Equal("assessment.already-not-done", twice.GetProperty("code").GetString());

        await trial.WaitForReadModelsAsync();
        Assert.False(Overdue(await nurse.GetFromJsonAsync<JsonElement>($"{Trial}/overdue")));
        var item = (await nurse.GetFromJsonAsync<JsonElement>($"{Trial}/participants/{subject}/schedule")).EnumerateArray()
            .Single(i => i.GetProperty("period").GetInt32() == 1 && i.GetProperty("code").GetString() == "PAIN" && i.GetProperty("timepoint").GetString() == "PT20M");
        Assert.Equal(("NotDone", "Participant asleep, not woken per protocol"), (item.GetProperty("status").GetString(), item.GetProperty("notDoneReason").GetString()));

        var page = await (await trial.SignedInAsync(Roles.DataEntry)).GetStringAsync($"/trials/{TrialAppFixture.Code}/participants/{subject}/periods/1/assessments");
        Assert.Contains("not done: Participant asleep, not woken per protocol", page, StringComparison.Ordinal);
        var timeline = await nurse.GetFromJsonAsync<JsonElement>($"{Trial}/participants/{subject}/timeline");
        Assert.Contains(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("summary").GetString() == "Period 1: PAIN PT20M not done: Participant asleep, not woken per protocol");
    }

    [Fact]
    public async Task adverse_events_are_reported_once_per_idempotency_key_and_followed_up()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var events = $"{Trial}/participants/{subject}/adverse-events";
        using var investigator = await trial.ApiClientAsync(Roles.Investigator);
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        var now = DateTimeOffset.UtcNow;
        var serious = $$"""{"meddraCode":10020772,"onset":"{{now.AddHours(-3):yyyy-MM-dd'T'HH:mm}}","grade":3,"seriousness":["Hospitalization"],"causality":"Possible","actionTaken":"NotApplicable","outcome":"RecoveringResolving","awareAt":"{{Time(now.AddHours(-2))}}"}""";
        var key = Guid.NewGuid().ToString();

        HttpRequestMessage Report()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, events) { Content = Json(serious) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        HttpRequestMessage WithKey(string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, events) { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await investigator.SendAsync(Report());
        var second = await investigator.SendAsync(Report());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);

        // The same request with its fields in another order is the same request; the same key for
        // another body or from another user is refused, never answered with the first result.
        var reordered = await investigator.SendAsync(WithKey(serious.Replace("\"grade\":3,", "", StringComparison.Ordinal).TrimEnd('}') + ",\"grade\":3}"));
        Assert.Equal(first.Headers.Location, reordered.Headers.Location);
        var otherBody = await (await investigator.SendAsync(WithKey(serious.Replace("\"grade\":3", "\"grade\":2", StringComparison.Ordinal)))).ProblemAsync(422);
        Assert.Equal("idempotency-key-reused", otherBody.GetProperty("code").GetString());
        var otherUser = await (await nurse.SendAsync(WithKey(serious.Replace("\"causality\":\"Possible\",", "", StringComparison.Ordinal)))).ProblemAsync(422);
        Assert.Equal("idempotency-key-reused", otherUser.GetProperty("code").GetString());
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("adverseEventId").GetString()!;
        Assert.Single(await trial.ParticipantTimelines.GetTimelineAsync(TrialAppFixture.Code, subject.ToString()) is { } timeline ? timeline.Entries.Where(e => e.StreamId == $"adverse-event-{id}").ToArray() : []);

        var judged = await (await nurse.PostAsync(events, Json(serious))).ProblemAsync(403);
        Assert.Equal("not-permitted", judged.GetProperty("code").GetString());
        await (await monitor.PostAsync(events, Json(serious.Replace("\"causality\":\"Possible\",", "", StringComparison.Ordinal)))).ProblemAsync(403);
        var unknownTerm = await (await nurse.PostAsync(events, Json(serious.Replace("10020772", "99", StringComparison.Ordinal).Replace("\"causality\":\"Possible\",", "", StringComparison.Ordinal)))).ProblemAsync(400);
        Assert.True(unknownTerm.GetProperty("errors").TryGetProperty("meddraCode", out _));
        await (await nurse.PostAsync(events, Json(serious.Replace("\"grade\":3", "\"grade\":9", StringComparison.Ordinal).Replace("\"causality\":\"Possible\",", "", StringComparison.Ordinal)))).ProblemAsync(400);
        await (await nurse.PostAsync(events, Json(serious.Replace("\"onset\":\"", "\"onset\":\"yesterday", StringComparison.Ordinal)))).ProblemAsync(400);

        var caseUrl = $"{Trial}/adverse-events/{id}";
        Assert.Equal(HttpStatusCode.OK, (await investigator.PostAsync($"{caseUrl}/sponsor-report", Json($$"""{"reportedAt":"{{Time(now.AddHours(-1))}}","sponsorReference":"SAE-TEST-1"}"""))).StatusCode);
        Assert.Equal("adverse-event.already-reported", (await (await investigator.PostAsync($"{caseUrl}/sponsor-report", Json($$"""{"reportedAt":"{{Time(now)}}"}"""))).ProblemAsync(409)).GetProperty("code").GetString());
        await (await nurse.PostAsync($"{caseUrl}/follow-ups", Json($$"""{"reportedAt":"{{Time(now)}}","information":"Discharged"}"""))).ProblemAsync(403);
        var followed = await investigator.PostAsync($"{caseUrl}/follow-ups", Json($$"""{"reportedAt":"{{Time(now)}}","information":"Discharged home on day 2"}"""));
        Assert.Equal(1, (await followed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("followUps").GetInt32());
        await (await investigator.GetAsync($"{Trial}/adverse-events/nosuchcase")).ProblemAsync(404);

        var read = await monitor.GetFromJsonAsync<JsonElement>(caseUrl);
        Assert.Equal("Hypertension", read.GetProperty("details").GetProperty("term").GetString());
        Assert.Equal(3, read.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task only_an_investigator_with_the_right_password_breaks_the_blind()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var url = $"{Trial}/participants/{subject}/emergency-unblinding";
        using var investigator = await trial.ApiClientAsync(Roles.Investigator);
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);

        await (await coordinator.PostAsync(url, Json($$"""{"reason":"Anaphylaxis","password":"{{TrialAppFixture.Password}}"}"""))).ProblemAsync(403);
        var wrong = await (await investigator.PostAsync(url, Json("""{"reason":"Anaphylaxis","password":"guess"}"""))).ProblemAsync(400);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("password", out _));
        await (await investigator.GetAsync($"{Trial}/participants/{subject}/allocation")).ProblemAsync(403);

        var broken = await investigator.PostAsync(url, Json($$"""{"reason":"Anaphylaxis during the infusion","password":"{{TrialAppFixture.Password}}"}"""));

        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        var allocation = await broken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, allocation.GetProperty("periods").GetArrayLength());

        // The allocation endpoint reads the code-break read model, which follows the event shortly.
        await trial.WaitForReadModelsAsync();
        Assert.Equal(HttpStatusCode.OK, (await investigator.GetAsync($"{Trial}/participants/{subject}/allocation")).StatusCode);
        await (await coordinator.GetAsync($"{Trial}/participants/{subject}/allocation")).ProblemAsync(403);
    }

    [Fact]
    public async Task every_journey_endpoint_family_answers_401_without_credentials_and_400_to_malformed_json()
    {
        using var anonymous = trial.Client();
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        var participant = $"{Trial}/participants/S01-001";
        var families = new[]
        {
            ($"{participant}/sessions", $"{participant}/sessions/1/weight"),
            ($"{participant}/assessments", $"{participant}/assessments"),
            ($"{participant}/adverse-events", $"{participant}/adverse-events"),
            ($"{participant}/timeline", $"{participant}/withdrawal"),
        };

        foreach (var (read, write) in families)
        {
            await (await anonymous.GetAsync(read)).ProblemAsync(401);
            await (await anonymous.PostAsync(write, Json("{}"))).ProblemAsync(401);
            await (await nurse.PostAsync(write, Json("""{"period": 1, """))).ProblemAsync(400);
            await (await nurse.PostAsync(write, Json("""[1, 2"""))).ProblemAsync(400);
        }
    }

    private static Task<HttpResponseMessage> RandomizeAsync(HttpClient client, string subject) =>
        client.PostAsync($"{Trial}/participants/{subject}/randomization", null);
}
