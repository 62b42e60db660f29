using System.Text.RegularExpressions;
using TrialOps.Exports.Define;

namespace TrialOps.Exports.Adam;

/// <summary>
/// The Define-XML metadata of the ADaM datasets: class, structure and keys, and for every variable
/// where its values come from. A variable copied from SDTM is a Predecessor naming its source;
/// every other one is Derived, with a MethodDef of its own (MT.&lt;dataset&gt;.&lt;variable&gt;)
/// describing its derivation.
/// </summary>
public static partial class AdamMetadata
{
    public const string Purpose = "Analysis";

    public static IReadOnlyDictionary<string, DatasetMetadata> Datasets { get; } = new Dictionary<string, DatasetMetadata>(StringComparer.Ordinal)
    {
        ["ADSL"] = new("SUBJECT LEVEL ANALYSIS DATASET", "One record per subject", ["STUDYID", "USUBJID"], false, false, Purpose),
        ["ADQS"] = new("BASIC DATA STRUCTURE", "One record per subject per period per parameter per analysis timepoint", ["STUDYID", "USUBJID", "PARAMCD", "APERIOD", "ATPTN"], true, false, Purpose),
        ["ADAE"] = new("OCCURRENCE DATA STRUCTURE", "One record per adverse event per subject", ["STUDYID", "USUBJID", "AESEQ"], true, false, Purpose),
    };

    public static bool IsAdam(string dataset) => Datasets.ContainsKey(dataset);

    private static readonly CodeListSpec NoYes = new("CL.NY", "No Yes Response", "C66742");

    /// <summary>The codelist of an ADaM variable, or null when it has none of its own (then the SDTM variable's applies).</summary>
    public static CodeListSpec? CodeListOf(string variable) => variable switch
    {
        "RANDFL" or "SAFFL" or "FASFL" or "PPROTFL" or "COMPLFL" or "CBRKFL" or "ABLFL" or "ANL01FL" or "TRTEMFL" => NoYes,
        "PARAMCD" => new("CL.PARAMCD", "Parameter Code", null, "PARAM"),
        "EOSSTT" => new("CL.EOSSTT", "End of Study Status", null),
        _ when CriterionFlag().IsMatch(variable) => NoYes,
        _ => null,
    };

    public static VariableOrigin OriginOf(string dataset, string variable)
    {
        var source = variable switch
        {
            "STUDYID" or "USUBJID" or "SUBJID" or "SITEID" or "COUNTRY" or "AGE" or "AGEU" or "SEX" or "RACE" or "ETHNIC" or "ARM" or "ACTARM" => "DM." + variable,
            "AESEQ" or "AESPID" or "AETERM" or "AEDECOD" or "AEBODSYS" or "AELLTCD" or "AESER" or "AEREL" or "AETOXGR" or "AEOUT" or "AESTDTC" or "AEENDTC" => "AE." + variable,
            "PARAMCD" => "QS.QSTESTCD",
            "PARAM" => "QS.QSTEST",
            "AVAL" => "QS.QSSTRESN",
            "TRTSEQP" when dataset != "ADSL" => "ADSL.TRTSEQP",
            _ => null,
        };
        if (source is not null)
        {
            return new VariableOrigin("Predecessor", Description: source);
        }

        return new VariableOrigin("Derived", new MethodSpec($"MT.{dataset}.{variable}", $"{dataset}.{variable}", DerivationOf(dataset, variable)));
    }

