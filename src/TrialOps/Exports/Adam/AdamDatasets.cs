using System.Globalization;
using TrialOps.Cdisc;
using TrialOps.Exports.Sdtm;
using TrialOps.Protocols;

namespace TrialOps.Exports.Adam;

/// <summary>
/// The ADaM datasets of an unblinded export (ADaM IG 1.1/1.3): ADSL, the subject-period BDS ADQS
/// (one parameter per scale assessment) and ADAE (OCCDS). Variable names, labels (≤ 40) and
/// maximum lengths, and how a typed row becomes a dataset row. The layout depends on the design:
/// TRxxP… for each period, WASHxxH from period 2, CRITy/CRITyFL for each responder threshold.
/// Dates and times are SAS numerics (ADR 0016): *DT days since 1960-01-01 with DATE9., *DTM
/// seconds since 1960-01-01T00:00:00 with DATETIME20., both on the subject's site clock as the
/// SDTM --DTC show them (ADR 0031; UTC for a UTC site); copied SDTM --DTC stay ISO 8601 text.
/// </summary>
public sealed class AdamDatasets
{
    public const string DateFormat = "DATE9.";
    public const string DateTimeFormat = "DATETIME20.";

    private static readonly DateTime SasEpoch = new(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public AdamDatasets(ProtocolDefinition protocol)
    {
        PeriodCount = protocol.PeriodCount;
        CriterionCount = protocol.Assessments.Where(a => a.Kind == AssessmentKind.Scale).Select(a => a.ResponderThresholds.Count).DefaultIfEmpty(0).Max();
        Adsl = new SdtmDomain("ADSL", "Subject-Level Analysis Dataset", AdslVariables(PeriodCount));
        Adqs = new SdtmDomain("ADQS", "Scale Assessments Analysis Dataset", AdqsVariables(CriterionCount));
        Adae = new SdtmDomain("ADAE", "Adverse Events Analysis Dataset", AdaeVariables());
    }

    public int PeriodCount { get; }

    /// <summary>The most responder thresholds of any scale: CRIT1…CRITn.</summary>
    public int CriterionCount { get; }

    public SdtmDomain Adsl { get; }

    public SdtmDomain Adqs { get; }

    public SdtmDomain Adae { get; }

    public IReadOnlyList<SdtmDomain> All => [Adsl, Adqs, Adae];

    /// <summary>Two digits of a period in a variable name (TR01P).</summary>
    public static string Xx(int period) => period.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>A SAS date: days since 1 January 1960.</summary>
    public static double? SasDate(DateOnly? date) => date is { } d ? d.DayNumber - DateOnly.FromDateTime(SasEpoch).DayNumber : null;

    /// <summary>
    /// A SAS datetime: whole seconds since 1 January 1960 00:00:00 of the wall clock the time is
    /// given on (SAS datetimes have no zone; the derivation gives times on the site's clock).
    /// </summary>
    public static double? SasDateTime(DateTimeOffset? time) => time is { } t ? Math.Floor((t.DateTime - SasEpoch).TotalSeconds) : null;

    /// <summary>A SAS date: the calendar date of the wall clock the time is given on.</summary>
    public static double? SasDate(DateTimeOffset? time) => time is { } t ? SasDate(DateOnly.FromDateTime(t.DateTime)) : null;

    /// <summary>APERIODC of a period.</summary>
    public static string PeriodText(int period) => $"PERIOD {period.ToString(CultureInfo.InvariantCulture)}";

    public SdtmRow Row(AdslRow row)
    {
        var values = new SdtmRow(Adsl)
            .Set("STUDYID", row.StudyId)
            .Set("USUBJID", row.Usubjid)
            .Set("SUBJID", row.Subjid)
            .Set("SITEID", row.SiteId)
            .Set("COUNTRY", row.Country)
            .Set("AGE", row.Age)
            .Set("AGEU", row.Age is null ? null : "YEARS")
            .Set("SEX", row.Sex)
            .Set("RACE", row.Race)
            .Set("ETHNIC", row.Ethnic)
            .Set("ARM", row.Arm)
            .Set("ACTARM", row.ActualArm)
            .Set("RANDFL", Flag(row.Randomized))
            .Set("SAFFL", Flag(row.Safety))
            .Set("FASFL", Flag(row.FullAnalysis))
            .Set("PPROTFL", Flag(row.PerProtocol))
            .Set("COMPLFL", Flag(row.Completed))
            .Set("TRTSEQP", row.PlannedSequence)
            .Set("TRTSEQA", row.ActualSequence);
        foreach (var period in row.Periods.Where(p => p.Period <= PeriodCount))
        {
            var xx = Xx(period.Period);
            values
                .Set($"TR{xx}P", period.Planned.Label)
                .Set($"TR{xx}PN", period.Planned.Number)
                .Set($"TR{xx}A", period.Actual?.Label)
                .Set($"TR{xx}AN", period.Actual?.Number)
                .Set($"TR{xx}SDTM", SasDateTime(period.TreatmentStart))
                .Set($"TR{xx}EDTM", SasDateTime(period.TreatmentEnd))
                .Set($"AP{xx}SDTM", SasDateTime(period.PeriodStart))
                .Set($"AP{xx}EDTM", SasDateTime(period.PeriodEnd));
            if (period.Period > 1)
            {
                values.Set($"WASH{xx}H", period.WashoutBefore is { } washout ? washout.TotalMinutes / 60d : null);
            }
        }

        return values
            .Set("RANDDT", SasDate(row.RandomizationDate))
            .Set("TRTSDTM", SasDateTime(row.TreatmentStart))
            .Set("TRTEDTM", SasDateTime(row.TreatmentEnd))
            .Set("TRTSDT", SasDate(row.TreatmentStart))
            .Set("TRTEDT", SasDate(row.TreatmentEnd))
            .Set("EOSSTT", row.EndOfStudyStatus)
            .Set("DCSREAS", row.DiscontinuationReason)
            .Set("CBRKFL", Flag(row.CodeBroken))
            .Set("CBRKPER", row.CodeBreakPeriod)
            .Set("CBRKDTM", SasDateTime(row.CodeBreakAt));
    }

    public SdtmRow Row(BdsRow row)
    {
        var values = new SdtmRow(Adqs)
            .Set("STUDYID", row.StudyId)
            .Set("USUBJID", row.Usubjid)
            .Set("SUBJID", row.Subjid)
            .Set("SITEID", row.SiteId)
            .Set("TRTSEQP", row.PlannedSequence)
            .Set("APERIOD", row.Period)
            .Set("APERIODC", PeriodText(row.Period))
            .Set("TRTP", row.Planned.Label)
            .Set("TRTPN", row.Planned.Number)
            .Set("TRTA", row.Actual?.Label)
            .Set("TRTAN", row.Actual?.Number)
            .Set("PARAMCD", row.ParamCode)
            .Set("PARAM", row.Param)
            .Set("ATPT", row.Timepoint)
            .Set("ATPTN", row.TimepointNumber)
            .Set("ADTM", SasDateTime(row.AnalysisTime))
            .Set("AVAL", row.Value)
            .Set("BASE", row.Baseline)
            .Set("ABLFL", row.IsBaseline ? "Y" : null)
            .Set("CHG", row.Change)
            .Set("PCHG", row.PercentChange);
        for (var i = 0; i < row.Criteria.Count && i < CriterionCount; i++)
        {
            var criterion = row.Criteria[i];
            var y = (i + 1).ToString(CultureInfo.InvariantCulture);
            values.Set($"CRIT{y}", criterion.Text).Set($"CRIT{y}FL", criterion.Met is { } met ? Flag(met) : null);
        }

        return values.Set("ANL01FL", row.PrimaryTimepoint ? "Y" : null);
    }

    public SdtmRow Row(AdaeRow row) =>
        new SdtmRow(Adae)
            .Set("STUDYID", row.StudyId)
            .Set("USUBJID", row.Usubjid)
            .Set("SUBJID", row.Subjid)
            .Set("SITEID", row.SiteId)
            .Set("TRTSEQP", row.PlannedSequence)
            .Set("AESEQ", row.Sequence)
            .Set("AESPID", row.AdverseEventId)
            .Set("AETERM", row.Term)
            .Set("AEDECOD", row.DecodedTerm)
            .Set("AEBODSYS", row.BodySystem)
            .Set("AELLTCD", row.LltCode)
            .Set("AESER", Flag(row.Serious))
            .Set("AEREL", row.Causality)
            .Set("AETOXGR", row.Grade.ToString(CultureInfo.InvariantCulture))
            .Set("AEOUT", row.Outcome)
            .Set("AESTDTC", row.OnsetText)
            .Set("AEENDTC", row.EndText)
            .Set("ASTDTM", SasDateTime(row.OnsetTime))
            .Set("ASTDT", SasDate(row.OnsetDate))
            .Set("AENDT", SasDate(row.EndDate))
            .Set("APERIOD", row.Period)
            .Set("APERIODC", row.Period is { } period ? PeriodText(period) : null)
            .Set("TRTA", row.Actual?.Label)
            .Set("TRTAN", row.Actual?.Number)
            .Set("TRTEMFL", row.TreatmentEmergent ? "Y" : null);

    private static string Flag(bool value) => value ? "Y" : "N";

    private static List<XptVariable> AdslVariables(int periods)
    {
        var variables = new List<XptVariable>
        {
            Studyid, Usubjid, Subjid, Siteid,
            C("COUNTRY", "Country", 3),
            N("AGE", "Age"),
            C("AGEU", "Age Units", 10),
            C("SEX", "Sex", 8),
            C("RACE", "Race", 60),
            C("ETHNIC", "Ethnicity", 60),
            C("ARM", "Description of Planned Arm", 200),
            C("ACTARM", "Description of Actual Arm", 200),
            C("RANDFL", "Randomized Population Flag", 1),
            C("SAFFL", "Safety Population Flag", 1),
            C("FASFL", "Full Analysis Set Population Flag", 1),
            C("PPROTFL", "Per-Protocol Population Flag", 1),
            C("COMPLFL", "Completers Population Flag", 1),
            C("TRTSEQP", "Planned Sequence of Treatments", 200),
            C("TRTSEQA", "Actual Sequence of Treatments", 200),
        };
        for (var period = 1; period <= periods; period++)
        {
            var xx = Xx(period);
            variables.Add(C($"TR{xx}P", $"Planned Treatment for Period {xx}", 200));
            variables.Add(N($"TR{xx}PN", $"Planned Treatment for Period {xx} (N)"));
            variables.Add(C($"TR{xx}A", $"Actual Treatment for Period {xx}", 200));
            variables.Add(N($"TR{xx}AN", $"Actual Treatment for Period {xx} (N)"));
        }

        for (var period = 1; period <= periods; period++)
        {
            var xx = Xx(period);
            variables.Add(Dtm($"TR{xx}SDTM", $"Datetime of First Exposure in Period {xx}"));
            variables.Add(Dtm($"TR{xx}EDTM", $"Datetime of Last Exposure in Period {xx}"));
        }

        for (var period = 1; period <= periods; period++)
        {
            var xx = Xx(period);
            variables.Add(Dtm($"AP{xx}SDTM", $"Period {xx} Start Datetime"));
            variables.Add(Dtm($"AP{xx}EDTM", $"Period {xx} End Datetime"));
        }

        for (var period = 2; period <= periods; period++)
        {
            var xx = Xx(period);
            variables.Add(N($"WASH{xx}H", $"Washout Achieved Before Period {xx} (h)"));
        }

        variables.AddRange(
        [
            Dt("RANDDT", "Date of Randomization"),
            Dtm("TRTSDTM", "Datetime of First Exposure to Treatment"),
            Dtm("TRTEDTM", "Datetime of Last Exposure to Treatment"),
            Dt("TRTSDT", "Date of First Exposure to Treatment"),
            Dt("TRTEDT", "Date of Last Exposure to Treatment"),
            C("EOSSTT", "End of Study Status", 20),
            C("DCSREAS", "Reason for Discontinuation from Study", 60),
            C("CBRKFL", "Emergency Code Break Flag", 1),
            N("CBRKPER", "Period of Emergency Code Break"),
            Dtm("CBRKDTM", "Datetime of Emergency Code Break"),
        ]);
        return variables;
    }

    private static List<XptVariable> AdqsVariables(int criteria)
    {
        var variables = new List<XptVariable>
        {
            Studyid, Usubjid, Subjid, Siteid,
            C("TRTSEQP", "Planned Sequence of Treatments", 200),
            N("APERIOD", "Period"),
            C("APERIODC", "Period (C)", 20),
            C("TRTP", "Planned Treatment", 200),
            N("TRTPN", "Planned Treatment (N)"),
            C("TRTA", "Actual Treatment", 200),
            N("TRTAN", "Actual Treatment (N)"),
            C("PARAMCD", "Parameter Code", 8),
            C("PARAM", "Parameter", 200),
            C("ATPT", "Analysis Timepoint", 40),
            N("ATPTN", "Analysis Timepoint (N)"),
            Dtm("ADTM", "Analysis Datetime"),
            N("AVAL", "Analysis Value"),
            N("BASE", "Baseline Value"),
            C("ABLFL", "Baseline Record Flag", 1),
            N("CHG", "Change from Baseline"),
            N("PCHG", "Percent Change from Baseline"),
        };
        for (var y = 1; y <= criteria; y++)
        {
            var number = y.ToString(CultureInfo.InvariantCulture);
            variables.Add(C($"CRIT{number}", $"Analysis Criterion {number}", 40));
            variables.Add(C($"CRIT{number}FL", $"Criterion {number} Evaluation Result Flag", 1));
        }

        variables.Add(C("ANL01FL", "Analysis Flag 01: Primary Time Point", 1));
        return variables;
    }

    private static List<XptVariable> AdaeVariables() =>
    [
        Studyid, Usubjid, Subjid, Siteid,
        C("TRTSEQP", "Planned Sequence of Treatments", 200),
        N("AESEQ", "Sequence Number"),
        C("AESPID", "Sponsor-Defined Identifier", 40),
        C("AETERM", "Reported Term for the Adverse Event", 200),
        C("AEDECOD", "Dictionary-Derived Term", 200),
        C("AEBODSYS", "Body System or Organ Class", 200),
        N("AELLTCD", "Lowest Level Term Code"),
        C("AESER", "Serious Event", 1),
        C("AEREL", "Causality", 20),
        C("AETOXGR", "Standard Toxicity Grade", 1),
        C("AEOUT", "Outcome of Adverse Event", 40),
        C("AESTDTC", "Start Date/Time of Adverse Event", SdtmDomains.DtcLength),
        C("AEENDTC", "End Date/Time of Adverse Event", SdtmDomains.DtcLength),
        Dtm("ASTDTM", "Analysis Start Datetime"),
        Dt("ASTDT", "Analysis Start Date"),
        Dt("AENDT", "Analysis End Date"),
        N("APERIOD", "Period"),
        C("APERIODC", "Period (C)", 20),
        C("TRTA", "Actual Treatment", 200),
        N("TRTAN", "Actual Treatment (N)"),
        C("TRTEMFL", "Treatment Emergent Analysis Flag", 1),
    ];

    private static XptVariable Studyid => C("STUDYID", "Study Identifier", 20);

    private static XptVariable Usubjid => C("USUBJID", "Unique Subject Identifier", 40);

    private static XptVariable Subjid => C("SUBJID", "Subject Identifier for the Study", 20);

    private static XptVariable Siteid => C("SITEID", "Study Site Identifier", 20);

    private static XptVariable C(string name, string label, int length) => new(name, label, XptType.Character, length);

    private static XptVariable N(string name, string label) => new(name, label, XptType.Numeric, 8);

    private static XptVariable Dt(string name, string label) => new(name, label, XptType.Numeric, 8, DateFormat);

    private static XptVariable Dtm(string name, string label) => new(name, label, XptType.Numeric, 8, DateTimeFormat);
}
