using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Web.Auth;

namespace TrialOps.Web.Tests.SecondFactor;

/// <summary>
/// The whole second-factor flow through the web app (ADR 0011): setting it up, signing in with a
/// code, refused and replayed codes, recovery codes, throttling, an administrator's reset, and the
/// installation setting that requires it. Each test uses its own client addresses (throttling).
/// </summary>
public sealed class SecondFactorWebTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly string RefusedText = WebUtility.HtmlEncode(SignInCodeMessages.LockedOrRefused);

    private static Task<HttpResponseMessage> PasswordAsync(HttpClient client, string userName, string password = WebAppFixture.DefaultPassword) =>
        Forms.PostAsync(client, "/login", "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });

    private static Task<HttpResponseMessage> CodeAsync(HttpClient client, string code) =>
        Forms.PostAsync(client, "/login/code", "login-code", new() { ["Input.Code"] = code });

    /// <summary>Sets up an authenticator on /account/second-factor with a signed-in client; returns the secret and the recovery codes shown.</summary>
    private static async Task<(byte[] Secret, IReadOnlyList<string> RecoveryCodes)> EnrollAsync(HttpClient client)
    {
        var started = await Forms.PostAsync(client, "/account/second-factor", "second-factor-start", new());
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var html = await started.Content.ReadAsStringAsync();
        var secret = Authenticator.SecretFrom(html);
        Assert.Contains("otpauth://totp/TrialOps:", html, StringComparison.Ordinal);
        Assert.Contains($"?secret={Base32.Encode(secret)}&amp;issuer=TrialOps", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);

        var confirmed = await Forms.PostAsync(client, "/account/second-factor", "second-factor-confirm", new() { ["Confirm.Code"] = Authenticator.Code(secret) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var codes = Authenticator.RecoveryCodesFrom(await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(RecoveryCodes.Count, codes.Count);
        return (secret, codes);
    }

    private async Task<(string Name, byte[] Secret, IReadOnlyList<string> RecoveryCodes)> UserWithSecondFactorAsync(string role = Roles.DataEntry)
    {
        var name = await app.CreateUserAsync(role);
        using var client = await app.SignedInClientAsync(name);
        var (secret, codes) = await EnrollAsync(client);
        return (name, secret, codes);
    }

    private static async Task AssertNoSessionAsync(HttpClient client) =>
        Assert.StartsWith("/login", (await client.GetAsync("/")).RedirectPath(), StringComparison.Ordinal);

    private static async Task AssertSessionAsync(HttpClient client) =>
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

    [Fact]
    public async Task a_user_sets_up_a_second_factor_and_then_signs_in_with_password_and_a_code_of_the_app()
    {
        var (name, secret, _) = await UserWithSecondFactorAsync();
        using var client = app.ClientFrom("198.51.100.40");

        var password = await PasswordAsync(client, name);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal("/login/code", password.RedirectPath());
        await AssertNoSessionAsync(client);

        var code = await CodeAsync(client, Authenticator.Code(secret, 1));
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal("/", code.RedirectPath());
        await AssertSessionAsync(client);

        var events = await app.EventsAsync($"user-{name}");
        Assert.Single(events.OfType<SecondFactorEnrolled>());
        Assert.Single(events.OfType<SecondFactorConfirmed>());
        Assert.Single(events.OfType<SecondFactorRequested>());
        Assert.Single(events.OfType<SecondFactorVerified>());
        Assert.IsType<LoginSucceeded>(events[^1]);
        Assert.DoesNotContain(Base32.Encode(secret), await app.RawEventDataAsync($"user-{name}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_code_page_gives_no_session_without_a_password_step_and_keeps_the_return_address()
    {
        var (name, secret, _) = await UserWithSecondFactorAsync();
        using var stranger = app.ClientFrom("198.51.100.41");
        Assert.Equal("/login", (await stranger.GetAsync("/login/code")).RedirectPath());

        using var client = app.ClientFrom("198.51.100.42");
        var password = await Forms.PostAsync(client, "/login?ReturnUrl=%2Faccount%2Fpassword", "login", new() { ["Input.UserName"] = name, ["Input.Password"] = WebAppFixture.DefaultPassword });
        Assert.Equal("/login/code?ReturnUrl=%2Faccount%2Fpassword", password.RedirectPath());
        var code = await Forms.PostAsync(client, "/login/code?ReturnUrl=%2Faccount%2Fpassword", "login-code", new() { ["Input.Code"] = Authenticator.Code(secret, 1) });
        Assert.Equal("/account/password", code.RedirectPath());
    }

    [Fact]
    public async Task a_wrong_code_and_a_code_used_before_are_refused_without_a_session()
    {
        var (name, secret, _) = await UserWithSecondFactorAsync();
        // One code, typed twice: computing it twice could straddle a 30 s step and give two different codes.
        var used = Authenticator.Code(secret, 1);
        using (var first = app.ClientFrom("198.51.100.43"))
        {
            await PasswordAsync(first, name);
            Assert.Equal("/", (await CodeAsync(first, used)).RedirectPath());
        }

        using var second = app.ClientFrom("198.51.100.44");
        await PasswordAsync(second, name);
        var replayed = await CodeAsync(second, used);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains(RefusedText, await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrong = await CodeAsync(second, Authenticator.Code(secret, 7));
        Assert.Contains(RefusedText, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNoSessionAsync(second);

        var failures = (await app.EventsAsync($"user-{name}")).OfType<SecondFactorSignInFailed>().Select(f => f.Reason).ToArray();
        Assert.Equal([SecondFactorFailureReason.ReusedCode, SecondFactorFailureReason.WrongCode], failures);
    }

    [Fact]
    public async Task a_recovery_code_signs_in_once_only()
    {
        var (name, _, codes) = await UserWithSecondFactorAsync();
        using (var first = app.ClientFrom("198.51.100.45"))
        {
            await PasswordAsync(first, name);
            Assert.Equal("/", (await CodeAsync(first, codes[3].ToLowerInvariant())).RedirectPath());
            await AssertSessionAsync(first);
        }

        using var second = app.ClientFrom("198.51.100.46");
        await PasswordAsync(second, name);
        Assert.Contains(RefusedText, await (await CodeAsync(second, codes[3])).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNoSessionAsync(second);
        Assert.Equal(RecoveryCodes.Count - 1, Assert.Single((await app.EventsAsync($"user-{name}")).OfType<RecoveryCodeUsed>()).RemainingCodes);
    }

    [Fact]
    public async Task wrong_codes_are_throttled_like_wrong_passwords_so_the_right_code_then_gets_429()
    {
        var (name, secret, _) = await UserWithSecondFactorAsync();
        using var client = app.ClientFrom("198.51.100.47");
        await PasswordAsync(client, name);

        for (var attempt = 1; attempt <= SignInThrottle.ClientAndUserFailures; attempt++)
        {
            Assert.Contains(RefusedText, await (await CodeAsync(client, Authenticator.Code(secret, 10 + attempt))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var throttled = await CodeAsync(client, Authenticator.Code(secret, 1));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(SignInOutcome.ThrottledMessage), await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNoSessionAsync(client);
        var events = await app.EventsAsync($"user-{name}");
        Assert.Equal(SignInThrottle.ClientAndUserFailures, events.OfType<SecondFactorSignInFailed>().Count());
        Assert.Empty(events.OfType<SecondFactorVerified>());
        Assert.Empty(events.OfType<UserLockedOut>());
    }

    [Fact]
    public async Task an_administrator_resets_a_lost_second_factor_which_ends_the_users_sessions()
    {
        var name = await app.CreateUserAsync(Roles.Monitor);
        using var userClient = await app.SignedInClientAsync(name);
        await EnrollAsync(userClient);
        await AssertSessionAsync(userClient);
        using var admin = await app.SignedInClientAsync(IdentityService.AdministratorUserName, WebAppFixture.AdminPassword);
        Assert.Contains("Reset second factor", await admin.GetStringAsync($"/users/{name}"), StringComparison.Ordinal);

        var reset = await Forms.PostAsync(admin, $"/users/{name}", "second-factor-reset", new());

        Assert.Equal($"/users/{name}?done=second-factor-reset", reset.RedirectPath());
        Assert.Equal(IdentityService.AdministratorUserName, Assert.Single((await app.EventsAsync($"user-{name}")).OfType<SecondFactorReset>()).ResetBy);
        await AssertNoSessionAsync(userClient);
        using var again = app.ClientFrom("198.51.100.48");
        Assert.Equal("/", (await PasswordAsync(again, name)).RedirectPath());
    }

    [Fact]
    public async Task the_api_shows_and_resets_a_second_factor_and_api_tokens_need_no_code()
    {
        var (name, _, _) = await UserWithSecondFactorAsync();
        using var bearer = app.BearerClient(await app.TokenForAsync(name));
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        using var admin = await app.AdminApiClientAsync();

        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{name}/second-factor");
        var reset = await admin.PostAsync($"/api/v1/users/{name}/second-factor/reset", null);
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{name}/second-factor");
        var repeated = await admin.PostAsync($"/api/v1/users/{name}/second-factor/reset", null);

        Assert.True(before.GetProperty("enabled").GetBoolean());
        Assert.Equal(RecoveryCodes.Count, before.GetProperty("recoveryCodesLeft").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.False(after.GetProperty("enabled").GetBoolean());
        await repeated.ProblemAsync(StatusCodes.Status409Conflict);
        Assert.Equal(HttpStatusCode.Forbidden, (await bearer.PostAsync($"/api/v1/users/{name}/second-factor/reset", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/users/nobody-here/second-factor")).StatusCode);
    }

    [Fact]
    public async Task a_user_can_renew_recovery_codes_and_turn_the_second_factor_off_with_the_password()
    {
        var name = await app.CreateUserAsync(Roles.Coordinator);
        using var client = await app.SignedInClientAsync(name);
        var (_, oldCodes) = await EnrollAsync(client);

        var renewed = await Forms.PostAsync(client, "/account/second-factor", "recovery-codes", new());
        var newCodes = Authenticator.RecoveryCodesFrom(await renewed.Content.ReadAsStringAsync());
        var wrongPassword = await Forms.PostAsync(client, "/account/second-factor", "second-factor-disable", new() { ["Disable.CurrentPassword"] = "not-my-password-at-all" });
        var disabled = await Forms.PostAsync(client, "/account/second-factor", "second-factor-disable", new() { ["Disable.CurrentPassword"] = WebAppFixture.DefaultPassword });

        Assert.Equal(RecoveryCodes.Count, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Contains("The password is not correct.", await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/account/second-factor?done=disabled", disabled.RedirectPath());
        using var again = app.ClientFrom("198.51.100.49");
        Assert.Equal("/", (await PasswordAsync(again, name)).RedirectPath());
    }

    [Fact]
    public async Task when_required_an_administrator_sets_up_a_second_factor_at_sign_in_before_getting_a_session_and_data_entry_does_not()
    {
        await using var strict = app.App.WithWebHostBuilder(builder => builder.UseSetting(SecondFactorPolicy.SettingName, "true"));
        HttpClient Client(string address)
        {
            var client = strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            TestClientAddress.Set(client, address);
            return client;
        }

        var administrator = await app.CreateUserAsync(Roles.Administrator);
        using var client = Client("198.51.100.50");
        var password = await PasswordAsync(client, administrator);
        Assert.Equal("/login/enroll", password.RedirectPath());
        await AssertNoSessionAsync(client);

        var started = await Forms.PostAsync(client, "/login/enroll", "enroll-start", new());
        var secret = Authenticator.SecretFrom(await started.Content.ReadAsStringAsync());
        await AssertNoSessionAsync(client);
        var confirmed = await Forms.PostAsync(client, "/login/enroll", "enroll-confirm", new() { ["Confirm.Code"] = Authenticator.Code(secret) });
        Assert.Equal(RecoveryCodes.Count, Authenticator.RecoveryCodesFrom(await confirmed.Content.ReadAsStringAsync()).Count);
        await AssertSessionAsync(client);
        var account = await client.GetStringAsync("/account/second-factor");
        Assert.DoesNotContain("Turn off the second factor", account, StringComparison.Ordinal);
        Assert.Contains("cannot be turned off", account, StringComparison.Ordinal);

        using var next = Client("198.51.100.51");
        Assert.Equal("/login/code", (await PasswordAsync(next, administrator)).RedirectPath());

        var dataEntry = await app.CreateUserAsync(Roles.DataEntry);
        using var clerk = Client("198.51.100.52");
        Assert.Equal("/", (await PasswordAsync(clerk, dataEntry)).RedirectPath());
        await AssertSessionAsync(clerk);
    }
}
