using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TrialOps.Common;
using TrialOps.Identity;

namespace TrialOps.Web.Auth;

/// <summary>
/// The console line printed once the server listens: where TrialOps runs and, truthfully, which
/// account to sign in with. It names <c>admin</c> only when that account exists and is active;
/// the first-start check (<see cref="IdentityService.EnsureAdministratorAsync"/>) has already said
/// how its password was set, or why TRIALOPS_ADMIN_PASSWORD was not applied.
/// </summary>
public static class SignInAnnouncement
{
    public const string CreateAdministratorHint =
        "create one with: trialops users add <name> --role Administrator --password-stdin";

    /// <summary>Prints the lines once the server is up (not under the test server, which has no address).</summary>
    public static void PrintWhenStarted(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (addresses.Count == 0)
            {
                return;
            }

            var logger = app.Services.GetRequiredService<ILogger<IdentityService>>();
            _ = Task.Run(async () =>
            {
                try
                {
                    var users = await app.Services.GetRequiredService<IdentityService>().Directory.ListAsync(app.Lifetime.ApplicationStopping);
                    foreach (var line in Lines(addresses, users))
                    {
                        Console.WriteLine(line);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not read the accounts for the start-up message.");
                    foreach (var address in addresses)
                    {
                        Console.WriteLine($"TrialOps is running at {address}");
                    }
                }
            });
        });

    /// <summary>One line per address, with the accounts that can administer TrialOps now.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<string> addresses, IReadOnlyList<UserAccount> users)
    {
        var hint = Hint(users, DateTimeOffset.UtcNow);
        return addresses.Select(address => $"TrialOps is running at {address} — {hint}").ToArray();
    }

    public static string Hint(IReadOnlyList<UserAccount> users, DateTimeOffset now)
    {
        var administrators = users.Where(u => u.Active && u.Role == Roles.Administrator).Select(u => u.UserName).ToArray();
        if (administrators.Contains(IdentityService.AdministratorUserName))
        {
            return $"sign in as {IdentityService.AdministratorUserName}" +
                   (users.Single(u => u.UserName == IdentityService.AdministratorUserName).IsLockedOutAt(now) ? " (locked out for now: wait, or have another administrator unlock it)" : string.Empty);
        }

        return administrators.Length switch
        {
            0 when users.Count == 0 => $"no account exists yet; {CreateAdministratorHint}",
            0 => $"no active administrator account ({users.Count} other accounts); {CreateAdministratorHint}",
            _ => $"sign in as an administrator: {string.Join(", ", administrators)} (there is no active account named {IdentityService.AdministratorUserName})",
        };
    }
}
