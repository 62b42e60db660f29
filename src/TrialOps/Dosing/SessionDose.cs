using System.Globalization;

namespace TrialOps.Dosing;

/// <summary>
/// One component of a session's dose for a participant's weight, in the treatment's base unit.
/// Values are exact decimals; round only for display (<see cref="DoseDisplay"/>).
/// </summary>
/// <param name="Order">1-based position in the session.</param>
/// <param name="Component">The protocol's instruction this was computed from.</param>
/// <param name="Amount">What is given, after any cap.</param>
/// <param name="UncappedAmount">What the protocol asks for before a cap.</param>
/// <param name="RatePerHour">Null for a push (a bolus over 0 minutes).</param>
/// <param name="RatePerMinute">Null for a push.</param>
/// <param name="VolumeMl">Set when the base unit is mL: the volume to draw up.</param>
public sealed record ComponentDose(
    int Order,
    DoseComponent Component,
    decimal Amount,
    decimal UncappedAmount,
    AmountUnit Unit,
    TimeSpan Duration,
    decimal? RatePerHour,
    decimal? RatePerMinute,
    decimal? VolumeMl);

/// <summary>
/// The dose of one dosing session, computed from the weight measured at that session.
/// <see cref="Capped"/> records that the protocol's <c>maxTotal</c> applied, with the amount it
/// would otherwise have been, so the record shows that the cap was used.
/// </summary>
public sealed record SessionDose(
    string TreatmentCode,
    decimal WeightKg,
    AmountUnit Unit,
    IReadOnlyList<ComponentDose> Components,
    decimal Total,
    decimal UncappedTotal,
    bool Capped,
    DoseAmount? Cap)
{
    /// <summary>Components are given one after the other.</summary>
    public TimeSpan Duration => Components.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Duration);

    public decimal? TotalVolumeMl => Unit == AmountUnit.ML ? Total : null;
}

/// <summary>Rounding for display only; stored and compared values stay exact.</summary>
public static class DoseDisplay
{
    public static string Amount(decimal amount, AmountUnit unit) => $"{Round(amount)} {unit.Symbol()}";

    public static string Rate(decimal rate, AmountUnit unit, RateTimeBase per) =>
        $"{Round(rate)} {unit.Symbol()}/{(per == RateTimeBase.Hour ? "h" : "min")}";

    private static string Round(decimal value) =>
        Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
}
