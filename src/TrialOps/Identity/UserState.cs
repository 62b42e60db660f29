using System.Collections.Immutable;

namespace TrialOps.Identity;

public static class UserStreams
{
    public static string For(string userName) => $"user-{userName}";

    /// <summary>Sign-ins with names that have no account, one stream per UTC day.</summary>
    public static string UnknownLoginsOn(DateTimeOffset now) => $"identity-unknown-logins-{now.UtcDateTime:yyyy-MM-dd}";
}

/// <summary>What identity decisions need from a <c>user-&lt;name&gt;</c> stream.</summary>
/// <param name="ConsecutiveFailures">Wrong passwords since the last success, lock-out or unlock.</param>
/// <param name="ActiveTokenIds">Ids of issued, not revoked API tokens.</param>
public sealed record UserState(
    string? UserName,
    string? Role,
    IReadOnlyList<string> Sites,
    string? PasswordHash,
    bool Active,
    int ConsecutiveFailures,
    DateTimeOffset? LockedUntil,
    ImmutableHashSet<string> ActiveTokenIds)
{
    public static UserState Initial { get; } = new(null, null, [], null, false, 0, null, []);

    public bool Exists => UserName is not null;

    public bool IsLockedOutAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public static UserState From(IEnumerable<object> events) => events.Aggregate(Initial, (state, e) => state.Apply(e));

    public UserState Apply(object @event) => @event switch
    {
        UserCreated e => this with { UserName = e.UserName, Role = e.Role, Sites = e.Sites, PasswordHash = e.PasswordHash, Active = true },
        UserAccessChanged e => this with { Role = e.Role, Sites = e.Sites },
        UserDeactivated => this with { Active = false },
        UserReactivated => this with { Active = true },
        PasswordChanged e => this with { PasswordHash = e.PasswordHash },
        LoginSucceeded => this with { ConsecutiveFailures = 0 },
        LoginFailed { Reason: LoginFailureReason.WrongPassword } e => this with { ConsecutiveFailures = e.ConsecutiveFailures },
        SignatureFailed e => this with { ConsecutiveFailures = e.ConsecutiveFailures },
        UserLockedOut e => this with { LockedUntil = e.LockedUntil, ConsecutiveFailures = 0 },
        UserUnlocked => this with { LockedUntil = null, ConsecutiveFailures = 0 },
        ApiTokenIssued e => this with { ActiveTokenIds = ActiveTokenIds.Add(e.TokenId) },
        ApiTokenRevoked e => this with { ActiveTokenIds = ActiveTokenIds.Remove(e.TokenId) },
        _ => this,
    };
}
