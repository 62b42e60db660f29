using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Common;

namespace TrialOps.Web.Tests;

public sealed class AuthorizationTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    /// <summary>The only endpoints anyone may open without signing in.</summary>
    private static readonly string[] Anonymous = ["/error", "/health", "/login", "/login/code", "/login/enroll", "/not-found", "/status/{Code:int}"];

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();

    [Fact]
    public void only_sign_in_health_and_error_pages_allow_anonymous_access()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && !IsStaticAsset(e))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(Anonymous, anonymous);
    }

    [Fact]
    public void the_anonymous_static_assets_are_the_framework_scripts_and_the_apps_own_style_and_script_files()
    {
        var assets = Endpoints().Where(IsStaticAsset).Select(e => e.RoutePattern.RawText!).Distinct().ToArray();

        Assert.Contains("_framework/blazor.web.js", assets);
        Assert.All(assets, route => Assert.Matches("^(_framework/blazor\\.(web|server)|css/site|js/session-grid|favicon)[.a-z0-9]*$", route));
        Assert.All(Endpoints().Where(IsStaticAsset), e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));
    }

    /// <summary>A file of <c>wwwroot</c> or of the framework mapped by <c>MapStaticAssets</c>: no trial data.</summary>
    public static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;

    [Fact]
    public async Task every_other_endpoint_refuses_a_request_without_credentials()
    {
        using var client = app.Client();
        var checkedEndpoints = 0;
        foreach (var endpoint in Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var path = SamplePath(endpoint.RoutePattern);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);
                if (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/openapi/", StringComparison.Ordinal))
                {
                    // API callers get 401 with a bearer challenge, never a redirect to the sign-in page.
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
                    Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                    await response.ProblemAsync(401);
                }
                else
                {
                    // A browser is sent to the sign-in page (the cookie scheme's challenge).
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {path}: {response.StatusCode}");
                    Assert.StartsWith("/login?ReturnUrl=", response.RedirectPath(), StringComparison.Ordinal);
                }

                checkedEndpoints++;
            }
        }

        Assert.True(checkedEndpoints >= 10, $"only {checkedEndpoints} endpoints were checked");
    }

    [Fact]
    public async Task an_unknown_or_revoked_bearer_token_is_refused_with_401()
    {
        using var forged = app.BearerClient("trialops_not-a-real-token");
        var response = await forged.GetAsync("/api/v1/me");
        await response.ProblemAsync(401);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_data_entry_user_gets_403_from_creating_users_over_the_api()
    {
        using var client = await app.BearerClientForNewUserAsync(Roles.DataEntry);

        var response = await client.PostAsJsonAsync("/api/v1/users", new { userName = "eve", displayName = "Eve", role = Roles.Administrator, password = "0123456789abc" });

        await response.ProblemAsync(403);
        Assert.Null(await app.Identity.Directory.FindAsync("eve"));
    }

    [Fact]
    public async Task a_data_entry_user_is_not_offered_user_administration_and_is_refused_it()
    {
        var name = await app.CreateUserAsync(Roles.DataEntry);
        using var client = await app.SignedInClientAsync(name);

        var home = await client.GetStringAsync("/");
        Assert.DoesNotContain("href=\"/users\"", home, StringComparison.Ordinal);

        var users = await client.GetAsync("/users");
        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.StartsWith("/access-denied", users.RedirectPath(), StringComparison.Ordinal);
        var denied = await client.GetAsync(users.RedirectPath());
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Access denied", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_administrator_is_offered_user_administration()
    {
        using var client = await app.SignedInClientAsync("admin", WebAppFixture.AdminPassword);

        Assert.Contains("href=\"/users\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users")).StatusCode);
    }

    private static string SamplePath(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content == "int") ? "1" : "sample",
            _ => string.Empty,
        }))));
}
