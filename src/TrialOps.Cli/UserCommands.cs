using System.CommandLine;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;

namespace TrialOps.Cli;

/// <summary>
/// <c>trialops users</c>: accounts from the command line. Whoever can run the CLI against the
/// database is trusted like an administrator; commands are attributed to <c>cli:&lt;OS user&gt;</c>
/// in the Administrator role, so the audit trail still says who did it.
/// </summary>
public static class UserCommands
{
    public static void Add(RootCommand root)
    {
        var users = new Command("users", "User accounts: create them and issue personal API tokens.");
        users.Subcommands.Add(AddCommand());
        users.Subcommands.Add(TokenCommand());
        users.Subcommands.Add(ListCommand());
        users.Subcommands.Add(AccessCommand());
        users.Subcommands.Add(ResetSecondFactorCommand());
        root.Subcommands.Add(users);
    }

    private static Actor Operator => new($"cli:{Environment.UserName}", Roles.Administrator, SiteAccess.All);

    private static Command AddCommand()
    {
        var name = new Argument<string>("NAME") { Description = "The sign-in name (lower case; letters, digits, '.', '_', '-')." };
        var role = new Option<string?>("--role") { Description = $"The role (required): {string.Join(", ", Roles.All)}." };
        var sites = new Option<string[]>("--site") { Description = "A site code the user works at; repeat for several.", AllowMultipleArgumentsPerToken = false };
        var allSites = new Option<bool>("--all-sites") { Description = "Give every site (Coordinators and trial-wide roles only); instead of --site." };
        var displayName = new Option<string?>("--display-name") { Description = "The person's name as shown on screens (default: NAME)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the initial password from standard input (required: passwords never go on the command line)." };
        var add = new Command("add", "Create a user account.") { name, role, sites, allSites, displayName, passwordStdin };
        add.SetAction(async (parse, ct) =>
        {
            // Everything that needs no database is checked before the database is started.
            if (!parse.GetValue(passwordStdin))
            {
                throw new CliException("pass --password-stdin and give the password on standard input (never on the command line)");
            }

            var userName = parse.GetValue(name)!;
            var roleName = parse.GetValue(role) ?? throw new CliException($"give the role with --role ({string.Join(", ", Roles.All)})");
            var siteGrants = SiteList(parse.GetValue(sites), parse.GetValue(allSites));
            var newUser = new NewUser(userName, parse.GetValue(displayName) ?? userName, roleName, siteGrants, ReadPassword());
            if (IdentityService.Validate(newUser) is [var first, ..])
            {
                throw new CliException(first.Message);
            }

            return await Cli.WithRuntime(async (runtime, _, ct) =>
            {
                var result = await new IdentityService(runtime).CreateUserAsync(CommandContext.New(Operator), newUser, ct);
                if (!result.Accepted)
                {
                    throw new CliException(result.Rejection!.Message);
                }

                var siteList = UserRules.NormalizeSites(newUser.Sites);
                Console.WriteLine($"Created user {UserRules.NormalizeUserName(userName)} ({newUser.Role}, sites: {SiteGrants.Describe(newUser.Role, siteList)}).");
                return 0;
            })(parse, ct);
        });
        return add;
    }

