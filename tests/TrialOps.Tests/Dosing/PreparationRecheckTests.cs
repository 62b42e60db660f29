using System.Text.Json.Nodes;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Participants;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Dosing;

/// <summary>
/// A weight corrected after the dose was prepared: dosing is refused until the pharmacy prepares the
/// dose anew or confirms it for the corrected weight, with a second pharmacist's signed check (ADR 0020).
/// </summary>
public class PreparationRecheckTests
{
    private static readonly DateTimeOffset Weighed = SessionStart(1).AddMinutes(-50);

    private static SessionWeightCorrected Corrected(decimal kg, int period = 1, DateTimeOffset? measuredAt = null) =>
        new(Code, Subject, period, Nurse.UserId, Now.AddDays(-11), kg, measuredAt ?? Weighed, "Scale was not zeroed");

    /// <summary>Weighed 80 kg, dose prepared for 80 kg, weight then corrected to 60 kg.</summary>
    private static ParticipantState Outdated(params object[] more) => State([.. Enrolled(), Weight(1, 80m), Prepared(1, 80m), Corrected(60m), .. more]);

    private static ReplaceDosePreparation Replace(string reason = "First syringe discarded", string checker = "u-technician", string password = DoseCheckFixtures.Password) =>
        new(Code, Subject, 1, Kit1, SessionStart(1).AddMinutes(-30), reason, checker, password);

    private static ConfirmDosePreparation Confirm(string reason = "Within the protocol's rounding", string checker = "u-technician", string password = DoseCheckFixtures.Password) =>
        new(Code, Subject, 1, reason, checker, password);

    private static Decision DecideReplace(ParticipantState state, ReplaceDosePreparation command, Actor? by = null, UserState? checker = null) =>
        ReplaceDosePreparation.Decide(state, Trial, command, by ?? Pharmacist, Now, checker ?? DoseCheckFixtures.Technician, DoseCheckFixtures.Secrets);

    /// <summary>
    /// KET-NP-01 with fixed doses (ketamine 40 mg made up to 40 mL, saline 40 mL, no cap): the dose is
    /// the same at every weight, so a corrected weight may be confirmed.
    /// </summary>
    private static readonly TrialContext FixedDoseTrial = TrialWith(root =>
    {
        foreach (var treatment in root["treatments"]!.AsArray())
        {
            var component = treatment!["components"]![0]!;
            component["dose"] = 40;
            component["unit"] = treatment["code"]!.GetValue<string>() == "PBO" ? "mL" : "mg";
            treatment.AsObject().Remove("maxTotal");
        }
    });

    private static Decision DecideConfirm(ParticipantState state, ConfirmDosePreparation command, Actor? by = null, UserState? checker = null, TrialContext? trial = null) =>
        ConfirmDosePreparation.Decide(state, trial ?? FixedDoseTrial, command, by ?? Pharmacist, Now, checker ?? DoseCheckFixtures.Technician, DoseCheckFixtures.Secrets);

    private static Decision Start(ParticipantState state) =>
        StartDosing.Decide(state, Trial, new StartDosing(Code, Subject, 1, SessionStart(1)), Nurse, Now);

