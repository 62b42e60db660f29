using System.Security.Cryptography;
using System.Text;
using TrialOps.Postgres;
using TrialOps.Randomization;

namespace TrialOps.Identity;

/// <summary>
/// Seals TOTP secrets for the user's event stream and unseals them to check a code (ADR 0011).
/// AES-GCM under the second-factor key, which is kept outside the database like the seed-sealing
/// and checkpoint keys: <c>TRIALOPS_SECOND_FACTOR_KEY</c> (base64 of 32 bytes), else the 0600 file
/// <c>second-factor.key</c> in TRIALOPS_HOME. Someone holding only the database (or a backup, or
/// an export of the audit trail) therefore cannot compute anyone's codes. The sealed text is bound
/// to the user name (associated data), so a sealed secret copied to another account does not unseal.
/// Sealed text: base64 of <c>version (1) || nonce (12) || ciphertext || tag (16)</c>.
/// </summary>
public sealed class SecondFactorSecrets
{
    public const string KeyVariable = "TRIALOPS_SECOND_FACTOR_KEY";

    public const string KeyFileName = "second-factor.key";

    public static HomeKeyFile KeyFile { get; } = new("second-factor key", KeyVariable, KeyFileName);

    // The seed sealer's AES-GCM format (version || nonce || ciphertext || tag), under the second-factor key.
    private readonly Lazy<AesGcmSeedSealer> _sealer;

    public SecondFactorSecrets(ReadOnlySpan<byte> key)
    {
        if (key.Length != HomeKeyFile.KeyBytes)
        {
            throw new ArgumentException($"The second-factor key is {HomeKeyFile.KeyBytes} bytes.", nameof(key));
        }

        var sealer = new AesGcmSeedSealer(key);
        _sealer = new Lazy<AesGcmSeedSealer>(() => sealer);
    }

    /// <summary>A sealer whose key is loaded (or created) the first time a secret is sealed or unsealed.</summary>
    private SecondFactorSecrets(Func<byte[]> loadKey) =>
        _sealer = new Lazy<AesGcmSeedSealer>(() => new AesGcmSeedSealer(loadKey()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The installation's sealer: the key from the variable (read with <paramref name="getSetting"/>) or the home folder, loaded on first use.</summary>
    public static SecondFactorSecrets FromHome(Func<string, string?>? getSetting = null) =>
        new(() => KeyFile.LoadOrCreate(getSetting));

    public string Seal(ReadOnlySpan<byte> secret, string userName) => _sealer.Value.Seal(secret, Context(userName));

    /// <summary>The secret, or null when the text was sealed for another account or under another key, or was altered.</summary>
    public byte[]? Unseal(string sealedSecret, string userName)
    {
        try
        {
            return _sealer.Value.Unseal(sealedSecret, Context(userName));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The associated data binding a sealed secret to its account.</summary>
    private static string Context(string userName) => $"trialops.totp-secret.v1:{userName}";
}

/// <summary>
/// One-time recovery codes: 16 characters of base32 (80 random bits) in groups of four, for when
/// the authenticator is lost. Only their SHA-256 is stored (80 random bits make an unsalted fast
/// hash safe against guessing); each works once.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    public static IReadOnlyList<string> Generate() =>
        Enumerable.Range(0, Count).Select(_ => Format(Base32.Encode(RandomNumberGenerator.GetBytes(10)))).ToArray();

    /// <summary>Upper case, without spaces or dashes, as it is hashed; users may type it either way.</summary>
    public static string Normalize(string? code) =>
        new((code ?? string.Empty).Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());

    public static bool LooksLikeOne(string normalized) => normalized.Length == 16 && Base32.Decode(normalized) is not null;

    public static string Sha256(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));

    private static string Format(string code) => string.Join('-', code.Chunk(4).Select(chunk => new string(chunk)));
}
