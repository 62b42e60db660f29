using System.Text;
using System.Text.Json.Nodes;
using TrialOps.Protocols;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>
/// Protocol files spanning what <c>protocols/README.md</c> allows: 2 to 6 treatments, explicit and
/// Williams sequences, washouts from PT4H to P14D, bolus (timed and push), infusion of an amount
/// and infusion at a rate (per hour and per minute), per-kg and fixed units, caps, 1 to 3 sites,
/// stratified or not, short lists that must be extended, scale and vitals assessments with and
/// without vital limits. The designs follow DOMAIN.md's table of published trials.
/// </summary>
public static class ProtocolVariants
{
    public static TheoryData<string> Names => new(All.Keys);

    public static byte[] File(string name) => Encoding.UTF8.GetBytes(All[name]().ToJsonString());

    private static readonly IReadOnlyDictionary<string, Func<JsonObject>> All = new Dictionary<string, Func<JsonObject>>
    {
        // Post-herpetic neuralgia: ketamine / morphine / saline, timed boluses, 3-treatment Williams (6 sequences), P7D.
        ["PHN-WILLIAMS3"] = () => Protocol("PHN-WILLIAMS3", "P7D", "williams", [6, 12],
        [
            Treatment("KET", false, Bolus(0.15m, "mg/kg", 10)),
            Treatment("MOR", false, Bolus(0.075m, "mg/kg", 10)),
            Treatment("PBO", true, Bolus(0.15m, "mL/kg", 10)),
        ]),

        // Same-day crossover: ketamine 250 ug/kg over 5 min vs saline, PT4H washout, unstratified, a list of 2 (extended).
        ["SAMEDAY-PT4H"] = () => Protocol("SAMEDAY-PT4H", "PT4H", Explicit(["KET", "PBO"], ["PBO", "KET"]), [2], treatments:
        [
            Treatment("KET", false, Infusion(250m, "ug/kg", 5)),
            Treatment("PBO", true, Infusion(0.25m, "mL/kg", 5)),
        ], stratifyBySite: false, target: 2, times: ["PT0M", "PT15M", "PT30M", "PT1H", "PT2H"], scale: (0, 10, "points"), sites: 3),

        // Ketamine / magnesium / saline: loading bolus then infusion at a rate (mg/kg/h), P1D, Williams.
        ["MGCL-BOLUS-RATE"] = () => Protocol("MGCL-BOLUS-RATE", "P1D", "williams", [6],
        [
            Treatment("KET", false, Bolus(0.2m, "mg/kg", 10), Rate(0.3m, "mg/kg/h", 60)),
            Treatment("MGCL", false, Bolus(0.16m, "mmol/kg", 10), Rate(0.1m, "mmol/kg/h", 60)),
            Treatment("PBO", true, Bolus(0.2m, "mL/kg", 10), Rate(0.3m, "mL/kg/h", 60)),
        ], target: 4),

        // S-ketamine / morphine / saline: infusion of an amount over 1 h, bolus plus rate, P14D, explicit Latin square.
        ["SKET-P14D"] = () => Protocol("SKET-P14D", "P14D", Explicit(["SKET", "MOR", "PBO"], ["MOR", "PBO", "SKET"], ["PBO", "SKET", "MOR"]), [3, 6],
        [
            Treatment("SKET", false, Infusion(0.57m, "mg/kg", 60)),
            Treatment("MOR", false, Bolus(0.05m, "mg/kg", 5), Rate(0.015m, "mg/kg/h", 55)),
            Treatment("PBO", true, Infusion(0.57m, "mL/kg", 60)),
        ], vitalLimits: false),

        // Ischaemic pain: three ketamine doses and a fixed 10 mg morphine dose, 4-treatment Williams, PT24H.
        ["ISCH-4ARM"] = () => Protocol("ISCH-4ARM", "PT24H", "williams", [4, 8],
        [
            Treatment("K15", false, Infusion(0.15m, "mg/kg", 5)),
            Treatment("K30", false, Infusion(0.3m, "mg/kg", 5)),
            Treatment("K45", false, Infusion(0.45m, "mg/kg", 5), maxTotal: (30m, "mg")),
            Treatment("MOR10", false, Infusion(10m, "mg", 5)),
        ]),

        // Six treatments (Williams, 6 periods), pushes, per-minute and per-hour rates, ug and mg, fixed mL placebo, caps, PT12H.
        ["SIX-ARM-PT12H"] = () => Protocol("SIX-ARM-PT12H", "PT12H", "williams", [6],
        [
            Treatment("A1", false, Bolus(1m, "mg", 0)),
            Treatment("A2", false, Bolus(2m, "mg", 0), Rate(0.005m, "mg/kg/min", 20)),
            Treatment("A3", false, Rate(10m, "ug/kg/min", 20), maxTotal: (1500m, "ug")),
            Treatment("A4", false, Rate(0.5m, "mg/h", 30)),
            Treatment("A5", false, Infusion(20m, "mg", 30), maxTotal: (15m, "mg")),
            Treatment("PBO", true, Bolus(5m, "mL", 0)),
        ], times: ["PT0M", "PT30M", "PT2H"], target: 6),
    };