    private static Command TokenCommand()
    {
        var name = new Argument<string>("NAME") { Description = "The user the token acts as." };
        var token = new Command("token", "Issue a new personal API token (Authorization: Bearer) and print it as the last line. It is shown only this once.") { name };
        token.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            var userName = UserRules.NormalizeUserName(parse.GetValue(name));
            var issued = await new IdentityService(runtime).IssueTokenAsync(CommandContext.New(Operator), userName, ct);
            if (!issued.Result.Accepted)
            {
                throw new CliException(issued.Result.Rejection!.Message);
            }

            Console.WriteLine($"Issued API token {issued.Token!.TokenId} for {userName}. Store it now: it is not shown again.");
            Console.WriteLine(issued.Token.Token);
            return 0;
        }));
        return token;
    }

    private static Command AccessCommand()
    {
        var name = new Argument<string>("NAME") { Description = "The user whose role or sites change." };
        var role = new Option<string?>("--role") { Description = "The new role (default: the current one)." };
        var sites = new Option<string?>("--sites") { Description = "The whole new site list, comma-separated (S01,S02)." };
        var allSites = new Option<bool>("--all-sites") { Description = "Give every site (Coordinators and trial-wide roles only)." };
        var access = new Command("access", "Change a user's role or sites (--sites S01,S02 or --all-sites).") { name, role, sites, allSites };
        access.SetAction(async (parse, ct) =>
        {
            var siteText = parse.GetValue(sites);
            if (siteText is null && !parse.GetValue(allSites) && parse.GetValue(role) is null)
            {
                throw new CliException("give --sites S01,S02, --all-sites or --role");
            }

            return await Cli.WithRuntime(async (runtime, _, ct) =>
            {
                var identity = new IdentityService(runtime);
                var userName = UserRules.NormalizeUserName(parse.GetValue(name));
                var current = await identity.Directory.FindAsync(userName, ct) ?? throw new CliException($"there is no user {userName}");
                var newRole = parse.GetValue(role) ?? current.Role;
                var newSites = siteText is null && !parse.GetValue(allSites) ? current.Sites : SiteList(siteText is null ? [] : [siteText], parse.GetValue(allSites));
                var result = await identity.ChangeAccessAsync(CommandContext.New(Operator), userName, newRole, newSites, ct);
                if (!result.Accepted)
                {
                    throw new CliException(result.Rejection!.Message);
                }

                var normalized = UserRules.NormalizeSites(newSites);
                Console.WriteLine($"{userName}: {newRole}, sites: {SiteGrants.Describe(newRole, normalized)}.");
                return 0;
            })(parse, ct);
        });
        return access;
    }

    /// <summary>The site list of <c>--site</c>/<c>--sites</c> or <c>--all-sites</c>; both at once is a mistake.</summary>
    private static IReadOnlyList<string> SiteList(string[]? sites, bool allSites)
    {
        if (allSites && sites is { Length: > 0 })
        {
            throw new CliException("give either site codes or --all-sites, not both");
        }

        return allSites ? [SiteGrants.AllSitesGrant] : sites ?? [];
    }

    private static Command ResetSecondFactorCommand()
    {
        var name = new Argument<string>("NAME") { Description = "The user who lost their authenticator and recovery codes." };
        var reset = new Command("reset-second-factor", "Remove a user's second factor (TOTP): they sign in with the password alone, or set up a new one when their role requires it. Their sessions end.") { name };
        reset.SetAction(Cli.WithRuntime(async (runtime, parse, ct) =>
        {
            var userName = UserRules.NormalizeUserName(parse.GetValue(name));
            var result = await new SecondFactorService(runtime).ResetAsync(CommandContext.New(Operator), userName, ct);
            if (!result.Accepted)
            {
                throw new CliException(result.Rejection!.Message);
            }

            Console.WriteLine($"Reset the second factor of {userName}.");
            return 0;
        }));
        return reset;
    }

    private static Command ListCommand()
    {
        var list = new Command("list", "List user accounts.");
        list.SetAction(Cli.WithRuntime(async (runtime, _, ct) =>
        {
            var now = runtime.Clock.GetUtcNow();
            foreach (var user in await new UserDirectory(runtime.DataSource).ListAsync(ct))
            {
                var status = !user.Active ? "deactivated" : user.IsLockedOutAt(now) ? $"locked until {user.LockedUntil:u}" : "active";
                Console.WriteLine($"{user.UserName,-20} {user.Role,-13} {status,-12} {SiteGrants.Describe(user.Role, user.Sites),-16} {user.DisplayName}");
            }

            return 0;
        }));
        return list;
    }

    /// <summary>The first line of standard input, without its line ending.</summary>
    private static string ReadPassword()
    {
        var line = Console.In.ReadLine();
        if (string.IsNullOrEmpty(line))
        {
            throw new CliException("no password on standard input");
        }

        return line.TrimEnd('\r', '\n');
    }
}
