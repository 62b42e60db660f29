using System.Globalization;
using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Blinding;
using TrialOps.Cdisc;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Signatures;
using TrialOps.Washouts;

namespace TrialOps.Exports.Odm;

/// <summary>Where an ItemData sits: study event, form (with repeat key), item group (with repeat key); orders sort it.</summary>
public readonly record struct OdmPath(
    int EventOrder,
    string EventOid,
    string FormOid,
    int FormOrder,
    string? FormRepeat,
    int FormRepeatOrder,
    string GroupOid,
    int GroupOrder,
    string? GroupRepeat,
    int GroupRepeatOrder);

/// <summary>One value an event set: the first value of the item (Insert) or a change (Update; null = removed).</summary>
public sealed record OdmItemChange(string ItemOid, string? Value, OdmTransactionType Transaction);

/// <summary>
/// What one event recorded in one item group: an ItemGroupData of its own whose AuditRecord names
/// the event's actor, server time, reason (for a correction) and global position. The group's
/// TransactionType is Insert for the first event that filled the group, Update for every later one.
/// An event that was electronically signed (an emergency code break) carries its signature.
/// </summary>
public sealed record OdmTransaction(OdmPath Path, OdmTransactionType Transaction, StoredEvent Source, IReadOnlyList<OdmItemChange> Items, int Order, OdmSigning? Signing = null);

/// <summary>A signature written on the subject's record itself (SubjectData), with the event that recorded it.</summary>
public sealed record OdmSignedRecord(StoredEvent Source, OdmSigning Signing);

/// <summary>
/// Turns one subject's events into the ItemGroupData of their ODM SubjectData: one per event and
/// item group, holding every value the event recorded there, as an Insert the first time and an
/// Update each time it changed (a correction carries its reason), so the file holds the whole
/// audit trail, not just the last state. Values that an event repeats unchanged are not repeated.
/// </summary>
public sealed class OdmSubjectData
{
    private readonly ExportDesign _design;
    private readonly List<(OdmPath Path, string? Item, string? Value, StoredEvent Source)> _raw = [];
    private readonly Dictionary<(int Period, string Group), int> _counters = [];
    private readonly Dictionary<string, int> _caseOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<StoredEvent, OdmSigning> _signings = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, AdverseEventState> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OdmPath> _caseForms = new(StringComparer.Ordinal);

    private OdmSubjectData(ExportDesign design) => _design = design;

    /// <summary>
    /// The signatures on the participant's stream that sign the whole record (the casebook, and any
    /// sign-off of a record this export has no closer element for), in stream order.
    /// </summary>
    public static IReadOnlyList<OdmSignedRecord> SubjectSignatures(SubjectHistory subject) =>
        subject.Events.Participant
            .Where(stored => stored.Data is RecordSigned { Record: not SignedRecords.Eligibility })
            .Select(stored => new OdmSignedRecord(stored, OdmSignatures.Of((RecordSigned)stored.Data)))
            .ToArray();

