using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Participants;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>Issue 11: staff record the clinical date of randomization on the participant page and through the API.</summary>
public sealed class RandomizationDateTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Api = $"/api/v1/trials/{TrialAppFixture.Code}";

    private static string Day(int daysFromToday) => DateTime.UtcNow.AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task the_randomize_form_records_the_date_given_and_shows_a_date_before_consent_next_to_its_field()
    {
        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);
        var subject = await EligibleAsync(consentDaysAgo: 5);
        var page = $"/trials/{TrialAppFixture.Code}/participants/{subject}";
        Assert.Equal(Day(0), Forms.InputValue(await coordinator.GetStringAsync(page), "Randomize.RandomizationDate"));

        var early = await Forms.PostAsync(coordinator, page, "randomize", new() { ["Randomize.RandomizationDate"] = Day(-9) });
        var html = await early.Content.ReadAsStringAsync();
        Assert.Contains("id=\"randomizationDate-error\"", html, StringComparison.Ordinal);
        Assert.Contains("before the participant", html, StringComparison.Ordinal);
        Assert.Null(await RandomizationDateAsync(subject));

        var randomized = await Forms.PostAsync(coordinator, page, "randomize", new() { ["Randomize.RandomizationDate"] = Day(-2) });
        Assert.Equal($"{page}?done=randomized", randomized.RedirectPath());
        Assert.Equal(Day(-2), (await RandomizationDateAsync(subject))?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task the_api_takes_an_optional_randomization_date_and_refuses_one_in_the_future()
    {
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        var subject = await EligibleAsync(consentDaysAgo: 3);

        var future = await (await coordinator.PostAsync($"{Api}/participants/{subject}/randomization", Json($$"""{"randomizationDate":"{{Day(5)}}"}"""))).ProblemAsync(400);
        Assert.True(future.GetProperty("errors").TryGetProperty("randomizationDate", out _));

        var randomized = await coordinator.PostAsync($"{Api}/participants/{subject}/randomization", Json($$"""{"randomizationDate":"{{Day(-1)}}"}"""));
        Assert.Equal(HttpStatusCode.OK, randomized.StatusCode);
        Assert.Equal("Randomized", (await randomized.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(Day(-1), (await RandomizationDateAsync(subject))?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>A new participant at S02, screened with consent some days ago and confirmed eligible through the API.</summary>
    private async Task<string> EligibleAsync(int consentDaysAgo)
    {
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        using var investigator = await trial.ApiClientAsync(Roles.Investigator);
        var screened = await coordinator.PostAsync($"{Api}/participants", Json($$"""{"site":"S02","consentDate":"{{Day(-consentDaysAgo)}}","consentFormVersion":"2.1 (2026-01-15)"}"""));
        Assert.Equal(HttpStatusCode.Created, screened.StatusCode);
        var subject = (await screened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subject").GetString()!;
        var answers = string.Join(",", new[] { "IN01", "IN02", "IN03" }.Select(c => $$"""{"code":"{{c}}","met":true}""").Concat(new[] { "EX01", "EX02", "EX03", "EX04" }.Select(c => $$"""{"code":"{{c}}","met":false}""")));
        var eligible = await investigator.PostAsync($"{Api}/participants/{subject}/eligibility", Json($$"""{"answers":[{{answers}}]}"""));
        Assert.Equal(HttpStatusCode.OK, eligible.StatusCode);
        return subject;
    }

    private async Task<DateOnly?> RandomizationDateAsync(string subject) =>
        (await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, SubjectNumber.Parse(subject)), null, default))
            .Select(e => e.Data).OfType<ParticipantRandomized>().SingleOrDefault()?.RandomizationDate;
}
