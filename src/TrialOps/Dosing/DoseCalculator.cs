using TrialOps.Protocols;

namespace TrialOps.Dosing;

/// <summary>Computes a treatment's session dose for a participant's weight. Pure; exact decimals.</summary>
public static class DoseCalculator
{
    /// <summary>
    /// Per component: the amount in the treatment's base unit, its duration, its rate (per hour and
    /// per minute, unless it is a push) and, for mL, its volume; then the session total.
    /// </summary>
    /// <remarks>
    /// A <c>maxTotal</c> cap scales every component by the same factor rather than cutting off
    /// the last ones. Each component keeps its duration, so the session looks and lasts the same
    /// as the protocol and as the matched placebo (a shortened or missing infusion would tell the
    /// bedside team which arm this is), and the bolus-to-infusion ratio the protocol chose for its
    /// pharmacokinetics is kept. Rates fall by the same factor.
    /// </remarks>
    public static SessionDose Calculate(Treatment treatment, decimal weightKg)
    {
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(weightKg, 0m);
        if (treatment.Components.Count == 0)
        {
            throw new ArgumentException($"Treatment {treatment.Code} has no components.", nameof(treatment));
        }

        var unit = treatment.BaseUnit;
        if (treatment.Components.Any(c => c.BaseUnit != unit) || (treatment.MaxTotal is { } max && max.Unit != unit))
        {
            throw new ArgumentException($"Treatment {treatment.Code} mixes base units.", nameof(treatment));
        }

        var uncapped = treatment.Components.Select(c => UncappedAmount(c, weightKg)).ToArray();
        var uncappedTotal = uncapped.Sum();
        var capped = treatment.MaxTotal is { } cap && uncappedTotal > cap.Dose;
        var amounts = capped ? ScaleToCap(uncapped, uncappedTotal, treatment.MaxTotal!.Dose) : uncapped;

        var components = treatment.Components
            .Select((component, i) => Describe(i + 1, component, amounts[i], uncapped[i], unit))
            .ToArray();
        return new SessionDose(treatment.Code, weightKg, unit, components, amounts.Sum(), uncappedTotal, capped, treatment.MaxTotal);
    }

    private static decimal UncappedAmount(DoseComponent component, decimal weightKg) => component switch
    {
        Bolus bolus => PerWeight(bolus.Dose, bolus.Unit, weightKg),
        InfusionOfAmount infusion => PerWeight(infusion.Dose, infusion.Unit, weightKg),
        InfusionAtRate infusion => PerWeight(infusion.Rate, infusion.Unit.Dose, weightKg)
            * (infusion.Unit.Per == RateTimeBase.Hour ? infusion.Minutes / 60m : infusion.Minutes),
        _ => throw new ArgumentException($"Unknown component {component.GetType().Name}.", nameof(component)),
    };

    private static decimal PerWeight(decimal dose, DoseUnit unit, decimal weightKg) =>
        unit.PerKilogram ? dose * weightKg : dose;

    /// <summary>The last component takes the remainder, so the capped total is exactly the cap.</summary>
    private static decimal[] ScaleToCap(decimal[] uncapped, decimal uncappedTotal, decimal cap)
    {
        var scaled = uncapped.Select(amount => amount * cap / uncappedTotal).ToArray();
        scaled[^1] = cap - scaled[..^1].Sum();
        return scaled;
    }

    private static ComponentDose Describe(int order, DoseComponent component, decimal amount, decimal uncappedAmount, AmountUnit unit)
    {
        var push = component.Minutes == 0;
        return new ComponentDose(
            order,
            component,
            amount,
            uncappedAmount,
            unit,
            component.Duration,
            push ? null : amount * 60m / component.Minutes,
            push ? null : amount / component.Minutes,
            unit == AmountUnit.ML ? amount : null);
    }
}
