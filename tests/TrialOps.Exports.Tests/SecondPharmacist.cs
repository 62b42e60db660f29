using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Runtime;

namespace TrialOps.Exports.Tests;

/// <summary>An active second pharmacist of every site who signs the double check of preparations (ADR 0020), created once per database.</summary>
public static class SecondPharmacist
{
    public const string Name = "pharmacy.technician";

    public const string Password = "Second-check-2026!";

    public static async Task<string> EnsureAsync(TrialOpsRuntime runtime)
    {
        var stream = UserStreams.For(Name);
        var result = await runtime.Executor.ExecuteAsync(CommandContext.New(Actor.System), [stream], (streams, now) =>
            UserState.From(streams.Data(stream)).Exists
                ? Decision.None
                : Decision.Append(stream, new UserCreated(Name, "admin", now, "Second pharmacist", Roles.Pharmacist, [SiteGrants.AllSitesGrant], PasswordHashing.Hash(Password))));
        Assert.True(result.Accepted, result.Rejection?.Message);
        return Name;
    }
}
