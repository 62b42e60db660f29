namespace TrialOps.Dosing;

/// <summary>
/// One part of a treatment's dosing session, given in protocol order (for example a loading bolus
/// followed by an infusion). Durations are in minutes as the protocol states them.
/// </summary>
public abstract record DoseComponent(decimal Minutes)
{
    public TimeSpan Duration => TimeSpan.FromTicks((long)(Minutes * TimeSpan.TicksPerMinute));

    /// <summary>The fixed unit every amount of this component reduces to.</summary>
    public abstract AmountUnit BaseUnit { get; }
}

/// <summary>Amount <see cref="Dose"/> given over <see cref="DoseComponent.Minutes"/> (0 for a push).</summary>
public sealed record Bolus(decimal Dose, DoseUnit Unit, decimal Minutes) : DoseComponent(Minutes)
{
    public override AmountUnit BaseUnit => Unit.Amount;
}

/// <summary>Amount <see cref="Dose"/> infused evenly over <see cref="DoseComponent.Minutes"/>.</summary>
public sealed record InfusionOfAmount(decimal Dose, DoseUnit Unit, decimal Minutes) : DoseComponent(Minutes)
{
    public override AmountUnit BaseUnit => Unit.Amount;
}

/// <summary>Infusion at <see cref="Rate"/> for <see cref="DoseComponent.Minutes"/>.</summary>
public sealed record InfusionAtRate(decimal Rate, RateUnit Unit, decimal Minutes) : DoseComponent(Minutes)
{
    public override AmountUnit BaseUnit => Unit.Dose.Amount;
}
