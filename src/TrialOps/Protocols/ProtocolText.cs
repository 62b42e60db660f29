using System.Globalization;
using TrialOps.Dosing;
using TrialOps.Protocols;

namespace TrialOps.Protocols;

/// <summary>Protocol parts as the short text read models and the CLI show.</summary>
public static class ProtocolText
{
    public static string Blinding(BlindingLevel level) => level switch
    {
        BlindingLevel.DoubleBlind => "double-blind",
        BlindingLevel.SingleBlind => "single-blind",
        _ => "open-label",
    };

    public static string Design(TrialDesign design) =>
        design == TrialDesign.Crossover ? "crossover" : design.ToString().ToLowerInvariant();

    public static string Kind(AssessmentKind kind) => kind == AssessmentKind.Scale ? "scale" : "vitals";

    /// <summary>E.g. <c>bolus 0.2 mg/kg over 10 min, then infusion 0.3 mg/kg/h for 60 min; max total 50 mg</c>.</summary>
    public static string Dosing(Treatment treatment)
    {
        var parts = treatment.Components.Select(component => component switch
        {
            Bolus b => b.Minutes == 0 ? $"bolus {Number(b.Dose)} {b.Unit} (push)" : $"bolus {Number(b.Dose)} {b.Unit} over {Number(b.Minutes)} min",
            InfusionOfAmount i => $"infusion {Number(i.Dose)} {i.Unit} over {Number(i.Minutes)} min",
            InfusionAtRate r => $"infusion {Number(r.Rate)} {r.Unit} for {Number(r.Minutes)} min",
            _ => component.ToString(),
        });
        var text = string.Join(", then ", parts);
        return treatment.MaxTotal is { } cap ? $"{text}; max total {Number(cap.Dose)} {cap.Unit.Symbol()}" : text;
    }

    private static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
