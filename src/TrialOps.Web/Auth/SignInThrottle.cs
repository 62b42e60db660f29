using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace TrialOps.Web.Auth;

/// <summary>
/// Throttles failed sign-ins (ADR 0009), with the rate limiters ASP.NET Core's rate limiting is
/// built on: sliding windows of failures per client and user name, per client, and per user name.
/// A throttled attempt is answered 429 before its password is checked, so it neither gives a guess
/// nor counts towards the account's lock-out. From one client, a name gets
/// <see cref="ClientAndUserFailures"/> failures per <see cref="ClientAndUserWindow"/>, fewer than the
/// lock-out needs within its window (<see cref="Identity.UserRules.LockOutWindow"/>): one client
/// can no longer lock someone else's account, while its guessing stays as slow as before.
/// In memory, per node: a restart or a second node starts counting afresh; the lock-out, recorded
/// in the store, still stops a distributed attack.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const int ClientAndUserFailures = 4;
    public static readonly TimeSpan ClientAndUserWindow = TimeSpan.FromMinutes(20);

    /// <summary>Failures from one client across names (password spraying, guessing names).</summary>
    public const int ClientFailures = 10;
    public static readonly TimeSpan ClientWindow = TimeSpan.FromMinutes(15);

    /// <summary>Failures for one name from all clients: bounds what a distributed attack writes for an account.</summary>
    public const int UserFailures = 10;
    public static readonly TimeSpan UserWindow = TimeSpan.FromMinutes(15);

    private const int SegmentsPerWindow = 20;

    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, k => Options(k[0])));

    /// <summary>How long to wait when another attempt from <paramref name="client"/> with <paramref name="userName"/> is refused now; null when it may go ahead.</summary>
    public TimeSpan? RetryAfter(string client, string userName)
    {
        foreach (var key in Keys(client, userName))
        {
            using var lease = failures.AttemptAcquire(key, 0);
            if (!lease.IsAcquired)
            {
                return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Options(key[0]).Window;
            }
        }

        return null;
    }

    public void RecordFailure(string client, string userName)
    {
        foreach (var key in Keys(client, userName))
        {
            using var lease = failures.AttemptAcquire(key);
        }
    }

    public void Dispose() => failures.Dispose();

    /// <summary>
    /// The client a throttle counts by: its IP address, an IPv6 client by its /64 network (one
    /// subscriber gets a whole /64). TrialOps reads no forwarded headers: behind a reverse proxy
    /// configure ASP.NET Core's forwarded-headers middleware so that this is the real client.
    /// </summary>
    public static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return $"{new IPAddress(bytes)}/64";
        }

        return address.ToString();
    }

    private static IEnumerable<string> Keys(string client, string userName) =>
        [$"b\n{client}\n{userName}", $"c\n{client}", $"u\n{userName}"];

    private static SlidingWindowRateLimiterOptions Options(char kind)
    {
        var (limit, window) = kind switch
        {
            'b' => (ClientAndUserFailures, ClientAndUserWindow),
            'c' => (ClientFailures, ClientWindow),
            _ => (UserFailures, UserWindow),
        };
        return new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            SegmentsPerWindow = SegmentsPerWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
