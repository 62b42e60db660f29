using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Identity;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Dosing;

/// <summary>The second pharmacist of the double check: an account with a known password, at site S01 (the participant's).</summary>
public static class DoseCheckFixtures
{
    public const string Password = "Second-check-2026!";

    private static readonly string Hash = PasswordHashing.Hash(Password);

    public static SecondFactorSecrets Secrets { get; } = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static UserState Account(string name = "u-technician", string role = Roles.Pharmacist, string site = "S01") =>
        UserState.From([new UserCreated(name, "admin", Now.AddDays(-60), "Tess Technician", role, [site], Hash)]);

    public static UserState Technician { get; } = Account();
}

/// <summary>Issue 13, item 5: the second check of a preparation is a signature of another pharmacist (ADR 0020).</summary>
public class DoseCheckSignatureTests
{
    private static readonly TrialOps.Participants.ParticipantState Weighed = State([.. Enrolled(), Weight(1)]);

    private static RecordDosePreparation Prepare(string checker = "u-technician", string password = DoseCheckFixtures.Password, string? code = null) =>
        new(Code, Subject, 1, Kit1, Period1Start, checker, password, code);

    private static TrialOps.Messaging.Decision Decide(RecordDosePreparation command, UserState checker) =>
        RecordDosePreparation.Decide(Weighed, Trial, command, Pharmacist, Now, checker, DoseCheckFixtures.Secrets);

    [Fact]
    public void the_signed_check_records_the_checker_the_meaning_verified_and_the_time()
    {
        var prepared = Single<DosePrepared>(Decide(Prepare(" U-Technician "), DoseCheckFixtures.Technician));

        Assert.Equal(("u-technician", "verified", Now, Pharmacist.UserId), (prepared.CheckedBy, prepared.CheckMeaning, prepared.CheckSignedAt, prepared.PreparedBy));
        Assert.True(prepared.IsCheckSigned());
    }

