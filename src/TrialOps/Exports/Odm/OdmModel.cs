using TrialOps.Cdisc;

namespace TrialOps.Exports.Odm;

public sealed record ItemSpec(string Oid, string Name, OdmDataType Type, string Question, string? CodeList = null, string? SasName = null);

public sealed record GroupSpec(string Oid, string Name, bool Repeating, IReadOnlyList<ItemSpec> Items, string? Domain = null);

public sealed record FormSpec(string Oid, string Name, bool Repeating, IReadOnlyList<GroupSpec> Groups);

public sealed record EventSpec(string Oid, string Name, bool Repeating, OdmEventType Type, IReadOnlyList<FormSpec> Forms);

/// <summary>
/// The study metadata of an export's ODM file: one StudyEvent per visit (screening, each period),
/// one for adverse events and one for the end of participation, with forms for what TrialOps
/// records. Protocol-dependent parts (eligibility criteria, periods) come from the protocol;
/// allocation items (arm, treatment per period) exist only in unblinded exports, so a blinded
/// file does not even declare them.
/// </summary>
public static class OdmModel
{
    public const string YesNoList = "CL.NY";

    public const string Screening = "SE.SCREENING";
    public const string AdverseEvents = "SE.AE";
    public const string End = "SE.END";

    public const string ScreeningForm = "F.SCREENING";
    public const string DosingForm = "F.DOSING";
    public const string VitalsForm = "F.VS";
    public const string ScalesForm = "F.QS";
    public const string AdverseEventForm = "F.AE";
    public const string DispositionForm = "F.DISPOSITION";

    public const string Consent = "IG.CONSENT";
    public const string Demographics = "IG.DM";
    public const string Eligibility = "IG.ELIG";
    public const string Randomization = "IG.RAND";
    public const string CodeBreak = "IG.CODEBREAK";
    public const string Dosing = "IG.DOSING";
    public const string DosingEvent = "IG.DOSEVT";
    public const string Deviation = "IG.DV";
    public const string Vitals = "IG.VS";
    public const string Scales = "IG.QS";
    public const string AdverseEvent = "IG.AE";
    public const string SaeReport = "IG.SAE";
    public const string SusarReport = "IG.SUSAR";
    public const string Disposition = "IG.DS";

    public static string PeriodEvent(int period) => $"SE.P{period}";

    public static string Item(string group, string name) => $"IT.{group[3..]}.{name}";

