using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Signatures;
using static TrialOps.Tests.Randomization.RandomizationFixtures;
using static TrialOps.Tests.Signatures.SignatureFixtures;

namespace TrialOps.Tests.Signatures;

public class SigningTests
{
    private const string What = "the database lock";

    private static (VerifiedSignature? Signature, Rejection? Rejection) Verify(SignatureRequest? request, SignatureContext account, Actor? by = null, SecondPerson? secondPerson = null) =>
        Signing.Verify(request, account, by ?? Coordinator, Now, What, secondPerson);

    [Fact]
    public void the_acting_users_right_password_signs_with_their_printed_name()
    {
        var (signature, rejection) = Verify(SignedBy(Coordinator), AccountOf(Coordinator));

        Assert.Null(rejection);
        Assert.Equal(new VerifiedSignature(Coordinator.UserId, "Dr u-coordinator", null, null, 0), signature);
    }

    [Fact]
    public void a_wrong_password_is_refused_and_counts_towards_the_lock_out()
    {
        var (signature, rejection) = Verify(SignedBy(Coordinator, "Signing-passw0rd?"), AccountOf(Coordinator));

        Assert.Null(signature);
        Assert.Equal((SignatureRejections.WrongPassword, "password"), (rejection!.Code, rejection.Field));
        Assert.True(Signing.CountsAsFailure(rejection));
        Assert.DoesNotContain("Signing-passw0rd", rejection.Message);
    }

    [Fact]
    public void signing_with_another_users_name_is_refused_even_with_that_users_password()
    {
        var (_, rejection) = Verify(SignedBy(Investigator), AccountOf(Investigator), by: Coordinator);

        Assert.Equal((SignatureRejections.NotTheSigner, "userName"), (rejection!.Code, rejection.Field));
        Assert.False(Signing.CountsAsFailure(rejection));
    }

    [Fact]
    public void a_second_persons_check_may_be_signed_by_another_user()
    {
        var (signature, rejection) = Verify(SignedBy(Investigator), AccountOf(Investigator), by: Coordinator, secondPerson: new SecondPerson(Roles.Investigator, "S01-001"));

        Assert.Null(rejection);
        Assert.Equal(Investigator.UserId, signature!.UserId);
    }

    [Fact]
    public void a_deactivated_or_unknown_account_cannot_sign_even_with_the_right_password()
    {
        var (_, inactive) = Verify(SignedBy(Coordinator), AccountOf(Coordinator, active: false));
        var (_, unknown) = Verify(SignedBy(Coordinator), NoAccount());

        Assert.Equal(IdentityRejections.SignatureRefused, inactive!.Code);
        Assert.Equal(IdentityRejections.SignatureRefused, unknown!.Code);
        Assert.False(Signing.CountsAsFailure(inactive));
    }

    [Fact]
    public void a_locked_out_account_cannot_sign()
    {
        var account = AccountOf(Coordinator);
        var lockedOut = account with { Account = account.Account.Apply(new UserLockedOut(Coordinator.UserId, Now.AddMinutes(-1), Now.AddMinutes(14), 5)) };

        Assert.Equal(IdentityRejections.SignatureRefused, Verify(SignedBy(Coordinator), lockedOut).Rejection!.Code);
    }

    [Fact]
    public void an_account_with_a_second_factor_needs_its_code_as_well()
    {
        var (_, rejection) = Verify(SignedBy(Coordinator), AccountOf(Coordinator, secondFactor: true));

        Assert.Equal((SignatureRejections.CodeRequired, "code"), (rejection!.Code, rejection.Field));
        Assert.False(Signing.CountsAsFailure(rejection));
    }

    [Fact]
    public void a_wrong_second_factor_code_is_refused_and_counts_towards_the_lock_out()
    {
        var right = Totp.CodeAt(TotpSecret, Now);
        var wrong = right == "000000" ? "111111" : "000000";

        var (_, rejection) = Verify(SignedBy(Coordinator, code: wrong), AccountOf(Coordinator, secondFactor: true));

        Assert.Equal((SignatureRejections.WrongCode, "code"), (rejection!.Code, rejection.Field));
        Assert.True(Signing.CountsAsFailure(rejection));
    }

    [Fact]
    public void the_current_code_signs_and_its_time_step_is_used_up()
    {
        var account = AccountOf(Coordinator, secondFactor: true);
        var (signature, rejection) = Verify(SignedBy(Coordinator, code: Totp.CodeAt(TotpSecret, Now)), account);

        Assert.Null(rejection);
        Assert.Equal(Totp.TimeStepAt(Now), signature!.TimeStep);

        var decision = Decision.Append("protocol-KET-NP-01", new object()).Signed(signature, account, "protocol-KET-NP-01", SignatureMeanings.Approved, "trial lock", Coordinator, Now);
        var used = Assert.IsType<SecondFactorVerified>(Assert.Single(decision.Events, e => e.StreamId == "user-u-coordinator").Data);
        var again = Verify(SignedBy(Coordinator, code: Totp.CodeAt(TotpSecret, Now)), account with { Account = account.Account.Apply(used) });
        Assert.Equal(SignatureRejections.WrongCode, again.Rejection!.Code);
    }

    [Fact]
    public void an_unused_recovery_code_signs_once()
    {
        var codes = RecoveryCodes.Generate();
        var account = AccountOf(Coordinator, secondFactor: true, recoveryCodes: codes);

        var (signature, rejection) = Verify(SignedBy(Coordinator, code: codes[0]), account);

        Assert.Null(rejection);
        var decision = Decision.Append("protocol-KET-NP-01", new object()).Signed(signature!, account, "protocol-KET-NP-01", SignatureMeanings.Approved, "trial lock", Coordinator, Now);
        var used = Assert.IsType<RecoveryCodeUsed>(Assert.Single(decision.Events, e => e.StreamId == "user-u-coordinator").Data);
        Assert.Equal(codes.Count - 1, used.RemainingCodes);
        Assert.Equal(SignatureRejections.WrongCode, Verify(SignedBy(Coordinator, code: codes[0]), account with { Account = account.Account.Apply(used) }).Rejection!.Code);
    }

    [Fact]
    public void the_signature_binds_the_version_its_action_event_gets_on_the_signed_stream()
    {
        var account = AccountOf(Coordinator, version: 7);
        var signature = Verify(SignedBy(Coordinator), account).Signature!;

        var decision = Decision.Append("protocol-KET-NP-01", new object()).Signed(signature, account, "protocol-KET-NP-01", SignatureMeanings.Approved, "trial lock", Coordinator, Now);

        var signed = Assert.IsType<RecordSigned>(decision.Events[^1].Data);
        Assert.Equal(("protocol-KET-NP-01", 8, Roles.Coordinator), (signed.SignedStream, signed.SignedVersion, signed.Role));
    }

    [Fact]
    public void the_password_never_appears_in_the_requests_text()
    {
        Assert.DoesNotContain(Password, SignedBy(Coordinator, code: "123456").ToString());
        Assert.DoesNotContain("123456", SignedBy(Coordinator, code: "123456").ToString());
    }
}
