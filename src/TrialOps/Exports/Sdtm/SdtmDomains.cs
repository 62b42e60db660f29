using TrialOps.Cdisc;

namespace TrialOps.Exports.Sdtm;

/// <summary>
/// The SDTM datasets of an export: SDTMIG 3.x variable names, order and labels (≤ 40 characters),
/// with the maximum length of every character variable, chosen to hold every value TrialOps can
/// record (protocol codes ≤ 20, ISO 8601 --DTC ≤ 25 with the site's offset, free text ≤ 200, the v5 maximum). A value
/// that does not fit stops the export with a message naming the dataset, variable and subject;
/// nothing is ever truncated. The files themselves carry the length of the longest value of each
/// column (FDA rule FDAC036, see <see cref="DomainFile"/>), in the XPT, Dataset-JSON and define.xml
/// alike. Blinded and unblinded exports have the same columns.
/// </summary>
public static class SdtmDomains
{
    public const int DtcLength = 25;

    /// <summary>The longest character value XPORT v5 holds.</summary>
    public const int MaxValueLength = 200;

    public static SdtmDomain TA { get; } = new("TA", "Trial Arms",
    [
        Studyid, Domain,
        C("ARMCD", "Planned Arm Code", 20),
        C("ARM", "Description of Planned Arm", 200),
        N("TAETORD", "Planned Order of Element within Arm"),
        C("ETCD", "Element Code", 8),
        C("ELEMENT", "Description of Element", 200),
        C("TABRANCH", "Branch", 200),
        C("TATRANS", "Transition Rule", 200),
        C("EPOCH", "Epoch", 40),
    ]);

    public static SdtmDomain TE { get; } = new("TE", "Trial Elements",
    [
        Studyid, Domain,
        C("ETCD", "Element Code", 8),
        C("ELEMENT", "Description of Element", 200),
        C("TESTRL", "Rule for Start of Element", 200),
        C("TEENRL", "Rule for End of Element", 200),
        C("TEDUR", "Planned Duration of Element", 20),
    ]);

    public static SdtmDomain TV { get; } = new("TV", "Trial Visits",
    [
        Studyid, Domain,
        N("VISITNUM", "Visit Number"),
        C("VISIT", "Visit Name", 40),
        N("VISITDY", "Planned Study Day of Visit"),
        C("ARMCD", "Planned Arm Code", 20),
        C("ARM", "Description of Planned Arm", 200),
        C("TVSTRL", "Visit Start Rule", 200),
        C("TVENRL", "Visit End Rule", 200),
    ]);

    public static SdtmDomain TS { get; } = new("TS", "Trial Summary",
    [
        Studyid, Domain,
        N("TSSEQ", "Sequence Number"),
        C("TSPARMCD", "Trial Summary Parameter Short Name", 8),
        C("TSPARM", "Trial Summary Parameter", 40),
        C("TSVAL", "Parameter Value", 200),
        C("TSVALNF", "Parameter Null Flavor", 8),
        C("TSVALCD", "Parameter Value Code", 20),
        C("TSVCDREF", "Name of the Reference Terminology", 20),
        C("TSVCDVER", "Version of the Reference Terminology", 20),
    ]);

    public static SdtmDomain DM { get; } = new("DM", "Demographics",
    [
        Studyid, Domain, Usubjid,
        C("SUBJID", "Subject Identifier for the Study", 20),
        Dtc("RFSTDTC", "Subject Reference Start Date/Time"),
        Dtc("RFENDTC", "Subject Reference End Date/Time"),
        Dtc("RFXSTDTC", "Date/Time of First Study Treatment"),
        Dtc("RFXENDTC", "Date/Time of Last Study Treatment"),
        Dtc("RFICDTC", "Date/Time of Informed Consent"),
        Dtc("RFPENDTC", "Date/Time of End of Participation"),
        Dtc("DTHDTC", "Date/Time of Death"),
        C("DTHFL", "Subject Death Flag", 1),
        C("SITEID", "Study Site Identifier", 20),
        Dtc("BRTHDTC", "Date/Time of Birth"),
        N("AGE", "Age"),
        C("AGEU", "Age Units", 10),
        C("SEX", "Sex", 8),
        C("RACE", "Race", 60),
        C("ETHNIC", "Ethnicity", 60),
        C("ARMCD", "Planned Arm Code", 20),
        C("ARM", "Description of Planned Arm", 200),
        C("ACTARMCD", "Actual Arm Code", 20),
        C("ACTARM", "Description of Actual Arm", 200),
        C("ARMNRS", "Reason Arm and/or Actual Arm is Null", 40),
        C("ACTARMUD", "Description of Unplanned Actual Arm", 200),
        C("COUNTRY", "Country", 3),
        Dtc("DMDTC", "Date/Time of Collection"),
        N("DMDY", "Study Day of Collection"),
    ]);

