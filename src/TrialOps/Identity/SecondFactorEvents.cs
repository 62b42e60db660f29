using TrialOps.EventStore;

namespace TrialOps.Identity;

/// <summary>
/// The user started setting up an authenticator app: a new TOTP secret was generated and shown to
/// them (QR code and text). It does not protect sign-ins until <see cref="SecondFactorConfirmed"/>;
/// a later enrollment replaces an unconfirmed secret. Stream <c>user-&lt;name&gt;</c>.
/// </summary>
/// <param name="EnrolledBy">User id of the user themselves (enrollment is never done for someone else).</param>
/// <param name="SealedSecret">
/// The secret sealed with the second-factor key kept outside the database
/// (<see cref="SecondFactorSecrets"/>, ADR 0011); never the secret in clear.
/// </param>
[EventType("identity.second-factor-enrolled.v1")]
public sealed record SecondFactorEnrolled(string UserName, string EnrolledBy, DateTimeOffset EnrolledAt, string SealedSecret);

/// <summary>
/// The user proved their authenticator works by entering a code of the new secret: from now on a
/// sign-in needs the password and a code. Ten recovery codes were issued (shown once).
/// </summary>
/// <param name="TimeStep">The RFC 6238 time step of the code entered; that code and older ones are refused from now on.</param>
/// <param name="RecoveryCodeSha256s">Lower-case hex SHA-256 of each recovery code (<see cref="RecoveryCodes"/>); never the codes.</param>
[EventType("identity.second-factor-confirmed.v1")]
public sealed record SecondFactorConfirmed(string UserName, string ConfirmedBy, DateTimeOffset ConfirmedAt, long TimeStep, IReadOnlyList<string> RecoveryCodeSha256s);

/// <summary>
/// The password was right and the account has a second factor (or must set one up first), so the
/// sign-in continues with a code; no session yet. Does not reset the count of failures.
/// </summary>
/// <param name="EnrollmentRequired">
/// True when the account has no second factor but the installation requires one for its role
/// (<see cref="SecondFactorPolicy"/>): the user must set it up before getting a session.
/// </param>
[EventType("identity.second-factor-requested.v1")]
public sealed record SecondFactorRequested(string UserName, DateTimeOffset RequestedAt, bool EnrollmentRequired);

/// <summary>A code from the authenticator completed a sign-in (followed by <see cref="LoginSucceeded"/>).</summary>
/// <param name="TimeStep">The code's RFC 6238 time step; it and older ones are refused from now on (no replay).</param>
[EventType("identity.second-factor-verified.v1")]
public sealed record SecondFactorVerified(string UserName, DateTimeOffset VerifiedAt, long TimeStep);

/// <summary>A recovery code completed a sign-in instead of an authenticator code; it cannot be used again.</summary>
/// <param name="RecoveryCodeSha256">The SHA-256 of the code used (as in <see cref="SecondFactorConfirmed.RecoveryCodeSha256s"/>).</param>
/// <param name="RemainingCodes">Unused recovery codes left.</param>
[EventType("identity.recovery-code-used.v1")]
public sealed record RecoveryCodeUsed(string UserName, DateTimeOffset UsedAt, string RecoveryCodeSha256, int RemainingCodes);

/// <summary>Why the code step of a sign-in was refused. Stored by name: never rename a member.</summary>
public enum SecondFactorFailureReason
{
    /// <summary>Neither a current authenticator code nor an unused recovery code; counts towards the lock-out.</summary>
    WrongCode,

    /// <summary>A code that was already used (or an older one); counts towards the lock-out.</summary>
    ReusedCode,

    /// <summary>The account was locked out meanwhile; the code was not checked.</summary>
    LockedOut,

    /// <summary>The account was deactivated meanwhile; the code was not checked.</summary>
    Deactivated,
}

/// <summary>
/// The code step of a sign-in was refused. Holds no code. Wrong codes count towards the lock-out
/// with wrong passwords (<see cref="UserRules.MaxConsecutiveFailures"/>).
/// </summary>
/// <param name="ConsecutiveFailures">Wrong passwords and codes in a row so far.</param>
[EventType("identity.second-factor-sign-in-failed.v1")]
public sealed record SecondFactorSignInFailed(string UserName, DateTimeOffset AttemptedAt, SecondFactorFailureReason Reason, int ConsecutiveFailures);

/// <summary>The user replaced their recovery codes (the old ones stop working); the new ones were shown once.</summary>
[EventType("identity.recovery-codes-regenerated.v1")]
public sealed record RecoveryCodesRegenerated(string UserName, string RegeneratedBy, DateTimeOffset RegeneratedAt, IReadOnlyList<string> RecoveryCodeSha256s);

/// <summary>The user turned their second factor off (after re-entering their password); not allowed while the installation requires it for their role.</summary>
[EventType("identity.second-factor-disabled.v1")]
public sealed record SecondFactorDisabled(string UserName, string DisabledBy, DateTimeOffset DisabledAt);

/// <summary>
/// An administrator removed the user's second factor (a lost phone): secret and recovery codes
/// are void, every session of the account ends, and the user signs in with the password alone, or
/// sets up a new authenticator at the next sign-in when their role requires one.
/// </summary>
[EventType("identity.second-factor-reset.v1")]
public sealed record SecondFactorReset(string UserName, string ResetBy, DateTimeOffset ResetAt);
