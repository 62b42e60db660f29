using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Randomization;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>
/// Expedited safety reporting over the pages and the API (ADR 0026): who may assess, re-assess and
/// submit, what the clock shows, refusals as problem details, and the safety officer's treatment at
/// onset that no other role reaches.
/// </summary>
public sealed class SusarTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Api = $"/api/v1/trials/{TrialAppFixture.Code}";
    private const string Pages = $"/trials/{TrialAppFixture.Code}";
    private const string Why = "The reference safety information was updated: hypertension is listed only up to grade 2.";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A serious, possibly related hypertension in period 1 of a new participant, reported to the sponsor an hour ago (or at 00:00 UTC today, if later).</summary>
    private async Task<(string Id, SubjectNumber Subject)> SeriousRelatedCaseAsync()
    {
        var subject = await trial.InWashoutAsync();
        var id = AdverseEventStreams.NewId();
        var onset = DateTimeOffset.UtcNow.AddMinutes(-150);
        var input = new AdverseEventInput(10020772, PartialDate.FromInstant(onset), null, 3, [SeriousnessCriterion.Hospitalization], Causality.Possible, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        var investigator = CommandContext.New(trial.ActorOf(Roles.Investigator));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(investigator, new ReportAdverseEvent(id, TrialAppFixture.Demo.Code, subject, onset.AddMinutes(10), input)));
        // Reported today (UTC), so that day 0 is today even in the first hour of a UTC day.
        var now = DateTimeOffset.UtcNow;
        var reported = now.AddHours(-1) > new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) ? now.AddHours(-1) : new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.Investigator)), new ReportSaeToSponsor(id, reported, "SAE-W-1")));
        // The SUSAR lists start from the register of serious cases, a read model (ADR 0028).
        await trial.WaitForReadModelsAsync();
        return (id, subject);
    }

    [Fact]
    public async Task the_medical_monitor_assesses_and_the_safety_officer_submits_through_the_api_with_refusals_as_problems()
    {
        var (id, _) = await SeriousRelatedCaseAsync();
        var caseUrl = $"{Api}/adverse-events/{id}";
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        using var medicalMonitor = await trial.ApiClientAsync(Roles.MedicalMonitor);
        using var safetyOfficer = await trial.ApiClientAsync(Roles.SafetyOfficer);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var suggested = await medicalMonitor.GetFromJsonAsync<JsonElement>($"{caseUrl}/expedited-report");
        Assert.Equal("Unexpected", suggested.GetProperty("suggested").GetString());
        Assert.Equal(JsonValueKind.Null, suggested.GetProperty("clock").ValueKind);

        await (await nurse.PostAsync($"{caseUrl}/expectedness", Json("""{"expectedness":"Unexpected"}"""))).ProblemAsync(403);
        await (await safetyOfficer.PostAsync($"{caseUrl}/expectedness", Json("""{"expectedness":"Unexpected"}"""))).ProblemAsync(403);
        await (await medicalMonitor.PostAsync($"{caseUrl}/expectedness", Json("""{"expectedness":"Maybe"}"""))).ProblemAsync(400);
        await (await medicalMonitor.PostAsync($"{caseUrl}/expectedness", Json("""{"expectedness":7}"""))).ProblemAsync(400);
        var reasonless = await (await medicalMonitor.PostAsync($"{caseUrl}/expectedness", Json("""{"expectedness":"Expected"}"""))).ProblemAsync(400);
        Assert.True(reasonless.GetProperty("errors").TryGetProperty("reason", out _));
        await (await medicalMonitor.PostAsync($"{Api}/adverse-events/nosuchcase/expectedness", Json("""{"expectedness":"Unexpected"}"""))).ProblemAsync(404);

        var assessed = await medicalMonitor.PostAsync($"{caseUrl}/expectedness", Json("""{"expectedness":"Unexpected"}"""));
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
        var clock = (await assessed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clock");
        Assert.Equal(today.AddDays(15).ToString("yyyy-MM-dd"), clock.GetProperty("initialDueOn").GetString());
        Assert.False(clock.GetProperty("fatalOrLifeThreatening").GetBoolean());
        var again = await (await medicalMonitor.PostAsync($"{caseUrl}/expectedness", Json("""{"expectedness":"Unexpected"}"""))).ProblemAsync(409);
        Assert.Equal("adverse-event.expectedness-assessed", again.GetProperty("code").GetString());

        var listed = await nurse.GetFromJsonAsync<JsonElement>($"{Api}/safety-reports");
        var item = Assert.Single(listed.EnumerateArray(), c => c.GetProperty("adverseEventId").GetString() == id);
        Assert.Equal(15, item.GetProperty("daysLeft").GetInt32());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.Contains((await safetyOfficer.GetFromJsonAsync<JsonElement>("/api/v1/safety-reports/open-clocks")).EnumerateArray(), c => c.GetProperty("adverseEventId").GetString() == id);

        var submission = $$"""{"kind":"Initial","submittedOn":"{{today:yyyy-MM-dd}}","authority":"EMA EudraVigilance","reference":"EU-W-1"}""";
        await (await medicalMonitor.PostAsync($"{caseUrl}/susar-submissions", Json(submission))).ProblemAsync(403);
        await (await safetyOfficer.PostAsync($"{caseUrl}/susar-submissions", Json(submission.Replace(today.ToString("yyyy-MM-dd"), "yesterday", StringComparison.Ordinal)))).ProblemAsync(400);
        await (await safetyOfficer.PostAsync($"{caseUrl}/susar-submissions", Json(submission.Replace("EMA EudraVigilance", "", StringComparison.Ordinal)))).ProblemAsync(400);
        await (await safetyOfficer.PostAsync($"{caseUrl}/susar-submissions", Json(submission.Replace(today.ToString("yyyy-MM-dd"), today.AddDays(3).ToString("yyyy-MM-dd"), StringComparison.Ordinal)))).ProblemAsync(400);
        var submitted = await safetyOfficer.PostAsync($"{caseUrl}/susar-submissions", Json(submission));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var stopped = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clock");
        Assert.False(stopped.GetProperty("initial").GetProperty("late").GetBoolean());
        Assert.Equal(JsonValueKind.Null, stopped.GetProperty("next").ValueKind);
        await (await safetyOfficer.PostAsync($"{caseUrl}/susar-submissions", Json(submission))).ProblemAsync(409);
        Assert.DoesNotContain((await safetyOfficer.GetFromJsonAsync<JsonElement>("/api/v1/safety-reports/open-clocks")).EnumerateArray(), c => c.GetProperty("adverseEventId").GetString() == id);

        var history = (await nurse.GetFromJsonAsync<JsonElement>($"{caseUrl}/expedited-report")).GetProperty("history").EnumerateArray().ToArray();
        Assert.Contains(history, e => e.GetProperty("type").GetString() == "adverse-event.expectedness-assessed.v1" && e.GetProperty("recordedBy").GetString() == trial.UserOf(Roles.MedicalMonitor));
        Assert.Contains(history, e => e.GetProperty("type").GetString() == "adverse-event.susar-report-submitted.v1" && e.GetProperty("role").GetString() == Roles.SafetyOfficer);
    }

    [Fact]
    public async Task only_the_safety_officer_who_opened_a_susar_sees_its_treatment_at_onset()
    {
        var (id, subject) = await SeriousRelatedCaseAsync();
        var caseUrl = $"{Api}/adverse-events/{id}";
        using var medicalMonitor = await trial.ApiClientAsync(Roles.MedicalMonitor);
        using var safetyOfficer = await trial.ApiClientAsync(Roles.SafetyOfficer);
        using var investigator = await trial.ApiClientAsync(Roles.Investigator);
        const string reason = """{"reason":"The CIOMS report to the authority states whether the participant was on the investigational product."}""";

        var notASusar = await (await safetyOfficer.PostAsync($"{caseUrl}/treatment-at-onset", Json(reason))).ProblemAsync(409);
        Assert.Equal("adverse-event.not-a-susar", notASusar.GetProperty("code").GetString());
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.MedicalMonitor)), new AssessExpectedness(id, Expectedness.Unexpected, null)));

        await (await safetyOfficer.GetAsync($"{caseUrl}/treatment-at-onset")).ProblemAsync(403);
        await (await medicalMonitor.GetAsync($"{caseUrl}/treatment-at-onset")).ProblemAsync(403);
        await (await medicalMonitor.PostAsync($"{caseUrl}/treatment-at-onset", Json(reason))).ProblemAsync(403);
        await (await investigator.PostAsync($"{caseUrl}/treatment-at-onset", Json(reason))).ProblemAsync(403);
        await (await safetyOfficer.PostAsync($"{caseUrl}/treatment-at-onset", Json("""{"reason":""}"""))).ProblemAsync(400);

        var opened = await safetyOfficer.PostAsync($"{caseUrl}/treatment-at-onset", Json(reason));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var treatment = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var allocation = await trial.App.Services.GetRequiredService<AllocationViews>().GetParticipantAllocationAsync(TrialAppFixture.Code, subject.ToString(), trial.ActorOf(Roles.Pharmacist));
        var given = allocation!.Periods.Single(p => p.PeriodNumber == 1);
        Assert.Equal(1, treatment.GetProperty("period").GetInt32());
        Assert.Equal(given.TreatmentCode, treatment.GetProperty("treatmentCode").GetString());
        Assert.Equal(TrialAppFixture.Demo.Treatment(given.TreatmentCode).Placebo, treatment.GetProperty("placebo").GetBoolean());

        using var officerPages = await trial.SignedInAsync(Roles.SafetyOfficer);
        var officerPage = WebUtility.HtmlDecode(await officerPages.GetStringAsync($"{Pages}/adverse-events/{id}"));
        Assert.Contains(given.TreatmentLabel, officerPage, StringComparison.Ordinal);

        // The opening is in the case's history for everyone; what was seen is not.
        foreach (var role in new[] { Roles.MedicalMonitor, Roles.Investigator, Roles.Monitor })
        {
            using var client = await trial.SignedInAsync(role);
            var page = WebUtility.HtmlDecode(await client.GetStringAsync($"{Pages}/adverse-events/{id}"));
            Assert.Contains("treatment at onset opened by the safety officer", page, StringComparison.Ordinal);
            foreach (var t in TrialAppFixture.Demo.Treatments)
            {
                Assert.DoesNotContain(t.Label, page, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotContain("susar-treatment", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task the_pages_offer_each_form_to_its_role_and_the_clock_reaches_the_dashboard()
    {
        var (id, _) = await SeriousRelatedCaseAsync();
        var url = $"{Pages}/adverse-events/{id}";
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);
        using var medicalMonitor = await trial.SignedInAsync(Roles.MedicalMonitor);
        using var safetyOfficer = await trial.SignedInAsync(Roles.SafetyOfficer);

        Assert.DoesNotContain("Expectedness.Value", await nurse.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Contains("Expectedness.Value", await medicalMonitor.GetStringAsync(url), StringComparison.Ordinal);

        var refused = await Forms.PostAsync(medicalMonitor, url, "expectedness", new() { ["Expectedness.Value"] = "Expected", ["Expectedness.Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("give the reason for deciding otherwise", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bad = await Forms.PostAsync(medicalMonitor, url, "expectedness", new() { ["Expectedness.Value"] = "<script>" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Choose expected or unexpected.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var assessed = await Forms.PostAsync(medicalMonitor, url, "expectedness", new() { ["Expectedness.Value"] = "Unexpected" });
        Assert.Equal(HttpStatusCode.Redirect, assessed.StatusCode);
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(15).ToString("yyyy-MM-dd");
        var nursePage = await nurse.GetStringAsync(url);
        Assert.Contains($"Initial report due {due}: 15 days left", WebUtility.HtmlDecode(nursePage), StringComparison.Ordinal);
        Assert.DoesNotContain("Submission.Authority", nursePage, StringComparison.Ordinal);
        Assert.Contains("Submission.Authority", await safetyOfficer.GetStringAsync(url), StringComparison.Ordinal);

        Assert.Contains(id, SusarCard(await nurse.GetStringAsync(Pages)), StringComparison.Ordinal);
        Assert.Contains(id, await medicalMonitor.GetStringAsync($"{Pages}/safety-reports"), StringComparison.Ordinal);
        Assert.Contains(id, await safetyOfficer.GetStringAsync("/safety-reports"), StringComparison.Ordinal);

        var badDay = await Forms.PostAsync(safetyOfficer, url, "susar-submission", new() { ["Submission.Kind"] = "Initial", ["Submission.On"] = "31.12.2026", ["Submission.Authority"] = "FDA" });
        Assert.Equal(HttpStatusCode.OK, badDay.StatusCode);
        Assert.Contains("Enter the day of submission", await badDay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var submitted = await Forms.PostAsync(safetyOfficer, url, "susar-submission", new()
        {
            ["Submission.Kind"] = "Initial",
            ["Submission.On"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            ["Submission.Authority"] = "FDA",
            ["Submission.Reference"] = "MW-9",
        });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains("submitted", await nurse.GetStringAsync(url), StringComparison.Ordinal);
        Assert.DoesNotContain(id, SusarCard(await nurse.GetStringAsync(Pages)), StringComparison.Ordinal);
    }

    /// <summary>A <see cref="SeriousRelatedCaseAsync"/> case (hypertension is not among the demo's expected terms) that the medical monitor assessed expected.</summary>
    private async Task<string> AssessedExpectedAsync()
    {
        var (id, _) = await SeriousRelatedCaseAsync();
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(
            CommandContext.New(trial.ActorOf(Roles.MedicalMonitor)), new AssessExpectedness(id, Expectedness.Expected, "Judged a known class effect of NMDA antagonists.")));
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

    /// <summary>The dashboard's card of running SUSAR clocks (empty when there is none).</summary>
    private static string SusarCard(string dashboard)
    {
        var start = dashboard.IndexOf("id=\"susar-clocks-card\"", StringComparison.Ordinal);
        return start < 0 ? string.Empty : dashboard[start..dashboard.IndexOf("</section>", start, StringComparison.Ordinal)];
    }
}
