using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.AdverseEvents;

// Stream adverse-event-<ID>, one per adverse-event case. Blinded: it names the period the event
// is attributed to (a number), never the treatment of that period.

/// <summary>ICH E2A seriousness criteria; any one makes the event serious.</summary>
public enum SeriousnessCriterion
{
    Death,
    LifeThreatening,
    Hospitalization,
    Disability,
    CongenitalAnomaly,
    OtherMedicallyImportant,
}

/// <summary>The investigator's judgement of the relationship to the study treatment (WHO-UMC scale).</summary>
public enum Causality
{
    NotRelated,
    Unlikely,
    Possible,
    Probable,
    Certain,
}

/// <summary>Action taken with the study treatment (CDISC AEACN).</summary>
public enum ActionTaken
{
    DoseNotChanged,
    DrugInterrupted,
    DrugWithdrawn,
    NotApplicable,
    Unknown,
}

/// <summary>Outcome of the adverse event (CDISC AEOUT).</summary>
public enum AdverseEventOutcome
{
    RecoveredResolved,
    RecoveringResolving,
    NotRecoveredNotResolved,
    RecoveredResolvedWithSequelae,
    Fatal,
    Unknown,
}

/// <summary>What the site records about an adverse event.</summary>
/// <param name="MeddraCode">The CTCAE v5.0 term's MedDRA code.</param>
/// <param name="Term">The CTCAE v5.0 term, as the dictionary spells it.</param>
/// <param name="Onset">Partial dates allowed.</param>
/// <param name="End">Null while ongoing; never before <paramref name="Onset"/>.</param>
/// <param name="Grade">CTCAE grade 1–5, only a grade the term defines.</param>
/// <param name="Seriousness">Empty for a non-serious event.</param>
/// <param name="Causality">Null until an investigator has judged it.</param>
public sealed record AdverseEventDetails(
    int MeddraCode,
    string Term,
    PartialDate Onset,
    PartialDate? End,
    int Grade,
    IReadOnlyList<SeriousnessCriterion> Seriousness,
    Causality? Causality,
    ActionTaken ActionTaken,
    AdverseEventOutcome Outcome)
{
    public bool Serious => Seriousness.Count > 0;
}

/// <summary>An adverse event was reported for a participant.</summary>
/// <param name="AdverseEventId">Names the stream <c>adverse-event-&lt;id&gt;</c>.</param>
/// <param name="ReportedBy">User id of the person who recorded it.</param>
/// <param name="AwareAt">When the site became aware of the event (clinical time); an SAE's report clock starts here.</param>
/// <param name="Period">
/// The period active at onset (a washout counts to the period before it); null when the onset
/// lies before the first dosing. Computed from the participant's dosing times when recorded.
/// </param>
/// <param name="SponsorReportDueAt">For a serious event: <paramref name="AwareAt"/> plus the protocol's <c>saeReportHours</c>.</param>
[EventType("adverse-event.reported.v1")]
public sealed record AdverseEventReported(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string ReportedBy,
    DateTimeOffset AwareAt,
    AdverseEventDetails Details,
    int? Period,
    DateTimeOffset? SponsorReportDueAt) : IAdverseEventEvent;

/// <summary>
/// Recorded fields of the adverse event were wrong and are corrected: the whole corrected record
/// with the names of the changed fields. The original and every earlier correction stay.
/// </summary>
/// <param name="CorrectedAt">Server time.</param>
/// <param name="ChangedFields">Names of the fields of <see cref="AdverseEventDetails"/> that changed.</param>
/// <param name="SponsorReportDueAt">Set when the event is (or became) serious.</param>
[EventType("adverse-event.corrected.v1", RequiresReason = true)]
public sealed record AdverseEventCorrected(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string CorrectedBy,
    DateTimeOffset CorrectedAt,
    AdverseEventDetails Details,
    int? Period,
    DateTimeOffset? SponsorReportDueAt,
    IReadOnlyList<string> ChangedFields,
    string Reason) : IAdverseEventEvent;

/// <summary>New information, not a correction: the event resolved, or its outcome changed, as it was followed up.</summary>
/// <param name="End">The end date, when the event has ended.</param>
[EventType("adverse-event.outcome-recorded.v1")]
public sealed record AdverseEventOutcomeRecorded(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    AdverseEventOutcome Outcome,
    PartialDate? End) : IAdverseEventEvent;

/// <summary>An investigator judged the causality of an event reported without one.</summary>
[EventType("adverse-event.causality-assessed.v1")]
public sealed record AdverseEventCausalityAssessed(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string AssessedBy,
    DateTimeOffset AssessedAt,
    Causality Causality) : IAdverseEventEvent;

/// <summary>The initial report of a serious adverse event was sent to the sponsor.</summary>
/// <param name="ReportedAt">When it was sent (clinical time).</param>
/// <param name="SponsorReference">The sponsor's case number or acknowledgement, if given.</param>
[EventType("adverse-event.sae-reported-to-sponsor.v1")]
public sealed record SaeReportedToSponsor(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string ReportedBy,
    DateTimeOffset ReportedAt,
    string? SponsorReference,
    bool Late) : IAdverseEventEvent;

/// <summary>A follow-up report of a serious adverse event was sent to the sponsor.</summary>
/// <param name="FollowUpNumber">1 for the first follow-up, then 2, …</param>
[EventType("adverse-event.sae-follow-up-reported.v1")]
public sealed record SaeFollowUpReported(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string ReportedBy,
    DateTimeOffset ReportedAt,
    int FollowUpNumber,
    string Information) : IAdverseEventEvent;

/// <summary>The scheduler found a serious adverse event not reported to the sponsor by its due time (actor <c>system</c>).</summary>
[EventType("adverse-event.sae-report-overdue.v1")]
public sealed record SaeReportOverdue(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string MarkedBy,
    DateTimeOffset MarkedAt,
    DateTimeOffset DueAt) : IAdverseEventEvent;

/// <summary>Payload of the <c>journey.sae-report-due</c> message, scheduled for an SAE's report deadline.</summary>
[Wolverine.Attributes.MessageIdentity(SaeReportDueMessage.MessageType)]
public sealed record SaeReportDueMessage(string AdverseEventId, DateTimeOffset DueAt)
{
    public const string MessageType = "journey.sae-report-due";
}

/// <summary>An event of an adverse-event case's stream.</summary>
public interface IAdverseEventEvent
{
    string AdverseEventId { get; }

    ProtocolCode Protocol { get; }

    SubjectNumber Subject { get; }
}

public static class AdverseEventStreams
{
    public static string For(string adverseEventId) => $"adverse-event-{adverseEventId}";

    /// <summary>A new case id: 16 hex digits from a random GUID; unique enough and not ordered (tells nothing about counts).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..16];

    public static bool IsValidId(string? id) =>
        id is { Length: >= 4 and <= 40 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