    [Fact]
    public void dosing_is_refused_after_the_weight_was_corrected_with_a_message_that_names_no_treatment()
    {
        var refused = Rejected(Start(Outdated()), DosingRules.WeightChangedSincePreparation);

        Assert.Equal(
            "The weight was corrected after the dose was prepared (80 kg → 60 kg): the pharmacy must re-prepare or confirm the dose before dosing of period 1 can start.",
            refused.Message);
        Assert.All(Ket.Treatments, t =>
        {
            Assert.DoesNotContain(t.Code, refused.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(t.Label, refused.Message, StringComparison.OrdinalIgnoreCase);
        });
        Assert.True(Outdated().Session(1).AwaitsPharmacyRecheck);
    }

    [Fact]
    public void a_start_before_the_washout_is_refused_too_when_the_weight_was_corrected_after_preparation()
    {
        var stateOfPeriod2 = State([.. ReadyForPeriod2(), Corrected(75m, period: 2, measuredAt: Period1Stop.AddDays(5))]);

        Rejected(
            StartDosingBeforeWashout.Decide(stateOfPeriod2, Trial, new StartDosingBeforeWashout(Code, Subject, 2, Period1Stop.AddDays(5).AddMinutes(30), "Participant could not come back"), Investigator, Now),
            DosingRules.WeightChangedSincePreparation);
    }

    [Fact]
    public void a_corrected_weighing_time_with_the_same_weight_does_not_hold_up_dosing()
    {
        var state = State([.. Enrolled(), Weight(1, 80m), Prepared(1, 80m), Corrected(80m, measuredAt: Weighed.AddMinutes(-5))]);

        Assert.False(state.Session(1).AwaitsPharmacyRecheck);
        Event<DosingStarted>(Start(state));
        Rejected(DecideConfirm(state, Confirm()), "dosing.preparation-current");
        Rejected(DecideReplace(state, Replace()), "dosing.preparation-current");
    }

    [Fact]
    public void a_replaced_preparation_is_calculated_for_the_weight_in_force_signed_and_lets_dosing_start()
    {
        var replaced = Single<DosePreparationReplaced>(DecideReplace(Outdated(), Replace()));

        Assert.Equal(
            (60m, 80m, Kit1, Pharmacist.UserId, "u-technician", DoseCheck.Verified, Now, "First syringe discarded"),
            (replaced.WeightKg, replaced.ReplacedWeightKg, replaced.Kit, replaced.PreparedBy, replaced.CheckedBy, replaced.CheckMeaning, replaced.CheckSignedAt, replaced.Reason));
        var after = Outdated(replaced);
        var session = after.Session(1);
        Assert.Equal((60m, SessionStart(1).AddMinutes(-30), 1), (session.Preparation!.WeightKg, session.Preparation.PreparedAt, session.PreparationsReplaced));
        Assert.False(session.AwaitsPharmacyRecheck);
        Event<DosingStarted>(Start(after));
    }

    [Fact]
    public void the_pharmacy_dose_and_the_bedside_instruction_follow_the_replaced_preparation()
    {
        var list = List();
        var enrolled = EnrollParticipant.Decide(State(Screened(), Eligible()), Trial, [list], new EnrollParticipant(Code, Subject), Coordinator, Now);
        object[] listEvents = [list, .. enrolled.Events.Where(e => e.StreamId != ParticipantStream).Select(e => e.Data)];
        var kit = enrolled.Events.Select(e => e.Data).OfType<ParticipantRandomized>().Single().Periods.Single(p => p.Period == 1).Kit;
        object[] history = [Screened(), Eligible(), .. enrolled.Events.Where(e => e.StreamId == ParticipantStream).Select(e => e.Data), Weight(1, 80m), Prepared(1, 80m) with { Kit = kit }, Corrected(60m)];
        var before = PharmacyDoses.For(Ket, State(history), listEvents, 1);

        var replaced = Single<DosePreparationReplaced>(DecideReplace(State(history), Replace() with { Kit = kit }));
        var after = PharmacyDoses.For(Ket, State([.. history, replaced]), listEvents, 1);

        Assert.Equal((80m, 60m), (before.Dose!.WeightKg, after.Dose!.WeightKg));
        Assert.Equal(DoseCalculator.Calculate(Ket.Treatment(after.TreatmentCode), 60m).Total, after.Dose.Total);
        Assert.Equal(BlindedDoseInstruction.For(Ket, 60m), after.Blinded);
    }

    [Fact]
    public void a_confirmed_preparation_keeps_its_weight_records_the_corrected_one_and_lets_dosing_start()
    {
        var confirmed = Single<DosePreparationConfirmed>(DecideConfirm(Outdated(), Confirm()));

        Assert.Equal(
            (60m, 80m, Pharmacist.UserId, "u-technician", DoseCheck.Verified, Now, "Within the protocol's rounding"),
            (confirmed.WeightKg, confirmed.PreparedForWeightKg, confirmed.ConfirmedBy, confirmed.CheckedBy, confirmed.CheckMeaning, confirmed.CheckSignedAt, confirmed.Reason));
        var after = Outdated(confirmed);
        Assert.Equal((80m, 60m), (after.Session(1).Preparation!.WeightKg, after.Session(1).PreparationConfirmedForKg));
        Event<DosingStarted>(Start(after));
    }

    [Fact]
    public void a_weight_based_dose_that_changes_by_more_than_five_percent_cannot_be_confirmed_only_prepared_anew()
    {
        // KET-NP-01 is dosed per kg (ketamine 0.5 mg/kg, saline 0.5 mL/kg): 80 kg → 60 kg changes the dose of either arm by a quarter.
        var refused = Rejected(DecideConfirm(Outdated(), Confirm(), trial: Trial), "dosing.confirmation-changes-dose");
        Assert.Equal(
            "At the corrected weight (60 kg) the dose of period 1 differs by more than 5 % from the one prepared for 80 kg: prepare the dose anew. A confirmation is only for a dose within 5 % of the dose for the corrected weight.",
            refused.Message);
        Event<DosePreparationReplaced>(DecideReplace(Outdated(), Replace()));

        // The rule reads the protocol and the weights, for every arm alike: 4 kg of 80 is exactly 5 %; a little more is not.
        Assert.Null(ConfirmDosePreparation.DoseChanges(Ket, 80m, 84m, 1));
        Assert.Null(ConfirmDosePreparation.DoseChanges(Ket, 80m, 76m, 1));
        Assert.NotNull(ConfirmDosePreparation.DoseChanges(Ket, 80m, 84.1m, 1));
        Assert.Null(ConfirmDosePreparation.DoseChanges(FixedDoseTrial.Protocol, 80m, 60m, 1));

        // Above the cap the active arm stays at 50 mg, but the saline (0.5 mL/kg) follows the weight: 120 → 130 kg is 8 % for that arm.
        Assert.NotNull(ConfirmDosePreparation.DoseChanges(Ket, 120m, 130m, 1));
    }

    [Fact]
    public void a_further_correction_after_a_confirmation_holds_dosing_again_and_one_back_to_the_prepared_weight_does_not()
    {
        var confirmed = Single<DosePreparationConfirmed>(DecideConfirm(Outdated(), Confirm()));

        Rejected(Start(Outdated(confirmed, Corrected(65m))), DosingRules.WeightChangedSincePreparation);
        Event<DosingStarted>(Start(Outdated(Corrected(80m))));
    }

    [Theory]
    [InlineData(Roles.DataEntry)]
    [InlineData(Roles.Investigator)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Monitor)]
    public void only_a_pharmacist_replaces_or_confirms_a_preparation(string role)
    {
        var blinded = new Actor("u-someone", role);

        Rejected(DecideReplace(Outdated(), Replace(), blinded), "not-permitted");
        Rejected(DecideConfirm(Outdated(), Confirm(), blinded), "not-permitted");
    }

