using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrialOps.Browser.Tests;

/// <summary>
/// A user sets up an authenticator in Chromium and signs in with a code computed here the way a
/// phone app computes it (RFC 6238 from the key shown on the page), independently of the app's code.
/// </summary>
public sealed class SecondFactorBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private string Url(string path) => fixture.App.BaseUrl + path;

    private async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button:has-text('Sign in')");
    }

    [Fact]
    public async Task a_user_sets_up_an_authenticator_and_signs_in_with_password_and_code()
    {
        fixture.RequireStarted();
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page);

        await page.GotoAsync(Url("/login"));
        await SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        await BrowserFixture.AtAsync(page, Url("/"));
        await page.ClickAsync("nav a[href='/account/second-factor']");
        await BrowserFixture.AtAsync(page, Url("/account/second-factor"));
        await Expect(page.Locator("#second-factor-status")).ToContainTextAsync("Off");

        await page.ClickAsync("button:has-text('Set up an authenticator app')");
        await Expect(page.Locator("svg.qr-code")).ToBeVisibleAsync();
        await Expect(page.Locator("#totp-uri")).ToContainTextAsync("otpauth://totp/TrialOps:admin?secret=");
        await shots.TakeAsync("authenticator-setup");
        var secret = FromBase32(await page.Locator("#totp-secret").InnerTextAsync());

        await page.FillAsync("#code", CodeAt(secret, 0));
        await page.ClickAsync("button:has-text('Turn on')");
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await shots.TakeAsync("recovery-codes");

        await page.ClickAsync("button:has-text('Sign out')");
        await BrowserFixture.AtAsync(page, Url("/login?signedOut=true"));
        await SignInAsync(page, "admin", BrowserFixture.AdminPassword);
        await BrowserFixture.AtAsync(page, Url("/login/code"));
        await Expect(page.Locator("main")).ToContainTextAsync("Enter your code");
        await shots.TakeAsync("code-step");

        await page.FillAsync("#code", CodeAt(secret, 1));
        await page.ClickAsync("button:has-text('Sign in')");
        await BrowserFixture.AtAsync(page, Url("/"));
        await Expect(page.Locator("nav a[href='/users']")).ToHaveCountAsync(1);
        await page.GotoAsync(Url("/account/second-factor"));
        await Expect(page.Locator("#second-factor-status")).ToContainTextAsync("On");
        await shots.TakeAsync("signed-in-with-code");
    }

    /// <summary>HOTP (RFC 4226) of the 30-second time step <paramref name="stepsFromNow"/> steps from now, 6 digits.</summary>
    private static string CodeAt(byte[] secret, int stepsFromNow)
    {
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 + stepsFromNow;
        var message = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var hash = HMACSHA1.HashData(secret, message);
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return value.ToString("000000", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Where(c => !char.IsWhiteSpace(c)))
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
