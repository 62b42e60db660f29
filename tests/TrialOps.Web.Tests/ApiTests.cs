using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;

namespace TrialOps.Web.Tests;

public sealed class ApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task me_describes_the_caller_of_a_bearer_token()
    {
        var name = await app.CreateUserAsync(Roles.Coordinator);
        using var client = app.BearerClient(await app.TokenForAsync(name));

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal(name, me.GetProperty("userName").GetString());
        Assert.Equal(Roles.Coordinator, me.GetProperty("role").GetString());
        Assert.Equal("S01", me.GetProperty("sites")[0].GetString());
    }

    [Fact]
    public async Task a_bearer_token_works_until_it_is_revoked()
    {
        var name = await app.CreateUserAsync(Roles.Monitor);
        var issued = await app.Identity.IssueTokenAsync(CommandContext.New(new Actor(name, Roles.Monitor)), name);
        using var client = app.BearerClient(issued.Token!.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        var revoked = await app.Identity.RevokeTokenAsync(CommandContext.New(new Actor(name, Roles.Monitor)), name, issued.Token.TokenId);

        Assert.True(revoked.Accepted);
        await (await client.GetAsync("/api/v1/me")).ProblemAsync(401);
        Assert.DoesNotContain(issued.Token.Token, await app.RawEventDataAsync($"user-{name}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_token_account_changed_or_revoked_by_another_process_is_seen_at_the_next_request()
    {
        var name = await app.CreateUserAsync(Roles.Monitor);
        var issued = await app.Identity.IssueTokenAsync(CommandContext.New(WebAppFixture.Admin), name);
        using var client = app.BearerClient(issued.Token!.Token);
        for (var i = 0; i < 2; i++)
        {
            // The second request finds the account the first one read.
            var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
            Assert.Equal((Roles.Monitor, "S01"), (before.GetProperty("role").GetString(), before.GetProperty("sites")[0].GetString()));
        }

        // Another process on the same database (as the CLI or a second node would be).
        await using var other = await TrialOps.Runtime.TrialOpsRuntime.StartAsync(app.ConnectionString);
        var identity = new IdentityService(other);
        Assert.True((await identity.ChangeAccessAsync(CommandContext.New(WebAppFixture.Admin), name, Roles.Coordinator, ["S02"])).Accepted);

        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal((Roles.Coordinator, "S02"), (after.GetProperty("role").GetString(), after.GetProperty("sites")[0].GetString()));

        Assert.True((await identity.RevokeTokenAsync(CommandContext.New(WebAppFixture.Admin), name, issued.Token.TokenId)).Accepted);
        await (await client.GetAsync("/api/v1/me")).ProblemAsync(401);
    }

    [Fact]
    public async Task the_token_of_a_deactivated_user_stops_working()
    {
        var name = await app.CreateUserAsync(Roles.Investigator);
        using var client = app.BearerClient(await app.TokenForAsync(name));

        await app.Identity.DeactivateAsync(CommandContext.New(WebAppFixture.Admin), name);

        await (await client.GetAsync("/api/v1/me")).ProblemAsync(401);
    }

    /// <summary>
    /// The lock-out stops the password, which is what was being guessed: password sign-ins and
    /// signatures are refused while it lasts, but a session signed in before it and a token the user
    /// issued earlier (a different secret, not guessable from the password) keep working, so that someone guessing a password
    /// cannot stop the owner's scripts (ADR 0009). Deactivation and revocation stop tokens.
    /// </summary>
    [Fact]
    public async Task a_lock_out_refuses_the_password_but_not_a_token_issued_before_it()
    {
        var name = await app.CreateUserAsync(Roles.Monitor);
        using var client = app.BearerClient(await app.TokenForAsync(name));
        using var session = await app.SignedInClientAsync(name);
        for (var i = 0; i < UserRules.MaxConsecutiveFailures; i++)
        {
            Assert.Null((await app.Identity.SignInAsync(name, "not-the-password")).User);
        }

        var refused = await app.Identity.SignInAsync(name, WebAppFixture.DefaultPassword);
        Assert.Equal((null, LoginFailureReason.LockedOut), (refused.User, refused.FailureReason));
        Assert.False(await app.Identity.VerifySignatureAsync(name, WebAppFixture.DefaultPassword));

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(name, me.GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task an_administrator_creates_and_lists_users()
    {
        using var admin = await app.AdminApiClientAsync();

        var created = await admin.PostAsync("/api/v1/users", Json("""{"userName":"Carol","displayName":"Carol Example","role":"Pharmacist","sites":["s02"],"password":"pharmacy-s02-evening"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/users/carol", created.Headers.Location?.OriginalString);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("carol", "Pharmacist", "S02"), (body.GetProperty("userName").GetString(), body.GetProperty("role").GetString(), body.GetProperty("sites")[0].GetString()));
        Assert.DoesNotContain("password", await created.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users");
        Assert.Contains(list.EnumerateArray(), u => u.GetProperty("userName").GetString() == "carol");
    }

    [Theory]
    [InlineData("erin", "password1234")]
    [InlineData("erin", "aaaaaaaaaaaa")]
    [InlineData("erin", "erin-is-on-ward-7")]
    [InlineData("erin", "password12")]
    public async Task a_weak_password_is_a_400_problem_naming_the_field_and_creates_nothing(string userName, string password)
    {
        using var admin = await app.AdminApiClientAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName, displayName = "Erin", role = Roles.DataEntry, password });

        var problem = await response.ProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        Assert.Null(await app.Identity.Directory.FindAsync(userName));
    }

    [Fact]
    public async Task a_duplicate_user_is_a_409_problem()
    {
        var name = await app.CreateUserAsync(Roles.DataEntry);
        using var admin = await app.AdminApiClientAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName = name, displayName = "Again", role = Roles.DataEntry, password = "0123456789abc" });

        var problem = await response.ProblemAsync(409);
        Assert.Equal(IdentityRejections.UserExists, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task an_unknown_role_is_a_400_validation_problem_naming_the_field()
    {
        using var admin = await app.AdminApiClientAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "dave", displayName = "Dave", role = "Nurse", password = "0123456789abc" });

        var problem = await response.ProblemAsync(400);
        Assert.Contains("Nurse", problem.GetProperty("errors").GetProperty("role")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task malformed_json_is_a_400_problem_without_internals()
    {
        using var admin = await app.AdminApiClientAsync();

        var response = await admin.PostAsync("/api/v1/users", Json("""{"userName": "frank", "displayName": """));

        var problem = await response.ProblemAsync(400);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_field_is_a_400_problem_naming_it()
    {
        using var admin = await app.AdminApiClientAsync();

        var response = await admin.PostAsync("/api/v1/users", Json("""{"userName":"grace","displayName":"Grace","role":"Monitor","password":"0123456789abc","isSuperUser":true}"""));

        var problem = await response.ProblemAsync(400);
        Assert.Contains("isSuperUser", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.Identity.Directory.FindAsync("grace"));
    }

    [Fact]
    public async Task a_missing_required_field_is_a_400_problem()
    {
        using var admin = await app.AdminApiClientAsync();

        var response = await admin.PostAsync("/api/v1/users", Json("""{"userName":"heidi","displayName":"Heidi","password":"0123456789abc"}"""));

        await response.ProblemAsync(400);
    }

    [Fact]
    public async Task the_same_idempotency_key_creates_the_user_once()
    {
        using var admin = await app.AdminApiClientAsync();
        var key = Guid.NewGuid().ToString();

        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users") { Content = Json("""{"userName":"ivan","displayName":"Ivan","role":"Monitor","password":"0123456789abc"}""") };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(Request())).StatusCode);
        Assert.Single(await app.EventsAsync("user-ivan"));

        // The key's fingerprint covers the body, password included: it is keyed, never a plain hash
        // that could be checked against guessed passwords offline.
        await using var command = app.Runtime.DataSource.CreateCommand($"SELECT fingerprint FROM processed_commands WHERE command_id = '{key}'");
        var stored = (string)(await command.ExecuteScalarAsync())!;
        var body = TrialOps.EventStore.CanonicalJson.Canonicalize("""{"userName":"ivan","displayName":"Ivan","role":"Monitor","password":"0123456789abc"}""");
        var plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"POST /api/v1/users\n{body}")));
        Assert.Equal(64, stored.Length);
        Assert.NotEqual(plain, stored);
    }

    [Fact]
    public async Task an_unknown_api_path_is_a_404_problem()
    {
        using var admin = await app.AdminApiClientAsync();

        await (await admin.GetAsync("/api/v1/no-such-thing")).ProblemAsync(404);
    }

    [Fact]
    public async Task the_openapi_document_is_served_and_describes_the_api()
    {
        using var admin = await app.AdminApiClientAsync();

        var response = await admin.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/me", out _));
        Assert.True(paths.TryGetProperty("/api/v1/users", out _));
    }
}
