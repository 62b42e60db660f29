using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Pharmacy;

/// <summary>
/// ADR 0020: a weight corrected after the dose was prepared holds dosing until the pharmacy prepares
/// the dose anew or confirms it, with a second pharmacist's signed check, through the API and the
/// pharmacy page; the bedside is told the dose awaits the re-check.
/// </summary>
public sealed class PreparationRecheckWebTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/api/v1/trials/{TrialAppFixture.Code}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A participant weighed 71.5 kg and prepared for period 1, whose weight the site then corrects to <paramref name="kg"/>.</summary>
    private async Task<(SubjectNumber Subject, string Kit, DateTimeOffset PreparedAt)> CorrectedAfterPreparationAsync(decimal kg)
    {
        var subject = await trial.RandomizedParticipantAsync();
        var weighedAt = DateTimeOffset.UtcNow.AddMinutes(-40);
        await trial.PreparedAsync(subject, 1, weighedAt);
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(
            CommandContext.New(trial.ActorOf(Roles.DataEntry)),
            new CorrectSessionWeight(TrialAppFixture.Demo.Code, subject, 1, kg, weighedAt, "Scale was not zeroed")));
        var (state, _) = await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject);
        return (subject, state.Kits[1].ToString(), weighedAt.AddMinutes(5));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string json, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task through_the_api_dosing_waits_for_a_signed_replacement_which_a_retry_records_once()
    {
        var (subject, kit, preparedAt) = await CorrectedAfterPreparationAsync(60m);
        var sessions = $"{Trial}/participants/{subject}/sessions";
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        using var pharmacist = await trial.ApiClientAsync(Roles.Pharmacist);
        var start = $$"""{"startedAt":"{{Time(DateTimeOffset.UtcNow.AddMinutes(-1))}}"}""";

        var held = await (await nurse.PostAsync($"{sessions}/1/start", Json(start))).ProblemAsync(409);
        Assert.Equal(DosingRules.WeightChangedSincePreparation, held.GetProperty("code").GetString());
        Assert.Contains("the pharmacy must re-prepare or confirm the dose", held.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True((await nurse.GetFromJsonAsync<JsonElement>($"{sessions}/1")).GetProperty("awaitsPharmacyRecheck").GetBoolean());

        // The pharmacy's view gives the dose for the weight in force beside the one prepared.
        var before = await pharmacist.GetFromJsonAsync<JsonElement>($"{sessions}/1/pharmacy");
        Assert.Equal(71.5m, before.GetProperty("weightKg").GetDecimal());
        Assert.Equal(60m, before.GetProperty("correctedWeightKg").GetDecimal());
        Assert.Equal(JsonValueKind.Number, before.GetProperty("correctedTotal").ValueKind);
        Assert.NotEmpty(before.GetProperty("correctedComponents").EnumerateArray());

        var replacement = $$"""{"kit":"{{kit}}","preparedAt":"{{Time(preparedAt.AddMinutes(10))}}","reason":"First syringe discarded","checkedBy":"{{TrialAppFixture.SecondPharmacist}}","checkerPassword":"{{TrialAppFixture.Password}}"}""";
        await (await PostAsync(nurse, $"{sessions}/1/preparation-replacements", replacement, Guid.NewGuid().ToString())).ProblemAsync(403);
        var noReason = await (await PostAsync(pharmacist, $"{sessions}/1/preparation-replacements", replacement.Replace("First syringe discarded", " ", StringComparison.Ordinal), Guid.NewGuid().ToString())).ProblemAsync(400);
        Assert.Equal(RejectionCodes.ReasonRequired, noReason.GetProperty("code").GetString());
        // Blinded roles read the reason: one that names the product is refused and says which word (ADR 0020).
        var namesArm = await (await PostAsync(pharmacist, $"{sessions}/1/preparation-replacements", replacement.Replace("First syringe discarded", "Ketamine syringe discarded", StringComparison.Ordinal), Guid.NewGuid().ToString())).ProblemAsync(400);
        Assert.Equal(RejectionCodes.ReasonNamesArm, namesArm.GetProperty("code").GetString());
        Assert.Contains("\"Ketamine\"", namesArm.GetProperty("errors").GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
        await (await PostAsync(pharmacist, $"{sessions}/1/preparation-replacements", replacement.Replace(kit, "12345", StringComparison.Ordinal), Guid.NewGuid().ToString())).ProblemAsync(400);
        await (await PostAsync(pharmacist, $"{Trial}/participants/S01-999/sessions/1/preparation-replacements", replacement, Guid.NewGuid().ToString())).ProblemAsync(404);

        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(pharmacist, $"{sessions}/1/preparation-replacements", replacement, key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(pharmacist, $"{sessions}/1/preparation-replacements", replacement, key)).StatusCode);
        var events = (await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, subject), null, default)).Select(e => e.Data).ToArray();
        var replaced = Assert.Single(events.OfType<DosePreparationReplaced>());
        Assert.Equal((60m, 71.5m, TrialAppFixture.SecondPharmacist, "verified"), (replaced.WeightKg, replaced.ReplacedWeightKg, replaced.CheckedBy, replaced.CheckMeaning));
        Assert.Single(events.OfType<DosePrepared>());
        var after = await pharmacist.GetFromJsonAsync<JsonElement>($"{sessions}/1/pharmacy");
        Assert.Equal(60m, after.GetProperty("weightKg").GetDecimal());
        Assert.Equal(before.GetProperty("correctedTotal").GetDecimal(), after.GetProperty("total").GetDecimal());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("correctedWeightKg").ValueKind);

        var nothingLeft = await (await PostAsync(pharmacist, $"{sessions}/1/preparation-confirmations", $$"""{"reason":"Fixed dose","checkedBy":"{{TrialAppFixture.SecondPharmacist}}","checkerPassword":"{{TrialAppFixture.Password}}"}""", Guid.NewGuid().ToString())).ProblemAsync(409);
        Assert.Equal("dosing.preparation-current", nothingLeft.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await nurse.PostAsync($"{sessions}/1/start", Json(start))).StatusCode);
    }

    [Fact]
    public async Task the_pharmacy_page_flags_the_corrected_weight_and_its_confirmation_form_lets_dosing_start()
    {
        var (subject, _, _) = await CorrectedAfterPreparationAsync(70m);
        var page = $"/trials/{TrialAppFixture.Code}/pharmacy/{subject}/1";
        using var client = await trial.SignedInAsync(Roles.Pharmacist);
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var flagged = await client.GetStringAsync(page);
        Assert.Contains("Weight corrected after preparation: 71.5 kg → 70 kg.", WebUtility.HtmlDecode(flagged), StringComparison.Ordinal);
        Assert.Contains("name=\"Replace.CheckerPassword\"", flagged, StringComparison.Ordinal);
        Assert.Contains("name=\"Confirm.CheckerPassword\"", flagged, StringComparison.Ordinal);
        var bedside = WebUtility.HtmlDecode(await nurse.GetStringAsync($"/trials/{TrialAppFixture.Code}/participants/{subject}/periods/1"));
        Assert.Contains("the dose awaits the pharmacy's re-check", bedside, StringComparison.Ordinal);
        await trial.WaitForReadModelsAsync();
        var worklist = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.Contains("weight corrected after preparation (71.5 kg → 70 kg)", worklist, StringComparison.Ordinal);

        // Blinded staff read the reason: the page refuses one that names the arm, on the reason's field.
        var namesArm = new Dictionary<string, string>
        {
            ["Confirm.Reason"] = "Saline bag is a fixed volume",
            ["Confirm.CheckedBy"] = TrialAppFixture.SecondPharmacist,
            ["Confirm.CheckerPassword"] = TrialAppFixture.Password,
        };
        var refused = WebUtility.HtmlDecode(await (await Forms.PostAsync(client, page, "confirm", namesArm)).Content.ReadAsStringAsync());
        Assert.Contains("must not name the treatment (\"Saline\")", refused, StringComparison.Ordinal);
        Assert.True((await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject)).Participant.Session(1).AwaitsPharmacyRecheck);

        var form = new Dictionary<string, string>
        {
            ["Confirm.Reason"] = "Within the protocol's rounding",
            ["Confirm.CheckedBy"] = TrialAppFixture.SecondPharmacist,
            ["Confirm.CheckerPassword"] = "not-the-password",
        };
        var wrong = await (await Forms.PostAsync(client, page, "confirm", form)).Content.ReadAsStringAsync();
        Assert.Contains("is not correct; the check is not signed", WebUtility.HtmlDecode(wrong), StringComparison.Ordinal);
        Assert.True((await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject)).Participant.Session(1).AwaitsPharmacyRecheck);

        form["Confirm.CheckerPassword"] = TrialAppFixture.Password;
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, page, "confirm", form)).StatusCode);
        var session = (await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject)).Participant.Session(1);
        Assert.Equal((71.5m, 70m, false), (session.Preparation!.WeightKg, session.PreparationConfirmedForKg, session.AwaitsPharmacyRecheck));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)), new StartDosing(TrialAppFixture.Demo.Code, subject, 1, DateTimeOffset.UtcNow.AddMinutes(-1))));
    }
}
