using System.Text;
using System.Text.Json.Nodes;
using TrialOps.Dosing;
using TrialOps.Protocols;

namespace TrialOps.Tests.Protocols;

public class ProtocolFileTests
{
    [Fact]
    public void the_example_protocol_KET_NP_01_parses_into_its_definition()
    {
        var ket = ProtocolFixtures.Ket;

        Assert.Equal(ProtocolCode.Parse("KET-NP-01"), ket.Code);
        Assert.Equal(1, ket.Version);
        Assert.Equal("Refractory neuropathic pain", ket.Indication);
        Assert.Equal("2", ket.Phase);
        Assert.Equal(TrialDesign.Crossover, ket.Design);
        Assert.Equal(BlindingLevel.DoubleBlind, ket.Blinding);
        Assert.Equal(24, ket.TargetParticipants);
        Assert.Equal(["S01", "S02"], ket.Sites.Select(s => s.Code));

        var ketamine = ket.Treatment("KET");
        Assert.False(ketamine.Placebo);
        Assert.Equal("INTRAVENOUS", ketamine.Route);
        Assert.Equal(new InfusionOfAmount(0.5m, new DoseUnit(AmountUnit.Mg, PerKilogram: true), 40m), Assert.Single(ketamine.Components));
        Assert.Equal(new DoseAmount(50m, AmountUnit.Mg), ketamine.MaxTotal);
        Assert.Equal(AmountUnit.ML, ket.Treatment("PBO").BaseUnit);
        Assert.True(ket.Treatment("PBO").Placebo);

        Assert.Equal(["KET/PBO", "PBO/KET"], ket.Sequences.Select(s => s.ToString()));
        Assert.Equal([1, 2], ket.Sequences.Select(s => s.Number));
        Assert.False(ket.SequencesFromWilliamsDesign);
        Assert.Equal(2, ket.PeriodCount);
        Assert.Equal(new Washout(TimeSpan.FromDays(7), "P7D"), ket.Washout);

        var pain = ket.Assessments[0];
        Assert.Equal(AssessmentKind.Scale, pain.Kind);
        Assert.Equal(new ScaleRange(0, 100, "mm"), pain.Scale);
        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(24)],
            pain.Times.Select(t => t.AfterDosingStart));
        Assert.Equal("PT24H", pain.Times[^1].Iso);
        Assert.Equal(AssessmentKind.Vitals, ket.Assessments[1].Kind);
        Assert.Null(ket.Assessments[1].Scale);

        Assert.Equal(RandomizationMethod.PermutedBlocks, ket.Randomization.Method);
        Assert.Equal([2, 4], ket.Randomization.BlockSizes);
        Assert.True(ket.Randomization.StratifiedBySite);
        Assert.Equal(["IN01", "IN02", "IN03"], ket.Eligibility.Inclusion.Select(c => c.Code));
        Assert.Equal(4, ket.Eligibility.Exclusion.Count);
        Assert.Equal(new SafetySettings(24, new VitalLimits(180, 110, 120, 92)), ket.Safety);
    }

    [Fact]
    public void the_seed_copy_of_KET_NP_01_is_the_shared_file_unchanged()
    {
        var seedCopy = Path.Combine(ProtocolFixtures.RepositoryRoot, "seed", "KET-NP-01.json");

        Assert.Equal(File.ReadAllBytes(ProtocolFixtures.KetPath), File.ReadAllBytes(seedCopy));
        Assert.True(ProtocolFile.Parse(File.ReadAllBytes(seedCopy)).IsValid);
    }

    [Fact]
    public void williams_sequences_are_expanded_over_the_treatments_in_file_order()
    {
        var protocol = ProtocolFixtures.Parse(ProtocolFixtures.ThreeTreatmentWilliamsJson);

        Assert.True(protocol.SequencesFromWilliamsDesign);
        Assert.Equal(
            ["KET/PBO/MGCL", "PBO/MGCL/KET", "MGCL/KET/PBO", "MGCL/PBO/KET", "KET/MGCL/PBO", "PBO/KET/MGCL"],
            protocol.Sequences.Select(s => s.ToString()));
        Assert.Equal(Enumerable.Range(1, 6), protocol.Sequences.Select(s => s.Number));
    }

    [Fact]
    public void an_absent_safety_section_means_sae_reports_within_24_hours_and_no_vital_limits()
    {
        var protocol = ProtocolFixtures.Parse(ProtocolFixtures.Mutated(root => root.Remove("safety")));

        Assert.Equal(SafetySettings.Default, protocol.Safety);
        Assert.Equal(24, protocol.Safety.SaeReportHours);
    }

    [Fact]
    public void a_protocol_with_the_literature_doses_parses()
    {
        var json = ProtocolFixtures.Mutated(root =>
        {
            root["treatments"] = JsonNode.Parse("""
                [
                  { "code": "KET", "label": "Ketamine", "placebo": false, "route": "INTRAVENOUS",
                    "components": [ { "kind": "bolus", "dose": 0.2, "unit": "mg/kg", "minutes": 10 },
                                    { "kind": "infusion", "rate": 0.3, "unit": "mg/kg/h", "minutes": 60 } ] },
                  { "code": "MGCL", "label": "Magnesium chloride", "placebo": false, "route": "INTRAVENOUS",
                    "components": [ { "kind": "bolus", "dose": 0.16, "unit": "mmol/kg", "minutes": 0 } ] },
                  { "code": "MOR", "label": "Morphine 10 mg", "placebo": false, "route": "INTRAVENOUS",
                    "components": [ { "kind": "bolus", "dose": 10, "unit": "mg", "minutes": 5 } ] },
                  { "code": "SKET", "label": "S-ketamine", "placebo": false, "route": "INTRAVENOUS",
                    "components": [ { "kind": "infusion", "rate": 250, "unit": "ug/kg/min", "minutes": 5 } ],
                    "maxTotal": { "dose": 25000, "unit": "ug" } }
                ]
                """);
            root["sequences"] = JsonNode.Parse("""[["KET","MGCL","MOR","SKET"],["SKET","MOR","MGCL","KET"]]""");
            root["washout"] = "PT4H";
        });

        var protocol = ProtocolFixtures.Parse(json);

        Assert.Equal(
            [new Bolus(0.2m, new DoseUnit(AmountUnit.Mg, true), 10m), new InfusionAtRate(0.3m, new RateUnit(new DoseUnit(AmountUnit.Mg, true), RateTimeBase.Hour), 60m)],
            protocol.Treatment("KET").Components);
        Assert.Equal(AmountUnit.Mmol, protocol.Treatment("MGCL").BaseUnit);
        Assert.Equal(AmountUnit.Ug, protocol.Treatment("SKET").BaseUnit);
        Assert.Equal(TimeSpan.FromHours(4), protocol.Washout.Duration);
    }

    public static TheoryData<string, Func<string>, string[]> BrokenFiles => new()
    {
        { "wrong format", () => Set("format", "trialops.protocol/2"), ["$.format: must be 'trialops.protocol/1', found 'trialops.protocol/2'"] },
        { "short code", () => Set("code", "KE"), ["$.code: must be 3 to 20 characters from A-Z, 0-9 and '-', found 'KE'"] },
        { "code with underscore", () => Set("code", "KET_NP_01"), ["$.code: must be 3 to 20 characters from A-Z, 0-9 and '-', found 'KET_NP_01'"] },
        { "code too long", () => Set("code", "KETAMINE-NEUROPATHIC-1"), ["$.code: must be 3 to 20 characters from A-Z, 0-9 and '-', found 'KETAMINE-NEUROPATHIC-1'"] },
        { "version zero", () => Set("version", 0), ["$.version: must be 1 or greater, found 0"] },
        { "version as text", () => Set("version", "1"), ["$.version: expected an integer, found a string"] },
        { "fractional version", () => Set("version", 1.5), ["$.version: expected an integer, found 1.5"] },
        { "empty title", () => Set("title", " "), ["$.title: must not be empty"] },
        { "missing indication", () => ProtocolFixtures.Mutated(r => r.Remove("indication")), ["$.indication: required field is missing"] },
        { "null phase", () => Set("phase", null), ["$.phase: expected a string, found null"] },
        { "parallel design", () => Set("design", "parallel"), ["$.design: unknown design 'parallel' (expected 'crossover')"] },
        { "unknown blinding", () => Set("blinding", "triple-blind"), ["$.blinding: unknown blinding 'triple-blind' (expected 'double-blind', 'single-blind' or 'open-label')"] },
        { "no participants", () => Set("targetParticipants", 0), ["$.targetParticipants: must be 1 or greater, found 0"] },
        { "no sites", () => Set("sites", new JsonArray()), ["$.sites: must contain at least 1 site"] },
        { "duplicate site", () => Edit(r => r["sites"]![1]!["code"] = "S01"), ["$.sites[1].code: duplicate site code 'S01'"] },
        { "site without name", () => Edit(r => r["sites"]![0]!.AsObject().Remove("name")), ["$.sites[0].name: required field is missing"] },
        {
            "one treatment",
            () => Edit(r => { r["treatments"]!.AsArray().RemoveAt(1); r["sequences"] = "williams"; }),
            ["$.treatments: must contain 2 to 6 treatments, found 1"]
        },
        {
            "duplicate treatment code",
            () => Edit(r => r["treatments"]![1]!["code"] = "KET"),
            ["$.treatments[1].code: duplicate treatment code 'KET'", "$.sequences[0][1]: unknown treatment 'PBO'", "$.sequences[1][0]: unknown treatment 'PBO'"]
        },
        { "lower-case treatment code", () => Edit(r => r["treatments"]![0]!["code"] = "ket"), ["$.treatments[0].code: must be 1 to 8 characters from A-Z and 0-9, found 'ket'"] },
        { "route not in CDISC ROUTE", () => Edit(r => r["treatments"]![0]!["route"] = "IV"), ["$.treatments[0].route: unknown CDISC route 'IV' (codelist C66729, e.g. 'INTRAVENOUS')"] },
        { "placebo as text", () => Edit(r => r["treatments"]![1]!["placebo"] = "no"), ["$.treatments[1].placebo: expected true or false, found a string"] },
        { "misspelt unit", () => Component(1, 0, c => c["unit"] = "mg/kgg"), ["$.treatments[1].components[0].unit: unknown unit 'mg/kgg'"] },
        { "no components", () => Edit(r => r["treatments"]![0]!["components"] = new JsonArray()), ["$.treatments[0].components: must contain 1 to 3 components, found 0"] },
        {
            "four components",
            () => Edit(r => r["treatments"]![0]!["components"] = new JsonArray(Enumerable.Range(0, 4).Select(_ => JsonNode.Parse("""{"kind":"bolus","dose":1,"unit":"mg","minutes":1}""")).ToArray())),
            ["$.treatments[0].components: must contain 1 to 3 components, found 4"]
        },
        { "unknown component kind", () => Component(0, 0, c => c["kind"] = "drip"), ["$.treatments[0].components[0].kind: unknown kind 'drip' (expected 'bolus' or 'infusion')"] },
        { "negative dose", () => Component(0, 0, c => c["dose"] = -1), ["$.treatments[0].components[0].dose: must be greater than 0, found -1"] },
        { "zero dose", () => Component(0, 0, c => c["dose"] = 0), ["$.treatments[0].components[0].dose: must be greater than 0, found 0"] },
        { "infusion over zero minutes", () => Component(0, 0, c => c["minutes"] = 0), ["$.treatments[0].components[0].minutes: must be greater than 0, found 0"] },
        {
            "bolus over negative minutes",
            () => ReplaceComponent("""{"kind":"bolus","dose":0.15,"unit":"mg/kg","minutes":-5}"""),
            ["$.treatments[0].components[0].minutes: must be 0 or greater, found -5"]
        },
        {
            "bolus with a rate",
            () => ReplaceComponent("""{"kind":"bolus","dose":0.15,"rate":1,"unit":"mg/kg","minutes":10}"""),
            ["$.treatments[0].components[0].rate: not allowed for a bolus"]
        },
        {
            "bolus in a rate unit",
            () => ReplaceComponent("""{"kind":"bolus","dose":0.15,"unit":"mg/kg/h","minutes":10}"""),
            ["$.treatments[0].components[0].unit: 'mg/kg/h' is a rate unit; a bolus takes an amount unit such as 'mg/kg'"]
        },
        {
            "infusion with dose and rate",
            () => ReplaceComponent("""{"kind":"infusion","dose":0.5,"rate":0.3,"unit":"mg/kg","minutes":40}"""),
            ["$.treatments[0].components[0]: an infusion takes either 'dose' or 'rate', not both"]
        },
        {
            "infusion with neither dose nor rate",
            () => ReplaceComponent("""{"kind":"infusion","unit":"mg/kg","minutes":40}"""),
            ["$.treatments[0].components[0]: an infusion needs either 'dose' or 'rate'"]
        },
        {
            "rate infusion in an amount unit",
            () => ReplaceComponent("""{"kind":"infusion","rate":0.3,"unit":"mg/kg","minutes":60}"""),
            ["$.treatments[0].components[0].unit: 'mg/kg' is an amount unit; an infusion given by 'rate' takes a rate unit such as 'mg/kg/h'"]
        },
        {
            "rate per day",
            () => ReplaceComponent("""{"kind":"infusion","rate":0.3,"unit":"mg/kg/d","minutes":60}"""),
            ["$.treatments[0].components[0].unit: unknown unit 'mg/kg/d'"]
        },
        {
            "mg plus mmol in one treatment",
            () => Edit(r => r["treatments"]![0]!["components"]!.AsArray().Add(JsonNode.Parse("""{"kind":"bolus","dose":0.16,"unit":"mmol/kg","minutes":10}"""))),
            ["$.treatments[0].components[1].unit: 'mmol/kg' does not reduce to the treatment's base unit 'mg'"]
        },
        { "cap in another base unit", () => Edit(r => r["treatments"]![0]!["maxTotal"]!["unit"] = "mmol"), ["$.treatments[0].maxTotal.unit: 'mmol' does not reduce to the treatment's base unit 'mg'"] },
        { "cap per kilogram", () => Edit(r => r["treatments"]![0]!["maxTotal"]!["unit"] = "mg/kg"), ["$.treatments[0].maxTotal.unit: must be a fixed unit ('mg', 'ug', 'mmol' or 'mL'), found 'mg/kg'"] },
        { "negative cap", () => Edit(r => r["treatments"]![0]!["maxTotal"]!["dose"] = -50), ["$.treatments[0].maxTotal.dose: must be greater than 0, found -50"] },
        { "unknown sequences keyword", () => Set("sequences", "balanced"), ["$.sequences: unknown value 'balanced' (expected an array of sequences or 'williams')"] },
        { "sequences as a number", () => Set("sequences", 5), ["$.sequences: expected an array of sequences or 'williams', found 5"] },
        { "no sequences", () => Set("sequences", new JsonArray()), ["$.sequences: must contain at least 1 sequence"] },
        {
            "single-period sequences",
            () => Set("sequences", JsonNode.Parse("""[["KET"],["PBO"]]""")),
            ["$.sequences[0]: must have at least 2 periods, found 1", "$.sequences[1]: must have at least 2 periods, found 1"]
        },
        { "sequences of unequal length", () => Set("sequences", JsonNode.Parse("""[["KET","PBO"],["PBO","KET","PBO"]]""")), ["$.sequences[1]: has 3 periods but the first sequence has 2"] },
        { "undefined treatment in a sequence", () => Set("sequences", JsonNode.Parse("""[["KET","XYZ"],["PBO","KET"]]""")), ["$.sequences[0][1]: unknown treatment 'XYZ'"] },
        { "sequence that is not an array", () => Set("sequences", JsonNode.Parse("""["KET-PBO",["PBO","KET"]]""")), ["$.sequences[0]: expected an array of treatment codes, found a string"] },
        { "washout without a unit", () => Set("washout", "P7"), ["$.washout: not an ISO 8601 duration 'P7' (expected e.g. 'PT4H', 'P7D', 'P2W')"] },
        { "washout in months", () => Set("washout", "P1M"), ["$.washout: 'P1M' uses years or months, which have no fixed length; use days or weeks"] },
        { "washout in words", () => Set("washout", "7 days"), ["$.washout: not an ISO 8601 duration '7 days' (expected e.g. 'PT4H', 'P7D', 'P2W')"] },
        { "no assessments", () => Set("assessments", new JsonArray()), ["$.assessments: must contain at least 1 assessment"] },
        { "duplicate assessment code", () => Edit(r => r["assessments"]![1]!["code"] = "PAIN"), ["$.assessments[1].code: duplicate assessment code 'PAIN'"] },
        { "unknown assessment kind", () => Edit(r => r["assessments"]![0]!["kind"] = "photo"), ["$.assessments[0].kind: unknown kind 'photo' (expected 'scale' or 'vitals')"] },
        { "scale with min equal to max", () => Edit(r => r["assessments"]![0]!["min"] = 100), ["$.assessments[0].max: must be greater than min (100), found 100"] },
        { "scale without unit", () => Edit(r => r["assessments"]![0]!.AsObject().Remove("unit")), ["$.assessments[0].unit: required field is missing"] },
        { "vitals with a range", () => Edit(r => r["assessments"]![1]!["min"] = 0), ["$.assessments[1].min: not allowed for kind 'vitals'"] },
        { "times out of order", () => Edit(r => r["assessments"]![0]!["times"] = new JsonArray("PT0M", "PT20M", "PT10M")), ["$.assessments[0].times[2]: 'PT10M' is not after the previous time 'PT20M'"] },
        { "repeated time", () => Edit(r => r["assessments"]![0]!["times"] = new JsonArray("PT0M", "PT20M", "PT20M")), ["$.assessments[0].times[2]: 'PT20M' is not after the previous time 'PT20M'"] },
        { "no times", () => Edit(r => r["assessments"]![0]!["times"] = new JsonArray()), ["$.assessments[0].times: must contain at least 1 time"] },
        { "time that is not a duration", () => Edit(r => r["assessments"]![1]!["times"] = new JsonArray("PT0M", "10:00")), ["$.assessments[1].times[1]: not an ISO 8601 duration '10:00' (expected e.g. 'PT4H', 'P7D', 'P2W')"] },
        { "unknown randomization method", () => Edit(r => r["randomization"]!["method"] = "simple"), ["$.randomization.method: unknown method 'simple' (expected 'permuted-blocks')"] },
        { "no block sizes", () => Edit(r => r["randomization"]!["blockSizes"] = new JsonArray()), ["$.randomization.blockSizes: must not be empty"] },
        { "block size not a multiple", () => Edit(r => r["randomization"]!["blockSizes"] = new JsonArray(2, 3)), ["$.randomization.blockSizes[1]: 3 is not a positive multiple of the number of sequences (2)"] },
        { "block size zero", () => Edit(r => r["randomization"]!["blockSizes"] = new JsonArray(0, 4)), ["$.randomization.blockSizes[0]: must be greater than 0, found 0"] },
        {
            "block sizes too small for a williams design of three",
            () => Edit(r =>
            {
                r["treatments"]!.AsArray().Add(JsonNode.Parse("""{"code":"MOR","label":"Morphine","placebo":false,"route":"INTRAVENOUS","components":[{"kind":"bolus","dose":10,"unit":"mg","minutes":5}]}"""));
                r["sequences"] = "williams";
            }),
            ["$.randomization.blockSizes[0]: 2 is not a positive multiple of the number of sequences (6)", "$.randomization.blockSizes[1]: 4 is not a positive multiple of the number of sequences (6)"]
        },
        { "unknown stratification factor", () => Edit(r => r["randomization"]!["stratifyBy"] = new JsonArray("painType")), ["$.randomization.stratifyBy[0]: unknown stratification factor 'painType' (expected 'site')"] },
        { "repeated stratification factor", () => Edit(r => r["randomization"]!["stratifyBy"] = new JsonArray("site", "site")), ["$.randomization.stratifyBy[1]: duplicate factor 'site'"] },
        { "criterion code used twice", () => Edit(r => r["eligibility"]!["exclusion"]![0]!["code"] = "IN01"), ["$.eligibility.exclusion[0].code: duplicate criterion code 'IN01'"] },
        { "no exclusion list", () => Edit(r => r["eligibility"]!.AsObject().Remove("exclusion")), ["$.eligibility.exclusion: required field is missing"] },
        { "criterion without text", () => Edit(r => r["eligibility"]!["inclusion"]![2]!["text"] = ""), ["$.eligibility.inclusion[2].text: must not be empty"] },
        { "no time to report an SAE", () => Edit(r => r["safety"]!["saeReportHours"] = 0), ["$.safety.saeReportHours: must be 1 or greater, found 0"] },
        { "SpO2 limit above 100", () => Edit(r => r["safety"]!["vitalLimits"]!["spo2Min"] = 120), ["$.safety.vitalLimits.spo2Min: must be between 1 and 100, found 120"] },
        { "negative heart-rate limit", () => Edit(r => r["safety"]!["vitalLimits"]!["heartRateMax"] = -1), ["$.safety.vitalLimits.heartRateMax: must be 1 or greater, found -1"] },
        { "unknown top-level field", () => Set("colour", "blue"), ["$.colour: unknown field"] },
        { "unknown treatment field", () => Edit(r => r["treatments"]![0]!["concentration"] = "10 mg/mL"), ["$.treatments[0].concentration: unknown field"] },
        { "unknown field with a space in its name", () => Edit(r => r["treatments"]![0]!["max dose"] = 50), ["$.treatments[0]['max dose']: unknown field"] },
        { "unknown vital limit", () => Edit(r => r["safety"]!["vitalLimits"]!["temperatureMax"] = 38), ["$.safety.vitalLimits.temperatureMax: unknown field"] },
        { "a repeated field", () => ProtocolFixtures.KetJson.Replace("\"version\": 1,", "\"version\": 1, \"version\": 2,", StringComparison.Ordinal), ["$.version: duplicate field"] },
        { "an array instead of an object", () => "[]", ["$: expected an object, found an array"] },
        { "malformed JSON", () => "{\n  \"format\": \"trialops.protocol/1\",\n  \"code\": }", ["$: malformed JSON at line 3, column 11: '}' is an invalid start of a value."] },
        { "empty file", () => " \n", ["$: the file is empty"] },
        {
            "malformed JSON after non-ASCII text",
            () => "{\n  \"title\": \"Zürich\" \"x\"}",
            ["$: malformed JSON at line 2, column 21: '\"' is invalid after a value. Expected either ',', '}', or ']'."]
        },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void a_broken_file_is_rejected_with_exactly_the_expected_problem_lines(string broken, Func<string> file, string[] expected)
    {
        var result = ProtocolFile.Parse(file());

        Assert.False(result.IsValid, broken);
        Assert.Null(result.Definition);
        Assert.Equal(expected, result.ProblemLines);
    }

    /// <summary>Values that were accepted before the limits of <see cref="ProtocolLimits"/> (issue 10) and failed later.</summary>
    public static TheoryData<string, Func<string>, string[]> FilesBeyondTheLimits => new()
    {
        { "SAE window of 2^31-1 hours", () => Edit(r => r["safety"]!["saeReportHours"] = int.MaxValue), ["$.safety.saeReportHours: must be at most 720 (30 days), found 2147483647"] },
        { "dose of a billion mg/kg", () => Component(0, 0, c => c["dose"] = 1e9m), ["$.treatments[0].components[0].dose: must be at most 1000 mg/kg, found 1000000000"] },
        { "dose as 1e9", () => ProtocolFixtures.KetJson.Replace("\"dose\": 0.5,", "\"dose\": 1e9,", StringComparison.Ordinal), ["$.treatments[0].components[0].dose: must be at most 1000 mg/kg, found 1e9", "$.treatments[1].components[0].dose: must be at most 100 mL/kg, found 1e9"] },
        { "cap of a million mg", () => Edit(r => r["treatments"]![0]!["maxTotal"]!["dose"] = 1_000_000), ["$.treatments[0].maxTotal.dose: must be at most 100000 mg, found 1000000"] },
        { "rate of 10^7 mg/kg/h", () => ReplaceComponent("""{"kind":"infusion","rate":10000000,"unit":"mg/kg/h","minutes":5}"""), ["$.treatments[0].components[0].rate: must be at most 1000 mg/kg/h, found 10000000"] },
        {
            "rate that adds up to 6000 mg/kg",
            () => ReplaceComponent("""{"kind":"infusion","rate":100,"unit":"mg/kg/min","minutes":60}"""),
            ["$.treatments[0].components[0].rate: gives 6000 mg/kg over 60 minutes, more than the largest amount 1000 mg/kg"]
        },
        { "infusion over ten days", () => Component(0, 0, c => c["minutes"] = 14400), ["$.treatments[0].components[0].minutes: must be at most 1440 (one day), found 14400"] },
        { "infusion over 10^20 minutes", () => Component(0, 0, c => c["minutes"] = 1e20m), ["$.treatments[0].components[0].minutes: must be at most 1440 (one day), found 100000000000000000000"] },
        { "a million participants", () => Set("targetParticipants", 1_000_000), ["$.targetParticipants: must be at most 10000, found 1000000"] },
        { "participants beyond int", () => ProtocolFixtures.KetJson.Replace("\"targetParticipants\": 24", "\"targetParticipants\": 99999999999", StringComparison.Ordinal), ["$.targetParticipants: number out of range: 99999999999"] },
        { "version 2^31-1", () => Set("version", int.MaxValue), ["$.version: must be at most 9999, found 2147483647"] },
        { "washout of 10 years", () => Set("washout", "P3650D"), ["$.washout: must be between PT1H and P365D, found 'P3650D'"] },
        { "washout of a minute", () => Set("washout", "PT1M"), ["$.washout: must be between PT1H and P365D, found 'PT1M'"] },
        { "assessment a year after dosing", () => Edit(r => r["assessments"]![0]!["times"] = new JsonArray("PT0M", "P365D")), ["$.assessments[0].times[1]: must be at most P30D after the start of dosing, found 'P365D'"] },
        { "scale up to 10^12", () => Edit(r => r["assessments"]![0]!["max"] = 1e12m), ["$.assessments[0].max: must be between -1000000 and 1000000, found 1000000000000"] },
        { "block of 2^30", () => Edit(r => r["randomization"]!["blockSizes"] = new JsonArray(2, 1 << 30)), ["$.randomization.blockSizes[1]: must be at most 100, found 1073741824"] },
        { "systolic limit of 5000", () => Edit(r => r["safety"]!["vitalLimits"]!["systolicMax"] = 5000), ["$.safety.vitalLimits.systolicMax: must be at most 300 mmHg, found 5000"] },
        { "site code with a space", () => Edit(r => r["sites"]![0]!["code"] = "S 01"), ["$.sites[0].code: must be 1 to 10 characters from A-Z and 0-9, found 'S 01'"] },
        { "site code with a hyphen", () => Edit(r => r["sites"]![0]!["code"] = "S-01"), ["$.sites[0].code: must be 1 to 10 characters from A-Z and 0-9, found 'S-01'"] },
        { "site code too long", () => Edit(r => r["sites"]![0]!["code"] = "SITE0000001"), ["$.sites[0].code: must be 1 to 10 characters from A-Z and 0-9, found 'SITE0000001'"] },
        {
            "site codes differing only in case",
            () => Edit(r => r["sites"]![1]!["code"] = "s01"),
            ["$.sites[1].code: must be 1 to 10 characters from A-Z and 0-9, found 's01'", "$.sites[1].code: duplicate site code 's01'"]
        },
        {
            "a treatment twice in one sequence",
            () => Set("sequences", JsonNode.Parse("""[["KET","KET"],["PBO","KET"]]""")),
            ["$.sequences[0][1]: treatment 'KET' is already given in period 1 of this sequence"]
        },
        {
            "NUL in the title",
            () => Set("title", "Ketamine\u0000 for pain"),
            ["$.title: contains the control character U+0000 at position 9; text may hold tabs and line breaks but no other control characters"]
        },
        {
            "escape character in a criterion",
            () => Edit(r => r["eligibility"]!["inclusion"]![0]!["text"] = "Adult \u001b[31m"),
            ["$.eligibility.inclusion[0].text: contains the control character U+001B at position 7; text may hold tabs and line breaks but no other control characters"]
        },
        { "unpaired surrogate in a site name", () => ProtocolFixtures.KetJson.Replace("North Hospital", "North \\ud800Hospital", StringComparison.Ordinal), ["$.sites[0].name: is not Unicode text (it escapes half of a surrogate pair, e.g. '\\ud800')"] },
        { "unpaired surrogate in a field name", () => ProtocolFixtures.KetJson.Replace("\"phase\"", "\"ph\\udc00ase\"", StringComparison.Ordinal), ["$: a field name is not Unicode text (it escapes half of a surrogate pair, e.g. '\\ud800')", "$.phase: required field is missing"] },
        { "title of 1,001 characters", () => Set("title", new string('T', 1001)), ["$.title: must be at most 1000 characters, found 1001"] },
        { "label of 200 characters that is 201 in ASCII", () => Edit(r => r["treatments"]![0]!["label"] = new string('x', 199) + "≥"), ["$.treatments[0].label: must be at most 200 characters, found 201 as exported in US-ASCII"] },
        { "an emoji in a criterion", () => Edit(r => r["eligibility"]!["inclusion"]![0]!["text"] = "Adult 🙂"), ["$.eligibility.inclusion[0].text: contains '🙂' (U+1F642) at position 7, which the SDTM export (US-ASCII) cannot represent; symbols such as µ and ≥ and accented Latin letters are transliterated, other characters are not accepted"] },
        { "Greek in a label", () => Edit(r => r["treatments"]![1]!["label"] = "Saline Ω"), ["$.treatments[1].label: contains 'Ω' (U+03A9) at position 8, which the SDTM export (US-ASCII) cannot represent; symbols such as µ and ≥ and accented Latin letters are transliterated, other characters are not accepted"] },
        { "label of 10,000 characters", () => Edit(r => r["treatments"]![0]!["label"] = new string('x', 10_000)), ["$.treatments[0].label: must be at most 200 characters, found 10000"] },
        { "NUL in a field name", () => Set("a\u0000b", 1), ["$['a\\u0000b']: unknown field"] },
    };

    [Theory]
    [MemberData(nameof(FilesBeyondTheLimits))]
    public void a_value_beyond_the_protocol_limits_is_refused_naming_its_path(string broken, Func<string> file, string[] expected)
    {
        var result = ProtocolFile.Parse(file());

        Assert.False(result.IsValid, broken);
        Assert.Equal(expected, result.ProblemLines);
    }

    [Fact]
    public void text_may_hold_tabs_and_line_breaks_and_exactly_200_characters()
    {
        var protocol = ProtocolFixtures.Parse(ProtocolFixtures.Mutated(r =>
        {
            r["title"] = new string('T', ProtocolLimits.MaxTitleLength);
            r["indication"] = new string('I', 200);
            r["eligibility"]!["inclusion"]![0]!["text"] = "Adult\twith\r\nneuropathic pain ≥ 4/10, 0.5 µg/kg, Sjögren";
        }));

        Assert.Equal((1000, 200), (protocol.Title.Length, protocol.Indication.Length));
    }

    [Fact]
    public void values_at_the_protocol_limits_are_accepted()
    {
        var protocol = ProtocolFixtures.Parse(ProtocolFixtures.Mutated(r =>
        {
            r["version"] = ProtocolLimits.MaxVersion;
            r["targetParticipants"] = ProtocolLimits.MaxTargetParticipants;
            r["safety"]!["saeReportHours"] = ProtocolLimits.MaxSaeReportHours;
            r["washout"] = "P365D";
            r["sites"]![1]!["code"] = "SITE000002";
            r["treatments"]![0]!["components"] = JsonNode.Parse("""[{"kind":"infusion","dose":1000,"unit":"mg/kg","minutes":1440}]""");
            r["treatments"]![0]!["maxTotal"]!["dose"] = 100_000;
        }));

        Assert.Equal((720, 10_000), (protocol.Safety.SaeReportHours, protocol.TargetParticipants));
    }

    [Fact]
    public void every_problem_in_a_file_is_reported_at_once()
    {
        var json = ProtocolFixtures.Mutated(r =>
        {
            r["version"] = 0;
            r["treatments"]![1]!["components"]![0]!["unit"] = "mg/kgg";
            r["washout"] = "P7";
            r["extra"] = true;
        });

        var result = ProtocolFile.Parse(json);

        Assert.Equal(
            [
                "$.extra: unknown field",
                "$.version: must be 1 or greater, found 0",
                "$.treatments[1].components[0].unit: unknown unit 'mg/kgg'",
                "$.washout: not an ISO 8601 duration 'P7' (expected e.g. 'PT4H', 'P7D', 'P2W')",
            ],
            result.ProblemLines);
    }

    [Fact]
    public void a_file_that_is_not_utf8_is_rejected_without_parsing()
    {
        var bytes = Encoding.Latin1.GetBytes("{\"title\": \"Schmerztherapie Zürich\"}");

        var result = ProtocolFile.Parse(bytes);

        Assert.Equal(["$: the file is not valid UTF-8 text"], result.ProblemLines);
    }

    [Fact]
    public void a_utf8_byte_order_mark_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ProtocolFixtures.KetJson)).ToArray();

        Assert.True(ProtocolFile.Parse(bytes).IsValid);
    }

    [Fact]
    public void the_file_hash_is_the_sha256_of_the_bytes_in_lowercase_hex()
    {
        Assert.Equal(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ProtocolFile.Sha256("abc"u8));
    }

    [Fact]
    public void problems_become_one_rejection_naming_the_first_path()
    {
        var rejection = ProtocolFile.Parse(Set("version", 0)).ToRejection();

        Assert.Equal("protocol.invalid", rejection.Code);
        Assert.Equal("$.version: must be 1 or greater, found 0", rejection.Message);
        Assert.Equal("$.version", rejection.Field);
    }

    private static string Set(string field, JsonNode? value) => ProtocolFixtures.Mutated(root => root[field] = value);

    private static string Edit(Action<JsonObject> change) => ProtocolFixtures.Mutated(change);

    private static string Component(int treatment, int component, Action<JsonNode> change) =>
        ProtocolFixtures.Mutated(root => change(root["treatments"]![treatment]!["components"]![component]!));

    private static string ReplaceComponent(string componentJson) =>
        ProtocolFixtures.Mutated(root => root["treatments"]![0]!["components"] = new JsonArray(JsonNode.Parse(componentJson)));
}
