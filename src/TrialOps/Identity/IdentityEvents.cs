using TrialOps.EventStore;

namespace TrialOps.Identity;

/// <summary>
/// An administrator created a user account. Stream <c>user-&lt;name&gt;</c>.
/// Part 11 §11.100: the user name is unique and never reused, so every signature and every
/// recorded action stays attributable to one person.
/// </summary>
/// <param name="UserName">The sign-in name (lower case; see <see cref="UserRules.UserNamePattern"/>).</param>
/// <param name="CreatedBy">User id of the administrator (or <c>system</c> for the first administrator).</param>
/// <param name="CreatedAt">Server time.</param>
/// <param name="DisplayName">The person's name as shown on screens and in the audit trail.</param>
/// <param name="Role">One of <see cref="Common.Roles.All"/>.</param>
/// <param name="Sites">Site codes the user works at; empty for trial-wide roles.</param>
/// <param name="PasswordHash">
/// ASP.NET Core Identity password hash (PBKDF2, salted). Never the password. No read model,
/// page, API or export shows it; only the sign-in decision reads it.
/// </param>
[EventType("identity.user-created.v1")]
public sealed record UserCreated(
    string UserName,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string DisplayName,
    string Role,
    IReadOnlyList<string> Sites,
    string PasswordHash);

/// <summary>An administrator changed the role and sites a user acts in. Later actions carry the new role.</summary>
/// <param name="ChangedBy">User id of the administrator.</param>
/// <param name="Role">The new role.</param>
/// <param name="Sites">The new site codes (the whole set, not a difference).</param>
[EventType("identity.user-access-changed.v1")]
public sealed record UserAccessChanged(
    string UserName,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    string Role,
    IReadOnlyList<string> Sites);

/// <summary>
/// An administrator deactivated a user: they can no longer sign in, and their API tokens stop
/// working. The account and everything it recorded stay (Part 11: records are never deleted).
/// </summary>
[EventType("identity.user-deactivated.v1")]
public sealed record UserDeactivated(string UserName, string DeactivatedBy, DateTimeOffset DeactivatedAt);

/// <summary>An administrator reactivated a deactivated user.</summary>
[EventType("identity.user-reactivated.v1")]
public sealed record UserReactivated(string UserName, string ReactivatedBy, DateTimeOffset ReactivatedAt);

/// <summary>The user changed their password (after re-entering the current one).</summary>
/// <param name="ChangedBy">User id of whoever changed it (the user themselves).</param>
/// <param name="PasswordHash">The new hash; see <see cref="UserCreated.PasswordHash"/>.</param>
[EventType("identity.password-changed.v1")]
public sealed record PasswordChanged(string UserName, string ChangedBy, DateTimeOffset ChangedAt, string PasswordHash);

/// <summary>The user signed in with their password (Part 11 §11.300: sign-ins are audited).</summary>
[EventType("identity.login-succeeded.v1")]
public sealed record LoginSucceeded(string UserName, DateTimeOffset SignedInAt);

/// <summary>
/// The user signed out. Every session of the account ends (its security stamp changes), so a
/// copy of the session cookie is refused afterwards.
/// </summary>
[EventType("identity.user-signed-out.v1")]
public sealed record UserSignedOut(string UserName, DateTimeOffset SignedOutAt);

/// <summary>Why a sign-in of an existing user was refused. Stored by name: never rename a member.</summary>
public enum LoginFailureReason
{
    /// <summary>The password did not match; counts towards the lock-out.</summary>
    WrongPassword,

    /// <summary>The account was locked out at the time; the password was not checked.</summary>
    LockedOut,

    /// <summary>The account was deactivated; the password was not checked.</summary>
    Deactivated,
}

/// <summary>
/// A sign-in of an existing user was refused. Holds no password, right or wrong (a mistyped
/// password is often close to the real one).
/// </summary>
/// <param name="AttemptedAt">Server time.</param>
/// <param name="ConsecutiveFailures">Wrong passwords in a row so far, including this one when it was one.</param>
[EventType("identity.login-failed.v1")]
public sealed record LoginFailed(string UserName, DateTimeOffset AttemptedAt, LoginFailureReason Reason, int ConsecutiveFailures);