    [Theory]
    [InlineData(Roles.DataEntry)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Investigator)]
    [InlineData(Roles.Monitor)]
    [InlineData(Roles.Statistician)]
    [InlineData(Roles.Administrator)]
    public void a_blinded_or_other_role_can_never_sign_the_check_even_with_the_right_password(string role) =>
        Rejected(Decide(Prepare("u-blinded"), DoseCheckFixtures.Account("u-blinded", role)), "dosing.checker-not-pharmacist");

    [Fact]
    public void an_unknown_a_deactivated_or_another_sites_pharmacist_cannot_sign()
    {
        Rejected(Decide(Prepare("nobody.here"), UserState.Initial), "dosing.checker-not-pharmacist");
        var deactivated = DoseCheckFixtures.Technician.Apply(new UserDeactivated("u-technician", "admin", Now.AddDays(-1)));
        Rejected(Decide(Prepare(), deactivated), "dosing.checker-not-pharmacist");
        Rejected(Decide(Prepare(), DoseCheckFixtures.Account(site: "S02")), "dosing.checker-not-pharmacist");
    }

    [Fact]
    public void the_preparer_cannot_sign_their_own_check() =>
        Rejected(Decide(Prepare(Pharmacist.UserId), DoseCheckFixtures.Account(Pharmacist.UserId)), "dosing.same-checker");

    [Fact]
    public void a_missing_or_wrong_password_is_refused_and_a_locked_account_cannot_sign()
    {
        Assert.Equal("checkerPassword", Rejected(Decide(Prepare(password: ""), DoseCheckFixtures.Technician), "dosing.checker-password-required").Field);
        Rejected(Decide(Prepare(password: "not-the-password"), DoseCheckFixtures.Technician), DoseCheck.WrongPassword);
        var locked = DoseCheckFixtures.Technician.Apply(new UserLockedOut("u-technician", Now.AddMinutes(-1), Now.AddMinutes(14), 5));
        Rejected(Decide(Prepare(), locked), "dosing.checker-cannot-sign");
    }

    [Fact]
    public void a_refused_signature_counts_towards_the_checkers_lock_out()
    {
        var state = DoseCheckFixtures.Technician;
        for (var i = 1; i < UserRules.MaxConsecutiveFailures; i++)
        {
            var failed = Assert.IsType<SignatureFailed>(Assert.Single(VerifySignature.Failure(state, "u-technician", Now).Events).Data);
            Assert.Equal(i, failed.ConsecutiveFailures);
            state = state.Apply(failed);
        }

        var last = VerifySignature.Failure(state, "u-technician", Now).Events.Select(e => e.Data).ToArray();
        Assert.IsType<UserLockedOut>(last[^1]);
        Assert.All(VerifySignature.Failure(state, "u-technician", Now).Events, e => Assert.Equal("user-u-technician", e.StreamId));
    }

    [Fact]
    public void a_checker_with_a_second_factor_also_signs_with_a_current_code_used_once()
    {
        var secret = Totp.GenerateSecret();
        var withFactor = DoseCheckFixtures.Technician with
        {
            SecondFactorSecret = DoseCheckFixtures.Secrets.Seal(secret, "u-technician"),
        };
        var step = Totp.TimeStepAt(Now);
        var code = Totp.Code(secret, step);

        Rejected(Decide(Prepare(), withFactor), "dosing.checker-code-required");
        Rejected(Decide(Prepare(code: code == "000000" ? "111111" : "000000"), withFactor), DoseCheck.WrongCode);

        var signed = Decide(Prepare(code: code), withFactor);
        Assert.Equal("verified", Event<DosePrepared>(signed).CheckMeaning);
        var used = Event<SecondFactorVerified>(signed);
        Assert.Equal(step, used.TimeStep);

        Rejected(Decide(Prepare(code: code), withFactor.Apply(used)), DoseCheck.WrongCode);
    }

    [Fact]
    public void a_checker_without_their_authenticator_signs_once_with_an_unused_recovery_code_and_no_record_signed_is_added()
    {
        var codes = RecoveryCodes.Generate();
        var withFactor = DoseCheckFixtures.Technician
            .Apply(new SecondFactorEnrolled("u-technician", "u-technician", Now.AddDays(-2), DoseCheckFixtures.Secrets.Seal(Totp.GenerateSecret(), "u-technician")))
            .Apply(new SecondFactorConfirmed("u-technician", "u-technician", Now.AddDays(-2), Totp.TimeStepAt(Now.AddDays(-2)), codes.Select(RecoveryCodes.Sha256).ToArray()));

        var signed = Decide(Prepare(code: codes[0]), withFactor);
        Assert.Equal("verified", Event<DosePrepared>(signed).CheckMeaning);
        Assert.DoesNotContain(signed.Events, e => e.Data is TrialOps.Signatures.RecordSigned);
        var used = Event<RecoveryCodeUsed>(signed);
        Assert.Equal(codes.Count - 1, used.RemainingCodes);

        Rejected(Decide(Prepare(code: codes[0]), withFactor.Apply(used)), DoseCheck.WrongCode);
    }

    [Fact]
    public void a_preparation_recorded_before_the_signature_still_reads_as_named_not_signed()
    {
        var old = Prepared(1);

        Assert.False(old.IsCheckSigned());
        Assert.Null(old.CheckSignedAt);
        Assert.Same(old, State([.. Enrolled(), Weight(1), old]).Session(1).Preparation);
    }

    [Fact]
    public void a_capped_active_dose_is_made_up_with_diluent_to_the_volume_of_the_placebo()
    {
        var active = DoseCalculator.Calculate(Ket.Treatment("KET"), 120m);
        var placebo = DoseCalculator.Calculate(Ket.Treatment("PBO"), 120m);

        Assert.Equal(50m, active.Total);
        Assert.Equal(60m, placebo.Total);
        Assert.Equal(10m, BlindedDoseInstruction.MakeUpMl(Ket, active));
        Assert.Null(BlindedDoseInstruction.MakeUpMl(Ket, placebo));
        Assert.Null(BlindedDoseInstruction.MakeUpMl(Ket, DoseCalculator.Calculate(Ket.Treatment("KET"), 80m)));

        var blinded = BlindedDoseInstruction.For(Ket, 120m);
        Assert.Equal("Study infusion, 60 mL over 40 min", blinded.Text);
        var view = new PharmacyDose(Code, Subject, 1, Kit1, "KET", "Ketamine", false, 120m, active, blinded, 10m);
        Assert.Contains("add 10 mL of diluent to make the preparation up to 60 mL", view.MakeUpInstruction, StringComparison.Ordinal);
    }
}
