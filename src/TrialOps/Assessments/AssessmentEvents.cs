using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Assessments;

// Stream participant-<PROTOCOL>-<SUBJECT>. A value's clinical time (when it was measured) is data;
// when it was recorded is the event's recorded-at. Late entry is normal.

/// <summary>Blood pressure, heart rate and oxygen saturation measured together.</summary>
public sealed record VitalSigns(int SystolicMmHg, int DiastolicMmHg, int HeartRatePerMin, int Spo2Percent)
{
    public override string ToString() => $"BP {SystolicMmHg}/{DiastolicMmHg} mmHg, HR {HeartRatePerMin}/min, SpO2 {Spo2Percent}%";
}

/// <summary>A scale assessment (pain VAS, NRS, sedation score) was taken at a scheduled time.</summary>
/// <param name="Period">1-based period.</param>
/// <param name="AssessedAt">Clinical time of the measurement.</param>
/// <param name="AssessmentCode">The protocol's assessment code (<c>PAIN</c>).</param>
/// <param name="Timepoint">The protocol's time after dosing start (<c>PT20M</c>; <c>PT0M</c> is the pre-dose baseline).</param>
/// <param name="Value">Within the protocol's min..max.</param>
/// <param name="Unit">The protocol's unit (<c>mm</c>).</param>
[EventType("assessment.scale-recorded.v1")]
public sealed record ScaleAssessmentRecorded(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string RecordedBy,
    DateTimeOffset AssessedAt,
    string AssessmentCode,
    string Timepoint,
    decimal Value,
    string Unit) : IParticipantEvent;

/// <summary>Vital signs were measured at a scheduled time.</summary>
/// <param name="MeasuredAt">Clinical time of the measurement.</param>
[EventType("assessment.vitals-recorded.v1")]
public sealed record VitalSignsRecorded(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string RecordedBy,
    DateTimeOffset MeasuredAt,
    string AssessmentCode,
    string Timepoint,
    VitalSigns Values) : IParticipantEvent;

/// <summary>A recorded scale value (or its clinical time) was wrong and is corrected; the original stays.</summary>
/// <param name="CorrectedAt">Server time.</param>
[EventType("assessment.scale-corrected.v1", RequiresReason = true)]
public sealed record ScaleAssessmentCorrected(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string CorrectedBy,
    DateTimeOffset CorrectedAt,
    string AssessmentCode,
    string Timepoint,
    decimal Value,
    DateTimeOffset AssessedAt,
    string Reason) : IParticipantEvent;

/// <summary>Recorded vital signs (or their clinical time) were wrong and are corrected; the original stays.</summary>
[EventType("assessment.vitals-corrected.v1", RequiresReason = true)]
public sealed record VitalSignsCorrected(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string CorrectedBy,
    DateTimeOffset CorrectedAt,
    string AssessmentCode,
    string Timepoint,
    VitalSigns Values,
    DateTimeOffset MeasuredAt,
    string Reason) : IParticipantEvent;

/// <summary>
/// Vital signs beyond the protocol's <c>vitalLimits</c> were recorded: the investigator is alerted
/// (message <c>journey.safety-alert</c>) and the participant carries the flag.
/// </summary>
/// <param name="RaisedBy">User id of the person whose entry raised it.</param>
/// <param name="MeasuredAt">Clinical time of the measurement.</param>
/// <param name="Findings">Each limit exceeded, e.g. <c>systolic 190 mmHg above 180</c>.</param>
[EventType("assessment.safety-alert-raised.v1")]
public sealed record SafetyAlertRaised(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string RaisedBy,
    DateTimeOffset MeasuredAt,
    string AssessmentCode,
    string Timepoint,
    VitalSigns Values,
    IReadOnlyList<string> Findings) : IParticipantEvent;

/// <summary>A scheduled assessment the scheduler found not done by its deadline.</summary>
/// <param name="DueAt">Dosing start plus the timepoint.</param>
/// <param name="DeadlineAt">Due time plus the tolerance (<see cref="AssessmentWindows"/>).</param>
public sealed record OverdueAssessment(string AssessmentCode, string Timepoint, DateTimeOffset DueAt, DateTimeOffset DeadlineAt);

