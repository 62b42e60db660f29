using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Web.Auth;

namespace TrialOps.Web.Tests;

/// <summary>Failed sign-ins are throttled per client and name (ADR 0009); each test uses its own client addresses.</summary>
public sealed class SignInThrottlingTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly string FailureText = WebUtility.HtmlEncode(SignInResult.FailureMessage);
    private static readonly string ThrottledText = WebUtility.HtmlEncode(SignInOutcome.ThrottledMessage);

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        Forms.PostAsync(client, "/login", "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });

    [Fact]
    public async Task wrong_passwords_from_one_client_are_throttled_with_429_before_they_lock_the_account()
    {
        var name = await app.CreateUserAsync(Roles.Administrator);
        using var attacker = app.ClientFrom("198.51.100.1");

        for (var attempt = 1; attempt <= SignInThrottle.ClientAndUserFailures; attempt++)
        {
            Assert.Contains(FailureText, await (await SignInAsync(attacker, name, $"guess-number-{attempt}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var throttled = await SignInAsync(attacker, name, attempt == 20 ? WebAppFixture.DefaultPassword : $"more-guesses-{attempt}");
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Contains(ThrottledText, await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var events = await app.EventsAsync($"user-{name}");
        Assert.Equal(SignInThrottle.ClientAndUserFailures, events.OfType<LoginFailed>().Count());
        Assert.Empty(events.OfType<UserLockedOut>());
        using var owner = app.ClientFrom("203.0.113.7");
        var ownSignIn = await SignInAsync(owner, name, WebAppFixture.DefaultPassword);
        Assert.Equal(HttpStatusCode.Redirect, ownSignIn.StatusCode);
        Assert.Equal("/", ownSignIn.RedirectPath());
    }

    [Fact]
    public async Task one_client_trying_many_names_is_throttled()
    {
        using var sprayer = app.ClientFrom("198.51.100.2");

        for (var attempt = 1; attempt <= SignInThrottle.ClientFailures; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(sprayer, $"guessed-name-{attempt}", "some-long-password")).StatusCode);
        }

        var throttled = await SignInAsync(sprayer, await app.CreateUserAsync(Roles.Monitor), WebAppFixture.DefaultPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains(ThrottledText, await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task repeated_unknown_names_from_one_client_are_recorded_as_one_summary_not_one_event_each()
    {
        using var client = app.ClientFrom("198.51.100.3");
        const string Name = "no-such-person-here";
        var day = $"{DateTimeOffset.UtcNow:yyyy-MM-dd}";

        for (var attempt = 1; attempt <= 20; attempt++)
        {
            await SignInAsync(client, Name, $"whatever-password-{attempt}");
        }

        await app.App.Services.GetRequiredService<SignInAttemptRecorder>().RecordAsync(all: true, CancellationToken.None);

        var unknown = (await app.EventsAsync($"identity-unknown-logins-{day}")).OfType<UnknownUserLoginFailed>().Where(e => e.AttemptedUserName == Name);
        Assert.Single(unknown);
        var summary = Assert.Single((await app.EventsAsync($"identity-sign-in-attempts-{day}")).OfType<SignInAttemptsSummarized>(), s => s.AttemptedUserName == Name);
        Assert.Equal(("198.51.100.3", SignInThrottle.ClientAndUserFailures - 1, 20 - SignInThrottle.ClientAndUserFailures), (summary.ClientAddress, summary.UnknownUserAttempts, summary.ThrottledAttempts));
        Assert.True(summary.FirstAttemptAt <= summary.LastAttemptAt);
    }

    [Fact]
    public async Task an_account_created_after_a_repeated_unknown_attempt_signs_in_at_once()
    {
        using var client = app.ClientFrom("198.51.100.4");
        await SignInAsync(client, "late-arrival", "not-yet-an-account");
        await SignInAsync(client, "late-arrival", "not-yet-an-account");

        await app.CreateUserAsync(Roles.Monitor, name: "late-arrival");

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, "late-arrival", WebAppFixture.DefaultPassword)).StatusCode);
    }

    [Fact]
    public async Task sign_in_requests_beyond_the_rate_of_a_person_get_the_429_page()
    {
        using var client = app.ClientFrom("198.51.100.5");
        var page = await client.GetStringAsync("/login");
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            [Forms.AntiforgeryField] = Forms.InputValue(page, Forms.AntiforgeryField)!,
            ["Input.UserName"] = "",
            ["Input.Password"] = "",
        };

        HttpResponseMessage? last = null;
        for (var request = 0; request <= AuthenticationSetup.SignInRequestBurst; request++)
        {
            last = await client.PostAsync("/login", new FormUrlEncodedContent(form));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Contains("Too many attempts", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
    }
}
