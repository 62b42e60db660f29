namespace TrialOps.Exports.Define;

/// <summary>What define.xml says about one dataset: SDTM class, structure (one record per …) and keys.</summary>
/// <param name="Purpose">Define-XML's Purpose: Tabulation (SDTM) or Analysis (ADaM).</param>
public sealed record DatasetMetadata(string Class, string Structure, IReadOnlyList<string> Keys, bool Repeating, bool IsReferenceData, string Purpose = "Tabulation");

/// <summary>
/// A codelist a variable is controlled by: CDISC CT (<paramref name="NciCode"/>, terms in
/// <see cref="ControlledTerms"/>), a sponsor list (no code), or an external dictionary.
/// </summary>
/// <param name="Decode">The variable whose value decodes this one in the same row (TESTCD → TEST), or null.</param>
public sealed record CodeListSpec(string Oid, string Name, string? NciCode, string? Decode = null, string? ExternalDictionary = null, string? ExternalVersion = null);

/// <summary>A derivation (def:Origin Derived) described in define.xml's MethodDef.</summary>
public sealed record MethodSpec(string Oid, string Name, string Description);

/// <summary>A variable's origin in define.xml, with the method when it is derived.</summary>
public sealed record VariableOrigin(string Type, MethodSpec? Method = null, string? Description = null);

/// <summary>
/// The Define-XML 2.0 metadata of the SDTM datasets TrialOps writes: SDTMIG classes, structures and
/// keys, each variable's origin and codelist, and the derivations. Nothing here depends on the
/// allocation: a blinded define.xml gets its values only from the blinded datasets.
/// </summary>
public static class SdtmMetadata
{
    public const string StandardName = "SDTM-IG";
    public const string StandardVersion = "3.4";

    public static IReadOnlyDictionary<string, DatasetMetadata> Datasets { get; } = new Dictionary<string, DatasetMetadata>(StringComparer.Ordinal)
    {
        ["TA"] = new("TRIAL DESIGN", "One record per planned Element per Arm", ["STUDYID", "ARMCD", "TAETORD"], true, true),
        ["TE"] = new("TRIAL DESIGN", "One record per planned Element", ["STUDYID", "ETCD"], true, true),
        ["TV"] = new("TRIAL DESIGN", "One record per planned Visit per Arm", ["STUDYID", "VISITNUM", "ARMCD"], true, true),
        ["TS"] = new("TRIAL DESIGN", "One record per trial summary parameter value", ["STUDYID", "TSPARMCD", "TSSEQ"], true, true),
        ["DM"] = new("SPECIAL PURPOSE", "One record per subject", ["STUDYID", "USUBJID"], false, false),
        ["SE"] = new("SPECIAL PURPOSE", "One record per actual Element per subject", ["STUDYID", "USUBJID", "ETCD", "SESTDTC"], true, false),
        ["SV"] = new("SPECIAL PURPOSE", "One record per actual visit per subject", ["STUDYID", "USUBJID", "VISITNUM"], true, false),
        ["EX"] = new("INTERVENTIONS", "One record per constant dosing interval per subject", ["STUDYID", "USUBJID", "EXTRT", "EXSTDTC"], true, false),
        ["AE"] = new("EVENTS", "One record per adverse event per subject", ["STUDYID", "USUBJID", "AETERM", "AESTDTC"], true, false),
        ["VS"] = new("FINDINGS", "One record per vital sign measurement per time point per visit per subject", ["STUDYID", "USUBJID", "VSTESTCD", "VISITNUM", "VSTPTNUM"], true, false),
        ["QS"] = new("FINDINGS", "One record per question per time point per visit per subject", ["STUDYID", "USUBJID", "QSCAT", "QSTESTCD", "VISITNUM", "QSTPTNUM"], true, false),
        ["DS"] = new("EVENTS", "One record per disposition status or protocol milestone per subject", ["STUDYID", "USUBJID", "DSDECOD", "DSSTDTC"], true, false),
        ["TI"] = new("TRIAL DESIGN", "One record per I/E criterion", ["STUDYID", "IETESTCD"], true, true),
        ["EC"] = new("INTERVENTIONS", "One record per constant dosing interval per subject", ["STUDYID", "USUBJID", "ECTRT", "ECSTDTC"], true, false),
        ["IE"] = new("FINDINGS", "One record per inclusion/exclusion criterion not met per subject", ["STUDYID", "USUBJID", "IETESTCD"], true, false),
        ["DV"] = new("EVENTS", "One record per protocol deviation per subject", ["STUDYID", "USUBJID", "DVTERM", "DVSTDTC"], true, false),
        ["SUPPAE"] = Supplemental,
        ["SUPPDS"] = Supplemental,
        ["SUPPDV"] = Supplemental,
        ["SUPPEC"] = Supplemental,
        ["SUPPEX"] = Supplemental,
    };

