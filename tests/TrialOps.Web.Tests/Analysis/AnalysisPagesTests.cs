using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Analysis;
using TrialOps.Analysis.Rendering;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Web.Components.Pages.Analysis;
using TrialOps.Web.Hosting;
using TrialOps.Web.Tests.Exports;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Analysis;

/// <summary>
/// The blinded data review page (pooled, period-level, for the roles that review data, at their
/// sites) and the Statistician's analysis page (issue 12): refused or explained before unblinding,
/// afterwards it runs what <c>trialops analyze</c> runs, keeps it, shows its numbers and serves its
/// files exactly as stored.
/// </summary>
public sealed class AnalysisPagesTests(ExportsFixture trial) : IClassFixture<ExportsFixture>
{
    private const string Code = TrialAppFixture.Code;
    private const string Review = $"/trials/{Code}/review";
    private const string Page = $"/trials/{Code}/analysis";

    public static TheoryData<string> Reviewers => new(BlindedDataReview.ReviewRoles);

    public static TheoryData<string> NotReviewers => new(Roles.All.Except(BlindedDataReview.ReviewRoles));

    [Theory]
    [MemberData(nameof(Reviewers))]
    public async Task a_reviewer_sees_the_pooled_flow_scales_and_adverse_events_of_every_participant(string role)
    {
        var participants = await ParticipantsAsync();
        using var client = await trial.SignedInAsync(role);

        var response = await client.GetAsync(Review);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<dt>Screened</dt><dd>{participants.Count}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>Randomized</dt><dd>{participants.Count(p => p.RandomizedAt is not null)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains("all sites.", html, StringComparison.Ordinal);
        Assert.Contains("Pre-dose", html, StringComparison.Ordinal);
        Assert.Contains("Period 2", html, StringComparison.Ordinal);
        // No participant's own row: no subject number anywhere on the page.
        Assert.All(participants, p => Assert.DoesNotContain(p.Subject, html, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(NotReviewers))]
    public async Task the_review_page_sends_other_roles_to_access_denied(string role)
    {
        using var client = await trial.SignedInAsync(role);

        var response = await client.GetAsync(Review);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.RedirectPath(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_review_reconciles_with_the_participants_and_their_recorded_values()
    {
        var participants = await ParticipantsAsync();
        var review = (await new BlindedDataReview(trial.Runtime).ReadAsync(Code, trial.ActorOf(Roles.Monitor))).Review!;

        Assert.Equal(participants.Count, review.Flow.Screened);
        Assert.Equal(participants.Count, review.Flow.Randomized + review.Flow.NotRandomized.Sum(r => r.Count));
        Assert.Equal(participants.Count(p => p.Status == ParticipantStatus.ScreenFailed), review.Flow.NotRandomized.Where(r => r.Reason == "Screen failure").Sum(r => r.Count));
        Assert.Equal(participants.Count(p => p.Status == ParticipantStatus.Completed), review.Flow.CompletedTrial);
        Assert.Equal(
            participants.Count(p => p.Status == ParticipantStatus.Withdrawn && p.RandomizedAt is not null),
            review.Flow.DiscontinuedBeforeDosing.Concat(review.Flow.Periods.SelectMany(p => p.Discontinued)).Sum(r => r.Count));
        Assert.True(review.Flow.Periods[0].Dosed >= review.Flow.Periods[1].Dosed);

        // Every recorded pain score of period 1 at the primary time, pooled, read back from the participants' streams.
        var pain = TrialAppFixture.Demo.Assessments.First(a => a.Kind == AssessmentKind.Scale);
        var time = pain.Times.First(t => t.AfterDosingStart > TimeSpan.Zero);
        var values = new List<double>();
        foreach (var participant in participants)
        {
            var state = ParticipantState.From((await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, SubjectNumber.Parse(participant.Subject)), null, default)).Select(e => e.Data));
            if (state.Assessments.TryGetValue(new AssessmentKey(1, pain.Code, time.Iso), out var recorded) && recorded.Value is { } value)
            {
                values.Add((double)value);
            }
        }

        var summary = review.Scales.Single(s => s.Scale == pain.Code && s.Period == 1 && s.AfterDosingStart == time.AfterDosingStart);
        Assert.Equal(values.Count, summary.N);
        Assert.True(values.Count > 2);
        Assert.Equal(values.Average(), summary.Mean!.Value, 1e-9);
        Assert.Equal(values.Min(), summary.Minimum);
        Assert.Equal(values.Max(), summary.Maximum);

        var events = await trial.AdverseEventRegister.GetAdverseEventsAsync(Code, participants.Select(p => p.Subject).First());
        Assert.True(review.AdverseEvents.Sum(a => a.Events) >= events.Count);
    }

    [Fact]
    public async Task a_coordinator_of_one_site_reviews_that_sites_participants_only()
    {
        var participants = await ParticipantsAsync();
        var atS01 = participants.Count(p => p.Site == "S01");
        Assert.True(atS01 > 0 && atS01 < participants.Count, "the demo trial needs participants at S01 and elsewhere");
        const string name = "coordinator.review.s01";
        var created = await trial.Identity.CreateUserAsync(
            CommandContext.New(new Actor(IdentityService.AdministratorUserName, Roles.Administrator)),
            new NewUser(name, "Coordinator of S01", Roles.Coordinator, ["S01"], TrialAppFixture.Password));
        Assert.True(created.Accepted, created.Rejection?.Message);
        using var client = trial.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, "/login", "login", new() { ["Input.UserName"] = name, ["Input.Password"] = TrialAppFixture.Password })).StatusCode);