    public static SdtmDomain SE { get; } = new("SE", "Subject Elements",
    [
        Studyid, Domain, Usubjid,
        N("SESEQ", "Sequence Number"),
        C("ETCD", "Element Code", 8),
        C("ELEMENT", "Description of Element", 200),
        N("TAETORD", "Planned Order of Element within Arm"),
        Epoch,
        Dtc("SESTDTC", "Start Date/Time of Element"),
        Dtc("SEENDTC", "End Date/Time of Element"),
        N("SESTDY", "Study Day of Start of Element"),
        N("SEENDY", "Study Day of End of Element"),
        C("SEUPDES", "Description of Unplanned Element", 200),
    ]);

    public static SdtmDomain SV { get; } = new("SV", "Subject Visits",
    [
        Studyid, Domain, Usubjid,
        Visitnum, Visit,
        N("VISITDY", "Planned Study Day of Visit"),
        Epoch,
        Dtc("SVSTDTC", "Start Date/Time of Visit"),
        Dtc("SVENDTC", "End Date/Time of Visit"),
        N("SVSTDY", "Study Day of Start of Visit"),
        N("SVENDY", "Study Day of End of Visit"),
    ]);

    public static SdtmDomain EX { get; } = new("EX", "Exposure",
    [
        Studyid, Domain, Usubjid,
        N("EXSEQ", "Sequence Number"),
        C("EXREFID", "Reference ID", 20),
        C("EXLNKID", "Link ID", 20),
        C("EXTRT", "Name of Treatment", 200),
        C("EXCAT", "Category of Treatment", 20),
        N("EXDOSE", "Dose"),
        C("EXDOSU", "Dose Units", 20),
        C("EXDOSFRM", "Dose Form", 40),
        C("EXDOSFRQ", "Dosing Frequency per Interval", 20),
        C("EXROUTE", "Route of Administration", 40),
        C("EXADJ", "Reason for Dose Adjustment", 200),
        Visitnum, Visit, Epoch,
        Dtc("EXSTDTC", "Start Date/Time of Treatment"),
        Dtc("EXENDTC", "End Date/Time of Treatment"),
        N("EXSTDY", "Study Day of Start of Treatment"),
        N("EXENDY", "Study Day of End of Treatment"),
    ]);

    /// <summary>
    /// Exposure as collected (ADR 0019): what the bedside staff were told and recorded, in the
    /// volume they handled; the same in blinded and unblinded exports of a blinded trial.
    /// </summary>
    public static SdtmDomain EC { get; } = new("EC", "Exposure as Collected",
    [
        Studyid, Domain, Usubjid,
        N("ECSEQ", "Sequence Number"),
        C("ECREFID", "Reference ID", 20),
        C("ECLNKID", "Link ID", 20),
        C("ECTRT", "Name of Treatment", 200),
        C("ECCAT", "Category of Treatment", 20),
        C("ECMOOD", "Mood", 20),
        N("ECDOSE", "Dose"),
        C("ECDOSU", "Dose Units", 20),
        C("ECDOSFRM", "Dose Form", 40),
        C("ECDOSFRQ", "Dosing Frequency per Interval", 20),
        C("ECDOSRGM", "Intended Dose Regimen", 200),
        C("ECROUTE", "Route of Administration", 40),
        C("ECADJ", "Reason for Dose Adjustment", 200),
        Visitnum, Visit, Epoch,
        Dtc("ECSTDTC", "Start Date/Time of Treatment"),
        Dtc("ECENDTC", "End Date/Time of Treatment"),
        N("ECSTDY", "Study Day of Start of Treatment"),
        N("ECENDY", "Study Day of End of Treatment"),
    ]);

