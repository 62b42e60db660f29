using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Seed;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Sites;

/// <summary>
/// The demo trial KET-NP-01 (UTC sites) and KET-NP-02 (S01 Europe/Amsterdam, S02 Australia/Sydney),
/// imported by the real generator with one participant of its own.
/// </summary>
public sealed class SiteTimeFixture : TrialAppFixture
{
    public static readonly ProtocolDefinition Zoned = ProtocolFile.Parse(ZonedFile()).Definition!;

    protected override bool SeedDemo => true;

    public static byte[] ZonedFile()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "TrialOps.sln")))
        {
            folder = folder.Parent;
        }

        return File.ReadAllBytes(Path.Combine(folder?.FullName ?? throw new InvalidOperationException("No repository root above the test output."), "seed", "KET-NP-02.json"));
    }

    /// <summary>A randomized KET-NP-02 participant at <paramref name="site"/>, consent signed on <paramref name="consent"/>.</summary>
    public async Task<SubjectNumber> RandomizedAtAsync(string site, DateOnly consent)
    {
        var protocol = Zoned.Code;
        var subject = await ParticipantRegister.NextSubjectNumberAsync(protocol, site);
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Coordinator)), new ScreenParticipant(protocol, site, subject, consent, "2.1")));
        var answers = Zoned.Eligibility.Inclusion.Select(c => new EligibilityAnswer(c.Code, true))
            .Concat(Zoned.Eligibility.Exclusion.Select(c => new EligibilityAnswer(c.Code, false)))
            .ToArray();
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Investigator)), new ConfirmEligibility(protocol, subject, answers)));
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Coordinator)), new EnrollParticipant(protocol, subject)));
        return subject;
    }

    /// <summary>Weight at <paramref name="at"/> and the checked preparation five minutes later (UTC instants).</summary>
    public async Task PreparedAtAsync(SubjectNumber subject, int period, DateTimeOffset at)
    {
        var protocol = Zoned.Code;
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.DataEntry)), new RecordSessionWeight(protocol, subject, period, at, 71.5m)));
        var (state, _) = await ParticipantRegister.LoadAsync(protocol, subject);
        await Must(Commands.SendCommandAsync(CommandContext.New(ActorOf(Roles.Pharmacist)), new RecordDosePreparation(protocol, subject, period, state.Kits[period], at.AddMinutes(5), SecondPharmacist, Password)));
    }

    protected override async Task AddDataAsync() =>
        await DemoTrial.RunAsync(Runtime, ZonedFile(), new DemoOptions(1, Seed: 5, Parallelism: 1));
}

/// <summary>
/// Issue 14 item 4: times are typed and shown on the participant's site clock with the offset,
/// stored in UTC; study days count the site's dates; skipped and doubled wall times are refused on
/// the form; a UTC trial reads as before; the API refuses a time without an offset.
/// </summary>
public sealed class SiteTimeTests(SiteTimeFixture trial) : IClassFixture<SiteTimeFixture>
{
    private static readonly string Zoned = $"/trials/{SiteTimeFixture.Zoned.Code}";