        var html = await client.GetStringAsync(Review);

        Assert.Contains($"<dt>Screened</dt><dd>{atS01}</dd>", html, StringComparison.Ordinal);
        Assert.Contains("your sites only: S01.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_statistician_is_told_why_not_before_unblinding_then_runs_the_analysis_and_gets_its_stored_files()
    {
        using var statistician = await trial.SignedInAsync(Roles.Statistician);
        using var monitor = await trial.SignedInAsync(Roles.Monitor);

        // Before unblinding: the reason, no form, no files; other roles are sent away.
        var before = await statistician.GetAsync(Page);
        var beforeHtml = await before.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("unblind", beforeHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("run-analysis", beforeHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await statistician.GetAsync($"{Page}/1/analysis.json")).StatusCode);
        var refused = await monitor.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/access-denied", refused.RedirectPath(), StringComparison.Ordinal);

        await trial.LockAndUnblindAsync("Analysis test: locked as the data stand");

        // A form post without its antiforgery token does nothing.
        var forged = await Forms.PostAsync(statistician, Page, "run-analysis", new(), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var run = await Forms.PostAsync(statistician, Page, "run-analysis", new());
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        var location = run.RedirectPath()!;
        Assert.StartsWith($"{Page}?id=", location, StringComparison.Ordinal);
        var id = long.Parse(location[(location.IndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        var pageResponse = await statistician.GetAsync(location);
        var html = await pageResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, pageResponse.Headers.GetValues("Content-Security-Policy").Single());

        // The page states the export analysed (position and ledger hash, as the audit trail recorded it).
        using var api = await trial.ApiClientAsync(Roles.Statistician);
        var export = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{Code}/exports")).EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
        Assert.False(export.GetProperty("blinded").GetBoolean());
        // The export page offers the analysed export too (kept with its analysis).
        Assert.True(export.GetProperty("stored").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(export.GetProperty("archive").GetString())).StatusCode);
        Assert.Contains($"<dt>As of ledger position</dt><dd>{export.GetProperty("asOfPosition").GetInt64()}</dd>", html, StringComparison.Ordinal);
        Assert.Contains(export.GetProperty("ledgerHash").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains(trial.UserOf(Roles.Statistician), html, StringComparison.Ordinal);

        // The numbers on the page are those of the downloaded analysis.json.
        var jsonResponse = await statistician.GetAsync($"{Page}/{id}/analysis.json");
        Assert.Equal(HttpStatusCode.OK, jsonResponse.StatusCode);
        var result = AnalysisJson.Read(await jsonResponse.Content.ReadAsStringAsync())!;
        var endpoint = result.Endpoints[0];
        Assert.Contains($"<td class=\"num\">{Format.Number(endpoint.HillsArmitage[0].TreatmentEffect.Estimate, 3)}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"num\">{Format.Number(endpoint.HillsArmitage[0].PeriodEffect.Estimate, 3)}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"num\">{Format.Number(endpoint.MixedModel!.Comparisons[0].Estimate, 3)}</td>", html, StringComparison.Ordinal);
        // Compared as text: the page and HtmlEncode escape characters such as the minus sign differently.
        Assert.Contains(endpoint.Responders[0].NumberNeeded.Statement, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains($"{Format.P(endpoint.Responders[0].McNemarExactP)}", html, StringComparison.Ordinal);
        Assert.Contains($"<img class=\"consort\" src=\"{Page}/{id}/consort.svg\"", html, StringComparison.Ordinal);
        var frame = System.Text.RegularExpressions.Regex.Match(html, "<iframe[^>]*>").Value;
        Assert.Contains($"src=\"{Page}/{id}/report.html\"", frame, StringComparison.Ordinal);
        Assert.Matches("\\ssandbox(=\"\")?[\\s>]", frame);
        Assert.Contains($"CONSORT flow: {result.Consort.Screened} screened, {result.Consort.Randomized} randomized", html, StringComparison.Ordinal);

        // The files are the stored ones, byte for byte; the report has a policy of its own for the sandboxed frame.
        var entry = (await AnalysisWorkspace.For(trial.App.Services).FindAsync(Code, id, default))!;
        foreach (var (file, type) in new[] { (AnalysisJson.FileName, "application/json"), (ConsortDiagram.FileName, "image/svg+xml"), (AnalysisReport.FileName, "text/html") })
        {
            var response = await statistician.GetAsync($"{Page}/{id}/{file}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(await File.ReadAllBytesAsync(entry.File(file)), await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(file == AnalysisReport.FileName ? AnalysisFileEndpoints.ReportPolicy : SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal(file == AnalysisReport.FileName ? "SAMEORIGIN" : "DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }

        // The export the analysis was derived from: its manifest is the one the audit trail recorded.
        var zip = await statistician.GetAsync($"{Page}/{id}/export.zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using (var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read))
        {
            using var manifest = archive.GetEntry("manifest.json")!.Open();
            using var bytes = new MemoryStream();
            await manifest.CopyToAsync(bytes);
            Assert.Equal(export.GetProperty("manifestSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
            Assert.NotNull(archive.GetEntry("adsl.csv"));
        }

        // Blinded roles stay out of the page and every file, also after unblinding.
        foreach (var path in new[] { location, $"{Page}/{id}/analysis.json", $"{Page}/{id}/report.html", $"{Page}/{id}/consort.svg", $"{Page}/{id}/export.zip" })
        {
            var denied = await monitor.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/access-denied", denied.RedirectPath(), StringComparison.Ordinal);
        }

        // A second run is listed beside the first, which can be opened again.
        var second = await Forms.PostAsync(statistician, Page, "run-analysis", new());
        var secondId = long.Parse(second.RedirectPath()![(second.RedirectPath()!.IndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(secondId > id);
        var newest = await statistician.GetStringAsync(Page);
        Assert.Contains($"<h2 id=\"analysed\">Analysis {secondId}</h2>", newest, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page}?id={id}\"", newest, StringComparison.Ordinal);
        var reopened = await statistician.GetStringAsync($"{Page}?id={id}");
        Assert.Contains($"<h2 id=\"analysed\">Analysis {id}</h2>", reopened, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await statistician.GetAsync($"{Page}/{id + 100000}/analysis.json")).StatusCode);
    }

    private async Task<IReadOnlyList<ParticipantSummary>> ParticipantsAsync()
    {
        await trial.WaitForReadModelsAsync();
        return (await trial.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(Code, PageSize: ParticipantListQuery.MaxPageSize))).Items;
    }
}
