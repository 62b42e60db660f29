using System.Collections.Immutable;
using TrialOps.Assessments;
using TrialOps.Dosing;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Washouts;

namespace TrialOps.Participants;

public enum ParticipantStatus
{
    /// <summary>No such participant.</summary>
    None,
    Screened,
    Eligible,
    ScreenFailed,
    Randomized,
    Withdrawn,
    Completed,
}

/// <summary>One period's dosing session as far as it has been recorded (latest corrections applied).</summary>
public sealed record DosingSession(
    int Period,
    decimal? WeightKg,
    DateTimeOffset? WeightMeasuredAt,
    DosePrepared? Preparation,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    bool? Completed,
    bool Interrupted,
    DateTimeOffset? LastInterruptionAt,
    bool StartedAsDeviation,
    bool WashoutElapsedRecorded)
{
    public static DosingSession Empty(int period) => new(period, null, null, null, null, null, null, false, null, false, false);

    /// <summary>How long dosing was interrupted in total (interruptions that were resumed).</summary>
    public TimeSpan InterruptedFor { get; init; }

    /// <summary>
    /// The corrected weight the pharmacy confirmed the preparation in force for
    /// (<see cref="DosePreparationConfirmed"/>); null when none was confirmed since it was prepared.
    /// </summary>
    public decimal? PreparationConfirmedForKg { get; init; }

    /// <summary>How often the preparation was prepared anew for a corrected weight (<see cref="DosePreparationReplaced"/>).</summary>
    public int PreparationsReplaced { get; init; }

    /// <summary>
    /// The session weight in force differs from the weight the preparation in force was calculated
    /// from, and the pharmacy has not confirmed the preparation for it: a dose calculated per
    /// kilogram would be wrong (ADR 0020). A corrected weighing time alone does not count.
    /// </summary>
    public bool PreparationOutdated =>
        Preparation is { } prepared && WeightKg is { } weight && weight != prepared.WeightKg && weight != PreparationConfirmedForKg;

    /// <summary>The preparation is outdated and dosing has not started: the pharmacy must prepare it anew or confirm it.</summary>
    public bool AwaitsPharmacyRecheck => PreparationOutdated && !Started;

    /// <summary>
    /// How long the treatment ran between the start and <paramref name="stoppedAt"/>, without the
    /// time it was interrupted (an interruption still open at <paramref name="stoppedAt"/> counts up to it).
    /// </summary>
    public TimeSpan AdministeredUntil(DateTimeOffset stoppedAt)
    {
        var open = Interrupted && LastInterruptionAt is { } since && stoppedAt > since ? stoppedAt - since : TimeSpan.Zero;
        var ran = StartedAt is { } started ? stoppedAt - started - InterruptedFor - open : TimeSpan.Zero;
        return ran > TimeSpan.Zero ? ran : TimeSpan.Zero;
    }

    public bool Started => StartedAt is not null;

    public bool Stopped => StoppedAt is not null;

    public bool Running => Started && !Stopped;
}

/// <summary>A scheduled assessment: period, the protocol's assessment code and its timepoint (<c>PT20M</c>).</summary>
public sealed record AssessmentKey(int Period, string Code, string Timepoint)
{
    public override string ToString() => $"period {Period} {Code} {Timepoint}";
}

/// <summary>A recorded assessment value with its latest correction applied.</summary>
public sealed record RecordedAssessment(AssessmentKey Key, DateTimeOffset ClinicalTime, decimal? Value, VitalSigns? Vitals, int Corrections);

