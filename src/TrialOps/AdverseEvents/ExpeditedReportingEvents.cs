using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.AdverseEvents;

// Expedited safety reporting (ICH E2A, 21 CFR 312.32, EU CTR Art. 42; ADR 0026). On the
// adverse-event case's stream. Blinded: nothing here names a treatment, except that a safety
// officer looked (SusarTreatmentRevealed records who and when, never what was seen).

/// <summary>Whether a reaction is listed in the reference safety information (the protocol's <c>safety.expectedTerms</c>).</summary>
public enum Expectedness
{
    Expected,
    Unexpected,
}

/// <summary>Which expedited report of a SUSAR: the initial one, or the follow-up a fatal or life-threatening one needs.</summary>
public enum SusarReportKind
{
    Initial,
    FollowUp,
}

/// <summary>
/// The sponsor's medical monitor judged whether a serious adverse event the Investigator judged
/// related was expected from the reference safety information. Serious + related + unexpected is a
/// SUSAR and starts the expedited report clock.
/// </summary>
/// <param name="AssessedAt">Server time.</param>
/// <param name="Expectedness">The monitor's decision.</param>
/// <param name="Suggested">What the protocol's expected terms suggested for the event's MedDRA code.</param>
/// <param name="MeddraCode">The event's MedDRA code the suggestion was made for.</param>
/// <param name="MatchedTerm">The expected term that matched, or null when none did.</param>
/// <param name="Reason">Required when <paramref name="Expectedness"/> differs from <paramref name="Suggested"/>.</param>
[EventType("adverse-event.expectedness-assessed.v1")]
public sealed record AdverseEventExpectednessAssessed(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string AssessedBy,
    DateTimeOffset AssessedAt,
    Expectedness Expectedness,
    Expectedness Suggested,
    int MeddraCode,
    int? MatchedTerm,
    string? Reason) : IAdverseEventEvent;

/// <summary>
/// The medical monitor changed an earlier expectedness decision (the first assessment was wrong,
/// the reference safety information changed, or the event's term was corrected), with the reason.
/// The first assessment and every earlier re-assessment stay. Expected → unexpected on a serious
/// related event starts the SUSAR clock with this day as day 0; unexpected → expected stops an open
/// clock (reports already submitted stay recorded). Blinded like the assessment.
/// </summary>
/// <param name="ReassessedAt">Server time; its UTC day is day 0 of a clock this re-assessment starts.</param>
/// <param name="Expectedness">The monitor's new decision.</param>
/// <param name="Previous">The decision it replaces (the same value when the re-assessment confirmed it after the reference safety information changed for the term).</param>
/// <param name="Suggested">What the protocol's expected terms suggest for the event's MedDRA code now.</param>
/// <param name="MeddraCode">The event's MedDRA code at the re-assessment.</param>
/// <param name="MatchedTerm">The expected term that matched, or null when none did.</param>
/// <param name="Reason">Why the decision changed (always given).</param>
[EventType("adverse-event.expectedness-reassessed.v1", RequiresReason = true)]
public sealed record AdverseEventExpectednessReassessed(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string ReassessedBy,
    DateTimeOffset ReassessedAt,
    Expectedness Expectedness,
    Expectedness Previous,
    Expectedness Suggested,
    int MeddraCode,
    int? MatchedTerm,
    string Reason) : IAdverseEventEvent;

/// <summary>The safety officer recorded that an expedited report of a SUSAR was submitted to a regulatory authority.</summary>
/// <param name="RecordedAt">Server time.</param>
/// <param name="SubmittedOn">The calendar day of the submission.</param>
/// <param name="Authority">The authority it went to (e.g. "FDA", "EMA EudraVigilance", a national competent authority).</param>
/// <param name="Reference">The authority's or the safety database's case reference, if any.</param>
/// <param name="Text">What was submitted, in short.</param>
/// <param name="DueOn">The last calendar day the report was due on, when a deadline applied.</param>
/// <param name="Late">Submitted after <paramref name="DueOn"/>.</param>
[EventType("adverse-event.susar-report-submitted.v1")]
public sealed record SusarReportSubmitted(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string SubmittedBy,
    DateTimeOffset RecordedAt,
    SusarReportKind Kind,
    DateOnly SubmittedOn,
    string Authority,
    string? Reference,
    string? Text,
    DateOnly? DueOn,
    bool Late) : IAdverseEventEvent;

/// <summary>The scheduler found an expedited SUSAR report not submitted by the end of its due day (actor <c>system</c>); recorded once per report.</summary>
[EventType("adverse-event.susar-report-overdue.v1")]
public sealed record SusarReportOverdue(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string MarkedBy,
    DateTimeOffset MarkedAt,
    SusarReportKind Kind,
    DateOnly DueOn) : IAdverseEventEvent;

/// <summary>
/// The sponsor's safety officer opened the treatment of the period of onset of this SUSAR case
/// (for the regulatory report, which must say whether the participant was on active treatment).
/// Records who and when; what was seen is not in the event, so blinded readers of the case learn
/// nothing from it.
/// </summary>
[EventType("adverse-event.susar-treatment-revealed.v1")]
public sealed record SusarTreatmentRevealed(
    string AdverseEventId,
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string RevealedBy,
    DateTimeOffset RevealedAt,
    string Reason) : IAdverseEventEvent;

/// <summary>Payload of the <c>journey.susar-report-due</c> message, scheduled for the end of a SUSAR report's due day.</summary>
[Wolverine.Attributes.MessageIdentity(MessageType)]
public sealed record SusarReportDueMessage(string AdverseEventId, SusarReportKind Kind, DateOnly DueOn)
{
    public const string MessageType = "journey.susar-report-due";
}

/// <summary>Payload of the <c>notification.susar-report-overdue</c> message: the sponsor's safety contacts are told a SUSAR report is overdue.</summary>
[Wolverine.Attributes.MessageIdentity(MessageType)]
public sealed record SusarReportOverdueNotification(ProtocolCode Protocol, string AdverseEventId, string ParticipantId, SusarReportKind Kind, DateOnly DueOn)
{
    public const string MessageType = "notification.susar-report-overdue";
}
