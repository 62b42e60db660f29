using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Exports;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Sites;

/// <summary>The site rule (ADR 0010) without I/O: grants, the participant rule, screening, code breaks, list extensions, exports.</summary>
public class SiteAccessDecisionTests
{
    private static readonly SubjectNumber AtS02 = SubjectNumber.Parse("S02-001");

    private static Actor At(string role, params string[] sites) => SiteGrants.WithSites(new Actor("u-" + role.ToLowerInvariant(), role), sites);

    [Theory]
    [InlineData(Roles.DataEntry)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Investigator)]
    public void site_staff_with_an_empty_list_reach_no_site(string role)
    {
        var access = SiteGrants.AccessOf(role, []);

        Assert.False(access.AllSites);
        Assert.False(access.Allows("S01"));
        Assert.Equal("none", SiteGrants.Describe(role, []));
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Monitor)]
    [InlineData(Roles.Statistician)]
    [InlineData(Roles.Pharmacist)]
    public void trial_wide_roles_with_an_empty_list_reach_every_site_and_with_a_list_only_those(string role)
    {
        Assert.True(SiteGrants.AccessOf(role, []).AllSites);
        var listed = SiteGrants.AccessOf(role, ["S01"]);
        Assert.True(listed.Allows("S01"));
        Assert.False(listed.Allows("S02"));
    }

    [Fact]
    public void the_grant_star_means_all_sites_and_normalizes_alone()
    {
        Assert.Equal(["*"], UserRules.NormalizeSites(["s01, *", "S02"]));
        Assert.True(SiteGrants.AccessOf(Roles.Coordinator, ["*"]).Allows("S99"));
        Assert.Null(UserRules.CheckSites(["*"]));
        Assert.NotNull(UserRules.CheckSites(["S0*"]));
    }

    [Theory]
    [InlineData(Roles.DataEntry, false)]
    [InlineData(Roles.Investigator, false)]
    [InlineData(Roles.Coordinator, true)]
    [InlineData(Roles.Monitor, true)]
    [InlineData(Roles.Pharmacist, true)]
    public void all_sites_can_be_given_to_coordinators_and_trial_wide_roles_only(string role, bool allowed)
    {
        var command = new ChangeUserAccess("someone", role, ["*"], new Actor("admin", Roles.Administrator));
        var decision = ChangeUserAccess.Decide(UserState.From([new UserCreated("someone", "admin", Now, "Someone", Roles.DataEntry, ["S01"], "hash")]), command, Now);

        Assert.Equal(allowed, decision.Rejection is null);
        if (!allowed)
        {
            Assert.Equal(IdentityRejections.InvalidSite, decision.Rejection!.Code);
        }
    }

    [Fact]
    public void a_participant_of_another_site_is_not_reached_whether_or_not_it_exists()
    {
        var nurse = At(Roles.DataEntry, "S01");
        var screenedAtS02 = State(new ParticipantScreened(Code, AtS02, "u", Now, "S02", 1, new DateOnly(2026, 11, 20), "2.1"));

        Assert.True(SiteRules.MayReach(nurse, State(Screened()), Subject));
        Assert.False(SiteRules.MayReach(nurse, screenedAtS02, AtS02));
        Assert.False(SiteRules.MayReach(nurse, ParticipantState.Initial, AtS02));
        Assert.True(SiteRules.MayReach(At(Roles.Monitor), screenedAtS02, AtS02));
    }

    [Fact]
    public void screening_at_a_site_not_granted_is_refused_with_its_reason()
    {
        var coordinator = At(Roles.Coordinator, "S01");

        var rejection = Rejected(ScreenParticipant.Decide(ParticipantState.Initial, Trial, new ScreenParticipant(Code, "S02", AtS02, new DateOnly(2026, 11, 20), "2.1"), coordinator, Now), RejectionCodes.SiteNotGranted);
        Assert.Contains("S02", rejection.Message);
        Assert.Single(ScreenParticipant.Decide(ParticipantState.Initial, Trial, new ScreenParticipant(Code, "S01", Subject, new DateOnly(2026, 11, 20), "2.1"), coordinator, Now).Events);
    }

    [Fact]
    public void screening_a_number_of_another_site_at_ones_own_site_says_nothing_about_that_number()
    {
        var coordinator = At(Roles.Coordinator, "S01");
        var taken = State(new ParticipantScreened(Code, AtS02, "u", Now, "S02", 1, new DateOnly(2026, 11, 20), "2.1"));

        var free = Rejected(ScreenParticipant.Decide(ParticipantState.Initial, Trial, new ScreenParticipant(Code, "S01", AtS02, new DateOnly(2026, 11, 20), "2.1"), coordinator, Now));
        var used = Rejected(ScreenParticipant.Decide(taken, Trial, new ScreenParticipant(Code, "S01", AtS02, new DateOnly(2026, 11, 20), "2.1"), coordinator, Now));
        Assert.Equal(free, used);
    }

    [Fact]
    public void an_investigator_of_another_site_breaks_no_blind_and_is_told_only_that_there_is_no_allocation()
    {
        var state = RandomizationListState.From([Randomization.RandomizationFixtures.GeneratedList(), Randomization.RandomizationFixtures.Assigned("S02-001", 1)]);
        var command = new BreakBlindInEmergency(Code, "S02", "S02-001", "Anaphylaxis", Signatures.SignatureFixtures.SignedBy(At(Roles.Investigator, "S01")), At(Roles.Investigator, "S01"));
        var account = Signatures.SignatureFixtures.AccountOf(At(Roles.Investigator, "S01"));

        Assert.Equal("blinding.not-randomized", Rejected(BreakBlindInEmergency.Decide(state, command, Now, account)).Code);
        Assert.Single(BreakBlindInEmergency.Decide(state, command with { By = At(Roles.Investigator, "S02") }, Now, account).Events, e => e.Data is EmergencyUnblindingPerformed);
    }

    [Fact]
    public void a_coordinator_extends_only_the_lists_of_their_sites_and_the_trial_wide_list_only_with_all_sites()
    {
        Assert.True(ExtendRandomizationList.MayExtend(At(Roles.Coordinator, "S01"), "S01"));
        Assert.False(ExtendRandomizationList.MayExtend(At(Roles.Coordinator, "S01"), "S02"));
        Assert.False(ExtendRandomizationList.MayExtend(At(Roles.Coordinator, "S01", "S02"), Strata.Unstratified));
        Assert.True(ExtendRandomizationList.MayExtend(At(Roles.Coordinator, "*"), Strata.Unstratified));

        var refused = ExtendRandomizationList.Decide(RandomizationListState.Initial, new ExtendRandomizationList(Code, "S02", 4, "more", [], At(Roles.Coordinator, "S01")), Now);
        Assert.Equal(RejectionCodes.SiteNotGranted, refused.Rejection?.Code);
    }

    [Fact]
    public void an_export_is_refused_to_a_statistician_without_every_site_of_the_trial_and_given_with_them()
    {
        var trial = ProtocolState.From([new ProtocolImported(Code, "u", Now, 1, Protocols.ProtocolFixtures.KetJson, new string('a', 64))]);

        Assert.Equal(RejectionCodes.SiteNotGranted, ExportPolicy.Check(At(Roles.Statistician, "S01"), blinded: true, trial)?.Code);
        Assert.Null(ExportPolicy.Check(At(Roles.Statistician, "*"), blinded: true, trial));
        Assert.Null(ExportPolicy.Check(At(Roles.Statistician, "S01", "S02"), blinded: true, trial));
        Assert.Equal(ExportPolicy.Refused, ExportPolicy.Check(At(Roles.DataEntry, "S01"), blinded: true, trial)?.Code);
        Assert.Null(ExportPolicy.Check(At(Roles.Statistician), blinded: true, trial));
    }
}
