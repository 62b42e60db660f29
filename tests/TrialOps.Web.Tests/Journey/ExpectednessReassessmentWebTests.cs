using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>
/// The medical monitor's re-assessment of expectedness over the API and the AE page (ADR 0026):
/// only that role, always with a reason, its history shown to everyone who sees the case, the SUSAR
/// clock starting and stopping with it, and never a treatment for the blinded roles.
/// </summary>
public sealed class ExpectednessReassessmentWebTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Api = $"/api/v1/trials/{TrialAppFixture.Code}";
    private const string Pages = $"/trials/{TrialAppFixture.Code}";
    private const string Why = "The reference safety information was updated: hypertension is listed only up to grade 2.";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A serious, possibly related hypertension (not among the demo's expected terms), reported to the sponsor, which the medical monitor assessed expected.</summary>
    private async Task<string> AssessedExpectedAsync()
    {
        var subject = await trial.InWashoutAsync();
        var id = AdverseEventStreams.NewId();
        var onset = DateTimeOffset.UtcNow.AddMinutes(-150);
        var input = new AdverseEventInput(10020772, PartialDate.FromInstant(onset), null, 3, [SeriousnessCriterion.Hospitalization], Causality.Possible, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.Investigator)), new ReportAdverseEvent(id, TrialAppFixture.Demo.Code, subject, onset.AddMinutes(10), input)));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.Investigator)), new ReportSaeToSponsor(id, DateTimeOffset.UtcNow.AddHours(-1), "SAE-R-1")));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(
            CommandContext.New(trial.ActorOf(Roles.MedicalMonitor)), new AssessExpectedness(id, Expectedness.Expected, "Judged a known class effect of NMDA antagonists.")));
        await trial.WaitForReadModelsAsync();
        return id;
    }

    [Fact]
    public async Task only_the_medical_monitor_re_assesses_through_the_api_and_the_clock_starts_and_stops_with_it()
    {
        var id = await AssessedExpectedAsync();
        var caseUrl = $"{Api}/adverse-events/{id}";
        using var medicalMonitor = await trial.ApiClientAsync(Roles.MedicalMonitor);
        using var safetyOfficer = await trial.ApiClientAsync(Roles.SafetyOfficer);
        using var investigator = await trial.ApiClientAsync(Roles.Investigator);
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var toUnexpected = $$"""{"expectedness":"Unexpected","reason":"{{Why}}"}""";

        foreach (var client in new[] { safetyOfficer, investigator, nurse })
        {
            await (await client.PostAsync($"{caseUrl}/expectedness-reassessments", Json(toUnexpected))).ProblemAsync(403);
        }

        var reasonless = await (await medicalMonitor.PostAsync($"{caseUrl}/expectedness-reassessments", Json("""{"expectedness":"Unexpected","reason":" "}"""))).ProblemAsync(400);
        Assert.True(reasonless.GetProperty("errors").TryGetProperty("reason", out _));
        await (await medicalMonitor.PostAsync($"{caseUrl}/expectedness-reassessments", Json("""{"expectedness":"Maybe","reason":"x"}"""))).ProblemAsync(400);
        var unchanged = await (await medicalMonitor.PostAsync($"{caseUrl}/expectedness-reassessments", Json($$"""{"expectedness":"Expected","reason":"{{Why}}"}"""))).ProblemAsync(400);
        Assert.Equal("adverse-event.expectedness-unchanged", unchanged.GetProperty("code").GetString());
        await (await medicalMonitor.PostAsync($"{Api}/adverse-events/nosuchcase/expectedness-reassessments", Json(toUnexpected))).ProblemAsync(404);
        Assert.Equal(JsonValueKind.Null, (await medicalMonitor.GetFromJsonAsync<JsonElement>($"{caseUrl}/expedited-report")).GetProperty("clock").ValueKind);

        var started = await medicalMonitor.PostAsync($"{caseUrl}/expectedness-reassessments", Json(toUnexpected));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var report = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unexpected", report.GetProperty("currentExpectedness").GetString());
        Assert.Equal("Expected", report.GetProperty("assessment").GetProperty("expectedness").GetString());
        var reassessment = Assert.Single(report.GetProperty("reassessments").EnumerateArray());
        Assert.Equal((Why, "Expected", trial.UserOf(Roles.MedicalMonitor)), (reassessment.GetProperty("reason").GetString(), reassessment.GetProperty("previous").GetString(), reassessment.GetProperty("reassessedBy").GetString()));
        var clock = report.GetProperty("clock");
        Assert.Equal(today.ToString("yyyy-MM-dd"), clock.GetProperty("awareOn").GetString());
        Assert.Equal(today.AddDays(15).ToString("yyyy-MM-dd"), clock.GetProperty("initialDueOn").GetString());
        Assert.Contains((await safetyOfficer.GetFromJsonAsync<JsonElement>("/api/v1/safety-reports/open-clocks")).EnumerateArray(), c => c.GetProperty("adverseEventId").GetString() == id);

        var stopped = await medicalMonitor.PostAsync($"{caseUrl}/expectedness-reassessments", Json("""{"expectedness":"Expected","reason":"The RSI update was withdrawn by the sponsor's safety board."}"""));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var after = await stopped.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, after.GetProperty("clock").ValueKind);
        Assert.Equal(2, after.GetProperty("reassessments").GetArrayLength());
        Assert.DoesNotContain((await safetyOfficer.GetFromJsonAsync<JsonElement>("/api/v1/safety-reports/open-clocks")).EnumerateArray(), c => c.GetProperty("adverseEventId").GetString() == id);

        var history = (await nurse.GetFromJsonAsync<JsonElement>($"{caseUrl}/expedited-report")).GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(2, history.Count(e => e.GetProperty("type").GetString() == "adverse-event.expectedness-reassessed.v1" && e.GetProperty("role").GetString() == Roles.MedicalMonitor));
    }

    [Fact]
    public async Task the_ae_page_offers_the_re_assessment_to_the_medical_monitor_only_and_shows_who_when_and_why_without_a_treatment()
    {
        var id = await AssessedExpectedAsync();
        var url = $"{Pages}/adverse-events/{id}";
        using var medicalMonitor = await trial.SignedInAsync(Roles.MedicalMonitor);
        using var safetyOfficer = await trial.SignedInAsync(Roles.SafetyOfficer);
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        Assert.Contains("Reassessment.Reason", await medicalMonitor.GetStringAsync(url), StringComparison.Ordinal);
        Assert.DoesNotContain("Reassessment.Reason", await nurse.GetStringAsync(url), StringComparison.Ordinal);
        Assert.DoesNotContain("Reassessment.Reason", await safetyOfficer.GetStringAsync(url), StringComparison.Ordinal);

        var refused = await Forms.PostAsync(medicalMonitor, url, "expectedness-reassessment", new() { ["Reassessment.Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Give the reason for re-assessing expectedness.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reassessed = await Forms.PostAsync(medicalMonitor, url, "expectedness-reassessment", new() { ["Reassessment.Reason"] = Why });
        Assert.Equal(HttpStatusCode.Redirect, reassessed.StatusCode);

        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(15).ToString("yyyy-MM-dd");
        foreach (var client in new[] { nurse, medicalMonitor, safetyOfficer })
        {
            var page = WebUtility.HtmlDecode(await client.GetStringAsync(url));
            Assert.Contains($"expected → unexpected by {trial.UserOf(Roles.MedicalMonitor)}", page, StringComparison.Ordinal);
            Assert.Contains(Why, page, StringComparison.Ordinal);
            Assert.Contains($"Initial report due {due}: 15 days left", page, StringComparison.Ordinal);
            if (client != safetyOfficer)
            {
                foreach (var t in TrialAppFixture.Demo.Treatments)
                {
                    Assert.DoesNotContain(t.Label, page, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        Assert.Contains("Re-assess as expected", await medicalMonitor.GetStringAsync(url), StringComparison.Ordinal);
    }
}
