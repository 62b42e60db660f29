using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Dosing;

// Stream participant-<PROTOCOL>-<SUBJECT>. Blinded: the session is described by times, weight,
// kit number and volumes only. The dose in the treatment's unit is computed for the pharmacist
// from the weight, the allocation and the protocol (DoseCalculator); it is never stored here,
// because an amount in mg or mL, or a cap, would tell the bedside team which arm this is.

/// <summary>The participant's weight was measured for a period's dosing session.</summary>
/// <param name="Period">1-based period.</param>
/// <param name="MeasuredAt">Clinical time of the measurement.</param>
/// <param name="WeightKg">Body weight in kilograms, as weighed.</param>
[EventType("dosing.weight-recorded.v1")]
public sealed record SessionWeightRecorded(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string RecordedBy,
    DateTimeOffset MeasuredAt,
    decimal WeightKg) : IParticipantEvent;

/// <summary>A session weight was recorded wrongly and is corrected; the original stays in the stream.</summary>
/// <param name="CorrectedAt">Server time.</param>
[EventType("dosing.weight-corrected.v1", RequiresReason = true)]
public sealed record SessionWeightCorrected(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string CorrectedBy,
    DateTimeOffset CorrectedAt,
    decimal WeightKg,
    DateTimeOffset MeasuredAt,
    string Reason) : IParticipantEvent;

/// <summary>
/// The unblinded pharmacist prepared the period's kit and a second person checked it (four-eyes
/// principle). Names the kit, not its content.
/// </summary>
/// <param name="PreparedBy">User id of the pharmacist.</param>
/// <param name="PreparedAt">Clinical time of preparation.</param>
/// <param name="Kit">The kit number on the syringe or bag; the one randomization assigned to this period.</param>
/// <param name="CheckedBy">
/// User id of the second person who checked the preparation; never the preparer. Since the double
/// check is a signature (ADR 0020) this is an active Pharmacist account whose password (and
/// second-factor code, where enabled) was checked when the preparation was recorded; in events
/// recorded before that, it is the name the pharmacist typed and <see cref="CheckMeaning"/> is null.
/// </param>
/// <param name="WeightKg">The session weight the dose was calculated from.</param>
/// <param name="CheckMeaning">The meaning of the checker's signature, <see cref="DoseCheck.Verified"/>; null in events recorded before the double check was signed.</param>
/// <param name="CheckSignedAt">Server time the checker signed; null in events recorded before the double check was signed.</param>
[EventType("dosing.dose-prepared.v1")]
public sealed record DosePrepared(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string PreparedBy,
    DateTimeOffset PreparedAt,
    KitNumber Kit,
    string CheckedBy,
    decimal WeightKg,
    string? CheckMeaning = null,
    DateTimeOffset? CheckSignedAt = null) : IParticipantEvent
{
    /// <summary>Whether the second check was signed by the checker (not just named). A method, so that it is not stored.</summary>
    public bool IsCheckSigned() => CheckMeaning is not null;
}

/// <summary>Administration of the period's study treatment started.</summary>
/// <param name="StartedAt">Clinical time; assessment times count from here.</param>
[EventType("dosing.started.v1")]
public sealed record DosingStarted(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string RecordedBy,
    DateTimeOffset StartedAt) : IParticipantEvent;

/// <summary>The running administration was interrupted.</summary>
[EventType("dosing.interrupted.v1")]
public sealed record DosingInterrupted(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string RecordedBy,
    DateTimeOffset InterruptedAt,
    string Reason) : IParticipantEvent;

/// <summary>An interrupted administration was resumed.</summary>
[EventType("dosing.resumed.v1")]
public sealed record DosingResumed(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string RecordedBy,
    DateTimeOffset ResumedAt) : IParticipantEvent;

/// <summary>The pump rate was changed (in mL/h, as the bedside pump shows it).</summary>
[EventType("dosing.rate-changed.v1")]
public sealed record InfusionRateChanged(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string RecordedBy,
    DateTimeOffset ChangedAt,
    decimal RateMlPerHour,
    string Reason) : IParticipantEvent;

