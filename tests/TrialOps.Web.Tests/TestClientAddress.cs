using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TrialOps.Web.Tests;

/// <summary>
/// The test server has no network connection, so every request comes from no address. A test
/// that needs requests from different computers names the address in a test-only header, which
/// this filter (first in the pipeline) turns into the connection's remote address.
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public static void Set(HttpClient client, string address) => client.DefaultRequestHeaders.Add(Header, address);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address) && IPAddress.TryParse(address, out var parsed))
            {
                context.Connection.RemoteIpAddress = parsed;
            }

            return following(context);
        });
        next(app);
    };
}
