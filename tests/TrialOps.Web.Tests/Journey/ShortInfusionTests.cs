using System.Net;
using System.Text;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>
/// Issue 10, item 1, through the API and the session page: "complete" after 20 of the demo
/// trial's planned 40 minutes is refused until it is confirmed with a reason, which is recorded.
/// </summary>
public sealed class ShortInfusionTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/api/v1/trials/{TrialAppFixture.Code}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task the_api_refuses_a_short_complete_stop_until_it_is_confirmed_with_a_reason()
    {
        var (subject, start) = await RunningAsync();
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        var stop = $"{Trial}/participants/{subject}/sessions/1/stop";
        var at = Time(start.AddMinutes(20));

        var refused = await (await nurse.PostAsync(stop, Json($$"""{"stoppedAt":"{{at}}","completed":true}"""))).ProblemAsync(400);
        Assert.Equal(StopDosing.ShorterThanPlannedCode, refused.GetProperty("code").GetString());
        Assert.True(refused.GetProperty("errors").TryGetProperty("shortInfusionConfirmed", out _));
        var noReason = await (await nurse.PostAsync(stop, Json($$"""{"stoppedAt":"{{at}}","completed":true,"shortInfusionConfirmed":true}"""))).ProblemAsync(400);
        Assert.Equal(StopDosing.ShortInfusionReasonRequiredCode, noReason.GetProperty("code").GetString());
        Assert.Empty(await StopsAsync(subject));

        var accepted = await nurse.PostAsync(stop, Json($$"""{"stoppedAt":"{{at}}","completed":true,"shortInfusionConfirmed":true,"shortInfusionReason":"Pump programmed at double rate; full volume given"}"""));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var stopped = Assert.Single(await StopsAsync(subject));
        Assert.Equal((true, "Pump programmed at double rate; full volume given"), (stopped.Completed, stopped.ShortInfusionReason));
    }

    [Fact]
    public async Task the_session_page_shows_the_warning_and_records_the_confirmed_reason()
    {
        var (subject, start) = await RunningAsync();
        using var nurse = await trial.SignedInAsync(Roles.DataEntry);
        var page = $"/trials/{TrialAppFixture.Code}/participants/{subject}/periods/1";
        var at = start.AddMinutes(20).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var form = await nurse.GetStringAsync(page);
        Assert.Contains("less than 36 minutes of dosing", form, StringComparison.Ordinal);
        Assert.DoesNotContain("stop-short-confirmed", form, StringComparison.Ordinal);

        var warned = await Forms.PostAsync(nurse, page, "stop", new() { ["Stop.At"] = at, ["Stop.Completed"] = "true" });

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var html = await warned.Content.ReadAsStringAsync();
        Assert.Contains("id=\"stop-short-confirmed\"", html, StringComparison.Ordinal);
        Assert.Contains("less than 90", html, StringComparison.Ordinal);
        Assert.Empty(await StopsAsync(subject));

        var confirmed = await Forms.PostAsync(nurse, page, "stop", new()
        {
            ["Stop.At"] = at,
            ["Stop.Completed"] = "true",
            ["Stop.ShortInfusionConfirmed"] = "true",
            ["Stop.ShortInfusionReason"] = "Infused by syringe driver at the wrong setting",
        });

        Assert.Equal($"{page}?done=stop", confirmed.RedirectPath());
        Assert.Equal("Infused by syringe driver at the wrong setting", Assert.Single(await StopsAsync(subject)).ShortInfusionReason);
    }

    private async Task<(SubjectNumber Subject, DateTimeOffset Start)> RunningAsync()
    {
        var subject = await trial.RandomizedParticipantAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-30));
        await TrialAppFixture.Must(trial.Commands.SendCommandAsync(CommandContext.New(trial.ActorOf(Roles.DataEntry)), new StartDosing(TrialAppFixture.Demo.Code, subject, 1, start)));
        return (subject, start);
    }

    private async Task<IReadOnlyList<DosingStopped>> StopsAsync(SubjectNumber subject) =>
        (await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, subject))).Select(e => e.Data).OfType<DosingStopped>().ToArray();
}