/// <summary>Administration of the period's study treatment ended; the washout runs from here.</summary>
/// <param name="StoppedAt">Clinical time.</param>
/// <param name="Completed">True when the whole dose was given; false for an early stop.</param>
/// <param name="EarlyStopReason">Why it stopped early; null when completed.</param>
/// <param name="ShortInfusionReason">
/// Why a complete administration took much less time than planned (less than
/// <see cref="DosingRules.ShortInfusionFraction"/> of the shortest planned duration, interruptions
/// not counted), confirmed by the person recording it; null otherwise and in events recorded before
/// the rule existed.
/// </param>
[EventType("dosing.stopped.v1")]
public sealed record DosingStopped(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string RecordedBy,
    DateTimeOffset StoppedAt,
    bool Completed,
    string? EarlyStopReason,
    string? ShortInfusionReason = null) : IParticipantEvent;

/// <summary>A recorded dosing start time was wrong and is corrected; the original stays.</summary>
[EventType("dosing.start-corrected.v1", RequiresReason = true)]
public sealed record DosingStartCorrected(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string CorrectedBy,
    DateTimeOffset CorrectedAt,
    DateTimeOffset StartedAt,
    string Reason) : IParticipantEvent;

/// <summary>A recorded dosing stop time was wrong and is corrected; the original stays. The washout moves with it.</summary>
[EventType("dosing.stop-corrected.v1", RequiresReason = true)]
public sealed record DosingStopCorrected(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string CorrectedBy,
    DateTimeOffset CorrectedAt,
    DateTimeOffset StoppedAt,
    string Reason) : IParticipantEvent;

/// <summary>
/// The session weight was corrected after the dose was prepared, and the pharmacist prepared the
/// dose anew for the weight in force, checked by a second pharmacist who signed the check as for
/// <see cref="DosePrepared"/> (ADR 0020). From here on this is the preparation in force; the
/// earlier <see cref="DosePrepared"/> stays in the stream.
/// </summary>
/// <param name="PreparedBy">User id of the pharmacist who prepared the dose anew.</param>
/// <param name="PreparedAt">Clinical time of the new preparation.</param>
/// <param name="Kit">The period's kit, the one randomization assigned.</param>
/// <param name="CheckedBy">User id of the second pharmacist who signed the check; never the preparer.</param>
/// <param name="WeightKg">The corrected session weight the new dose was calculated from.</param>
/// <param name="ReplacedWeightKg">The weight the replaced preparation was calculated from.</param>
/// <param name="CheckMeaning">The meaning of the checker's signature, <see cref="DoseCheck.Verified"/>.</param>
/// <param name="CheckSignedAt">Server time the checker signed.</param>
/// <param name="Reason">Why the dose was prepared anew (what the pharmacist did with the first one).</param>
[EventType("dosing.preparation-replaced.v1", RequiresReason = true)]
public sealed record DosePreparationReplaced(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string PreparedBy,
    DateTimeOffset PreparedAt,
    KitNumber Kit,
    string CheckedBy,
    decimal WeightKg,
    decimal ReplacedWeightKg,
    string CheckMeaning,
    DateTimeOffset CheckSignedAt,
    string Reason) : IParticipantEvent;

/// <summary>
/// The session weight was corrected after the dose was prepared, and the pharmacist confirmed that
/// the dose already prepared is right for the corrected weight (a fixed dose, or a difference
/// within the protocol's rounding), checked by a second pharmacist who signed the check as for
/// <see cref="DosePrepared"/> (ADR 0020). The preparation itself, and the weight it was
/// calculated from, do not change.
/// </summary>
/// <param name="ConfirmedBy">User id of the pharmacist who confirmed the preparation.</param>
/// <param name="ConfirmedAt">Server time.</param>
/// <param name="WeightKg">The corrected session weight the preparation is confirmed for.</param>
/// <param name="PreparedForWeightKg">The weight the preparation in force was calculated from.</param>
/// <param name="CheckedBy">User id of the second pharmacist who signed the check; never the confirming pharmacist.</param>
/// <param name="CheckMeaning">The meaning of the checker's signature, <see cref="DoseCheck.Verified"/>.</param>
/// <param name="CheckSignedAt">Server time the checker signed.</param>
/// <param name="Reason">Why the prepared dose is right for the corrected weight.</param>
[EventType("dosing.preparation-confirmed.v1", RequiresReason = true)]
public sealed record DosePreparationConfirmed(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string ConfirmedBy,
    DateTimeOffset ConfirmedAt,
    decimal WeightKg,
    decimal PreparedForWeightKg,
    string CheckedBy,
    string CheckMeaning,
    DateTimeOffset CheckSignedAt,
    string Reason) : IParticipantEvent;
