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
    /// 100 kg) would break the match at that weight: the arms still match before the cap, so the
    /// bedside volume stays the larger one and the capped arm is made up to it with diluent
    /// (<see cref="MakeUpMl"/>, told to the pharmacist; ADR 0020). Only arms that do not match even
    /// before a cap get the duration alone.
    /// </remarks>
    public static BlindedDoseInstruction For(ProtocolDefinition protocol, decimal weightKg)
    {
        var doses = protocol.Treatments.Select(t => DoseCalculator.Calculate(t, weightKg)).ToArray();
        var first = doses[0];
        var sameShape = doses.All(d => d.Components.Count == first.Components.Count
            && d.Components.Zip(first.Components).All(pair => IsBolus(pair.First) == IsBolus(pair.Second) && pair.First.Duration == pair.Second.Duration));
        var volume = MatchedVolumes(doses) is { } volumes ? volumes.Sum() : (decimal?)null;
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

    /// <summary>
    /// The diluent (mL) the pharmacist adds to <paramref name="dose"/> so that it has the bedside
    /// volume every arm has at this weight: positive only when a cap reduced this arm below the
    /// matched volume; null when nothing is to be added or the arms have no matched volume.
    /// </summary>
    public static decimal? MakeUpMl(ProtocolDefinition protocol, SessionDose dose)
    {
        var doses = protocol.Treatments.Select(t => DoseCalculator.Calculate(t, dose.WeightKg)).ToArray();
        if (MatchedVolumes(doses) is not { } volumes || volumes.Count != dose.Components.Count)
        {
            return null;
        }

        var makeUp = volumes.Zip(dose.Components).Sum(pair => pair.First - pair.Second.Amount);
        return makeUp > 0 ? makeUp : null;
    }

    /// <summary>
    /// The bedside volume of each component, the same for every arm: arms match when their
    /// components have the same kind and duration and the same amount in number before any cap,
    /// and at least one arm is dosed in mL. A capped component is made up to the largest amount.
    /// </summary>
    private static IReadOnlyList<decimal>? MatchedVolumes(IReadOnlyList<SessionDose> doses)
    {
        var first = doses[0];
        var sameShape = doses.All(d => d.Components.Count == first.Components.Count
            && d.Components.Zip(first.Components).All(pair => IsBolus(pair.First) == IsBolus(pair.Second) && pair.First.Duration == pair.Second.Duration));
        var sameBeforeCap = sameShape && doses.All(d => d.Components.Zip(first.Components).All(pair => pair.First.UncappedAmount == pair.Second.UncappedAmount));
        if (!sameBeforeCap || !doses.Any(d => d.Unit == AmountUnit.ML))
        {
            return null;
        }

        return first.Components.Select((_, i) => doses.Max(d => d.Components[i].Amount)).ToArray();
    }

    private static bool IsBolus(ComponentDose component) => component.Component is Bolus;

    private static string Ml(decimal volume) =>
        Math.Round(volume, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan duration) =>
        Math.Round((decimal)duration.TotalMinutes, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
}
