using TrialOps.AdverseEvents;
using TrialOps.Protocols;

namespace TrialOps.Seed;

/// <summary>Who, among a run's participants, fails screening, withdraws as planned or has the serious adverse event.</summary>
public sealed record DemoParticipantRole(int Index, bool ScreenFailure, bool PlannedWithdrawal, bool SeriousAdverseEvent);

/// <summary>One scale value the demo records (the true value: a transcription error is corrected back to it).</summary>
public sealed record SimulatedValue(string Assessment, string Timepoint, TimeSpan AfterDosingStart, decimal Value);

/// <summary>What happens in one period of one participant, given the treatment of that period and of the one before.</summary>
/// <param name="LeavesAfter">The participant withdraws after this period.</param>
public sealed record SimulatedPeriod(
    int Period,
    string Treatment,
    IReadOnlyList<SimulatedValue> Values,
    IReadOnlyList<CtcaeTerm> AdverseEvents,
    bool LeavesAfter)
{
    public decimal ValueOf(string assessment, TimeSpan afterDosingStart) =>
        Values.Single(v => v.Assessment == assessment && v.AfterDosingStart == afterDosingStart).Value;
}

/// <summary>
/// The pure model behind the demo's outcomes: a function of the protocol, the effects, the seed, the
/// participant's index in the run and the treatments they received. The demo records exactly these
/// values, so an analysis can be checked against a known truth (seed/README.md).
/// </summary>
/// <remarks>
/// On a 0–100 scale, the value of participant i in period p at time t after the dosing start is
/// S_i + (p−1)·periodEffect − carryover(treatment of p−1) − placebo(t) − effect_T(t) + e, with S_i
/// the participant's level (between-subject variation) and e the within-subject variation of each
/// measurement. Pre-dose values (t = 0) are kept in the eligible range; every value is mapped to the
/// protocol's scale and rounded as a site records it.
/// </remarks>
public static class DemoModel
{
    /// <summary>
    /// Participant 0 has the serious adverse event, 1 fails screening, one in the second half withdraws
    /// after period 1 as planned; a few more (about 4 %) fail screening at random.
    /// </summary>
    public static IReadOnlyList<DemoParticipantRole> Plan(int count, int seed)
    {
        var random = new Bogus.Randomizer(seed);
        var withdrawal = count >= 3 ? Math.Max(2, count / 2) : -1;
        var screenFailures = new HashSet<int>(Enumerable.Range(2, Math.Max(0, count - 2)).Where(i => random.Bool(0.04f) && i != withdrawal));
        if (count >= 3)
        {
            screenFailures.Add(1);
        }

        return Enumerable.Range(0, count).Select(i => new DemoParticipantRole(i, screenFailures.Contains(i), i == withdrawal, i == 0)).ToArray();
    }

    public static ParticipantModel Participant(ProtocolDefinition protocol, DemoEffects effects, int seed, DemoParticipantRole role) =>
        new(protocol, effects, seed, role);

    /// <summary>The primary endpoint: the primary assessment at its primary time, else the first scale assessment at its first time after the dosing start.</summary>
    public static (AssessmentDefinition Assessment, AssessmentTime Time)? PrimaryEndpoint(ProtocolDefinition protocol)
    {
        if (protocol.PrimaryAssessment is { PrimaryTime: { } time } primary)
        {
            return (primary, time);
        }

        var first = protocol.Assessments.FirstOrDefault(a => a.Kind == AssessmentKind.Scale && a.Times.Any(t => t.AfterDosingStart > TimeSpan.Zero));
        return first is null ? null : (first, first.Times.First(t => t.AfterDosingStart > TimeSpan.Zero));
    }

    /// <summary>
    /// The true difference of <paramref name="treatment"/> minus <paramref name="comparator"/> in the
    /// expected value at <paramref name="after"/>, in the units of <paramref name="scale"/>
    /// (before clamping and rounding; negative when the treatment lowers pain more).
    /// </summary>
    public static double TrueDifference(DemoEffects effects, ScaleRange scale, string treatment, string comparator, TimeSpan after) =>
        -(effects.Treatments[treatment].Effect.At(after) - effects.Treatments[comparator].Effect.At(after)) * (double)(scale.Max - scale.Min) / 100;

