namespace TrialOps.AdverseEvents;

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
