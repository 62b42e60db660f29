using System.Net;
using Npgsql;
using TrialOps.Common;
using TrialOps.Testing;

namespace TrialOps.Web.Tests;

/// <summary>
/// Issue 10: while PostgreSQL refuses connections the API answers 503 with a problem document and
/// the pages a friendly 503 page (both were 500), and the app recovers once it is back.
/// </summary>
public sealed class DatabaseOutageTests : IClassFixture<WebAppFixture>
{
    private readonly WebAppFixture app;

    public DatabaseOutageTests(WebAppFixture app)
    {
        this.app = app;
        app.ExpectsLoggedErrors = true;
    }

    [Fact]
    public async Task while_the_database_refuses_connections_the_api_and_pages_answer_503_and_recover_afterwards()
    {
        using var api = await app.AdminApiClientAsync();
        using var browser = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Coordinator));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/trials")).StatusCode);

        await SetAcceptingConnectionsAsync(false);
        try
        {
            var problem = await (await api.GetAsync("/api/v1/trials")).ProblemAsync(503);
            Assert.Equal("The database is not available", problem.GetProperty("title").GetString());
            var write = await api.PostAsync("/api/v1/users", new StringContent("""{"userName":"x.y","displayName":"X","role":"Monitor","sites":[],"password":"a-long-enough-password"}""", System.Text.Encoding.UTF8, "application/json"));
            await write.ProblemAsync(503);

            var page = await browser.GetAsync("/trials");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("The database is not available", html, StringComparison.Ordinal);
            Responses.AssertNoInternals(html);
        }
        finally
        {
            await SetAcceptingConnectionsAsync(true);
        }

        // The app answers again once its pool reconnects (generous on a loaded machine).
        HttpStatusCode status = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && status != HttpStatusCode.OK;)
        {
            status = (await api.GetAsync("/api/v1/trials")).StatusCode;
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>As an operator would: the database stops accepting connections and its sessions are ended.</summary>
    private async Task SetAcceptingConnectionsAsync(bool accepting)
    {
        var name = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await using var admin = new NpgsqlConnection(await PostgresServer.ConnectionStringForAsync("postgres"));
        await admin.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {name} ALLOW_CONNECTIONS {(accepting ? "true" : "false")}", admin))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (!accepting)
        {
            await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", admin);
            terminate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            await terminate.ExecuteScalarAsync();
        }
    }
}

/// <summary>Issue 10: a read model that could not apply an event makes health say so.</summary>
public sealed class ParkedEventHealthTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task health_is_degraded_while_a_projection_has_a_parked_event()
    {
        using var client = app.Client();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));

        await ExecuteAsync("INSERT INTO projection_parked_events (projection, position, stream_id, event_type, error) VALUES ('journey', 1, 'participant-X', 'x.v1', 'PostgresException: 22021')");
        Assert.Equal("Degraded", await client.GetStringAsync("/health"));

        await ExecuteAsync("DELETE FROM projection_parked_events");
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = app.Runtime.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
