using System.Collections.Immutable;

namespace TrialOps.Identity;

public static class UserStreams
{
    public static string For(string userName) => $"user-{userName}";

    /// <summary>Sign-ins with names that have no account, one stream per UTC day.</summary>
    public static string UnknownLoginsOn(DateTimeOffset now) => $"identity-unknown-logins-{now.UtcDateTime:yyyy-MM-dd}";

    /// <summary>Summaries of sign-in attempts not recorded one by one, one stream per UTC day.</summary>
    public static string SignInAttemptsOn(DateTimeOffset day) => $"identity-sign-in-attempts-{day.UtcDateTime:yyyy-MM-dd}";
}

/// <summary>What identity decisions need from a <c>user-&lt;name&gt;</c> stream.</summary>
/// <param name="ConsecutiveFailures">Wrong passwords since the last success, lock-out or unlock.</param>
/// <param name="RecentFailures">When those wrong passwords were entered (the last <see cref="UserRules.MaxConsecutiveFailures"/>).</param>
/// <param name="ActiveTokenIds">Ids of issued, not revoked API tokens.</param>
public sealed record UserState(
    string? UserName,
    string? Role,
    IReadOnlyList<string> Sites,
    string? PasswordHash,
    bool Active,
    int ConsecutiveFailures,
    DateTimeOffset? LockedUntil,
    ImmutableHashSet<string> ActiveTokenIds,
    ImmutableList<DateTimeOffset> RecentFailures)
{
    public static UserState Initial { get; } = new(null, null, [], null, false, 0, null, [], []);

    public bool Exists => UserName is not null;

    /// <summary>The person's name as shown on screens, printed under an electronic signature (Part 11 §11.50(a)(1)).</summary>
    public string? DisplayName { get; init; }

    /// <summary>The sealed TOTP secret of a confirmed second factor (<see cref="SecondFactorConfirmed"/>); null without one.</summary>
    public string? SecondFactorSecret { get; init; }

    /// <summary>The sealed secret of an enrollment not yet confirmed (<see cref="SecondFactorEnrolled"/>).</summary>
    public string? PendingSecondFactorSecret { get; init; }

    /// <summary>The time step of the last code accepted: it and older steps are refused (RFC 6238 §5.2, no replay).</summary>
    public long? LastTimeStep { get; init; }

    /// <summary>SHA-256 of the unused recovery codes.</summary>
    public ImmutableHashSet<string> RecoveryCodeSha256s { get; init; } = [];

    public bool SecondFactorEnabled => SecondFactorSecret is not null;

    private UserState WithoutSecondFactor() =>
        this with { SecondFactorSecret = null, PendingSecondFactorSecret = null, LastTimeStep = null, RecoveryCodeSha256s = [] };

    public bool IsLockedOutAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// Whether one more wrong password now locks the account: the limit of wrong passwords within
    /// <see cref="UserRules.LockOutWindow"/>. Older failures do not count, so that failures spread
    /// over time (which sign-in throttling allows from one client) never add up to a lock-out.
    /// </summary>
    public bool NextFailureLocksAt(DateTimeOffset now) =>
        RecentFailures.Count(at => at > now - UserRules.LockOutWindow) + 1 >= UserRules.MaxConsecutiveFailures;

    private UserState Failed(int consecutive, DateTimeOffset at) =>
        this with { ConsecutiveFailures = consecutive, RecentFailures = RecentFailures.Add(at).TakeLast(UserRules.MaxConsecutiveFailures).ToImmutableList() };

    public static UserState From(IEnumerable<object> events) => events.Aggregate(Initial, (state, e) => state.Apply(e));

    public UserState Apply(object @event) => @event switch
    {
        UserCreated e => this with { UserName = e.UserName, DisplayName = e.DisplayName, Role = e.Role, Sites = e.Sites, PasswordHash = e.PasswordHash, Active = true },
        UserAccessChanged e => this with { Role = e.Role, Sites = e.Sites },
        UserDeactivated => this with { Active = false },
        UserReactivated => this with { Active = true },
        PasswordChanged e => this with { PasswordHash = e.PasswordHash },
        LoginSucceeded => this with { ConsecutiveFailures = 0, RecentFailures = [] },
        LoginFailed { Reason: LoginFailureReason.WrongPassword } e => Failed(e.ConsecutiveFailures, e.AttemptedAt),
        SignatureFailed e => Failed(e.ConsecutiveFailures, e.AttemptedAt),
        UserLockedOut e => this with { LockedUntil = e.LockedUntil, ConsecutiveFailures = 0, RecentFailures = [] },
        UserUnlocked => this with { LockedUntil = null, ConsecutiveFailures = 0, RecentFailures = [] },
        ApiTokenIssued e => this with { ActiveTokenIds = ActiveTokenIds.Add(e.TokenId) },
        ApiTokenRevoked e => this with { ActiveTokenIds = ActiveTokenIds.Remove(e.TokenId) },
        SecondFactorEnrolled e => this with { PendingSecondFactorSecret = e.SealedSecret },
        SecondFactorConfirmed e => this with
        {
            SecondFactorSecret = PendingSecondFactorSecret,
            PendingSecondFactorSecret = null,
            LastTimeStep = e.TimeStep,
            RecoveryCodeSha256s = [.. e.RecoveryCodeSha256s],
        },
        SecondFactorVerified e => this with { LastTimeStep = e.TimeStep },
        RecoveryCodeUsed e => this with { RecoveryCodeSha256s = RecoveryCodeSha256s.Remove(e.RecoveryCodeSha256) },
        RecoveryCodesRegenerated e => this with { RecoveryCodeSha256s = [.. e.RecoveryCodeSha256s] },
        SecondFactorSignInFailed { Reason: SecondFactorFailureReason.WrongCode or SecondFactorFailureReason.ReusedCode } e => Failed(e.ConsecutiveFailures, e.AttemptedAt),
        SecondFactorDisabled or SecondFactorReset => WithoutSecondFactor(),
        _ => this,
    };
}