    public static SdtmDomain AE { get; } = new("AE", "Adverse Events",
    [
        Studyid, Domain, Usubjid,
        N("AESEQ", "Sequence Number"),
        C("AESPID", "Sponsor-Defined Identifier", 40),
        C("AETERM", "Reported Term for the Adverse Event", 200),
        C("AELLT", "Lowest Level Term", 200),
        N("AELLTCD", "Lowest Level Term Code"),
        C("AEDECOD", "Dictionary-Derived Term", 200),
        N("AEPTCD", "Preferred Term Code"),
        C("AEHLT", "High Level Term", 200),
        N("AEHLTCD", "High Level Term Code"),
        C("AEHLGT", "High Level Group Term", 200),
        N("AEHLGTCD", "High Level Group Term Code"),
        C("AEBODSYS", "Body System or Organ Class", 200),
        N("AEBDSYCD", "Body System or Organ Class Code"),
        C("AESOC", "Primary System Organ Class", 200),
        N("AESOCCD", "Primary System Organ Class Code"),
        C("AESER", "Serious Event", 1),
        C("AEACN", "Action Taken with Study Treatment", 40),
        C("AEREL", "Causality", 20),
        C("AEOUT", "Outcome of Adverse Event", 40),
        C("AESCONG", "Congenital Anomaly or Birth Defect", 1),
        C("AESDISAB", "Persist or Signif Disability/Incapacity", 1),
        C("AESDTH", "Results in Death", 1),
        C("AESHOSP", "Requires or Prolongs Hospitalization", 1),
        C("AESLIFE", "Is Life Threatening", 1),
        C("AESMIE", "Other Medically Important Serious Event", 1),
        C("AETOXGR", "Standard Toxicity Grade", 1),
        Epoch,
        Dtc("AESTDTC", "Start Date/Time of Adverse Event"),
        Dtc("AEENDTC", "End Date/Time of Adverse Event"),
        N("AESTDY", "Study Day of Start of Adverse Event"),
        N("AEENDY", "Study Day of End of Adverse Event"),
    ]);

    public static SdtmDomain VS { get; } = new("VS", "Vital Signs",
    [
        Studyid, Domain, Usubjid,
        N("VSSEQ", "Sequence Number"),
        C("VSTESTCD", "Vital Signs Test Short Name", 8),
        C("VSTEST", "Vital Signs Test Name", 40),
        C("VSORRES", "Result or Finding in Original Units", 20),
        C("VSORRESU", "Original Units", 20),
        C("VSSTRESC", "Character Result/Finding in Std Format", 20),
        N("VSSTRESN", "Numeric Result/Finding in Standard Units"),
        C("VSSTRESU", "Standard Units", 20),
        C("VSSTAT", "Completion Status", 8),
        C("VSREASND", "Reason Not Done", MaxValueLength),
        C("VSLOBXFL", "Last Observation Before Exposure Flag", 1),
        C("VSBLFL", "Baseline Flag", 1),
        Visitnum, Visit, Epoch,
        Dtc("VSDTC", "Date/Time of Measurements"),
        N("VSDY", "Study Day of Vital Signs"),
        C("VSTPT", "Planned Time Point Name", 40),
        N("VSTPTNUM", "Planned Time Point Number"),
        C("VSELTM", "Planned Elapsed Time from Time Point Ref", 20),
        C("VSTPTREF", "Time Point Reference", 40),
        Dtc("VSRFTDTC", "Date/Time of Reference Time Point"),
    ]);

