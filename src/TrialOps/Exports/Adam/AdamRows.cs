namespace TrialOps.Exports.Adam;

/// <summary>
/// A treatment as the analysis names it: the protocol's code and label, its number (its place in
/// the protocol's treatment list, from 1: TRxxPN, TRTPN) and whether it is the placebo.
/// </summary>
public sealed record AdamTreatment(string Code, string Label, int Number, bool Placebo);

/// <summary>
/// One period of a subject in ADSL (TRxxP/TRxxA, TRxxSDTM/TRxxEDTM, APxxSDTM/APxxEDTM, WASHxxH).
/// </summary>
/// <param name="Planned">The treatment the randomized sequence planned for the period.</param>
/// <param name="Actual">The treatment given: the planned one when the period's dosing started, null when it did not.</param>
/// <param name="TreatmentStart">Start of dosing in the period (EX.EXSTDTC).</param>
/// <param name="TreatmentEnd">End of dosing in the period (EX.EXENDTC); null while it runs.</param>
/// <param name="PeriodStart">Start of the analysis period: the start of dosing.</param>
/// <param name="PeriodEnd">
/// End of the analysis period: one second before the next period's start of dosing (so a washout
/// counts to the period before it, as adverse events are attributed), or the end of participation
/// after the last dosed period; null while the subject is still in it.
/// </param>
/// <param name="WashoutBefore">From the end of dosing in the previous period to the start of dosing in this one; null for period 1 or when either is missing.</param>
public sealed record AdslPeriod(
    int Period,
    AdamTreatment Planned,
    AdamTreatment? Actual,
    DateTimeOffset? TreatmentStart,
    DateTimeOffset? TreatmentEnd,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    TimeSpan? WashoutBefore);

/// <summary>
/// One ADSL record: a randomized subject with their sequence, periods, demographics, population
/// flags, disposition and emergency code break.
/// </summary>
/// <param name="Arm">ARM as in DM: the description of the planned arm (the sequence).</param>
/// <param name="ActualArm">ACTARM as in DM: the arm when the subject was dosed, else missing.</param>
/// <param name="PlannedSequence">TRTSEQP: the planned treatment codes joined by '-' (KET-PBO).</param>
/// <param name="ActualSequence">TRTSEQA: the codes of the periods whose dosing started, joined by '-'; null when none did.</param>
/// <param name="Safety">SAFFL: dosing started in at least one period.</param>
/// <param name="FullAnalysis">FASFL: in the safety population with at least one post-dose value of the primary endpoint.</param>
/// <param name="PerProtocol">
/// PPROTFL: every period dosed completely, none started before its washout had elapsed, and the
/// primary endpoint's pre-dose value and its value at the primary time recorded in every period.
/// </param>
/// <param name="EndOfStudyStatus">EOSSTT: COMPLETED, DISCONTINUED or ONGOING.</param>
/// <param name="CodeBreakPeriod">CBRKPER: the period active when the blind was first broken (null before the first dose).</param>
public sealed record AdslRow(
    string StudyId,
    string Usubjid,
    string Subjid,
    string? SiteId,
    string? Country,
    int? Age,
    string? Sex,
    string? Race,
    string? Ethnic,
    string? Arm,
    string? ActualArm,
    string PlannedSequence,
    string? ActualSequence,
    IReadOnlyList<AdslPeriod> Periods,
    DateOnly? RandomizationDate,
    DateTimeOffset? TreatmentStart,
    DateTimeOffset? TreatmentEnd,
    bool Randomized,
    bool Safety,
    bool FullAnalysis,
    bool PerProtocol,
    bool Completed,
    string EndOfStudyStatus,
    string? DiscontinuationReason,
    bool CodeBroken,
    int? CodeBreakPeriod,
    DateTimeOffset? CodeBreakAt);

/// <summary>A responder criterion of a BDS record: at least <paramref name="ReductionPercent"/> % reduction from the period's pre-dose value.</summary>
/// <param name="Met">Y/N; null where it cannot be judged (the baseline record, or a pre-dose value of 0).</param>
public sealed record ResponderCriterion(decimal ReductionPercent, bool? Met)
{
    /// <summary>CRITy text.</summary>
    public string Text => $"PCHG <= -{Sdtm.Iso.Number(ReductionPercent)}";
}

