using TrialOps.Postgres;

namespace TrialOps.Postgres.Tests;

/// <summary>
/// A fact about running as root (how CI and containers run TrialOps). It is not skipped elsewhere:
/// run as an ordinary user it fails with a message that says so, so that a green suite always
/// means the root path was exercised.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public static void RequireRoot() =>
        Assert.True(
            Environment.UserName == "root" && ServerUser.LookUp(ServerUser.PostgresAccount) is not null,
            "This test covers running as root with a postgres system account (as CI does); run the suite as root.");
}
