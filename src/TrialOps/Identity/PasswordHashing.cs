using Microsoft.AspNetCore.Identity;

namespace TrialOps.Identity;

/// <summary>
/// Password hashes by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with
/// HMAC-SHA512, salted, 100,000 iterations; DESIGN.md §6). Hashing draws a random salt, so it
/// happens before a command is built; verifying is a pure function and may run in a decision.
/// </summary>
public static class PasswordHashing
{
    private static readonly PasswordHasher<Account> Hasher = new();

    /// <summary>
    /// A hash of no one's password, verified when a user name has no account so that an unknown
    /// name takes as long to refuse as a wrong password (no guessing of accounts by timing).
    /// </summary>
    private static readonly Lazy<string> Decoy = new(() => Hash(Guid.NewGuid().ToString("N")));

    public static string Hash(string password) => Hasher.HashPassword(Account.Instance, password);

    public static bool Verify(string? hash, string? password)
    {
        if (string.IsNullOrEmpty(hash) || string.IsNullOrEmpty(password))
        {
            return false;
        }

        try
        {
            return Hasher.VerifyHashedPassword(Account.Instance, hash, password) != PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Spends the time of one verification, for refusals that must not be faster than a wrong password.</summary>
    public static void VerifyDecoy(string? password) => Verify(Decoy.Value, password ?? string.Empty);

    /// <summary>The hasher's user argument is unused by the default implementation.</summary>
    private sealed class Account
    {
        public static readonly Account Instance = new();
    }
}