    /// <param name="signed">Where the sign-offs on the subject's adverse-event cases come from; none when null.</param>
    public static IReadOnlyList<OdmTransaction> For(ExportDesign design, SubjectHistory subject, OdmSignedRecords? signed = null)
    {
        var data = new OdmSubjectData(design);
        foreach (var stored in subject.Events.Participant)
        {
            data.AddParticipantEvent(stored);
        }

        if (!design.IsBlinded && design.Trial.Allocations.TryGetValue(subject.Subject, out var allocation))
        {
            var arm = design.ArmOf(subject.Subject)!;
            var path = Screening(OdmModel.Randomization, 2);
            data.Add(path, "ARMCD", arm.Code, allocation.Assigned);
            var codes = allocation.Allocation.TreatmentCodes(design.Protocol);
            for (var period = 1; period <= codes.Count; period++)
            {
                data.Add(path, $"TRTP{period}", codes[period - 1], allocation.Assigned);
            }
        }

        if (design.Trial.CodeBreaks.TryGetValue(subject.Subject, out var codeBreaks))
        {
            var number = 0;
            foreach (var stored in codeBreaks)
            {
                var performed = (EmergencyUnblindingPerformed)stored.Data;
                number++;
                var path = Screening(OdmModel.CodeBreak, 3) with { GroupRepeat = Key(number), GroupRepeatOrder = number };
                data._signings[stored] = OdmSignatures.Of(performed);
                data.Add(path, "CBDTC", Time(performed.PerformedAt), stored);
                // The justification is free text typed by the investigator (it may name the drugs
                // of the trial); blinded files say when and which periods, not why.
                if (!design.IsBlinded)
                {
                    data.Add(path, "CBREASON", performed.Reason, stored);
                }

                data.Add(path, "CBPERIODS", string.Join(", ", performed.CompromisedPeriods), stored);
            }
        }

        foreach (var stored in subject.Events.AdverseEvents)
        {
            data.AddAdverseEventEvent(stored);
        }

        // An Investigator's sign-off of a case signs the case's item group as it then was (ADR 0025).
        foreach (var (stream, form) in data._caseForms)
        {
            foreach (var stored in (signed ?? OdmSignedRecords.None).OnCase(stream))
            {
                data.Sign(form, stored, OdmSignatures.Of((RecordSigned)stored.Data));
            }
        }

        return data.Entries();
    }

    private IReadOnlyList<OdmTransaction> Entries()
    {
        // The events come from several streams (participant, randomization list, adverse-event
        // cases); ODM applies the transactions on an entity in file order (ODM 1.3.2 §2.9–2.10), so
        // they are taken in the order the store recorded them: an entity's first transaction is its
        // Insert and its audit records never go back in time. The sort is stable, so the values one
        // event recorded stay together and in the order they were added.
        var raw = _raw.OrderBy(r => r.Source.Position).ToList();
        var last = new Dictionary<(OdmPath, string), string?>();
        var filled = new HashSet<OdmPath>();
        var transactions = new List<OdmTransaction>();
        var index = 0;
        while (index < raw.Count)
        {
            var (path, _, _, source) = raw[index];
            var changes = new List<OdmItemChange>();
            for (; index < raw.Count && raw[index].Path == path && ReferenceEquals(raw[index].Source, source); index++)
            {
                var (_, item, value, _) = raw[index];
                if (item is null)
                {
                    // A signature of the group that changes no value (a sign-off).
                    continue;
                }

                var key = (path, item);
                OdmTransactionType transaction;
                if (!last.TryGetValue(key, out var previous))
                {
                    if (value is null)
                    {
                        continue;
                    }

                    transaction = OdmTransactionType.Insert;
                }
                else if (previous == value)
                {
                    continue;
                }
                else
                {
                    transaction = OdmTransactionType.Update;
                }

                last[key] = value;
                changes.Add(new OdmItemChange(OdmModel.Item(path.GroupOid, item), value, transaction));
            }

            if (changes.Count > 0 || _signings.ContainsKey(source))
            {
                var groupTransaction = filled.Add(path) ? OdmTransactionType.Insert : OdmTransactionType.Update;
                transactions.Add(new OdmTransaction(path, groupTransaction, source, changes, transactions.Count, _signings.GetValueOrDefault(source)));
            }
        }

        transactions.Sort(static (a, b) =>
        {
            var order = a.Path.EventOrder.CompareTo(b.Path.EventOrder);
            if (order == 0) order = a.Path.FormOrder.CompareTo(b.Path.FormOrder);
            if (order == 0) order = a.Path.FormRepeatOrder.CompareTo(b.Path.FormRepeatOrder);
            if (order == 0) order = string.CompareOrdinal(a.Path.FormRepeat, b.Path.FormRepeat);
            if (order == 0) order = a.Path.GroupOrder.CompareTo(b.Path.GroupOrder);
            if (order == 0) order = a.Path.GroupRepeatOrder.CompareTo(b.Path.GroupRepeatOrder);
            if (order == 0) order = string.CompareOrdinal(a.Path.GroupRepeat, b.Path.GroupRepeat);
            return order != 0 ? order : a.Order.CompareTo(b.Order);
        });
        return transactions;
    }

