using TrialOps.Postgres;

namespace TrialOps.Postgres.Tests;

/// <summary>A fact about running as root (CI, containers): skipped for ordinary users.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root" || ServerUser.LookUp(ServerUser.PostgresAccount) is null)
        {
            Skip = "Needs root and a postgres system account.";
        }
    }
}
