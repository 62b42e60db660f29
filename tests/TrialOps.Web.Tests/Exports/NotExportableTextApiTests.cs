using System.Net;
using System.Text;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Participants;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Exports;

/// <summary>
/// Issue 11, item 5: free text that reaches SDTM and cannot be written in US-ASCII (Cyrillic,
/// Greek …) is a 400 naming the field when it is entered, and nothing is recorded, so an export
/// can never fail on it after lock.
/// </summary>
public sealed class NotExportableTextApiTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/api/v1/trials/{TrialAppFixture.Code}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task withdrawal_details_in_cyrillic_are_a_400_naming_the_field_and_the_participant_stays()
    {
        var subject = await trial.RandomizedParticipantAsync();
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");

        var refused = await (await coordinator.PostAsync($"{Trial}/participants/{subject}/withdrawal", Json($$"""{"withdrawnAt":"{{at}}","reason":"WithdrawalBySubject","details":"Пациент переехал"}"""))).ProblemAsync(400);

        Assert.Equal(ExportableText.NotExportableCode, refused.GetProperty("code").GetString());
        Assert.True(refused.GetProperty("errors").TryGetProperty("details", out _), refused.ToString());
        var (state, _) = await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject);
        Assert.NotEqual(ParticipantStatus.Withdrawn, state.Status);

        var accepted = await coordinator.PostAsync($"{Trial}/participants/{subject}/withdrawal", Json($$"""{"withdrawnAt":"{{at}}","reason":"WithdrawalBySubject","details":"Patient moved (déménagé) ≥ 200 km away"}"""));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task the_withdrawal_form_shows_the_refusal_next_to_the_explanation()
    {
        var subject = await trial.RandomizedParticipantAsync();
        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);

        var response = await Forms.PostAsync(coordinator, $"/trials/{TrialAppFixture.Code}/participants/{subject}/disposition", "withdraw", new()
        {
            ["Withdraw.WithdrawnAt"] = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Withdraw.Reason"] = nameof(WithdrawalReason.WithdrawalBySubject),
            ["Withdraw.Details"] = "Пациент переехал",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<span class=\"field-error\" id=\"details-error\">The withdrawal explanation contains 'П' (U+041F)", html, StringComparison.Ordinal);
        var (state, _) = await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject);
        Assert.NotEqual(ParticipantStatus.Withdrawn, state.Status);
    }

    [Fact]
    public async Task an_early_stop_reason_in_greek_is_a_400_naming_the_field_and_dosing_goes_on()
    {
        var subject = await trial.RandomizedParticipantAsync();
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-30));
        Assert.Equal(HttpStatusCode.OK, (await nurse.PostAsync($"{Trial}/participants/{subject}/sessions/1/start", Json($$"""{"startedAt":"{{start:O}}"}"""))).StatusCode);

        var refused = await (await nurse.PostAsync($"{Trial}/participants/{subject}/sessions/1/stop", Json($$"""{"stoppedAt":"{{start.AddMinutes(10):O}}","completed":false,"earlyStopReason":"Αλλεργική αντίδραση"}"""))).ProblemAsync(400);

        Assert.Equal(ExportableText.NotExportableCode, refused.GetProperty("code").GetString());
        Assert.True(refused.GetProperty("errors").TryGetProperty("earlyStopReason", out _), refused.ToString());
        var events = await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, subject));
        Assert.DoesNotContain(events, e => e.Data is DosingStopped);
    }
}