/// <summary>
/// What the journey's decisions need from a <c>participant-…</c> stream, folded from all of it.
/// Blinded like the stream: it knows kit numbers, never treatments.
/// </summary>
public sealed record ParticipantState(
    ProtocolCode? Protocol,
    SubjectNumber Subject,
    string? Site,
    ParticipantStatus Status,
    DateOnly? ConsentDate,
    string? ConsentFormVersion,
    IReadOnlyList<string> FailedCriteria,
    string? Stratum,
    ImmutableSortedDictionary<int, KitNumber> Kits,
    ImmutableSortedDictionary<int, DosingSession> Sessions,
    ImmutableDictionary<AssessmentKey, RecordedAssessment> Assessments,
    ImmutableHashSet<AssessmentKey> MarkedOverdue,
    int SafetyAlerts,
    DateTimeOffset? EndedAt)
{
    public static ParticipantState Initial { get; } = new(
        null, default, null, ParticipantStatus.None, null, null, [], null,
        ImmutableSortedDictionary<int, KitNumber>.Empty,
        ImmutableSortedDictionary<int, DosingSession>.Empty,
        ImmutableDictionary<AssessmentKey, RecordedAssessment>.Empty,
        ImmutableHashSet<AssessmentKey>.Empty,
        0,
        null);

    public bool Exists => Status != ParticipantStatus.None;

    /// <summary>Null until the site records them.</summary>
    public ParticipantDemographics? Demographics { get; init; }

    /// <summary>Scheduled assessments recorded as not done, with the site's reason.</summary>
    public ImmutableDictionary<AssessmentKey, string> NotDone { get; init; } = ImmutableDictionary<AssessmentKey, string>.Empty;

    /// <summary>Randomized and neither withdrawn nor completed: clinical data may be recorded.</summary>
    public bool InTreatment => Status == ParticipantStatus.Randomized;

    public int PeriodCount => Kits.Count;

    public DosingSession Session(int period) => Sessions.GetValueOrDefault(period) ?? DosingSession.Empty(period);

    /// <summary>The first period whose dosing has not stopped; null when every period has been dosed.</summary>
    public int? CurrentPeriod =>
        Enumerable.Range(1, PeriodCount).Cast<int?>().FirstOrDefault(p => !Session(p!.Value).Stopped);

    public int PeriodsDosed => Enumerable.Range(1, PeriodCount).Count(p => Session(p).Stopped);

    public static ParticipantState From(IEnumerable<object> events) => events.Aggregate(Initial, (state, e) => state.Apply(e));

    public ParticipantState Apply(object @event) => @event switch
    {
        ParticipantScreened e => this with
        {
            Protocol = e.Protocol,
            Subject = e.Subject,
            Site = e.Site,
            Status = ParticipantStatus.Screened,
            ConsentDate = e.ConsentDate,
            ConsentFormVersion = e.ConsentFormVersion,
        },
        EligibilityConfirmed e => this with
        {
            Status = e.Eligible ? ParticipantStatus.Eligible : Status,
            FailedCriteria = e.FailedCriteria,
        },
        ParticipantScreenFailed e => this with { Status = ParticipantStatus.ScreenFailed, FailedCriteria = e.FailedCriteria, EndedAt = e.RecordedAt },
        ParticipantRandomized e => this with
        {
            Status = ParticipantStatus.Randomized,
            Stratum = e.Stratum,
            Kits = e.Periods.ToImmutableSortedDictionary(p => p.Period, p => p.Kit),
        },
        ConsentCorrected e => this with { ConsentDate = e.ConsentDate, ConsentFormVersion = e.ConsentFormVersion },
        DemographicsRecorded e => this with { Demographics = new(e.BirthDate, e.AgeYears, e.Sex, e.Race, e.Ethnicity) },
        DemographicsCorrected e => this with { Demographics = new(e.BirthDate, e.AgeYears, e.Sex, e.Race, e.Ethnicity) },
        ParticipantWithdrawn e => this with { Status = ParticipantStatus.Withdrawn, EndedAt = e.WithdrawnAt },
        ParticipantCompleted e => this with { Status = ParticipantStatus.Completed, EndedAt = e.CompletedAt },
        ProtocolDeviationRecorded { Kind: ProtocolDeviationKinds.WashoutNotElapsed } e =>
            WithSession(e.Period, s => s with { StartedAsDeviation = true }),
        SessionWeightRecorded e => WithSession(e.Period, s => s with { WeightKg = e.WeightKg, WeightMeasuredAt = e.MeasuredAt }),
        SessionWeightCorrected e => WithSession(e.Period, s => s with { WeightKg = e.WeightKg, WeightMeasuredAt = e.MeasuredAt }),
        DosePrepared e => WithSession(e.Period, s => s with { Preparation = e, PreparationConfirmedForKg = null }),
        // The new preparation is the one in force (exports, the bedside instruction and the pharmacy
        // view follow its weight); the earlier DosePrepared stays in the stream.
        DosePreparationReplaced e => WithSession(e.Period, s => s with
        {
            Preparation = s.Preparation is { } earlier
                ? earlier with
                {
                    PreparedBy = e.PreparedBy,
                    PreparedAt = e.PreparedAt,
                    Kit = e.Kit,
                    CheckedBy = e.CheckedBy,
                    WeightKg = e.WeightKg,
                    CheckMeaning = e.CheckMeaning,
                    CheckSignedAt = e.CheckSignedAt,
                }
                : new DosePrepared(e.Protocol, e.Subject, e.Period, e.PreparedBy, e.PreparedAt, e.Kit, e.CheckedBy, e.WeightKg, e.CheckMeaning, e.CheckSignedAt),
            PreparationConfirmedForKg = null,
            PreparationsReplaced = s.PreparationsReplaced + 1,
        }),
        DosePreparationConfirmed e => WithSession(e.Period, s => s with { PreparationConfirmedForKg = e.WeightKg }),
        DosingStarted e => WithSession(e.Period, s => s with { StartedAt = e.StartedAt }),
        DosingStartCorrected e => WithSession(e.Period, s => s with { StartedAt = e.StartedAt }),
        DosingInterrupted e => WithSession(e.Period, s => s with { Interrupted = true, LastInterruptionAt = e.InterruptedAt }),
        DosingResumed e => WithSession(e.Period, s => s with
        {
            Interrupted = false,
            InterruptedFor = s.InterruptedFor + (s.LastInterruptionAt is { } since && e.ResumedAt > since ? e.ResumedAt - since : TimeSpan.Zero),
        }),
        DosingStopped e => WithSession(e.Period, s => s with { StoppedAt = e.StoppedAt, Completed = e.Completed, Interrupted = false }),
        DosingStopCorrected e => WithSession(e.Period, s => s with { StoppedAt = e.StoppedAt }),
        WashoutElapsed e => WithSession(e.CompletedPeriod, s => s with { WashoutElapsedRecorded = true }),
        ScaleAssessmentRecorded e => WithAssessment(new AssessmentKey(e.Period, e.AssessmentCode, e.Timepoint), e.AssessedAt, e.Value, null, false),
        ScaleAssessmentCorrected e => WithAssessment(new AssessmentKey(e.Period, e.AssessmentCode, e.Timepoint), e.AssessedAt, e.Value, null, true),
        VitalSignsRecorded e => WithAssessment(new AssessmentKey(e.Period, e.AssessmentCode, e.Timepoint), e.MeasuredAt, null, e.Values, false),
        VitalSignsCorrected e => WithAssessment(new AssessmentKey(e.Period, e.AssessmentCode, e.Timepoint), e.MeasuredAt, null, e.Values, true),
        SafetyAlertRaised => this with { SafetyAlerts = SafetyAlerts + 1 },
        AssessmentNotDone e => this with { NotDone = NotDone.SetItem(new AssessmentKey(e.Period, e.AssessmentCode, e.Timepoint), e.Reason) },
        AssessmentsMarkedOverdue e => this with
        {
            MarkedOverdue = MarkedOverdue.Union(e.Items.Select(i => new AssessmentKey(e.Period, i.AssessmentCode, i.Timepoint))),
        },
        _ => this,
    };

    private ParticipantState WithSession(int period, Func<DosingSession, DosingSession> change) =>
        this with { Sessions = Sessions.SetItem(period, change(Session(period))) };

    private ParticipantState WithAssessment(AssessmentKey key, DateTimeOffset clinicalTime, decimal? value, VitalSigns? vitals, bool correction)
    {
        var corrections = Assessments.TryGetValue(key, out var existing) ? existing.Corrections + (correction ? 1 : 0) : 0;
        return this with { Assessments = Assessments.SetItem(key, new RecordedAssessment(key, clinicalTime, value, vitals, corrections)) };
    }
}