    private static JsonObject Protocol(
        string code,
        string washout,
        JsonNode sequences,
        int[] blockSizes,
        JsonObject[] treatments,
        bool stratifyBySite = true,
        int target = 12,
        string[]? times = null,
        (decimal Min, decimal Max, string Unit)? scale = null,
        bool vitalLimits = true,
        int sites = 2)
    {
        var (min, max, unit) = scale ?? (0m, 100m, "mm");
        return new JsonObject
        {
            ["format"] = ProtocolFile.Format,
            ["code"] = code,
            ["version"] = 1,
            ["title"] = $"Demo variant {code}",
            ["indication"] = "Refractory neuropathic pain",
            ["phase"] = "2",
            ["design"] = "crossover",
            ["blinding"] = "double-blind",
            ["targetParticipants"] = target,
            ["sites"] = new JsonArray(Enumerable.Range(1, sites).Select(i => (JsonNode)new JsonObject { ["code"] = $"S{i:00}", ["name"] = $"Site {i}" }).ToArray()),
            ["treatments"] = new JsonArray(treatments.Select(t => (JsonNode)t).ToArray()),
            ["sequences"] = sequences,
            ["washout"] = washout,
            ["assessments"] = new JsonArray(
                new JsonObject
                {
                    ["code"] = "PAIN",
                    ["label"] = "Pain intensity",
                    ["kind"] = "scale",
                    ["min"] = min,
                    ["max"] = max,
                    ["unit"] = unit,
                    ["times"] = new JsonArray((times ?? ["PT0M", "PT20M", "PT60M", "PT24H"]).Select(t => (JsonNode)t).ToArray()),
                },
                new JsonObject
                {
                    ["code"] = "VITALS",
                    ["label"] = "Vital signs",
                    ["kind"] = "vitals",
                    ["times"] = new JsonArray((times ?? ["PT0M", "PT20M", "PT60M"]).Select(t => (JsonNode)t).ToArray()),
                }),
            ["randomization"] = new JsonObject
            {
                ["method"] = "permuted-blocks",
                ["blockSizes"] = new JsonArray(blockSizes.Select(b => (JsonNode)b).ToArray()),
                ["stratifyBy"] = stratifyBySite ? new JsonArray("site") : new JsonArray(),
            },
            ["eligibility"] = new JsonObject
            {
                ["inclusion"] = new JsonArray(new JsonObject { ["code"] = "IN01", ["text"] = "Adult with neuropathic pain" }),
                ["exclusion"] = new JsonArray(new JsonObject { ["code"] = "EX01", ["text"] = "Psychosis" }, new JsonObject { ["code"] = "EX02", ["text"] = "Pregnancy" }),
            },
            ["safety"] = vitalLimits
                ? new JsonObject { ["saeReportHours"] = 24, ["vitalLimits"] = new JsonObject { ["systolicMax"] = 180, ["heartRateMax"] = 120 } }
                : new JsonObject { ["saeReportHours"] = 72 },
        };
    }

    private static JsonObject Treatment(string code, bool placebo, params JsonObject[] components) => Treatment(code, placebo, components, null);

    private static JsonObject Treatment(string code, bool placebo, JsonObject component, (decimal Dose, string Unit)? maxTotal) => Treatment(code, placebo, [component], maxTotal);

    private static JsonObject Treatment(string code, bool placebo, JsonObject[] components, (decimal Dose, string Unit)? maxTotal)
    {
        var treatment = new JsonObject
        {
            ["code"] = code,
            ["label"] = $"Treatment {code}",
            ["placebo"] = placebo,
            ["route"] = "INTRAVENOUS",
            ["components"] = new JsonArray(components.Select(c => (JsonNode)c).ToArray()),
        };
        if (maxTotal is { } cap)
        {
            treatment["maxTotal"] = new JsonObject { ["dose"] = cap.Dose, ["unit"] = cap.Unit };
        }

        return treatment;
    }

    private static JsonObject Bolus(decimal dose, string unit, int minutes) => new() { ["kind"] = "bolus", ["dose"] = dose, ["unit"] = unit, ["minutes"] = minutes };

    private static JsonObject Infusion(decimal dose, string unit, int minutes) => new() { ["kind"] = "infusion", ["dose"] = dose, ["unit"] = unit, ["minutes"] = minutes };

    private static JsonObject Rate(decimal rate, string unit, int minutes) => new() { ["kind"] = "infusion", ["rate"] = rate, ["unit"] = unit, ["minutes"] = minutes };

    private static JsonArray Explicit(params string[][] sequences) =>
        new(sequences.Select(s => (JsonNode)new JsonArray(s.Select(c => (JsonNode)c).ToArray())).ToArray());
}
