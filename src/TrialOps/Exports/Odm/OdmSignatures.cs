using TrialOps.Blinding;
using TrialOps.Cdisc;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Signatures;

namespace TrialOps.Exports.Odm;

/// <summary>
/// One electronic signature an event records: its kind (a SignatureDef OID) and the signer. Its
/// time in the file is the event's recorded time, the same instant as its AuditRecord: the time
/// the event itself names (LockedAt, PerformedAt) is read from the same server clock a few
/// milliseconds earlier, before the write, and ODM 1.3.2 §2.10 wants an element's AuditRecord and
/// Signature in time order, the AuditRecord first.
/// </summary>
public sealed record OdmSigning(string SignatureOid, string SignedBy);

/// <summary>
/// A signed action on the whole trial (database lock, lifting of the lock, trial unblinding) with
/// the event that recorded it and the reason, where one was given.
/// </summary>
public sealed record OdmTrialAction(StoredEvent Source, OdmSigning Signing, string? Reason);

/// <summary>
/// The kinds of Part 11 electronic signature TrialOps records (each re-enters the password; the
/// event names who signed and when), as ODM SignatureDefs: Methodology Electronic, a Meaning and
/// the responsibility the signer accepts (21 CFR Part 11 §11.50: a signature shows its meaning).
/// </summary>
public static class OdmSignatures
{
    public const string CodeBreak = "SD.CODEBREAK";
    public const string Lock = "SD.LOCK";
    public const string Unlock = "SD.UNLOCK";
    public const string Unblind = "SD.UNBLIND";
    public const string Eligibility = "SD.ELIGIBILITY";
    public const string Causality = "SD.CAUSALITY";
    public const string Casebook = "SD.CASEBOOK";
    public const string DoseCheck = "SD.DOSECHECK";

    /// <summary>A signature of a record TrialOps does not sign today, by its meaning alone (<see cref="SignatureMeanings"/>): SD.REVIEWED, SD.APPROVED, …</summary>
    public static string ByMeaning(string meaning) =>
        "SD." + new string(meaning.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>Every kind, in the order AdminData lists those a file uses.</summary>
    public static IReadOnlyList<OdmSignatureDef> All { get; } =
    [
        new(CodeBreak, OdmSignatureMethod.Electronic, "Emergency unblinding",
            "The investigator confirms that the participant's safety required revealing their treatment allocation and accepts responsibility for breaking the blind for the justification recorded."),
        new(Lock, OdmSignatureMethod.Electronic, "Database lock",
            "The signer confirms that the clinical data of the trial is complete for analysis and accepts responsibility for locking it against any change."),
        new(Unlock, OdmSignatureMethod.Electronic, "Lifting of the database lock",
            "The signer accepts responsibility for making the locked clinical data changeable again, for the reason recorded."),
        new(Unblind, OdmSignatureMethod.Electronic, "Trial unblinding",
            "The signer confirms that the database is locked and accepts responsibility for revealing every participant's treatment allocation for analysis."),
        new(Eligibility, OdmSignatureMethod.Electronic, "Approved: eligibility",
            "The Investigator has reviewed and approves the participant's eligibility decision and the informed consent it rests on, as recorded at the time of signing."),
        new(Causality, OdmSignatureMethod.Electronic, "Approved: causality of an adverse event",
            "The Investigator has reviewed and approves the causality judgement of this adverse event, and the event as recorded at the time of signing."),
        new(Casebook, OdmSignatureMethod.Electronic, "Approved: complete casebook",
            "The Investigator has reviewed the participant's complete casebook and approves it as a complete and accurate record of the participant's data at the time of signing."),
        new(DoseCheck, OdmSignatureMethod.Electronic, "Verified: second check of the dose preparation",
            "A second pharmacist verified that the prepared kit and the dose calculated from the session weight are the ones recorded, and accepts responsibility for the check."),
        .. SignatureMeanings.All.Select(meaning => new OdmSignatureDef(ByMeaning(meaning), OdmSignatureMethod.Electronic, $"Signed: {meaning}",
            $"The signer's electronic signature, with the meaning \"{meaning}\", binds them to the record signed as it was at the time of signing.")),
    ];

    /// <summary>The SignatureDef of a sign-off or other signature recorded on a participant's or an adverse event's stream.</summary>
    public static string KindOf(RecordSigned signed) => signed.Record switch
    {
        SignedRecords.Eligibility => Eligibility,
        SignedRecords.Causality => Causality,
        SignedRecords.Casebook => Casebook,
        _ => ByMeaning(signed.Meaning),
    };

    /// <summary>The signature a sign-off records: the signer's.</summary>
    public static OdmSigning Of(RecordSigned signed) => new(KindOf(signed), signed.SignedBy);

    /// <summary>The second pharmacist's signed check of a preparation, or null when the checker was only named (older events).</summary>
    public static OdmSigning? Of(DosePrepared prepared) => prepared.IsCheckSigned() ? new OdmSigning(DoseCheck, prepared.CheckedBy) : null;

    /// <summary>The second pharmacist's signed check of a dose prepared anew for a corrected weight (ADR 0020).</summary>
    public static OdmSigning Of(DosePreparationReplaced replaced) => new(DoseCheck, replaced.CheckedBy);

    /// <summary>The second pharmacist's signed check of a dose confirmed for a corrected weight (ADR 0020).</summary>
    public static OdmSigning Of(DosePreparationConfirmed confirmed) => new(DoseCheck, confirmed.CheckedBy);

    /// <summary>The signature an emergency code break carries.</summary>
    public static OdmSigning Of(EmergencyUnblindingPerformed performed) => new(CodeBreak, performed.PerformedBy);

    /// <summary>The trial-level signed action a protocol-stream event records, or null for any other event.</summary>
    public static OdmTrialAction? TrialAction(StoredEvent stored) => stored.Data switch
    {
        TrialLocked e => new OdmTrialAction(stored, new OdmSigning(Lock, e.LockedBy), null),
        TrialUnlocked e => new OdmTrialAction(stored, new OdmSigning(Unlock, e.UnlockedBy), e.Reason),
        TrialUnblinded e => new OdmTrialAction(stored, new OdmSigning(Unblind, e.UnblindedBy), null),
        _ => null,
    };
}
