using TrialOps.Messaging;
using TrialOps.Participants;

namespace TrialOps.Journey;

// What the journey's queries return. Blinded by construction: none of these records has a field
// that could hold a treatment code, label, sequence or dose amount, so no role can receive one.

public enum ParticipantSort
{
    SubjectNumber,
    Site,
    Status,
    ScreenedAt,
    LastActivity,
}

/// <summary>Filters, sorting and paging of the participant list. <see cref="Page"/> counts from 1.</summary>
/// <param name="Search">Part of a subject number.</param>
/// <param name="Access">
/// The viewer's sites (<see cref="Actor.Access"/>, ADR 0010): only their participants are listed
/// and counted. Null lists every site (the installation's operator at the CLI).
/// </param>
public sealed record ParticipantListQuery(
    string? Protocol = null,
    string? Site = null,
    ParticipantStatus? Status = null,
    string? Search = null,
    ParticipantSort Sort = ParticipantSort.SubjectNumber,
    bool Descending = false,
    int Page = 1,
    int PageSize = 25,
    SiteAccess? Access = null)
{
    public const int MaxPageSize = 500;
}

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => PageSize <= 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed record ParticipantSummary(
    string Protocol,
    string Subject,
    string Site,
    ParticipantStatus Status,
    DateOnly ConsentDate,
    string ConsentFormVersion,
    DateTimeOffset ScreenedAt,
    DateTimeOffset? RandomizedAt,
    int? PeriodCount,
    int PeriodsDosed,
    int? CurrentPeriod,
    IReadOnlyList<string> FailedCriteria,
    DateTimeOffset? EndedAt,
    string? WithdrawalReason,
    string? WithdrawalDetails,
    int SafetyAlerts,
    int AdverseEvents,
    int SeriousAdverseEvents,
    int Deviations,
    int Corrections,
    DateTimeOffset LastActivityAt);

public enum ScheduleStatus
{
    /// <summary>Not due yet, or waiting for an earlier step (dosing start, end of washout).</summary>
    Planned,
    Due,
    Overdue,
    Done,
    NotApplicable,
}

public enum ScheduleItemKind
{
    Dosing,
    Assessment,
    Washout,
}

/// <summary>One step of a participant's schedule.</summary>
/// <param name="Code"><c>DOSING</c>, <c>WASHOUT</c> or the assessment code.</param>
/// <param name="Timepoint">The assessment's time after dosing start (<c>PT20M</c>); empty for dosing and washout.</param>
/// <param name="DoneAt">Clinical time it was done (for a washout: when it ended).</param>
public sealed record ScheduleItem(
    string Protocol,
    string Subject,
    int Period,
    ScheduleItemKind Kind,
    string Code,
    string Timepoint,
    string Label,
    DateTimeOffset? DueAt,
    DateTimeOffset? DeadlineAt,
    DateTimeOffset? DoneAt,
    bool MarkedOverdue,
    ScheduleStatus Status);

public sealed record AdverseEventSummary(
    string AdverseEventId,
    string Protocol,
    string Subject,
    int MeddraCode,
    string Term,
    string Onset,
    string? End,
    int Grade,
    bool Serious,
    IReadOnlyList<string> Seriousness,
    string? Causality,
    string ActionTaken,
    string Outcome,
    int? Period,
    DateTimeOffset AwareAt,
    DateTimeOffset? SponsorReportDueAt,
    DateTimeOffset? ReportedToSponsorAt,
    bool? ReportedLate,
    bool Overdue,
    int FollowUps,
    int Corrections);

/// <summary>One recorded event of a participant or one of their adverse events, as the audit trail shows it.</summary>
/// <param name="Type">The stored event type alias.</param>
/// <param name="Summary">The event in words (blinded).</param>
/// <param name="ClinicalTime">When it happened clinically, where the event has such a time.</param>
/// <param name="ValueKey">The recorded value it sets or corrects (<c>P1 PAIN PT20M</c>), if any.</param>
/// <param name="Reason">Why, for corrections and other changes that need one (from the metadata).</param>
public sealed record TimelineEntry(
    long Position,
    string StreamId,
    int Version,
    string Type,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Role,
    string Summary,
    DateTimeOffset? ClinicalTime,
    string? ValueKey,
    string? Value,
    bool IsCorrection,
    string? Reason);

/// <summary>Every version of one recorded value, original first: who, when, why.</summary>
public sealed record ValueHistory(string Key, IReadOnlyList<TimelineEntry> Versions)
{
    public TimelineEntry Current => Versions[^1];

    public bool Corrected => Versions.Count > 1;
}

public sealed record ParticipantTimeline(string Protocol, string Subject, IReadOnlyList<TimelineEntry> Entries, IReadOnlyList<ValueHistory> Values);
