using TrialOps.Dosing;

namespace TrialOps.Protocols;

/// <summary>
/// A validated <c>trialops.protocol/1</c> file (see <c>protocols/README.md</c>). Only
/// <see cref="ProtocolFile.Parse"/> builds one from a file, so every instance obeys every rule of
/// the format; sequences are resolved (a Williams design is expanded to explicit sequences).
/// </summary>
public sealed record ProtocolDefinition(
    ProtocolCode Code,
    int Version,
    string Title,
    string Indication,
    string Phase,
    TrialDesign Design,
    BlindingLevel Blinding,
    int TargetParticipants,
    IReadOnlyList<TrialSite> Sites,
    IReadOnlyList<Treatment> Treatments,
    IReadOnlyList<TreatmentSequence> Sequences,
    bool SequencesFromWilliamsDesign,
    Washout Washout,
    IReadOnlyList<AssessmentDefinition> Assessments,
    RandomizationScheme Randomization,
    Eligibility Eligibility,
    SafetySettings Safety)
{
    /// <summary>Every sequence has this many periods.</summary>
    public int PeriodCount => Sequences[0].TreatmentCodes.Count;

    public Treatment Treatment(string code) =>
        Treatments.FirstOrDefault(t => t.Code == code)
        ?? throw new ArgumentException($"Protocol {Code} has no treatment '{code}'.", nameof(code));
}

public enum TrialDesign
{
    Crossover,
}

public enum BlindingLevel
{
    DoubleBlind,
    SingleBlind,
    OpenLabel,
}

public sealed record TrialSite(string Code, string Name);

/// <summary>What is given in one period. <see cref="BaseUnit"/> is the one unit all its amounts reduce to.</summary>
public sealed record Treatment(
    string Code,
    string Label,
    bool Placebo,
    string Route,
    IReadOnlyList<DoseComponent> Components,
    DoseAmount? MaxTotal)
{
    public AmountUnit BaseUnit => Components[0].BaseUnit;
}

/// <summary>The order of treatments a participant receives, one code per period. Numbered from 1.</summary>
public sealed record TreatmentSequence(int Number, IReadOnlyList<string> TreatmentCodes)
{
    public override string ToString() => string.Join("/", TreatmentCodes);
}

/// <summary>The minimum time between the end of dosing in one period and the start of the next.</summary>
/// <param name="Iso">The duration as written in the protocol (<c>P7D</c>), kept for display and export.</param>
public sealed record Washout(TimeSpan Duration, string Iso);

public enum AssessmentKind
{
    Scale,
    Vitals,
}

/// <summary>The range and unit of a scale assessment (VAS 0–100 mm, NRS 0–10).</summary>
public sealed record ScaleRange(decimal Min, decimal Max, string Unit);

/// <summary>A time after dosing start; <c>PT0M</c> is the pre-dose baseline.</summary>
public sealed record AssessmentTime(TimeSpan AfterDosingStart, string Iso);

/// <param name="Scale">Set for <see cref="AssessmentKind.Scale"/>, null for vitals.</param>
public sealed record AssessmentDefinition(
    string Code,
    string Label,
    AssessmentKind Kind,
    ScaleRange? Scale,
    IReadOnlyList<AssessmentTime> Times);

public enum RandomizationMethod
{
    PermutedBlocks,
}

/// <summary>
/// How participants are allocated to sequences. <see cref="StratifyBy"/> holds the factor names
/// of the file (<c>site</c> for now); empty means one stratum for the whole trial.
/// </summary>
public sealed record RandomizationScheme(
    RandomizationMethod Method,
    IReadOnlyList<int> BlockSizes,
    IReadOnlyList<string> StratifyBy)
{
    public const string SiteFactor = "site";

    public bool StratifiedBySite => StratifyBy.Contains(SiteFactor, StringComparer.Ordinal);
}

public sealed record EligibilityCriterion(string Code, string Text);

public sealed record Eligibility(
    IReadOnlyList<EligibilityCriterion> Inclusion,
    IReadOnlyList<EligibilityCriterion> Exclusion);

/// <summary>Vital-sign limits that raise a safety alert; each one optional.</summary>
public sealed record VitalLimits(int? SystolicMax, int? DiastolicMax, int? HeartRateMax, int? Spo2Min);

public sealed record SafetySettings(int SaeReportHours, VitalLimits? VitalLimits)
{
    public const int DefaultSaeReportHours = 24;

    public static SafetySettings Default { get; } = new(DefaultSaeReportHours, null);
}
