using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Runtime;
using TrialOps.Testing;
using TrialOps.Web.Auth;

namespace TrialOps.Web.Tests;

/// <summary>What the console says at start: which account exists and whether TRIALOPS_ADMIN_PASSWORD applied.</summary>
public sealed class FirstStartTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task a_later_start_creates_nothing_and_says_the_admin_password_variable_is_not_applied()
    {
        var lines = new List<string>();

        var setup = await app.Identity.EnsureAdministratorAsync("a-different-first-start-phrase", lines.Add);

        Assert.Equal(AdministratorSetup.AccountsExist, setup);
        var line = Assert.Single(lines);
        Assert.StartsWith($"{IdentityService.AdminPasswordVariable} is not applied: it only sets the password of the first administrator", line, StringComparison.Ordinal);
        Assert.Single((await app.EventsAsync("user-admin")).OfType<UserCreated>());
    }

    [Fact]
    public async Task a_later_start_without_the_variable_says_nothing_about_it()
    {
        var lines = new List<string>();

        Assert.Equal(AdministratorSetup.AccountsExist, await app.Identity.EnsureAdministratorAsync(null, lines.Add));

        Assert.Empty(lines);
    }

    [Fact]
    public async Task the_start_line_names_admin_while_admin_is_an_active_administrator()
    {
        var users = await app.Identity.Directory.ListAsync();

        Assert.Equal(
            ["TrialOps is running at http://127.0.0.1:5080 — sign in as admin"],
            SignInAnnouncement.Lines(["http://127.0.0.1:5080"], users));
    }

    [Fact]
    public async Task the_start_line_names_the_active_administrators_when_admin_is_deactivated()
    {
        var carol = await app.CreateUserAsync(Roles.Administrator, name: "carol");
        Assert.True((await app.Identity.DeactivateAsync(CommandContext.New(new Actor(carol, Roles.Administrator)), IdentityService.AdministratorUserName)).Accepted);
        try
        {
            var users = await app.Identity.Directory.ListAsync();

            Assert.Equal(
                "sign in as an administrator: carol (there is no active account named admin)",
                SignInAnnouncement.Hint(users, DateTimeOffset.UtcNow));
            // The deactivated admin and the accounts the demo seeding made (its second pharmacists).
            var others = users.Where(u => u.UserName != carol).ToArray();
            Assert.Contains(others, u => u.UserName == IdentityService.AdministratorUserName);
            Assert.Equal(
                $"no active administrator account ({others.Length} other accounts); {SignInAnnouncement.CreateAdministratorHint}",
                SignInAnnouncement.Hint(others, DateTimeOffset.UtcNow));
        }
        finally
        {
            Assert.True((await app.Identity.ReactivateAsync(CommandContext.New(new Actor(carol, Roles.Administrator)), IdentityService.AdministratorUserName)).Accepted);
        }
    }
}

/// <summary>The first start on an empty database.</summary>
public sealed class FirstStartOnAnEmptyDatabaseTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task a_weak_admin_password_variable_is_not_applied_and_the_console_says_why_and_gives_the_generated_one()
    {
        await using var runtime = await TrialOpsRuntime.StartAsync(database.ConnectionString);
        var identity = new IdentityService(runtime);
        var lines = new List<string>();

        var setup = await identity.EnsureAdministratorAsync("admin1234567", lines.Add);

        Assert.Equal(AdministratorSetup.CreatedWithGeneratedPassword, setup);
        Assert.Equal(2, lines.Count);
        Assert.Equal($"{IdentityService.AdminPasswordVariable} is not applied: {PasswordPolicy.ContainsUserNameMessage}", lines[0]);
        Assert.StartsWith("Created user admin (Administrator) with password ", lines[1], StringComparison.Ordinal);
        var generated = lines[1]["Created user admin (Administrator) with password ".Length..];
        Assert.True((await identity.SignInAsync(IdentityService.AdministratorUserName, generated)).Succeeded);
        Assert.False((await identity.SignInAsync(IdentityService.AdministratorUserName, "admin1234567")).Succeeded);
        Assert.Equal("sign in as admin", SignInAnnouncement.Hint(await identity.Directory.ListAsync(), DateTimeOffset.UtcNow));
    }
}