/// <summary>
/// A sign-in with a user name that has no account. Stream <c>identity-unknown-logins-&lt;yyyy-MM-dd&gt;</c>
/// (one per UTC day), so that attempts to guess accounts are audited without creating user streams.
/// </summary>
/// <param name="AttemptedUserName">The name as typed, normalized and cut to <see cref="UserRules.MaxUserNameLength"/> characters.</param>
[EventType("identity.unknown-user-login-failed.v1")]
public sealed record UnknownUserLoginFailed(string AttemptedUserName, DateTimeOffset AttemptedAt);

/// <summary>
/// Sign-in attempts from one client with one name that were not recorded one by one, over
/// <paramref name="FirstAttemptAt"/>..<paramref name="LastAttemptAt"/>: repeats of a name that has
/// no account (its first attempt is a <see cref="UnknownUserLoginFailed"/>), and attempts refused
/// by throttling before the password was checked. An unauthenticated client could otherwise
/// write an event per request. Stream <c>identity-sign-in-attempts-&lt;yyyy-MM-dd&gt;</c> (UTC day of the last attempt).
/// </summary>
/// <param name="ClientAddress">The client's IP address (an IPv6 client by its /64 network), as the web host saw it.</param>
/// <param name="AttemptedUserName">The name as typed, normalized and cut to <see cref="UserRules.MaxUserNameLength"/> characters.</param>
/// <param name="UnknownUserAttempts">Further attempts with a name that had no account.</param>
/// <param name="ThrottledAttempts">Attempts refused by throttling (HTTP 429), password not checked.</param>
[EventType("identity.sign-in-attempts-summarized.v1")]
public sealed record SignInAttemptsSummarized(
    string ClientAddress,
    string AttemptedUserName,
    DateTimeOffset FirstAttemptAt,
    DateTimeOffset LastAttemptAt,
    int UnknownUserAttempts,
    int ThrottledAttempts);

/// <summary>
/// A password re-entered for an electronic signature did not match (Part 11 §11.200). Counts
/// towards the lock-out like a failed sign-in, so signatures cannot be used to guess passwords.
/// </summary>
[EventType("identity.signature-failed.v1")]
public sealed record SignatureFailed(string UserName, DateTimeOffset AttemptedAt, int ConsecutiveFailures);

/// <summary>
/// After <see cref="UserRules.MaxConsecutiveFailures"/> wrong passwords in a row the account is
/// locked until <paramref name="LockedUntil"/> or until an administrator unlocks it.
/// </summary>
[EventType("identity.user-locked-out.v1")]
public sealed record UserLockedOut(string UserName, DateTimeOffset LockedAt, DateTimeOffset LockedUntil, int ConsecutiveFailures);

/// <summary>An administrator lifted a lock-out before it expired.</summary>
[EventType("identity.user-unlocked.v1")]
public sealed record UserUnlocked(string UserName, string UnlockedBy, DateTimeOffset UnlockedAt);

/// <summary>
/// A personal API token was issued for the user (shown once to whoever asked for it). Only the
/// token's SHA-256 is stored, so neither the store nor a backup can give the token away.
/// </summary>
/// <param name="IssuedBy">The user themselves or an administrator.</param>
/// <param name="TokenId">A short, non-secret id for listing and revoking the token.</param>
/// <param name="TokenSha256">Lower-case hex SHA-256 of the token's UTF-8 text.</param>
[EventType("identity.api-token-issued.v1")]
public sealed record ApiTokenIssued(string UserName, string IssuedBy, DateTimeOffset IssuedAt, string TokenId, string TokenSha256);

/// <summary>A personal API token was revoked; requests carrying it are refused from now on.</summary>
[EventType("identity.api-token-revoked.v1")]
public sealed record ApiTokenRevoked(string UserName, string RevokedBy, DateTimeOffset RevokedAt, string TokenId);
