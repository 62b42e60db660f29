using System.Net;
using System.Text.RegularExpressions;
using TrialOps.Identity;

namespace TrialOps.Web.Tests.SecondFactor;

/// <summary>What a phone app does in these tests: read the secret off the page and compute codes (RFC 6238).</summary>
internal static partial class Authenticator
{
    public static byte[] SecretFrom(string html)
    {
        var match = SecretText().Match(html);
        Assert.True(match.Success, "The page shows no authenticator key.");
        return Base32.Decode(WebUtility.HtmlDecode(match.Groups[1].Value))!;
    }

    public static IReadOnlyList<string> RecoveryCodesFrom(string html) =>
        RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToArray();

    /// <summary>The code of the time step <paramref name="stepsFromNow"/> steps from now (within the tolerated drift for -1..1).</summary>
    public static string Code(byte[] secret, int stepsFromNow = 0) => Totp.Code(secret, Totp.TimeStepAt(DateTimeOffset.UtcNow) + stepsFromNow);

    [GeneratedRegex("<code id=\"totp-secret\">([^<]*)</code>")]
    private static partial Regex SecretText();

    [GeneratedRegex("<li><code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})</code></li>")]
    private static partial Regex RecoveryCode();
}
