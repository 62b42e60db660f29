using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using static TrialOps.Web.Tests.Identity.Given;

namespace TrialOps.Web.Tests.Identity;

public sealed class AdministrationDecisionTests
{
    [Theory]
    [MemberData(nameof(OtherRoles), MemberType = typeof(Given))]
    public void only_an_administrator_administers_accounts(string role)
    {
        var by = As(role);
        var locked = User(Created(), LockedOut());
        var deactivated = User(Created(), new UserDeactivated("alice", "root", Now.AddHours(-1)));

        Refused(ChangeUserAccess.Decide(User(Created()), new ChangeUserAccess("alice", Roles.Monitor, [], by), Now), RejectionCodes.NotPermitted);
        Refused(DeactivateUser.Decide(User(Created()), new DeactivateUser("alice", by), Now), RejectionCodes.NotPermitted);
        Refused(ReactivateUser.Decide(deactivated, new ReactivateUser("alice", by), Now), RejectionCodes.NotPermitted);
        Refused(UnlockUser.Decide(locked, new UnlockUser("alice", by), Now), RejectionCodes.NotPermitted);
    }

    [Fact]
    public void an_administrator_changes_a_users_role_and_sites()
    {
        var changed = Single<UserAccessChanged>(ChangeUserAccess.Decide(User(Created()), new ChangeUserAccess("alice", Roles.Investigator, ["S02"], Admin), Now));

        Assert.Equal(Roles.Investigator, changed.Role);
        Assert.Equal(["S02"], changed.Sites);
        Assert.Equal("root", changed.ChangedBy);
    }

