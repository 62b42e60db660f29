using Npgsql;

namespace TrialOps.Identity;

/// <summary>A user as the <c>users</c> read model holds them: no password hash.</summary>
/// <param name="SecurityStamp">Changes when the password changes or the account is deactivated; sessions carry it.</param>
public sealed record UserAccount(
    string UserName,
    string DisplayName,
    string Role,
    IReadOnlyList<string> Sites,
    bool Active,
    DateTimeOffset? LockedUntil,
    int FailedAttempts,
    int SecurityStamp,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt)
{
    public bool IsLockedOutAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>A personal API token as listed: never the token or its hash.</summary>
public sealed record ApiTokenInfo(string TokenId, string IssuedBy, DateTimeOffset IssuedAt, string? RevokedBy, DateTimeOffset? RevokedAt)
{
    public bool Active => RevokedAt is null;
}

/// <summary>Queries of the <c>users</c> read model (<see cref="UsersProjection"/>).</summary>
public sealed class UserDirectory(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "user_name, display_name, role, sites, active, locked_until, failed_attempts, security_stamp, created_by, created_at, last_sign_in_at";

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users ORDER BY user_name");
        return await ReadAsync(command, ct);
    }

    public async Task<UserAccount?> FindAsync(string userName, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users WHERE user_name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>The active user a personal API token belongs to, if the token is valid and not revoked.</summary>
    public async Task<UserAccount?> FindByTokenAsync(string token, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             SELECT {string.Join(", ", Columns.Split(", ").Select(c => "u." + c))}
             FROM user_api_tokens t JOIN users u ON u.user_name = t.user_name
             WHERE t.token_sha256 = $1 AND t.revoked_at IS NULL AND u.active
             """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ApiTokens.Sha256(token) });
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> TokensAsync(string userName, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT token_id, issued_by, issued_at, revoked_by, revoked_at FROM user_api_tokens WHERE user_name = $1 ORDER BY issued_at, token_id");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        var result = new List<ApiTokenInfo>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new ApiTokenInfo(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return result;
    }

    private static async Task<IReadOnlyList<UserAccount>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<UserAccount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new UserAccount(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<string[]>(3),
                reader.GetBoolean(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetInt32(6),
                reader.GetInt32(7),
                reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return result;
    }
}