    private void AddParticipantEvent(StoredEvent stored)
    {
        switch (stored.Data)
        {
            case ParticipantScreened e:
            {
                var path = Screening(OdmModel.Consent, 0);
                Add(path, "SITEID", e.Site, stored);
                Add(path, "RFICDTC", Date(e.ConsentDate), stored);
                Add(path, "CONSENTV", e.ConsentFormVersion, stored);
                break;
            }

            case ConsentCorrected e:
            {
                var path = Screening(OdmModel.Consent, 0);
                Add(path, "RFICDTC", Date(e.ConsentDate), stored);
                Add(path, "CONSENTV", e.ConsentFormVersion, stored);
                break;
            }

            case DemographicsRecorded e:
                AddDemographics(e.BirthDate, e.AgeYears, e.Sex, e.Race, e.Ethnicity, stored);
                break;

            case DemographicsCorrected e:
                AddDemographics(e.BirthDate, e.AgeYears, e.Sex, e.Race, e.Ethnicity, stored);
                break;

            case EligibilityConfirmed e:
            {
                var path = Screening(OdmModel.Eligibility, 1);
                Add(path, "ELIGIBLE", YesNo(e.Eligible), stored);
                Add(path, "FAILCRIT", e.FailedCriteria.Count == 0 ? null : string.Join(", ", e.FailedCriteria), stored);
                foreach (var answer in e.Answers)
                {
                    Add(path, $"IE{answer.Code}", YesNo(answer.Met), stored);
                }

                break;
            }

            case ParticipantRandomized e:
            {
                var path = Screening(OdmModel.Randomization, 2);
                Add(path, "STRATUM", e.Stratum, stored);
                Add(path, "RANDDTC", Time(e.RandomizedAt), stored);
                if (e.RandomizationDate is { } randomizationDate)
                {
                    Add(path, "RANDDAT", Date(randomizationDate), stored);
                }
                foreach (var kit in e.Periods)
                {
                    Add(path, $"KITP{kit.Period}", kit.Kit.ToString(), stored);
                }

                break;
            }

            case ParticipantScreenFailed e:
                AddDisposition("SCREEN FAILURE", e.FailedCriteria.Count == 0 ? null : $"Criteria not met: {string.Join(", ", e.FailedCriteria)}", e.RecordedAt, null, stored);
                break;
            case ParticipantWithdrawn e:
                AddDisposition(Sdtm.CdiscTerms.Withdrawal(e.Reason), e.Details, e.WithdrawnAt, null, stored);
                break;
            case ParticipantCompleted e:
                AddDisposition("COMPLETED", null, e.CompletedAt, e.PeriodsCompleted, stored);
                break;
            case ProtocolDeviationRecorded e:
            {
                var path = Repeated(Period(e.Period, OdmModel.Deviation, 2), e.Period);
                Add(path, "DVTERM", e.Kind, stored);
                Add(path, "DVDTC", Time(e.OccurredAt), stored);
                Add(path, "DVDESC", e.Description, stored);
                Add(path, "DVREASON", e.Reason, stored);
                break;
            }

            case SessionWeightRecorded e:
                AddWeight(e.Period, e.WeightKg, e.MeasuredAt, stored);
                break;
            case SessionWeightCorrected e:
                AddWeight(e.Period, e.WeightKg, e.MeasuredAt, stored);
                break;
            case RecordSigned { Record: SignedRecords.Eligibility } e:
                // The Investigator's sign-off of the eligibility decision signs its item group.
                Sign(Screening(OdmModel.Eligibility, 1), stored, OdmSignatures.Of(e));
                break;
            case DosePrepared e:
            {
                var path = Period(e.Period, OdmModel.Dosing, 0);
                // The second pharmacist's signed check (ADR 0020): the file already names the
                // checker (CHECKEDBY) in blinded exports too; the signature adds its meaning and
                // reveals nothing of the allocation.
                if (OdmSignatures.Of(e) is { } check)
                {
                    _signings[stored] = check;
                }

                Add(path, "KIT", e.Kit.ToString(), stored);
                Add(path, "PREPDTC", Time(e.PreparedAt), stored);
                Add(path, "PREPWT", Number(e.WeightKg), stored);
                Add(path, "CHECKEDBY", e.CheckedBy, stored);
                break;
            }

            case DosePreparationReplaced e:
            {
                // The dose prepared anew for a corrected weight (ADR 0020): the preparation items
                // change, with the reason and the checker's signature on their audit record; the
                // first preparation stays in the audit trail.
                var path = Period(e.Period, OdmModel.Dosing, 0);
                _signings[stored] = OdmSignatures.Of(e);
                Add(path, "KIT", e.Kit.ToString(), stored);
                Add(path, "PREPDTC", Time(e.PreparedAt), stored);
                Add(path, "PREPWT", Number(e.WeightKg), stored);
                Add(path, "CHECKEDBY", e.CheckedBy, stored);
                Add(path, "PREPCONFWT", null, stored);
                break;
            }

            case DosePreparationConfirmed e:
            {
                var path = Period(e.Period, OdmModel.Dosing, 0);
                _signings[stored] = OdmSignatures.Of(e);
                Add(path, "PREPCONFWT", Number(e.WeightKg), stored);
                Add(path, "CHECKEDBY", e.CheckedBy, stored);
                break;
            }

            case DosingStarted e:
                Add(Period(e.Period, OdmModel.Dosing, 0), "EXSTDTC", Time(e.StartedAt), stored);
                break;
            case DosingStartCorrected e:
                Add(Period(e.Period, OdmModel.Dosing, 0), "EXSTDTC", Time(e.StartedAt), stored);
                break;
            case DosingStopped e:
            {
                var path = Period(e.Period, OdmModel.Dosing, 0);
                Add(path, "EXENDTC", Time(e.StoppedAt), stored);
                Add(path, "COMPLETED", YesNo(e.Completed), stored);
                Add(path, "STOPRSN", e.EarlyStopReason, stored);
                Add(path, "SHORTRSN", e.ShortInfusionReason, stored);
                break;
            }

            case DosingStopCorrected e:
                Add(Period(e.Period, OdmModel.Dosing, 0), "EXENDTC", Time(e.StoppedAt), stored);
                break;
            case DosingInterrupted e:
                AddDosingEvent(e.Period, "INTERRUPTED", e.InterruptedAt, null, e.Reason, stored);
                break;
            case DosingResumed e:
                AddDosingEvent(e.Period, "RESUMED", e.ResumedAt, null, null, stored);
                break;
            case InfusionRateChanged e:
                AddDosingEvent(e.Period, "RATE CHANGED", e.ChangedAt, e.RateMlPerHour, e.Reason, stored);
                break;
            case WashoutElapsed e:
                Add(Period(e.CompletedPeriod, OdmModel.Dosing, 0), "WASHEND", Time(e.WashoutEndedAt), stored);
                break;
            case ScaleAssessmentRecorded e:
                AddScale(e.Period, e.AssessmentCode, e.Timepoint, e.AssessedAt, e.Value, e.Unit, stored);
                break;
            case ScaleAssessmentCorrected e:
                AddScale(e.Period, e.AssessmentCode, e.Timepoint, e.AssessedAt, e.Value, null, stored);
                break;
            case VitalSignsRecorded e:
                AddVitals(e.Period, e.AssessmentCode, e.Timepoint, e.MeasuredAt, e.Values, stored);
                break;
            case VitalSignsCorrected e:
                AddVitals(e.Period, e.AssessmentCode, e.Timepoint, e.MeasuredAt, e.Values, stored);
                break;
            case SafetyAlertRaised e:
                Add(AssessmentPath(e.Period, e.AssessmentCode, e.Timepoint, vitals: true), "ALERT", string.Join("; ", e.Findings), stored);
                break;
            case AssessmentNotDone e:
            {
                var isVitals = _design.Protocol.Assessments.FirstOrDefault(a => a.Code == e.AssessmentCode)?.Kind == AssessmentKind.Vitals;
                var path = AssessmentPath(e.Period, e.AssessmentCode, e.Timepoint, isVitals);
                Add(path, isVitals ? "ASSESS" : "QSTESTCD", e.AssessmentCode, stored);
                Add(path, "TPT", e.Timepoint, stored);
                Add(path, isVitals ? "VSSTAT" : "QSSTAT", "NOT DONE", stored);
                Add(path, isVitals ? "VSREASND" : "QSREASND", e.Reason, stored);
                break;
            }

            case AssessmentsMarkedOverdue e:
                foreach (var item in e.Items)
                {
                    var isVitals = _design.Protocol.Assessments.FirstOrDefault(a => a.Code == item.AssessmentCode)?.Kind == AssessmentKind.Vitals;
                    var path = AssessmentPath(e.Period, item.AssessmentCode, item.Timepoint, isVitals);
                    Add(path, isVitals ? "ASSESS" : "QSTESTCD", item.AssessmentCode, stored);
                    Add(path, "TPT", item.Timepoint, stored);
                    Add(path, "OVERDUE", "Y", stored);
                }

                break;
        }
    }

