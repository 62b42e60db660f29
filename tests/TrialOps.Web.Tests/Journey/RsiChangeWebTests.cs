using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.Messaging;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Seed;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>
/// An amendment that changes the reference safety information prompts the medical monitor to
/// re-assess the cases whose term's listing changed (ADR 0026, "When the reference safety
/// information changes"): over the API and the pages, derived at the query, gone once re-assessed,
/// naming terms and never a treatment. Its own demo trial: the class amends the protocol.
/// </summary>
public sealed class RsiChangeWebTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Api = $"/api/v1/trials/{TrialAppFixture.Code}";
    private const string Pages = $"/trials/{TrialAppFixture.Code}";
    private const int Hypertension = 10020772;
    private const int Nausea = 10028813;
    private const int Dizziness = 10013573;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A serious, possibly related event of a new participant, reported to the sponsor.</summary>
    private async Task<string> SeriousRelatedCaseAsync(int meddraCode)
    {
        var subject = await trial.InWashoutAsync();
        var id = AdverseEventStreams.NewId();
        var onset = DateTimeOffset.UtcNow.AddMinutes(-150);
        var input = new AdverseEventInput(meddraCode, PartialDate.FromInstant(onset), null, 3, [SeriousnessCriterion.Hospitalization], Causality.Possible, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.Investigator)), new ReportAdverseEvent(id, TrialAppFixture.Demo.Code, subject, onset.AddMinutes(10), input)));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.Investigator)), new ReportSaeToSponsor(id, DateTimeOffset.UtcNow.AddMinutes(-30), "SAE-RSI")));
        await trial.WaitForReadModelsAsync();
        return id;
    }

    private Task AssessAsync(string id, Expectedness expectedness) =>
        TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.MedicalMonitor)), new AssessExpectedness(id, expectedness, null)));

    /// <summary>The Coordinator imports the demo protocol again as the next version, its RSI listing <paramref name="expectedTerms"/>; returns the version.</summary>
    private async Task<int> AmendAsync(params int[] expectedTerms)
    {
        var version = (await trial.App.Services.GetRequiredService<ProtocolHistory>().CurrentAsync(TrialAppFixture.Code))!.Version + 1;
        var file = JsonNode.Parse(DemoTrial.KetNp01())!.AsObject();
        file["version"] = version;
        file["safety"]!["expectedTerms"] = new JsonArray([.. expectedTerms.Select(t => (JsonNode)t)]);
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        var amended = await coordinator.PostAsync("/api/v1/trials", Json(file.ToJsonString()));
        Assert.True(amended.StatusCode == HttpStatusCode.Created, await amended.Content.ReadAsStringAsync());
        Assert.Equal("Amended", (await amended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        return version;
    }

    private static async Task<JsonElement[]> PromptsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Api}/safety-reports/rsi-changes")).EnumerateArray().ToArray();

    private static JsonElement? PromptOf(JsonElement[] prompts, string id) =>
        prompts.Where(p => p.GetProperty("adverseEventId").GetString() == id).Select(p => (JsonElement?)p).SingleOrDefault();

    [Fact]
    public async Task amendments_that_list_or_unlist_a_term_prompt_re_assessment_of_its_cases_until_the_medical_monitor_re_assesses()
    {
        using var medicalMonitor = await trial.ApiClientAsync(Roles.MedicalMonitor);
        var coordinatorId = trial.UserOf(Roles.Coordinator);

        // Under a version with no expected terms: hypertension and dizziness assessed unexpected.
        await AmendAsync();
        var hypertension = await SeriousRelatedCaseAsync(Hypertension);
        var dizziness = await SeriousRelatedCaseAsync(Dizziness);
        await AssessAsync(hypertension, Expectedness.Unexpected);
        await AssessAsync(dizziness, Expectedness.Unexpected);
        Assert.Null(PromptOf(await PromptsAsync(medicalMonitor), hypertension));

        // The next version lists hypertension and nausea: the hypertension case is flagged, dizziness is not.
        var listing = await AmendAsync(Hypertension, Nausea);
        var prompts = await PromptsAsync(medicalMonitor);
        var listed = PromptOf(prompts, hypertension)!.Value;
        Assert.Null(PromptOf(prompts, dizziness));
        Assert.True(listed.GetProperty("nowListed").GetBoolean());
        Assert.Equal((Hypertension, "Unexpected", listing, coordinatorId), (listed.GetProperty("meddraCode").GetInt32(), listed.GetProperty("current").GetString(), listed.GetProperty("changedInVersion").GetInt32(), listed.GetProperty("amendedBy").GetString()));
        var report = await medicalMonitor.GetFromJsonAsync<JsonElement>($"{Api}/adverse-events/{hypertension}/expedited-report");
        Assert.Equal(listing, report.GetProperty("rsiChange").GetProperty("changedInVersion").GetInt32());
        Assert.Equal(JsonValueKind.Null, (await medicalMonitor.GetFromJsonAsync<JsonElement>($"{Api}/adverse-events/{dizziness}/expedited-report")).GetProperty("rsiChange").ValueKind);

        // Nausea assessed expected under that version; the next one no longer lists it.
        var nausea = await SeriousRelatedCaseAsync(Nausea);
        await AssessAsync(nausea, Expectedness.Expected);
        Assert.Null(PromptOf(await PromptsAsync(medicalMonitor), nausea));
        var unlisting = await AmendAsync(Hypertension);
        prompts = await PromptsAsync(medicalMonitor);
        var unlisted = PromptOf(prompts, nausea)!.Value;
        Assert.False(unlisted.GetProperty("nowListed").GetBoolean());
        Assert.Equal(unlisting, unlisted.GetProperty("changedInVersion").GetInt32());
        Assert.Equal(listing, PromptOf(prompts, hypertension)!.Value.GetProperty("changedInVersion").GetInt32());

        // A re-assessment that keeps the value is refused where nothing changed, accepted after the change.
        var unchanged = await (await medicalMonitor.PostAsync($"{Api}/adverse-events/{dizziness}/expectedness-reassessments", Json("""{"expectedness":"Unexpected","reason":"No change."}"""))).ProblemAsync(400);
        Assert.Equal("adverse-event.expectedness-unchanged", unchanged.GetProperty("code").GetString());
        var changed = await medicalMonitor.PostAsync($"{Api}/adverse-events/{hypertension}/expectedness-reassessments", Json("""{"expectedness":"Expected","reason":"Version 2 of the RSI lists hypertension."}"""));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rsiChange").ValueKind);
        var confirmed = await medicalMonitor.PostAsync($"{Api}/adverse-events/{nausea}/expectedness-reassessments", Json("""{"expectedness":"Expected","reason":"The investigator's brochure still lists nausea after infusion."}"""));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var confirmation = Assert.Single((await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reassessments").EnumerateArray());
        Assert.Equal(("Expected", "Expected", "Unexpected"), (confirmation.GetProperty("expectedness").GetString(), confirmation.GetProperty("previous").GetString(), confirmation.GetProperty("suggested").GetString()));

        prompts = await PromptsAsync(medicalMonitor);
        Assert.Null(PromptOf(prompts, hypertension));
        Assert.Null(PromptOf(prompts, nausea));
    }

    [Fact]
    public async Task the_pages_show_the_prompt_with_the_form_open_to_the_medical_monitor_and_no_treatment_to_any_blinded_role()
    {
        await AmendAsync();
        var id = await SeriousRelatedCaseAsync(Hypertension);
        await AssessAsync(id, Expectedness.Unexpected);
        var version = await AmendAsync(Hypertension);
        var url = $"{Pages}/adverse-events/{id}";
        using var medicalMonitor = await trial.SignedInAsync(Roles.MedicalMonitor);

        var monitorPage = WebUtility.HtmlDecode(await medicalMonitor.GetStringAsync(url));
        Assert.Contains($"The reference safety information changed in protocol version {version} (amended on ", monitorPage, StringComparison.Ordinal);
        Assert.Contains($"MedDRA term {Hypertension} (Hypertension) is now listed", monitorPage, StringComparison.Ordinal);
        Assert.Matches("<details[^>]*\\bopen\\b[^>]*id=\"expectedness-reassessment\"", monitorPage);
        Assert.Contains("Reassessment.Value", monitorPage, StringComparison.Ordinal);
        Assert.Contains(id, RsiList(await medicalMonitor.GetStringAsync($"{Pages}/safety-reports")), StringComparison.Ordinal);
        var caseLink = $"href=\"{url}#susar\"";
        Assert.Contains(caseLink, await medicalMonitor.GetStringAsync("/"), StringComparison.Ordinal);
        using (var safetyOfficer = await trial.SignedInAsync(Roles.SafetyOfficer))
        {
            Assert.DoesNotContain(caseLink, await safetyOfficer.GetStringAsync("/"), StringComparison.Ordinal);
        }

        foreach (var role in new[] { Roles.MedicalMonitor, Roles.SafetyOfficer, Roles.Investigator, Roles.DataEntry, Roles.Monitor })
        {
            using var client = await trial.SignedInAsync(role);
            var casePage = WebUtility.HtmlDecode(await client.GetStringAsync(url));
            var list = WebUtility.HtmlDecode(await client.GetStringAsync($"{Pages}/safety-reports"));
            Assert.Contains("is now listed", casePage, StringComparison.Ordinal);
            Assert.Contains("rsi-change-list", list, StringComparison.Ordinal);
            Assert.Equal(role == Roles.MedicalMonitor, casePage.Contains("Reassessment.Reason", StringComparison.Ordinal));
            using var api = await trial.ApiClientAsync(role);
            var json = await api.GetStringAsync($"{Api}/safety-reports/rsi-changes");
            foreach (var t in TrialAppFixture.Demo.Treatments)
            {
                foreach (var text in new[] { casePage, list, json })
                {
                    Assert.DoesNotContain(t.Label, text, StringComparison.OrdinalIgnoreCase);
                }

                Assert.DoesNotContain($"\"{t.Code}\"", json, StringComparison.Ordinal);
            }
        }

        var refused = await Forms.PostAsync(medicalMonitor, url, "expectedness-reassessment", new() { ["Reassessment.Value"] = "Expected", ["Reassessment.Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Give the reason for re-assessing expectedness.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reassessed = await Forms.PostAsync(medicalMonitor, url, "expectedness-reassessment", new() { ["Reassessment.Value"] = "Expected", ["Reassessment.Reason"] = "The amended RSI lists hypertension." });
        Assert.Equal(HttpStatusCode.Redirect, reassessed.StatusCode);
        var after = WebUtility.HtmlDecode(await medicalMonitor.GetStringAsync(url));
        Assert.DoesNotContain("id=\"rsi-changed\"", after, StringComparison.Ordinal);
        Assert.Contains("unexpected → expected", after, StringComparison.Ordinal);
        Assert.DoesNotContain(id, RsiList(await medicalMonitor.GetStringAsync($"{Pages}/safety-reports")), StringComparison.Ordinal);
        Assert.DoesNotContain(caseLink, await medicalMonitor.GetStringAsync("/"), StringComparison.Ordinal);
    }

    /// <summary>The safety-reports page's table of cases to re-assess (empty when there is none).</summary>
    private static string RsiList(string page)
    {
        var start = page.IndexOf("id=\"rsi-change-list\"", StringComparison.Ordinal);
        return start < 0 ? string.Empty : page[start..page.IndexOf("</table>", start, StringComparison.Ordinal)];
    }
}
