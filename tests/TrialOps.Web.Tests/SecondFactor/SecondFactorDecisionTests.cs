using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using static TrialOps.Web.Tests.Identity.Given;

namespace TrialOps.Web.Tests.SecondFactor;

/// <summary>Second-factor decisions without I/O: given a user's events, when a command, then events or a rejection.</summary>
public sealed class SecondFactorDecisionTests
{
    private static readonly SecondFactorSecrets Secrets = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly byte[] Secret = Totp.GenerateSecret();
    private static readonly long Step = Totp.TimeStepAt(Now);
    private static readonly string[] RecoveryHashes = ["aa", RecoveryCodes.Sha256("ABCD-EFGH-IJKL-MNOP")];
    private static readonly Actor Alice = new("alice", Roles.DataEntry);

    private static SecondFactorEnrolled Enrolled(string name = "alice") => new(name, name, Now.AddMinutes(-3), Secrets.Seal(Secret, name));

    private static SecondFactorConfirmed Confirmed(string name = "alice", long? step = null) =>
        new(name, name, Now.AddMinutes(-2), step ?? Step - 4, RecoveryHashes);

    private static UserState WithSecondFactor(string role = Roles.DataEntry) => User(Created(role: role), Enrolled(), Confirmed());

    private static Decision Verify(UserState state, string code) => VerifySecondFactor.Decide(state, new VerifySecondFactor("alice", code), Now, Secrets);

    private static IReadOnlyList<object> Events(Decision decision)
    {
        Assert.Null(decision.Rejection);
        return decision.Events.Select(e => e.Data).ToArray();
    }

