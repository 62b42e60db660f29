using System.Globalization;
using TrialOps.Protocols;

namespace TrialOps.Exports;

/// <summary>A planned arm of TA: in a crossover, one per treatment sequence.</summary>
public sealed record PlannedArm(string Code, string Description, TreatmentSequence? Sequence);

/// <summary>
/// How the trial design is named in one export. Unblinded, it is the SDTMIG crossover model: one
/// arm per sequence, one element per treatment. Blinded, every treatment element is the same
/// generic <c>TRT</c> "Blinded study treatment" and there is one arm, <c>BLINDED</c>: nothing in
/// TA, TE, SE or DM then depends on which treatment a participant had in which period, and rows are
/// ordered by subject and time, never by arm (DESIGN.md §6, ADR 0003).
/// </summary>
public sealed class ExportDesign
{
    public const string Blinded = "BLINDED";
    public const string BlindedTreatmentCode = "TRT";
    public const string BlindedTreatmentName = "BLINDED STUDY TREATMENT";
    public const string ScreeningCode = "SCRN";
    public const string WashoutCode = "WASH";
    public const string FollowUpCode = "FU";

    public ExportDesign(TrialAsOf trial, bool blinded)
    {
        Trial = trial;
        Protocol = trial.Current;
        IsBlinded = blinded;
        StudyId = Protocol.Code.Value;
        var times = Protocol.Assessments.SelectMany(a => a.Times).ToArray();
        var last = times.Length == 0 ? null : times.MaxBy(t => t.AfterDosingStart);
        Observation = last?.AfterDosingStart ?? TimeSpan.Zero;
        ObservationIso = last?.Iso ?? "PT0M";

        foreach (var treatment in Protocol.Treatments)
        {
            if (treatment.Code is ScreeningCode or WashoutCode or FollowUpCode)
            {
                throw new ExportDesignException($"Treatment code {treatment.Code} of {StudyId} is also an element code of the export (SCRN, WASH, FU); TE could not tell them apart.");
            }
        }

        Arms = blinded ? [new PlannedArm(Blinded, Blinded, null)] : UnblindedArms(Protocol);
        var routes = Protocol.Treatments.Select(t => t.Route).Distinct(StringComparer.Ordinal).ToArray();
        CommonRoute = routes.Length == 1 ? routes[0] : null;
    }

    public TrialAsOf Trial { get; }

    public ProtocolDefinition Protocol { get; }

    public bool IsBlinded { get; }

    public string StudyId { get; }

    /// <summary>The last scheduled assessment after dosing start: the least length of a treatment element.</summary>
    public TimeSpan Observation { get; }

    public string ObservationIso { get; }

    public IReadOnlyList<PlannedArm> Arms { get; }

    /// <summary>The route all treatments share; null when they differ (then a blinded EXROUTE stays empty, or it would tell the arm).</summary>
    public string? CommonRoute { get; }

    public int PeriodCount => Protocol.PeriodCount;

    public string UsubjidOf(string subject) => $"{StudyId}-{subject}";

    /// <summary>The planned arm of a participant (unblinded only); null when they were not randomized.</summary>
    public PlannedArm? ArmOf(string subject)
    {
        if (IsBlinded)
        {
            return Arms[0];
        }

        return Trial.Allocations.TryGetValue(subject, out var record)
            ? Arms.Single(a => a.Sequence!.Number == record.Allocation.SequenceNumber)
            : null;
    }

    /// <summary>ETCD and ELEMENT of a subject's element.</summary>
    public (string Code, string Name) ElementOf(SubjectElement element, string subject) => element.Kind switch
    {
        ElementKind.Screening => (ScreeningCode, "Screening"),
        ElementKind.Washout => (WashoutCode, "Washout"),
        ElementKind.FollowUp => (FollowUpCode, "Follow-up"),
        _ => TreatmentElement(TreatmentOf(subject, element.Period)),
    };

