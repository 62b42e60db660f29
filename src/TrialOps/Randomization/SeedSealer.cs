using System.Security.Cryptography;
using System.Text;

namespace TrialOps.Randomization;

/// <summary>
/// Seals a randomization seed for storage in the event stream and unseals it to reproduce or
/// extend a list. The sealed text is bound to a context (the list's stream id), so a sealed seed
/// copied to another list does not unseal. Blinded read models must never include it.
/// </summary>
public interface ISeedSealer
{
    string Seal(ReadOnlySpan<byte> seed, string context);

    /// <exception cref="CryptographicException">Wrong key, wrong context or altered text.</exception>
    byte[] Unseal(string sealedSeed, string context);
}

/// <summary>
/// AES-GCM under a key held outside the database (<see cref="SeedKeyStore"/>: an environment
/// variable or a 0600 file, or a key vault), so that the seed itself never sits in the store in
/// the clear: only the key holder can regenerate a list from its seed (an inspector's proof that
/// the recorded list is the generator's output, not a hand-made one) or extend it. The list's
/// entries are recorded in the randomization stream, which blinded roles never read (ADR 0002).
/// Sealed text is base64 of
/// <c>version (1 byte) || nonce (12) || ciphertext || tag (16)</c>; the context is the associated data.
/// </summary>
public sealed class AesGcmSeedSealer : ISeedSealer
{
    private const byte FormatVersion = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    public AesGcmSeedSealer(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException("An AES key is 16, 24 or 32 bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    public string Seal(ReadOnlySpan<byte> seed, string context)
    {
        var sealedBytes = new byte[1 + NonceBytes + seed.Length + TagBytes];
        sealedBytes[0] = FormatVersion;
        var nonce = sealedBytes.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(
            nonce,
            seed,
            sealedBytes.AsSpan(1 + NonceBytes, seed.Length),
            sealedBytes.AsSpan(1 + NonceBytes + seed.Length, TagBytes),
            Encoding.UTF8.GetBytes(context));
        return Convert.ToBase64String(sealedBytes);
    }

    public byte[] Unseal(string sealedSeed, string context)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(sealedSeed);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The sealed seed is not base64.", e);
        }

        if (sealedBytes.Length < 1 + NonceBytes + TagBytes || sealedBytes[0] != FormatVersion)
        {
            throw new CryptographicException("The sealed seed has an unknown format.");
        }

        var seedLength = sealedBytes.Length - 1 - NonceBytes - TagBytes;
        var seed = new byte[seedLength];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(
            sealedBytes.AsSpan(1, NonceBytes),
            sealedBytes.AsSpan(1 + NonceBytes, seedLength),
            sealedBytes.AsSpan(1 + NonceBytes + seedLength, TagBytes),
            seed,
            Encoding.UTF8.GetBytes(context));
        return seed;
    }
}