    /// <summary>A deterministic generator for one participant and one stream of draws.</summary>
    internal static Random Stream(int seed, int index, int period, int stream)
    {
        // SplitMix64 over the four numbers: independent streams that stay the same on every runtime.
        var x = unchecked(((ulong)(uint)seed << 32) ^ ((ulong)(uint)index * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)(period * 16 + stream) * 0xBF58476D1CE4E5B9UL));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return new Random(unchecked((int)x));
    }

    internal static double Normal(Random random, double mean, double sd)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}

/// <summary>One participant of the model: their level, then each period as the treatments become known.</summary>
public sealed class ParticipantModel
{
    private readonly ProtocolDefinition _protocol;
    private readonly DemoEffects _effects;
    private readonly int _seed;
    private readonly DemoParticipantRole _role;

    internal ParticipantModel(ProtocolDefinition protocol, DemoEffects effects, int seed, DemoParticipantRole role)
    {
        _protocol = protocol;
        _effects = effects;
        _seed = seed;
        _role = role;
        var random = DemoModel.Stream(seed, role.Index, 0, 0);
        var baseline = effects.Baseline;
        var level = DemoModel.Normal(random, baseline.Mean, baseline.Sd);
        for (var attempt = 1; attempt < 100 && (level < baseline.EligibleMin || level > 100); attempt++)
        {
            level = DemoModel.Normal(random, baseline.Mean, baseline.Sd);
        }

        Level = Math.Clamp(level, baseline.EligibleMin, 100);
    }

    /// <summary>The participant's own pain level before any period effect (0–100, eligible).</summary>
    public double Level { get; }

    public SimulatedPeriod Period(int period, string treatment, string? previousTreatment)
    {
        var simulation = _effects.Treatments[treatment];
        var level = Level + ((period - 1) * _effects.PeriodEffect) - (previousTreatment is null ? 0 : _effects.Treatments[previousTreatment].Carryover);
        var values = new List<SimulatedValue>();
        var random = DemoModel.Stream(_seed, _role.Index, period, 1);
        foreach (var assessment in _protocol.Assessments.Where(a => a.Kind == AssessmentKind.Scale && a.Scale is not null))
        {
            var scale = assessment.Scale!;
            foreach (var time in assessment.Times)
            {
                var value = time.AfterDosingStart <= TimeSpan.Zero
                    ? PreDose(random, scale, level)
                    : OnScale(scale, level - _effects.PlaceboResponse.At(time.AfterDosingStart) - simulation.Effect.At(time.AfterDosingStart) + DemoModel.Normal(random, 0, _effects.WithinSubjectSd));
                values.Add(new SimulatedValue(assessment.Code, time.Iso, time.AfterDosingStart, value));
            }
        }

        var adverse = DemoModel.Stream(_seed, _role.Index, period, 2);
        var events = simulation.AdverseEvents.Where(a => adverse.NextDouble() < a.Rate).Select(a => a.Term).ToArray();

        var leaving = DemoModel.Stream(_seed, _role.Index, period, 3).NextDouble() < simulation.Dropout;
        var leavesAfter = period < _protocol.PeriodCount && !_role.SeriousAdverseEvent && ((_role.PlannedWithdrawal && period == 1) || leaving);
        return new SimulatedPeriod(period, treatment, values, events, leavesAfter);
    }

    /// <summary>A pre-dose value in the eligible range: redrawn like a site that doses only a participant whose pain qualifies.</summary>
    private decimal PreDose(Random random, ScaleRange scale, double level)
    {
        var eligible = OnScaleUnrounded(scale, _effects.Baseline.EligibleMin);
        var lowest = scale.Max - scale.Min >= 10 ? Math.Ceiling(eligible) : Math.Ceiling(eligible * 10) / 10;
        for (var attempt = 1; ; attempt++)
        {
            var value = OnScale(scale, level + DemoModel.Normal(random, 0, _effects.WithinSubjectSd));
            if (value >= lowest || attempt >= 100)
            {
                return Math.Min(Math.Max(value, lowest), scale.Max);
            }
        }
    }

    private static decimal OnScaleUnrounded(ScaleRange scale, double points) =>
        scale.Min + ((scale.Max - scale.Min) * (decimal)Math.Clamp(points, 0, 100) / 100);

    private static decimal OnScale(ScaleRange scale, double points) => Math.Clamp(Round(scale, OnScaleUnrounded(scale, points)), scale.Min, scale.Max);

    /// <summary>Whole units on a scale of 10 or more (mm, NRS points), tenths on a narrower one.</summary>
    private static decimal Round(ScaleRange scale, decimal value) =>
        scale.Max - scale.Min >= 10 ? Math.Round(value, MidpointRounding.AwayFromZero) : Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
