using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Journey;

/// <summary>
/// Issue 10, one input boundary on the API: text with control characters, undefined enum numbers
/// and clinical times with an offset (each was stored, or answered with 500, before).
/// </summary>
public sealed class InputBoundaryApiTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/api/v1/trials/{TrialAppFixture.Code}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("2.1\\u0000")]
    [InlineData("2.1\\u0007 (bell)")]
    [InlineData("\\u001b[31m2.1")]
    public async Task a_control_character_in_a_text_is_a_400_naming_the_field_and_nothing_is_screened(string version)
    {
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        var before = await CountAsync(coordinator);

        var refused = await (await coordinator.PostAsync($"{Trial}/participants", Json($$"""{"site":"S01","consentDate":"{{DateTime.UtcNow:yyyy-MM-dd}}","consentFormVersion":"{{version}}"}"""))).ProblemAsync(400);

        Assert.Contains("consentFormVersion", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("control character", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(coordinator));
    }

    [Fact]
    public async Task an_over_long_text_is_refused()
    {
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        var refused = await (await coordinator.PostAsync($"{Trial}/participants", Json($$"""{"site":"S01","consentDate":"{{DateTime.UtcNow:yyyy-MM-dd}}","consentFormVersion":"{{new string('v', InputText.MaxLength + 1)}}"}"""))).ProblemAsync(400);
        Assert.Contains("longer than", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_undefined_enum_number_is_refused_and_a_defined_name_still_works()
    {
        var subject = await trial.RandomizedParticipantAsync();
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        var withdrawal = $"{Trial}/participants/{subject}/withdrawal";
        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");

        var number = await (await coordinator.PostAsync(withdrawal, Json($$"""{"withdrawnAt":"{{at}}","reason":99,"details":"moved away"}"""))).ProblemAsync(400);
        Assert.Contains("reason", number.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await coordinator.PostAsync(withdrawal, Json($$"""{"withdrawnAt":"{{at}}","reason":1,"details":"moved away"}"""))).ProblemAsync(400);
        await (await coordinator.PostAsync(withdrawal, Json($$"""{"withdrawnAt":"{{at}}","reason":"NoSuchReason","details":"moved away"}"""))).ProblemAsync(400);
        var (state, _) = await trial.ParticipantRegister.LoadAsync(TrialAppFixture.Demo.Code, subject);
        Assert.NotEqual(ParticipantStatus.Withdrawn, state.Status);
    }

    [Fact]
    public async Task a_clinical_time_with_an_offset_is_accepted_and_kept_in_utc()
    {
        var subject = await trial.RandomizedParticipantAsync();
        using var nurse = await trial.ApiClientAsync(Roles.DataEntry);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await trial.PreparedAsync(subject, 1, start.AddMinutes(-30));
        var local = start.ToOffset(TimeSpan.FromHours(1));
        var text = local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith("+01:00", text, StringComparison.Ordinal);

        var started = await nurse.PostAsync($"{Trial}/participants/{subject}/sessions/1/start", Json($$"""{"startedAt":"{{text}}"}"""));

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var events = await trial.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(TrialAppFixture.Demo.Code, subject));
        var recorded = events.Select(e => e.Data).OfType<DosingStarted>().Single().StartedAt;
        Assert.Equal(TimeSpan.Zero, recorded.Offset);
        Assert.Equal(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture), recorded);
    }

    private static async Task<int> CountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Trial}/participants?pageSize=500")).GetProperty("total").GetInt32();
}

/// <summary>Issue 10: malformed query strings on pages and the API are answered, never with 500.</summary>
public sealed class QueryStringTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    [Theory]
    [InlineData("/trials/{0}/participants?page=abc")]
    [InlineData("/trials/{0}/participants?desc=maybe")]
    [InlineData("/trials/{0}/participants?page=99999999999")]
    [InlineData("/trials/{0}/participants?size=-3")]
    [InlineData("/trials/{0}/participants?site=%00")]
    [InlineData("/trials/{0}/participants?q=%00S01")]
    [InlineData("/trials/{0}/audit?page=abc")]
    [InlineData("/trials/{0}/audit?page=99999999999")]
    [InlineData("/trials/{0}/exports?done=x")]
    [InlineData("/account/password?changed=maybe")]
    public async Task a_page_with_a_malformed_query_string_is_shown_not_failed(string url)
    {
        using var monitor = await trial.SignedInAsync(Roles.Monitor);

        var response = await monitor.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, TrialAppFixture.Code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("?page=abc")]
    [InlineData("?descending=maybe")]
    [InlineData("?page=99999999999")]
    [InlineData("?site=%00")]
    [InlineData("?search=%00")]
    public async Task the_participant_list_api_answers_a_malformed_query_with_400(string query)
    {
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);

        await (await monitor.GetAsync($"/api/v1/trials/{TrialAppFixture.Code}/participants{query}")).ProblemAsync(400);
    }
}

/// <summary>Issue 10: a page form with a control character in a field is refused, naming the field, and records nothing.</summary>
public sealed class FormInputTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    [Theory]
    [InlineData("2.1\u0000")]
    [InlineData("2.1\u0008")]
    public async Task a_screening_form_with_a_control_character_is_refused_and_nothing_is_screened(string version)
    {
        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);
        using var api = await trial.ApiClientAsync(Roles.Coordinator);
        var before = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{TrialAppFixture.Code}/participants?pageSize=500")).GetProperty("total").GetInt32();

        var response = await Forms.PostAsync(coordinator, $"/trials/{TrialAppFixture.Code}/participants/new", "screen", new()
        {
            ["Input.Site"] = "S01",
            ["Input.ConsentDate"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ConsentFormVersion"] = version,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Consent form version", html, StringComparison.Ordinal);
        Assert.Contains("control character", html, StringComparison.Ordinal);
        Assert.Equal(before, (await api.GetFromJsonAsync<JsonElement>($"/api/v1/trials/{TrialAppFixture.Code}/participants?pageSize=500")).GetProperty("total").GetInt32());
    }
}
