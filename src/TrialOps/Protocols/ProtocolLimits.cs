using TrialOps.Dosing;

namespace TrialOps.Protocols;

/// <summary>
/// The bounds a protocol file must stay within beyond <c>protocols/README.md</c>'s shape rules
/// (listed with their reasons in <c>docs/protocol-limits.md</c>). A value outside them is far
/// beyond any clinical use, so it is a typing error or an attack; accepted, it fails much later
/// (an SAE deadline of 2^31 hours overflows the clock, a dose of 10^9 mg overflows the pharmacy
/// arithmetic, a NUL in the title breaks pages and exports). Import is the one place to refuse
/// it: a recorded protocol is never changed again.
/// </summary>
public static class ProtocolLimits
{
    /// <summary>Protocol versions count amendments; four digits are plenty.</summary>
    public const int MaxVersion = 9999;

    /// <summary>Crossover trials enrol tens to hundreds; 10,000 leaves room for any trial this format describes.</summary>
    public const int MaxTargetParticipants = 10_000;

    /// <summary>ICH E2A's longest expedited report window is 15 days; 30 days (720 hours) is the upper bound.</summary>
    public const int MaxSaeReportHours = 720;

    /// <summary>One dosing session lasts at most a day (1,440 minutes) per component.</summary>
    public const int MaxComponentMinutes = 1440;

    /// <summary>Washout between periods: at least an hour, at most a year.</summary>
    public static readonly TimeSpan MinWashout = TimeSpan.FromHours(1);

    public static readonly TimeSpan MaxWashout = TimeSpan.FromDays(365);

    /// <summary>Assessments are scheduled within 30 days of the start of dosing of their period.</summary>
    public static readonly TimeSpan MaxAssessmentTime = TimeSpan.FromDays(30);

    /// <summary>Scale bounds (VAS 0–100 mm, NRS 0–10, …) are far below a million in magnitude.</summary>
    public const decimal MaxScaleMagnitude = 1_000_000m;

    /// <summary>Largest block of a permuted-block list: ten times the largest Williams design (10 sequences, for 5 treatments).</summary>
    public const int MaxBlockSize = 100;

    /// <summary>Vital-sign alert limits: systolic, diastolic and heart rate, each in its physiological range.</summary>
    public const int MaxSystolic = 300;

    public const int MaxDiastolic = 200;

    public const int MaxHeartRate = 300;

    /// <summary>
    /// Free text (title, names, labels, criteria): at most 200 characters, the SDTM XPORT v5
    /// maximum of a character variable, so an export never meets a text it cannot write.
    /// </summary>
    public const int MaxTextLength = 200;

    /// <summary>The title may be longer: SDTM TS splits it over TSVAL, TSVAL1, TSVAL2… (200 characters each).</summary>
    public const int MaxTitleLength = 1000;

    /// <summary>SDTM ARMCD: a sequence's treatment codes joined by '-'.</summary>
    public const int MaxArmCodeLength = 20;

    /// <summary>Site codes: 1 to 10 characters from A-Z and 0-9 (<c>S01</c>), SDTM SITEID.</summary>
    public const string SiteCodePattern = "^[A-Z0-9]{1,10}\\z";

    /// <summary>Array sizes, so that one file cannot ask for unbounded work.</summary>
    public const int MaxSites = 500;

    public const int MaxSequences = 720;

    public const int MaxAssessments = 50;

    public const int MaxTimesPerAssessment = 100;

    public const int MaxCriteria = 100;

    public const int MaxBlockSizes = 10;

    /// <summary>
    /// The largest amount of one component or cap, by unit. Fixed units allow 100 g (high-dose
    /// methotrexate is some 25 g), 1,000 mmol and 10 L; per-kilogram units a hundredth of that.
    /// A rate is bounded by the same number per hour or per minute, and the amount it gives over
    /// the component's minutes by the amount's bound.
    /// </summary>
    public static decimal MaxAmount(DoseUnit unit)
    {
        var fixedMax = unit.Amount switch
        {
            AmountUnit.Mg => 100_000m,
            AmountUnit.Ug => 100_000_000m,
            AmountUnit.Mmol => 1_000m,
            AmountUnit.ML => 10_000m,
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
        };
        return unit.PerKilogram ? fixedMax / 100 : fixedMax;
    }

    /// <summary>The amount a rate gives over <paramref name="minutes"/>, in the rate's amount unit.</summary>
    public static decimal AmountOf(decimal rate, RateUnit unit, decimal minutes) =>
        unit.Per == RateTimeBase.Minute ? rate * minutes : rate * minutes / 60;
}
