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
    [InlineData(Roles.MedicalMonitor, false, true)]
    [InlineData(Roles.MedicalMonitor, true, true)]
    [InlineData(Roles.SafetyOfficer, false, true)]
    [InlineData(Roles.SafetyOfficer, true, true)]
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

    [Fact]
    public void the_medical_monitor_can_never_unblind_and_the_safety_officer_can_only_through_a_susar_case()
    {
        // The safety officer's role alone opens nothing (IsBlinded above); CanUnblind is what asks for a second factor (ADR 0011).
        Assert.False(BlindingPolicy.CanUnblind(Roles.MedicalMonitor));
        Assert.True(BlindingPolicy.CanUnblind(Roles.SafetyOfficer));
    }

    [Fact]
    public void the_sponsors_safety_roles_work_trial_wide_and_are_not_site_staff()
    {
        foreach (var role in new[] { Roles.MedicalMonitor, Roles.SafetyOfficer })
        {
            Assert.False(Identity.SiteGrants.IsSiteStaff(role));
            Assert.Contains(role, Identity.SiteGrants.RolesThatMayHaveAllSites);
            Assert.True(Identity.SiteGrants.AccessOf(role, []).AllSites);
        }
    }
}
