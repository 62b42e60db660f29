using System.Text.Json;
using TrialOps.AdverseEvents;
using TrialOps.Protocols;

namespace TrialOps.Seed;

/// <summary>The effects read from an options file, or every problem found in it (each naming its JSON path).</summary>
public sealed record DemoEffectsParse(DemoEffects? Effects, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Effects is not null;
}

/// <summary>
/// Reads <c>trialops demo --effects FILE</c>: a JSON object overriding any of the
/// <see cref="DemoEffects.DefaultsFor"/> values for one protocol (format in seed/README.md).
/// Every field is optional; an unknown field, a treatment code the protocol does not define, a term
/// CTCAE v5.0 does not have and a value out of its range are refused with the field's path.
/// </summary>
public static class DemoEffectsFile
{
    public const string Format = "trialops.demo-effects/1";

    private const double MaxDurationDays = 30;

    public static DemoEffectsParse Parse(byte[] content, ProtocolDefinition protocol)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            return new DemoEffectsParse(null, [$"$: not valid JSON (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1})"]);
        }

        using (document)
        {
            var reader = new Reader();
            var effects = reader.Read(document.RootElement, protocol);
            return reader.Problems.Count == 0 ? new DemoEffectsParse(effects, []) : new DemoEffectsParse(null, reader.Problems);
        }
    }

    private sealed class Reader
    {
        public List<string> Problems { get; } = [];

        public DemoEffects Read(JsonElement root, ProtocolDefinition protocol)
        {
            var defaults = DemoEffects.DefaultsFor(protocol);
            if (!Object(root, "$", ["format", "baseline", "withinSubjectSd", "periodEffect", "placeboResponse", "treatments"]))
            {
                return defaults;
            }

            if (root.TryGetProperty("format", out var format) && (format.ValueKind != JsonValueKind.String || format.GetString() != Format))
            {
                Problems.Add($"$.format: must be \"{Format}\"");
            }

            var baseline = defaults.Baseline;
            if (root.TryGetProperty("baseline", out var baselineElement) && Object(baselineElement, "$.baseline", ["mean", "sd", "eligibleMin"]))
            {
                baseline = new BaselinePain(
                    Number(baselineElement, "$.baseline", "mean", 0, 100) ?? baseline.Mean,
                    Number(baselineElement, "$.baseline", "sd", 0, 50) ?? baseline.Sd,
                    Number(baselineElement, "$.baseline", "eligibleMin", 0, 100) ?? baseline.EligibleMin);
            }

            var placebo = defaults.PlaceboResponse;
            if (root.TryGetProperty("placeboResponse", out var placeboElement) && Object(placeboElement, "$.placeboResponse", ["peak", "peakAt", "halfLife"]))
            {
                placebo = Course(placeboElement, "$.placeboResponse", placebo);
            }

            var treatments = new Dictionary<string, TreatmentSimulation>(defaults.Treatments, StringComparer.Ordinal);
            if (root.TryGetProperty("treatments", out var treatmentsElement) && Object(treatmentsElement, "$.treatments", null))
            {
                foreach (var property in treatmentsElement.EnumerateObject())
                {
                    var path = $"$.treatments.{property.Name}";
                    var treatment = protocol.Treatments.FirstOrDefault(t => t.Code == property.Name);
                    if (treatment is null)
                    {
                        Problems.Add($"{path}: unknown treatment code '{property.Name}' (protocol {protocol.Code} has {string.Join(", ", protocol.Treatments.Select(t => t.Code))})");
                        continue;
                    }

                    string[] fields = treatment.Placebo ? ["dropout", "adverseEvents"] : ["peak", "peakAt", "halfLife", "carryover", "dropout", "adverseEvents"];
                    if (treatment.Placebo && property.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var effectField in property.Value.EnumerateObject().Where(f => f.Name is "peak" or "peakAt" or "halfLife" or "carryover"))
                        {
                            Problems.Add($"{path}.{effectField.Name}: {property.Name} is the placebo and has no effect of its own; set $.placeboResponse instead");
                        }
                    }

                    if (!Object(property.Value, path, treatment.Placebo ? [.. fields, "peak", "peakAt", "halfLife", "carryover"] : fields))
                    {
                        continue;
                    }

                    var current = treatments[treatment.Code];
                    treatments[treatment.Code] = new TreatmentSimulation(
                        treatment.Placebo ? current.Effect : Course(property.Value, path, current.Effect),
                        treatment.Placebo ? 0 : Number(property.Value, path, "carryover", -100, 100) ?? current.Carryover,
                        Number(property.Value, path, "dropout", 0, 1) ?? current.Dropout,
                        property.Value.TryGetProperty("adverseEvents", out var adverse) ? AdverseEvents(adverse, $"{path}.adverseEvents") : current.AdverseEvents);
                }
            }

            return new DemoEffects(
                baseline,
                Number(root, "$", "withinSubjectSd", 0, 50) ?? defaults.WithinSubjectSd,
                Number(root, "$", "periodEffect", -50, 50) ?? defaults.PeriodEffect,
                placebo,
                treatments);
        }

        private EffectCourse Course(JsonElement element, string path, EffectCourse current) =>
            new(
                Number(element, path, "peak", -100, 100) ?? current.Peak,
                Duration(element, path, "peakAt") ?? current.PeakAt,
                Duration(element, path, "halfLife") ?? current.HalfLife);

        private IReadOnlyList<AdverseEventRate> AdverseEvents(JsonElement element, string path)
        {
            if (!Object(element, path, null))
            {
                return [];
            }

            var rates = new List<AdverseEventRate>();
            foreach (var property in element.EnumerateObject())
            {
                var term = CtcaeDictionary.V5.FindByTerm(property.Name);
                if (term is null)
                {
                    Problems.Add($"{path}.{property.Name}: not a {CtcaeDictionary.Version} term");
                    continue;
                }

                if (Number(element, path, property.Name, 0, 1) is { } rate)
                {
                    rates.Add(new AdverseEventRate(term, rate));
                }
            }

            return rates;
        }

        /// <summary>
        /// True when <paramref name="element"/> is an object, so that its fields can be read; an
        /// unknown field (<paramref name="known"/> null: any name goes) or a repeated one is a problem
        /// of its own, and reading goes on so that every problem is reported at once.
        /// </summary>
        private bool Object(JsonElement element, string path, string[]? known)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Problems.Add($"{path}: expected an object");
                return false;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    Problems.Add($"{path}.{property.Name}: given twice");
                }
                else if (known is not null && !known.Contains(property.Name, StringComparer.Ordinal))
                {
                    Problems.Add($"{path}.{property.Name}: unknown field (allowed: {string.Join(", ", known.Distinct())})");
                }
            }

            return true;
        }

        private double? Number(JsonElement parent, string path, string name, double min, double max)
        {
            if (!parent.TryGetProperty(name, out var element))
            {
                return null;
            }

            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                Problems.Add($"{path}.{name}: expected a number");
                return null;
            }

            if (value < min || value > max)
            {
                Problems.Add($"{path}.{name}: {element.GetRawText()} is out of range ({min} to {max})");
                return null;
            }

            return value;
        }

        private TimeSpan? Duration(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var element))
            {
                return null;
            }

            if (element.ValueKind != JsonValueKind.String)
            {
                Problems.Add($"{path}.{name}: expected an ISO 8601 duration such as \"PT40M\"");
                return null;
            }

            if (!IsoDuration.TryParse(element.GetString(), out var duration, out var error))
            {
                Problems.Add($"{path}.{name}: expected an ISO 8601 duration such as \"PT40M\" ({error})");
                return null;
            }

            if (duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(MaxDurationDays))
            {
                Problems.Add($"{path}.{name}: {element.GetString()} is out of range (more than PT0M, at most P{MaxDurationDays}D)");
                return null;
            }

            return duration;
        }
    }
}