/// <summary>
/// One record of the subject-period BDS (ADQS): one scale value of one period at one time point,
/// with the period's pre-dose value as baseline.
/// </summary>
/// <param name="ParamCode">PARAMCD: the protocol's assessment code (QSTESTCD).</param>
/// <param name="Timepoint">ATPT: PRE-DOSE or the time after dosing start (QSTPT).</param>
/// <param name="TimepointNumber">ATPTN: the time's place in the protocol's list, from 1 (QSTPTNUM).</param>
/// <param name="AfterDosingStart">The planned time after dosing start (QSELTM); null for a time no longer in the protocol.</param>
/// <param name="AnalysisTime">ADTM: when the value was measured (QSDTC), on the site's clock.</param>
/// <param name="Baseline">BASE: the same period's pre-dose (PT0M) value; null when there is none.</param>
/// <param name="IsBaseline">ABLFL: this is the pre-dose record that is the period's baseline.</param>
/// <param name="Change">CHG = AVAL − BASE, post-dose records only.</param>
/// <param name="PercentChange">PCHG = 100 × CHG / BASE, post-dose records only, null when BASE is 0.</param>
/// <param name="PrimaryTimepoint">ANL01FL: the record at the parameter's primary time point.</param>
public sealed record BdsRow(
    string StudyId,
    string Usubjid,
    string Subjid,
    string? SiteId,
    string PlannedSequence,
    int Period,
    AdamTreatment Planned,
    AdamTreatment? Actual,
    string ParamCode,
    string Param,
    string Timepoint,
    int? TimepointNumber,
    TimeSpan? AfterDosingStart,
    DateTimeOffset AnalysisTime,
    decimal Value,
    decimal? Baseline,
    bool IsBaseline,
    decimal? Change,
    double? PercentChange,
    IReadOnlyList<ResponderCriterion> Criteria,
    bool PrimaryTimepoint);

/// <summary>
/// One ADAE record (OCCDS): an adverse event with the period of its onset and the treatment of
/// that period. The SDTM AE variables are copied as AE has them (same AESEQ).
/// </summary>
/// <param name="Period">APERIOD: the period active at onset (a washout counts to the period before it); null before the first dose.</param>
/// <param name="Actual">TRTA: the treatment given in that period.</param>
/// <param name="OnsetTime">ASTDTM: the onset when recorded with a time, on the site's clock.</param>
/// <param name="OnsetDate">ASTDT: the onset date when complete, the site's calendar date.</param>
/// <param name="EndDate">AENDT: the end date when complete, the site's calendar date.</param>
public sealed record AdaeRow(
    string StudyId,
    string Usubjid,
    string Subjid,
    string? SiteId,
    string PlannedSequence,
    int Sequence,
    string AdverseEventId,
    string Term,
    string DecodedTerm,
    string? BodySystem,
    int LltCode,
    bool Serious,
    string? Causality,
    int Grade,
    string Outcome,
    string OnsetText,
    string? EndText,
    DateTimeOffset? OnsetTime,
    DateOnly? OnsetDate,
    DateOnly? EndDate,
    int? Period,
    AdamTreatment? Actual,
    bool TreatmentEmergent);

/// <summary>The ADaM records of one subject; ADSL is null for a subject who was never randomized (who then has none).</summary>
public sealed record AdamSubject(AdslRow? Adsl, IReadOnlyList<BdsRow> Bds, IReadOnlyList<AdaeRow> Adae)
{
    public static AdamSubject None { get; } = new(null, [], []);
}

/// <summary>
/// The ADaM data of a trial in memory, subject by subject in USUBJID order: what the export writes
/// and what an analysis reads, so that both use the same rows.
/// </summary>
public sealed record AdamData(IReadOnlyList<AdslRow> Adsl, IReadOnlyList<BdsRow> Bds, IReadOnlyList<AdaeRow> Adae);