    [Fact]
    public void unchanged_role_and_sites_record_nothing()
    {
        var decision = ChangeUserAccess.Decide(User(Created()), new ChangeUserAccess("alice", Roles.DataEntry, ["S01"], Admin), Now);

        Assert.Null(decision.Rejection);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void a_change_to_an_unknown_role_is_refused()
    {
        Refused(ChangeUserAccess.Decide(User(Created()), new ChangeUserAccess("alice", "Sponsor", [], Admin), Now), IdentityRejections.UnknownRole);
    }

    [Fact]
    public void an_administrator_cannot_change_their_own_role()
    {
        var state = User(Created("root", Roles.Administrator));

        Refused(ChangeUserAccess.Decide(state, new ChangeUserAccess("root", Roles.Monitor, [], Admin), Now), IdentityRejections.NotOnYourself);
    }

    [Fact]
    public void an_administrator_cannot_deactivate_themselves()
    {
        var state = User(Created("root", Roles.Administrator));

        Refused(DeactivateUser.Decide(state, new DeactivateUser("root", Admin), Now), IdentityRejections.NotOnYourself);
    }

    [Fact]
    public void deactivating_and_reactivating_follow_the_account_state()
    {
        Single<UserDeactivated>(DeactivateUser.Decide(User(Created()), new DeactivateUser("alice", Admin), Now));
        Refused(ReactivateUser.Decide(User(Created()), new ReactivateUser("alice", Admin), Now), IdentityRejections.AlreadyActive);

        var deactivated = User(Created(), new UserDeactivated("alice", "root", Now.AddHours(-1)));
        Refused(DeactivateUser.Decide(deactivated, new DeactivateUser("alice", Admin), Now), IdentityRejections.AlreadyDeactivated);
        Single<UserReactivated>(ReactivateUser.Decide(deactivated, new ReactivateUser("alice", Admin), Now));
    }

    [Fact]
    public void an_administrator_unlocks_a_locked_out_user()
    {
        Assert.Equal(new UserUnlocked("alice", "root", Now), Single<UserUnlocked>(UnlockUser.Decide(User(Created(), LockedOut()), new UnlockUser("alice", Admin), Now)));
    }

    [Fact]
    public void a_user_who_is_not_locked_out_cannot_be_unlocked()
    {
        Refused(UnlockUser.Decide(User(Created()), new UnlockUser("alice", Admin), Now), IdentityRejections.NotLockedOut);
        Refused(UnlockUser.Decide(User(Created(), LockedOut(at: Now.AddHours(-1))), new UnlockUser("alice", Admin), Now), IdentityRejections.NotLockedOut);
    }

    [Fact]
    public void commands_on_a_user_that_does_not_exist_are_refused_as_not_found()
    {
        Refused(DeactivateUser.Decide(UserState.Initial, new DeactivateUser("ghost", Admin), Now), IdentityRejections.UserNotFound);
        Refused(ChangeUserAccess.Decide(UserState.Initial, new ChangeUserAccess("ghost", Roles.Monitor, [], Admin), Now), IdentityRejections.UserNotFound);
    }

    [Fact]
    public void a_user_changes_their_own_password_after_re_entering_the_current_one()
    {
        var alice = new Actor("alice", Roles.DataEntry);

        var changed = Single<PasswordChanged>(ChangePassword.Decide(User(Created()), new ChangePassword("alice", Password, "new-hash", alice), Now));
        Assert.Equal("new-hash", changed.PasswordHash);

        var wrong = Refused(ChangePassword.Decide(User(Created()), new ChangePassword("alice", "not it", "new-hash", alice), Now), IdentityRejections.WrongPassword);
        Assert.Equal("currentPassword", wrong.Field);
    }

    [Fact]
    public void nobody_changes_another_users_password()
    {
        Refused(ChangePassword.Decide(User(Created()), new ChangePassword("alice", Password, "new-hash", Admin), Now), RejectionCodes.NotPermitted);
    }

    [Fact]
    public void a_user_issues_their_own_api_token_and_an_administrator_issues_anyones()
    {
        var issued = Single<ApiTokenIssued>(IssueApiToken.Decide(User(Created()), new IssueApiToken("alice", "t1", "hash", new Actor("alice", Roles.DataEntry)), Now));
        Assert.Equal(new ApiTokenIssued("alice", "alice", Now, "t1", "hash"), issued);

        Single<ApiTokenIssued>(IssueApiToken.Decide(User(Created()), new IssueApiToken("alice", "t1", "hash", Admin), Now));
    }

    [Fact]
    public void another_user_cannot_issue_or_revoke_someones_api_token()
    {
        var bob = new Actor("bob", Roles.Investigator);
        var state = User(Created(), new ApiTokenIssued("alice", "alice", Now.AddDays(-1), "t1", "hash"));

        Refused(IssueApiToken.Decide(state, new IssueApiToken("alice", "t2", "hash2", bob), Now), RejectionCodes.NotPermitted);
        Refused(RevokeApiToken.Decide(state, new RevokeApiToken("alice", "t1", bob), Now), RejectionCodes.NotPermitted);
    }

    [Fact]
    public void a_deactivated_user_gets_no_api_token()
    {
        var state = User(Created(), new UserDeactivated("alice", "root", Now.AddHours(-1)));

        Refused(IssueApiToken.Decide(state, new IssueApiToken("alice", "t1", "hash", Admin), Now), IdentityRejections.UserDeactivated);
    }

    [Fact]
    public void only_an_active_token_can_be_revoked()
    {
        var state = User(Created(), new ApiTokenIssued("alice", "alice", Now.AddDays(-1), "t1", "hash"));

        Single<ApiTokenRevoked>(RevokeApiToken.Decide(state, new RevokeApiToken("alice", "t1", Admin), Now));
        Refused(RevokeApiToken.Decide(state, new RevokeApiToken("alice", "t9", Admin), Now), IdentityRejections.TokenNotFound);

        var revoked = state.Apply(new ApiTokenRevoked("alice", "root", Now.AddMinutes(-1), "t1"));
        Refused(RevokeApiToken.Decide(revoked, new RevokeApiToken("alice", "t1", Admin), Now), IdentityRejections.TokenNotFound);
    }
}
