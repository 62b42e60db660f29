using System.Collections.Concurrent;
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
/// <param name="tokenDataSource">
/// Where an API request's token is checked: the command path's pool, which skips the session reset
/// (one statement, no session state); null: <paramref name="dataSource"/>.
/// </param>
public sealed class UserDirectory(NpgsqlDataSource dataSource, NpgsqlDataSource? tokenDataSource = null)
{
    private const string Columns =
        "user_name, display_name, role, sites, active, locked_until, failed_attempts, security_stamp, created_by, created_at, last_sign_in_at";

    /// <summary>Tokens' accounts already read, by token hash, with the user row's version they were read at.</summary>
    private readonly ConcurrentDictionary<string, (int Version, UserAccount Account)> _byToken = new(StringComparer.Ordinal);

    /// <summary>Past this many cached tokens the cache starts over.</summary>
    private const int MaxCachedTokens = 10_000;

    private NpgsqlDataSource TokenSource => tokenDataSource ?? dataSource;

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

    /// <summary>
    /// The active user a personal API token belongs to, if the token is valid and not revoked. An
    /// account read before is checked, at every call, with one statement on two primary keys: the
    /// token is still not revoked, its user still active, and the user's row still at the version it
    /// was read at. Every change to a user's row (access, deactivation, lock-out, password, sign-in)
    /// moves that version in the transaction of its event (<see cref="UsersProjection"/>, inline),
    /// and a revocation is the token's row, so a change made by any process (the CLI, another node)
    /// is seen at the very next request; only an unchanged account is answered from memory.
    /// </summary>
    public async Task<UserAccount?> FindByTokenAsync(string token, CancellationToken ct = default)
    {
        var sha256 = ApiTokens.Sha256(token);
        if (_byToken.TryGetValue(sha256, out var cached))
        {
            await using var check = TokenSource.CreateCommand(
                """
                SELECT u.version
                FROM user_api_tokens t JOIN users u ON u.user_name = t.user_name
                WHERE t.token_sha256 = $1 AND t.revoked_at IS NULL AND u.active
                """);
            check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
            switch (await check.ExecuteScalarAsync(ct))
            {
                case int version when version == cached.Version:
                    return cached.Account;
                case null or DBNull:
                    _byToken.TryRemove(sha256, out _);
                    return null;
            }
        }

        await using var command = TokenSource.CreateCommand(
            $"""
             SELECT {string.Join(", ", Columns.Split(", ").Select(c => "u." + c))}, u.version
             FROM user_api_tokens t JOIN users u ON u.user_name = t.user_name
             WHERE t.token_sha256 = $1 AND t.revoked_at IS NULL AND u.active
             """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        UserAccount? account = null;
        var read = -1;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                account = Account(reader);
                read = reader.GetInt32(11);
            }
        }

        if (account is null)
        {
            _byToken.TryRemove(sha256, out _);
            return null;
        }

        if (_byToken.Count >= MaxCachedTokens)
        {
            _byToken.Clear();
        }

        _byToken[sha256] = (read, account);
        return account;
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
            result.Add(Account(reader));
        }

        return result;
    }

    private static UserAccount Account(NpgsqlDataReader reader) =>
        new(
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
            reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10));
}