    [Fact]
    public void the_right_password_of_an_account_with_a_second_factor_asks_for_a_code_instead_of_signing_in()
    {
        var events = Events(SignIn.Decide(WithSecondFactor(), new SignIn("alice", Password), Now));

        Assert.Equal(new object[] { new SecondFactorRequested("alice", Now, false) }, events);
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Pharmacist)]
    [InlineData(Roles.Statistician)]
    [InlineData(Roles.Investigator)]
    public void when_the_installation_requires_it_roles_that_administer_or_can_unblind_must_set_up_a_second_factor_first(string role)
    {
        var events = Events(SignIn.Decide(User(Created(role: role)), new SignIn("alice", Password, new SecondFactorPolicy(true)), Now));

        Assert.Equal(new object[] { new SecondFactorRequested("alice", Now, true) }, events);
    }

    [Theory]
    [InlineData(Roles.DataEntry)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Monitor)]
    public void other_roles_sign_in_with_the_password_alone_even_when_the_installation_requires_a_second_factor(string role)
    {
        Assert.IsType<LoginSucceeded>(Assert.Single(Events(SignIn.Decide(User(Created(role: role)), new SignIn("alice", Password, new SecondFactorPolicy(true)), Now))));
    }

    [Fact]
    public void without_the_setting_nobody_is_required_to_set_one_up()
    {
        Assert.IsType<LoginSucceeded>(Assert.Single(Events(SignIn.Decide(User(Created(role: Roles.Administrator)), new SignIn("alice", Password), Now))));
    }

    [Fact]
    public void a_current_code_signs_in_and_records_its_time_step()
    {
        var events = Events(Verify(WithSecondFactor(), Totp.Code(Secret, Step)));

        Assert.Equal(new object[] { new SecondFactorVerified("alice", Now, Step), new LoginSucceeded("alice", Now) }, events);
    }

    [Fact]
    public void a_code_used_once_is_refused_the_second_time_and_so_is_an_older_one()
    {
        var state = WithSecondFactor();
        state = Events(Verify(state, Totp.Code(Secret, Step))).Aggregate(state, (s, e) => s.Apply(e));

        var again = Assert.IsType<SecondFactorSignInFailed>(Assert.Single(Events(Verify(state, Totp.Code(Secret, Step)))));
        var older = Assert.IsType<SecondFactorSignInFailed>(Assert.Single(Events(Verify(state, Totp.Code(Secret, Step - 1)))));

        Assert.Equal((SecondFactorFailureReason.ReusedCode, 1), (again.Reason, again.ConsecutiveFailures));
        Assert.Equal(SecondFactorFailureReason.ReusedCode, older.Reason);
    }

    [Fact]
    public void the_code_of_the_confirmation_cannot_sign_in_afterwards()
    {
        var state = User(Created(), Enrolled(), Confirmed(step: Step));

        Assert.Equal(SecondFactorFailureReason.ReusedCode, Assert.IsType<SecondFactorSignInFailed>(Assert.Single(Events(Verify(state, Totp.Code(Secret, Step))))).Reason);
    }

    [Fact]
    public void wrong_codes_count_towards_the_lock_out_with_wrong_passwords()
    {
        var wrong = Enumerable.Range(0, 1000).Select(i => i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture))
            .First(code => Totp.MatchingStep(Secret, code, Now) is null);
        var state = User(Created(), Enrolled(), Confirmed(), WrongPassword(1), WrongPassword(2), WrongPassword(3), WrongPassword(4));

        var events = Events(Verify(state, wrong));

        Assert.Equal(SecondFactorFailureReason.WrongCode, Assert.IsType<SecondFactorSignInFailed>(events[0]).Reason);
        Assert.Equal(Now + UserRules.LockOutDuration, Assert.IsType<UserLockedOut>(events[1]).LockedUntil);
    }

    [Fact]
    public void a_locked_account_is_refused_without_checking_the_code()
    {
        var state = User(Created(), Enrolled(), Confirmed(), LockedOut());

        var failed = Assert.IsType<SecondFactorSignInFailed>(Assert.Single(Events(Verify(state, Totp.Code(Secret, Step)))));

        Assert.Equal(SecondFactorFailureReason.LockedOut, failed.Reason);
    }

    [Fact]
    public void a_recovery_code_signs_in_once_typed_in_any_case_and_then_never_again()
    {
        var state = WithSecondFactor();

        var events = Events(Verify(state, "abcd efgh ijkl mnop"));
        Assert.Equal(new object[] { new RecoveryCodeUsed("alice", Now, RecoveryCodes.Sha256("ABCD-EFGH-IJKL-MNOP"), 1), new LoginSucceeded("alice", Now) }, events);

        state = events.Aggregate(state, (s, e) => s.Apply(e));
        Assert.Equal(SecondFactorFailureReason.WrongCode, Assert.IsType<SecondFactorSignInFailed>(Assert.Single(Events(Verify(state, "ABCD-EFGH-IJKL-MNOP")))).Reason);
    }

    [Fact]
    public void regenerated_recovery_codes_replace_the_old_ones()
    {
        var state = WithSecondFactor();
        var regenerated = Single<RecoveryCodesRegenerated>(RegenerateRecoveryCodes.Decide(state, new RegenerateRecoveryCodes("alice", [RecoveryCodes.Sha256("QRST-UVWX-YZ23-4567")], Alice), Now));
        state = state.Apply(regenerated);

        Assert.Equal(SecondFactorFailureReason.WrongCode, Assert.IsType<SecondFactorSignInFailed>(Assert.Single(Events(Verify(state, "ABCD-EFGH-IJKL-MNOP")))).Reason);
        Assert.IsType<RecoveryCodeUsed>(Events(Verify(state, "QRST-UVWX-YZ23-4567"))[0]);
    }

    [Fact]
    public void enrollment_is_confirmed_only_with_a_current_code_of_the_new_secret()
    {
        var state = User(Created(), Enrolled());

        var wrong = Refused(ConfirmSecondFactor.Decide(state, new ConfirmSecondFactor("alice", Totp.Code(Secret, Step + 5), RecoveryHashes, false, Alice), Now, Secrets), SecondFactorRejections.WrongCode);
        var confirmed = Single<SecondFactorConfirmed>(ConfirmSecondFactor.Decide(state, new ConfirmSecondFactor("alice", Totp.Code(Secret, Step), RecoveryHashes, false, Alice), Now, Secrets));

        Assert.Equal("code", wrong.Field);
        Assert.Equal((Step, RecoveryHashes), (confirmed.TimeStep, confirmed.RecoveryCodeSha256s));
        Assert.True(state.Apply(confirmed).SecondFactorEnabled);
    }

    [Fact]
    public void a_confirmation_required_at_sign_in_also_signs_in()
    {
        var decision = ConfirmSecondFactor.Decide(User(Created(role: Roles.Administrator), Enrolled()), new ConfirmSecondFactor("alice", Totp.Code(Secret, Step), RecoveryHashes, true, new Actor("alice", Roles.Administrator)), Now, Secrets);

        Assert.IsType<LoginSucceeded>(Events(decision)[1]);
    }

    [Fact]
    public void only_the_user_themselves_sets_up_their_second_factor()
    {
        Refused(EnrollSecondFactor.Decide(User(Created()), new EnrollSecondFactor("alice", "sealed", Admin), Now), RejectionCodes.NotPermitted);
        Refused(EnrollSecondFactor.Decide(WithSecondFactor(), new EnrollSecondFactor("alice", "sealed", Alice), Now), SecondFactorRejections.AlreadyEnabled);
    }

    [Fact]
    public void the_second_factor_cannot_be_turned_off_while_the_installation_requires_it_for_the_role()
    {
        var admin = new Actor("alice", Roles.Administrator);

        Refused(DisableSecondFactor.Decide(WithSecondFactor(Roles.Administrator), new DisableSecondFactor("alice", Password, new SecondFactorPolicy(true), admin), Now), SecondFactorRejections.Required);
        Single<SecondFactorDisabled>(DisableSecondFactor.Decide(WithSecondFactor(Roles.Administrator), new DisableSecondFactor("alice", Password, SecondFactorPolicy.Optional, admin), Now));
        Refused(DisableSecondFactor.Decide(WithSecondFactor(), new DisableSecondFactor("alice", "not the password", new SecondFactorPolicy(true), Alice), Now), IdentityRejections.WrongPassword);
    }

    [Fact]
    public void only_an_administrator_resets_a_second_factor_and_the_account_then_signs_in_with_its_password()
    {
        Refused(ResetSecondFactor.Decide(WithSecondFactor(), new ResetSecondFactor("alice", Alice), Now), RejectionCodes.NotPermitted);
        var reset = Single<SecondFactorReset>(ResetSecondFactor.Decide(WithSecondFactor(), new ResetSecondFactor("alice", Admin), Now));
        var state = WithSecondFactor().Apply(reset);

        Assert.False(state.SecondFactorEnabled);
        Assert.Empty(state.RecoveryCodeSha256s);
        Assert.IsType<LoginSucceeded>(Assert.Single(Events(SignIn.Decide(state, new SignIn("alice", Password), Now))));
        Refused(ResetSecondFactor.Decide(state, new ResetSecondFactor("alice", Admin), Now), SecondFactorRejections.NotEnabled);
    }
}