    [Fact]
    public async Task a_dosing_time_typed_in_sydney_is_stored_as_the_utc_instant_and_shown_back_with_its_offset_and_the_sydney_study_day()
    {
        var subject = await trial.RandomizedAtAsync("S02", new DateOnly(2026, 4, 1));
        // 2026-05-01 13:00 UTC is 23:00 in Sydney (standard time since 5 April: +10:00).
        await trial.PreparedAtAsync(subject, 1, new DateTimeOffset(2026, 5, 1, 13, 0, 0, TimeSpan.Zero));
        var session = $"{Zoned}/participants/{subject}/periods/1";
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var form = WebUtility.HtmlDecode(await nurse.GetStringAsync(session));
        Assert.Contains("Started at (local time, Australia/Sydney)", form, StringComparison.Ordinal);
        Assert.DoesNotContain("(UTC)", form, StringComparison.Ordinal);

        var started = await Forms.PostAsync(nurse, session, "start", new() { ["Start.StartedAt"] = "2026-05-01T23:50" });
        Assert.Equal($"{session}?done=start", started.RedirectPath());
        var stopped = await Forms.PostAsync(nurse, session, "stop", new() { ["Stop.At"] = "2026-05-02T00:30", ["Stop.Completed"] = "true" });
        Assert.Equal($"{session}?done=stop", stopped.RedirectPath());

        var events = (await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(SiteTimeFixture.Zoned.Code, subject))).Select(e => e.Data).ToArray();
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 13, 50, 0, TimeSpan.Zero), events.OfType<DosingStarted>().Single().StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 14, 30, 0, TimeSpan.Zero), events.OfType<DosingStopped>().Single().StoppedAt);

        // Both instants fall on 1 May in UTC; the stop is on 2 May in Sydney: study day 2 there.
        var page = WebUtility.HtmlDecode(await nurse.GetStringAsync($"{Zoned}/participants/{subject}"));
        Assert.Contains("2026-05-01 23:50 +10:00 (day 1) – 2026-05-02 00:30 +10:00 (day 2)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-05-01 13:50 UTC", page, StringComparison.Ordinal);
        var sessionPage = WebUtility.HtmlDecode(await nurse.GetStringAsync(session));
        Assert.Contains("Started 2026-05-01 23:50 +10:00 (day 1)", sessionPage, StringComparison.Ordinal);
        Assert.Contains("stopped 2026-05-02 00:30 +10:00 (day 2)", sessionPage, StringComparison.Ordinal);

        // The API answers in UTC ISO 8601.
        using var api = await trial.ApiClientAsync(Roles.DataEntry);
        var json = await api.GetStringAsync($"/api/v1{Zoned}/participants/{subject}/timeline");
        Assert.Contains("2026-05-01T13:50:00+00:00", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_adverse_event_onset_time_typed_in_sydney_is_stored_in_utc_and_shown_and_offered_back_on_the_sydney_clock()
    {
        var subject = await trial.RandomizedAtAsync("S02", new DateOnly(2026, 4, 1));
        var report = $"{Zoned}/participants/{subject}/adverse-events/new?term=10013573";
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var form = WebUtility.HtmlDecode(await nurse.GetStringAsync(report));
        Assert.Contains("with THH:MM if known (local time, Australia/Sydney)", form, StringComparison.Ordinal);

        // 00:30 on 2 May in Sydney (+10:00) is 14:30 on 1 May in UTC.
        var response = await Forms.PostAsync(nurse, report, "report", new()
        {
            ["Input.Grade"] = "1",
            ["Input.Onset"] = "2026-05-02T00:30",
            ["Input.End"] = "2026-05-02T01:15",
            ["Input.ActionTaken"] = "DoseNotChanged",
            ["Input.Outcome"] = "RecoveredResolved",
            ["Input.AwareAt"] = "2026-05-02T08:00",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var casePath = response.RedirectPath()!.Split('?')[0];
        var id = casePath[(casePath.LastIndexOf('/') + 1)..];

        var reported = (await trial.Runtime.Store.ReadStreamAsync(TrialOps.AdverseEvents.AdverseEventStreams.For(id))).Select(e => e.Data).OfType<TrialOps.AdverseEvents.AdverseEventReported>().Single();
        Assert.Equal(("2026-05-01T14:30", "2026-05-01T15:15"), (reported.Details.Onset.Text, reported.Details.End?.Text));

        var page = WebUtility.HtmlDecode(await nurse.GetStringAsync(casePath));
        Assert.Contains("<dt>Onset</dt><dd>2026-05-02 00:30 +10:00</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>End</dt><dd>2026-05-02 01:15 +10:00</dd>", page, StringComparison.Ordinal);
        Assert.Equal("2026-05-02T00:30", Forms.InputValue(page, "Correction.Onset"));
        // The participant page's AE list is a read model: it follows the report within about a second.
        await trial.WaitForReadModelsAsync();
        var participant = WebUtility.HtmlDecode(await nurse.GetStringAsync($"{Zoned}/participants/{subject}"));
        Assert.Contains("<td>2026-05-02 00:30 +10:00</td>", participant, StringComparison.Ordinal);
        Assert.Contains("Dizziness grade 1, onset 2026-05-02 00:30 +10:00, end 2026-05-02 01:15 +10:00", page[page.IndexOf("<h2>History</h2>", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_wall_time_amsterdam_skipped_is_refused_on_the_form_and_nothing_is_recorded()
    {
        var subject = await trial.RandomizedAtAsync("S01", new DateOnly(2026, 1, 10));
        // 2026-03-29: the clocks in Amsterdam went from 02:00 to 03:00 (01:00 UTC).
        await trial.PreparedAtAsync(subject, 1, new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero));
        var session = $"{Zoned}/participants/{subject}/periods/1";
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var refused = await Forms.PostAsync(nurse, session, "start", new() { ["Start.StartedAt"] = "2026-03-29T02:30" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains(
            "<span class=\"field-error\" id=\"start-startedAt-error\">2026-03-29 02:30 does not exist in Europe/Amsterdam (the clocks went forward): enter the time the clock showed.</span>",
            html,
            StringComparison.Ordinal);
        Assert.Equal("2026-03-29T02:30", Forms.InputValue(html, "Start.StartedAt"));
        var events = await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(SiteTimeFixture.Zoned.Code, subject));
        Assert.Empty(events.Select(e => e.Data).OfType<DosingStarted>());

        var accepted = await Forms.PostAsync(nurse, session, "start", new() { ["Start.StartedAt"] = "2026-03-29T03:30" });
        Assert.Equal($"{session}?done=start", accepted.RedirectPath());
        events = await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(SiteTimeFixture.Zoned.Code, subject));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), events.Select(e => e.Data).OfType<DosingStarted>().Single().StartedAt);
    }

    [Fact]
    public async Task a_wall_time_amsterdam_showed_twice_needs_its_offset()
    {
        var subject = await trial.RandomizedAtAsync("S01", new DateOnly(2026, 9, 1));
        // 2026-10-25: the clocks in Amsterdam went back from 03:00 to 02:00 (01:00 UTC).
        await trial.PreparedAtAsync(subject, 1, new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero));
        var session = $"{Zoned}/participants/{subject}/periods/1";
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var refused = WebUtility.HtmlDecode(await (await Forms.PostAsync(nurse, session, "start", new() { ["Start.StartedAt"] = "2026-10-25T02:30" })).Content.ReadAsStringAsync());
        Assert.Contains("2026-10-25 02:30 happened twice in Europe/Amsterdam (the clocks went back): add the offset, +01:00 or +02:00.", refused, StringComparison.Ordinal);

        var accepted = await Forms.PostAsync(nurse, session, "start", new() { ["Start.StartedAt"] = "2026-10-25T02:30+01:00" });
        Assert.Equal($"{session}?done=start", accepted.RedirectPath());
        var events = await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(SiteTimeFixture.Zoned.Code, subject));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), events.Select(e => e.Data).OfType<DosingStarted>().Single().StartedAt);
        Assert.Contains("2026-10-25 02:30 +01:00", WebUtility.HtmlDecode(await nurse.GetStringAsync(session)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_washout_refusal_on_the_page_names_the_end_on_the_sydney_clock()
    {
        var subject = await trial.RandomizedAtAsync("S02", new DateOnly(2026, 4, 1));
        var start = new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
        await trial.PreparedAtAsync(subject, 1, start.AddMinutes(-30));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)), new StartDosing(SiteTimeFixture.Zoned.Code, subject, 1, start)));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)), new StopDosing(SiteTimeFixture.Zoned.Code, subject, 1, start.AddMinutes(40), true, null)));
        await trial.PreparedAtAsync(subject, 2, start.AddDays(2));
        var session = $"{Zoned}/participants/{subject}/periods/2";
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        var refused = WebUtility.HtmlDecode(await (await Forms.PostAsync(nurse, session, "start", new() { ["Start.StartedAt"] = "2026-06-03T13:00" })).Content.ReadAsStringAsync());

        // The stop at 02:40 UTC is 12:40 in Sydney (+10:00); the washout is P7D.
        Assert.Contains("Washout ends 2026-06-08 12:40 +10:00 (P7D after the end of period 1 dosing): dosing cannot start at 2026-06-03 13:00 +10:00.", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_utc_trial_still_reads_and_takes_times_in_utc()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1).AddHours(9), TimeSpan.Zero);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-30));
        var session = $"/trials/{TrialAppFixture.Code}/participants/{subject}/periods/1";
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);

        Assert.Contains("Started at (UTC)", await nurse.GetStringAsync(session), StringComparison.Ordinal);
        var typed = start.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var started = await Forms.PostAsync(nurse, session, "start", new() { ["Start.StartedAt"] = typed });
        Assert.Equal($"{session}?done=start", started.RedirectPath());

        var events = await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, subject));
        Assert.Equal(start, events.Select(e => e.Data).OfType<DosingStarted>().Single().StartedAt);
        var page = await nurse.GetStringAsync($"/trials/{TrialAppFixture.Code}/participants/{subject}");
        Assert.Contains(start.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC (day 1)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("+00:00", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_api_refuses_a_clinical_time_without_an_offset_and_records_nothing()
    {
        var subject = await trial.RandomizedAtAsync("S02", new DateOnly(2026, 4, 1));
        await trial.PreparedAtAsync(subject, 1, new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero));
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        var url = $"/api/v1{Zoned}/participants/{subject}/sessions/1/start";

        var refused = await nurse.PostAsync(url, new StringContent("""{"startedAt":"2026-07-01T11:30:00"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("with its offset", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var events = await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(SiteTimeFixture.Zoned.Code, subject));
        Assert.Empty(events.Select(e => e.Data).OfType<DosingStarted>());

        var accepted = await nurse.PostAsync(url, new StringContent("""{"startedAt":"2026-07-01T11:30:00+10:00"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        events = await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(SiteTimeFixture.Zoned.Code, subject));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 1, 30, 0, TimeSpan.Zero), events.Select(e => e.Data).OfType<DosingStarted>().Single().StartedAt);
    }
}
