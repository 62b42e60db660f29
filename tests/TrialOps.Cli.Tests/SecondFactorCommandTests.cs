using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Runtime;
using TrialOps.Testing;

namespace TrialOps.Cli.Tests;

/// <summary><c>trialops users reset-second-factor NAME</c>: an operator removes a lost second factor (ADR 0011).</summary>
public sealed class SecondFactorCommandTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string UserName = "olga.pharmacist";

    [Fact]
    public async Task reset_second_factor_removes_a_users_second_factor_and_a_second_reset_fails_clearly()
    {
        var add = await CliRunner.RunAsync(
            new Dictionary<string, string?> { ["TRIALOPS_CONNECTION"] = db.ConnectionString },
            "a-pharmacy-password-for-cli\n",
            "users", "add", UserName, "--role", Roles.Pharmacist, "--password-stdin");
        Assert.True(add.ExitCode == 0, add.Error);
        await using (var runtime = await TrialOpsRuntime.StartAsync(db.ConnectionString, secondFactorSecrets: new SecondFactorSecrets(new byte[32])))
        {
            var service = new SecondFactorService(runtime);
            var owner = new Actor(UserName, Roles.Pharmacist);
            var enrolled = await service.EnrollAsync(CommandContext.New(owner));
            var confirmed = await service.ConfirmAsync(CommandContext.New(owner), Totp.CodeAt(enrolled.Secret!, DateTimeOffset.UtcNow), atSignIn: false);
            Assert.True(confirmed.Result.Accepted, confirmed.Result.Rejection?.Message);
        }

        var reset = await CliRunner.RunAsync(db.ConnectionString, "users", "reset-second-factor", UserName);
        var again = await CliRunner.RunAsync(db.ConnectionString, "users", "reset-second-factor", UserName);

        Assert.True(reset.ExitCode == 0, reset.Error);
        Assert.Contains($"Reset the second factor of {UserName}.", reset.Output);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains($"User {UserName} has no second factor.", again.Error);
        await using var check = await TrialOpsRuntime.StartAsync(db.ConnectionString, secondFactorSecrets: new SecondFactorSecrets(new byte[32]));
        var events = (await check.Store.ReadStreamAsync($"user-{UserName}")).Select(e => e.Data).ToArray();
        Assert.StartsWith("cli:", Assert.Single(events.OfType<SecondFactorReset>()).ResetBy, StringComparison.Ordinal);
        Assert.False((await new SecondFactorService(check).OverviewAsync(UserName)).Enabled);
    }
}