    private void AddAdverseEventEvent(StoredEvent stored)
    {
        if (stored.Data is not IAdverseEventEvent caseEvent)
        {
            return;
        }

        if (!_caseOrder.TryGetValue(caseEvent.AdverseEventId, out var caseNumber))
        {
            _caseOrder[caseEvent.AdverseEventId] = caseNumber = _caseOrder.Count + 1;
        }

        var form = new OdmPath(1000, OdmModel.AdverseEvents, OdmModel.AdverseEventForm, 0, caseEvent.AdverseEventId, caseNumber, OdmModel.AdverseEvent, 0, null, 0);
        _caseForms[stored.StreamId] = form;
        if (stored.Data is SusarTreatmentRevealed && _design.IsBlinded)
        {
            // The safety officer looked at the treatment of the period of onset: a blinded file
            // carries nothing of it, nor anything derived from it (ADR 0026).
            return;
        }

        var state = _cases[stored.StreamId] = _cases.GetValueOrDefault(stored.StreamId, AdverseEventState.Initial).Apply(stored.Data);
        switch (stored.Data)
        {
            case AdverseEventReported e:
                AddDetails(form, e.Details, stored);
                Add(form, "AWAREDTC", Time(e.AwareAt), stored);
                Add(form, "PERIOD", e.Period?.ToString(CultureInfo.InvariantCulture), stored);
                Add(form, "SAEDUE", e.SponsorReportDueAt is { } due ? Time(due) : null, stored);
                break;
            case AdverseEventCorrected e:
                AddDetails(form, e.Details, stored);
                Add(form, "PERIOD", e.Period?.ToString(CultureInfo.InvariantCulture), stored);
                Add(form, "SAEDUE", e.SponsorReportDueAt is { } correctedDue ? Time(correctedDue) : null, stored);
                break;
            case AdverseEventOutcomeRecorded e:
                Add(form, "AEOUT", Sdtm.CdiscTerms.Outcome(e.Outcome), stored);
                Add(form, "AEENDTC", e.End?.Text, stored);
                break;
            case AdverseEventCausalityAssessed e:
                Add(form, "AEREL", Sdtm.CdiscTerms.Causality(e.Causality), stored);
                break;
            case SaeReportOverdue:
                Add(form, "SAEOVERDUE", "Y", stored);
                break;
            case SaeReportedToSponsor e:
            {
                var path = form with { GroupOid = OdmModel.SaeReport, GroupOrder = 1, GroupRepeat = "INITIAL", GroupRepeatOrder = 0 };
                Add(path, "SAEDTC", Time(e.ReportedAt), stored);
                Add(path, "SAEREF", e.SponsorReference, stored);
                Add(path, "SAELATE", YesNo(e.Late), stored);
                break;
            }

            case SaeFollowUpReported e:
            {
                var path = form with { GroupOid = OdmModel.SaeReport, GroupOrder = 1, GroupRepeat = $"FU{e.FollowUpNumber}", GroupRepeatOrder = e.FollowUpNumber };
                Add(path, "SAEDTC", Time(e.ReportedAt), stored);
                Add(path, "SAEINFO", e.Information, stored);
                break;
            }

            case AdverseEventExpectednessAssessed e:
                // Who and when are the AuditRecord's (the medical monitor, blinded); why is its
                // ReasonForChange and the reason item.
                AddExpectedness(form, e.Expectedness, e.Suggested, e.MatchedTerm, e.AssessedAt, e.Reason, stored);
                break;
            case AdverseEventExpectednessReassessed e:
                // A re-assessment changes the same items; the reason is required (the AuditRecord's
                // ReasonForChange too), the previous value stays in the audit history.
                AddExpectedness(form, e.Expectedness, e.Suggested, e.MatchedTerm, e.ReassessedAt, e.Reason, stored);
                break;
            case SusarReportSubmitted e:
            {
                var path = SusarReport(form, e.Kind == SusarReportKind.Initial ? 0 : state.SusarReports.Count(r => r.Kind == SusarReportKind.FollowUp));
                Add(path, "SUSDTC", Date(e.SubmittedOn), stored);
                Add(path, "SUSAUTH", e.Authority, stored);
                Add(path, "SUSREF", e.Reference, stored);
                // What was submitted to the authority is written after the SUSAR's treatment may
                // have been opened for it: only unblinded files carry the text.
                if (!_design.IsBlinded)
                {
                    Add(path, "SUSTEXT", e.Text, stored);
                }

                Add(path, "SUSDUE", e.DueOn is { } dueOn ? Date(dueOn) : null, stored);
                Add(path, "SUSLATE", YesNo(e.Late), stored);
                break;
            }

            case SusarReportOverdue e:
            {
                var path = SusarReport(form, e.Kind == SusarReportKind.Initial ? 0 : 1);
                Add(path, "SUSDUE", Date(e.DueOn), stored);
                Add(path, "SUSOVER", "Y", stored);
                break;
            }

            case SusarTreatmentRevealed e:
                Add(form, "SUSREVDTC", Time(e.RevealedAt), stored);
                Add(form, "SUSREVRSN", e.Reason, stored);
                break;
        }

        // The expedited report clock as the case's data then gave it (ADR 0026): recomputed after
        // each event, so the file shows when a case became a SUSAR and each change of its due days.
        var clock = ExpeditedReporting.ClockOf(state);
        Add(form, "SUSAR", clock is null ? null : "Y", stored);
        Add(form, "SUSDAY0", clock is null ? null : Date(clock.AwareOn), stored);
        Add(form, "SUSFATAL", clock is null ? null : YesNo(clock.FatalOrLifeThreatening), stored);
        Add(form, "SUSIDUE", clock is null ? null : Date(clock.InitialDueOn), stored);
        Add(form, "SUSFDUE", clock?.FollowUpDueOn is { } followUpDue ? Date(followUpDue) : null, stored);
    }

