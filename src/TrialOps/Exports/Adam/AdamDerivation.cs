using TrialOps.AdverseEvents;
using TrialOps.Blinding;
using TrialOps.Meddra;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Exports.Adam;

/// <summary>
/// Derives the ADaM records of a crossover (ADSL, the subject-period BDS ADQS and ADAE) from what
/// an unblinded export has in hand: its design (protocol, allocations, code breaks) and one
/// subject's history as of the export's point. Pure: no clock, no I/O, the same input always gives
/// the same rows, so an export, its verification and an analysis read the same numbers
/// (ADR 0016). Only randomized subjects have ADaM records; a blinded design is refused, because
/// every ADaM dataset names treatments.
/// </summary>
public static class AdamDerivation
{
    /// <summary>The ADaM records of one subject (<see cref="AdamSubject.None"/> for a subject never randomized).</summary>
    /// <param name="meddra">The MedDRA version the export codes AEs with (AEDECOD, AEBODSYS as in AE), or null.</param>
    public static AdamSubject Derive(ExportDesign design, SubjectHistory subject, MeddraDictionary? meddra = null)
    {
        RefuseBlinded(design);
        if (subject.Randomization is null)
        {
            return AdamSubject.None;
        }

        var protocol = design.Protocol;
        var record = design.Trial.Allocations.GetValueOrDefault(subject.Subject)
            ?? throw new ExportDesignException($"Participant {subject.Subject} of {design.StudyId} was randomized but has no allocation in the randomization lists.");
        var codes = record.Allocation.TreatmentCodes(protocol);
        var identity = new Identity(design.StudyId, design.UsubjidOf(subject.Subject), subject.Subject, subject.Site, string.Join("-", codes));
        var state = subject.State;

        // Times on the subject's site clock (the same local time SDTM's --DTC show), so a SAS
        // datetime is the local wall clock and a SAS date the site's calendar date (ADR 0031).
        var clock = subject.Clock;
        DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } t ? clock.Local(t) : null;
        var periods = new List<AdslPeriod>();
        for (var period = 1; period <= codes.Count; period++)
        {
            var planned = TreatmentOf(protocol, codes[period - 1]);
            var session = state.Session(period);
            var next = period < codes.Count ? state.Session(period + 1).StartedAt : null;
            DateTimeOffset? periodEnd = session.StartedAt is null ? null
                : next is { } nextStart ? nextStart.AddSeconds(-1)
                : subject.EndedAt;
            var previousEnd = period > 1 ? state.Session(period - 1).StoppedAt : null;
            periods.Add(new AdslPeriod(
                period,
                planned,
                session.StartedAt is null ? null : planned,
                Local(session.StartedAt),
                Local(session.StoppedAt),
                Local(session.StartedAt),
                Local(periodEnd),
                session.StartedAt is { } start && previousEnd is { } end ? start - end : null));
        }

