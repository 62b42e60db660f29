using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Dosing;

/// <summary>
/// The unblinded pharmacy view of one session: which treatment the period's kit holds and the dose
/// to prepare for the session weight. Only roles <see cref="Blinding.BlindingPolicy"/> unblinds may
/// receive it (the Journey service checks).
/// </summary>
/// <param name="Dose">Null until the session weight is recorded.</param>
/// <param name="Blinded">What the bedside sees for the same session.</param>
/// <param name="MakeUpMl">
/// Diluent (mL) to add because a cap reduced this arm's dose below the volume every arm has at the
/// bedside (<see cref="BlindedDoseInstruction.MakeUpMl"/>); null when none is needed.
/// </param>
public sealed record PharmacyDose(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Period,
    KitNumber Kit,
    string TreatmentCode,
    string TreatmentLabel,
    bool Placebo,
    decimal? WeightKg,
    SessionDose? Dose,
    BlindedDoseInstruction? Blinded,
    decimal? MakeUpMl = null)
{
    /// <summary>
    /// While the session weight was corrected after the dose was prepared (ADR 0020): the dose for the
    /// weight in force, calculated as for the first preparation (cap included), to prepare it anew.
    /// </summary>
    public SessionDose? CorrectedDose { get; init; }

    /// <summary>The diluent to add to <see cref="CorrectedDose"/> (as <see cref="MakeUpMl"/>), or null.</summary>
    public decimal? CorrectedMakeUpMl { get; init; }

    /// <summary>The weight in force when it differs from the one the preparation was calculated from; otherwise null.</summary>
    public decimal? CorrectedWeightKg => CorrectedDose?.WeightKg;

    /// <summary>What the pharmacist is told to add, or null: "Add 10 mL of diluent to make the preparation up to 60 mL, the volume of every arm at this weight."</summary>
    public string? MakeUpInstruction => MakeUpMl is { } ml && Blinded?.VolumeMl is { } total
        ? $"The dose cap breaks volume matching: add {DoseDisplay.Amount(ml, AmountUnit.ML)} of diluent to make the preparation up to {DoseDisplay.Amount(total, AmountUnit.ML)}, the volume of every arm at this weight, so that it looks the same at the bedside."
        : null;
}

/// <summary>The pharmacy's dose of a session, from the participant's allocation on their stratum list (unblinded data).</summary>
public static class PharmacyDoses
{
    /// <summary>The treatment code of <paramref name="period"/> for the participant, or null when they hold no entry of the list.</summary>
    public static string? TreatmentOf(ProtocolDefinition protocol, IEnumerable<object> listEvents, SubjectNumber subject, int period)
    {
        var codes = RandomizationListEntries.AllocationOf(listEvents, subject.ToString())?.TreatmentCodes(protocol);
        return codes is not null && period >= 1 && period <= codes.Count ? codes[period - 1] : null;
    }

    public static PharmacyDose For(ProtocolDefinition protocol, ParticipantState participant, IEnumerable<object> listEvents, int period)
    {
        var code = TreatmentOf(protocol, listEvents, participant.Subject, period)
            ?? throw new InvalidOperationException($"Participant {participant.Subject} has no allocation for period {period}.");
        var treatment = protocol.Treatment(code);
        var weight = participant.Session(period).Preparation?.WeightKg ?? participant.Session(period).WeightKg;
        var dose = weight is { } kg ? DoseCalculator.Calculate(treatment, kg) : null;
        var session = participant.Session(period);
        var corrected = session.AwaitsPharmacyRecheck ? DoseCalculator.Calculate(treatment, session.WeightKg!.Value) : null;
        return new PharmacyDose(
            protocol.Code,
            participant.Subject,
            period,
            participant.Kits[period],
            treatment.Code,
            treatment.Label,
            treatment.Placebo,
            weight,
            dose,
            weight is { } bw ? BlindedDoseInstruction.For(protocol, bw) : null,
            dose is null ? null : BlindedDoseInstruction.MakeUpMl(protocol, dose))
        {
            CorrectedDose = corrected,
            CorrectedMakeUpMl = corrected is null ? null : BlindedDoseInstruction.MakeUpMl(protocol, corrected),
        };
    }
}
