using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Dosing;
using TrialOps.Exports.Define;
using TrialOps.Meddra;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Exports.Sdtm;

/// <summary>
/// Writes the SDTM datasets of an export. The trial design datasets (TA, TE, TV, TI) come from
/// the protocol version in force; the subject datasets get each subject's rows as that subject is
/// read (subjects arrive in USUBJID order, so every file is sorted by USUBJID, then by time or
/// planned order within the subject, never by arm); TS is written last because it reports counts
/// and the study start date.
/// </summary>
public sealed class SdtmWriter : IDisposable
{
    private readonly ExportDesign _design;
    private readonly MeddraDictionary? _meddra;
    private readonly Dictionary<string, DomainFile> _files = new(StringComparer.Ordinal);
    private readonly CriterionCodes _criterionCodes;
    private DateOnly? _firstConsent;
    private int _randomized;

    /// <param name="meddra">The MedDRA version AEs are coded with, or null when none was imported (see <see cref="MeddraCoding"/>).</param>
    public SdtmWriter(string directory, ExportDesign design, DateTime created, MeddraDictionary? meddra = null)
    {
        _design = design;
        _meddra = meddra;
        _criterionCodes = CriterionCodes.For(design.Trial.Versions.Select(v => v.Definition));
        try
        {
            foreach (var domain in SdtmDomains.For(TsValueParts(design.Protocol)).Concat(SdtmDomains.WhereNeeded))
            {
                _files[domain.Code] = DomainFile.Create(directory, domain, design.StudyId, created, Facts);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private string StudyId => _design.StudyId;

    /// <summary>What define.xml needs from the rows written (codelist values, value-level facts).</summary>
    public DefineFacts Facts { get; } = new();

    /// <summary>The datasets as written, in export order, with the XPT's lengths; after <see cref="Complete"/>.</summary>
    public IReadOnlyList<WrittenDataset> Written =>
        [.. _files.Values.Select(f => new WrittenDataset(f.Written ?? throw new InvalidOperationException($"{f.Domain.Code} is not complete yet."), f.RowCount))];

    /// <summary>How many TSVAL columns the longest TS value of this protocol needs (its title).</summary>
    private static int TsValueParts(ProtocolDefinition protocol) =>
        SdtmDomains.SplitValue(Common.AsciiText.ToAscii(protocol.Title) ?? protocol.Title).Count;

    private ProtocolDefinition Protocol => _design.Protocol;

    public void WriteTrialDesign()
    {
        var ta = _files["TA"];
        foreach (var arm in _design.Arms)
        {
            foreach (var (order, code, name, epoch) in _design.PlannedElements(arm))
            {
                ta.Write(
                    SdtmDomains.TA.NewRow(StudyId)
                        .Set("ARMCD", arm.Code)
                        .Set("ARM", arm.Description)
                        .Set("TAETORD", order)
                        .Set("ETCD", code)
                        .Set("ELEMENT", name)
                        .Set("TABRANCH", order == 1 ? (_design.IsBlinded ? "Randomized" : $"Randomized to {arm.Code}") : null)
                        .Set("EPOCH", epoch),
                    null);
            }
        }

        var te = _files["TE"];
        te.Write(SdtmDomains.TE.NewRow(StudyId).Set("ETCD", ExportDesign.ScreeningCode).Set("ELEMENT", "Screening")
            .Set("TESTRL", "Informed consent").Set("TEENRL", "Start of dosing in period 1"), null);
        Treatment?[] treatments = _design.IsBlinded ? [null] : [.. Protocol.Treatments];
        foreach (var treatment in treatments)
        {
            var (code, name) = _design.TreatmentElement(treatment);
            te.Write(SdtmDomains.TE.NewRow(StudyId).Set("ETCD", code).Set("ELEMENT", name)
                .Set("TESTRL", "Start of dosing in a period")
                .Set("TEENRL", $"The later of the end of dosing and the last scheduled assessment ({_design.ObservationIso} after the start of dosing), or the start of dosing in the next period if that is earlier")
                .Set("TEDUR", _design.ObservationIso), null);
        }

        if (_design.PeriodCount > 1)
        {
            te.Write(SdtmDomains.TE.NewRow(StudyId).Set("ETCD", ExportDesign.WashoutCode).Set("ELEMENT", "Washout")
                .Set("TESTRL", "End of the preceding treatment element")
                .Set("TEENRL", $"Start of dosing in the next period, at least {Protocol.Washout.Iso} after the end of dosing in the preceding period"), null);
        }

        te.Write(SdtmDomains.TE.NewRow(StudyId).Set("ETCD", ExportDesign.FollowUpCode).Set("ELEMENT", "Follow-up")
            .Set("TESTRL", "End of the last treatment element").Set("TEENRL", "Completion of the trial or withdrawal"), null);

        var tv = _files["TV"];
        tv.Write(SdtmDomains.TV.NewRow(StudyId).Set("VISITNUM", 1).Set("VISIT", "SCREENING")
            .Set("TVSTRL", "Informed consent").Set("TVENRL", "Eligibility decided; randomization of an eligible participant"), null);
        for (var period = 1; period <= _design.PeriodCount; period++)
        {
            var (number, name) = ExportDesign.Visit(period);
            tv.Write(SdtmDomains.TV.NewRow(StudyId).Set("VISITNUM", number).Set("VISIT", name)
                .Set("TVSTRL", $"Dosing session of period {period}: weight measured before the start of dosing")
                .Set("TVENRL", $"Last scheduled assessment of period {period}, {_design.ObservationIso} after the start of dosing"), null);
        }

        // The criteria of the protocol version in force at the export's point (TIVERS); a subject's
        // IE record quotes the version the investigator answered.
        var ti = _files["TI"];
        foreach (var (criterion, category) in Criteria(Protocol))
        {
            ti.Write(SdtmDomains.TI.NewRow(StudyId).Set("IETESTCD", _criterionCodes.Of(criterion.Code)).Set("IETEST", criterion.Text)
                .Set("IECAT", category).Set("TIVERS", Iso.Number(Protocol.Version)), null);
        }
    }

    private static IEnumerable<(EligibilityCriterion Criterion, string Category)> Criteria(ProtocolDefinition protocol) =>
        protocol.Eligibility.Inclusion.Select(c => (c, "INCLUSION")).Concat(protocol.Eligibility.Exclusion.Select(c => (c, "EXCLUSION")));

    public void WriteSubject(SubjectHistory subject)
    {
        var usubjid = _design.UsubjidOf(subject.Subject);
        if (subject.State.ConsentDate is { } consent && (_firstConsent is null || consent < _firstConsent))
        {
            _firstConsent = consent;
        }

        if (subject.Randomization is not null)
        {
            _randomized++;
        }

        WriteDm(subject, usubjid);
        WriteSe(subject, usubjid);
        WriteSv(subject, usubjid);
        WriteEx(subject, usubjid);
        WriteEc(subject, usubjid);
        WriteAe(subject, usubjid);
        WriteVs(subject, usubjid);
        WriteQs(subject, usubjid);
        WriteDs(subject, usubjid);
        WriteIe(subject, usubjid);
        WriteDv(subject, usubjid);
    }

    /// <summary>
    /// TS, then flushes every file. Call once, after the last subject. Returns the files with their
    /// SHA-256; a supplemental dataset no subject needed is removed (SUPP-- only where needed).
    /// </summary>
    public IReadOnlyList<ExportedFile> Complete()
    {
        WriteTs();
        foreach (var domain in SdtmDomains.WhereNeeded)
        {
            var file = _files[domain.Code];
            if (file.RowCount == 0)
            {
                file.Discard();
                _files.Remove(domain.Code);
            }
        }

        return _files.Values.SelectMany(file => file.Complete()).ToArray();
    }

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }
    }

    private void WriteDm(SubjectHistory subject, string usubjid)
    {
        var state = subject.State;
        var firstDose = subject.FirstDose;
        var at = TimesOf(subject);
        var lastDoseEnd = subject.DosedPeriods.Select(p => state.Session(p).StoppedAt).Where(t => t is not null).Max();
        var randomized = subject.Randomization is not null;
        var dosed = subject.DosedPeriods.Count > 0;
        var arm = randomized ? _design.ArmOf(subject.Subject) : null;
        var (deathFlag, deathDate) = Death(subject, at);

        // AGE in completed years at informed consent (RFICDTC), or as collected where the protocol collects age.
        var demographics = state.Demographics;
        var age = demographics?.AgeOn(state.ConsentDate);
        var armNullReason = !randomized
            ? (state.Status == ParticipantStatus.ScreenFailed ? "SCREEN FAILURE" : "NOT ASSIGNED")
            : !dosed ? "ASSIGNED, NOT TREATED" : null;
        _files["DM"].Write(
            SdtmDomains.DM.NewRow(StudyId)
                .Set("USUBJID", usubjid)
                .Set("SUBJID", subject.Subject)
                .Set("RFSTDTC", at.Dtc(firstDose))
                .Set("RFENDTC", dosed ? at.Dtc(subject.EndedAt) : null)
                .Set("RFXSTDTC", at.Dtc(firstDose))
                .Set("RFXENDTC", at.Dtc(lastDoseEnd))
                .Set("RFICDTC", Iso.Date(state.ConsentDate))
                .Set("RFPENDTC", at.Dtc(subject.EndedAt))
                .Set("DTHDTC", deathDate)
                .Set("DTHFL", deathFlag)
                .Set("SITEID", subject.Site)
                .Set("BRTHDTC", Iso.Date(demographics?.BirthDate))
                .Set("AGE", age)
                .Set("AGEU", age is null ? null : "YEARS")
                .Set("SEX", demographics?.Sex ?? "U")
                .Set("RACE", demographics?.Race)
                .Set("ETHNIC", demographics?.Ethnicity)
                .Set("COUNTRY", Protocol.Sites.FirstOrDefault(s => s.Code == subject.Site)?.Country)
                .Set("ARMCD", arm?.Code)
                .Set("ARM", arm?.Description)
                .Set("ACTARMCD", dosed ? arm?.Code : null)
                .Set("ACTARM", dosed ? arm?.Description : null)
                .Set("ARMNRS", armNullReason)
                .Set("DMDTC", at.Dtc(subject.ScreenedAt))
                .Set("DMDY", at.Day(subject.ScreenedAt)),
            usubjid);
    }

    private static (string? Flag, string? Date) Death(SubjectHistory subject, SubjectTimes at)
    {
        if (subject.Withdrawal?.Data is ParticipantWithdrawn { Reason: WithdrawalReason.Death } withdrawn)
        {
            return ("Y", at.Dtc(withdrawn.WithdrawnAt));
        }

        var fatal = subject.AdverseEvents.FirstOrDefault(c => c.State.Details!.Outcome == AdverseEventOutcome.Fatal);
        return fatal is null ? (null, null) : ("Y", at.Dtc(fatal.State.Details!.End));
    }

    private void WriteSe(SubjectHistory subject, string usubjid)
    {
        var sequence = 0;
        var at = TimesOf(subject);
        foreach (var element in subject.Elements)
        {
            var (code, name) = _design.ElementOf(element, subject.Subject);
            _files["SE"].Write(
                SdtmDomains.SE.NewRow(StudyId)
                    .Set("USUBJID", usubjid)
                    .Set("SESEQ", ++sequence)
                    .Set("ETCD", code)
                    .Set("ELEMENT", name)
                    .Set("TAETORD", element.TaetOrd(_design.PeriodCount))
                    .Set("EPOCH", element.Epoch)
                    .Set("SESTDTC", element.StartIsDate ? at.Date(element.Start) : at.Dtc(element.Start))
                    .Set("SEENDTC", at.Dtc(element.End))
                    .Set("SESTDY", at.Day(element.Start))
                    .Set("SEENDY", at.Day(element.End)),
                usubjid);
        }
    }

    private void WriteSv(SubjectHistory subject, string usubjid)
    {
        var state = subject.State;
        var at = TimesOf(subject);
        if (state.ConsentDate is { } consent)
        {
            // Screening ends at randomization, on the clinical date the site recorded; a participant
            // never randomized ends it when the eligibility or screen failure was recorded (no clinical date exists for those).
            var row = SdtmDomains.SV.NewRow(StudyId)
                .Set("USUBJID", usubjid)
                .Set("VISITNUM", 1)
                .Set("VISIT", "SCREENING")
                .Set("EPOCH", "SCREENING")
                .Set("SVSTDTC", Iso.Date(consent))
                .Set("SVSTDY", at.Day(consent));
            if (subject.Randomization?.Data is ParticipantRandomized randomized)
            {
                var randomizedOn = randomized.ClinicalDate();
                row.Set("SVENDTC", Iso.Date(randomizedOn)).Set("SVENDY", at.Day(randomizedOn));
            }
            else
            {
                var screeningEnd = new[]
                {
                    subject.Eligibility?.ConfirmedAt,
                    (subject.ScreenFailure?.Data as ParticipantScreenFailed)?.RecordedAt,
                }.Where(t => t is not null).Max() ?? subject.ScreenedAt;
                row.Set("SVENDTC", at.Dtc(screeningEnd)).Set("SVENDY", at.Day(screeningEnd));
            }

            _files["SV"].Write(row, usubjid);
        }

        foreach (var period in PeriodsWithData(subject))
        {
            var session = state.Session(period);
            var times = new List<DateTimeOffset>();
            AddIf(times, session.WeightMeasuredAt);
            AddIf(times, session.Preparation?.PreparedAt);
            AddIf(times, session.StartedAt);
            AddIf(times, session.StoppedAt);
            times.AddRange(state.Assessments.Values.Where(a => a.Key.Period == period).Select(a => a.ClinicalTime));
            if (times.Count == 0)
            {
                continue;
            }

            var (number, name) = ExportDesign.Visit(period);
            var start = times.Min();
            var end = times.Max();
            _files["SV"].Write(
                SdtmDomains.SV.NewRow(StudyId)
                    .Set("USUBJID", usubjid)
                    .Set("VISITNUM", number)
                    .Set("VISIT", name)
                    .Set("EPOCH", subject.EpochAt(session.StartedAt ?? start))
                    .Set("SVSTDTC", at.Dtc(start))
                    .Set("SVENDTC", at.Dtc(end))
                    .Set("SVSTDY", at.Day(start))
                    .Set("SVENDY", at.Day(end)),
                usubjid);
        }
    }

    /// <summary>
    /// EX as given (ADR 0019): per period, one record per dose component and per constant-rate
    /// interval (a rate change or an interruption starts a new record), EXDOSE the amount that
    /// interval actually delivered (<see cref="ExposureAsGiven"/>), EXADJ why it differs from the
    /// plan (rate change, interruption, early stop, a confirmed short infusion, a cap). Blinded: the
    /// records and volumes are those every arm would have (components split only when every arm has
    /// the same components), and a cap, which only an active arm has, is never mentioned.
    /// </summary>
    private void WriteEx(SubjectHistory subject, string usubjid)
    {
        var sequence = 0;
        var at = TimesOf(subject);
        foreach (var period in subject.DosedPeriods)
        {
            var session = subject.State.Session(period);
            var started = session.StartedAt!.Value;
            var version = VersionAt(subject, period);
            var weight = session.Preparation?.WeightKg ?? session.WeightKg;
            var treatment = _design.TreatmentOf(subject.Subject, period);
            var blinded = BlindedSession.For(version, weight);
            IReadOnlyList<PlannedPart> parts;
            string? unit;
            var kinds = new Dictionary<int, string>();
            string? cap = null;
            if (treatment is not null)
            {
                var versionTreatment = version.Treatments.FirstOrDefault(t => t.Code == treatment.Code) ?? treatment;
                unit = versionTreatment.BaseUnit.Symbol();
                if (weight is { } kg)
                {
                    var dose = DoseCalculator.Calculate(versionTreatment, kg);
                    parts = [.. dose.Components.Select(c => new PlannedPart(c.Order, c.Component.Minutes == 0, c.Amount, c.VolumeMl ?? (blinded.VolumeMl is null ? null : c.Amount), c.Duration))];
                    if (dose.Capped)
                    {
                        cap = $"Capped at the protocol maximum of {Iso.Number(dose.Total)} {unit} (uncapped {Iso.Number(Math.Round(dose.UncappedTotal, 4))} {unit})";
                    }
                }
                else
                {
                    parts = [.. versionTreatment.Components.Select((c, i) => new PlannedPart(i + 1, c.Minutes == 0, null, null, c.Duration))];
                }

                for (var i = 0; i < versionTreatment.Components.Count; i++)
                {
                    kinds[i + 1] = versionTreatment.Components[i] is Bolus ? "BOLUS" : "INFUSION";
                }
            }
            else
            {
                parts = blinded.Parts;
                unit = blinded.VolumeMl is null ? null : "mL";
                foreach (var (component, kind) in blinded.Kinds)
                {
                    kinds[component] = kind;
                }
            }

            subject.ShortInfusionReasons.TryGetValue(period, out var shortInfusion);
            subject.EarlyStopReasons.TryGetValue(period, out var earlyStop);
            var intervals = ExposureAsGiven.Intervals(parts, started, session.StoppedAt, session.Completed == true, PumpChanges(subject, period), earlyStop);
            var (visitNumber, visitName) = ExportDesign.Visit(period);
            var route = treatment?.Route ?? _design.CommonRoute;
            var kit = session.Preparation?.Kit.ToString() ?? (subject.State.Kits.TryGetValue(period, out var assigned) ? assigned.ToString() : null);
            foreach (var interval in intervals)
            {
                var adjustments = new List<string>(interval.Adjustments);
                if (shortInfusion is not null)
                {
                    adjustments.Add($"Complete in less time than planned: {shortInfusion}");
                }

                if (cap is not null)
                {
                    adjustments.Add(cap);
                }

                _files["EX"].Write(
                    SdtmDomains.EX.NewRow(StudyId)
                        .Set("USUBJID", usubjid)
                        .Set("EXSEQ", ++sequence)
                        .Set("EXREFID", kit)
                        .Set("EXLNKID", AdministrationLink(period))
                        .Set("EXTRT", treatment?.Label ?? ExportDesign.BlindedTreatmentName)
                        .Set("EXCAT", kinds.GetValueOrDefault(interval.Component))
                        .Set("EXDOSE", interval.Amount is { } amount ? Math.Round(amount, 4) : null)
                        .Set("EXDOSU", interval.Amount is null ? null : unit)
                        .Set("EXDOSFRM", route is null ? null : CdiscTerms.DoseForm(route))
                        .Set("EXDOSFRQ", "ONCE")
                        .Set("EXROUTE", route)
                        .Set("EXADJ", Long("EX", "EXADJ", adjustments.Count == 0 ? null : string.Join("; ", adjustments), usubjid, sequence))
                        .Set("VISITNUM", visitNumber)
                        .Set("VISIT", visitName)
                        .Set("EPOCH", subject.EpochAt(interval.Start))
                        .Set("EXSTDTC", at.Dtc(interval.Start))
                        .Set("EXENDTC", at.Dtc(interval.End))
                        .Set("EXSTDY", at.Day(interval.Start))
                        .Set("EXENDY", at.Day(interval.End)),
                    usubjid);
            }
        }
    }

    /// <summary>
    /// EXLNKID/ECLNKID: the administration of a period, the same in EX (as given) and EC (as
    /// collected), and in blinded and unblinded exports, so a reviewer can join each EX record to
    /// the EC records of its administration; it names the period, nothing about the treatment.
    /// </summary>
    private static string AdministrationLink(int period) => $"PERIOD {Iso.Number(period)} DOSING";

    /// <summary>
    /// EC, exposure as collected: what the bedside staff were told and recorded, the same in a
    /// blinded and an unblinded export (ECTRT names the treatment only in an unblinded export of an
    /// open-label trial, where staff saw it). One record per constant-rate interval of the session
    /// (start, rate changes, interruptions, stop), ECDOSE the volume in mL where every arm has the
    /// same volume at this weight, ECDOSRGM the instruction staff followed, a rate staff set in SUPPEC ECRATE.
    /// </summary>
    private void WriteEc(SubjectHistory subject, string usubjid)
    {
        var sequence = 0;
        var at = TimesOf(subject);
        foreach (var period in subject.DosedPeriods)
        {
            var session = subject.State.Session(period);
            var version = VersionAt(subject, period);
            var weight = session.Preparation?.WeightKg ?? session.WeightKg;
            var blinded = BlindedSession.For(version, weight);
            subject.EarlyStopReasons.TryGetValue(period, out var earlyStop);
            subject.ShortInfusionReasons.TryGetValue(period, out var shortInfusion);
            var intervals = ExposureAsGiven.Intervals(blinded.Parts, session.StartedAt!.Value, session.StoppedAt, session.Completed == true, PumpChanges(subject, period), earlyStop);
            var (visitNumber, visitName) = ExportDesign.Visit(period);
            var openTreatment = !_design.IsBlinded && Protocol.Blinding == BlindingLevel.OpenLabel ? _design.TreatmentOf(subject.Subject, period) : null;
            var route = openTreatment?.Route ?? _design.CommonRoute;
            foreach (var interval in intervals)
            {
                var adjustments = new List<string>(interval.Adjustments);
                if (shortInfusion is not null)
                {
                    adjustments.Add($"Complete in less time than planned: {shortInfusion}");
                }

                _files["EC"].Write(
                    SdtmDomains.EC.NewRow(StudyId)
                        .Set("USUBJID", usubjid)
                        .Set("ECSEQ", ++sequence)
                        .Set("ECREFID", session.Preparation?.Kit.ToString() ?? (subject.State.Kits.TryGetValue(period, out var kit) ? kit.ToString() : null))
                        .Set("ECLNKID", AdministrationLink(period))
                        .Set("ECTRT", openTreatment?.Label ?? ExportDesign.BlindedTreatmentName)
                        .Set("ECCAT", blinded.Kinds.GetValueOrDefault(interval.Component))
                        .Set("ECMOOD", "PERFORMED")
                        .Set("ECDOSE", interval.VolumeMl is { } volume ? Math.Round(volume, 4) : null)
                        .Set("ECDOSU", interval.VolumeMl is null ? null : "mL")
                        .Set("ECDOSFRM", route is null ? null : CdiscTerms.DoseForm(route))
                        .Set("ECDOSFRQ", "ONCE")
                        .Set("ECDOSRGM", blinded.Instruction)
                        .Set("ECROUTE", route)
                        .Set("ECADJ", Long("EC", "ECADJ", adjustments.Count == 0 ? null : string.Join("; ", adjustments), usubjid, sequence))
                        .Set("VISITNUM", visitNumber)
                        .Set("VISIT", visitName)
                        .Set("EPOCH", subject.EpochAt(interval.Start))
                        .Set("ECSTDTC", at.Dtc(interval.Start))
                        .Set("ECENDTC", at.Dtc(interval.End))
                        .Set("ECSTDY", at.Day(interval.Start))
                        .Set("ECENDY", at.Day(interval.End)),
                    usubjid);

                // The pump rate staff set, where they changed it (SDTM EC has no rate variable).
                if (interval.RateMlPerHour is { } rate)
                {
                    _files[SdtmDomains.SuppEc.Code].Write(
                        SdtmDomains.SuppEc.NewSupplementalRow(StudyId, "EC", usubjid, "ECSEQ", sequence)
                            .Set("QNAM", "ECRATE")
                            .Set("QLABEL", "Pump Rate Set by Staff (mL/h)")
                            .Set("QVAL", Iso.Number(rate))
                            .Set("QORIG", "CRF"),
                        usubjid);
                }
            }
        }
    }

    /// <summary>The interruptions, resumptions and rate changes the bedside staff recorded in a period's session.</summary>
    private static IReadOnlyList<PumpChange> PumpChanges(SubjectHistory subject, int period)
    {
        var changes = new List<PumpChange>();
        foreach (var stored in subject.Events.Participant)
        {
            switch (stored.Data)
            {
                case DosingInterrupted e when e.Period == period:
                    changes.Add(new PumpChange(e.InterruptedAt, PumpChangeKind.Interrupted, null, e.Reason));
                    break;
                case DosingResumed e when e.Period == period:
                    changes.Add(new PumpChange(e.ResumedAt, PumpChangeKind.Resumed, null, null));
                    break;
                case InfusionRateChanged e when e.Period == period:
                    changes.Add(new PumpChange(e.ChangedAt, PumpChangeKind.RateChanged, e.RateMlPerHour, e.Reason));
                    break;
            }
        }

        return changes;
    }

    private void WriteAe(SubjectHistory subject, string usubjid)
    {
        var sequence = 0;
        var at = TimesOf(subject);
        var ordered = subject.AdverseEvents
            .OrderBy(c => c.State.Details!.Onset.Earliest)
            .ThenBy(c => c.Id, StringComparer.Ordinal);
        foreach (var adverseEvent in ordered)
        {
            var details = adverseEvent.State.Details!;
            var term = CtcaeDictionary.V5.FindByCode(details.MeddraCode);
            bool Flag(SeriousnessCriterion criterion) => details.Seriousness.Contains(criterion);

            // Coded with MedDRA where a version is in force and has the CTCAE term's LLT: the LLT's
            // primary path. Otherwise the CTCAE term (a MedDRA LLT by NCI's publication) and the SOC
            // CTCAE gives, with the PT, HLT, HLGT and SOC codes left empty: no code is ever guessed.
            var coded = _meddra?.Code(details.MeddraCode);
            _files["AE"].Write(
                SdtmDomains.AE.NewRow(StudyId)
                    .Set("USUBJID", usubjid)
                    .Set("AESEQ", ++sequence)
                    .Set("AESPID", adverseEvent.Id)
                    .Set("AETERM", details.Term)
                    .Set("AELLT", coded?.LltName ?? details.Term)
                    .Set("AELLTCD", details.MeddraCode)
                    .Set("AEDECOD", coded?.PtName ?? term?.Term ?? details.Term)
                    .Set("AEPTCD", coded?.PtCode)
                    .Set("AEHLT", coded?.HltName)
                    .Set("AEHLTCD", coded?.HltCode)
                    .Set("AEHLGT", coded?.HlgtName)
                    .Set("AEHLGTCD", coded?.HlgtCode)
                    .Set("AEBODSYS", coded?.SocName ?? term?.SystemOrganClass)
                    .Set("AEBDSYCD", coded?.SocCode)
                    .Set("AESOC", coded?.SocName ?? term?.SystemOrganClass)
                    .Set("AESOCCD", coded?.SocCode)
                    .Set("AESER", CdiscTerms.YesNo(details.Serious))
                    .Set("AEACN", CdiscTerms.ActionTaken(details.ActionTaken))
                    .Set("AEREL", CdiscTerms.Causality(details.Causality))
                    .Set("AEOUT", CdiscTerms.Outcome(details.Outcome))
                    .Set("AESCONG", CdiscTerms.YesNo(Flag(SeriousnessCriterion.CongenitalAnomaly)))
                    .Set("AESDISAB", CdiscTerms.YesNo(Flag(SeriousnessCriterion.Disability)))
                    .Set("AESDTH", CdiscTerms.YesNo(Flag(SeriousnessCriterion.Death)))
                    .Set("AESHOSP", CdiscTerms.YesNo(Flag(SeriousnessCriterion.Hospitalization)))
                    .Set("AESLIFE", CdiscTerms.YesNo(Flag(SeriousnessCriterion.LifeThreatening)))
                    .Set("AESMIE", CdiscTerms.YesNo(Flag(SeriousnessCriterion.OtherMedicallyImportant)))
                    .Set("AETOXGR", Iso.Number(details.Grade))
                    // A date-only onset can span two elements (a dosing day begins in the washout): then
                    // the period the site recorded for the event tells which.
                    .Set("EPOCH", subject.EpochAt(details.Onset) ?? (adverseEvent.State.Period is { } recordedPeriod ? $"TREATMENT {recordedPeriod}" : null))
                    .Set("AESTDTC", at.Dtc(details.Onset))
                    .Set("AEENDTC", at.Dtc(details.End))
                    .Set("AESTDY", at.Day(details.Onset))
                    .Set("AEENDY", at.Day(details.End)),
                usubjid);
            if (adverseEvent.State.Period is { } period)
            {
                _files[SdtmDomains.SuppAe.Code].Write(
                    SdtmDomains.SuppAe.NewSupplementalRow(StudyId, "AE", usubjid, "AESEQ", sequence)
                        .Set("QNAM", "AEPERIOD")
                        .Set("QLABEL", "Period Recorded by the Site")
                        .Set("QVAL", Iso.Number(period))
                        .Set("QORIG", "CRF"),
                    usubjid);
            }
        }
    }

    private void WriteVs(SubjectHistory subject, string usubjid)
    {
        var sequence = 0;
        var at = TimesOf(subject);
        var state = subject.State;
        var rows = new List<FindingRow>();
        foreach (var period in PeriodsWithData(subject))
        {
            var session = state.Session(period);
            var (visitNumber, visitName) = ExportDesign.Visit(period);
            if (session.WeightKg is { } weight)
            {
                rows.Add(new FindingRow(
                    SdtmDomains.VS.NewRow(StudyId)
                        .Set("USUBJID", usubjid)
                        .Set("VSSEQ", ++sequence)
                        .Set("VSTESTCD", "WEIGHT")
                        .Set("VSTEST", "Weight")
                        .Set("VSORRES", Iso.Number(weight))
                        .Set("VSORRESU", "kg")
                        .Set("VSSTRESC", Iso.Number(weight))
                        .Set("VSSTRESN", weight)
                        .Set("VSSTRESU", "kg")
                        .Set("VISITNUM", visitNumber)
                        .Set("VISIT", visitName)
                        .Set("EPOCH", session.WeightMeasuredAt is { } measured ? subject.EpochAt(measured) : null)
                        .Set("VSDTC", at.Dtc(session.WeightMeasuredAt))
                        .Set("VSDY", at.Day(session.WeightMeasuredAt)),
                    "WEIGHT",
                    session.WeightMeasuredAt,
                    period));
            }

            foreach (var entry in Ordered(subject, period, AssessmentKind.Vitals))
            {
                var vitals = entry.Recorded?.Vitals;
                foreach (var (code, test, value, unit) in new (string, string, int?, string)[]
                {
                    ("SYSBP", "Systolic Blood Pressure", vitals?.SystolicMmHg, "mmHg"),
                    ("DIABP", "Diastolic Blood Pressure", vitals?.DiastolicMmHg, "mmHg"),
                    ("PULSE", "Pulse Rate", vitals?.HeartRatePerMin, "beats/min"),
                    ("OXYSAT", "Oxygen Saturation", vitals?.Spo2Percent, "%"),
                })
                {
                    var time = entry.Time(session.StartedAt);
                    var row = SdtmDomains.VS.NewRow(StudyId)
                        .Set("USUBJID", usubjid)
                        .Set("VSSEQ", ++sequence)
                        .Set("VSTESTCD", code)
                        .Set("VSTEST", test)
                        .Set("VSORRES", Iso.Number(value))
                        .Set("VSORRESU", value is null ? null : unit)
                        .Set("VSSTRESC", Iso.Number(value))
                        .Set("VSSTRESN", value)
                        .Set("VSSTRESU", value is null ? null : unit)
                        .Set("VISITNUM", visitNumber)
                        .Set("VISIT", visitName)
                        .Set("EPOCH", time is { } taken ? subject.EpochAt(taken) : null)
                        .Set("VSDTC", at.Dtc(time))
                        .Set("VSDY", at.Day(time));
                    SetNotDone(row, "VS", entry.NotDoneReason);
                    SetTimepoint(row, "VS", entry.Planned, entry.Number, entry.Key.Timepoint, session.StartedAt, at);
                    rows.Add(new FindingRow(row, code, entry.Recorded?.ClinicalTime, period));
                }
            }
        }

        WriteFindings("VS", rows, subject, usubjid);
    }

    private void WriteQs(SubjectHistory subject, string usubjid)
    {
        var sequence = 0;
        var at = TimesOf(subject);
        var rows = new List<FindingRow>();
        foreach (var period in PeriodsWithData(subject))
        {
            var session = subject.State.Session(period);
            var (visitNumber, visitName) = ExportDesign.Visit(period);
            foreach (var entry in Ordered(subject, period, AssessmentKind.Scale))
            {
                var definition = Protocol.Assessments.FirstOrDefault(a => a.Code == entry.Key.Code);
                var label = definition?.Label ?? entry.Key.Code;
                var value = entry.Recorded?.Value;
                var unit = value is not null && definition?.Scale?.Unit is { } scaleUnit && !ScaleUnits.IsUnitless(scaleUnit) ? scaleUnit : null;
                var time = entry.Time(session.StartedAt);
                var row = SdtmDomains.QS.NewRow(StudyId)
                    .Set("USUBJID", usubjid)
                    .Set("QSSEQ", ++sequence)
                    .Set("QSTESTCD", entry.Key.Code)
                    .Set("QSTEST", label)
                    .Set("QSCAT", definition?.Scale is { } scale ? $"{label} ({Iso.Number(scale.Min)}-{Iso.Number(scale.Max)} {scale.Unit})" : label)
                    .Set("QSORRES", Iso.Number(value))
                    .Set("QSORRESU", unit)
                    .Set("QSSTRESC", Iso.Number(value))
                    .Set("QSSTRESN", value)
                    .Set("QSSTRESU", unit)
                    .Set("VISITNUM", visitNumber)
                    .Set("VISIT", visitName)
                    .Set("EPOCH", time is { } taken ? subject.EpochAt(taken) : null)
                    .Set("QSDTC", at.Dtc(time))
                    .Set("QSDY", at.Day(time));
                SetNotDone(row, "QS", entry.NotDoneReason);
                SetTimepoint(row, "QS", entry.Planned, entry.Number, entry.Key.Timepoint, session.StartedAt, at);
                rows.Add(new FindingRow(row, entry.Key.Code, entry.Recorded?.ClinicalTime, period));
            }
        }

        WriteFindings("QS", rows, subject, usubjid);
    }

    /// <summary>One findings record with what its baseline flags are decided on.</summary>
    private sealed record FindingRow(SdtmRow Row, string Test, DateTimeOffset? Time, int Period);

    /// <summary>
    /// Writes a subject's VS or QS records with their baseline flags (ADR 0019). --LOBXFL (SDTMIG
    /// 3.4): per test, the last record with a result taken at or before the first dosing start. --BLFL:
    /// the pre-dose value of each period, per test the last record of the period taken at or before
    /// that period's dosing start, because each period of a crossover is compared with its own
    /// baseline. Every record here has a result (nothing missing is exported).
    /// </summary>
    private void WriteFindings(string domain, List<FindingRow> rows, SubjectHistory subject, string usubjid)
    {
        FindingRow? LastBefore(IEnumerable<FindingRow> candidates, DateTimeOffset? limit) =>
            limit is { } at ? candidates.Where(r => r.Time is { } t && t <= at).OrderBy(r => r.Time).LastOrDefault() : null;

        var flagged = new HashSet<FindingRow>(ReferenceEqualityComparer.Instance);
        var exposure = new HashSet<FindingRow>(ReferenceEqualityComparer.Instance);
        foreach (var test in rows.GroupBy(r => r.Test, StringComparer.Ordinal))
        {
            if (LastBefore(test, subject.FirstDose) is { } last)
            {
                exposure.Add(last);
            }

            foreach (var period in test.GroupBy(r => r.Period))
            {
                if (LastBefore(period, subject.State.Session(period.Key).StartedAt) is { } baseline)
                {
                    flagged.Add(baseline);
                }
            }
        }

        foreach (var row in rows)
        {
            row.Row.Set(domain + "LOBXFL", exposure.Contains(row) ? "Y" : null).Set(domain + "BLFL", flagged.Contains(row) ? "Y" : null);
            _files[domain].Write(row.Row, usubjid);
        }
    }

    private void WriteDs(SubjectHistory subject, string usubjid)
    {
        var sequence = 0;
        var file = _files["DS"];
        var at = TimesOf(subject);
        void Write(string term, string decoded, string category, string? epoch, DateTimeOffset collected, string? start, int? day)
        {
            // A term longer than 200 characters (a withdrawal explained at length): its first part
            // in DSTERM, the rest in SUPPDS as DSTERM1, DSTERM2 … (SDTMIG 4.5.3.2), never truncated.
            var parts = SdtmDomains.SplitValue(Common.AsciiText.ToAscii(term) ?? term);
            file.Write(
                SdtmDomains.DS.NewRow(StudyId)
                    .Set("USUBJID", usubjid)
                    .Set("DSSEQ", ++sequence)
                    .Set("DSTERM", parts[0])
                    .Set("DSDECOD", decoded)
                    .Set("DSCAT", category)
                    .Set("EPOCH", epoch)
                    .Set("DSDTC", at.Dtc(collected))
                    .Set("DSSTDTC", start)
                    .Set("DSSTDY", day),
                usubjid);
            for (var part = 1; part < parts.Count; part++)
            {
                _files[SdtmDomains.SuppDs.Code].Write(
                    SdtmDomains.SuppDs.NewSupplementalRow(StudyId, "DS", usubjid, "DSSEQ", sequence)
                        .Set("QNAM", $"DSTERM{part}")
                        .Set("QLABEL", $"Reported Term for Disposition Event {part}")
                        .Set("QVAL", parts[part])
                        .Set("QORIG", "CRF"),
                    usubjid);
            }
        }

        if (subject.State.ConsentDate is { } consent && subject.ScreenedAt is { } screenedAt)
        {
            Write("INFORMED CONSENT OBTAINED", "INFORMED CONSENT OBTAINED", "PROTOCOL MILESTONE", "SCREENING", screenedAt, Iso.Date(consent), at.Day(consent));
        }

        if (subject.ScreenFailure is { Data: ParticipantScreenFailed failed } failure)
        {
            var criteria = failed.FailedCriteria.Count == 0 ? "" : $": criteria {string.Join(", ", failed.FailedCriteria)} not met";
            Write($"SCREEN FAILURE{criteria}", "SCREEN FAILURE", "DISPOSITION EVENT", "SCREENING", failure.RecordedAt, at.Dtc(failed.RecordedAt), at.Day(failed.RecordedAt));
        }

        if (subject.Randomization is { Data: ParticipantRandomized randomized } randomization)
        {
            // The clinical date the site recorded (the recording date for events from before it was asked).
            var date = randomized.ClinicalDate();
            var epoch = subject.EpochAt(PartialDate.FromDate(date)) ?? subject.EpochAt(randomized.RandomizedAt);
            Write("RANDOMIZED", "RANDOMIZED", "PROTOCOL MILESTONE", epoch, randomization.RecordedAt, Iso.Date(date), at.Day(date));
        }

        // An emergency code break is an event of the subject's disposition (it names no treatment,
        // so blinded files carry it too); the investigator's reason stays in the ODM audit trail.
        foreach (var codeBreak in _design.Trial.CodeBreaks.GetValueOrDefault(subject.Subject, []))
        {
            if (codeBreak.Data is Blinding.EmergencyUnblindingPerformed performed)
            {
                Write("SUBJECT UNBLINDED (EMERGENCY CODE BREAK)", "TREATMENT UNBLINDED", "OTHER EVENT", subject.EpochAt(performed.PerformedAt), codeBreak.RecordedAt, at.Dtc(performed.PerformedAt), at.Day(performed.PerformedAt));
            }
        }

        if (subject.Completion is { Data: ParticipantCompleted completed } completion)
        {
            Write("COMPLETED", "COMPLETED", "DISPOSITION EVENT", subject.EpochAt(completed.CompletedAt), completion.RecordedAt, at.Dtc(completed.CompletedAt), at.Day(completed.CompletedAt));
        }

        if (subject.Withdrawal is { Data: ParticipantWithdrawn withdrawn } withdrawal)
        {
            var decoded = CdiscTerms.Withdrawal(withdrawn.Reason);
            var term = string.IsNullOrWhiteSpace(withdrawn.Details) ? decoded : withdrawn.Details.Trim();
            Write(term, decoded, "DISPOSITION EVENT", subject.EpochAt(withdrawn.WithdrawnAt), withdrawal.RecordedAt, at.Dtc(withdrawn.WithdrawnAt), at.Day(withdrawn.WithdrawnAt));
        }
    }

    /// <summary>
    /// IE: the criteria a subject did not meet, as the investigator answered them (an unmet
    /// inclusion IEORRES N, a present exclusion Y), dated by the eligibility decision.
    /// </summary>
    private void WriteIe(SubjectHistory subject, string usubjid)
    {
        if (subject.Eligibility is not { } eligibility)
        {
            return;
        }

        var version = _design.Trial.Versions.LastOrDefault(v => v.Definition.Version == eligibility.ProtocolVersion)?.Definition ?? Protocol;
        var texts = Criteria(version).ToDictionary(c => c.Criterion.Code, c => c.Criterion.Text, StringComparer.Ordinal);
        var sequence = 0;
        var at = TimesOf(subject);
        foreach (var answer in eligibility.Answers.Where(a => a.Fails))
        {
            var result = answer.Met ? "Y" : "N";
            _files["IE"].Write(
                SdtmDomains.IE.NewRow(StudyId)
                    .Set("USUBJID", usubjid)
                    .Set("IESEQ", ++sequence)
                    .Set("IETESTCD", _criterionCodes.Of(answer.Code))
                    .Set("IETEST", texts.GetValueOrDefault(answer.Code) ?? answer.Code)
                    .Set("IECAT", answer.Kind == CriterionKind.Inclusion ? "INCLUSION" : "EXCLUSION")
                    .Set("IEORRES", result)
                    .Set("IESTRESC", result)
                    .Set("VISITNUM", 1)
                    .Set("VISIT", "SCREENING")
                    .Set("EPOCH", subject.EpochAt(eligibility.ConfirmedAt) ?? "SCREENING")
                    .Set("IEDTC", at.Dtc(eligibility.ConfirmedAt))
                    .Set("IEDY", at.Day(eligibility.ConfirmedAt)),
                usubjid);
        }
    }

    /// <summary>
    /// DV: the protocol deviations the system holds (ADR 0019): a deviation the investigator
    /// recorded (dosing before the washout had elapsed), a complete administration much shorter
    /// than planned that staff confirmed with a reason, and a scheduled assessment taken outside
    /// its window (a pre-dose value after the start of dosing, a post-dose value further from its
    /// planned time than the tolerance of <see cref="AssessmentWindows"/>). A rate change, an
    /// interruption or an early stop is a clinical decision the protocol allows, not a deviation.
    /// </summary>
    private void WriteDv(SubjectHistory subject, string usubjid)
    {
        var deviations = new List<(DateTimeOffset At, int Period, string Reference, string Term, string Decoded, string Category, string? Reason)>();
        foreach (var stored in subject.Events.Participant)
        {
            if (stored.Data is ProtocolDeviationRecorded recorded)
            {
                deviations.Add((recorded.OccurredAt, recorded.Period, $"EVENT {Iso.Number(stored.Position)}", recorded.Description,
                    recorded.Kind == ProtocolDeviationKinds.WashoutNotElapsed ? "WASHOUT NOT ELAPSED" : recorded.Kind.ToUpperInvariant(), "DOSING", recorded.Reason));
            }
        }

        foreach (var (period, reason) in subject.ShortInfusionReasons)
        {
            if (reason is not null && subject.State.Session(period) is { StartedAt: { } started, StoppedAt: { } stopped } session)
            {
                var minutes = Iso.Number(Math.Round((decimal)session.AdministeredUntil(stopped).TotalMinutes, 1));
                deviations.Add((started, period, $"PERIOD {Iso.Number(period)} DOSING", $"Administration recorded complete after {minutes} min, less than planned", "ADMINISTRATION SHORTER THAN PLANNED", "DOSING", reason));
            }
        }

        foreach (var assessment in subject.State.Assessments.Values)
        {
            var definition = Protocol.Assessments.FirstOrDefault(a => a.Code == assessment.Key.Code);
            var time = definition?.Times.FirstOrDefault(t => t.Iso == assessment.Key.Timepoint);
            if (time is null || subject.State.Session(assessment.Key.Period).StartedAt is not { } start)
            {
                continue;
            }

            var due = start + time.AfterDosingStart;
            var tolerance = AssessmentWindows.Tolerance(time.AfterDosingStart);
            var early = time.AfterDosingStart > TimeSpan.Zero && assessment.ClinicalTime < due - tolerance;
            var late = assessment.ClinicalTime > due + (time.AfterDosingStart == TimeSpan.Zero ? TimeSpan.Zero : tolerance);
            if (early || late)
            {
                var offset = Iso.Number(Math.Round((decimal)(assessment.ClinicalTime - due).TotalMinutes, 1));
                var what = time.AfterDosingStart == TimeSpan.Zero
                    ? $"Pre-dose {assessment.Key.Code} taken {offset} min after the start of dosing"
                    : $"{assessment.Key.Code} {assessment.Key.Timepoint} taken {offset} min from its planned time (window +/- {Iso.Number((decimal)tolerance.TotalMinutes)} min)";
                deviations.Add((assessment.ClinicalTime, assessment.Key.Period, $"{assessment.Key.Code} {assessment.Key.Timepoint} P{Iso.Number(assessment.Key.Period)}", what, "ASSESSMENT OUT OF WINDOW", "ASSESSMENT SCHEDULE", null));
            }
        }

        var sequence = 0;
        var at = TimesOf(subject);
        foreach (var deviation in deviations.OrderBy(d => d.At).ThenBy(d => d.Reference, StringComparer.Ordinal))
        {
            var (visitNumber, visitName) = ExportDesign.Visit(deviation.Period);
            _files["DV"].Write(
                SdtmDomains.DV.NewRow(StudyId)
                    .Set("USUBJID", usubjid)
                    .Set("DVSEQ", ++sequence)
                    .Set("DVREFID", deviation.Reference)
                    .Set("DVTERM", Long("DV", "DVTERM", deviation.Term, usubjid, sequence))
                    .Set("DVDECOD", deviation.Decoded)
                    .Set("DVCAT", deviation.Category)
                    .Set("VISITNUM", visitNumber)
                    .Set("VISIT", visitName)
                    .Set("EPOCH", subject.EpochAt(deviation.At))
                    .Set("DVSTDTC", at.Dtc(deviation.At))
                    .Set("DVSTDY", at.Day(deviation.At)),
                usubjid);

            // The justification the site gave (SDTM DV has no variable for it), in parts of 200.
            var reasonParts = deviation.Reason is null ? [] : SdtmDomains.SplitValue(Common.AsciiText.ToAscii(deviation.Reason) ?? deviation.Reason);
            for (var part = 0; part < reasonParts.Count; part++)
            {
                _files[SdtmDomains.SuppDv.Code].Write(
                    SdtmDomains.SuppDv.NewSupplementalRow(StudyId, "DV", usubjid, "DVSEQ", sequence)
                        .Set("QNAM", part == 0 ? "DVREAS" : $"DVREAS{part}")
                        .Set("QLABEL", part == 0 ? "Reason for the Deviation" : $"Reason for the Deviation {part}")
                        .Set("QVAL", reasonParts[part])
                        .Set("QORIG", "CRF"),
                    usubjid);
            }
        }
    }

    /// <summary>
    /// A free text for a variable of at most 200 characters: the first part, with each further part
    /// of up to 200 in SUPP-- as QNAM variable1, variable2 … tied by --SEQ (SDTMIG 4.5.3.2), never truncated.
    /// </summary>
    private string? Long(string domain, string variable, string? text, string usubjid, int sequence)
    {
        if (text is null)
        {
            return null;
        }

        var parts = SdtmDomains.SplitValue(Common.AsciiText.ToAscii(text) ?? text);
        var supplemental = SdtmDomains.Supplementals.Single(d => d.Code == $"SUPP{domain}");
        var label = SdtmDomains.All.Concat(SdtmDomains.WhereNeeded).Single(d => d.Code == domain).Variables.Single(v => v.Name == variable).Label;
        for (var part = 1; part < parts.Count; part++)
        {
            _files[supplemental.Code].Write(
                supplemental.NewSupplementalRow(StudyId, domain, usubjid, $"{domain}SEQ", sequence)
                    .Set("QNAM", $"{variable}{part}")
                    .Set("QLABEL", $"{label} {part}")
                    .Set("QVAL", parts[part])
                    .Set("QORIG", "CRF"),
                usubjid);
        }

        return parts[0];
    }

    private void WriteTs()
    {
        var sequenceOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var file = _files["TS"];
        void Write(string code, string name, string? value, CodedTerm? term = null)
        {
            if (string.IsNullOrEmpty(value) && term is null)
            {
                return;
            }

            sequenceOf[code] = sequenceOf.GetValueOrDefault(code) + 1;
            var text = term?.Value ?? value!;
            var parts = SdtmDomains.SplitValue(Common.AsciiText.ToAscii(text) ?? text);
            var row = file.Domain.NewRow(StudyId)
                .Set("TSSEQ", sequenceOf[code])
                .Set("TSPARMCD", code)
                .Set("TSPARM", name)
                .Set("TSVAL", parts[0])
                .Set("TSVALCD", term?.Code)
                .Set("TSVCDREF", term?.Code is null ? null : CdiscTerms.Reference)
                .Set("TSVCDVER", term?.Code is null ? null : CdiscTerms.Version);
            for (var part = 1; part < parts.Count; part++)
            {
                row.Set($"TSVAL{part}", parts[part]);
            }

            file.Write(row, null);
        }

        // The title names the treatments under study ("ketamine versus saline"), as the protocol
        // and the trial registries do: public protocol information, in blinded files too. The
        // blind protects which subject received what, never which treatments are compared (ADR 0022).
        Write("TITLE", "Trial Title", Protocol.Title);

        Write("SPONSOR", "Clinical Study Sponsor", Protocol.Sponsor);
        foreach (var type in Protocol.TrialTypes)
        {
            Write("TTYPE", "Trial Type", null, new CodedTerm(type, TrialTypes.Terms[type]));
        }

        Write("INDIC", "Trial Disease/Condition Indication", Protocol.Indication);
        Write("TPHASE", "Trial Phase Classification", Protocol.Phase, CdiscTerms.Phase(Protocol.Phase));
        Write("INTMODEL", "Intervention Model", null, CdiscTerms.CrossOver);
        Write("TBLIND", "Trial Blinding Schema", null, CdiscTerms.Blinding(Protocol.Blinding));
        Write("RANDOM", "Trial is Randomized", null, CdiscTerms.Yes);
        Write("TCNTRL", "Control Type", null, Protocol.Treatments.Any(t => t.Placebo) ? CdiscTerms.Placebo : CdiscTerms.ActiveControl);
        Write("NARMS", "Planned Number of Arms", Iso.Number(Protocol.Sequences.Count));
        Write("INTTYPE", "Intervention Type", null, new CodedTerm(Protocol.InterventionType, InterventionTypes.Terms[Protocol.InterventionType]));
        if (Protocol.AddOn is { } addOn)
        {
            Write("ADDON", "Added on to Existing Treatments", null, addOn ? CdiscTerms.Yes : CdiscTerms.No);
        }

        if (Protocol.Population is { } population)
        {
            Write("AGEMIN", "Planned Minimum Age of Subjects", population.AgeMin);
            Write("AGEMAX", "Planned Maximum Age of Subjects", population.AgeMax);
            if (population.Sex is { } sex)
            {
                Write("SEXPOP", "Sex of Participants", null, new CodedTerm(sex, PopulationSexes.Terms[sex]));
            }

            if (population.HealthySubjects is { } healthy)
            {
                Write("HLTSUBJI", "Healthy Subject Indicator", null, healthy ? CdiscTerms.Yes : CdiscTerms.No);
            }
        }

        Write("PLANSUB", "Planned Number of Subjects", Iso.Number(Protocol.TargetParticipants));
        Write("ACTSUB", "Actual Number of Subjects", Iso.Number(_randomized));
        foreach (var route in Protocol.Treatments.Select(t => t.Route).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Write("ROUTE", "Route of Administration", route, CdiscTerms.RouteCode(route) is { } code ? new CodedTerm(route, code) : null);
        }

        if (Protocol.Randomization.StratifiedBySite)
        {
            Write("STRATFCT", "Stratification Factor", "SITE");
        }

        if (!_design.IsBlinded)
        {
            foreach (var treatment in Protocol.Treatments.Where(t => !t.Placebo))
            {
                Write("TRT", "Investigational Therapy or Treatment", treatment.Label);
            }

            foreach (var treatment in Protocol.Treatments.Where(t => t.Placebo))
            {
                Write("COMPTRT", "Comparative Treatment Name", treatment.Label);
            }
        }

        Write("SSTDTC", "Study Start Date", Iso.Date(_firstConsent));
    }

    /// <summary>The subject's times on their site's clock, study days from their first dose (RFSTDTC).</summary>
    private static SubjectTimes TimesOf(SubjectHistory subject) => new(subject.Clock, subject.FirstDose);

    /// <summary>The protocol version in force when the period's dosing was recorded (its dose rules applied).</summary>
    private ProtocolDefinition VersionAt(SubjectHistory subject, int period)
    {
        var started = subject.Events.Participant.FirstOrDefault(e => e.Data is DosingStarted s && s.Period == period);
        return started is null ? Protocol : _design.Trial.VersionAt(started.Position);
    }

    private static void SetTimepoint(SdtmRow row, string prefix, AssessmentTime? timepoint, int? number, string recorded, DateTimeOffset? dosingStart, SubjectTimes at)
    {
        row.Set(prefix + "TPT", timepoint is null ? recorded : ExportDesign.TimepointName(timepoint.AfterDosingStart))
            .Set(prefix + "TPTNUM", number)
            .Set(prefix + "ELTM", recorded)
            .Set(prefix + "TPTREF", "DOSING START")
            .Set(prefix + "RFTDTC", at.Dtc(dosingStart));
    }

    /// <summary>
    /// A scheduled assessment of a period as SDTM shows it: its recorded value, or the site's
    /// reason it was not done. A value recorded later for the same time point stands and the
    /// not-done record is no longer exported (the event stays in ODM's audit trail).
    /// </summary>
    private sealed record ScheduledEntry(AssessmentKey Key, RecordedAssessment? Recorded, string? NotDoneReason, AssessmentTime? Planned, int? Number)
    {
        /// <summary>The clinical time of the value; for a not-done record the planned time (dosing start + elapsed time), when dosing started.</summary>
        public DateTimeOffset? Time(DateTimeOffset? dosingStart) =>
            Recorded?.ClinicalTime ?? (dosingStart is { } start && Planned is { } planned ? start + planned.AfterDosingStart : null);
    }

    /// <summary>A period's assessments of one kind, recorded or not done, in protocol order: assessment, then timepoint (with its 1-based number).</summary>
    private List<ScheduledEntry> Ordered(SubjectHistory subject, int period, AssessmentKind kind)
    {
        var entries = new List<(AssessmentKey Key, RecordedAssessment? Recorded, string? Reason)>();
        foreach (var assessment in subject.State.Assessments.Values)
        {
            var isVitals = assessment.Vitals is not null;
            if (assessment.Key.Period == period && isVitals == (kind == AssessmentKind.Vitals) && (isVitals || assessment.Value is not null))
            {
                entries.Add((assessment.Key, assessment, null));
            }
        }

        foreach (var (key, reason) in subject.State.NotDone)
        {
            var notDoneKind = Protocol.Assessments.FirstOrDefault(a => a.Code == key.Code)?.Kind ?? AssessmentKind.Scale;
            if (key.Period == period && notDoneKind == kind && !subject.State.Assessments.ContainsKey(key))
            {
                entries.Add((key, null, Common.AsciiText.ToAscii(reason) ?? reason));
            }
        }

        var rows = new List<(int AssessmentOrder, int TimeOrder, ScheduledEntry Entry)>();
        foreach (var (key, recorded, reason) in entries)
        {
            var index = IndexOf(Protocol.Assessments, a => a.Code == key.Code);
            var timeIndex = index < 0 ? -1 : IndexOf(Protocol.Assessments[index].Times, t => t.Iso == key.Timepoint);
            var time = timeIndex < 0 ? null : Protocol.Assessments[index].Times[timeIndex];
            rows.Add((index < 0 ? int.MaxValue : index, timeIndex < 0 ? int.MaxValue : timeIndex,
                new ScheduledEntry(key, recorded, reason, time, time is null ? null : timeIndex + 1)));
        }

        return rows
            .OrderBy(r => r.AssessmentOrder)
            .ThenBy(r => r.Entry.Key.Code, StringComparer.Ordinal)
            .ThenBy(r => r.TimeOrder)
            .ThenBy(r => r.Entry.Key.Timepoint, StringComparer.Ordinal)
            .Select(r => r.Entry)
            .ToList();
    }

    /// <summary>
    /// --STAT and --REASND of a scheduled assessment recorded as not done (SDTMIG 4.5.1.2): the
    /// results stay empty. The reason is staff free text checked at entry (ExportableText).
    /// </summary>
    private static void SetNotDone(SdtmRow row, string prefix, string? reason)
    {
        row.Set(prefix + "STAT", reason is null ? null : "NOT DONE").Set(prefix + "REASND", reason);
    }

    private static IEnumerable<int> PeriodsWithData(SubjectHistory subject)
    {
        var periods = new SortedSet<int>(subject.State.Sessions.Keys);
        periods.UnionWith(subject.State.Assessments.Keys.Select(k => k.Period));
        periods.UnionWith(subject.State.NotDone.Keys.Select(k => k.Period));
        return periods.Where(p => p >= 1);
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, bool> match)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (match(items[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static void AddIf(List<DateTimeOffset> times, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            times.Add(t);
        }
    }
}
