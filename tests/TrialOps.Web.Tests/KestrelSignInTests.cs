using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Common;

namespace TrialOps.Web.Tests;

/// <summary>
/// Sign-in over a real connection: Kestrel, unlike the in-memory test server, refuses to send a
/// header with characters HTTP does not allow, so only here does a bad redirect become a 500.
/// </summary>
public sealed class KestrelSignInTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/login?returnUrl=/%C3%A9")]
    [InlineData("/login?ReturnUrl=%2F%0D%0ASet-Cookie%3A%20x%3D1")]
    public async Task an_odd_return_url_over_a_real_connection_opens_the_start_page_instead_of_a_500(string loginUrl)
    {
        var name = await app.CreateUserAsync(Roles.Monitor);
        var log = new AppLog();
        await using var node = new TrialOpsWebApplication(app.ConnectionString, log);
        node.UseKestrel(0);
        node.StartServer();
        var address = node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = node.CreateClient(new() { HandleCookies = true, BaseAddress = new Uri(address) });

        var response = await Forms.PostAsync(client, loginUrl, "login", new() { ["Input.UserName"] = name, ["Input.Password"] = WebAppFixture.DefaultPassword });

        // This client follows redirects: the sign-in ends on the start page.
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {string.Join(Environment.NewLine, log.Errors)}");
        Assert.Equal("/", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains($"signed in as <strong>{name}</strong>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