    /// <summary>An expedited report of a SUSAR: the initial one (0) or the n-th follow-up.</summary>
    private static OdmPath SusarReport(OdmPath form, int followUp) =>
        form with { GroupOid = OdmModel.SusarReport, GroupOrder = 2, GroupRepeat = followUp == 0 ? "INITIAL" : $"FU{followUp}", GroupRepeatOrder = followUp };

    private void AddExpectedness(OdmPath form, Expectedness expectedness, Expectedness suggested, int? matchedTerm, DateTimeOffset at, string? reason, StoredEvent stored)
    {
        Add(form, "AEEXPECT", ExpectednessTerm(expectedness), stored);
        Add(form, "AEEXPSUG", ExpectednessTerm(suggested), stored);
        Add(form, "AEEXPTRM", matchedTerm?.ToString(CultureInfo.InvariantCulture), stored);
        Add(form, "AEEXPDTC", Time(at), stored);
        Add(form, "AEEXPRSN", string.IsNullOrWhiteSpace(reason) ? null : reason, stored);
    }

    private static string ExpectednessTerm(Expectedness expectedness) => expectedness == Expectedness.Expected ? "EXPECTED" : "UNEXPECTED";

    private void AddDetails(OdmPath form, AdverseEventDetails details, StoredEvent stored)
    {
        Add(form, "AETERM", details.Term, stored);
        Add(form, "AELLTCD", details.MeddraCode.ToString(CultureInfo.InvariantCulture), stored);
        Add(form, "AESTDTC", details.Onset.Text, stored);
        Add(form, "AEENDTC", details.End?.Text, stored);
        Add(form, "AETOXGR", details.Grade.ToString(CultureInfo.InvariantCulture), stored);
        Add(form, "AESER", YesNo(details.Serious), stored);
        Add(form, "AESCRIT", details.Seriousness.Count == 0 ? null : string.Join(", ", details.Seriousness), stored);
        Add(form, "AEREL", Sdtm.CdiscTerms.Causality(details.Causality), stored);
        Add(form, "AEACN", Sdtm.CdiscTerms.ActionTaken(details.ActionTaken), stored);
        Add(form, "AEOUT", Sdtm.CdiscTerms.Outcome(details.Outcome), stored);
    }

