using TrialOps.EventStore;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Participants;

// Stream participant-<PROTOCOL>-<SUBJECT>. Blinded: no event of this stream names a treatment,
// a sequence or a list entry; a blinded person may read every one of them (DESIGN.md §6).

/// <summary>
/// A person gave written informed consent and was screened: they now have a subject number.
/// </summary>
/// <param name="Protocol">With <paramref name="Subject"/>, names the stream.</param>
/// <param name="ScreenedBy">User id of the coordinator or investigator.</param>
/// <param name="ScreenedAt">Server time of the screening record.</param>
/// <param name="Site">The site code (also the prefix of the subject number).</param>
/// <param name="ProtocolVersion">The protocol version in force at screening.</param>
/// <param name="ConsentDate">The date the participant signed the consent form (clinical date).</param>
/// <param name="ConsentFormVersion">The version of the consent form signed (as printed on it).</param>
[EventType("participant.screened.v1")]
public sealed record ParticipantScreened(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string ScreenedBy,
    DateTimeOffset ScreenedAt,
    string Site,
    int ProtocolVersion,
    DateOnly ConsentDate,
    string ConsentFormVersion) : IParticipantEvent;

public enum CriterionKind
{
    Inclusion,
    Exclusion,
}

/// <summary>One answered item of the protocol's eligibility checklist.</summary>
/// <param name="Met">
/// True when the criterion applies to the participant: an inclusion criterion is satisfied, or an
/// exclusion criterion is present (which makes the participant ineligible).
/// </param>
public sealed record CriterionAnswer(string Code, CriterionKind Kind, bool Met)
{
    public bool Fails => Kind == CriterionKind.Inclusion ? !Met : Met;
}

/// <summary>
/// An investigator answered every inclusion and exclusion criterion of the protocol and confirmed
/// the result.
/// </summary>
/// <param name="ConfirmedBy">User id of the investigator.</param>
/// <param name="ConfirmedAt">Server time.</param>
/// <param name="Answers">Every criterion of the protocol version in force, in protocol order.</param>
/// <param name="Eligible">True when no criterion fails.</param>
/// <param name="FailedCriteria">Codes of the failing criteria (unmet inclusions, present exclusions).</param>
[EventType("participant.eligibility-confirmed.v1")]
public sealed record EligibilityConfirmed(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string ConfirmedBy,
    DateTimeOffset ConfirmedAt,
    int ProtocolVersion,
    IReadOnlyList<CriterionAnswer> Answers,
    bool Eligible,
    IReadOnlyList<string> FailedCriteria) : IParticipantEvent;

/// <summary>The participant did not meet the eligibility criteria and leaves the trial before randomization.</summary>
/// <param name="FailedCriteria">Codes of the criteria that failed.</param>
[EventType("participant.screen-failed.v1")]
public sealed record ParticipantScreenFailed(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    IReadOnlyList<string> FailedCriteria) : IParticipantEvent;

/// <summary>The kit (syringe or bag number) prepared for one period.</summary>
public sealed record PeriodKit(int Period, KitNumber Kit);

/// <summary>
/// The participant was randomized: they hold one entry of their stratum's list, recorded on the
/// list's stream in the same transaction. This event is blinded by construction: it holds the
/// period numbers and the kit numbers (drawn at random) only; which sequence, and so which
/// treatment in which period, stays on the randomization stream.
/// </summary>
/// <param name="RandomizedBy">User id of the coordinator or investigator.</param>
/// <param name="RandomizedAt">Server time.</param>
/// <param name="Stratum">The list the allocation is in (the site code, or <c>ALL</c>).</param>
/// <param name="Periods">One kit per period, in period order.</param>
/// <param name="RandomizationDate">
/// The clinical date of randomization the site recorded (SDTM DS RANDOMIZED DSSTDTC, ADSL RANDDT);
/// null in events recorded before the field existed, where the date of <paramref name="RandomizedAt"/> stands.
/// </param>
[EventType("participant.randomized.v1")]
public sealed record ParticipantRandomized(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string RandomizedBy,
    DateTimeOffset RandomizedAt,
    string Stratum,
    IReadOnlyList<PeriodKit> Periods,
    DateOnly? RandomizationDate = null) : IParticipantEvent;