    [Fact]
    public void nothing_to_recheck_before_a_preparation_after_the_start_or_while_the_weights_agree()
    {
        Rejected(DecideReplace(State([.. Enrolled(), Weight(1, 80m), Corrected(60m)]), Replace()), "dosing.not-prepared");
        Rejected(DecideConfirm(State([.. Enrolled(), Weight(1, 80m), Corrected(60m)]), Confirm()), "dosing.not-prepared");
        var started = State([.. Enrolled(), Weight(1, 80m), Prepared(1, 80m), Started(1), Corrected(60m)]);
        Rejected(DecideReplace(started, Replace()), "dosing.already-started");
        Rejected(DecideConfirm(started, Confirm()), "dosing.already-started");
        var current = State([.. Enrolled(), Weight(1, 80m), Prepared(1, 80m)]);
        Assert.Contains("80 kg", Rejected(DecideConfirm(current, Confirm()), "dosing.preparation-current").Message);
        Rejected(DecideReplace(current, Replace()), "dosing.preparation-current");
        var confirmed = Outdated(Single<DosePreparationConfirmed>(DecideConfirm(Outdated(), Confirm())));
        Rejected(DecideConfirm(confirmed, Confirm()), "dosing.preparation-current");
    }

    [Fact]
    public void a_reason_is_required()
    {
        Rejected(DecideReplace(Outdated(), Replace(reason: " ")), RejectionCodes.ReasonRequired);
        Rejected(DecideConfirm(Outdated(), Confirm(reason: "")), RejectionCodes.ReasonRequired);
    }

