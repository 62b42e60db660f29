using System.Security.Cryptography;
using System.Text;

namespace TrialOps.Identity;

/// <summary>A personal API token as it is handed out once: the secret and its non-secret id.</summary>
public sealed record NewApiToken(string TokenId, string Token)
{
    public override string ToString() => $"NewApiToken {{ TokenId = {TokenId} }}";
}

/// <summary>
/// Personal API tokens: 256 random bits, prefixed <c>trialops_</c> so that secret scanners and
/// people can recognise them. Only <see cref="Sha256"/> of a token is ever stored.
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "trialops_";

    public static NewApiToken Generate() =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), Prefix + Base64Url(RandomNumberGenerator.GetBytes(32)));

    public static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