public static class ParticipantRandomizedDates
{
    /// <summary>The clinical date of randomization: as the site recorded it, else (older events) the recording date.</summary>
    public static DateOnly ClinicalDate(this ParticipantRandomized randomized) =>
        randomized.RandomizationDate ?? DateOnly.FromDateTime(randomized.RandomizedAt.UtcDateTime);
}

/// <summary>
/// The consent date or form version was recorded wrongly and is corrected. The original stays in
/// the stream (Part 11 §11.10(e)); the reason is also in the metadata.
/// </summary>
/// <param name="CorrectedAt">Server time.</param>
[EventType("participant.consent-corrected.v1", RequiresReason = true)]
public sealed record ConsentCorrected(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string CorrectedBy,
    DateTimeOffset CorrectedAt,
    DateOnly ConsentDate,
    string ConsentFormVersion,
    string Reason) : IParticipantEvent;

/// <summary>
/// The participant's demographics, as the site recorded them at screening: the date of birth or
/// the age in years (as the protocol collects), and CDISC SEX, RACE and ETHNIC terms.
/// </summary>
/// <param name="RecordedAt">Server time.</param>
[EventType("participant.demographics-recorded.v1")]
public sealed record DemographicsRecorded(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    DateOnly? BirthDate,
    int? AgeYears,
    string Sex,
    string Race,
    string Ethnicity) : IParticipantEvent;

/// <summary>Recorded demographics were wrong and are corrected; the original stays in the stream.</summary>
/// <param name="CorrectedAt">Server time.</param>
[EventType("participant.demographics-corrected.v1", RequiresReason = true)]
public sealed record DemographicsCorrected(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string CorrectedBy,
    DateTimeOffset CorrectedAt,
    DateOnly? BirthDate,
    int? AgeYears,
    string Sex,
    string Race,
    string Ethnicity,
    string Reason) : IParticipantEvent;

/// <summary>Why a participant left the trial early (CDISC DS disposition terms).</summary>
public enum WithdrawalReason
{
    AdverseEvent,
    WithdrawalBySubject,
    PhysicianDecision,
    LostToFollowUp,
    ProtocolDeviation,
    Death,
    Other,
}

/// <summary>The participant left the trial before completing every period. Nothing further is scheduled.</summary>
/// <param name="WithdrawnAt">When the participant withdrew or was withdrawn (clinical time).</param>
/// <param name="Reason">The disposition category.</param>
/// <param name="Details">Free-text explanation.</param>
[EventType("participant.withdrawn.v1")]
public sealed record ParticipantWithdrawn(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string WithdrawnBy,
    DateTimeOffset WithdrawnAt,
    WithdrawalReason Reason,
    string Details) : IParticipantEvent;

/// <summary>The participant completed every period of the trial.</summary>
/// <param name="CompletedAt">Clinical time of the end of participation (usually the last assessment).</param>
[EventType("participant.completed.v1")]
public sealed record ParticipantCompleted(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string RecordedBy,
    DateTimeOffset CompletedAt,
    int PeriodsCompleted) : IParticipantEvent;

/// <summary>
/// Something happened that the protocol does not allow and was recorded as such, with an
/// investigator's reason (for example a dose given before the washout had elapsed).
/// </summary>
/// <param name="ApprovedBy">User id of the investigator who recorded it.</param>
/// <param name="OccurredAt">Clinical time of the deviation.</param>
/// <param name="Kind">A stable code (<see cref="ProtocolDeviationKinds"/>).</param>
/// <param name="Description">What the rule was and how it was broken.</param>
/// <param name="Reason">The investigator's justification.</param>
[EventType("participant.protocol-deviation-recorded.v1")]
public sealed record ProtocolDeviationRecorded(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    string ApprovedBy,
    DateTimeOffset OccurredAt,
    string Kind,
    string Description,
    string Reason) : IParticipantEvent;

public static class ProtocolDeviationKinds
{
    public const string WashoutNotElapsed = "washout-not-elapsed";
}

/// <summary>An event of a participant's stream; names the stream by its protocol and subject number.</summary>
public interface IParticipantEvent
{
    ProtocolCode Protocol { get; }

    SubjectNumber Subject { get; }
}