    [Theory]
    [InlineData("Ketamine syringe discarded", "Ketamine")]
    [InlineData("the PBO bag was re-made", "PBO")]
    [InlineData("Discarded the first sodium chloride syringe", "sodium")]
    [InlineData("Placebo is weight-based, prepared anew", "Placebo")]
    public void a_reason_that_names_the_treatment_is_refused_for_blinded_readers(string reason, string word)
    {
        var replaced = Rejected(DecideReplace(Outdated(), Replace(reason: reason)), RejectionCodes.ReasonNamesArm);
        Assert.Contains($"\"{word}\"", replaced.Message, StringComparison.Ordinal);
        Assert.Equal("reason", replaced.Field);
        Rejected(DecideConfirm(Outdated(), Confirm(reason: reason)), RejectionCodes.ReasonNamesArm);
    }

    [Fact]
    public void a_reason_in_the_words_of_dosing_is_taken()
    {
        var replaced = Single<DosePreparationReplaced>(DecideReplace(Outdated(), Replace(reason: "First syringe discarded; volume made up anew for the corrected weight over 40 minutes")));
        Assert.Equal("First syringe discarded; volume made up anew for the corrected weight over 40 minutes", replaced.Reason);
    }

    [Fact]
    public void the_check_is_signed_by_a_second_eligible_pharmacist_with_the_right_password()
    {
        Rejected(DecideReplace(Outdated(), Replace(checker: Pharmacist.UserId), checker: DoseCheckFixtures.Account(Pharmacist.UserId)), "dosing.same-checker");
        Rejected(DecideConfirm(Outdated(), Confirm(checker: Pharmacist.UserId), checker: DoseCheckFixtures.Account(Pharmacist.UserId)), "dosing.same-checker");
        Rejected(DecideReplace(Outdated(), Replace(password: "wrong")), DoseCheck.WrongPassword);
        Rejected(DecideConfirm(Outdated(), Confirm(password: "wrong")), DoseCheck.WrongPassword);
        Rejected(DecideReplace(Outdated(), Replace(checker: "u-nurse2"), checker: DoseCheckFixtures.Account("u-nurse2", Roles.DataEntry)), "dosing.checker-not-pharmacist");
        Rejected(DecideConfirm(Outdated(), Confirm(checker: "u-other"), checker: DoseCheckFixtures.Account("u-other", site: "S02")), "dosing.checker-not-pharmacist");
        Rejected(DecideConfirm(Outdated(), Confirm(checker: " ")), "dosing.check-required");
    }

    [Fact]
    public void a_replacement_from_another_kit_or_before_the_first_preparation_is_refused()
    {
        Rejected(DecideReplace(Outdated(), Replace() with { Kit = Kit2 }), "dosing.wrong-kit");
        Rejected(DecideReplace(Outdated(), Replace() with { PreparedAt = SessionStart(1).AddMinutes(-45) }), "dosing.time-out-of-order");
    }

    [Fact]
    public void the_checkers_password_never_appears_in_the_commands_text()
    {
        Assert.DoesNotContain(DoseCheckFixtures.Password, Replace().ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(DoseCheckFixtures.Password, Confirm().ToString(), StringComparison.Ordinal);
    }
}
