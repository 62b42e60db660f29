using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>The journey's pages over the demo trial: forms as a browser posts them, refusals next to their fields, confirmations, roles.</summary>
public sealed partial class JourneyPageTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/trials/{TrialAppFixture.Code}";

    private static string Now(int minutes = 0) => DateTime.UtcNow.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task a_participant_is_screened_confirmed_and_randomized_through_the_pages()
    {
        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);
        using var investigator = await trial.SignedInAsync(Roles.Investigator);

        var screened = await Forms.PostAsync(coordinator, $"{Trial}/participants/new", "screen", new()
        {
            ["Input.Site"] = "S02",
            ["Input.ConsentDate"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ConsentFormVersion"] = "2.1 (2026-01-15)",
        });
        Assert.Equal(HttpStatusCode.Redirect, screened.StatusCode);
        var participant = screened.RedirectPath()!.Split('?')[0];
        Assert.Contains("was screened", await coordinator.GetStringAsync(screened.RedirectPath()), StringComparison.Ordinal);

        var answers = new Dictionary<string, string>();
        foreach (var code in new[] { "IN01", "IN02", "IN03" })
        {
            answers[$"Input.Answers[{code}]"] = "yes";
        }

        var incomplete = await Forms.PostAsync(investigator, $"{participant}/eligibility", "eligibility", answers);
        Assert.Contains("are not answered", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var code in new[] { "EX01", "EX02", "EX03", "EX04" })
        {
            answers[$"Input.Answers[{code}]"] = "no";
        }

        var confirmed = await Forms.PostAsync(investigator, $"{participant}/eligibility", "eligibility", answers);
        Assert.Equal($"{participant}?done=eligibility", confirmed.RedirectPath());

        var randomized = await Forms.PostAsync(coordinator, participant, "randomize", []);
        Assert.Equal($"{participant}?done=randomized", randomized.RedirectPath());
        var page = await coordinator.GetStringAsync(randomized.RedirectPath());
        Assert.Contains("was randomized", page, StringComparison.Ordinal);
        Assert.Matches(KitCell(), page);
    }

    [Fact]
    public async Task a_refused_screening_shows_the_error_next_to_its_field_and_keeps_what_was_typed()
    {
        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);

        var response = await Forms.PostAsync(coordinator, $"{Trial}/participants/new", "screen", new()
        {
            ["Input.Site"] = "S01",
            ["Input.ConsentDate"] = "2099-03-01",
            ["Input.ConsentFormVersion"] = "kept version text",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"field-error\" id=\"consentDate-error\">The consent date 2099-03-01 lies in the future.</span>", html, StringComparison.Ordinal);
        Assert.Equal("kept version text", Forms.InputValue(html, "Input.ConsentFormVersion"));
        Assert.Equal("2099-03-01", Forms.InputValue(html, "Input.ConsentDate"));
    }

    [Fact]
    public async Task forms_are_offered_only_to_the_roles_that_may_use_them()
    {
        var subject = await trial.RandomizedParticipantAsync();
        using var monitor = await trial.SignedInAsync(Roles.Monitor);
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var screening = await monitor.GetAsync($"{Trial}/participants/new");
        Assert.Equal(HttpStatusCode.Redirect, screening.StatusCode);
        Assert.StartsWith("/access-denied", screening.RedirectPath(), StringComparison.Ordinal);
        var session = await monitor.GetStringAsync($"{Trial}/participants/{subject}/periods/1");
        Assert.DoesNotContain("Record weight", session, StringComparison.Ordinal);
        Assert.Contains("Record weight", await nurse.GetStringAsync($"{Trial}/participants/{subject}/periods/1"), StringComparison.Ordinal);
        var participant = await nurse.GetStringAsync($"{Trial}/participants/{subject}");
        Assert.DoesNotContain("Emergency unblinding", participant, StringComparison.Ordinal);
        Assert.DoesNotContain("Withdrawal, completion, consent", participant, StringComparison.Ordinal);
        Assert.Contains("Report an adverse event", participant, StringComparison.Ordinal);
    }

    [Fact]
    public async Task dosing_before_the_washout_has_elapsed_is_refused_with_its_reason_and_an_investigator_records_it_as_a_deviation()
    {
        var subject = await trial.InWashoutAsync();
        var session = $"{Trial}/participants/{subject}/periods/2";
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);
        using var investigator = await trial.SignedInAsync(Roles.Investigator);
        var startedAt = Now();

        var page = await nurse.GetStringAsync(session);
        Assert.Contains("Study infusion, 35.8 mL over 40 min", page, StringComparison.Ordinal);
        Assert.Contains("not yet elapsed", page, StringComparison.Ordinal);

        var refused = await Forms.PostAsync(nurse, session, "start", new() { ["Start.StartedAt"] = startedAt });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches(WashoutRefusal(), html);
        Assert.Equal(startedAt, Forms.InputValue(html, "Start.StartedAt"));

        var withoutReason = await Forms.PostAsync(investigator, session, "deviation", new() { ["Deviation.StartedAt"] = startedAt });
        Assert.Contains("id=\"deviation-reason-error\"", await withoutReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var deviation = await Forms.PostAsync(investigator, session, "deviation", new() { ["Deviation.StartedAt"] = startedAt, ["Deviation.Reason"] = "Participant travels abroad next week" });
        Assert.Equal($"{session}?done=deviation", deviation.RedirectPath());
        var after = await investigator.GetStringAsync(deviation.RedirectPath());
        Assert.Contains("started before the washout ended (protocol deviation)", after, StringComparison.Ordinal);
        Assert.Contains("Participant travels abroad next week", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_corrected_value_is_shown_with_the_original_and_who_when_why()
    {
        var subject = await trial.InWashoutAsync();
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var noReason = await Forms.PostAsync(nurse, $"{Trial}/participants/{subject}/periods/2", "weight-correction", new() { ["WeightCorrection.WeightKg"] = "72.4", ["WeightCorrection.MeasuredAt"] = Now(-20) });
        Assert.Contains("id=\"weightfix-reason-error\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var corrected = await Forms.PostAsync(nurse, $"{Trial}/participants/{subject}/periods/2", "weight-correction", new()
        {
            ["WeightCorrection.WeightKg"] = "72.4",
            ["WeightCorrection.MeasuredAt"] = Now(-20),
            ["WeightCorrection.Reason"] = "Scale was not zeroed",
        });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);

        var page = await nurse.GetStringAsync($"{Trial}/participants/{subject}");
        var history = page[page.IndexOf("<th scope=\"row\">P2 weight</th>", StringComparison.Ordinal)..];
        history = history[..history.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("Recorded <strong>71.5 kg</strong>", history, StringComparison.Ordinal);
        Assert.Contains("Corrected to <strong>72.4 kg</strong>", history, StringComparison.Ordinal);
        Assert.Contains($"by {trial.UserOf(Roles.DataEntry)} (DataEntry)", history, StringComparison.Ordinal);
        Assert.Contains("— Scale was not zeroed", history, StringComparison.Ordinal);
    }

    /// <summary>A new participant whose first dosing started 30 minutes ago, and the address of that period's assessments.</summary>
    private async Task<(TrialOps.Participants.SubjectNumber Subject, string AssessmentsPage)> DosingStartedAsync()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-30));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(TrialOps.Messaging.CommandContext.New(trial.ActorOf(Roles.DataEntry)), new TrialOps.Dosing.StartDosing(TrialAppFixture.Demo.Code, subject, 1, start)));
        return (subject, $"{Trial}/participants/{subject}/periods/1/assessments");
    }

    [Fact]
    public async Task an_out_of_range_assessment_is_refused_next_to_the_value_and_a_valid_one_is_confirmed()
    {
        var (subject, page) = await DosingStartedAsync();
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var refused = await Forms.PostAsync(nurse, page, "scale", new() { ["Scale.Item"] = "PAIN|PT20M", ["Scale.Value"] = "150", ["Scale.At"] = Now(-10) });
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches("<span class=\"field-error\" id=\"scale-value-error\">[^<]*150", html);
        Assert.Equal("150", Forms.InputValue(html, "Scale.Value"));

        var recorded = await Forms.PostAsync(nurse, page, "scale", new() { ["Scale.Item"] = "PAIN|PT20M", ["Scale.Value"] = "42", ["Scale.At"] = Now(-10) });
        Assert.Equal($"{page}?done=scale", recorded.RedirectPath());
        Assert.Contains("42 mm", await nurse.GetStringAsync(recorded.RedirectPath()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_missed_assessment_is_recorded_as_not_done_on_the_page_with_its_reason()
    {
        var (subject, page) = await DosingStartedAsync();
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var refused = await Forms.PostAsync(nurse, page, "notdone", new() { ["NotDoneInput.Item"] = "PAIN|PT20M", ["NotDoneInput.Reason"] = "" });
        Assert.Matches("<span class=\"field-error\" id=\"notdone-reason-error\">", await refused.Content.ReadAsStringAsync());

        var saved = await Forms.PostAsync(nurse, page, "notdone", new() { ["NotDoneInput.Item"] = "PAIN|PT20M", ["NotDoneInput.Reason"] = "Participant declined the scale" });
        Assert.Equal($"{page}?done=notdone", saved.RedirectPath());
        var html = await nurse.GetStringAsync(saved.RedirectPath());
        Assert.Contains("The assessment was recorded as not done, with the reason.", html, StringComparison.Ordinal);
        Assert.Contains("not done: Participant declined the scale", html, StringComparison.Ordinal);

        // No longer offered as not done, still open to a late value.
        Assert.DoesNotMatch("<select[^>]*name=\"NotDoneInput.Item\"[^>]*>(?:(?!</select>).)*value=\"PAIN\\|PT20M\"", Regex.Replace(html, "\\s+", " "));
        Assert.Matches("<select[^>]*name=\"Scale.Item\"[^>]*>(?:(?!</select>).)*value=\"PAIN\\|PT20M\"", Regex.Replace(html, "\\s+", " "));
        await trial.WaitForReadModelsAsync();
        Assert.Contains("Not done", await nurse.GetStringAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task vital_signs_beyond_the_protocols_limits_are_flagged_at_entry_and_listed_on_the_dashboard_for_their_sites()
    {
        var (subject, page) = await DosingStartedAsync();
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        // KET-NP-01's limits: systolic 180, diastolic 110, heart rate 120, SpO2 at least 92.
        var saved = await Forms.PostAsync(nurse, page, "vitals", new()
        {
            ["Vitals.Item"] = "VITALS|PT10M", ["Vitals.Systolic"] = "195", ["Vitals.Diastolic"] = "115", ["Vitals.HeartRate"] = "130", ["Vitals.Spo2"] = "89", ["Vitals.At"] = Now(-5),
        });
        Assert.Equal($"{page}?done=vitals&item=VITALS%7CPT10M", saved.RedirectPath());
        var html = await nurse.GetStringAsync(saved.RedirectPath());
        Assert.Contains("id=\"safety-alert\"", html, StringComparison.Ordinal);
        Assert.Contains("systolic 195 mmHg above 180; diastolic 115 mmHg above 110; heart rate 130/min above 120; SpO2 89% below 92", html, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"status\">The vital signs were recorded.", html, StringComparison.Ordinal);
        Assert.Contains("beyond limits: systolic 195 mmHg above 180", html, StringComparison.Ordinal);

        var dashboard = await nurse.GetStringAsync(Trial);
        Assert.Matches($"<a href=\"[^\"]*{subject}\">{subject}</a>.*?systolic 195 mmHg above 180", Regex.Replace(dashboard, "\\s+", " "));

        // The list is the viewer's sites' only (ADR 0010).
        var alerts = trial.App.Services.GetRequiredService<TrialOps.Assessments.SafetyAlertList>();
        var other = new Actor("u-s02-coordinator", Roles.Coordinator, SiteAccess.Only(["S02"]));
        var own = new Actor("u-s01-coordinator", Roles.Coordinator, SiteAccess.Only(["S01"]));
        Assert.DoesNotContain(await alerts.ForTrialAsync(TrialAppFixture.Code, other), a => a.Subject == subject.ToString());
        var listed = Assert.Single(await alerts.ForTrialAsync(TrialAppFixture.Code, own), a => a.Subject == subject.ToString());
        Assert.Equal((1, "VITALS", "PT10M", 4), (listed.Period, listed.AssessmentCode, listed.Timepoint, listed.Findings.Count));

        // A value within the limits is confirmed as before.
        var normal = await Forms.PostAsync(nurse, page, "vitals", new()
        {
            ["Vitals.Item"] = "VITALS|PT20M", ["Vitals.Systolic"] = "128", ["Vitals.Diastolic"] = "80", ["Vitals.HeartRate"] = "72", ["Vitals.Spo2"] = "98", ["Vitals.At"] = Now(-2),
        });
        var confirmed = await nurse.GetStringAsync(normal.RedirectPath());
        Assert.Contains("role=\"status\">The vital signs were recorded.", confirmed, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"safety-alert\"", confirmed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task adverse_event_outcomes_and_causality_read_as_words_on_the_participant_page_and_dashboard()
    {
        var participants = await trial.ParticipantRegister.ListParticipantsAsync(new TrialOps.Participants.ParticipantListQuery(TrialAppFixture.Code, PageSize: 500));
        var withEvents = participants.Items.Where(p => p.AdverseEvents > 0).ToArray();
        Assert.NotEmpty(withEvents);
        using var monitor = await trial.SignedInAsync(Roles.Monitor);
        var seen = 0;
        foreach (var participant in withEvents)
        {
            var events = await trial.AdverseEventRegister.GetAdverseEventsAsync(TrialAppFixture.Code, participant.Subject);
            var html = await monitor.GetStringAsync($"{Trial}/participants/{participant.Subject}");
            foreach (var e in events.Where(e => Regex.IsMatch(e.Outcome, "^[A-Z][a-z]+[A-Z]")))
            {
                Assert.DoesNotContain($"<td>{e.Outcome}</td>", html, StringComparison.Ordinal);
                Assert.Contains($"<td>{TrialOps.Web.Components.Pages.Trials.TrialText.Words(e.Outcome)}</td>", html, StringComparison.Ordinal);
                seen++;
            }
        }

        Assert.True(seen > 0, "the demo has no adverse event with a two-word outcome");
        Assert.DoesNotMatch("<td>(RecoveredResolved|NotRecoveredNotResolved|RecoveringResolving|RecoveredResolvedWithSequelae)</td>", await monitor.GetStringAsync(Trial));
    }

    [Fact]
    public async Task an_adverse_event_is_found_by_term_or_meddra_code_and_reported()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var report = $"{Trial}/participants/{subject}/adverse-events/new";
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var byTerm = await nurse.GetStringAsync($"{report}?q=dizz");
        var byCode = await nurse.GetStringAsync($"{report}?q=10013573");
        Assert.Contains("name=\"choose\" value=\"10013573\"", byTerm, StringComparison.Ordinal);
        Assert.Contains(">Dizziness</button>", byCode, StringComparison.Ordinal);

        var chosen = $"{report}?q=dizz&term=10013573";
        var page = await nurse.GetStringAsync(chosen);
        Assert.Contains("CTCAE term: <strong>Dizziness</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Causality (investigator", page, StringComparison.Ordinal);

        var response = await Forms.PostAsync(nurse, chosen, "report", new()
        {
            ["Input.Grade"] = "1",
            ["Input.Onset"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ActionTaken"] = "DoseNotChanged",
            ["Input.Outcome"] = "RecoveringResolving",
            ["Input.AwareAt"] = Now(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("^/trials/KET-NP-01/adverse-events/[0-9a-f]{16}\\?done=reported$", response.RedirectPath());
        var saved = await nurse.GetStringAsync(response.RedirectPath());
        Assert.Contains("The adverse event was reported.", saved, StringComparison.Ordinal);
        Assert.Contains("Dizziness <small>grade 1", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task searching_and_choosing_a_ctcae_term_keeps_everything_typed_on_the_form()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var report = $"{Trial}/participants/{subject}/adverse-events/new";
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);
        var typed = new Dictionary<string, string>
        {
            ["Input.Grade"] = "2",
            ["Input.Onset"] = "2026-11-02",
            ["Input.Outcome"] = "NotRecoveredNotResolved",
            ["Input.ActionTaken"] = "DrugInterrupted",
            ["Input.AwareAt"] = "2026-11-02T10:15",
        };

        var searched = await (await Forms.PostAsync(nurse, report, "report", new(typed) { ["Input.Query"] = "dizz", ["step"] = "search" })).Content.ReadAsStringAsync();
        Assert.Contains(">Dizziness</button>", searched, StringComparison.Ordinal);
        Assert.Equal(("dizz", "2026-11-02", "2026-11-02T10:15"), (Forms.InputValue(searched, "Input.Query"), Forms.InputValue(searched, "Input.Onset"), Forms.InputValue(searched, "Input.AwareAt")));
        Assert.Matches("<option value=\"2\" selected", searched);
        Assert.Matches("<option value=\"NotRecoveredNotResolved\" selected", searched);
        Assert.DoesNotContain("The adverse event was reported", searched, StringComparison.Ordinal);

        var chosen = await (await Forms.PostAsync(nurse, report, "report", new(typed) { ["Input.Query"] = "dizz", ["choose"] = "10013573" })).Content.ReadAsStringAsync();
        Assert.Contains("CTCAE term: <strong>Dizziness</strong>", chosen, StringComparison.Ordinal);
        Assert.Equal(("10013573", "2026-11-02"), (Forms.InputValue(chosen, "Input.MeddraCode"), Forms.InputValue(chosen, "Input.Onset")));
        Assert.Matches("<option value=\"DrugInterrupted\" selected", chosen);
        Assert.Empty(await trial.AdverseEventRegister.GetAdverseEventsAsync(TrialAppFixture.Code, subject.ToString()));
    }

    [Fact]
    public async Task a_serious_adverse_event_is_reported_to_the_sponsor_from_its_page()
    {
        var subject = await trial.RandomizedParticipantAsync();
        using var investigator = await trial.SignedInAsync(Roles.Investigator);
        var report = $"{Trial}/participants/{subject}/adverse-events/new?term=10020772";

        var response = await Forms.PostAsync(investigator, report, "report", new()
        {
            ["Input.Grade"] = "3",
            ["Input.Onset"] = DateTime.UtcNow.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Seriousness[Hospitalization]"] = "on",
            ["Input.Causality"] = "Possible",
            ["Input.ActionTaken"] = "NotApplicable",
            ["Input.Outcome"] = "RecoveringResolving",
            ["Input.AwareAt"] = Now(-60),
        });
        var page = response.RedirectPath()!.Split('?')[0];
        var saved = await investigator.GetStringAsync(page);
        Assert.Contains("<span class=\"status status-bad\">Serious</span>", saved, StringComparison.Ordinal);
        Assert.Contains("Record the report", saved, StringComparison.Ordinal);

        var sent = await Forms.PostAsync(investigator, page, "sponsor", new() { ["Sponsor.At"] = Now(), ["Sponsor.Text"] = "SAE-PAGE-1" });
        Assert.Equal($"{page}?done=sponsor", sent.RedirectPath());
        var after = await investigator.GetStringAsync(sent.RedirectPath());
        Assert.Contains("Initial report sent", after, StringComparison.Ordinal);
        Assert.Contains("Record follow-up", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task emergency_unblinding_needs_a_reason_and_the_password_and_shows_the_treatment_to_that_investigator_only()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var page = $"{Trial}/participants/{subject}/unblind";
        using var investigator = await trial.SignedInAsync(Roles.Investigator);
        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);

        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync(page)).StatusCode);
        var wrong = await Forms.PostAsync(investigator, page, "break-blind", new() { ["Input.Reason"] = "Suspected anaphylaxis", ["Input.Password"] = "guess" });
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"field-error\" id=\"password-error\">The password is not correct; the emergency unblinding is not signed.", html, StringComparison.Ordinal);
        Assert.Equal("Suspected anaphylaxis", WebUtility.HtmlDecode(Regex.Match(html, "<textarea[^>]*id=\"reason\"[^>]*>([^<]*)</textarea>").Groups[1].Value));

        var broken = await Forms.PostAsync(investigator, page, "break-blind", new() { ["Input.Reason"] = "Suspected anaphylaxis", ["Input.Password"] = TrialAppFixture.Password });
        Assert.Equal($"{page}?done=unblinded", broken.RedirectPath());
        var revealed = await investigator.GetStringAsync(broken.RedirectPath());
        Assert.Contains(TrialAppFixture.Demo.Treatments, t => revealed.Contains(t.Label, StringComparison.Ordinal));

        await trial.WaitForReadModelsAsync();
        using var monitor = await trial.SignedInAsync(Roles.Monitor);
        var participant = await monitor.GetStringAsync($"{Trial}/participants/{subject}");
        Assert.Contains($"Blind broken in an emergency by {trial.UserOf(Roles.Investigator)}", participant, StringComparison.Ordinal);
        // The signature is shown with the code break (ADR 0023): printed name, user id, meaning.
        Assert.Matches($"data-signature=\"code break of participant {subject}\">\\s*Signed by <strong>Test Investigator</strong> \\({Regex.Escape(trial.UserOf(Roles.Investigator))}, Investigator\\), meaning <em>responsible for</em>", participant);
        // The trial's status page says what the signature is for, not just "responsible for".
        Assert.Contains($"<td>Test Investigator, responsible for the code break of participant {subject}</td>", await monitor.GetStringAsync($"{Trial}/status"), StringComparison.Ordinal);
        var audit = await monitor.GetStringAsync($"{Trial}/participants/{subject}/audit");
        Assert.Contains("Emergency code break (signed)", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(TrialAppFixture.Demo.Treatments, t => participant.Contains(t.Label, StringComparison.Ordinal) || audit.Contains(t.Label, StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_participant_list_filters_sorts_and_pages()
    {
        using var monitor = await trial.SignedInAsync(Roles.Monitor);

        var filtered = await monitor.GetStringAsync($"{Trial}/participants?site=S02&status=Completed&sort=SubjectNumber&desc=true");
        var searched = await monitor.GetStringAsync($"{Trial}/participants?q=S01-00");

        var subjects = SubjectCell().Matches(filtered).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(subjects);
        Assert.All(subjects, s => Assert.StartsWith("S02-", s, StringComparison.Ordinal));
        Assert.Equal(subjects.OrderDescending(StringComparer.Ordinal), subjects);
        Assert.Contains("aria-sort=\"descending\"", filtered, StringComparison.Ordinal);
        Assert.All(SubjectCell().Matches(searched).Select(m => m.Groups[1].Value), s => Assert.StartsWith("S01-00", s, StringComparison.Ordinal));
        var all = await monitor.GetStringAsync($"{Trial}/participants?size=10");
        Assert.Contains("rel=\"next\"", all, StringComparison.Ordinal);
        Assert.Contains("Page 2 of", await monitor.GetStringAsync($"{Trial}/participants?size=10&page=2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_dashboard_shows_enrolment_progress_overdue_items_and_serious_adverse_events()
    {
        using var monitor = await trial.SignedInAsync(Roles.Monitor);

        var page = await monitor.GetStringAsync(Trial);

        foreach (var heading in new[] { "Enrolment by site and status", "Progress by period", "Overdue dosing sessions and assessments", "Open serious adverse events", "Emergency code breaks" })
        {
            Assert.Contains(heading, page, StringComparison.Ordinal);
        }

        Assert.Matches("<th scope=\"row\">All sites\\s*</th>(\\s*<td class=\"num\">\\d+</td>){6}\\s*<td class=\"num\">(2[4-9]|[3-9]\\d)</td>", page);

        // Enrolment against the target: every participant ever randomized, counted from the API's list.
        using var api = await trial.ApiClientAsync(Roles.Monitor);
        var list = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1{Trial}/participants?pageSize=500");
        var randomized = list.GetProperty("items").EnumerateArray().Count(p => p.TryGetProperty("randomizedAt", out var at) && at.ValueKind != System.Text.Json.JsonValueKind.Null);
        var target = TrialAppFixture.Demo.TargetParticipants;
        Assert.Contains($"Randomized so far: {randomized} ({(int)Math.Round(100.0 * randomized / target, MidpointRounding.AwayFromZero)} %).", page, StringComparison.Ordinal);
        Assert.Equal(randomized > target, page.Contains("beyond the target", StringComparison.Ordinal));
    }

    [GeneratedRegex("<td>[0-9]{6}</td>")]
    private static partial Regex KitCell();

    [GeneratedRegex("<span class=\"field-error\" id=\"start-startedAt-error\">Washout ends [0-9-]{10} [0-9:]{5} UTC \\(P7D after the end of period 1 dosing\\): dosing cannot start")]
    private static partial Regex WashoutRefusal();

    [GeneratedRegex("<td><a href=\"/trials/KET-NP-01/participants/([^\"]+)\">")]
    private static partial Regex SubjectCell();
}
