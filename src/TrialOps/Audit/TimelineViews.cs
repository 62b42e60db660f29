namespace TrialOps.Audit;

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
