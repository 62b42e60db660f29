using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Dosing;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Blinding;

/// <summary>
/// The demo trial as the generator seeds it, plus a participant between periods (period 1 dosed,
/// period 2 weighed and prepared, washout running), so that every page has its forms and
/// instructions to render.
/// </summary>
public sealed class BlindingFixture : TrialAppFixture
{
    protected override bool SeedDemo => true;

    public SubjectNumber InWashout { get; private set; }

    /// <summary>
    /// A participant whose period-1 weight was corrected after the dose was prepared, the dose then
    /// prepared anew, the weight corrected again and the dose confirmed, and the weight corrected a
    /// third time: the dose awaits the pharmacy's re-check (ADR 0020).
    /// </summary>
    public SubjectNumber AwaitingRecheck { get; private set; }

    protected override async Task AddDataAsync()
    {
        InWashout = await InWashoutAsync();
        AwaitingRecheck = await AwaitingRecheckAsync();

        // A query with its whole conversation and a verification, so the query and SDV pages render with content.
        var monitor = CommandContext.New(ActorOf(Roles.Monitor));
        await Must(Commands.SendCommandAsync(monitor, new Queries.RaiseQuery(Demo.Code, InWashout, new Queries.DataItem(Queries.DataItemKind.Weight, 1), "Weight differs from the source?")));
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.DataEntry)), new Queries.AnswerQuery(Demo.Code, InWashout, 1, "Checked: as in the source")));
        await Must(Commands.SendCommandAsync(monitor, new SourceVerification.VerifySourceData(Demo.Code, InWashout)));
    }

    private async Task<SubjectNumber> AwaitingRecheckAsync()
    {
        var subject = await RandomizedParticipantAsync();
        var weighedAt = DateTimeOffset.UtcNow.AddMinutes(-60);
        await PreparedAsync(subject, 1, weighedAt);
        var nurse = CommandContext.New(ActorOf(Roles.DataEntry));
        var kit = (await ParticipantRegister.LoadAsync(Demo.Code, subject)).Participant.Kits[1];
        await Must(Commands.SendCommandAsync(nurse, new CorrectSessionWeight(Demo.Code, subject, 1, 60m, weighedAt, "Scale was not zeroed")));
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Pharmacist)), new ReplaceDosePreparation(Demo.Code, subject, 1, kit, weighedAt.AddMinutes(15), "First syringe discarded", SecondPharmacist, Password)));
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.DataEntry)), new CorrectSessionWeight(Demo.Code, subject, 1, 60.2m, weighedAt, "Transcription error")));
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Pharmacist)), new ConfirmDosePreparation(Demo.Code, subject, 1, "Within the protocol's rounding", SecondPharmacist, Password)));
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.DataEntry)), new CorrectSessionWeight(Demo.Code, subject, 1, 64m, weighedAt, "Weighed again")));
        return subject;
    }
}

/// <summary>
/// DESIGN.md §6: a blinded user cannot reach treatment identity through any page or API. Every
/// GET endpoint of the app is taken from its endpoint data sources (so a new page or endpoint is
/// covered without touching this test), its route parameters filled with real trial codes,
/// subject numbers, periods and adverse-event ids, and its answer searched for the treatments'
/// codes, labels and distinctive words, as each blinded role.
/// </summary>
public sealed partial class BlindingLeakTests(BlindingFixture trial) : IClassFixture<BlindingFixture>
{
    /// <summary>
    /// Roles that must never see treatment identity in a trial that is not unblinded. The safety
    /// officer too: the demo's SUSAR is not opened, and the role alone opens nothing (ADR 0026).
    /// </summary>
    public static readonly TheoryData<string> BlindedRoles =
        [Roles.Coordinator, Roles.DataEntry, Roles.Investigator, Roles.Monitor, Roles.Statistician, Roles.Administrator, Roles.MedicalMonitor, Roles.SafetyOfficer];

