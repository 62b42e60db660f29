namespace TrialOps.Protocols;

/// <summary>
/// Williams designs: crossover sequences in which each treatment appears once per sequence and
/// once per period (Latin squares), and each treatment follows every other treatment equally often
/// (balanced for first-order carryover), so a statistician can estimate carryover.
/// </summary>
public static class WilliamsDesign
{
    /// <summary>
    /// Sequences over treatments <c>0..t-1</c>, one row per sequence and one column per period:
    /// t rows for even t (one square), 2t for odd t (a square and its mirror image, because one
    /// square alone cannot balance carryover when t is odd).
    /// </summary>
    /// <remarks>
    /// The first row interleaves from both ends (0, 1, t-1, 2, t-2, …); its successive differences
    /// modulo t are all distinct, so the cyclic shifts of it put every ordered pair next to each
    /// other exactly once. For odd t the differences repeat in sign-reversed pairs, which the
    /// reversed rows make up for.
    /// </remarks>
    public static IReadOnlyList<IReadOnlyList<int>> Generate(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 2);

        var first = new int[t];
        for (int period = 1, low = 1, high = t; period < t; period++)
        {
            first[period] = period % 2 == 1 ? low++ : --high;
        }

        var square = Enumerable.Range(0, t)
            .Select(shift => (IReadOnlyList<int>)first.Select(treatment => (treatment + shift) % t).ToArray())
            .ToList();

        if (t % 2 == 1)
        {
            square.AddRange(square.Select(row => (IReadOnlyList<int>)row.Reverse().ToArray()).ToList());
        }

        return square;
    }

    /// <summary>The design over the given treatment codes, in the order given.</summary>
    public static IReadOnlyList<TreatmentSequence> For(IReadOnlyList<string> treatmentCodes) =>
        Generate(treatmentCodes.Count)
            .Select((row, index) => new TreatmentSequence(index + 1, row.Select(i => treatmentCodes[i]).ToArray()))
            .ToArray();
}
