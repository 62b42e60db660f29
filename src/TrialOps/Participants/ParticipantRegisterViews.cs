using TrialOps.Messaging;

namespace TrialOps.Participants;

// What the participant register returns. Blinded by construction: none of these records has a field
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
/// <param name="OverdueOnly">Only participants with an overdue dosing session or assessment now.</param>
public sealed record ParticipantListQuery(
    string? Protocol = null,
    string? Site = null,
    ParticipantStatus? Status = null,
    string? Search = null,
    ParticipantSort Sort = ParticipantSort.SubjectNumber,
    bool Descending = false,
    int Page = 1,
    int PageSize = 25,
    SiteAccess? Access = null,
    bool OverdueOnly = false)
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
    DateTimeOffset LastActivityAt)
{
    /// <summary>Overdue dosing sessions and assessments now (filled by the list; 0 where a single participant is read).</summary>
    public int Overdue { get; init; }
}
