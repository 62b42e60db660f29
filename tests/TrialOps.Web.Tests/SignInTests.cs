using System.Net;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Web.Auth;

namespace TrialOps.Web.Tests;

public sealed class SignInTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly string FailureText = WebUtility.HtmlEncode(SignInResult.FailureMessage);

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string url = "/login") =>
        Forms.PostAsync(client, url, "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });

    [Fact]
    public async Task the_first_start_creates_admin_who_signs_in_with_the_configured_password()
    {
        using var client = app.Client();

        var response = await SignInAsync(client, "admin", WebAppFixture.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.RedirectPath());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var created = Assert.IsType<UserCreated>((await app.EventsAsync("user-admin"))[0]);
        Assert.Equal((Roles.Administrator, "system"), (created.Role, created.CreatedBy));
    }

    [Fact]
    public async Task a_successful_sign_in_is_recorded_as_an_event_and_opens_the_start_page()
    {
        var name = await app.CreateUserAsync(Roles.Coordinator);
        using var client = app.Client();

        var response = await SignInAsync(client, name, WebAppFixture.DefaultPassword, "/login?ReturnUrl=%2Faccount%2Fpassword");

        Assert.Equal("/account/password", response.RedirectPath());
        var signedIn = Assert.IsType<LoginSucceeded>((await app.EventsAsync($"user-{name}"))[^1]);
        Assert.Equal(name, signedIn.UserName);
        var home = await client.GetStringAsync("/");
        Assert.Contains($"signed in as <strong>{name}</strong>", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/login?returnUrl=/%C3%A9")]
    [InlineData("/login?ReturnUrl=%2F%0D%0ASet-Cookie%3A%20x%3D1")]
    [InlineData("/login?ReturnUrl=%2F%5Cevil.example")]
    [InlineData("/login?ReturnUrl=%2F%09%2Fevil.example")]
    [InlineData("/login?ReturnUrl=https%3A%2F%2Fevil.example%2F")]
    public async Task an_odd_return_url_after_the_right_password_opens_the_start_page(string loginUrl)
    {
        var name = await app.CreateUserAsync(Roles.Monitor);
        using var client = app.Client();

        var response = await SignInAsync(client, name, WebAppFixture.DefaultPassword, loginUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.RedirectPath());
    }

    [Fact]
    public async Task a_failed_sign_in_is_recorded_without_the_password_and_shows_the_one_failure_message()
    {
        var name = await app.CreateUserAsync(Roles.DataEntry);
        using var client = app.Client();

        var response = await SignInAsync(client, name, "Wrong-Password-1234");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(FailureText, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-Password-1234", html, StringComparison.Ordinal);
        Assert.Equal(name, Forms.InputValue(html, "Input.UserName"));
        var failed = Assert.IsType<LoginFailed>((await app.EventsAsync($"user-{name}"))[^1]);
        Assert.Equal((LoginFailureReason.WrongPassword, 1), (failed.Reason, failed.ConsecutiveFailures));
        Assert.DoesNotContain("Wrong-Password-1234", await app.RawEventDataAsync($"user-{name}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task five_wrong_passwords_lock_the_account_and_the_lock_out_is_recorded()
    {
        var name = await app.CreateUserAsync(Roles.Investigator);

        // From two computers: one gets fewer wrong passwords than a lock-out needs (SignInThrottle).
        for (var attempt = 1; attempt <= UserRules.MaxConsecutiveFailures; attempt++)
        {
            using var client = app.ClientFrom(attempt <= 3 ? "192.0.2.10" : "192.0.2.11");
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, name, $"guess-number-{attempt}")).StatusCode);
        }

        using var owner = app.ClientFrom("192.0.2.12");
        var whileLocked = await SignInAsync(owner, name, WebAppFixture.DefaultPassword);

        Assert.Equal(HttpStatusCode.OK, whileLocked.StatusCode);
        Assert.Contains(FailureText, await whileLocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var events = await app.EventsAsync($"user-{name}");
        var lockedOut = Assert.Single(events.OfType<UserLockedOut>());
        Assert.Equal(UserRules.LockOutDuration, lockedOut.LockedUntil - lockedOut.LockedAt);
        Assert.Equal(5, events.OfType<LoginFailed>().Count(e => e.Reason == LoginFailureReason.WrongPassword));
        Assert.Equal(LoginFailureReason.LockedOut, Assert.IsType<LoginFailed>(events[^1]).Reason);
        Assert.True((await app.Identity.Directory.FindAsync(name))!.IsLockedOutAt(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task an_unknown_user_name_gets_the_same_message_as_a_wrong_password_and_is_recorded()
    {
        using var client = app.Client();

        var response = await SignInAsync(client, "no-such-person", "whatever-password");

        Assert.Contains(FailureText, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var attempts = await app.EventsAsync($"identity-unknown-logins-{DateTimeOffset.UtcNow:yyyy-MM-dd}");
        Assert.Contains(attempts, e => e is UnknownUserLoginFailed { AttemptedUserName: "no-such-person" });
    }

    [Theory]
    [InlineData("nul\u0000name", HttpStatusCode.BadRequest)]
    [InlineData("esc\u001b[31mname", HttpStatusCode.BadRequest)] // control characters stop at the form boundary (FormInputGuard)
    [InlineData("a-name-far-longer-than-any-account-could-ever-have-because-it-goes-on-and-on", HttpStatusCode.OK)]
    [InlineData("\ud800", HttpStatusCode.OK)]
    public async Task an_odd_user_name_gets_the_one_failure_message_or_a_400_never_a_500(string userName, HttpStatusCode expected)
    {
        using var client = app.ClientFrom("192.0.2.40");

        var response = await SignInAsync(client, userName, "whatever-password");

        Assert.Equal(expected, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Responses.AssertNoInternals(html);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains(FailureText, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task a_deactivated_user_cannot_sign_in_and_their_session_ends()
    {
        var name = await app.CreateUserAsync(Roles.Monitor);
        using var client = await app.SignedInClientAsync(name);

        Assert.True((await app.Identity.DeactivateAsync(Messaging.CommandContext.New(WebAppFixture.Admin), name)).Accepted);

        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.RedirectPath(), StringComparison.Ordinal);
        using var again = app.Client();
        Assert.Contains(FailureText, await (await SignInAsync(again, name, WebAppFixture.DefaultPassword)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(LoginFailureReason.Deactivated, Assert.IsType<LoginFailed>((await app.EventsAsync($"user-{name}"))[^1]).Reason);
    }

    [Fact]
    public async Task a_signature_is_verified_against_the_password_and_a_wrong_one_is_recorded()
    {
        var name = await app.CreateUserAsync(Roles.Investigator);

        Assert.True(await app.Identity.VerifySignatureAsync(name, WebAppFixture.DefaultPassword));
        Assert.False(await app.Identity.VerifySignatureAsync(name, "not-the-password"));
        Assert.False(await app.Identity.VerifySignatureAsync("nobody-here", WebAppFixture.DefaultPassword));

        Assert.IsType<SignatureFailed>((await app.EventsAsync($"user-{name}"))[^1]);
    }

    [Fact]
    public async Task signing_out_needs_the_antiforgery_token_and_ends_the_session()
    {
        var name = await app.CreateUserAsync(Roles.Statistician);
        using var client = await app.SignedInClientAsync(name);

        var forged = await client.PostAsync("/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var html = await client.GetStringAsync("/");
        var token = Forms.InputValue(html, Forms.AntiforgeryField)!;
        var signedOut = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.AntiforgeryField] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task a_copy_of_the_session_cookie_is_refused_after_sign_out()
    {
        var name = await app.CreateUserAsync(Roles.Coordinator);
        using var client = app.Client();
        var signedIn = await SignInAsync(client, name, WebAppFixture.DefaultPassword);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        using var copy = app.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).StatusCode);

        var token = Forms.InputValue(await client.GetStringAsync("/"), Forms.AntiforgeryField)!;
        var signedOut = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.AntiforgeryField] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var replayed = await copy.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/login", replayed.RedirectPath(), StringComparison.Ordinal);
        Assert.IsType<UserSignedOut>((await app.EventsAsync($"user-{name}"))[^1]);
    }

    [Fact]
    public async Task a_password_change_ends_the_users_other_sessions()
    {
        var name = await app.CreateUserAsync(Roles.DataEntry);
        using var elsewhere = await app.SignedInClientAsync(name);
        using var here = await app.SignedInClientAsync(name);

        var changed = await Forms.PostAsync(here, "/account/password", "change-password", new()
        {
            ["Input.CurrentPassword"] = WebAppFixture.DefaultPassword,
            ["Input.NewPassword"] = "another-long-enough-phrase",
            ["Input.ConfirmPassword"] = "another-long-enough-phrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/")).StatusCode);
        Assert.StartsWith("/login", (await elsewhere.GetAsync("/")).RedirectPath(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_user_changes_their_password_and_stays_signed_in()
    {
        var name = await app.CreateUserAsync(Roles.Pharmacist);
        using var client = await app.SignedInClientAsync(name);

        var wrong = await Forms.PostAsync(client, "/account/password", "change-password", new()
        {
            ["Input.CurrentPassword"] = "not-my-password",
            ["Input.NewPassword"] = "a-brand-new-password",
            ["Input.ConfirmPassword"] = "a-brand-new-password",
        });
        Assert.Contains("id=\"currentPassword-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await Forms.PostAsync(client, "/account/password", "change-password", new()
        {
            ["Input.CurrentPassword"] = WebAppFixture.DefaultPassword,
            ["Input.NewPassword"] = "a-brand-new-password",
            ["Input.ConfirmPassword"] = "a-brand-new-password",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Your password was changed.", await client.GetStringAsync("/account/password?changed=true"), StringComparison.Ordinal);
        Assert.IsType<PasswordChanged>((await app.EventsAsync($"user-{name}")).OfType<PasswordChanged>().Single());
        using var fresh = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(fresh, name, "a-brand-new-password")).StatusCode);
    }
}