/// <summary>
/// The scheduler marked assessments of a period overdue (actor <c>system</c>). A value recorded
/// later is still accepted as a late entry.
/// </summary>
/// <param name="MarkedAt">Server time.</param>
[EventType("assessment.overdue-marked.v1")]
public sealed record AssessmentsMarkedOverdue(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string MarkedBy,
    DateTimeOffset MarkedAt,
    IReadOnlyList<OverdueAssessment> Items) : IParticipantEvent;

/// <summary>
/// A scheduled assessment was not done and will not be (missed, refused, impossible), with the
/// reason the site gives: it leaves the overdue lists and is exported as not done (SDTM
/// <c>--STAT</c>/<c>--REASND</c>). A value found later may still be recorded as a late entry; the
/// value then stands and this record stays in the history.
/// </summary>
/// <param name="RecordedAt">Server time.</param>
/// <param name="Reason">Why it was not done, in the site's words.</param>
[EventType("assessment.not-done.v1")]
public sealed record AssessmentNotDone(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    string AssessmentCode,
    string Timepoint,
    string Reason) : IParticipantEvent;

/// <summary>Payload of the <c>journey.assessments-deadline</c> message: check a period's assessments whose deadline has come.</summary>
[Wolverine.Attributes.MessageIdentity(AssessmentDeadlineMessage.MessageType)]
public sealed record AssessmentDeadlineMessage(ProtocolCode Protocol, SubjectNumber Subject, int Period, DateTimeOffset DeadlineAt)
{
    public const string MessageType = "journey.assessments-deadline";
}

/// <summary>Payload of the <c>journey.safety-alert</c> message to the investigator and the sponsor's safety desk.</summary>
[Wolverine.Attributes.MessageIdentity(SafetyAlertMessage.MessageType)]
public sealed record SafetyAlertMessage(ProtocolCode Protocol, SubjectNumber Subject, int Period, string AssessmentCode, string Timepoint, DateTimeOffset MeasuredAt, IReadOnlyList<string> Findings)
{
    public const string MessageType = "journey.safety-alert";
}

/// <summary>
/// The investigators of the participant's site were notified of a safety alert (written by the bus's
/// <c>journey.safety-alert</c> handler, once per message, actor <c>system</c>): the alert now waits
/// in their worklist until one of them acknowledges it. Stream <c>safety-alerts-&lt;PROTOCOL&gt;</c>.
/// </summary>
/// <param name="Site">The participant's site, whose investigators are notified.</param>
/// <param name="NotifiedAt">Server time.</param>
/// <param name="MeasuredAt">Clinical time of the measurement that raised the alert.</param>
/// <param name="Findings">Each limit exceeded, as in <see cref="SafetyAlertRaised"/>.</param>
[EventType("notification.safety-alert-investigators-notified.v1")]
public sealed record SafetyAlertInvestigatorsNotified(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string Site,
    int Period,
    string AssessmentCode,
    string Timepoint,
    DateTimeOffset MeasuredAt,
    DateTimeOffset NotifiedAt,
    IReadOnlyList<string> Findings);

/// <summary>
/// An investigator of the site acknowledged a safety alert: they have seen it and taken it in hand
/// (what they did is documented where it belongs: an adverse event, a note, a query). The alert
/// leaves the investigators' worklist; it stays on the participant and in the dashboard's safety
/// list. Stream <c>safety-alerts-&lt;PROTOCOL&gt;</c>.
/// </summary>
/// <param name="AlertPosition">Global position of the <see cref="SafetyAlertRaised"/> event acknowledged.</param>
/// <param name="AcknowledgedBy">User id of the investigator.</param>
/// <param name="AcknowledgedAt">Server time.</param>
[EventType("assessment.safety-alert-acknowledged.v1")]
public sealed record SafetyAlertAcknowledged(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    long AlertPosition,
    int Period,
    string AssessmentCode,
    string Timepoint,
    string AcknowledgedBy,
    DateTimeOffset AcknowledgedAt);