    private static DatasetMetadata Supplemental => new("RELATIONSHIP", "One record per supplemental qualifier per related parent domain record", ["STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM"], true, false);

    /// <summary>Findings datasets whose results get value-level metadata by test code.</summary>
    public static IReadOnlyDictionary<string, (string TestCode, IReadOnlyList<string> Results)> ValueLevel { get; } =
        new Dictionary<string, (string, IReadOnlyList<string>)>(StringComparer.Ordinal)
        {
            ["VS"] = ("VSTESTCD", ["VSORRES", "VSSTRESC", "VSSTRESN"]),
            ["QS"] = ("QSTESTCD", ["QSORRES", "QSSTRESC", "QSSTRESN"]),
        };

    public static MethodSpec StudyDay { get; } = new("MT.STUDYDAY", "Study day",
        "Study day of the date part of the variable's --DTC relative to DM.RFSTDTC (the start of the first dose): the date minus RFSTDTC plus 1 on or after RFSTDTC, the date minus RFSTDTC before it; there is no day 0. Missing when either date is missing or partial.");

    public static MethodSpec Epoch { get; } = new("MT.EPOCH", "Epoch",
        "EPOCH of the subject element (SE) in which the record's date/time falls: SCREENING before the first dose, TREATMENT n from the start of dosing in period n to the end of its observation, WASHOUT n up to the next period's dosing, FOLLOW-UP after the last treatment element. A date-only onset takes the epoch of the period the site recorded.");

    public static MethodSpec Age { get; } = new("MT.AGE", "Age at informed consent",
        "Completed years from BRTHDTC to RFICDTC (the date of informed consent); where the protocol collects age in years instead of a date of birth, the age as collected.");

    public static MethodSpec Sequence { get; } = new("MT.SEQ", "Sequence number",
        "Sequential number of the record within the subject, in the dataset's sort order (by time, then planned order).");

    public static MethodSpec Usubjid { get; } = new("MT.USUBJID", "Unique subject identifier",
        "STUDYID and SUBJID joined by a hyphen.");

    public static MethodSpec ExDose { get; } = new("MT.EXDOSE", "Dose given",
        "The amount one constant-rate interval of one dose component delivered. Planned: the protocol's dose rule for the treatment at the weight measured before dosing (per-kg amounts times the weight, fixed amounts, all scaled down to any maximum total), each component at its planned rate (planned volume over planned time). A recorded pump rate in mL/h changes the speed of the running component until its planned volume is given; an interruption gives nothing until resumed; the stop ends the administration. A component of an administration recorded as complete whose rate was never changed counts in full. Missing when the volume needed to read a rate in mL/h is not known. Blinded: the volume in mL where every arm has the same volume at that weight, components split only where every arm has the same components.");

    public static MethodSpec EcDose { get; } = new("MT.ECDOSE", "Volume given",
        "The volume in mL one constant-rate interval delivered, from the volume and duration every arm has at the weight measured before dosing, the recorded pump rates, interruptions and stop (as for EX.EXDOSE); missing where the arms' volumes differ.");

    public static MethodSpec Baseline { get; } = new("MT.BLFL", "Baseline of the period",
        "Y on the last record of the test in the period taken at or before the start of dosing in that period (the pre-dose value each period of the crossover is compared with).");

    public static MethodSpec LastBeforeExposure { get; } = new("MT.LOBXFL", "Last observation before exposure",
        "Y on the last record of the test with a result taken at or before the first start of dosing (DM.RFXSTDTC).");