    private void AddDisposition(string decoded, string? term, DateTimeOffset at, int? periods, StoredEvent stored)
    {
        var path = new OdmPath(2000, OdmModel.End, OdmModel.DispositionForm, 0, null, 0, OdmModel.Disposition, 0, null, 0);
        Add(path, "DSDECOD", decoded, stored);
        Add(path, "DSTERM", string.IsNullOrWhiteSpace(term) ? null : term, stored);
        Add(path, "DSSTDTC", Time(at), stored);
        Add(path, "PERIODS", periods?.ToString(CultureInfo.InvariantCulture), stored);
    }

    private void AddWeight(int period, decimal weightKg, DateTimeOffset measuredAt, StoredEvent stored)
    {
        var path = Period(period, OdmModel.Dosing, 0);
        Add(path, "WEIGHT", Number(weightKg), stored);
        Add(path, "WEIGHTDTC", Time(measuredAt), stored);
    }

    private void AddDosingEvent(int period, string what, DateTimeOffset at, decimal? rate, string? reason, StoredEvent stored)
    {
        var path = Repeated(Period(period, OdmModel.DosingEvent, 1), period);
        Add(path, "EVENT", what, stored);
        Add(path, "EVENTDTC", Time(at), stored);
        Add(path, "RATE", rate is { } r ? Number(r) : null, stored);
        Add(path, "REASON", reason, stored);
    }