    public static SdtmDomain QS { get; } = new("QS", "Questionnaires",
    [
        Studyid, Domain, Usubjid,
        N("QSSEQ", "Sequence Number"),
        C("QSTESTCD", "Question Short Name", 8),
        C("QSTEST", "Question Name", 40),
        C("QSCAT", "Category of Question", 100),
        C("QSORRES", "Finding in Original Units", 20),
        C("QSORRESU", "Original Units", 20),
        C("QSSTRESC", "Character Result/Finding in Std Format", 20),
        N("QSSTRESN", "Numeric Finding in Standard Units"),
        C("QSSTRESU", "Standard Units", 20),
        C("QSSTAT", "Completion Status", 8),
        C("QSREASND", "Reason Not Done", MaxValueLength),
        C("QSLOBXFL", "Last Observation Before Exposure Flag", 1),
        C("QSBLFL", "Baseline Flag", 1),
        Visitnum, Visit, Epoch,
        Dtc("QSDTC", "Date/Time of Finding"),
        N("QSDY", "Study Day of Finding"),
        C("QSTPT", "Planned Time Point Name", 40),
        N("QSTPTNUM", "Planned Time Point Number"),
        C("QSELTM", "Planned Elapsed Time from Time Point Ref", 20),
        C("QSTPTREF", "Time Point Reference", 40),
        Dtc("QSRFTDTC", "Date/Time of Reference Time Point"),
    ]);

    public static SdtmDomain DS { get; } = new("DS", "Disposition",
    [
        Studyid, Domain, Usubjid,
        N("DSSEQ", "Sequence Number"),
        C("DSTERM", "Reported Term for the Disposition Event", 200),
        C("DSDECOD", "Standardized Disposition Term", 60),
        C("DSCAT", "Category for Disposition Event", 40),
        Epoch,
        Dtc("DSDTC", "Date/Time of Collection"),
        Dtc("DSSTDTC", "Start Date/Time of Disposition Event"),
        N("DSSTDY", "Study Day of Start of Disposition Event"),
    ]);

    /// <summary>Trial inclusion/exclusion criteria of the protocol version in force (ADR 0019).</summary>
    public static SdtmDomain TI { get; } = new("TI", "Trial Inclusion/Exclusion Criteria",
    [
        Studyid, Domain,
        // At most 8 characters: longer protocol codes become INCLnn/EXCLnn (CriterionCodes).
        C("IETESTCD", "Incl/Excl Criterion Short Name", 8),
        C("IETEST", "Inclusion/Exclusion Criterion", 200),
        C("IECAT", "Inclusion/Exclusion Category", 9),
        C("TIVERS", "Protocol Criteria Versions", 20),
    ]);

    /// <summary>The criteria a screened subject did not meet: one record per failing criterion.</summary>
    public static SdtmDomain IE { get; } = new("IE", "Inclusion/Exclusion Criteria Not Met",
    [
        Studyid, Domain, Usubjid,
        N("IESEQ", "Sequence Number"),
        C("IETESTCD", "Inclusion/Exclusion Criterion Short Name", 8),
        C("IETEST", "Inclusion/Exclusion Criterion", 200),
        C("IECAT", "Inclusion/Exclusion Category", 9),
        C("IEORRES", "I/E Criterion Original Result", 1),
        C("IESTRESC", "I/E Criterion Result in Std Format", 1),
        Visitnum, Visit, Epoch,
        Dtc("IEDTC", "Date/Time of Collection"),
        N("IEDY", "Study Day of Collection"),
    ]);

    /// <summary>Protocol deviations recorded in the system (ADR 0019 says which facts are deviations).</summary>
    public static SdtmDomain DV { get; } = new("DV", "Protocol Deviations",
    [
        Studyid, Domain, Usubjid,
        N("DVSEQ", "Sequence Number"),
        C("DVREFID", "Reference ID", 40),
        C("DVTERM", "Protocol Deviation Term", 200),
        C("DVDECOD", "Protocol Deviation Coded Term", 60),
        C("DVCAT", "Category for Protocol Deviation", 40),
        Visitnum, Visit, Epoch,
        Dtc("DVSTDTC", "Start Date/Time of Deviation"),
        N("DVSTDY", "Study Day of Start of Deviation"),
    ]);

    /// <summary>
    /// Supplemental qualifiers for AE: the period the site recorded for the event (QNAM AEPERIOD),
    /// which SDTM has no variable for and from which a date-only onset takes its EPOCH.
    /// </summary>
    public static SdtmDomain SuppAe { get; } = Supplemental("AE");

    /// <summary>The rest of an EX, EC or DV text longer than 200 characters (free-text reasons), as for <see cref="SuppDs"/>.</summary>
    public static SdtmDomain SuppDv { get; } = Supplemental("DV");

