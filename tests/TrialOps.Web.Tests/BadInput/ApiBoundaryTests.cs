using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.BadInput;

/// <summary>The defects the bad-input sweep found, each pinned on its own.</summary>
public sealed class ApiBoundaryTests(DemoTrialFixture trial) : IClassFixture<DemoTrialFixture>
{
    private const string Trial = $"/api/v1/trials/{TrialAppFixture.Code}";

    [Theory]
    [InlineData($"{Trial}/overdue?site=%00", "site")]
    [InlineData($"{Trial}/overdue?site=S01%07", "site")]
    [InlineData($"{Trial}/serious-adverse-events?overdueOnly=true%00", "overdueOnly")]
    [InlineData("/api/v1/ctcae/terms?q=%1B%5B31mnausea", "q")]
    [InlineData($"{Trial}/audit?page=1&note=%00", "note")]
    public async Task a_control_character_in_any_api_query_parameter_is_a_400_naming_it(string url, string parameter)
    {
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);

        var problem = await (await monitor.GetAsync(url)).ProblemAsync(400);

        Assert.Equal("query.invalid", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task an_over_long_query_parameter_is_refused_and_a_normal_one_still_answers()
    {
        using var monitor = await trial.ApiClientAsync(Roles.Monitor);

        await (await monitor.GetAsync($"/api/v1/ctcae/terms?q={new string('n', InputText.MaxLength + 1)}")).ProblemAsync(400);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await monitor.GetAsync("/api/v1/ctcae/terms?q=nausea")).StatusCode);
    }

    [Fact]
    public async Task a_field_given_twice_is_refused_and_nothing_is_screened()
    {
        using var coordinator = await trial.ApiClientAsync(Roles.Coordinator);
        var before = await CountAsync(coordinator);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await coordinator.PostAsync($"{Trial}/participants", new StringContent(
            $$"""{"site":"S01","consentDate":"{{today}}","consentFormVersion":"2.1","consentFormVersion":"9.9"}""", Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(400);
        Assert.Contains("more than once", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(coordinator));
    }

    [Fact]
    public async Task the_openapi_document_says_that_request_bodies_accept_only_their_documented_fields()
    {
        using var admin = await trial.ApiClientAsync(Roles.Administrator);
        var document = await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (var name in new[] { "StopRequest", "ScreenRequest", "AdverseEventRequest" })
        {
            Assert.False(schemas.GetProperty(name).GetProperty("additionalProperties").GetBoolean(), name);
        }

        Assert.True(schemas.GetProperty("StopRequest").GetProperty("properties").TryGetProperty("shortInfusionConfirmed", out _));
    }

    private static async Task<int> CountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Trial}/participants?pageSize=500")).GetProperty("total").GetInt32();
}