    public static MethodSpec Deviations { get; } = new("MT.DV", "Protocol deviations",
        "From the recorded facts: a deviation recorded by the investigator (dosing before the washout had elapsed); an administration recorded as complete in less than the planned time and confirmed with a reason; a scheduled assessment taken outside its window (a pre-dose value after the start of dosing; a post-dose value further from its planned time than 10 % of that time, at least 10 minutes).");

    public static MethodSpec CriteriaNotMet { get; } = new("MT.IE", "Criteria not met",
        "Each criterion the investigator answered as failing at the eligibility decision: an inclusion criterion not met (N) or an exclusion criterion present (Y).");

    public static MethodSpec ReferenceDates { get; } = new("MT.RFDTC", "Subject reference dates",
        "RFSTDTC and RFXSTDTC: start of the first dose (first EX.EXSTDTC). RFXENDTC: end of the last dose. RFENDTC and RFPENDTC: completion, withdrawal or death of the subject, or the last recorded activity.");

    public static MethodSpec DeathFlag { get; } = new("MT.DTHFL", "Death flag",
        "Y when the subject was withdrawn because of death or an adverse event had the outcome FATAL; DTHDTC is that date.");

    public static MethodSpec Elements { get; } = new("MT.SE", "Subject elements",
        "Elements from the recorded times: screening from informed consent to the first dose; each treatment element from the start of dosing in a period to the end of its observation; washout to the next period's start of dosing; follow-up after the last treatment element.");

    public static MethodSpec VisitTimes { get; } = new("MT.SVDTC", "Visit start and end",
        "Earliest and latest recorded time of the visit (weight, preparation, start and stop of dosing, assessments); for screening, informed consent to the eligibility decision or randomization.");

    public static MethodSpec StandardResult { get; } = new("MT.STRES", "Standard result",
        "--ORRES as collected: results are recorded in the standard units, so --STRESC is --ORRES and --STRESN its numeric value.");

    public static MethodSpec RecordedAt { get; } = new("MT.RECORDED", "Time of recording",
        "The server time at which the event was recorded in the audit trail.");

    public static MethodSpec ReferenceTime { get; } = new("MT.RFTDTC", "Reference time point",
        "The start of dosing in the period (EX.EXSTDTC).");

    /// <summary>Every method in the order define.xml lists them.</summary>
    public static IReadOnlyList<MethodSpec> Methods { get; } =
        [Age, Baseline, CriteriaNotMet, Deviations, EcDose, Elements, Epoch, ExDose, DeathFlag, LastBeforeExposure, RecordedAt, ReferenceDates, ReferenceTime, Sequence, StandardResult, StudyDay, VisitTimes, Usubjid];

    private static readonly CodeListSpec NoYes = new("CL.NY", "No Yes Response", "C66742");
    private static readonly CodeListSpec EpochList = new("CL.EPOCH", "Epoch", "C99079");
    private static readonly CodeListSpec Units = new("CL.UNIT", "Unit", "C71620");
    private static readonly CodeListSpec VitalUnits = new("CL.VSRESU", "Units for Vital Signs Results", "C66770");
    private static readonly CodeListSpec ArmCodes = new("CL.ARMCD", "Planned Arm Code", null, "ARM");
    private static readonly CodeListSpec ElementCodes = new("CL.ETCD", "Element Code", null, "ELEMENT");

    /// <summary>The codelist of a variable, or null when it is not controlled.</summary>
    public static CodeListSpec? CodeListOf(string domain, string variable) =>
        (Adam.AdamMetadata.IsAdam(domain) ? Adam.AdamMetadata.CodeListOf(variable) : null) ?? SdtmCodeListOf(variable);