    /// <summary>The treatment a subject had in a period; null in a blinded export (it is never looked up).</summary>
    public Treatment? TreatmentOf(string subject, int period)
    {
        if (IsBlinded)
        {
            return null;
        }

        var record = Trial.Allocations.GetValueOrDefault(subject)
            ?? throw new ExportDesignException($"Participant {subject} of {StudyId} was dosed but has no allocation in the randomization lists.");
        var codes = record.Allocation.TreatmentCodes(Protocol);
        return Protocol.Treatment(codes[period - 1]);
    }

    public (string Code, string Name) TreatmentElement(Treatment? treatment) =>
        treatment is null ? (BlindedTreatmentCode, "Blinded study treatment") : (treatment.Code, treatment.Label);

    /// <summary>Planned elements of an arm in TA order.</summary>
    public IEnumerable<(int Order, string Code, string Name, string Epoch)> PlannedElements(PlannedArm arm)
    {
        yield return (1, ScreeningCode, "Screening", "SCREENING");
        for (var period = 1; period <= PeriodCount; period++)
        {
            var treatment = arm.Sequence is { } sequence ? Protocol.Treatment(sequence.TreatmentCodes[period - 1]) : null;
            var (code, name) = TreatmentElement(treatment);
            yield return (2 * period, code, name, $"TREATMENT {period}");
            if (period < PeriodCount)
            {
                yield return ((2 * period) + 1, WashoutCode, "Washout", $"WASHOUT {period}");
            }
        }

        yield return ((2 * PeriodCount) + 1, FollowUpCode, "Follow-up", "FOLLOW-UP");
    }

    /// <summary>Visit number and name: 1 SCREENING, then one dosing visit per period.</summary>
    public static (int Number, string Name) Visit(int period) => period == 0 ? (1, "SCREENING") : (period + 1, $"PERIOD {period}");

    /// <summary>
    /// TPT text of a timepoint: <c>PRE-DOSE</c> for PT0M, else the time after dosing start
    /// (<c>20 MIN AFTER DOSING START</c>, <c>1 H 30 MIN AFTER DOSING START</c>).
    /// </summary>
    public static string TimepointName(TimeSpan afterStart)
    {
        if (afterStart <= TimeSpan.Zero)
        {
            return "PRE-DOSE";
        }

        var hours = (long)afterStart.TotalHours;
        var minutes = afterStart.Minutes;
        var seconds = afterStart.Seconds;
        var parts = new List<string>();
        if (hours > 0)
        {
            parts.Add(hours.ToString(CultureInfo.InvariantCulture) + " H");
        }

        if (minutes > 0)
        {
            parts.Add(minutes.ToString(CultureInfo.InvariantCulture) + " MIN");
        }

        if (seconds > 0)
        {
            parts.Add(seconds.ToString(CultureInfo.InvariantCulture) + " S");
        }

        return string.Join(" ", parts) + " AFTER DOSING START";
    }

    private static IReadOnlyList<PlannedArm> UnblindedArms(ProtocolDefinition protocol)
    {
        var codes = protocol.Sequences.Select(s => string.Join("-", s.TreatmentCodes)).ToArray();
        var useCodes = codes.All(c => c.Length <= 20) && codes.Distinct(StringComparer.Ordinal).Count() == codes.Length;
        return protocol.Sequences.Select((sequence, i) =>
        {
            var labels = string.Join(", then ", sequence.TreatmentCodes.Select(c => protocol.Treatment(c).Label));
            var description = labels.Length <= 200 ? labels : string.Join(" then ", sequence.TreatmentCodes);
            var code = useCodes ? codes[i] : $"SEQ{sequence.Number.ToString("D2", CultureInfo.InvariantCulture)}";
            return new PlannedArm(code, description, sequence);
        }).ToArray();
    }
}

/// <summary>The protocol or the data cannot be expressed in the export's model; nothing is written.</summary>
public sealed class ExportDesignException(string message) : Exception(message);