    private void AddScale(int period, string code, string timepoint, DateTimeOffset at, decimal value, string? unit, StoredEvent stored)
    {
        var path = AssessmentPath(period, code, timepoint, vitals: false);
        Add(path, "QSTESTCD", code, stored);
        Add(path, "TPT", timepoint, stored);
        Add(path, "QSDTC", Time(at), stored);
        Add(path, "QSORRES", Number(value), stored);
        if (unit is not null)
        {
            Add(path, "QSORRESU", unit, stored);
        }
    }

    private void AddVitals(int period, string code, string timepoint, DateTimeOffset at, VitalSigns values, StoredEvent stored)
    {
        var path = AssessmentPath(period, code, timepoint, vitals: true);
        Add(path, "ASSESS", code, stored);
        Add(path, "TPT", timepoint, stored);
        Add(path, "VSDTC", Time(at), stored);
        Add(path, "SYSBP", values.SystolicMmHg.ToString(CultureInfo.InvariantCulture), stored);
        Add(path, "DIABP", values.DiastolicMmHg.ToString(CultureInfo.InvariantCulture), stored);
        Add(path, "PULSE", values.HeartRatePerMin.ToString(CultureInfo.InvariantCulture), stored);
        Add(path, "OXYSAT", values.Spo2Percent.ToString(CultureInfo.InvariantCulture), stored);
    }

