using TrialOps.Identity;
using static TrialOps.Web.Tests.Identity.Given;

namespace TrialOps.Web.Tests.Identity;

public sealed class SignInDecisionTests
{
    [Fact]
    public void the_right_password_signs_the_user_in()
    {
        var decision = SignIn.Decide(User(Created()), new SignIn("alice", Password), Now);

        var succeeded = Single<LoginSucceeded>(decision);
        Assert.Equal(new LoginSucceeded("alice", Now), succeeded);
        Assert.Equal("user-alice", decision.Events[0].StreamId);
    }

    [Fact]
    public void a_wrong_password_is_recorded_as_a_failure_without_the_password()
    {
        var decision = SignIn.Decide(User(Created()), new SignIn("alice", "correct horse batterY"), Now);

        var failed = Single<LoginFailed>(decision);
        Assert.Equal(new LoginFailed("alice", Now, LoginFailureReason.WrongPassword, 1), failed);
        Assert.DoesNotContain("batter", failed.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void the_fifth_wrong_password_in_a_row_locks_the_account_for_15_minutes()
    {
        var state = User(Created(), WrongPassword(1), WrongPassword(2), WrongPassword(3), WrongPassword(4));

        var decision = SignIn.Decide(state, new SignIn("alice", "guess"), Now);

        Assert.Null(decision.Rejection);
        Assert.Collection(
            decision.Events.Select(e => e.Data),
            e => Assert.Equal(new LoginFailed("alice", Now, LoginFailureReason.WrongPassword, 5), e),
            e => Assert.Equal(new UserLockedOut("alice", Now, Now.AddMinutes(15), 5), e));
    }

    [Fact]
    public void four_wrong_passwords_do_not_lock_the_account()
    {
        var state = User(Created(), WrongPassword(1), WrongPassword(2), WrongPassword(3));

        var decision = SignIn.Decide(state, new SignIn("alice", "guess"), Now);

        Assert.Equal(4, Single<LoginFailed>(decision).ConsecutiveFailures);
    }

    [Fact]
    public void a_success_starts_the_count_of_wrong_passwords_again()
    {
        var state = User(Created(), WrongPassword(1), WrongPassword(2), WrongPassword(3), WrongPassword(4), new LoginSucceeded("alice", Now.AddMinutes(-5)));

        var decision = SignIn.Decide(state, new SignIn("alice", "guess"), Now);

        Assert.Equal(1, Single<LoginFailed>(decision).ConsecutiveFailures);
    }

    [Fact]
    public void a_locked_out_account_is_refused_even_with_the_right_password()
    {
        var state = User(Created(), LockedOut());

        var decision = SignIn.Decide(state, new SignIn("alice", Password), Now);

        Assert.Equal(LoginFailureReason.LockedOut, Single<LoginFailed>(decision).Reason);
    }

    [Fact]
    public void the_lock_out_ends_after_15_minutes()
    {
        var state = User(Created(), LockedOut(at: Now.AddMinutes(-15)));

        var decision = SignIn.Decide(state, new SignIn("alice", Password), Now);

        Single<LoginSucceeded>(decision);
    }

    [Fact]
    public void an_administrator_unlock_lets_the_user_sign_in_before_the_15_minutes_are_over()
    {
        var state = User(Created(), LockedOut(), new UserUnlocked("alice", "root", Now.AddSeconds(-10)));

        var decision = SignIn.Decide(state, new SignIn("alice", Password), Now);

        Single<LoginSucceeded>(decision);
    }

    [Fact]
    public void a_deactivated_user_cannot_sign_in()
    {
        var state = User(Created(), new UserDeactivated("alice", "root", Now.AddHours(-1)));

        var decision = SignIn.Decide(state, new SignIn("alice", Password), Now);

        Assert.Equal(LoginFailureReason.Deactivated, Single<LoginFailed>(decision).Reason);
    }

    [Fact]
    public void a_reactivated_user_can_sign_in_again()
    {
        var state = User(Created(), new UserDeactivated("alice", "root", Now.AddHours(-2)), new UserReactivated("alice", "root", Now.AddHours(-1)));

        Single<LoginSucceeded>(SignIn.Decide(state, new SignIn("alice", Password), Now));
    }

    [Fact]
    public void a_name_without_an_account_is_recorded_in_the_day_stream_of_unknown_sign_ins()
    {
        var decision = SignIn.Decide(UserState.Initial, new SignIn("mallory", Password), Now);

        Assert.Equal(new UnknownUserLoginFailed("mallory", Now), Single<UnknownUserLoginFailed>(decision));
        Assert.Equal("identity-unknown-logins-2025-03-01", decision.Events[0].StreamId);
    }

    [Fact]
    public void a_changed_password_replaces_the_old_one()
    {
        var state = User(Created(), new PasswordChanged("alice", "alice", Now.AddHours(-1), PasswordHashing.Hash("a brand new secret")));

        Assert.Equal(LoginFailureReason.WrongPassword, Single<LoginFailed>(SignIn.Decide(state, new SignIn("alice", Password), Now)).Reason);
        Single<LoginSucceeded>(SignIn.Decide(state, new SignIn("alice", "a brand new secret"), Now));
    }

    [Fact]
    public void the_sign_in_command_never_shows_its_password()
    {
        Assert.DoesNotContain(Password, new SignIn("alice", Password).ToString(), StringComparison.Ordinal);
    }
}