    [Theory]
    [MemberData(nameof(BlindedRoles))]
    public async Task no_page_or_api_answer_names_a_treatment_for_a_blinded_role(string role)
    {
        var values = await RouteValuesAsync();
        var detector = await LeakDetectorAsync();
        using var client = await trial.SignedInAsync(role);
        var paths = GetPaths(values);
        Assert.True(paths.Count > 100, $"only {paths.Count} paths");

        var failures = new List<string>();
        var pages = 0;
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            // The error page answers 500 by design; any other 500 could hide a leak behind the failure.
            if ((int)response.StatusCode >= 500 && path != "/error")
            {
                failures.Add($"{path}: {(int)response.StatusCode}");
                continue;
            }

            pages += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
            failures.AddRange(detector.Find(body).Select(leak => $"{path} ({(int)response.StatusCode}): {leak}"));
        }

        Assert.True(failures.Count == 0, $"{role}:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(40))}");
        Assert.True(pages > 50, $"{role} got only {pages} pages with 200");
    }

    [Fact]
    public async Task the_pharmacist_sees_the_treatments_on_the_pharmacy_pages_and_the_detector_finds_them()
    {
        var detector = await LeakDetectorAsync();
        using var client = await trial.SignedInAsync(Roles.Pharmacist);

        var page = await client.GetStringAsync($"/trials/{TrialAppFixture.Code}/pharmacy");
        var preparation = await client.GetStringAsync($"/trials/{TrialAppFixture.Code}/pharmacy/{trial.InWashout}/2");
        var api = await client.GetStringAsync($"/api/v1/trials/{TrialAppFixture.Code}/pharmacy");

        foreach (var treatment in TrialAppFixture.Demo.Treatments)
        {
            Assert.Matches(TreatmentCode(treatment.Code), page);
            Assert.Contains(treatment.Label, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
            Assert.Matches(TreatmentCode(treatment.Code), api);
        }

        Assert.NotEmpty(detector.Find(page));
        Assert.NotEmpty(detector.Find(preparation));
        Assert.NotEmpty(detector.Find(api));
    }

    [Theory]
    [MemberData(nameof(BlindedRoles))]
    public async Task a_dose_awaiting_the_pharmacys_recheck_is_shown_to_blinded_roles_without_anything_arm_specific(string role)
    {
        var detector = await LeakDetectorAsync();
        using var client = await trial.SignedInAsync(role);
        var subject = trial.AwaitingRecheck.ToString();

        using var session = await client.GetAsync($"/trials/{TrialAppFixture.Code}/participants/{subject}/periods/1");
        using var api = await client.GetAsync($"/api/v1/trials/{TrialAppFixture.Code}/participants/{subject}/sessions/1");
        using var audit = await client.GetAsync($"/trials/{TrialAppFixture.Code}/participants/{subject}/audit");
        var bodies = new List<(HttpResponseMessage r, string Body)>();
        foreach (var response in new[] { session, api, audit })
        {
            bodies.Add((response, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(bodies, b => Assert.True((int)b.r.StatusCode < 500, $"{b.r.RequestMessage!.RequestUri}: {(int)b.r.StatusCode}"));
        Assert.All(bodies, b => Assert.Empty(detector.Find(b.Body)));
        if (session.StatusCode == HttpStatusCode.OK)
        {
            Assert.Contains("the dose awaits the pharmacy's re-check", WebUtility.HtmlDecode(bodies[0].Body), StringComparison.Ordinal);
        }

        if (api.StatusCode == HttpStatusCode.OK)
        {
            Assert.Contains("\"awaitsPharmacyRecheck\":true", bodies[1].Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task the_pages_that_show_treatments_refuse_blinded_roles()
    {
        using var monitor = await trial.SignedInAsync(Roles.Monitor);
        using var statistician = await trial.ApiClientAsync(Roles.Statistician);

        var page = await monitor.GetAsync($"/trials/{TrialAppFixture.Code}/pharmacy");
        var api = await statistician.GetAsync($"/api/v1/trials/{TrialAppFixture.Code}/pharmacy");
        var allocation = await statistician.GetAsync($"/api/v1/trials/{TrialAppFixture.Code}/participants/{trial.InWashout}/allocation");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/access-denied", page.RedirectPath(), StringComparison.Ordinal);
        await api.ProblemAsync(403);
        await allocation.ProblemAsync(403);
    }

    /// <summary>The blinded roles that may open the blinded data review (issue 12).</summary>
    public static readonly TheoryData<string> BlindedReviewers = [Roles.Coordinator, Roles.Investigator, Roles.Monitor, Roles.Statistician];

    [Theory]
    [MemberData(nameof(BlindedReviewers))]
    public async Task the_blinded_data_review_names_no_treatment_no_sequence_and_no_participant(string role)
    {
        var detector = await LeakDetectorAsync();
        var participants = await trial.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(TrialAppFixture.Code, PageSize: 500));
        using var client = await trial.SignedInAsync(role);

        var response = await client.GetAsync($"/trials/{TrialAppFixture.Code}/review");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Scales by period and time point", html, StringComparison.Ordinal);
        Assert.Empty(detector.Find(html));
        foreach (var sequence in TrialAppFixture.Demo.Sequences)
        {
            foreach (var separator in new[] { "/", "-", "", " " })
            {
                Assert.DoesNotContain(string.Join(separator, sequence.TreatmentCodes), html, StringComparison.Ordinal);
            }
        }

        // Pooled only: no subject number, so no value can be tied to a participant (and through the participant to an allocation).
        Assert.NotEmpty(participants.Items);
        Assert.All(participants.Items, p => Assert.DoesNotContain(p.Subject, html, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BlindedRoles))]
    public async Task blinded_roles_get_only_pooled_period_charts_with_no_treatment_and_no_sequence(string role)
    {
        var detector = await LeakDetectorAsync();
        using var client = await trial.SignedInAsync(role);

        var charts = await client.GetStringAsync($"/trials/{TrialAppFixture.Code}/charts");
        var dashboard = await client.GetStringAsync($"/trials/{TrialAppFixture.Code}");
        var worklist = await client.GetStringAsync("/api/v1/worklist");

        Assert.Contains("over time by period, pooled", charts, StringComparison.Ordinal);
        Assert.Contains("<svg viewBox=", charts, StringComparison.Ordinal);
        Assert.DoesNotContain("sequence", charts, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sequence", worklist, StringComparison.OrdinalIgnoreCase);
        foreach (var html in new[] { charts, dashboard, worklist })
        {
            Assert.Empty(detector.Find(html));
            foreach (var sequence in TrialAppFixture.Demo.Sequences)
            {
                Assert.DoesNotContain(string.Join("/", sequence.TreatmentCodes), html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task the_pharmacist_gets_the_primary_scale_by_treatment_and_the_detector_finds_it()
    {
        var detector = await LeakDetectorAsync();
        using var client = await trial.SignedInAsync(Roles.Pharmacist);

        var charts = await client.GetStringAsync($"/trials/{TrialAppFixture.Code}/charts");

        Assert.Contains("over time by treatment", charts, StringComparison.Ordinal);
        Assert.NotEmpty(detector.Find(charts));
        foreach (var treatment in TrialAppFixture.Demo.Treatments)
        {
            Assert.Contains(treatment.Label, WebUtility.HtmlDecode(charts), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(BlindedRoles))]
    public async Task the_analysis_page_and_its_files_refuse_every_blinded_role(string role)
    {
        using var client = await trial.SignedInAsync(role);
        var files = new[] { "analysis.json", "report.html", "consort.svg", "export.zip" }
            .SelectMany(file => new[] { 1L, 404L }.Select(id => $"/trials/{TrialAppFixture.Code}/analysis/{id}/{file}"));

        var page = await client.GetAsync($"/trials/{TrialAppFixture.Code}/analysis");
        if (role == Roles.Statistician)
        {
            // The Statistician is told why not (the trial is not unblinded), with no way to run it.
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("unblind", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("run-analysis", html, StringComparison.Ordinal);
            foreach (var path in files)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
            }

            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/access-denied", page.RedirectPath(), StringComparison.Ordinal);
        foreach (var path in files)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/access-denied", response.RedirectPath(), StringComparison.Ordinal);
        }
    }

    /// <summary>GET paths of every endpoint, each route parameter replaced by every real value known for its name.</summary>
    private List<string> GetPaths(IReadOnlyDictionary<string, string[]> values)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var endpoints = trial.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is { } methods && !methods.HttpMethods.Contains("GET"))
            {
                continue;
            }

            if (AuthorizationTests.IsStaticAsset(endpoint))
            {
                // The framework's and the app's script and style files: the same bytes for everyone.
                continue;
            }

            foreach (var path in Expand(endpoint.RoutePattern, values))
            {
                paths.Add(path);
            }
        }

        return [.. paths];
    }

    private static IEnumerable<string> Expand(RoutePattern pattern, IReadOnlyDictionary<string, string[]> values)
    {
        IEnumerable<string> paths = [string.Empty];
        foreach (var segment in pattern.PathSegments)
        {
            IEnumerable<string> parts = [string.Empty];
            foreach (var part in segment.Parts)
            {
                string[] options = part switch
                {
                    RoutePatternLiteralPart literal => [literal.Content],
                    RoutePatternSeparatorPart separator => [separator.Content],
                    RoutePatternParameterPart parameter => ValuesFor(parameter, values),
                    _ => [string.Empty],
                };
                parts = parts.SelectMany(prefix => options.Select(option => prefix + option)).ToArray();
            }

            paths = paths.SelectMany(prefix => parts.Select(part => prefix + "/" + part)).ToArray();
        }

        return paths.Select(p => p.Length == 0 ? "/" : p);
    }

    private static string[] ValuesFor(RoutePatternParameterPart parameter, IReadOnlyDictionary<string, string[]> values)
    {
        var isInt = parameter.ParameterPolicies.Any(p => p.Content == "int");
        var key = isInt && !parameter.Name.Equals("period", StringComparison.OrdinalIgnoreCase) && !parameter.Name.Equals("number", StringComparison.OrdinalIgnoreCase) ? "int" : parameter.Name.ToLowerInvariant();
        Assert.True(values.TryGetValue(key, out var found), $"The blinding test has no value for route parameter '{parameter.Name}': add one in {nameof(RouteValuesAsync)}.");
        return found!;
    }

    /// <summary>Real values for every route parameter name the app uses.</summary>
    private async Task<IReadOnlyDictionary<string, string[]>> RouteValuesAsync()
    {
        var code = TrialAppFixture.Code;
        var status = await trial.ProtocolViews.GetTrialStatusAsync(code, trial.ActorOf(Roles.Monitor));
        var unblinded = status!.EmergencyUnblindings.Select(b => b.ParticipantId).First();
        var all = await trial.ParticipantRegister.ListParticipantsAsync(new ParticipantListQuery(code, PageSize: 500));
        var withdrawn = all.Items.First(p => p.Status == ParticipantStatus.Withdrawn).Subject;
        var screenFailed = all.Items.First(p => p.Status == ParticipantStatus.ScreenFailed).Subject;
        var susars = (await trial.App.Services.GetRequiredService<SafetyReports>().SusarsAsync(code, trial.ActorOf(Roles.MedicalMonitor))).Select(s => s.AdverseEventId).ToArray();
        Assert.NotEmpty(susars);
        var adverseEvents = (await trial.AdverseEventRegister.GetAdverseEventsAsync(code, unblinded)).Select(a => a.AdverseEventId).Take(3).Union(susars).ToArray();
        Assert.NotEmpty(adverseEvents);
        return new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["code"] = [code],
            ["subject"] = [unblinded, withdrawn, screenFailed, trial.InWashout.ToString(), trial.AwaitingRecheck.ToString()],
            ["period"] = ["1", "2"],
            ["id"] = adverseEvents,
            ["stratum"] = ["S01"],
            ["username"] = [trial.UserOf(Roles.Monitor)],
            ["documentname"] = ["v1"],
            ["int"] = ["404"],
            ["number"] = ["1", "404"],
            // The static files fallback of a run from the build output ({**path:file}).
            ["path"] = ["favicon.svg", "css/site.css"],
            ["record"] = ["eligibility", "casebook"],
        };
    }

    /// <summary>
    /// What identifies a treatment: its code as a whole token (the protocol code KET-NP-01 is taken
    /// out first), its label, the distinctive words of its label, and a sequence number. Public
    /// texts that name the drugs without revealing any allocation (the protocol's title, an
    /// investigator's code-break reason written before the break) are taken out first.
    /// </summary>
    private async Task<LeakDetector> LeakDetectorAsync()
    {
        var status = await trial.ProtocolViews.GetTrialStatusAsync(TrialAppFixture.Code, trial.ActorOf(Roles.Monitor));
        var publicTexts = new[] { TrialAppFixture.Demo.Title, TrialAppFixture.Demo.Indication }
            .Concat(status!.EmergencyUnblindings.Select(b => b.Reason))
            .ToArray();
        var treatments = TrialAppFixture.Demo.Treatments;
        var words = treatments.SelectMany(t => new[] { t.Label, string.Join(' ', t.Label.Split(' ').Take(2)) })
            .Concat(["ketamine", "saline", "sodium chloride"])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return new LeakDetector(TrialAppFixture.Code, treatments.Select(t => t.Code).ToArray(), words, publicTexts);
    }

    private static Regex TreatmentCode(string code) => new($"(?<![A-Za-z0-9]){Regex.Escape(code)}(?![A-Za-z0-9])");

    private sealed partial class LeakDetector(string protocolCode, string[] codes, string[] words, string[] publicTexts)
    {
        public IEnumerable<string> Find(string body)
        {
            var text = Normalize(body);
            foreach (var code in codes)
            {
                if (TreatmentCode(code).Match(text) is { Success: true } match)
                {
                    yield return $"treatment code {code}: …{Around(text, match.Index)}…";
                }
            }

            foreach (var word in words)
            {
                var index = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
                if (index >= 0)
                {
                    yield return $"'{word}': …{Around(text, index)}…";
                }
            }

            if (SequenceNumber().Match(text) is { Success: true } sequence)
            {
                yield return $"sequence number: …{Around(text, sequence.Index)}…";
            }

            if (MilligramDose().Match(text) is { Success: true } dose)
            {
                yield return $"dose in mg: …{Around(text, dose.Index)}…";
            }
        }

        private string Normalize(string body)
        {
            var text = WebUtility.HtmlDecode(JsonEscape().Replace(body, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()));
            text = AntiforgeryToken().Replace(text, "value=\"\"");
            foreach (var allowed in publicTexts.Append(protocolCode))
            {
                text = text.Replace(allowed, "⟨public⟩", StringComparison.Ordinal);
            }

            return text;
        }

        private static string Around(string text, int index) => text.Substring(Math.Max(0, index - 60), Math.Min(120, text.Length - Math.Max(0, index - 60))).ReplaceLineEndings(" ");

        [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
        private static partial Regex JsonEscape();

        [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
        private static partial Regex AntiforgeryToken();

        [GeneratedRegex(@"(?i)\bsequence\w*[""']?\s*[:=]?\s*\d")]
        private static partial Regex SequenceNumber();

        [GeneratedRegex(@"\d\s*mg\b")]
        private static partial Regex MilligramDose();
    }
}
