using System.Globalization;
using System.Text.RegularExpressions;
using TrialOps.AdverseEvents;
using TrialOps.Protocols;

namespace TrialOps.Seed;

/// <summary>
/// How a response develops over a session: nothing before the start, a rise to <see cref="Peak"/>
/// at <see cref="PeakAt"/>, then a halving every <see cref="HalfLife"/>. Points on a 0–100 scale.
/// </summary>
/// <param name="Peak">Reduction of pain at the peak, in points of a 0–100 scale (percent of the scale's range).</param>
public sealed record EffectCourse(double Peak, TimeSpan PeakAt, TimeSpan HalfLife)
{
    public static EffectCourse None { get; } = new(0, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    /// <summary>The reduction at <paramref name="after"/> the dosing start (0 at or before the start).</summary>
    public double At(TimeSpan after)
    {
        if (after <= TimeSpan.Zero || Peak == 0)
        {
            return 0;
        }

        // A quarter sine: a fast rise while the drug goes in, flat at the peak.
        return after < PeakAt
            ? Peak * Math.Sin(Math.PI / 2 * (after / PeakAt))
            : Peak * Math.Pow(0.5, (after - PeakAt) / HalfLife);
    }
}

/// <summary>The adverse events and dropouts that follow a period on one treatment, and its effect on pain.</summary>
/// <param name="Effect">Pain reduction beyond the placebo response (zero for a placebo).</param>
/// <param name="Carryover">Points by which every value of the next period is lower after a period on this treatment.</param>
/// <param name="Dropout">Chance of leaving the trial after a period on this treatment (not after the last period).</param>
/// <param name="AdverseEvents">Per period, the chance of each CTCAE term.</param>
public sealed record TreatmentSimulation(
    EffectCourse Effect,
    double Carryover,
    double Dropout,
    IReadOnlyList<AdverseEventRate> AdverseEvents);

public sealed record AdverseEventRate(CtcaeTerm Term, double Rate);

/// <summary>
/// The pain of the participants before any dose. <see cref="Mean"/> and <see cref="Sd"/> describe
/// how participants differ (between-subject variation); every pre-dose value the demo records lies
/// in [<see cref="EligibleMin"/>, 100]. Points of a 0–100 scale.
/// </summary>
public sealed record BaselinePain(double Mean, double Sd, double EligibleMin);

/// <summary>
/// The simulation behind the demo's values, all pain numbers in points of a 0–100 scale (percent of
/// the protocol scale's range: mm of a 100 mm VAS, tenths of a point of a 0–10 NRS). Defaults come
/// from <see cref="DefaultsFor"/>; <see cref="DemoEffectsFile"/> reads overrides (seed/README.md).
/// </summary>
/// <param name="WithinSubjectSd">Standard deviation of every single measurement around the participant's expected value.</param>
/// <param name="PeriodEffect">Points added to every value of each period after the first (period p: (p−1) × this).</param>
/// <param name="PlaceboResponse">The reduction every session brings whatever is infused (the response to placebo).</param>
/// <param name="Treatments">By treatment code: every treatment of the protocol.</param>
public sealed record DemoEffects(
    BaselinePain Baseline,
    double WithinSubjectSd,
    double PeriodEffect,
    EffectCourse PlaceboResponse,
    IReadOnlyDictionary<string, TreatmentSimulation> Treatments)
{
    /// <summary>The eligible minimum when the protocol states none: 40 of 100 (4 on a 0–10 NRS), the usual entry threshold of neuropathic pain trials.</summary>
    public const double DefaultEligibleMin = 40;

    /// <summary>
    /// Illustrative defaults for IV ketamine, morphine, magnesium and saline in refractory
    /// neuropathic pain (chosen to look plausible, not estimates from the literature). A treatment
    /// is recognised by its code or label (ketamine: code contains KET or label "ketamine";
    /// morphine: code starts with MOR or label "morphine"; magnesium: code starts with MG or label
    /// "magnesium"); other active treatments get a generic profile.
    /// </summary>
    public static DemoEffects DefaultsFor(ProtocolDefinition protocol)
    {
        var treatments = protocol.Treatments.ToDictionary(t => t.Code, t => DefaultFor(t), StringComparer.Ordinal);
        return new DemoEffects(
            new BaselinePain(65, 12, EligibleMinimumOf(protocol) ?? DefaultEligibleMin),
            9,
            -3,
            new EffectCourse(10, TimeSpan.FromHours(1), TimeSpan.FromHours(12)),
            treatments);
    }

    /// <summary>The profile a treatment gets without an options file.</summary>
    public static TreatmentSimulation DefaultFor(Treatment treatment)
    {
        var dosing = TimeSpan.FromMinutes((double)treatment.Components.Sum(c => c.Minutes));
        var endOfDosing = dosing < TimeSpan.FromMinutes(15) ? TimeSpan.FromMinutes(15) : dosing;
        return KindOf(treatment) switch
        {
            DefaultKind.Placebo => new TreatmentSimulation(EffectCourse.None, 0, 0.02, Rates(
                ("Dizziness", 0.07), ("Somnolence", 0.08), ("Nausea", 0.05), ("Vomiting", 0.01), ("Headache", 0.10), ("Blurred vision", 0.02), ("Euphoria", 0.01))),
            // Hallucinations stands for ketamine's dissociative and perceptual effects: CTCAE v5 has no
            // "dissociation" term, and its grade 1 reads "mild hallucinations (e.g., perceptual distortions)".
            DefaultKind.Ketamine => new TreatmentSimulation(new EffectCourse(20, endOfDosing, TimeSpan.FromHours(4)), 0, 0.05, Rates(
                ("Dizziness", 0.35), ("Hallucinations", 0.25), ("Somnolence", 0.25), ("Nausea", 0.15), ("Vomiting", 0.05), ("Headache", 0.10), ("Blurred vision", 0.10), ("Euphoria", 0.10))),
            DefaultKind.Morphine => new TreatmentSimulation(new EffectCourse(12, endOfDosing + TimeSpan.FromMinutes(30), TimeSpan.FromHours(3)), 0, 0.04, Rates(
                ("Nausea", 0.25), ("Vomiting", 0.10), ("Somnolence", 0.30), ("Dizziness", 0.20), ("Pruritus", 0.15), ("Headache", 0.08))),
            DefaultKind.Magnesium => new TreatmentSimulation(new EffectCourse(4, endOfDosing, TimeSpan.FromHours(2)), 0, 0.02, Rates(
                ("Flushing", 0.30), ("Headache", 0.08), ("Nausea", 0.08), ("Dizziness", 0.05))),
            _ => new TreatmentSimulation(new EffectCourse(12, endOfDosing, TimeSpan.FromHours(3)), 0, 0.03, Rates(
                ("Dizziness", 0.15), ("Somnolence", 0.12), ("Nausea", 0.10), ("Headache", 0.10))),
        };
    }

    /// <summary>
    /// The lowest eligible pre-dose pain, from an inclusion criterion that states "N UNIT or more"
    /// (or "at least N UNIT", "≥ N UNIT") in the unit of the protocol's primary (or first) scale,
    /// on a 0–100 scale; null when no criterion says so.
    /// </summary>
    public static double? EligibleMinimumOf(ProtocolDefinition protocol)
    {
        var assessment = protocol.PrimaryAssessment ?? protocol.Assessments.FirstOrDefault(a => a.Kind == AssessmentKind.Scale);
        if (assessment?.Scale is not { } scale || scale.Max <= scale.Min || string.IsNullOrWhiteSpace(scale.Unit))
        {
            return null;
        }

        var unit = Regex.Escape(scale.Unit.Trim());
        var pattern = new Regex(
            $@"(?:(?<n>\d+(?:\.\d+)?)\s*{unit}\s+or\s+more|(?:at\s+least|≥|>=)\s*(?<n>\d+(?:\.\d+)?)\s*{unit}\b)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
        foreach (var criterion in protocol.Eligibility.Inclusion)
        {
            if (pattern.Match(criterion.Text) is { Success: true } match
                && decimal.TryParse(match.Groups["n"].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                && value >= scale.Min && value <= scale.Max)
            {
                return (double)((value - scale.Min) / (scale.Max - scale.Min) * 100);
            }
        }

        return null;
    }

    private static IReadOnlyList<AdverseEventRate> Rates(params (string Term, double Rate)[] rates) =>
        rates.Select(r => new AdverseEventRate(CtcaeDictionary.V5.FindByTerm(r.Term) ?? throw new InvalidOperationException($"CTCAE has no term {r.Term}."), r.Rate)).ToArray();

    private static DefaultKind KindOf(Treatment treatment)
    {
        var code = treatment.Code.ToUpperInvariant();
        var label = treatment.Label.ToLowerInvariant();
        return treatment.Placebo ? DefaultKind.Placebo
            : code.Contains("KET", StringComparison.Ordinal) || label.Contains("ketamine", StringComparison.Ordinal) ? DefaultKind.Ketamine
            : code.StartsWith("MOR", StringComparison.Ordinal) || label.Contains("morphine", StringComparison.Ordinal) ? DefaultKind.Morphine
            : code.StartsWith("MG", StringComparison.Ordinal) || label.Contains("magnesium", StringComparison.Ordinal) ? DefaultKind.Magnesium
            : DefaultKind.Active;
    }

    private enum DefaultKind
    {
        Placebo,
        Ketamine,
        Morphine,
        Magnesium,
        Active,
    }
}
