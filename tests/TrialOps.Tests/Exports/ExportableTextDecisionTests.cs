using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Participants;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Exports;

/// <summary>
/// Issue 11, item 5: free text staff enter that reaches SDTM can never stop an export after lock.
/// Text SDTM's US-ASCII cannot hold is refused when entered, naming the field; transliterable
/// text (accents, µ, ≥) and the longest allowed text are accepted.
/// </summary>
public class ExportableTextDecisionTests
{
    [Fact]
    public void withdrawal_details_in_cyrillic_are_refused_naming_the_field()
    {
        var refused = Rejected(
            WithdrawParticipant.Decide(State(Enrolled()), Trial, new WithdrawParticipant(Code, Subject, Now.AddDays(-1), WithdrawalReason.WithdrawalBySubject, "Пациент переехал"), Coordinator, Now),
            ExportableText.NotExportableCode);

        Assert.Equal("details", refused.Field);
        Assert.Contains("withdrawal explanation", refused.Message, StringComparison.Ordinal);
        Assert.Contains("U+041F", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void withdrawal_details_with_accents_and_symbols_and_four_thousand_characters_are_accepted()
    {
        const string Start = "Patientin zurückgezogen, Übelkeit ≥ Grad 2, 5 µg. ";
        var details = Start + new string('x', InputText.MaxLength - Start.Length);
        Assert.Equal(InputText.MaxLength, details.Length);

        var withdrawn = Single<ParticipantWithdrawn>(
            WithdrawParticipant.Decide(State(Enrolled()), Trial, new WithdrawParticipant(Code, Subject, Now.AddDays(-1), WithdrawalReason.WithdrawalBySubject, details), Coordinator, Now));

        Assert.Equal(details, withdrawn.Details);
    }

    [Fact]
    public void a_stop_reason_sdtm_cannot_hold_is_refused_naming_its_field()
    {
        var running = State([.. Enrolled(), Weight(1), Prepared(1), Started(1)]);

        var early = Rejected(StopDosing.Decide(running, Trial, new StopDosing(Code, Subject, 1, Period1Stop, false, "Αλλεργική αντίδραση"), Nurse, Now), ExportableText.NotExportableCode);
        var shortInfusion = Rejected(
            StopDosing.Decide(running, Trial, new StopDosing(Code, Subject, 1, Period1Start.AddMinutes(5), true, null, true, "泵速错误"), Nurse, Now),
            ExportableText.NotExportableCode);

        Assert.Equal("earlyStopReason", early.Field);
        Assert.Equal("shortInfusionReason", shortInfusion.Field);
        Assert.Equal("Agitation, café au lait ≥ 2", Single<DosingStopped>(StopDosing.Decide(running, Trial, new StopDosing(Code, Subject, 1, Period1Stop, false, "Agitation, café au lait ≥ 2"), Nurse, Now)).EarlyStopReason);
    }

    [Fact]
    public void an_emoji_is_named_whole_not_as_half_a_surrogate_pair()
    {
        var refused = ExportableText.Check("fine 🙂", "details", "withdrawal explanation");

        Assert.NotNull(refused);
        Assert.Contains("'🙂' (U+1F642)", refused.Message, StringComparison.Ordinal);
        Assert.Null(ExportableText.Check("Naïve ± 5 µg", "details", "withdrawal explanation"));
    }
}
