using System.Net;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;

namespace TrialOps.Web.Tests;

public sealed class UserAdministrationPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private Task<HttpClient> AdminAsync() => app.SignedInClientAsync("admin", WebAppFixture.AdminPassword);

    private static Dictionary<string, string> NewUser(string name, string role = Roles.DataEntry, string displayName = "Page Made", string password = "page-made-password") => new()
    {
        ["Input.UserName"] = name,
        ["Input.DisplayName"] = displayName,
        ["Input.Role"] = role,
        ["Input.Sites"] = "s01, S02",
        ["Input.Password"] = password,
    };

    [Fact]
    public async Task an_administrator_creates_a_user_and_sees_it_confirmed_in_the_list()
    {
        using var client = await AdminAsync();

        var response = await Forms.PostAsync(client, "/users/new", "create-user", NewUser("pagemade"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/users?created=pagemade", response.RedirectPath());
        var list = await client.GetStringAsync(response.RedirectPath());
        Assert.Contains("User pagemade was created.", list, StringComparison.Ordinal);
        Assert.Contains("<td>S01, S02</td>", list, StringComparison.Ordinal);
        var created = Assert.IsType<UserCreated>(Assert.Single(await app.EventsAsync("user-pagemade")));
        Assert.Equal(("admin", Roles.DataEntry), (created.CreatedBy, created.Role));
    }

    [Fact]
    public async Task a_refused_form_shows_each_error_next_to_its_field_and_keeps_the_typed_values()
    {
        using var client = await AdminAsync();

        var response = await Forms.PostAsync(client, "/users/new", "create-user", NewUser("Not Valid", role: "", displayName: "Kept Name", password: "short"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "userName", "role", "password" })
        {
            Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("id=\"displayName-error\"", html, StringComparison.Ordinal);
        Assert.Equal("Not Valid", Forms.InputValue(html, "Input.UserName"));
        Assert.Equal("Kept Name", Forms.InputValue(html, "Input.DisplayName"));
        Assert.Equal("s01, S02", Forms.InputValue(html, "Input.Sites"));
        Assert.NotEqual("short", Forms.InputValue(html, "Input.Password"));
    }

    [Fact]
    public async Task a_duplicate_user_name_is_refused_next_to_the_field()
    {
        var existing = await app.CreateUserAsync(Roles.Monitor);
        using var client = await AdminAsync();

        var response = await Forms.PostAsync(client, "/users/new", "create-user", NewUser(existing));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<span class=\"field-error\" id=\"userName-error\">User {existing} already exists.</span>", html, StringComparison.Ordinal);
        Assert.Single(await app.EventsAsync($"user-{existing}"));
    }

    [Fact]
    public async Task an_administrator_changes_role_and_sites_deactivates_and_reactivates_a_user()
    {
        var name = await app.CreateUserAsync(Roles.DataEntry);
        using var client = await AdminAsync();
        var page = $"/users/{name}";

        var access = await Forms.PostAsync(client, page, "access", new() { ["Access.Role"] = Roles.Investigator, ["Access.Sites"] = "S09" });
        Assert.Equal($"{page}?done=access", access.RedirectPath());
        Assert.Contains("The role and sites were saved.", await client.GetStringAsync(access.RedirectPath()), StringComparison.Ordinal);

        var deactivate = await Forms.PostAsync(client, page, "status", new() { ["Status.Action"] = "deactivate" });
        Assert.Equal($"{page}?done=deactivate", deactivate.RedirectPath());
        var reactivate = await Forms.PostAsync(client, page, "status", new() { ["Status.Action"] = "reactivate" });
        Assert.Equal($"{page}?done=reactivate", reactivate.RedirectPath());

        var user = (await app.Identity.Directory.FindAsync(name))!;
        Assert.Equal((Roles.Investigator, "S09", true), (user.Role, user.Sites.Single(), user.Active));
        Assert.Collection(
            (await app.EventsAsync($"user-{name}")).Skip(1),
            e => Assert.IsType<UserAccessChanged>(e),
            e => Assert.IsType<UserDeactivated>(e),
            e => Assert.IsType<UserReactivated>(e));
    }

    [Fact]
    public async Task an_administrator_unlocks_a_locked_out_user()
    {
        var name = await app.CreateUserAsync(Roles.Coordinator);
        for (var attempt = 0; attempt < UserRules.MaxConsecutiveFailures; attempt++)
        {
            await app.Identity.SignInAsync(name, "wrong-password-guess");
        }

        using var client = await AdminAsync();
        Assert.Contains("Locked until", await client.GetStringAsync($"/users/{name}"), StringComparison.Ordinal);

        var unlock = await Forms.PostAsync(client, $"/users/{name}", "status", new() { ["Status.Action"] = "unlock" });

        Assert.Equal($"/users/{name}?done=unlock", unlock.RedirectPath());
        Assert.True((await app.Identity.SignInAsync(name, WebAppFixture.DefaultPassword)).Succeeded);
    }

    [Fact]
    public async Task the_administrator_cannot_deactivate_their_own_account_and_is_told_why()
    {
        using var client = await AdminAsync();

        var response = await Forms.PostAsync(client, "/users/admin", "status", new() { ["Status.Action"] = "deactivate" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You cannot deactivate your own account.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_user_issues_and_revokes_their_own_api_token_on_the_tokens_page()
    {
        var name = await app.CreateUserAsync(Roles.Statistician);
        using var client = await app.SignedInClientAsync(name);

        var issued = await Forms.PostAsync(client, "/account/tokens", "issue-token", []);
        var html = await issued.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "<code class=\"secret\">([^<]+)</code>").Groups[1].Value;
        Assert.StartsWith(ApiTokens.Prefix, token, StringComparison.Ordinal);
        using var api = app.BearerClient(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var tokenId = Assert.Single((await app.Identity.Directory.TokensAsync(name))).TokenId;
        var revoked = await Forms.PostAsync(client, "/account/tokens", "revoke-own-token", new() { ["Revoke.TokenId"] = tokenId });

        Assert.Equal("/account/tokens?done=revoke", revoked.RedirectPath());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task a_resubmitted_create_form_records_the_user_once()
    {
        using var client = await AdminAsync();
        var page = await client.GetStringAsync("/users/new");
        var fields = NewUser("twice");
        fields["_handler"] = "create-user";
        fields["Input.CommandId"] = Forms.InputValue(page, "Input.CommandId")!;
        fields[Forms.AntiforgeryField] = Forms.InputValue(page, Forms.AntiforgeryField)!;

        var first = await client.PostAsync("/users/new", new FormUrlEncodedContent(fields));
        var second = await client.PostAsync("/users/new", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Single(await app.EventsAsync("user-twice"));
    }
}
