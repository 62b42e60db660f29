using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace TrialOps.Identity;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over the HOTP of RFC 4226): HMAC-SHA1, 30-second time
/// steps counted from the Unix epoch, 6 digits, one step of clock drift tolerated either way.
/// These are the defaults every authenticator app (and the <c>otpauth://</c> URI without
/// parameters) assumes, so nothing but the secret needs to be exchanged.
/// </summary>
public static class Totp
{
    public const int Digits = 6;

    /// <summary>Secrets are 160 bits, the HMAC-SHA1 block size RFC 4226 §4 recommends.</summary>
    public const int SecretBytes = 20;

    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Steps accepted before and after the current one (a phone clock a little off, a code typed as it turned over).</summary>
    public const int ToleratedSteps = 1;

    public const string Issuer = "TrialOps";

    public static byte[] GenerateSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>The time step (RFC 6238 T) that <paramref name="time"/> falls in.</summary>
    public static long TimeStepAt(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeSeconds(), (long)Step.TotalSeconds, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>The HOTP value (RFC 4226 §5.3) for <paramref name="counter"/>, as <paramref name="digits"/> decimal digits.</summary>
    public static string Code(ReadOnlySpan<byte> secret, long counter, int digits = Digits)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, message, hash);
        var offset = hash[^1] & 0x0f;
        var truncated = BinaryPrimitives.ReadInt32BigEndian(hash.Slice(offset, 4)) & 0x7fffffff;
        var modulus = 1;
        for (var i = 0; i < digits; i++)
        {
            modulus *= 10;
        }

        return (truncated % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>The code an authenticator shows at <paramref name="time"/>.</summary>
    public static string CodeAt(ReadOnlySpan<byte> secret, DateTimeOffset time) => Code(secret, TimeStepAt(time));

    /// <summary>
    /// The time step whose code <paramref name="code"/> is, within <see cref="ToleratedSteps"/> of
    /// <paramref name="now"/>; null when it matches none. Compared in constant time, so the response
    /// time does not tell how many digits were right.
    /// </summary>
    public static long? MatchingStep(ReadOnlySpan<byte> secret, string code, DateTimeOffset now)
    {
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = TimeStepAt(now);
        long? matched = null;
        var typed = Encoding.ASCII.GetBytes(code);
        for (var step = current - ToleratedSteps; step <= current + ToleratedSteps; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(typed, Encoding.ASCII.GetBytes(Code(secret, step))))
            {
                matched ??= step;
            }
        }

        return matched;
    }

    /// <summary>
    /// The Key URI an authenticator app reads from a QR code:
    /// <c>otpauth://totp/TrialOps:NAME?secret=BASE32&amp;issuer=TrialOps</c> (defaults: SHA1, 6 digits, 30 s).
    /// </summary>
    public static string ProvisioningUri(string userName, ReadOnlySpan<byte> secret) =>
        $"otpauth://totp/{Issuer}:{Uri.EscapeDataString(userName)}?secret={Base32.Encode(secret)}&issuer={Issuer}";
}

/// <summary>RFC 4648 base32 (A–Z, 2–7), without padding, as authenticator apps expect secrets.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length * 8 + 4) / 5);
        var buffer = 0;
        var bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    /// <summary>Decodes base32, ignoring case, spaces and padding; null when a character is not base32.</summary>
    public static byte[]? Decode(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        var buffer = 0;
        var bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=' or '-')
            {
                continue;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
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