    /// <summary>A vitals or scale group of a period, repeated per assessment and timepoint in protocol order.</summary>
    private OdmPath AssessmentPath(int period, string code, string timepoint, bool vitals)
    {
        var assessments = _design.Protocol.Assessments;
        var index = assessments.Select((a, i) => (a, i)).FirstOrDefault(p => p.a.Code == code);
        var definition = index.a;
        var timeIndex = definition is null ? -1 : definition.Times.Select((t, i) => (t, i)).FirstOrDefault(p => p.t.Iso == timepoint, (null!, -1)).Item2;
        var order = ((definition is null ? 999 : index.i) * 1000) + (timeIndex < 0 ? 999 : timeIndex);
        return new OdmPath(
            period,
            OdmModel.PeriodEvent(period),
            vitals ? OdmModel.VitalsForm : OdmModel.ScalesForm,
            vitals ? 1 : 2,
            null,
            0,
            vitals ? OdmModel.Vitals : OdmModel.Scales,
            0,
            $"{code}.{timepoint}",
            order);
    }

    /// <summary>The next repeat of a repeating group within a period (1, 2, …, in the order recorded).</summary>
    private OdmPath Repeated(OdmPath path, int period)
    {
        var key = (period, path.GroupOid);
        var number = _counters.GetValueOrDefault(key) + 1;
        _counters[key] = number;
        return path with { GroupRepeat = Key(number), GroupRepeatOrder = number };
    }

    private void AddDemographics(DateOnly? birthDate, int? ageYears, string sex, string race, string ethnicity, StoredEvent stored)
    {
        var path = Screening(OdmModel.Demographics, 4);
        Add(path, "BRTHDTC", birthDate is { } born ? Date(born) : null, stored);
        Add(path, "AGE", ageYears?.ToString(CultureInfo.InvariantCulture), stored);
        Add(path, "SEX", sex, stored);
        Add(path, "RACE", race, stored);
        Add(path, "ETHNIC", ethnicity, stored);
    }

    private static OdmPath Screening(string group, int groupOrder) =>
        new(0, OdmModel.Screening, OdmModel.ScreeningForm, 0, null, 0, group, groupOrder, null, 0);

    private static OdmPath Period(int period, string group, int groupOrder) =>
        new(period, OdmModel.PeriodEvent(period), OdmModel.DosingForm, 0, null, 0, group, groupOrder, null, 0);

    private void Add(OdmPath path, string item, string? value, StoredEvent source) => _raw.Add((path, item, value, source));

    /// <summary>A signature of the group at <paramref name="path"/> by the event <paramref name="source"/>, which changes no value there.</summary>
    private void Sign(OdmPath path, StoredEvent source, OdmSigning signing)
    {
        _signings[source] = signing;
        _raw.Add((path, null, null, source));
    }

    private static string Key(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "Y" : "N";

    private static string Number(decimal value) => Sdtm.Iso.Number(value);

    private static string Date(DateOnly date) => Sdtm.Iso.Date(date);

    /// <summary>xs:dateTime in UTC.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
