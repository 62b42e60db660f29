namespace TrialOps.Participants;

public enum ScheduleStatus
{
    /// <summary>Not due yet, or waiting for an earlier step (dosing start, end of washout).</summary>
    Planned,
    Due,
    Overdue,
    Done,
    NotApplicable,

    /// <summary>Recorded as not done, with a reason (<c>assessment.not-done.v1</c>).</summary>
    NotDone,
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
    ScheduleStatus Status)
{
    /// <summary>The site's reason when the assessment was recorded as not done.</summary>
    public string? NotDoneReason { get; init; }
}