        var bds = DeriveBds(protocol, subject, identity, periods);
        var adae = DeriveAdae(subject, identity, periods, meddra);
        var adsl = DeriveAdsl(design, subject, identity, periods, bds);
        return new AdamSubject(adsl, bds, adae);
    }

    /// <summary>The ADaM data of many subjects (in the order given, which for an export is USUBJID order).</summary>
    public static AdamData Derive(ExportDesign design, IEnumerable<SubjectHistory> subjects, MeddraDictionary? meddra = null)
    {
        RefuseBlinded(design);
        var adsl = new List<AdslRow>();
        var bds = new List<BdsRow>();
        var adae = new List<AdaeRow>();
        foreach (var subject in subjects)
        {
            var derived = Derive(design, subject, meddra);
            if (derived.Adsl is not null)
            {
                adsl.Add(derived.Adsl);
            }

            bds.AddRange(derived.Bds);
            adae.AddRange(derived.Adae);
        }

        return new AdamData(adsl, bds, adae);
    }

    /// <summary>The endpoint FASFL and PPROTFL look at: the protocol's primary assessment, else its first scale.</summary>
    public static AssessmentDefinition? PrimaryEndpoint(ProtocolDefinition protocol) =>
        protocol.PrimaryAssessment ?? protocol.Assessments.FirstOrDefault(a => a.Kind == AssessmentKind.Scale);

    /// <summary>The primary time point of a scale: its <c>primaryTime</c>, else its first post-dose time.</summary>
    public static AssessmentTime? PrimaryTime(AssessmentDefinition assessment) =>
        assessment.PrimaryTime ?? assessment.Times.FirstOrDefault(t => t.AfterDosingStart > TimeSpan.Zero);

    private static void RefuseBlinded(ExportDesign design)
    {
        if (design.IsBlinded)
        {
            throw new InvalidOperationException("ADaM datasets name treatments: they are derived for unblinded exports only.");
        }
    }

    private sealed record Identity(string StudyId, string Usubjid, string Subjid, string? SiteId, string PlannedSequence);

    private static AdamTreatment TreatmentOf(ProtocolDefinition protocol, string code)
    {
        var index = 0;
        while (index < protocol.Treatments.Count && protocol.Treatments[index].Code != code)
        {
            index++;
        }

        var treatment = protocol.Treatment(code);
        return new AdamTreatment(treatment.Code, treatment.Label, index + 1, treatment.Placebo);
    }

    private static AdslRow DeriveAdsl(ExportDesign design, SubjectHistory subject, Identity identity, IReadOnlyList<AdslPeriod> periods, IReadOnlyList<BdsRow> bds)
    {
        var state = subject.State;
        var protocol = design.Protocol;
        var dosed = periods.Where(p => p.Actual is not null).ToArray();
        var safety = dosed.Length > 0;

        var endpoint = PrimaryEndpoint(protocol);
        var primaryTime = endpoint is null ? null : PrimaryTime(endpoint);
        var endpointRows = bds.Where(r => endpoint is not null && r.ParamCode == endpoint.Code).ToArray();
        var fullAnalysis = safety && endpointRows.Any(r => r.Actual is not null && r.AfterDosingStart > TimeSpan.Zero);
        var perProtocol = safety && primaryTime is not null && periods.All(p =>
        {
            var session = state.Session(p.Period);
            return session.Stopped && session.Completed == true && !session.StartedAsDeviation
                && endpointRows.Any(r => r.Period == p.Period && r.IsBaseline)
                && endpointRows.Any(r => r.Period == p.Period && r.PrimaryTimepoint);
        });

        var completed = subject.Completion is not null;
        var withdrawn = subject.Withdrawal?.Data as ParticipantWithdrawn;
        var codeBreak = design.Trial.CodeBreaks.GetValueOrDefault(subject.Subject, [])
            .Select(e => e.Data).OfType<EmergencyUnblindingPerformed>()
            .OrderBy(e => e.PerformedAt)
            .FirstOrDefault();
        var demographics = state.Demographics;
        var age = demographics?.AgeOn(state.ConsentDate);

        return new AdslRow(
            identity.StudyId,
            identity.Usubjid,
            identity.Subjid,
            identity.SiteId,
            protocol.Sites.FirstOrDefault(s => s.Code == subject.Site)?.Country,
            age,
            demographics?.Sex ?? "U",
            demographics?.Race,
            demographics?.Ethnicity,
            design.ArmOf(subject.Subject)?.Description,
            safety ? design.ArmOf(subject.Subject)?.Description : null,
            identity.PlannedSequence,
            safety ? string.Join("-", dosed.Select(p => p.Actual!.Code)) : null,
            periods,
            (subject.Randomization?.Data as ParticipantRandomized)?.ClinicalDate(),
            dosed.Select(p => p.TreatmentStart).FirstOrDefault(),
            dosed.Select(p => p.TreatmentEnd).Where(t => t is not null).Max(),
            Randomized: true,
            safety,
            fullAnalysis,
            perProtocol,
            completed,
            completed ? "COMPLETED" : withdrawn is not null ? "DISCONTINUED" : "ONGOING",
            withdrawn is null ? null : Sdtm.CdiscTerms.Withdrawal(withdrawn.Reason),
            codeBreak is not null,
            codeBreak is null ? null : PeriodAt(periods, codeBreak.PerformedAt),
            codeBreak is null ? null : subject.Clock.Local(codeBreak.PerformedAt));
    }

    /// <summary>The latest period whose dosing started at or before the instant; null before the first dose.</summary>
    private static int? PeriodAt(IReadOnlyList<AdslPeriod> periods, DateTimeOffset instant) =>
        periods.Where(p => p.PeriodStart is { } start && start <= instant).Select(p => (int?)p.Period).LastOrDefault();

    private static List<BdsRow> DeriveBds(ProtocolDefinition protocol, SubjectHistory subject, Identity identity, IReadOnlyList<AdslPeriod> periods)
    {
        var rows = new List<(int Period, int AssessmentOrder, int TimeOrder, string Code, string Timepoint, BdsRow Row)>();
        var values = subject.State.Assessments.Values.Where(a => a.Vitals is null && a.Value is not null && a.Key.Period >= 1 && a.Key.Period <= periods.Count).ToArray();
        foreach (var assessment in values)
        {
            var assessmentIndex = IndexOf(protocol.Assessments, a => a.Code == assessment.Key.Code);
            var definition = assessmentIndex < 0 ? null : protocol.Assessments[assessmentIndex];
            if (definition is not null && definition.Kind != AssessmentKind.Scale)
            {
                continue;
            }

            var timeIndex = definition is null ? -1 : IndexOf(definition.Times, t => t.Iso == assessment.Key.Timepoint);
            var time = timeIndex < 0 ? null : definition!.Times[timeIndex];
            var baselineTime = definition?.Times.FirstOrDefault(t => t.AfterDosingStart == TimeSpan.Zero);
            var isBaseline = time is not null && baselineTime is not null && time == baselineTime;
            var baseline = baselineTime is null ? null
                : subject.State.Assessments.GetValueOrDefault(assessment.Key with { Timepoint = baselineTime.Iso })?.Value;
            var postDose = time is not null && time.AfterDosingStart > TimeSpan.Zero;
            var value = assessment.Value!.Value;
            decimal? change = postDose && baseline is { } b ? value - b : null;
            double? percent = change is { } c && baseline is { } b2 && b2 != 0m ? (double)(c * 100m / b2) : null;
            var thresholds = definition?.ResponderThresholds ?? Protocols.AssessmentDefinition.DefaultResponderThresholds;
            var criteria = thresholds
                .Select(t => new ResponderCriterion(t, change is { } ch && baseline is { } bb && bb != 0m ? -ch * 100m >= t * bb : null))
                .ToArray();
            var primary = definition is not null && PrimaryTime(definition) is { } primaryTime && time == primaryTime;
            var period = periods[assessment.Key.Period - 1];
            var row = new BdsRow(
                identity.StudyId,
                identity.Usubjid,
                identity.Subjid,
                identity.SiteId,
                identity.PlannedSequence,
                assessment.Key.Period,
                period.Planned,
                period.Actual,
                assessment.Key.Code,
                definition?.Label ?? assessment.Key.Code,
                time is null ? assessment.Key.Timepoint : ExportDesign.TimepointName(time.AfterDosingStart),
                time is null ? null : timeIndex + 1,
                time?.AfterDosingStart,
                subject.Clock.Local(assessment.ClinicalTime),
                value,
                baseline,
                isBaseline,
                change,
                percent,
                criteria,
                primary);
            rows.Add((assessment.Key.Period, assessmentIndex < 0 ? int.MaxValue : assessmentIndex, timeIndex < 0 ? int.MaxValue : timeIndex, assessment.Key.Code, assessment.Key.Timepoint, row));
        }

        return rows
            .OrderBy(r => r.AssessmentOrder)
            .ThenBy(r => r.Code, StringComparer.Ordinal)
            .ThenBy(r => r.Period)
            .ThenBy(r => r.TimeOrder)
            .ThenBy(r => r.Timepoint, StringComparer.Ordinal)
            .Select(r => r.Row)
            .ToList();
    }

    private static List<AdaeRow> DeriveAdae(SubjectHistory subject, Identity identity, IReadOnlyList<AdslPeriod> periods, MeddraDictionary? meddra)
    {
        var rows = new List<AdaeRow>();
        var sequence = 0;

        // The order and numbering of SDTM AE (AESEQ), so that each record traces back to its AE row.
        foreach (var adverseEvent in subject.AdverseEvents.OrderBy(c => c.State.Details!.Onset.Earliest).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            var details = adverseEvent.State.Details!;
            var ctcae = CtcaeDictionary.V5.FindByCode(details.MeddraCode);
            var coded = meddra?.Code(details.MeddraCode);
            var period = PeriodAttribution.PeriodAt(subject.State, details.Onset, subject.Clock);
            var onset = details.Onset;
            rows.Add(new AdaeRow(
                identity.StudyId,
                identity.Usubjid,
                identity.Subjid,
                identity.SiteId,
                identity.PlannedSequence,
                ++sequence,
                adverseEvent.Id,
                details.Term,
                coded?.PtName ?? ctcae?.Term ?? details.Term,
                coded?.SocName ?? ctcae?.SystemOrganClass,
                details.MeddraCode,
                details.Serious,
                Sdtm.CdiscTerms.Causality(details.Causality),
                details.Grade,
                Sdtm.CdiscTerms.Outcome(details.Outcome),
                onset.IsoOn(subject.Clock),
                details.End?.IsoOn(subject.Clock),
                onset.HasTime() ? subject.Clock.Local(onset.Earliest) : null,
                onset.LocalDate(subject.Clock),
                details.End?.LocalDate(subject.Clock),
                period,
                period is { } p && p <= periods.Count ? periods[p - 1].Actual : null,
                period is not null));
        }

        return rows;
    }

    /// <summary>
    /// The rule of <see cref="PeriodAttribution"/> (the latest period whose dosing started at or
    /// before the latest instant the onset may stand for) with a date-only onset read as the site's
    /// local day, as SDTM AE's EPOCH reads it: in Sydney an onset on the date of a 00:30 dose may
    /// follow that dose, an onset the day before may not.
    /// </summary>
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
}
