namespace TrialOps.Analysis;

/// <summary>
/// One scale value of one subject in one period at one time point: a row of a subject-period BDS
/// dataset (ADaM), reduced to what the crossover analysis reads. <see cref="RowId"/> names the
/// dataset row (for example <c>ADQS:17</c>) so every number in <c>analysis.json</c> can list the
/// rows it came from.
/// </summary>
/// <param name="RowId">The source row, as the caller wants it cited (dataset and row number).</param>
/// <param name="Subject">USUBJID.</param>
/// <param name="Sequence">The planned sequence (TRTSEQP), for example <c>AB</c>.</param>
/// <param name="Period">APERIOD, 1-based.</param>
/// <param name="Treatment">TRTA, the treatment actually received in the period.</param>
/// <param name="TimePoint">ATPT, the time point's label.</param>
/// <param name="TimePointOrder">ATPTN, which orders time points (minutes after dosing start).</param>
/// <param name="Value">AVAL; null when missing.</param>
/// <param name="Baseline">BASE, the period's pre-dose value; null when missing.</param>
/// <param name="Responder30">CRIT1FL (≥ 30 % reduction from the period baseline); null when not derivable.</param>
/// <param name="Responder50">CRIT2FL (≥ 50 % reduction); null when not derivable.</param>
public sealed record ScaleObservation(
    string RowId,
    string Subject,
    string Sequence,
    int Period,
    string Treatment,
    string TimePoint,
    double TimePointOrder,
    double? Value,
    double? Baseline,
    bool? Responder30,
    bool? Responder50)
{
    /// <summary>CHG = AVAL − BASE, null when either is missing.</summary>
    public double? Change => Value is { } value && Baseline is { } baseline ? value - baseline : null;
}

/// <summary>Which variable of the BDS row the models analyse.</summary>
public enum AnalysisVariable
{
    /// <summary>AVAL, the value itself.</summary>
    Value,

    /// <summary>CHG, the change from the period's baseline.</summary>
    Change,
}

/// <summary>One scale endpoint: its rows and how it is analysed.</summary>
/// <param name="Parameter">PARAMCD.</param>
/// <param name="Label">PARAM, for people.</param>
/// <param name="PrimaryTimePoint">The ATPT analysed (the protocol's primary time, else the first post-dose time).</param>
/// <param name="Variable">AVAL or CHG as the models' response.</param>
/// <param name="AdjustForBaseline">Adds the period baseline (BASE) as a covariate to the mixed model.</param>
/// <param name="Observations">All rows of the endpoint, every time point (the figures use them all).</param>
public sealed record EndpointInput(
    string Parameter,
    string Label,
    string PrimaryTimePoint,
    AnalysisVariable Variable,
    bool AdjustForBaseline,
    IReadOnlyList<ScaleObservation> Observations);

/// <summary>A subject's period with the treatment actually received (ADSL's TRxxA): the exposure that AE rates and NNH use.</summary>
public sealed record PeriodExposure(string RowId, string Subject, string Sequence, int Period, string Treatment);

/// <summary>
/// One adverse event (an ADAE row) attributed to the treatment and period of onset. Events
/// before the first dose have no treatment and period and count nowhere.
/// </summary>
/// <param name="DissociativeOrPsychotomimetic">Counts towards the number needed to harm (dissociation, hallucinations, …).</param>
public sealed record AdverseEventRow(string RowId, string Subject, string? Treatment, int? Period, string Term, bool DissociativeOrPsychotomimetic);

/// <summary>A count with its reason, for the CONSORT flow.</summary>
public sealed record ReasonCount(string Reason, int Count);

/// <summary>One period of one sequence in the CONSORT crossover flow.</summary>
/// <param name="Period">1-based.</param>
/// <param name="Treatment">The treatment given in this period of this sequence.</param>
/// <param name="Received">Subjects who received it.</param>
/// <param name="DiscontinuedInPeriod">Who stopped during the period, by reason.</param>
/// <param name="DiscontinuedInWashoutAfter">Who stopped in the washout after the period, by reason (empty after the last period).</param>
public sealed record PeriodFlow(int Period, string Treatment, int Received, IReadOnlyList<ReasonCount> DiscontinuedInPeriod, IReadOnlyList<ReasonCount> DiscontinuedInWashoutAfter);

/// <summary>One sequence arm of the CONSORT crossover flow.</summary>
public sealed record SequenceFlow(string Sequence, int Allocated, IReadOnlyList<PeriodFlow> Periods, int Analysed, IReadOnlyList<ReasonCount> ExcludedFromAnalysis);

/// <summary>The counts of a CONSORT 2010 flow diagram for a crossover trial (from DS, SE and ADSL).</summary>
public sealed record ConsortCounts(int Screened, IReadOnlyList<ReasonCount> Excluded, int Randomized, IReadOnlyList<SequenceFlow> Sequences);

/// <summary>Everything one analysis reads: the ADaM rows of an export at a stated position.</summary>
/// <param name="Trial">The protocol code.</param>
/// <param name="Source">Where the rows come from (the export's manifest and position), stated in every output.</param>
/// <param name="Control">The placebo or control treatment every other treatment is compared with.</param>
public sealed record AnalysisInput(
    string Trial,
    string Source,
    string Control,
    IReadOnlyList<EndpointInput> Endpoints,
    IReadOnlyList<PeriodExposure> Exposure,
    IReadOnlyList<AdverseEventRow> AdverseEvents,
    ConsortCounts Consort);
