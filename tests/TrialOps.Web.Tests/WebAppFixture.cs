using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Runtime;
using TrialOps.Testing;
using TrialOps.Web.Hosting;

namespace TrialOps.Web.Tests;

/// <summary>The web app under test on its own migrated database (<see cref="DatabaseFixture"/>), one per test class.</summary>
public sealed class TrialOpsWebApplication(string connectionString, AppLog log) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // What users get: no developer pages, no framework hints in responses.
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging => logging.AddProvider(log));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingEndpoints>().AddSingleton<IStartupFilter, TestClientAddress>());
        builder.UseSetting("ConnectionStrings:TrialOps", connectionString);
        builder.UseSetting(IdentityService.AdminPasswordVariable, WebAppFixture.AdminPassword);
    }
}

public sealed class WebAppFixture : IAsyncLifetime
{
    public const string AdminPassword = "first-start-password-for-tests";
    public const string DefaultPassword = "a-long-enough-password";

    public static readonly Actor Admin = new(IdentityService.AdministratorUserName, Roles.Administrator);

    private readonly DatabaseFixture database = new();
    private readonly AppLog log = new();
    private TrialOpsWebApplication? app;
    private int users;

    public TrialOpsWebApplication App => app ?? throw new InvalidOperationException("Not initialized.");


    /// <summary>Set by a test class that makes the app fail on purpose (a database outage): errors in the log are then expected.</summary>
    public bool ExpectsLoggedErrors { get; set; }

    public IdentityService Identity => App.Services.GetRequiredService<IdentityService>();

    /// <summary>The fixture's database, for a second app instance on it (a second node).</summary>
    public string ConnectionString => database.ConnectionString;

    public TrialOpsRuntime Runtime => App.Services.GetRequiredService<TrialOpsRuntimeHost>().Runtime;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        app = new TrialOpsWebApplication(database.ConnectionString, log);
        _ = app.Server;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await database.DisposeAsync();
        var unexpected = ExpectsLoggedErrors ? [] : log.Errors.Where(e => !e.Contains(FailingEndpoints.Message, StringComparison.Ordinal)).ToArray();
        if (unexpected.Length > 0)
        {
            throw new InvalidOperationException($"The app logged errors while this class ran:{Environment.NewLine}{string.Join(Environment.NewLine, unexpected)}");
        }
    }

    public HttpClient Client() =>
        App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser-like client whose requests come from <paramref name="address"/> (see <see cref="TestClientAddress"/>).</summary>
    public HttpClient ClientFrom(string address)
    {
        var client = Client();
        TestClientAddress.Set(client, address);
        return client;
    }

    public HttpClient BearerClient(string token)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A new user with a unique name (made by the administrator through the service).</summary>
    public async Task<string> CreateUserAsync(string role, string password = DefaultPassword, string? name = null)
    {
        name ??= $"{role.ToLowerInvariant()}{Interlocked.Increment(ref users)}";
        var result = await Identity.CreateUserAsync(CommandContext.New(Admin), new NewUser(name, $"Test {role}", role, ["S01"], password));
        Assert.True(result.Accepted, result.Rejection?.Message);
        return name;
    }

    public async Task<string> TokenForAsync(string userName)
    {
        var issued = await Identity.IssueTokenAsync(CommandContext.New(Admin), userName);
        Assert.True(issued.Result.Accepted, issued.Result.Rejection?.Message);
        return issued.Token!.Token;
    }

    public async Task<HttpClient> BearerClientForNewUserAsync(string role) => BearerClient(await TokenForAsync(await CreateUserAsync(role)));

    public async Task<HttpClient> AdminApiClientAsync() => BearerClient(await TokenForAsync(IdentityService.AdministratorUserName));

    /// <summary>A browser-like client signed in through the sign-in form.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName, string password = DefaultPassword)
    {
        var client = Client();
        var response = await Forms.PostAsync(client, "/login", "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<IReadOnlyList<object>> EventsAsync(string streamId) =>
        (await Runtime.Store.ReadStreamAsync(streamId)).Select(e => e.Data).ToArray();

    public async Task<IReadOnlyList<StoredEvent>> StoredEventsAsync(string streamId) => await Runtime.Store.ReadStreamAsync(streamId);

    /// <summary>The stored JSON of every event of a stream, as written to the database.</summary>
    public async Task<string> RawEventDataAsync(string streamId)
    {
        await using var command = Runtime.DataSource.CreateCommand($"SELECT coalesce(string_agg(data::text || metadata::text, E'\\n' ORDER BY version), '') FROM {EventStore.EventStore.EventsView} events WHERE stream_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = streamId });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
