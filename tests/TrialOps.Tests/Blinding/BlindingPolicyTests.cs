using TrialOps.Blinding;
using TrialOps.Common;

namespace TrialOps.Tests.Blinding;

public class BlindingPolicyTests
{
    [Theory]
    [InlineData(Roles.Pharmacist, false, false)]
    [InlineData(Roles.Pharmacist, true, false)]
    [InlineData(Roles.Statistician, false, true)]
    [InlineData(Roles.Statistician, true, false)]
    [InlineData(Roles.Investigator, false, true)]
    [InlineData(Roles.Investigator, true, true)]
    [InlineData(Roles.Coordinator, true, true)]
    [InlineData(Roles.DataEntry, true, true)]
    [InlineData(Roles.Monitor, true, true)]
    [InlineData(Roles.Administrator, true, true)]
    [InlineData("System", false, true)]
    [InlineData("pharmacist", false, true)]
    public void the_pharmacist_is_unblinded_the_statistician_after_trial_unblinding_and_everyone_else_never(string role, bool trialUnblinded, bool blinded)
    {
        Assert.Equal(blinded, BlindingPolicy.IsBlinded(role, trialUnblinded));
    }

    [Fact]
    public void every_role_is_covered_and_only_the_pharmacist_sees_allocations_during_the_trial()
    {
        Assert.Equal([Roles.Pharmacist], Roles.All.Where(role => !BlindingPolicy.IsBlinded(role, trialUnblinded: false)));
    }
}
