using TrialOps.Analysis;
using TrialOps.Analysis.Numerics;

namespace TrialOps.Tests.Analysis;

/// <summary>NNT and NNH from the paired risk difference: a number only when its interval excludes zero.</summary>
public class NumberNeededTests
{
    [Fact]
    public void nnt_is_the_reciprocal_of_the_risk_difference_with_reciprocal_limits()
    {
        var needed = PairedProportions.Needed(0.25, 0.05, 0.5, harm: false);

        Assert.Equal("NNT", needed.Kind);
        Assert.True(needed.Estimable);
        Assert.Equal(4, needed.Value);
        Assert.Equal(2, needed.Lower);
        Assert.Equal(20, needed.Upper!.Value, 12);
        Assert.Equal("NNT 4.0 (95% CI 2.0 to 20.0)", needed.Statement);
    }

    [Fact]
    public void nnt_whose_risk_difference_interval_crosses_zero_is_stated_as_not_estimable()
    {
        var needed = PairedProportions.Needed(0.1, -0.05, 0.3, harm: false);

        Assert.False(needed.Estimable);
        Assert.Equal(10, needed.Value!.Value, 12);
        Assert.Null(needed.Lower);
        Assert.Null(needed.Upper);
        Assert.Equal("NNT not estimable: the risk difference's confidence interval includes zero", needed.Statement);
    }

    [Fact]
    public void more_adverse_events_on_treatment_is_a_number_needed_to_harm_and_fewer_responders_too()
    {
        Assert.Equal("NNH", PairedProportions.Needed(0.4, 0.1, 0.6, harm: true).Kind);
        Assert.Equal("NNH", PairedProportions.Needed(-0.4, -0.6, -0.1, harm: false).Kind);
        Assert.Equal("NNT", PairedProportions.Needed(-0.4, -0.6, -0.1, harm: true).Kind);
    }

    [Fact]
    public void paired_responders_give_an_estimable_nnt_when_the_newcombe_interval_excludes_zero()
    {
        var result = PairedProportions.Analyze("responder", "KET", "PBO", AgainstRTests.Pairs((2, 10, 0, 4)), harm: false)!;

        Assert.Equal(16, result.N);
        Assert.Equal(0.625, result.RiskDifference);
        Assert.True(result.Lower > 0);
        Assert.True(result.NumberNeeded.Estimable);
        Assert.Equal(1.6, result.NumberNeeded.Value!.Value, 12);
        Assert.Equal(2 * 1.0 / 1024, result.McNemarExactP, 15);
        Assert.Equal(32, result.Rows.Count);
    }

    [Fact]
    public void t_and_normal_quantiles_invert_their_distribution_functions()
    {
        foreach (var df in new[] { 1.0, 2.5, 7, 30, 1000 })
        {
            var q = Distributions.StudentTUpperQuantile(0.025, df);
            Assert.Equal(0.025, Distributions.StudentTUpperTail(q, df), 14);
        }
        Assert.Equal(1.959963984540054, Distributions.NormalQuantile(0.975), 14);
        Assert.Equal(12.706204736174707, Distributions.StudentTUpperQuantile(0.025, 1), 10);
    }
}
