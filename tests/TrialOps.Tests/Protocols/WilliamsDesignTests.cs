using TrialOps.Protocols;

namespace TrialOps.Tests.Protocols;

public class WilliamsDesignTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void a_williams_design_is_a_set_of_latin_squares_balanced_for_first_order_carryover(int t)
    {
        var sequences = WilliamsDesign.Generate(t);

        Assert.Equal(t % 2 == 0 ? t : 2 * t, sequences.Count);
        Assert.All(sequences, sequence => Assert.Equal(Enumerable.Range(0, t), sequence.Order()));

        foreach (var square in sequences.Chunk(t))
        {
            for (var period = 0; period < t; period++)
            {
                Assert.Equal(Enumerable.Range(0, t), square.Select(sequence => sequence[period]).Order());
            }
        }

        var carryover = sequences
            .SelectMany(sequence => sequence.Zip(sequence.Skip(1)))
            .GroupBy(pair => pair)
            .ToDictionary(group => group.Key, group => group.Count());
        var orderedPairs = Enumerable.Range(0, t).SelectMany(a => Enumerable.Range(0, t).Where(b => b != a).Select(b => (a, b))).ToArray();
        Assert.Equal(orderedPairs.Length, carryover.Count);
        Assert.All(orderedPairs, pair => Assert.True(carryover.ContainsKey(pair), $"{pair} never follows"));
        Assert.Single(carryover.Values.Distinct());
    }

    [Fact]
    public void a_design_needs_at_least_two_treatments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WilliamsDesign.Generate(1));
    }
}
