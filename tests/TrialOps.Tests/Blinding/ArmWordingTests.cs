using System.Text.Json.Nodes;
using TrialOps.Blinding;
using TrialOps.Common;
using static TrialOps.Tests.Journey.JourneyFixtures;

namespace TrialOps.Tests.Blinding;

/// <summary>Free text unblinded staff write for blinded readers must not name the treatment (ADR 0020).</summary>
public class ArmWordingTests
{
    [Theory]
    [InlineData("ketamine", "ketamine")]
    [InlineData("KETAMINE HYDROCHLORIDE re-made", "KETAMINE")]
    [InlineData("re-made the ket syringe", "ket")]
    [InlineData("chloride 0.9% discarded", "chloride")]
    [InlineData("verum prepared anew", "verum")]
    [InlineData("kit for PBO/KET sequence", "PBO")]
    [InlineData("the saline bag is a fixed volume", "saline")]
    public void a_word_that_names_a_treatment_of_the_protocol_is_found(string text, string word) =>
        Assert.Equal(word, ArmWording.RevealingWord(Trial.Protocol, text));

    [Theory]
    [InlineData("First syringe discarded, volume made up anew for 60 kg")]
    [InlineData("Dose within rounding; infusion over 40 minutes unchanged")]
    [InlineData("Scale was not zeroed; the matched volume was recalculated")]
    [InlineData("Basket of the pump replaced")]
    public void the_words_of_dosing_that_every_treatment_shares_are_not(string text) =>
        Assert.Null(ArmWording.RevealingWord(Trial.Protocol, text));

    [Fact]
    public void saline_names_the_arm_only_where_there_is_a_placebo()
    {
        var twoActives = TrialWith(root =>
        {
            foreach (var treatment in root["treatments"]!.AsArray())
            {
                treatment!["placebo"] = false;
            }
        });

        Assert.Equal("saline", ArmWording.RevealingWord(Trial.Protocol, "made up with saline"));
        Assert.Null(ArmWording.RevealingWord(twoActives.Protocol, "made up with saline"));
    }

    /// <summary>Arms coded A and B: a lone "a" is an article; "arm A" or "kit B" names an arm.</summary>
    [Fact]
    public void a_one_letter_code_counts_only_after_arm_treatment_kit_sequence_or_product()
    {
        var lettered = TrialWith(root =>
        {
            var treatments = root["treatments"]!.AsArray();
            treatments[0]!["code"] = "A";
            treatments[1]!["code"] = "B";
            root["sequences"] = new JsonArray(new JsonArray("A", "B"), new JsonArray("B", "A"));
        });

        Assert.Null(ArmWording.RevealingWord(lettered.Protocol, "A new syringe was prepared for B. Smith's weight"));
        Assert.Equal("arm A", ArmWording.RevealingWord(lettered.Protocol, "re-made as arm A requires"));
        Assert.Equal("Kit B", ArmWording.RevealingWord(lettered.Protocol, "Kit B bag discarded"));
    }

    [Fact]
    public void the_refusal_says_which_word_and_points_at_the_reason()
    {
        var refused = ArmWording.Check(Trial.Protocol, "Discarded the ketamine syringe");

        Assert.NotNull(refused);
        Assert.Equal(RejectionCodes.ReasonNamesArm, refused.Code);
        Assert.Equal("reason", refused.Field);
        Assert.Contains("\"ketamine\"", refused.Message, StringComparison.Ordinal);
        Assert.Null(ArmWording.Check(Trial.Protocol, null));
    }
}