    private static CodeListSpec? SdtmCodeListOf(string variable) => variable switch
    {
        "EPOCH" => EpochList,
        "SEX" => new("CL.SEX", "Sex", "C66731"),
        "RACE" => new("CL.RACE", "Race", "C74457"),
        "ETHNIC" => new("CL.ETHNIC", "Ethnic Group", "C66790"),
        "AGEU" => new("CL.AGEU", "Age Unit", "C66781"),
        "COUNTRY" => new("CL.COUNTRY", "Country", null, ExternalDictionary: "ISO 3166-1 alpha-3", ExternalVersion: "2020"),
        "ARMCD" => ArmCodes,
        "ACTARMCD" => ArmCodes with { Decode = "ACTARM" },
        "ARMNRS" => new("CL.ARMNULRS", "Arm Null Reason", "C142179"),
        "ETCD" => ElementCodes,
        "DTHFL" or "AESER" or "AESCONG" or "AESDISAB" or "AESDTH" or "AESHOSP" or "AESLIFE" or "AESMIE"
            or "VSBLFL" or "VSLOBXFL" or "QSBLFL" or "QSLOBXFL" or "IEORRES" or "IESTRESC" => NoYes,
        "EXDOSU" or "ECDOSU" or "QSORRESU" or "QSSTRESU" => Units,
        "EXDOSFRM" or "ECDOSFRM" => new("CL.FRM", "Pharmaceutical Dosage Form", "C66726"),
        "EXDOSFRQ" or "ECDOSFRQ" => new("CL.FREQ", "Frequency", "C71113"),
        "EXROUTE" or "ECROUTE" => new("CL.ROUTE", "Route of Administration", "C66729"),
        "EXCAT" or "ECCAT" => new("CL.EXCAT", "Dose component", null),
        "ECMOOD" => new("CL.MOOD", "Mood", null),
        "IECAT" => new("CL.IECAT", "Category of Inclusion/Exclusion", "C66797"),
        "VSSTAT" or "QSSTAT" => new("CL.ND", "Not Done", "C66789"),
        "DVDECOD" => new("CL.DVDECOD", "Protocol Deviation Coded Term", null),
        "DVCAT" => new("CL.DVCAT", "Category for Protocol Deviation", null),
        "QNAM" => new("CL.QNAM", "Qualifier Variable Name", null, "QLABEL"),
        "AEACN" => new("CL.ACN", "Action Taken with Study Treatment", "C66767"),
        "AEOUT" => new("CL.OUT", "Outcome of Event", "C66768"),
        "AEREL" => new("CL.AEREL", "Causality (WHO-UMC)", null),
        "AESEV" => new("CL.AESEV", "Severity/Intensity Scale for Adverse Events", "C66769"),
        "AETOXGR" => new("CL.AETOXGR", "CTCAE grade", null),
        "VSTESTCD" => new("CL.VSTESTCD", "Vital Signs Test Code", "C66741", "VSTEST"),
        "VSORRESU" or "VSSTRESU" => VitalUnits,
        "QSTESTCD" => new("CL.QSTESTCD", "Questionnaire Test Code", null, "QSTEST"),
        "QSCAT" => new("CL.QSCAT", "Category of Question", null),
        "DSDECOD" => new("CL.DSDECOD", "Standardized Disposition Term", "C66727"),
        "DSCAT" => new("CL.DSCAT", "Category of Disposition Event", "C74558"),
        "TSPARMCD" => new("CL.TSPARMCD", "Trial Summary Parameter Test Code", "C66738", "TSPARM"),
        _ => null,
    };