    public static SdtmDomain SuppEc { get; } = Supplemental("EC");

    public static SdtmDomain SuppEx { get; } = Supplemental("EX");

    /// <summary>
    /// Supplemental qualifiers for DS: the rest of a disposition term longer than 200 characters
    /// (a withdrawal explained at length), as SDTMIG 4.5.3.2 wants it: the first 200 characters in
    /// DSTERM, each further part of up to 200 in a record QNAM DSTERM1, DSTERM2 … tied to the
    /// record by DSSEQ, so nothing is truncated. Written only when a subject needs it (SUPP-- where
    /// needed, DESIGN.md §7); not one of <see cref="All"/>, which are the general datasets.
    /// </summary>
    public static SdtmDomain SuppDs { get; } = Supplemental("DS");

    private static SdtmDomain Supplemental(string parent) => new($"SUPP{parent}", $"Supplemental Qualifiers for {parent}",
    [
        Studyid,
        C("RDOMAIN", "Related Domain Abbreviation", 2),
        Usubjid,
        C("IDVAR", "Identifying Variable", 8),
        C("IDVARVAL", "Identifying Variable Value", 40),
        C("QNAM", "Qualifier Variable Name", 8),
        C("QLABEL", "Qualifier Variable Label", 40),
        C("QVAL", "Data Value", MaxValueLength),
        C("QORIG", "Origin", 20),
        C("QEVAL", "Evaluator", 20),
    ]);

    /// <summary>The datasets every export has: the twelve in the order DESIGN.md §7 lists them, and EC beside EX (ADR 0019).</summary>
    public static IReadOnlyList<SdtmDomain> All { get; } = [TA, TE, TV, TS, DM, SE, SV, EX, EC, AE, VS, QS, DS];

    /// <summary>Supplemental qualifiers (SUPP-- where needed, DESIGN.md §7).</summary>
    public static IReadOnlyList<SdtmDomain> Supplementals { get; } = [SuppAe, SuppDs, SuppDv, SuppEc, SuppEx];

    /// <summary>
    /// Datasets written only when they have a record (a submission holds no empty dataset, and
    /// readers such as pandas refuse an XPT without rows): TI when the protocol lists criteria, IE when
    /// a subject failed one, DV when a deviation is recorded, and the supplemental qualifiers.
    /// </summary>
    public static IReadOnlyList<SdtmDomain> WhereNeeded { get; } = [TI, IE, DV, .. Supplementals];

    /// <summary>
    /// The datasets of one export: <see cref="All"/>, with TS carrying TSVAL1…TSVALn after TSVAL when
    /// a parameter value is longer than 200 characters (SDTMIG: the rest of the text continues there).
    /// </summary>
    public static IReadOnlyList<SdtmDomain> For(int tsValueParts) =>
        tsValueParts <= 1 ? All : [.. All.Select(d => d.Code == TS.Code ? TsWith(tsValueParts) : d)];

    private static SdtmDomain TsWith(int parts)
    {
        var variables = new List<XptVariable>(TS.Variables);
        var at = TS.IndexOf("TSVAL") + 1;
        for (var part = 1; part < parts; part++)
        {
            variables.Insert(at++, C($"TSVAL{part}", $"Parameter Value {part}", MaxValueLength));
        }

        return new SdtmDomain(TS.Code, TS.Label, variables);
    }

    /// <summary>
    /// A TS value in parts of at most 200 characters, split before a space where there is one, so
    /// that the parts joined give the text again (a part never ends in a blank, which XPORT drops).
    /// </summary>
    public static IReadOnlyList<string> SplitValue(string value)
    {
        var parts = new List<string>();
        var rest = value;
        while (rest.Length > MaxValueLength)
        {
            var cut = rest.LastIndexOf(' ', MaxValueLength - 1, MaxValueLength - 1);
            if (cut <= 0)
            {
                cut = MaxValueLength;
            }

            while (cut > 1 && rest[cut - 1] == ' ')
            {
                cut--;
            }

            parts.Add(rest[..cut]);
            rest = rest[cut..];
        }

        parts.Add(rest);
        return parts;
    }

    private static XptVariable Studyid => C("STUDYID", "Study Identifier", 20);