    private static string DerivationOf(string dataset, string variable)
    {
        var period = PeriodVariable().Match(variable);
        if (period.Success)
        {
            var xx = period.Groups["xx"].Value;
            return period.Groups["name"].Value switch
            {
                "P" => $"Label of the treatment that the randomized sequence (the allocation in the randomization list) plans for period {xx}.",
                "PN" => $"Number of TR{xx}P: its place in the protocol's list of treatments, from 1.",
                "A" => $"Label of the treatment given in period {xx}: TR{xx}P when dosing started in period {xx} (EX), else missing.",
                "AN" => $"Number of TR{xx}A: its place in the protocol's list of treatments, from 1.",
                "SDTM" => $"Start of dosing in period {xx} (EX.EXSTDTC), as a SAS datetime (seconds since 1960-01-01 00:00:00 on the site's clock, as EX.EXSTDTC shows it).",
                "EDTM" => $"End of dosing in period {xx} (EX.EXENDTC), as a SAS datetime; missing while dosing runs.",
                _ => "",
            };
        }

        var analysisPeriod = AnalysisPeriodVariable().Match(variable);
        if (analysisPeriod.Success)
        {
            var xx = analysisPeriod.Groups["xx"].Value;
            return analysisPeriod.Groups["edge"].Value == "S"
                ? $"Start of analysis period {xx}: the start of dosing in period {xx}, as a SAS datetime."
                : $"End of analysis period {xx}: one second before the start of dosing in the next period (a washout belongs to the period before it), or the end of participation (completion or withdrawal) after the last dosed period; missing while the subject is in it. SAS datetime.";
        }

        var washout = WashoutVariable().Match(variable);
        if (washout.Success)
        {
            var xx = washout.Groups["xx"].Value;
            return $"Washout actually achieved before period {xx}, in hours: the start of dosing in period {xx} minus the end of dosing in the previous period (EX.EXSTDTC minus the previous EX.EXENDTC). Missing when either is missing.";
        }

        var criterion = CriterionVariable().Match(variable);
        if (criterion.Success)
        {
            return criterion.Groups["fl"].Success
                ? "Y when the post-dose value is reduced from the period's pre-dose value by at least the percentage of CRITy (100 x (BASE - AVAL) >= threshold x BASE), N when not; missing on the baseline record and when BASE is 0."
                : "Responder criterion: PCHG <= -threshold, with the thresholds of the protocol's responderThresholds for the parameter (default 30 and 50 percent); missing when the parameter has fewer thresholds.";
        }

        return (dataset, variable) switch
        {
            ("ADSL", "TRTSEQP") => "The planned treatment codes of the randomized sequence joined by '-' (the planned arm code of DM.ARMCD where that is the codes).",
            ("ADSL", "TRTSEQA") => "The treatment codes of the periods whose dosing started, in period order, joined by '-'; missing when no period was dosed.",
            ("ADSL", "RANDFL") => "Y for every subject in ADSL: ADSL holds the randomized subjects (DS RANDOMIZED).",
            ("ADSL", "SAFFL") => "Y when dosing started in at least one period (EX), else N.",
            ("ADSL", "FASFL") => "Y when SAFFL is Y and the subject has at least one post-dose value of the primary endpoint (the protocol's primary assessment, else its first scale) in a dosed period, else N.",
            ("ADSL", "PPROTFL") => "Y when every planned period was dosed completely (no early stop), no period's dosing started before its washout had elapsed (no deviation recorded), and the primary endpoint's pre-dose value and its value at the primary time point were recorded in every period; else N.",
            ("ADSL", "COMPLFL") => "Y when the subject completed the trial (DS COMPLETED), else N.",
            ("ADSL", "RANDDT") => "Date of randomization (DS RANDOMIZED DSSTDTC) as a SAS date (days since 1960-01-01).",
            ("ADSL", "TRTSDTM") => "Start of the first dosing (DM.RFXSTDTC) as a SAS datetime.",
            ("ADSL", "TRTEDTM") => "End of the last dosing (DM.RFXENDTC) as a SAS datetime.",
            ("ADSL", "TRTSDT") => "Date part of TRTSDTM as a SAS date.",
            ("ADSL", "TRTEDT") => "Date part of TRTEDTM as a SAS date.",
            ("ADSL", "EOSSTT") => "COMPLETED when the subject completed, DISCONTINUED when withdrawn, ONGOING otherwise (DS).",
            ("ADSL", "DCSREAS") => "The standardized reason of the withdrawal (DS.DSDECOD); missing when not withdrawn.",
            ("ADSL", "CBRKFL") => "Y when an investigator broke the blind for the subject in an emergency (DS TREATMENT UNBLINDED), else N.",
            ("ADSL", "CBRKPER") => "The period active at the first emergency code break: the latest period whose dosing started at or before it; missing before the first dose or without a code break.",
            ("ADSL", "CBRKDTM") => "Time of the first emergency code break as a SAS datetime.",
            (_, "APERIOD") => dataset == "ADAE"
                ? "The period active at onset: the latest period whose dosing started at or before the latest time the onset may stand for (a washout counts to the period before it; a partial date spanning a dosing start counts to the later period); missing for an onset before the first dose."
                : "The period of the dosing session the value was recorded for (QS VISITNUM minus 1).",
            (_, "APERIODC") => "'PERIOD ' followed by APERIOD.",
            (_, "TRTP") => "TRxxP of ADSL for the record's period (xx = APERIOD).",
            (_, "TRTPN") => "TRxxPN of ADSL for the record's period.",
            (_, "TRTA") => "TRxxA of ADSL for the record's period (xx = APERIOD).",
            (_, "TRTAN") => "TRxxAN of ADSL for the record's period.",
            ("ADQS", "ATPT") => "PRE-DOSE for the time PT0M, else the planned time after the start of dosing (QS.QSTPT).",
            ("ADQS", "ATPTN") => "The time point's place in the protocol's list of times of the assessment, from 1 (QS.QSTPTNUM).",
            ("ADQS", "ADTM") => "When the value was measured (QS.QSDTC) as a SAS datetime.",
            ("ADQS", "BASE") => "The pre-dose (PT0M) value of the same parameter in the same period: each period has its own baseline.",
            ("ADQS", "ABLFL") => "Y on the pre-dose record that is the period's baseline.",
            ("ADQS", "CHG") => "AVAL - BASE on post-dose records; missing on the baseline record and when BASE is missing.",
            ("ADQS", "PCHG") => "100 x CHG / BASE on post-dose records; missing when BASE is 0 or missing.",
            ("ADQS", "ANL01FL") => "Y on the record at the parameter's primary time point: the protocol's primaryTime, else the first post-dose time of the assessment.",
            ("ADAE", "ASTDTM") => "The onset (AE.AESTDTC) as a SAS datetime when it was recorded with a time.",
            ("ADAE", "ASTDT") => "The onset date (AE.AESTDTC) as a SAS date when complete; partial dates are not imputed.",
            ("ADAE", "AENDT") => "The end date (AE.AEENDTC) as a SAS date when complete; partial dates are not imputed.",
            ("ADAE", "TRTEMFL") => "Y when the onset lies at or after the start of the first dosing (APERIOD not missing).",
            _ => $"Derived for {dataset}.",
        };
    }

    [GeneratedRegex("^TR(?<xx>[0-9]{2})(?<name>PN|P|AN|A|SDTM|EDTM)$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodVariable();

    [GeneratedRegex("^AP(?<xx>[0-9]{2})(?<edge>S|E)DTM$", RegexOptions.CultureInvariant)]
    private static partial Regex AnalysisPeriodVariable();

    [GeneratedRegex("^WASH(?<xx>[0-9]{2})H$", RegexOptions.CultureInvariant)]
    private static partial Regex WashoutVariable();

    [GeneratedRegex("^CRIT[0-9]+(?<fl>FL)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CriterionVariable();

    [GeneratedRegex("^CRIT[0-9]+FL$", RegexOptions.CultureInvariant)]
    private static partial Regex CriterionFlag();
}
