using System.Net;
using TrialOps.Common;

namespace TrialOps.Web.Tests;

public sealed class HostTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task health_answers_without_credentials_when_the_database_answers()
    {
        using var client = app.Client();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/health")]
    [InlineData("/api/v1/me")]
    [InlineData("/users")]
    [InlineData("/css/site.css")]
    public async Task security_headers_are_on_every_response(string path)
    {
        using var client = app.Client();

        var response = await client.GetAsync(path);

        Assert.Equal("default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task pages_are_not_kept_in_caches()
    {
        using var client = app.Client();

        var response = await client.GetAsync("/login");

        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task the_style_sheet_is_served_to_anyone()
    {
        using var client = app.Client();

        var response = await client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("@media (max-width: 900px)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_page_shows_the_not_found_page_with_404()
    {
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Monitor));

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains("css/site.css", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_form_post_without_the_antiforgery_token_is_refused()
    {
        using var client = app.Client();

        var response = await Forms.PostAsync(client, "/login", "login", new() { ["Input.UserName"] = "admin", ["Input.Password"] = WebAppFixture.AdminPassword }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The request could not be accepted", html, StringComparison.Ordinal);
        Responses.AssertNoInternals(html);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(Auth.AuthenticationSetup.CookieName, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task an_administrator_form_post_without_the_antiforgery_token_creates_nothing()
    {
        using var client = await app.SignedInClientAsync("admin", WebAppFixture.AdminPassword);

        var response = await Forms.PostAsync(client, "/users/new", "create-user", new()
        {
            ["Input.UserName"] = "forged",
            ["Input.DisplayName"] = "Forged",
            ["Input.Role"] = Roles.Administrator,
            ["Input.Password"] = "forged-password-1",
        }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await app.Identity.Directory.FindAsync("forged"));
    }

    [Fact]
    public async Task a_server_failure_on_a_page_shows_the_error_page_without_internals()
    {
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Coordinator));

        var response = await client.GetAsync(FailingEndpoints.PagePath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain(FailingEndpoints.Message, html, StringComparison.Ordinal);
        Responses.AssertNoInternals(html);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task a_server_failure_in_the_api_is_a_500_problem_without_internals()
    {
        using var client = await app.AdminApiClientAsync();

        var response = await client.GetAsync(FailingEndpoints.ApiPath);

        var problem = await response.ProblemAsync(500);
        Assert.DoesNotContain(FailingEndpoints.Message, problem.ToString(), StringComparison.Ordinal);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