    private static XptVariable Domain => C("DOMAIN", "Domain Abbreviation", 2);

    private static XptVariable Usubjid => C("USUBJID", "Unique Subject Identifier", 40);

    private static XptVariable Visitnum => N("VISITNUM", "Visit Number");

    private static XptVariable Visit => C("VISIT", "Visit Name", 40);

    private static XptVariable Epoch => C("EPOCH", "Epoch", 40);

    private static XptVariable C(string name, string label, int length) => new(name, label, XptType.Character, length);

    private static XptVariable N(string name, string label) => new(name, label, XptType.Numeric, 8);

    private static XptVariable Dtc(string name, string label) => C(name, label, DtcLength);
}

/// <summary>One SDTM dataset: its domain code (the XPT member name), label and variables.</summary>
public sealed record SdtmDomain(string Code, string Label, IReadOnlyList<XptVariable> Variables)
{
    public XptDataset Dataset { get; } = new(Code, Label, Variables);

    /// <summary><c>dm.csv</c>, <c>dm.xpt</c>: lower-case, as submissions name them.</summary>
    public string CsvFileName => Code.ToLowerInvariant() + ".csv";

    public string XptFileName => Code.ToLowerInvariant() + ".xpt";

    /// <summary>Dataset-JSON 1.1.</summary>
    public string JsonFileName => Code.ToLowerInvariant() + ".json";

    private Dictionary<string, int>? _indexes;

    public int IndexOf(string variable)
    {
        _indexes ??= Variables.Select((v, i) => (v.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        return _indexes.TryGetValue(variable, out var index)
            ? index
            : throw new ArgumentException($"{Code} has no variable {variable}.", nameof(variable));
    }

    /// <summary>A new row with STUDYID and DOMAIN filled in.</summary>
    public SdtmRow NewRow(string studyId) => new SdtmRow(this).Set("STUDYID", studyId).Set("DOMAIN", Code);

    /// <summary>A new SUPP-- row tied to the parent record by its sequence number.</summary>
    public SdtmRow NewSupplementalRow(string studyId, string parent, string usubjid, string idVariable, int idValue) =>
        new SdtmRow(this).Set("STUDYID", studyId).Set("RDOMAIN", parent).Set("USUBJID", usubjid).Set("IDVAR", idVariable).Set("IDVARVAL", Iso.Number(idValue));
}

/// <summary>
/// One observation, filled by variable name. Character variables take strings, numeric ones
/// numbers (stored as double, the only numeric type XPORT has, so the CSV and the XPT carry the
/// same value); null is missing in both.
/// </summary>
public sealed class SdtmRow(SdtmDomain domain)
{
    private readonly object?[] _values = new object?[domain.Variables.Count];

    public IReadOnlyList<object?> Values => _values;

    public SdtmRow Set(string variable, string? value)
    {
        var index = domain.IndexOf(variable);
        if (domain.Variables[index].Type != XptType.Character)
        {
            throw new ArgumentException($"{domain.Code}.{variable} is numeric.", nameof(variable));
        }

        // XPORT pads with blanks and readers strip them: trailing blanks cannot survive in the XPT,
        // so they are not written to the CSV either, and both files carry the same value. Both are
        // US-ASCII as SDTM needs (µ as u, ≥ as >=); text with anything else stops the export (the
        // protocol's text was checked at import, so only entered text can).
        var trimmed = (value is null ? null : Common.AsciiText.ToAscii(value) ?? value)?.TrimEnd(' ');
        _values[index] = string.IsNullOrEmpty(trimmed) ? null : trimmed;
        return this;
    }

    public SdtmRow Set(string variable, double? value)
    {
        var index = domain.IndexOf(variable);
        if (domain.Variables[index].Type != XptType.Numeric)
        {
            throw new ArgumentException($"{domain.Code}.{variable} is character.", nameof(variable));
        }

        _values[index] = value;
        return this;
    }

    public SdtmRow Set(string variable, decimal? value) => Set(variable, value is { } number ? (double)number : null);

    public SdtmRow Set(string variable, int? value) => Set(variable, value is { } number ? number : (double?)null);

    public string? Text(string variable) => _values[domain.IndexOf(variable)] as string;
}
