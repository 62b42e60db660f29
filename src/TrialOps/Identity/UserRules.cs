using System.Text.RegularExpressions;
using TrialOps.Common;
using TrialOps.Messaging;

namespace TrialOps.Identity;

/// <summary>Rejection codes of the identity feature (see also <see cref="RejectionCodes"/>).</summary>
public static class IdentityRejections
{
    public const string InvalidUserName = "identity.invalid-user-name";
    public const string InvalidDisplayName = "identity.invalid-display-name";
    public const string UnknownRole = "identity.unknown-role";
    public const string InvalidSite = "identity.invalid-site";
    public const string WeakPassword = "identity.weak-password";
    public const string UserExists = "identity.user-exists";
    public const string UserNotFound = "identity.user-not-found";
    public const string AlreadyActive = "identity.already-active";
    public const string AlreadyDeactivated = "identity.already-deactivated";
    public const string NotLockedOut = "identity.not-locked-out";
    public const string NotOnYourself = "identity.not-on-yourself";
    public const string UserDeactivated = "identity.user-deactivated";
    public const string WrongPassword = "identity.wrong-password";
    public const string TokenNotFound = "identity.token-not-found";
    public const string SignatureRefused = "identity.signature-refused";
}

/// <summary>
/// Shape rules of identity input (STYLE.md: shape rules in a validator, state rules in the
/// decision), shared by the decisions, the web forms and the CLI so that all give the same answer.
/// </summary>
public static partial class UserRules
{
    /// <summary>Lower-case letter first, then letters, digits, '.', '_' or '-'.</summary>
    public const string UserNamePattern = "^[a-z][a-z0-9._-]{1,31}$";

    public const int MaxUserNameLength = 32;
    public const int MaxDisplayNameLength = 100;
    public const int MinPasswordLength = PasswordPolicy.MinLength;
    public const int MaxPasswordLength = PasswordPolicy.MaxLength;

    /// <summary>Wrong passwords (sign-in or signature) within <see cref="LockOutWindow"/> that lock an account.</summary>
    public const int MaxConsecutiveFailures = 5;

    /// <summary>Wrong passwords older than this do not count towards a lock-out.</summary>
    public static readonly TimeSpan LockOutWindow = TimeSpan.FromMinutes(15);

    /// <summary>How long a lock-out lasts unless an administrator lifts it earlier.</summary>
    public static readonly TimeSpan LockOutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in names are case-insensitive: stored and compared in lower case.</summary>
    public static string NormalizeUserName(string? userName) => (userName ?? string.Empty).Trim().ToLowerInvariant();

    /// <summary>
    /// Site codes are upper case, unique and sorted, so that equal sets compare equal; a list that
    /// holds <see cref="SiteGrants.AllSitesGrant"/> becomes just that grant.
    /// </summary>
    public static IReadOnlyList<string> NormalizeSites(IEnumerable<string>? sites)
    {
        var codes = (sites ?? [])
            .SelectMany(s => (s ?? string.Empty).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return SiteGrants.GrantsAllSites(codes) ? [SiteGrants.AllSitesGrant] : codes;
    }

    public static Rejection? CheckUserName(string userName) =>
        UserName().IsMatch(userName)
            ? null
            : new Rejection(IdentityRejections.InvalidUserName,
                "A user name has 2 to 32 characters: a lower-case letter first, then letters, digits, '.', '_' or '-'.", "userName");

    public static Rejection? CheckDisplayName(string displayName) =>
        !string.IsNullOrWhiteSpace(displayName) && displayName.Trim().Length <= MaxDisplayNameLength
            ? null
            : new Rejection(IdentityRejections.InvalidDisplayName, $"Give the person's name (at most {MaxDisplayNameLength} characters).", "displayName");

    public static Rejection? CheckRole(string role) =>
        Roles.IsKnown(role)
            ? null
            : new Rejection(IdentityRejections.UnknownRole, $"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}.", "role");

    public static Rejection? CheckSites(IReadOnlyList<string> sites) =>
        sites.FirstOrDefault(s => s != SiteGrants.AllSitesGrant && !SiteCode().IsMatch(s)) is { } bad
            ? new Rejection(IdentityRejections.InvalidSite, $"'{bad}' is not a site code (1 to 20 characters from A-Z, 0-9 and '-', or '*' for all sites).", "sites")
            : null;

    /// <summary>All sites can be given to Coordinators and the trial-wide roles, not to data entry staff or investigators, who work at named sites.</summary>
    public static Rejection? CheckSiteGrant(string role, IReadOnlyList<string> sites) =>
        SiteGrants.GrantsAllSites(sites) && !SiteGrants.RolesThatMayHaveAllSites.Contains(role, StringComparer.Ordinal)
            ? new Rejection(
                IdentityRejections.InvalidSite,
                $"A {role} cannot be given all sites; name their sites ({string.Join(", ", SiteGrants.RolesThatMayHaveAllSites)} can have all sites).",
                "sites")
            : null;

    /// <summary>
    /// Checked before hashing (the decisions only ever see the hash); see <see cref="PasswordPolicy"/>.
    /// <paramref name="userName"/> is the account's name: a password may not contain it.
    /// </summary>
    public static Rejection? CheckPassword(string? password, string? userName = null, string field = "password") =>
        PasswordPolicy.Check(password, userName, field);

    [GeneratedRegex(UserNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex UserName();

    [GeneratedRegex("^[A-Z0-9-]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex SiteCode();
}
