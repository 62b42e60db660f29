using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Randomization;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>
/// The session grid on the dosing session page, posted as a browser without JavaScript posts it:
/// a row, every filled row, a double submit, refusals per cell with the typed values kept, values
/// beyond the protocol's limits flagged before and after saving, blinding and site restriction.
/// </summary>
public sealed partial class SessionGridTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/trials/{TrialAppFixture.Code}";

    private static string Input(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static string Session(SubjectNumber subject) => $"{Trial}/participants/{subject}/periods/1";

    /// <summary>A new participant whose period 1 dosing started <paramref name="minutesAgo"/> minutes ago.</summary>
    private async Task<(SubjectNumber Subject, DateTimeOffset Start)> DosingStartedAsync(int minutesAgo)
    {
        var subject = await trial.RandomizedParticipantAsync();
        var start = new DateTimeOffset(DateTime.UtcNow.AddMinutes(-minutesAgo).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-30));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)), new Dosing.StartDosing(TrialAppFixture.Demo.Code, subject, 1, start)));
        return (subject, start);
    }

    private async Task<IReadOnlyList<StoredEvent>> AssessmentEventsAsync(SubjectNumber subject) =>
        (await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, subject), null, default))
            .Where(e => e.Type is "assessment.scale-recorded.v1" or "assessment.vitals-recorded.v1")
            .ToArray();

    /// <summary>The grid as the page renders it, from its section to the end of the section.</summary>
    private static string GridOf(string html)
    {
        var start = html.IndexOf("<section class=\"card session-grid\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the session page has no grid");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task a_row_saved_from_the_grid_records_each_value_as_its_own_entry_and_shows_it_read_only()
    {
        var (subject, start) = await DosingStartedAsync(30);
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var page = await nurse.GetStringAsync(Session(subject));
        var grid = GridOf(page);
        Assert.Matches("<tr data-row=\"PT30M\" class=\"due-now\"", grid);
        Assert.Contains("aria-label=\"Pain intensity, visual analogue scale at 20 min (0–100 mm)\"", WebUtility.HtmlDecode(grid), StringComparison.Ordinal);
        Assert.Contains("data-systolic-max=\"180\"", grid, StringComparison.Ordinal);
        Assert.Contains("data-spo2-min=\"92\"", grid, StringComparison.Ordinal);
        Assert.Equal(Input(start), Forms.InputValue(page, "Grid.Times[PT0M]"));

        var saved = await Forms.PostAsync(nurse, Session(subject), "grid", new()
        {
            ["Grid.Row"] = "PT0M",
            ["Grid.Times[PT0M]"] = Input(start.AddMinutes(-5)),
            ["Grid.Values[PAIN|PT0M]"] = "55",
            ["Grid.Values[VITALS|PT0M]"] = "128/80 72 98",
        });

        Assert.Equal($"{Session(subject)}?done=grid&saved=2", saved.RedirectPath());
        var events = await AssessmentEventsAsync(subject);
        Assert.Equal(["assessment.scale-recorded.v1", "assessment.vitals-recorded.v1"], events.Select(e => e.Type).Order().ToArray());
        Assert.Equal(2, events.Select(e => e.Metadata.CommandId).Distinct().Count());
        Assert.All(events, e => Assert.Equal(trial.UserOf(Roles.DataEntry), e.Metadata.ActorId));
        var scale = Assert.IsType<ScaleAssessmentRecorded>(events.Single(e => e.Data is ScaleAssessmentRecorded).Data);
        Assert.Equal((55m, start.AddMinutes(-5)), (scale.Value, scale.AssessedAt));

        var after = await nurse.GetStringAsync(saved.RedirectPath());
        Assert.Contains("2 values were recorded from the grid, each as its own entry.", after, StringComparison.Ordinal);
        Assert.Null(Forms.InputValue(after, "Grid.Values[PAIN|PT0M]"));
        Assert.Contains(">55 mm</span>", GridOf(after), StringComparison.Ordinal);
        Assert.Contains("BP 128/80 mmHg, HR 72/min, SpO2 98%", GridOf(after), StringComparison.Ordinal);
        Assert.NotNull(Forms.InputValue(after, "Grid.Ids[PAIN|PT20M]"));
    }

    [Fact]
    public async Task saving_one_row_keeps_the_values_typed_in_the_other_rows()
    {
        var (subject, start) = await DosingStartedAsync(30);
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var response = await Forms.PostAsync(nurse, Session(subject), "grid", new()
        {
            ["Grid.Row"] = "PT10M",
            ["Grid.Times[PT10M]"] = Input(start.AddMinutes(10)),
            ["Grid.Values[VITALS|PT10M]"] = "130/82 75 97",
            ["Grid.Times[PT20M]"] = Input(start.AddMinutes(20)),
            ["Grid.Values[PAIN|PT20M]"] = "40",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("1 value was recorded, each as its own entry; the other rows' values are not saved yet.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal("40", Forms.InputValue(html, "Grid.Values[PAIN|PT20M]"));
        Assert.Null(Forms.InputValue(html, "Grid.Values[VITALS|PT10M]"));
        var recorded = Assert.Single(await AssessmentEventsAsync(subject));
        Assert.Equal("PT10M", Assert.IsType<VitalSignsRecorded>(recorded.Data).Timepoint);
    }

    [Fact]
    public async Task a_whole_session_is_saved_at_once_and_a_value_beyond_the_limits_is_flagged_listed_and_alerted()
    {
        // Dosing started 25 hours ago, so that every time point up to 24 h has come.
        var (subject, start) = await DosingStartedAsync(25 * 60);
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)), new Dosing.StopDosing(TrialAppFixture.Demo.Code, subject, 1, start.AddMinutes(40), true, null)));
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);
        var page = await nurse.GetStringAsync(Session(subject));
        var fields = new Dictionary<string, string> { ["Grid.Row"] = "*" };
        foreach (var time in new[] { "PT0M", "PT20M", "PT40M", "PT60M", "PT2H", "PT24H" })
        {
            fields[$"Grid.Values[PAIN|{time}]"] = "50";
        }

        foreach (var time in new[] { "PT0M", "PT10M", "PT30M", "PT40M", "PT60M" })
        {
            fields[$"Grid.Values[VITALS|{time}]"] = "125/78 70 98";
        }

        // KET-NP-01's limits: systolic 180, diastolic 110, heart rate 120, SpO2 at least 92.
        fields["Grid.Values[VITALS|PT20M]"] = "195/115 130 89";
        foreach (var time in new[] { "PT0M", "PT10M", "PT20M", "PT30M", "PT40M", "PT60M", "PT2H", "PT24H" })
        {
            // The planned times the grid offers (the pre-dose one is the start itself).
            fields[$"Grid.Times[{time}]"] = Forms.InputValue(page, $"Grid.Times[{time}]")!;
        }

        var saved = await Forms.PostAsync(nurse, Session(subject), "grid", fields);

        Assert.Equal($"{Session(subject)}?done=grid&saved=12", saved.RedirectPath());
        var events = await AssessmentEventsAsync(subject);
        Assert.Equal(12, events.Count);
        Assert.Equal(12, events.Select(e => e.Metadata.CommandId).Distinct().Count());
        var after = WebUtility.HtmlDecode(GridOf(await nurse.GetStringAsync(saved.RedirectPath())));
        Assert.Matches("<td class=\"cell beyond\" data-cell=\"VITALS\\|PT20M\">.*?beyond limits: systolic 195 mmHg above 180; diastolic 115 mmHg above 110; heart rate 130/min above 120; SpO2 89% below 92", Regex.Replace(after, "\\s+", " "));
        Assert.Contains("id=\"grid-safety-alert\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Grid.Values[", after, StringComparison.Ordinal);

        var alert = Assert.Single(await trial.App.Services.GetRequiredService<SafetyAlertList>().ForTrialAsync(TrialAppFixture.Code, trial.ActorOf(Roles.Investigator)), a => a.Subject == subject.ToString());
        Assert.Equal(("VITALS", "PT20M", 4), (alert.AssessmentCode, alert.Timepoint, alert.Findings.Count));
        Assert.Matches($"<a href=\"[^\"]*{subject}\">{subject}</a>.*?systolic 195 mmHg above 180", Regex.Replace(await nurse.GetStringAsync(Trial), "\\s+", " "));
    }

    [Fact]
    public async Task the_same_grid_posted_twice_records_each_value_once()
    {
        var (subject, start) = await DosingStartedAsync(30);
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);
        var html = await nurse.GetStringAsync(Session(subject));
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "grid",
            [Forms.AntiforgeryField] = Forms.InputValue(html, Forms.AntiforgeryField)!,
            ["Grid.Row"] = "*",
            ["Grid.Times[PT0M]"] = Input(start.AddMinutes(-2)),
            ["Grid.Values[PAIN|PT0M]"] = "61",
            ["Grid.Ids[PAIN|PT0M]"] = Forms.InputValue(html, "Grid.Ids[PAIN|PT0M]")!,
            ["Grid.Values[VITALS|PT0M]"] = "120/80 70 99",
            ["Grid.Ids[VITALS|PT0M]"] = Forms.InputValue(html, "Grid.Ids[VITALS|PT0M]")!,
        };

        var first = await nurse.PostAsync(Session(subject), new FormUrlEncodedContent(form));
        var second = await nurse.PostAsync(Session(subject), new FormUrlEncodedContent(form));

        Assert.Equal($"{Session(subject)}?done=grid&saved=2", first.RedirectPath());
        Assert.Equal($"{Session(subject)}?done=grid&saved=2", second.RedirectPath());
        Assert.Equal(2, (await AssessmentEventsAsync(subject)).Count);
    }

    [Fact]
    public async Task refused_cells_are_reported_one_by_one_and_keep_what_was_typed_while_the_others_are_saved()
    {
        var (subject, start) = await DosingStartedAsync(30);
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var response = await Forms.PostAsync(nurse, Session(subject), "grid", new()
        {
            ["Grid.Row"] = "*",
            ["Grid.Times[PT0M]"] = Input(start.AddMinutes(-3)),
            ["Grid.Values[PAIN|PT0M]"] = "150",
            ["Grid.Values[VITALS|PT0M]"] = "122/78 68 98",
            ["Grid.Times[PT10M]"] = Input(start.AddMinutes(10)),
            ["Grid.Values[VITALS|PT10M]"] = "one twenty",
            ["Grid.Times[PT20M]"] = "not a time",
            ["Grid.Values[VITALS|PT20M]"] = "195/115 130 89",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var grid = Regex.Replace(WebUtility.HtmlDecode(GridOf(html)), "\\s+", " ");
        Assert.Contains("1 of 4 values saved; the others were not saved and are kept below with the reason.", grid, StringComparison.Ordinal);
        Assert.Equal("150", Forms.InputValue(html, "Grid.Values[PAIN|PT0M]"));
        Assert.Matches("<span class=\"field-error\" id=\"grid-pt0m-pain-error\">PAIN 150 mm is outside the scale 0–100 mm.</span>", grid);
        Assert.Equal("one twenty", Forms.InputValue(html, "Grid.Values[VITALS|PT10M]"));
        Assert.Contains("id=\"grid-pt10m-vitals-error\">Enter systolic/diastolic heart-rate SpO2 as whole numbers", grid, StringComparison.Ordinal);
        Assert.Equal("not a time", Forms.InputValue(html, "Grid.Times[PT20M]"));
        Assert.Contains("id=\"grid-pt20m-at-error\">Enter the date and time of the measurement (UTC).", grid, StringComparison.Ordinal);

        // Flagged by the server before saving (what the script does as it is typed).
        Assert.Equal("195/115 130 89", Forms.InputValue(html, "Grid.Values[VITALS|PT20M]"));
        Assert.Matches("<td class=\"cell beyond refused\" data-cell=\"VITALS\\|PT20M\">.*?id=\"grid-pt20m-vitals-flag\" aria-live=\"polite\">beyond limits: systolic 195 mmHg above 180;", grid);

        var recorded = Assert.Single(await AssessmentEventsAsync(subject));
        Assert.Equal(new VitalSigns(122, 78, 68, 98), Assert.IsType<VitalSignsRecorded>(recorded.Data).Values);
        Assert.Contains("BP 122/78 mmHg, HR 68/min, SpO2 98%", grid, StringComparison.Ordinal);
        Assert.DoesNotContain(await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, subject), null, default), e => e.Type == "assessment.safety-alert-raised.v1");
    }

    [Fact]
    public async Task blinded_roles_see_the_same_grid_whatever_the_treatment_sequence()
    {
        var allocations = trial.App.Services.GetRequiredService<AllocationViews>();
        var pharmacist = trial.ActorOf(Roles.Pharmacist);
        var bySequence = new Dictionary<int, SubjectNumber>();
        var start = new DateTimeOffset(DateTime.UtcNow.AddMinutes(-30).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        for (var attempt = 0; attempt < 12 && bySequence.Count < 2; attempt++)
        {
            var subject = await trial.RandomizedParticipantAsync();
            await trial.WaitForReadModelsAsync();
            var allocation = await allocations.GetParticipantAllocationAsync(TrialAppFixture.Code, subject.ToString(), pharmacist);
            if (allocation is null || bySequence.ContainsKey(allocation.SequenceNumber))
            {
                continue;
            }

            await trial.PreparedAsync(subject, 1, start.AddMinutes(-30));
            await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)), new Dosing.StartDosing(TrialAppFixture.Demo.Code, subject, 1, start)));
            bySequence[allocation.SequenceNumber] = subject;
        }

        Assert.Equal(2, bySequence.Count);
        foreach (var role in new[] { Roles.DataEntry, Roles.Investigator, Roles.Coordinator, Roles.Monitor })
        {
            using var client = await trial.SignedInAsync(role);
            var grids = new List<string>();
            foreach (var subject in bySequence.Values)
            {
                var grid = GridOf(await client.GetStringAsync(Session(subject))).Replace(subject.ToString(), "SUBJECT", StringComparison.Ordinal);
                grids.Add(CommandIds().Replace(grid, "ID"));
            }

            Assert.Equal(grids[0], grids[1]);
            foreach (var treatment in TrialAppFixture.Demo.Treatments)
            {
                Assert.DoesNotContain(treatment.Label, WebUtility.HtmlDecode(grids[0]), StringComparison.Ordinal);
                Assert.DoesNotMatch($"\\b{treatment.Code}\\b(?!-NP)", grids[0]);
            }
        }
    }

    [Fact]
    public async Task staff_of_another_site_cannot_see_or_post_the_grid_of_a_participant()
    {
        var (subject, start) = await DosingStartedAsync(30);
        var admin = new Actor(IdentityService.AdministratorUserName, Roles.Administrator);
        var created = await trial.Identity.CreateUserAsync(CommandContext.New(admin), new NewUser("nurse.grid.s02", "Nurse S02", Roles.DataEntry, ["S02"], TrialAppFixture.Password));
        Assert.True(created.Accepted, created.Rejection?.Message);
        using var other = trial.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(other, "/login", "login", new() { ["Input.UserName"] = "nurse.grid.s02", ["Input.Password"] = TrialAppFixture.Password })).StatusCode);

        var page = await other.GetAsync(Session(subject));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("class=\"card session-grid\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A post made up by hand, with a valid antiforgery token of this user, records nothing.
        var own = await trial.RandomizedParticipantAsync("S02");
        var token = Forms.InputValue(await other.GetStringAsync(Session(own)), Forms.AntiforgeryField);
        Assert.NotNull(token);
        var posted = await other.PostAsync(Session(subject), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "grid",
            [Forms.AntiforgeryField] = token,
            ["Grid.Row"] = "*",
            ["Grid.Times[PT0M]"] = Input(start.AddMinutes(-1)),
            ["Grid.Values[PAIN|PT0M]"] = "30",
        }));
        Assert.True(posted.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"answered {posted.StatusCode}");
        Assert.Empty(await AssessmentEventsAsync(subject));
    }

    [Fact]
    public async Task the_grids_script_is_a_file_of_the_app_allowed_by_the_strict_content_security_policy()
    {
        var (subject, _) = await DosingStartedAsync(30);
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var page = await nurse.GetAsync(Session(subject));
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"js/session-grid.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);

        var script = await nurse.GetAsync("/js/session-grid.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("beyond limits: ", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_sites_investigators_are_notified_through_the_bus_and_acknowledge_the_alert_from_their_worklist()
    {
        var (subject, start) = await DosingStartedAsync(30);
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);
        var saved = await Forms.PostAsync(nurse, Session(subject), "grid", new()
        {
            ["Grid.Row"] = "PT10M",
            ["Grid.Times[PT10M]"] = Input(start.AddMinutes(10)),
            ["Grid.Values[VITALS|PT10M]"] = "190/90 80 97",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The bus's handler records the notification of the site's investigators (once).
        var stream = SafetyAlertStreams.For(TrialAppFixture.Demo.Code);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        SafetyAlertInvestigatorsNotified? notified;
        while ((notified = (await trial.Runtime.Store.ReadStreamAsync(stream, null, default)).Select(e => e.Data).OfType<SafetyAlertInvestigatorsNotified>().SingleOrDefault(n => n.Subject == subject)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The safety alert message was not handled within 30 s.");
            await Task.Delay(50);
        }

        Assert.Equal(("S01", "VITALS", "PT10M"), (notified.Site, notified.AssessmentCode, notified.Timepoint));

        using var investigator = await trial.SignedInAsync(Roles.Investigator);
        var worklist = Worklist(await investigator.GetStringAsync(Trial));
        Assert.Matches($"<a href=\"[^\"]*{subject}/periods/1\">{subject}, period 1</a>.*?systolic 190 mmHg above 180.*?{Regex.Escape(notified.NotifiedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC", worklist);
        Assert.DoesNotContain("id=\"safety-worklist\"", await nurse.GetStringAsync(Trial), StringComparison.Ordinal);

        // An investigator of another site neither sees nor acknowledges it.
        var admin = new Actor(IdentityService.AdministratorUserName, Roles.Administrator);
        Assert.True((await trial.Identity.CreateUserAsync(CommandContext.New(admin), new NewUser("investigator.grid.s02", "Investigator S02", Roles.Investigator, ["S02"], TrialAppFixture.Password))).Accepted);
        using var elsewhere = trial.Client();
        await Forms.PostAsync(elsewhere, "/login", "login", new() { ["Input.UserName"] = "investigator.grid.s02", ["Input.Password"] = TrialAppFixture.Password });
        Assert.DoesNotContain(subject.ToString(), Worklist(await elsewhere.GetStringAsync(Trial)), StringComparison.Ordinal);
        var alert = Assert.Single(await trial.App.Services.GetRequiredService<SafetyAlertList>().ForTrialAsync(TrialAppFixture.Code, trial.ActorOf(Roles.Investigator)), a => a.Subject == subject.ToString());
        var refused = await trial.Commands.SendCommandAsync(CommandContext.New(new Actor("investigator.grid.s02", Roles.Investigator, SiteAccess.Only(["S02"]))), new AcknowledgeSafetyAlert(TrialAppFixture.Demo.Code, subject, alert.Position));
        Assert.Equal("participant.not-found", refused.Rejection?.Code);

        var acknowledged = await Forms.PostAsync(investigator, Trial, "safety-ack", new() { ["Ack.Alert"] = $"{subject}|{alert.Position}" });

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var html = await acknowledged.Content.ReadAsStringAsync();
        Assert.Contains($"The safety alert of {subject} was acknowledged.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(subject.ToString(), Worklist(await investigator.GetStringAsync(Trial)), StringComparison.Ordinal);
        var recorded = Assert.Single(await trial.Runtime.Store.ReadStreamAsync(stream, null, default), e => e.Data is SafetyAlertAcknowledged a && a.Subject == subject);
        Assert.Equal(("assessment.safety-alert-acknowledged.v1", trial.UserOf(Roles.Investigator), alert.Position), (recorded.Type, recorded.Metadata.ActorId, ((SafetyAlertAcknowledged)recorded.Data).AlertPosition));

        // Still in the dashboard's safety list.
        Assert.Matches($"<a href=\"[^\"]*{subject}\">{subject}</a>.*?systolic 190 mmHg above 180", Regex.Replace(await investigator.GetStringAsync(Trial), "\\s+", " "));
    }

    /// <summary>The investigators' worklist section of the dashboard, whitespace collapsed (empty when absent).</summary>
    private static string Worklist(string html)
    {
        var start = html.IndexOf("id=\"safety-worklist\"", StringComparison.Ordinal);
        return start < 0 ? string.Empty : Regex.Replace(html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)], "\\s+", " ");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|__RequestVerificationToken\" value=\"[^\"]*\"")]
    private static partial Regex CommandIds();
}
