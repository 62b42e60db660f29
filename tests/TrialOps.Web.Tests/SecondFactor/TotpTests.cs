using System.Text;
using TrialOps.Identity;

namespace TrialOps.Web.Tests.SecondFactor;

/// <summary>TOTP and base32 against their RFCs' published test vectors, and the sealing of secrets.</summary>
public sealed class TotpTests
{
    /// <summary>RFC 6238 appendix B, the SHA1 rows: the 20-byte ASCII seed "12345678901234567890", 8 digits.</summary>
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void codes_match_the_rfc_6238_sha1_test_vectors(long unixTime, string expected)
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");
        var step = Totp.TimeStepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime));

        Assert.Equal(expected, Totp.Code(secret, step, digits: 8));
        Assert.Equal(expected[^6..], Totp.CodeAt(secret, DateTimeOffset.FromUnixTimeSeconds(unixTime)));
    }

    /// <summary>RFC 4226 appendix D: HOTP values of the same seed for counters 0 to 9.</summary>
    [Fact]
    public void hotp_values_match_the_rfc_4226_test_vectors()
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");
        string[] expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];

        Assert.Equal(expected, Enumerable.Range(0, 10).Select(counter => Totp.Code(secret, counter)).ToArray());
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void base32_matches_rfc_4648_without_padding_and_reads_back(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(encoded.ToLowerInvariant() + "======")!));
    }

    [Fact]
    public void base32_refuses_characters_outside_its_alphabet() => Assert.Null(Base32.Decode("MZXW1"));

    [Fact]
    public void a_code_one_step_early_or_late_is_accepted_and_two_steps_away_is_not()
    {
        var secret = Totp.GenerateSecret();
        var now = new DateTimeOffset(2026, 12, 3, 8, 0, 10, TimeSpan.Zero);
        var step = Totp.TimeStepAt(now);

        Assert.Equal(step - 1, Totp.MatchingStep(secret, Totp.Code(secret, step - 1), now));
        Assert.Equal(step, Totp.MatchingStep(secret, Totp.Code(secret, step), now));
        Assert.Equal(step + 1, Totp.MatchingStep(secret, Totp.Code(secret, step + 1), now));
        foreach (var far in new[] { step - 2, step + 2 })
        {
            var code = Totp.Code(secret, far);
            if (Enumerable.Range(-1, 3).All(d => Totp.Code(secret, step + d) != code))
            {
                Assert.Null(Totp.MatchingStep(secret, code, now));
            }
        }

        Assert.Null(Totp.MatchingStep(secret, "12345", now));
        Assert.Null(Totp.MatchingStep(secret, "12a456", now));
    }

    [Fact]
    public void the_provisioning_uri_names_the_issuer_account_and_base32_secret()
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");

        Assert.Equal("otpauth://totp/TrialOps:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=TrialOps", Totp.ProvisioningUri("alice", secret));
    }

    [Fact]
    public void a_sealed_secret_opens_only_for_its_account_and_key()
    {
        var key = new byte[32];
        key[0] = 7;
        var secrets = new SecondFactorSecrets(key);
        var secret = Totp.GenerateSecret();
        var sealedSecret = secrets.Seal(secret, "alice");

        Assert.DoesNotContain(Base32.Encode(secret), sealedSecret, StringComparison.Ordinal);
        Assert.Equal(secret, secrets.Unseal(sealedSecret, "alice"));
        Assert.Null(secrets.Unseal(sealedSecret, "bob"));
        Assert.Null(new SecondFactorSecrets(new byte[32]).Unseal(sealedSecret, "alice"));
        Assert.Null(secrets.Unseal("not base64 at all", "alice"));
    }

    [Fact]
    public void recovery_codes_are_ten_distinct_80_bit_codes_accepted_with_or_without_dashes_and_case()
    {
        var codes = RecoveryCodes.Generate();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$", code));
        Assert.Equal(RecoveryCodes.Sha256(codes[0]), RecoveryCodes.Sha256(codes[0].Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant()));
    }
}
