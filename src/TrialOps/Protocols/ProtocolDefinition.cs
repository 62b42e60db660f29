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

    // The optional fields of format 0.2 (protocols/README.md): a file without them reads as before.

    /// <summary>The sponsor's name (TS SPONSOR); null when the file has none.</summary>
    public string? Sponsor { get; init; }

    /// <summary>CDISC TTYPE terms (<c>EFFICACY</c>, <c>SAFETY</c>…); empty when the file has none.</summary>
    public IReadOnlyList<string> TrialTypes { get; init; } = [];

    /// <summary>Who may take part (TS AGEMIN/AGEMAX/SEXPOP/HLTSUBJI); null when the file says nothing.</summary>
    public TrialPopulation? Population { get; init; }

    /// <summary>The study treatment is given on top of existing therapy (TS ADDON); null when not stated.</summary>
    public bool? AddOn { get; init; }

    /// <summary>CDISC INTTYPE term; <c>DRUG</c> unless the file says otherwise.</summary>
    public string InterventionType { get; init; } = InterventionTypes.Drug;

    /// <summary>Whether screening collects the date of birth (AGE derived) or the age in years.</summary>
    public AgeCollection AgeCollection { get; init; } = AgeCollection.BirthDate;

    /// <summary>The primary endpoint, if an assessment is marked <c>primary</c>.</summary>
    public AssessmentDefinition? PrimaryAssessment => Assessments.FirstOrDefault(a => a.Primary);
}

/// <summary>Who the trial enrols. Ages are ISO 8601 durations as written (<c>P18Y</c>).</summary>
/// <param name="Sex">A CDISC SEXPOP term: <c>BOTH</c>, <c>F</c> or <c>M</c>.</param>
public sealed record TrialPopulation(string? AgeMin, string? AgeMax, string? Sex, bool? HealthySubjects);

/// <summary>How a participant's age is collected at screening.</summary>
public enum AgeCollection
{
    BirthDate,
    Age,
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

public sealed record TrialSite(string Code, string Name)
{
    public const string DefaultTimeZone = "UTC";

    /// <summary>ISO 3166-1 alpha-3 (DM.COUNTRY); null when the file has none.</summary>
    public string? Country { get; init; }

    /// <summary>An IANA time zone id; times at this site are entered and shown in it.</summary>
    public string TimeZone { get; init; } = DefaultTimeZone;
}

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
    IReadOnlyList<AssessmentTime> Times)
{
    public static IReadOnlyList<decimal> DefaultResponderThresholds { get; } = [30m, 50m];

    /// <summary>The primary endpoint of the trial (at most one assessment, a scale).</summary>
    public bool Primary { get; init; }

    /// <summary>The primary time point of a primary endpoint: one of <see cref="Times"/>.</summary>
    public AssessmentTime? PrimaryTime { get; init; }

    /// <summary>Percent reductions from the period's pre-dose value that define a responder.</summary>
    public IReadOnlyList<decimal> ResponderThresholds { get; init; } = DefaultResponderThresholds;
}

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

    /// <summary>MedDRA LLT or PT codes of the reactions expected from the reference safety information.</summary>
    public IReadOnlyList<int> ExpectedTerms { get; init; } = [];
}
