using TrialOps.AdverseEvents;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Exports.Sdtm;

/// <summary>A controlled-terminology value with its NCI code (for TS's TSVALCD).</summary>
public sealed record CodedTerm(string Value, string? Code);

/// <summary>
/// The CDISC SDTM Controlled Terminology values the export writes (package 2025-03, as in
/// <c>reference/cdisc-ct</c>), with their NCI codes. Only what TrialOps records is mapped; a value
/// outside a codelist is a sponsor extension of an extensible list and is named as such here.
/// </summary>
public static class CdiscTerms
{
    public const string Reference = "CDISC CT";
    public const string Version = "2025-03-28";

    /// <summary>TPHASE (C66737) from the protocol's <c>phase</c>; null when the text maps to no term.</summary>
    public static CodedTerm? Phase(string phase) => phase.Trim().ToUpperInvariant() switch
    {
        "0" or "EARLY 1" => new("EARLY PHASE I", "C54721"),
        "1" or "I" => new("PHASE I TRIAL", "C15600"),
        "1A" or "IA" => new("PHASE IA TRIAL", "C199990"),
        "1B" or "IB" => new("PHASE IB TRIAL", "C199989"),
        "1/2" or "1-2" or "I/II" => new("PHASE I/II TRIAL", "C15693"),
        "2" or "II" => new("PHASE II TRIAL", "C15601"),
        "2A" or "IIA" => new("PHASE IIA TRIAL", "C49686"),
        "2B" or "IIB" => new("PHASE IIB TRIAL", "C49688"),
        "2/3" or "2-3" or "II/III" => new("PHASE II/III TRIAL", "C15694"),
        "3" or "III" => new("PHASE III TRIAL", "C15602"),
        "3A" or "IIIA" => new("PHASE IIIA TRIAL", "C49687"),
        "3B" or "IIIB" => new("PHASE IIIB TRIAL", "C49689"),
        "4" or "IV" => new("PHASE IV TRIAL", "C15603"),
        _ => null,
    };

    /// <summary>TBLIND (C66735).</summary>
    public static CodedTerm Blinding(BlindingLevel level) => level switch
    {
        BlindingLevel.DoubleBlind => new("DOUBLE BLIND", "C15228"),
        BlindingLevel.SingleBlind => new("SINGLE BLIND", "C28233"),
        _ => new("OPEN LABEL", "C49659"),
    };

    /// <summary>INTMODEL (C99076): the only design the protocol format defines.</summary>
    public static CodedTerm CrossOver { get; } = new("CROSS-OVER", "C82637");

    public static CodedTerm Yes { get; } = new("Y", "C49488");

    public static CodedTerm No { get; } = new("N", "C49487");

    public static CodedTerm Placebo { get; } = new("PLACEBO", "C49648");

    public static CodedTerm ActiveControl { get; } = new("ACTIVE", "C49649");

    /// <summary>ROUTE (C66729) codes of the common routes; other terms are written without a code.</summary>
    public static string? RouteCode(string route) => route switch
    {
        "EPIDURAL" => "C38210",
        "INTRAMUSCULAR" => "C28161",
        "INTRATHECAL" => "C38267",
        "INTRAVENOUS" => "C38276",
        "INTRAVENOUS BOLUS" => "C38274",
        "INTRAVENOUS DRIP" => "C38279",
        "NASAL" => "C38284",
        "ORAL" => "C38288",
        "RESPIRATORY (INHALATION)" => "C38216",
        "SUBCUTANEOUS" => "C38299",
        "SUBLINGUAL" => "C38300",
        "TOPICAL" => "C38304",
        "TRANSDERMAL" => "C38305",
        _ => null,
    };

    /// <summary>EXDOSFRM (C66726) for a liquid given by injection or infusion; null for other routes (the protocol does not say).</summary>
    public static string? DoseForm(string route) =>
        route.StartsWith("INTRAVENOUS", StringComparison.Ordinal) || route is "SUBCUTANEOUS" or "INTRAMUSCULAR" or "INTRADERMAL" or "EPIDURAL" or "INTRATHECAL"
            ? "INJECTION, SOLUTION"
            : null;

    /// <summary>AEACN (C66767).</summary>
    public static string ActionTaken(ActionTaken action) => action switch
    {
        AdverseEvents.ActionTaken.DoseNotChanged => "DOSE NOT CHANGED",
        AdverseEvents.ActionTaken.DrugInterrupted => "DRUG INTERRUPTED",
        AdverseEvents.ActionTaken.DrugWithdrawn => "DRUG WITHDRAWN",
        AdverseEvents.ActionTaken.NotApplicable => "NOT APPLICABLE",
        _ => "UNKNOWN",
    };

    /// <summary>AEOUT (C66768).</summary>
    public static string Outcome(AdverseEventOutcome outcome) => outcome switch
    {
        AdverseEventOutcome.RecoveredResolved => "RECOVERED/RESOLVED",
        AdverseEventOutcome.RecoveringResolving => "RECOVERING/RESOLVING",
        AdverseEventOutcome.NotRecoveredNotResolved => "NOT RECOVERED/NOT RESOLVED",
        AdverseEventOutcome.RecoveredResolvedWithSequelae => "RECOVERED/RESOLVED WITH SEQUELAE",
        AdverseEventOutcome.Fatal => "FATAL",
        _ => "UNKNOWN",
    };

    /// <summary>AEREL: sponsor-defined in SDTM (no CDISC codelist); the WHO-UMC categories the investigator chose.</summary>
    public static string? Causality(Causality? causality) => causality switch
    {
        null => null,
        AdverseEvents.Causality.NotRelated => "NOT RELATED",
        AdverseEvents.Causality.Unlikely => "UNLIKELY",
        AdverseEvents.Causality.Possible => "POSSIBLE",
        AdverseEvents.Causality.Probable => "PROBABLE",
        _ => "CERTAIN",
    };

    /// <summary>DSDECOD (NCOMPLT, C66727) for a withdrawal; "OTHER" extends the list (it has no such term).</summary>
    public static string Withdrawal(WithdrawalReason reason) => reason switch
    {
        WithdrawalReason.AdverseEvent => "ADVERSE EVENT",
        WithdrawalReason.WithdrawalBySubject => "WITHDRAWAL BY SUBJECT",
        WithdrawalReason.PhysicianDecision => "PHYSICIAN DECISION",
        WithdrawalReason.LostToFollowUp => "LOST TO FOLLOW-UP",
        WithdrawalReason.ProtocolDeviation => "PROTOCOL DEVIATION",
        WithdrawalReason.Death => "DEATH",
        _ => "OTHER",
    };

    public static string YesNo(bool value) => value ? "Y" : "N";
}