    /// <summary>
    /// Where the variable's values come from: collected on the eCRF of TrialOps (CRF), taken from
    /// the protocol (Protocol), given by the sponsor or the randomization (Assigned), or derived
    /// by a method (Derived).
    /// </summary>
    public static VariableOrigin OriginOf(string domain, string variable)
    {
        if (Adam.AdamMetadata.IsAdam(domain))
        {
            return Adam.AdamMetadata.OriginOf(domain, variable);
        }

        if (Datasets.TryGetValue(domain, out var dataset) && dataset.IsReferenceData)
        {
            return new("Protocol");
        }

        if (variable.Length > 2 && variable.StartsWith(domain, StringComparison.Ordinal) && variable[domain.Length..] is "SEQ")
        {
            return new("Derived", Sequence);
        }

        if (variable.EndsWith("DY", StringComparison.Ordinal) && variable != "VISITDY" && variable.Length >= 4)
        {
            return new("Derived", StudyDay);
        }

        return variable switch
        {
            "STUDYID" or "VISITDY" => new("Protocol"),
            "DOMAIN" or "VISITNUM" or "VISIT" or "SITEID" or "AGEU" or "COUNTRY" or "ARMNRS" or "ACTARMUD" or "SEUPDES" => new("Assigned"),
            "USUBJID" => new("Derived", Usubjid),
            "EPOCH" => new("Derived", Epoch),
            "AGE" => new("Derived", Age),
            "EXDOSE" => new("Derived", ExDose),
            "ECDOSE" => new("Derived", EcDose),
            "VSBLFL" or "QSBLFL" => new("Derived", Baseline),
            "VSLOBXFL" or "QSLOBXFL" => new("Derived", LastBeforeExposure),
            "DVREFID" or "DVTERM" or "DVDECOD" or "DVCAT" or "DVSTDTC" => new("Derived", Deviations),
            "IEORRES" or "IESTRESC" => new("Derived", CriteriaNotMet),
            "IETESTCD" or "IETEST" or "IECAT" or "EXCAT" or "ECCAT" or "ECDOSRGM" or "ECTRT" or "ECDOSU" or "ECDOSFRM" or "ECDOSFRQ" or "ECROUTE" => new("Protocol"),
            "ECMOOD" or "RDOMAIN" or "IDVAR" or "QNAM" or "QLABEL" or "QORIG" => new("Assigned"),
            "EXLNKID" or "ECLNKID" => new("Assigned", Description: "The period's administration (PERIOD n DOSING): every EX record of it has as EXLNKID the ECLNKID of its EC records"),
            "IEDTC" => new("Derived", RecordedAt),
            "RFSTDTC" or "RFENDTC" or "RFXSTDTC" or "RFXENDTC" or "RFPENDTC" => new("Derived", ReferenceDates),
            "DTHFL" => new("Derived", DeathFlag),
            "ARMCD" or "ARM" or "ACTARMCD" or "ACTARM" => new("Assigned", Description: "From the randomization list (the sequence allocated), or BLINDED in a blinded export"),
            "ETCD" or "ELEMENT" or "TAETORD" or "SESTDTC" or "SEENDTC" => new("Derived", Elements),
            "EXSTDTC" or "EXENDTC" or "EXADJ" or "ECSTDTC" or "ECENDTC" or "ECADJ" => new("Derived", domain == "EC" ? EcDose : ExDose),
            "SVSTDTC" or "SVENDTC" => new("Derived", VisitTimes),
            "VSSTRESC" or "VSSTRESN" or "QSSTRESC" or "QSSTRESN" or "VSSTRESU" or "QSSTRESU" => new("Derived", StandardResult),
            "DMDTC" or "DSDTC" => new("Derived", RecordedAt),
            "VSRFTDTC" or "QSRFTDTC" => new("Derived", ReferenceTime),
            "VSTESTCD" or "VSTEST" or "QSTESTCD" or "QSTEST" or "QSCAT" or "VSTPT" or "VSTPTNUM" or "VSTPTREF" or "QSTPT" or "QSTPTNUM" or "QSTPTREF"
                or "QSORRESU" or "VSORRESU" or "EXTRT" or "EXDOSU" or "EXDOSFRM" or "EXDOSFRQ" or "EXROUTE" => new("Protocol"),
            "DSDECOD" or "DSCAT" or "AESPID" => new("Assigned"),

            // MedDRA coding of the reported term: assigned from the dictionary, not collected.
            "AELLT" or "AELLTCD" or "AEDECOD" or "AEPTCD" or "AEHLT" or "AEHLTCD" or "AEHLGT" or "AEHLGTCD" or "AEBODSYS" or "AEBDSYCD" or "AESOC" or "AESOCCD"
                => new("Assigned", Description: "Coded with MedDRA"),
            _ => new("CRF"),
        };
    }

    /// <summary>ISO 8601 durations (not dates): TEDUR, --ELTM, --DUR.</summary>
    public static bool IsDuration(string variable) =>
        variable == "TEDUR" || variable.EndsWith("ELTM", StringComparison.Ordinal) || (variable.Length == 5 && variable.EndsWith("DUR", StringComparison.Ordinal));

    /// <summary>ISO 8601 dates and times: --DTC and BRTHDTC.</summary>
    public static bool IsDateTime(string variable) => variable.EndsWith("DTC", StringComparison.Ordinal);
}