    public static IReadOnlyList<EventSpec> Build(ExportDesign design, IReadOnlyCollection<string> criterionCodes, int periodCount)
    {
        var consent = Group(Consent, "Informed consent", false, null,
            ("SITEID", OdmDataType.Text, "Site"),
            ("RFICDTC", OdmDataType.Date, "Date the consent form was signed"),
            ("CONSENTV", OdmDataType.Text, "Consent form version"));
        var demographics = Group(Demographics, "Demographics", false, "DM",
            ("BRTHDTC", OdmDataType.Date, "Date of birth"),
            ("AGE", OdmDataType.Integer, "Age in years (where the protocol collects age)"),
            ("SEX", OdmDataType.Text, "Sex (CDISC SEX)"),
            ("RACE", OdmDataType.Text, "Race (CDISC RACE)"),
            ("ETHNIC", OdmDataType.Text, "Ethnicity (CDISC ETHNIC)"));
        var eligibilityItems = new List<(string, OdmDataType, string)>
        {
            ("ELIGIBLE", OdmDataType.Text, "Eligible (Y/N)"),
            ("FAILCRIT", OdmDataType.Text, "Criteria not met"),
        };
        eligibilityItems.AddRange(criterionCodes.Select(code => ($"IE{code}", OdmDataType.Text, $"Criterion {code} applies (Y/N)")));
        var eligibility = Group(Eligibility, "Eligibility", false, "IE", [.. eligibilityItems]);

        var randomizationItems = new List<(string, OdmDataType, string)>
        {
            ("STRATUM", OdmDataType.Text, "Randomization stratum"),
            ("RANDDTC", OdmDataType.DateTime, "Randomized at"),
            ("RANDDAT", OdmDataType.Date, "Date of randomization (clinical date the site recorded)"),
        };
        randomizationItems.AddRange(Enumerable.Range(1, periodCount).Select(p => ($"KITP{p}", OdmDataType.Text, $"Kit number, period {p}")));
        if (!design.IsBlinded)
        {
            randomizationItems.Add(("ARMCD", OdmDataType.Text, "Planned arm (treatment sequence), unblinded"));
            randomizationItems.AddRange(Enumerable.Range(1, periodCount).Select(p => ($"TRTP{p}", OdmDataType.Text, $"Treatment, period {p}, unblinded")));
        }

        var randomization = Group(Randomization, "Randomization", false, null, [.. randomizationItems]);
        var codeBreak = Group(CodeBreak, "Emergency unblinding", true, null,
            ("CBDTC", OdmDataType.DateTime, "Blind broken at"),
            ("CBREASON", OdmDataType.Text, "Clinical justification"),
            ("CBPERIODS", OdmDataType.Text, "Periods no longer blind"));

        var dosing = Group(Dosing, "Dosing session", false, "EX",
            ("WEIGHT", OdmDataType.Float, "Weight (kg)"),
            ("WEIGHTDTC", OdmDataType.DateTime, "Weight measured at"),
            ("KIT", OdmDataType.Text, "Kit number prepared"),
            ("PREPDTC", OdmDataType.DateTime, "Prepared at"),
            ("PREPWT", OdmDataType.Float, "Weight the dose was calculated from (kg)"),
            ("CHECKEDBY", OdmDataType.Text, "Preparation checked by"),
            ("PREPCONFWT", OdmDataType.Float, "Corrected weight the prepared dose was confirmed for (kg)"),
            ("EXSTDTC", OdmDataType.DateTime, "Dosing started at"),
            ("EXENDTC", OdmDataType.DateTime, "Dosing stopped at"),
            ("COMPLETED", OdmDataType.Text, "Whole dose given (Y/N)"),
            ("STOPRSN", OdmDataType.Text, "Reason for stopping early"),
            ("SHORTRSN", OdmDataType.Text, "Reason a complete dose took much less time than planned"),
            ("WASHEND", OdmDataType.DateTime, "Washout ended at"));
        var dosingEvent = Group(DosingEvent, "Interruption, resumption or rate change", true, null,
            ("EVENT", OdmDataType.Text, "What happened"),
            ("EVENTDTC", OdmDataType.DateTime, "When"),
            ("RATE", OdmDataType.Float, "Pump rate (mL/h)"),
            ("REASON", OdmDataType.Text, "Reason"));
        var deviation = Group(Deviation, "Protocol deviation", true, "DV",
            ("DVTERM", OdmDataType.Text, "Kind of deviation"),
            ("DVDTC", OdmDataType.DateTime, "Occurred at"),
            ("DVDESC", OdmDataType.Text, "Description"),
            ("DVREASON", OdmDataType.Text, "Investigator's justification"));
        var vitals = Group(Vitals, "Vital signs at a timepoint", true, "VS",
            ("ASSESS", OdmDataType.Text, "Assessment code"),
            ("TPT", OdmDataType.Text, "Timepoint after dosing start (ISO 8601)"),
            ("VSDTC", OdmDataType.DateTime, "Measured at"),
            ("SYSBP", OdmDataType.Integer, "Systolic blood pressure (mmHg)"),
            ("DIABP", OdmDataType.Integer, "Diastolic blood pressure (mmHg)"),
            ("PULSE", OdmDataType.Integer, "Heart rate (beats/min)"),
            ("OXYSAT", OdmDataType.Integer, "Oxygen saturation (%)"),
            ("ALERT", OdmDataType.Text, "Safety limits exceeded"),
            ("OVERDUE", OdmDataType.Text, "Marked overdue (Y)"),
            ("VSSTAT", OdmDataType.Text, "Completion status (NOT DONE)"),
            ("VSREASND", OdmDataType.Text, "Reason not done"));
        var scales = Group(Scales, "Scale assessment at a timepoint", true, "QS",
            ("QSTESTCD", OdmDataType.Text, "Assessment code"),
            ("TPT", OdmDataType.Text, "Timepoint after dosing start (ISO 8601)"),
            ("QSDTC", OdmDataType.DateTime, "Assessed at"),
            ("QSORRES", OdmDataType.Float, "Value"),
            ("QSORRESU", OdmDataType.Text, "Unit"),
            ("OVERDUE", OdmDataType.Text, "Marked overdue (Y)"),
            ("QSSTAT", OdmDataType.Text, "Completion status (NOT DONE)"),
            ("QSREASND", OdmDataType.Text, "Reason not done"));
        var adverseEventItems = new List<(string, OdmDataType, string)>
        {
            ("AETERM", OdmDataType.Text, "CTCAE v5.0 term"),
            ("AELLTCD", OdmDataType.Integer, "MedDRA code"),
            ("AESTDTC", OdmDataType.Text, "Onset (ISO 8601, may be partial)"),
            ("AEENDTC", OdmDataType.Text, "End (ISO 8601, may be partial)"),
            ("AETOXGR", OdmDataType.Integer, "CTCAE grade"),
            ("AESER", OdmDataType.Text, "Serious (Y/N)"),
            ("AESCRIT", OdmDataType.Text, "Seriousness criteria"),
            ("AEREL", OdmDataType.Text, "Causality"),
            ("AEACN", OdmDataType.Text, "Action taken with study treatment"),
            ("AEOUT", OdmDataType.Text, "Outcome"),
            ("AWAREDTC", OdmDataType.DateTime, "Site aware at"),
            ("PERIOD", OdmDataType.Integer, "Period at onset"),
            ("SAEDUE", OdmDataType.DateTime, "Report to sponsor due at"),
            ("SAEOVERDUE", OdmDataType.Text, "Sponsor report overdue (Y)"),
            ("AEEXPECT", OdmDataType.Text, "Expectedness assessed by the medical monitor against the reference safety information (EXPECTED/UNEXPECTED)"),
            ("AEEXPSUG", OdmDataType.Text, "Expectedness the protocol's expected terms suggested (EXPECTED/UNEXPECTED)"),
            ("AEEXPTRM", OdmDataType.Integer, "Expected term (MedDRA code) that matched"),
            ("AEEXPDTC", OdmDataType.DateTime, "Expectedness assessed at"),
            ("AEEXPRSN", OdmDataType.Text, "Reason for an expectedness other than suggested"),
            ("SUSAR", OdmDataType.Text, "Suspected unexpected serious adverse reaction (Y)"),
            ("SUSDAY0", OdmDataType.Date, "Expedited reporting day 0 (sponsor aware, UTC)"),
            ("SUSFATAL", OdmDataType.Text, "Fatal or life-threatening: 7-day report and follow-up (Y/N)"),
            ("SUSIDUE", OdmDataType.Date, "Initial expedited report due by the end of (UTC)"),
            ("SUSFDUE", OdmDataType.Date, "Follow-up expedited report due by the end of (UTC)"),
        };
        if (!design.IsBlinded)
        {
            adverseEventItems.Add(("SUSREVDTC", OdmDataType.DateTime, "Treatment at onset opened by the safety officer at, unblinded"));
            adverseEventItems.Add(("SUSREVRSN", OdmDataType.Text, "Reason the safety officer opened the treatment at onset, unblinded"));
        }

        var adverseEvent = Group(AdverseEvent, "Adverse event", false, "AE", [.. adverseEventItems]);
        var susarItems = new List<(string, OdmDataType, string)>
        {
            ("SUSDTC", OdmDataType.Date, "Submitted on"),
            ("SUSAUTH", OdmDataType.Text, "Authority"),
            ("SUSREF", OdmDataType.Text, "Authority or safety database reference"),
            ("SUSDUE", OdmDataType.Date, "Due by the end of (UTC)"),
            ("SUSLATE", OdmDataType.Text, "Submitted late (Y/N)"),
            ("SUSOVER", OdmDataType.Text, "Marked overdue (Y)"),
        };
        if (!design.IsBlinded)
        {
            susarItems.Add(("SUSTEXT", OdmDataType.Text, "What was submitted, unblinded"));
        }

        var susarReport = Group(SusarReport, "Expedited SUSAR report to an authority", true, null, [.. susarItems]);
        var saeReport = Group(SaeReport, "Report to the sponsor", true, null,
            ("SAEDTC", OdmDataType.DateTime, "Sent at"),
            ("SAEREF", OdmDataType.Text, "Sponsor reference"),
            ("SAELATE", OdmDataType.Text, "Sent late (Y/N)"),
            ("SAEINFO", OdmDataType.Text, "Follow-up information"));
        var disposition = Group(Disposition, "Disposition", false, "DS",
            ("DSDECOD", OdmDataType.Text, "Disposition"),
            ("DSTERM", OdmDataType.Text, "Details"),
            ("DSSTDTC", OdmDataType.DateTime, "At"),
            ("PERIODS", OdmDataType.Integer, "Periods completed"));

        var screeningForm = new FormSpec(ScreeningForm, "Screening and randomization", false, [consent, eligibility, randomization, codeBreak, demographics]);
        var dosingForm = new FormSpec(DosingForm, "Dosing session", false, [dosing, dosingEvent, deviation]);
        var vitalsForm = new FormSpec(VitalsForm, "Vital signs", false, [vitals]);
        var scalesForm = new FormSpec(ScalesForm, "Scale assessments", false, [scales]);
        var events = new List<EventSpec> { new(Screening, "Screening", false, OdmEventType.Scheduled, [screeningForm]) };
        events.AddRange(Enumerable.Range(1, periodCount).Select(p =>
            new EventSpec(PeriodEvent(p), $"Period {p}", false, OdmEventType.Scheduled, [dosingForm, vitalsForm, scalesForm])));
        events.Add(new EventSpec(AdverseEvents, "Adverse events", false, OdmEventType.Common,
            [new FormSpec(AdverseEventForm, "Adverse event", true, [adverseEvent, saeReport, susarReport])]));
        events.Add(new EventSpec(End, "End of participation", false, OdmEventType.Scheduled,
            [new FormSpec(DispositionForm, "Disposition", false, [disposition])]));
        return events;
    }

    private static GroupSpec Group(string oid, string name, bool repeating, string? domain, params (string Name, OdmDataType Type, string Question)[] items) =>
        new(oid, name, repeating, items.Select(i => new ItemSpec(
            Item(oid, i.Name),
            i.Name,
            i.Type,
            i.Question,
            i.Question.EndsWith("(Y/N)", StringComparison.Ordinal) ? YesNoList : null,
            SasName(i.Name))).ToArray(), domain);

    private static string? SasName(string name) =>
        name.Length is >= 1 and <= 8 && (char.IsAsciiLetterUpper(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')
            ? name
            : null;
}
