using System.Globalization;
using TrialOps.Protocols;

namespace TrialOps.Dosing;

/// <summary>
/// What blinded bedside staff are told about a session: "Study infusion, 35 mL over 40 min". It
/// is computed from the protocol and the participant's weight alone, for every treatment of the
/// protocol at once, so it is the same whichever arm the participant is in this period and cannot
/// reveal it.
/// </summary>
/// <param name="Text">The instruction as shown.</param>
/// <param name="VolumeMl">Set only when every arm gives the same volume at this weight.</param>
/// <param name="Duration">Set only when every arm lasts the same.</param>
public sealed record BlindedDoseInstruction(string Text, decimal? VolumeMl, TimeSpan? Duration)
{
    /// <remarks>
    /// Arms have matched volumes at a weight when their components have the same kind and duration
    /// and the same amount in number, and at least one arm is dosed in mL. That is how a matched
    /// placebo is written (KET-NP-01: ketamine 0.5 mg/kg and saline 0.5 mL/kg over 40 min, the
    /// active drug made up at 1 mg/mL). A cap that applies to one arm only (ketamine's 50 mg above
    /// 100 kg) breaks the match at that weight; then only the duration is shown, for either arm.
    /// </remarks>
    public static BlindedDoseInstruction For(ProtocolDefinition protocol, decimal weightKg)
    {
        var doses = protocol.Treatments.Select(t => DoseCalculator.Calculate(t, weightKg)).ToArray();
        var first = doses[0];
        var sameShape = doses.All(d => d.Components.Count == first.Components.Count
            && d.Components.Zip(first.Components).All(pair => IsBolus(pair.First) == IsBolus(pair.Second) && pair.First.Duration == pair.Second.Duration));
        var sameAmounts = sameShape && doses.All(d => d.Components.Zip(first.Components).All(pair => pair.First.Amount == pair.Second.Amount));
        var volume = sameAmounts && doses.Any(d => d.Unit == AmountUnit.ML) ? first.Total : (decimal?)null;
        TimeSpan? duration = sameShape ? first.Duration : null;
        var push = sameShape && first.Components.All(c => c.Duration == TimeSpan.Zero);
        var noun = push ? "Study injection" : "Study infusion";
        var text = (volume, duration) switch
        {
            ({ } v, { } d) when d > TimeSpan.Zero => $"{noun}, {Ml(v)} mL over {Minutes(d)} min",
            ({ } v, _) => $"{noun}, {Ml(v)} mL",
            (null, { } d) when d > TimeSpan.Zero => $"{noun} over {Minutes(d)} min",
            _ => noun,
        };
        return new BlindedDoseInstruction(text, volume, duration);
    }

    private static bool IsBolus(ComponentDose component) => component.Component is Bolus;

    private static string Ml(decimal volume) =>
        Math.Round(volume, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan duration) =>
        Math.Round((decimal)duration.TotalMinutes, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
}
