using Npgsql;
using TrialOps.EventStore;

namespace TrialOps.Identity;

/// <summary>
/// The <c>users</c> read model (tables <c>users</c> and <c>user_api_tokens</c>, migration 0003).
/// Registered twice on purpose: inline, so that a deactivation, password change or token
/// revocation takes effect the moment its command commits (access decisions must not lag), and
/// with the async daemon, so that <c>trialops projections rebuild users</c> can rebuild it.
/// Every write is guarded by the stream version (or is an insert that ignores conflicts), so the
/// second application of an event changes nothing.
/// </summary>
public sealed class UsersProjection : IReadModelProjection, IInlineProjection
{
    public const string ProjectionName = "users";

    public string Name => ProjectionName;

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(UserCreated), typeof(UserAccessChanged), typeof(UserDeactivated), typeof(UserReactivated), typeof(UserLockedOut),
        typeof(UserUnlocked), typeof(LoginSucceeded), typeof(PasswordChanged), typeof(UserSignedOut), typeof(SignatureFailed),
        typeof(SecondFactorReset), typeof(ApiTokenIssued), typeof(ApiTokenRevoked),
    ];

    public Task ApplyAsync(ReadModelBatch batch, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            if (CommandFor(e) is { } command)
            {
                batch.Add(command);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Inline: in the command's own transaction.</summary>
    public async Task ApplyAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var batch = new ReadModelBatch(null!);
        await ApplyAsync(batch, events, ct);
        await batch.ExecuteAsync(transaction, ct);
    }

    public IReadOnlyList<string> ResetStatements { get; } = ["DELETE FROM user_api_tokens", "DELETE FROM users"];

    private static NpgsqlBatchCommand? CommandFor(StoredEvent stored) => stored.Data switch
    {
        UserCreated e => Sql(
            """
            INSERT INTO users (user_name, display_name, role, sites, active, created_by, created_at, version)
            VALUES ($1, $2, $3, $4, true, $5, $6, $7)
            ON CONFLICT (user_name) DO NOTHING
            """,
            e.UserName, e.DisplayName, e.Role, e.Sites.ToArray(), e.CreatedBy, Utc(e.CreatedAt), stored.Version),
        UserAccessChanged e => Update(stored, "role = $3, sites = $4", e.UserName, e.Role, e.Sites.ToArray()),
        UserDeactivated e => Update(stored, "active = false, security_stamp = security_stamp + 1", e.UserName),
        UserReactivated e => Update(stored, "active = true", e.UserName),
        PasswordChanged e => Update(stored, "security_stamp = security_stamp + 1", e.UserName),
        UserSignedOut e => Update(stored, "security_stamp = security_stamp + 1", e.UserName),
        SecondFactorReset e => Update(stored, "security_stamp = security_stamp + 1", e.UserName),
        LoginSucceeded e => Update(stored, "last_sign_in_at = $3, failed_attempts = 0", e.UserName, Utc(e.SignedInAt)),
        LoginFailed { Reason: LoginFailureReason.WrongPassword } e => Update(stored, "failed_attempts = $3", e.UserName, e.ConsecutiveFailures),
        SignatureFailed e => Update(stored, "failed_attempts = $3", e.UserName, e.ConsecutiveFailures),
        UserLockedOut e => Update(stored, "locked_until = $3, failed_attempts = 0", e.UserName, Utc(e.LockedUntil)),
        UserUnlocked e => Update(stored, "locked_until = NULL, failed_attempts = 0", e.UserName),
        ApiTokenIssued e => Sql(
            """
            INSERT INTO user_api_tokens (token_sha256, token_id, user_name, issued_by, issued_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT DO NOTHING
            """,
            e.TokenSha256, e.TokenId, e.UserName, e.IssuedBy, Utc(e.IssuedAt)),
        ApiTokenRevoked e => Sql(
            "UPDATE user_api_tokens SET revoked_by = $3, revoked_at = $4 WHERE user_name = $1 AND token_id = $2 AND revoked_at IS NULL",
            e.UserName, e.TokenId, e.RevokedBy, Utc(e.RevokedAt)),
        _ => null,
    };

    /// <summary>An update of the user's row that applies only once: $1 is the user, $2 the event's stream version.</summary>
    private static NpgsqlBatchCommand Update(StoredEvent stored, string assignments, string userName, params object[] values) =>
        Sql(
            $"UPDATE users SET {assignments}, version = $2 WHERE user_name = $1 AND version < $2",
            [userName, stored.Version, .. values]);

    private static NpgsqlBatchCommand Sql(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static DateTimeOffset Utc(DateTimeOffset time) => time.ToUniversalTime();
}
