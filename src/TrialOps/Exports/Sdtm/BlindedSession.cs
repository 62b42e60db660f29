using TrialOps.Dosing;
using TrialOps.Protocols;

namespace TrialOps.Exports.Sdtm;

/// <summary>
/// A session as the blinded staff knew it, computed from the protocol version and the weight alone
/// (never from the allocation), so it is the same in every arm: the parts of the session when every
/// treatment has the same components (kind and duration), else the session as one part; the
/// volumes where every arm has the same volume at this weight (<see cref="BlindedDoseInstruction"/>).
/// </summary>
public sealed record BlindedSession(IReadOnlyList<PlannedPart> Parts, IReadOnlyDictionary<int, string> Kinds, decimal? VolumeMl, string? Instruction)
{
    public static BlindedSession For(ProtocolDefinition version, decimal? weightKg)
    {
        var first = version.Treatments[0].Components;
        var sameShape = version.Treatments.All(t => t.Components.Count == first.Count
            && t.Components.Zip(first).All(pair => (pair.First is Bolus) == (pair.Second is Bolus) && pair.First.Minutes == pair.Second.Minutes));
        var instruction = weightKg is { } kg ? BlindedDoseInstruction.For(version, kg) : null;
        var volumes = instruction?.VolumeMl is not null
            ? DoseCalculator.Calculate(version.Treatments[0], weightKg!.Value).Components.Select(c => (decimal?)c.Amount).ToArray()
            : null;
        if (sameShape)
        {
            var parts = first.Select((c, i) => new PlannedPart(i + 1, c.Minutes == 0, volumes?[i], volumes?[i], c.Duration)).ToArray();
            var kinds = first.Select((c, i) => (i + 1, c is Bolus ? "BOLUS" : "INFUSION")).ToDictionary(p => p.Item1, p => p.Item2);
            return new BlindedSession(parts, kinds, instruction?.VolumeMl, instruction?.Text);
        }

        var push = instruction?.Duration == TimeSpan.Zero;
        return new BlindedSession([new PlannedPart(0, push, instruction?.VolumeMl, instruction?.VolumeMl, instruction?.Duration)], new Dictionary<int, string>(), instruction?.VolumeMl, instruction?.Text);
    }
}
