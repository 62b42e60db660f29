using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Blinding;
using TrialOps.Participants;
using TrialOps.Queries;
using TrialOps.SourceVerification;

namespace TrialOps.Signatures;

/// <summary>
/// The records an Investigator signs off (ADR 0025), as stored in <see cref="RecordSigned.Record"/>,
/// and which later events on the signed stream change each of them.
/// </summary>
public static class SignedRecords
{
    /// <summary>A participant's eligibility decision, with the consent it rests on.</summary>
    public const string Eligibility = "eligibility";

    /// <summary>The causality judgement of an adverse event, with the event it judges.</summary>
    public const string Causality = "causality";

    /// <summary>A participant's whole casebook, once every period is complete.</summary>
    public const string Casebook = "casebook";

    /// <summary>
    /// Whether <paramref name="later"/>, appended after the signed version, changes what
    /// <paramref name="signed"/> signed. Signatures never do. An eligibility sign-off changes with a
    /// corrected consent or demographics; a causality sign-off with a corrected or newly judged case;
    /// a casebook with any recorded fact except monitoring (queries, source data verification) and
    /// bookkeeping (overdue marks). A signed lock ends with the next unlock and a signed unlock with
    /// the next lock: the state signed no longer holds. The trial's unblinding and a code break are
    /// acts that nothing undoes: later events of their stream (the lock's own history, other
    /// participants' allocations) leave them current (ADR 0023). Any other signed action changes
    /// with any later event of its stream.
    /// </summary>
    public static bool Changes(RecordSigned signed, object? signedEvent, object later) =>
        later is not RecordSigned && signed.Record switch
        {
            Eligibility => later is ConsentCorrected or DemographicsCorrected or EligibilityConfirmed or ParticipantScreenFailed,
            Causality => later is AdverseEventCorrected or AdverseEventCausalityAssessed,
            Casebook => ChangesCasebook(later),
            _ => signedEvent switch
            {
                TrialLocked => later is TrialUnlocked,
                TrialUnlocked => later is TrialLocked,
                TrialUnblinded or EmergencyUnblindingPerformed => false,
                _ => true,
            },
        };

    /// <summary>A recorded fact of the participant; not monitoring, bookkeeping or a signature.</summary>
    public static bool ChangesCasebook(object later) =>
        later is not (RecordSigned or IQueryEvent or SourceDataVerified or AssessmentsMarkedOverdue);
}
