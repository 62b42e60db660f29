using System.Collections.Frozen;
using System.Text;
using TrialOps.Messaging;

namespace TrialOps.Identity;

/// <summary>
/// What a password must be (NIST SP 800-63B §5.1.1.2: a minimum length and a check against
/// passwords known to be guessed first, no composition rules): 12 to 256 characters, not a common
/// password or pattern from <c>Data/common-passwords.txt</c> (also with digits or symbols around it
/// and with look-alike digits), not a run (<c>1234…</c>, <c>abcd…</c>, a keyboard row), not made
/// of fewer than 5 different characters, and not containing the user name.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;
    public const int MinDistinctCharacters = 5;

    public const string TooCommonMessage =
        "This password is too easy to guess: it is a common password, a keyboard or number sequence, or repeats a few characters. " +
        "A phrase of a few unrelated words is long and easy to remember.";

    public static readonly string LengthMessage = $"A password has at least {MinLength} characters (at most {MaxLength}).";

    public const string ContainsUserNameMessage = "A password must not contain the user name.";

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    /// <summary>Runs a password must not be part of, forwards or backwards.</summary>
    private static readonly string[] Runs =
    [
        "01234567890123456789012345678901234567890",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnm",
        "qwertzuiopasdfghjklyxcvbnm",
        "azertyuiopqsdfghjklmwxcvbn",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
        "!@#$%^&*()_+",
    ];

    /// <summary>Null when the password may be used, else why not (for <paramref name="field"/>).</summary>
    public static Rejection? Check(string? password, string? userName, string field = "password")
    {
        if (password is null || password.Length is < MinLength or > MaxLength || string.IsNullOrWhiteSpace(password))
        {
            return Weak(LengthMessage, field);
        }

        var lower = password.ToLowerInvariant();
        var name = UserRules.NormalizeUserName(userName);
        if (name.Length > 0 && (lower == name || (name.Length >= 3 && lower.Contains(name, StringComparison.Ordinal))))
        {
            return Weak(ContainsUserNameMessage, field);
        }

        return IsEasyToGuess(lower) ? Weak(TooCommonMessage, field) : null;
    }

    private static bool IsEasyToGuess(string lower)
    {
        if (lower.Distinct().Count() < MinDistinctCharacters)
        {
            return true;
        }

        if (Runs.Any(run => run.Contains(lower, StringComparison.Ordinal) || Reverse(run).Contains(lower, StringComparison.Ordinal)))
        {
            return true;
        }

        var core = lower.Trim(Decoration);
        return Common.Value.Contains(lower)
            || Common.Value.Contains(core)
            || Common.Value.Contains(Unleet(core))
            || Common.Value.Contains(core.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    /// <summary>Digits, symbols and spaces people put before or after a word to meet a rule.</summary>
    private static readonly char[] Decoration = "0123456789 !@#$%^&*()_+-=.,;:?'\"~`/\\|[]{}<>".ToCharArray();

    private static string Unleet(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '0' => 'o',
                '1' or '!' => 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' => 't',
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static string Reverse(string text)
    {
        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private static Rejection Weak(string message, string field) => new(IdentityRejections.WeakPassword, message, field);

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("identity/common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list identity/common-passwords.txt is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var entries = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                entries.Add(line.Trim().ToLowerInvariant());
            }
        }

        return entries.ToFrozenSet(StringComparer.Ordinal);
    }
}
