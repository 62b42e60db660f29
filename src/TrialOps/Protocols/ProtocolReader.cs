using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrialOps.Common;
using TrialOps.Dosing;

namespace TrialOps.Protocols;

/// <summary>
/// Walks a protocol document and collects every problem with its JSON path. Unknown fields are
/// problems too: a regulated import must not silently drop data the author meant to record.
/// </summary>
internal sealed partial class ProtocolReader
{
    private static readonly string[] TopLevelFields =
    [
        "format", "code", "version", "title", "indication", "phase", "design", "blinding", "targetParticipants",
        "sites", "treatments", "sequences", "washout", "assessments", "randomization", "eligibility", "safety",
    ];

    private readonly List<ProtocolProblem> _problems = [];

    public ProtocolParseResult Read(JsonElement root)
    {
        var file = Open(root, "$", TopLevelFields);
        if (file is null)
        {
            return new ProtocolParseResult(null, _problems);
        }

        var format = file.String("format");
        if (format is not null && format != ProtocolFile.Format)
        {
            Problem(file.PathOf("format"), $"must be '{ProtocolFile.Format}', found '{format}'");
        }

        var code = ReadCode(file);
        var version = file.Int("version");
        if (version < 1)
        {
            Problem(file.PathOf("version"), $"must be 1 or greater, found {version}");
        }
        else if (version > ProtocolLimits.MaxVersion)
        {
            Problem(file.PathOf("version"), $"must be at most {ProtocolLimits.MaxVersion}, found {version}");
        }

        var title = file.String("title");
        var indication = file.String("indication");
        var phase = file.String("phase");
        var design = ReadChoice(file, "design", [("crossover", TrialDesign.Crossover)]);
        var blinding = ReadChoice(
            file,
            "blinding",
            [("double-blind", BlindingLevel.DoubleBlind), ("single-blind", BlindingLevel.SingleBlind), ("open-label", BlindingLevel.OpenLabel)]);
        var targetParticipants = file.Int("targetParticipants");
        if (targetParticipants < 1)
        {
            Problem(file.PathOf("targetParticipants"), $"must be 1 or greater, found {targetParticipants}");
        }
        else if (targetParticipants > ProtocolLimits.MaxTargetParticipants)
        {
            Problem(file.PathOf("targetParticipants"), $"must be at most {ProtocolLimits.MaxTargetParticipants}, found {targetParticipants}");
        }

        var sites = ReadSites(file);
        var (treatments, treatmentCodes) = ReadTreatments(file);
        var (sequences, fromWilliams) = ReadSequences(file, treatmentCodes);
        var washout = ReadWashout(file);
        var assessments = ReadAssessments(file);
        var randomization = ReadRandomization(file, sequences?.Count);
        var eligibility = ReadEligibility(file);
        var safety = ReadSafety(file);

        if (_problems.Count > 0)
        {
            return new ProtocolParseResult(null, _problems);
        }

        // No problem was recorded, so every part above was read and is not null.
        var definition = new ProtocolDefinition(
            code!.Value,
            version!.Value,
            title!,
            indication!,
            phase!,
            design!.Value,
            blinding!.Value,
            targetParticipants!.Value,
            sites!,
            treatments!,
            sequences!,
            fromWilliams,
            washout!,
            assessments!,
            randomization!,
            eligibility!,
            safety!);
        return new ProtocolParseResult(definition, []);
    }

    private ProtocolCode? ReadCode(JsonObject file)
    {
        var text = file.String("code");
        if (text is null)
        {
            return null;
        }

        if (ProtocolCode.TryParse(text, out var code))
        {
            return code;
        }

        Problem(file.PathOf("code"), $"must be 3 to 20 characters from A-Z, 0-9 and '-', found '{text}'");
        return null;
    }

    private T? ReadChoice<T>(JsonObject obj, string field, (string Text, T Value)[] choices)
        where T : struct
    {
        var text = obj.String(field);
        if (text is null)
        {
            return null;
        }

        foreach (var (choiceText, value) in choices)
        {
            if (choiceText == text)
            {
                return value;
            }
        }

        Problem(obj.PathOf(field), $"unknown {field} '{text}' (expected {Alternatives(choices.Select(c => c.Text))})");
        return null;
    }

    private List<TrialSite>? ReadSites(JsonObject file)
    {
        var items = file.Array("sites");
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            Problem(file.PathOf("sites"), "must contain at least 1 site");
            return null;
        }

        if (items.Count > ProtocolLimits.MaxSites)
        {
            Problem(file.PathOf("sites"), $"must contain at most {ProtocolLimits.MaxSites} sites, found {items.Count}");
            return null;
        }

        var problemsBefore = _problems.Count;
        var sites = new List<TrialSite>();

        // Case-insensitive: staff site lists are upper-cased (UserRules.NormalizeSites), so 'S01' and 's01' would be one site.
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (element, path) in items)
        {
            var site = Open(element, path, ["code", "name"]);
            if (site is null)
            {
                continue;
            }

            var code = site.String("code");
            var name = site.String("name");
            if (code is not null && !SiteCodePattern().IsMatch(code))
            {
                Problem(site.PathOf("code"), $"must be 1 to 10 characters from A-Z and 0-9, found '{code}'");
            }

            if (code is not null && !codes.Add(code))
            {
                Problem(site.PathOf("code"), $"duplicate site code '{code}'");
            }

            if (code is not null && name is not null)
            {
                sites.Add(new TrialSite(code, name));
            }
        }

        return _problems.Count == problemsBefore ? sites : null;
    }

    private (List<Treatment>? Treatments, IReadOnlyList<string>? Codes) ReadTreatments(JsonObject file)
    {
        var items = file.Array("treatments");
        if (items is null)
        {
            return (null, null);
        }

        if (items.Count is < 2 or > 6)
        {
            Problem(file.PathOf("treatments"), $"must contain 2 to 6 treatments, found {items.Count}");
        }

        var problemsBefore = _problems.Count;
        var treatments = new List<Treatment>();
        var codes = new List<string>();
        var allCodesRead = true;
        foreach (var (element, path) in items)
        {
            var (treatment, code) = ReadTreatment(element, path, codes);
            allCodesRead &= code is not null;
            if (code is not null)
            {
                codes.Add(code);
            }

            if (treatment is not null)
            {
                treatments.Add(treatment);
            }
        }

        return (_problems.Count == problemsBefore ? treatments : null, allCodesRead ? codes : null);
    }

    private (Treatment? Treatment, string? Code) ReadTreatment(JsonElement element, string path, IReadOnlyList<string> earlierCodes)
    {
        var obj = Open(element, path, ["code", "label", "placebo", "route", "components", "maxTotal"]);
        if (obj is null)
        {
            return (null, null);
        }

        var problemsBefore = _problems.Count;
        var code = obj.String("code");
        if (code is not null && !TreatmentCodePattern().IsMatch(code))
        {
            Problem(obj.PathOf("code"), $"must be 1 to 8 characters from A-Z and 0-9, found '{code}'");
            code = null;
        }
        else if (code is not null && earlierCodes.Contains(code, StringComparer.Ordinal))
        {
            Problem(obj.PathOf("code"), $"duplicate treatment code '{code}'");
        }

        var label = obj.String("label");
        var placebo = obj.Bool("placebo");
        var route = obj.String("route");
        if (route is not null && !CdiscRoutes.IsTerm(route))
        {
            Problem(obj.PathOf("route"), $"unknown CDISC route '{route}' (codelist {CdiscRoutes.CodelistCode}, e.g. 'INTRAVENOUS')");
        }

        var components = new List<DoseComponent>();
        AmountUnit? baseUnit = null;
        var items = obj.Array("components");
        if (items is not null)
        {
            if (items.Count is < 1 or > 3)
            {
                Problem(obj.PathOf("components"), $"must contain 1 to 3 components, found {items.Count}");
            }

            foreach (var (componentElement, componentPath) in items)
            {
                var component = ReadComponent(componentElement, componentPath, ref baseUnit);
                if (component is not null)
                {
                    components.Add(component);
                }
            }
        }

        DoseAmount? maxTotal = null;
        if (obj.Optional("maxTotal") is { } capElement)
        {
            maxTotal = ReadMaxTotal(capElement, obj.PathOf("maxTotal"), baseUnit);
        }

        var treatment = _problems.Count == problemsBefore
            ? new Treatment(code!, label!, placebo!.Value, route!, components, maxTotal)
            : null;
        return (treatment, code);
    }

    private DoseComponent? ReadComponent(JsonElement element, string path, ref AmountUnit? baseUnit)
    {
        var obj = Open(element, path, ["kind", "dose", "rate", "unit", "minutes"]);
        if (obj is null)
        {
            return null;
        }

        var problemsBefore = _problems.Count;
        var kind = obj.String("kind");
        DoseComponent? component = null;
        switch (kind)
        {
            case null:
                break;
            case "bolus":
            {
                NotAllowed(obj, "rate", "a bolus");
                var dose = Positive(obj, "dose");
                var unit = ReadDoseUnit(obj, "a bolus", ref baseUnit);
                var minutes = AtMostMinutes(obj, NonNegative(obj, "minutes"));
                if (dose is not null && unit is not null && minutes is not null && AmountWithinLimit(obj, "dose", dose.Value, unit.Value))
                {
                    component = new Bolus(dose.Value, unit.Value, minutes.Value);
                }

                break;
            }

            case "infusion" when obj.Has("dose") && obj.Has("rate"):
                Problem(path, "an infusion takes either 'dose' or 'rate', not both");
                break;
            case "infusion" when obj.Has("rate"):
            {
                var rate = Positive(obj, "rate");
                var unit = ReadRateUnit(obj, ref baseUnit);
                var minutes = AtMostMinutes(obj, Positive(obj, "minutes"));
                if (rate is not null && unit is not null && minutes is not null && RateWithinLimit(obj, rate.Value, unit.Value, minutes.Value))
                {
                    component = new InfusionAtRate(rate.Value, unit.Value, minutes.Value);
                }

                break;
            }

            case "infusion" when obj.Has("dose"):
            {
                var dose = Positive(obj, "dose");
                var unit = ReadDoseUnit(obj, "an infusion given by 'dose'", ref baseUnit);
                var minutes = AtMostMinutes(obj, Positive(obj, "minutes"));
                if (dose is not null && unit is not null && minutes is not null && AmountWithinLimit(obj, "dose", dose.Value, unit.Value))
                {
                    component = new InfusionOfAmount(dose.Value, unit.Value, minutes.Value);
                }

                break;
            }

            case "infusion":
                Problem(path, "an infusion needs either 'dose' or 'rate'");
                break;
            default:
                Problem(obj.PathOf("kind"), $"unknown kind '{kind}' (expected 'bolus' or 'infusion')");
                break;
        }

        return _problems.Count == problemsBefore ? component : null;
    }

    private DoseUnit? ReadDoseUnit(JsonObject obj, string what, ref AmountUnit? baseUnit)
    {
        var text = obj.String("unit");
        if (text is null)
        {
            return null;
        }

        if (DoseUnit.TryParse(text, out var unit))
        {
            return SameBase(obj, unit.Amount, text, ref baseUnit) ? unit : null;
        }

        Problem(
            obj.PathOf("unit"),
            RateUnit.TryParse(text, out _)
                ? $"'{text}' is a rate unit; {what} takes an amount unit such as 'mg/kg'"
                : $"unknown unit '{text}'");
        return null;
    }

    private RateUnit? ReadRateUnit(JsonObject obj, ref AmountUnit? baseUnit)
    {
        var text = obj.String("unit");
        if (text is null)
        {
            return null;
        }

        if (RateUnit.TryParse(text, out var unit))
        {
            return SameBase(obj, unit.Dose.Amount, text, ref baseUnit) ? unit : null;
        }

        Problem(
            obj.PathOf("unit"),
            DoseUnit.TryParse(text, out _)
                ? $"'{text}' is an amount unit; an infusion given by 'rate' takes a rate unit such as 'mg/kg/h'"
                : $"unknown unit '{text}'");
        return null;
    }

    /// <summary>The first unit read fixes the treatment's base unit; the session total is a plain sum in it.</summary>
    private bool SameBase(JsonObject obj, AmountUnit amount, string text, ref AmountUnit? baseUnit)
    {
        baseUnit ??= amount;
        if (baseUnit == amount)
        {
            return true;
        }

        Problem(obj.PathOf("unit"), $"'{text}' does not reduce to the treatment's base unit '{baseUnit.Value.Symbol()}'");
        return false;
    }

    private DoseAmount? ReadMaxTotal(JsonElement element, string path, AmountUnit? baseUnit)
    {
        var obj = Open(element, path, ["dose", "unit"]);
        if (obj is null)
        {
            return null;
        }

        var dose = Positive(obj, "dose");
        var text = obj.String("unit");
        if (text is null)
        {
            return null;
        }

        if (!AmountUnits.TryParse(text, out var unit))
        {
            Problem(
                obj.PathOf("unit"),
                DoseUnit.TryParse(text, out _) || RateUnit.TryParse(text, out _)
                    ? $"must be a fixed unit ('mg', 'ug', 'mmol' or 'mL'), found '{text}'"
                    : $"unknown unit '{text}'");
            return null;
        }

        if (baseUnit is not null && unit != baseUnit)
        {
            Problem(obj.PathOf("unit"), $"'{text}' does not reduce to the treatment's base unit '{baseUnit.Value.Symbol()}'");
            return null;
        }

        return dose is null || !AmountWithinLimit(obj, "dose", dose.Value, new DoseUnit(unit, PerKilogram: false))
            ? null
            : new DoseAmount(dose.Value, unit);
    }

    private (List<TreatmentSequence>? Sequences, bool FromWilliams) ReadSequences(JsonObject file, IReadOnlyList<string>? treatmentCodes)
    {
        var element = file.Required("sequences");
        var path = file.PathOf("sequences");
        switch (element?.ValueKind)
        {
            case null:
                return (null, false);
            case JsonValueKind.String when element.Value.GetString() == "williams":
                return (treatmentCodes is { Count: >= 2 } ? WilliamsDesign.For(treatmentCodes).ToList() : null, true);
            case JsonValueKind.String:
                if (StringValue(element.Value, path) is { } other)
                {
                    Problem(path, $"unknown value '{other}' (expected an array of sequences or 'williams')");
                }

                return (null, false);
            case JsonValueKind.Array:
                break;
            default:
                Problem(path, $"expected an array of sequences or 'williams', found {Describe(element.Value)}");
                return (null, false);
        }

        var items = Items(element.Value, path);
        if (items.Count == 0)
        {
            Problem(path, "must contain at least 1 sequence");
            return (null, false);
        }

        if (items.Count > ProtocolLimits.MaxSequences)
        {
            Problem(path, $"must contain at most {ProtocolLimits.MaxSequences} sequences, found {items.Count}");
            return (null, false);
        }

        var problemsBefore = _problems.Count;
        var sequences = new List<TreatmentSequence>();
        int? periods = null;
        foreach (var (sequenceElement, sequencePath) in items)
        {
            if (sequenceElement.ValueKind != JsonValueKind.Array)
            {
                Problem(sequencePath, $"expected an array of treatment codes, found {Describe(sequenceElement)}");
                continue;
            }

            var periodItems = Items(sequenceElement, sequencePath);
            var periodCountProblem = periodItems.Count < 2 || (periods is not null && periodItems.Count != periods);
            if (periodItems.Count < 2)
            {
                Problem(sequencePath, $"must have at least 2 periods, found {periodItems.Count}");
            }
            else if (periods is null)
            {
                periods = periodItems.Count;
            }
            else if (periodItems.Count != periods)
            {
                Problem(sequencePath, $"has {periodItems.Count} periods but the first sequence has {periods}");
            }

            var codes = new List<string>();
            foreach (var (codeElement, codePath) in periodItems)
            {
                var code = StringValue(codeElement, codePath);
                if (code is not null && treatmentCodes is not null && !treatmentCodes.Contains(code, StringComparer.Ordinal))
                {
                    Problem(codePath, $"unknown treatment '{code}'");
                }
                else if (code is not null && !periodCountProblem && codes.IndexOf(code) is var earlier and >= 0)
                {
                    // A crossover gives each treatment once per sequence; a repeat is a typing error (and would double-dose).
                    Problem(codePath, $"treatment '{code}' is already given in period {earlier + 1} of this sequence");
                }

                if (code is not null)
                {
                    codes.Add(code);
                }
            }

            sequences.Add(new TreatmentSequence(sequences.Count + 1, codes));
        }

        return (_problems.Count == problemsBefore ? sequences : null, false);
    }

    private Washout? ReadWashout(JsonObject file)
    {
        var text = file.String("washout");
        if (text is null)
        {
            return null;
        }

        if (IsoDuration.TryParse(text, out var duration, out var error))
        {
            if (duration < ProtocolLimits.MinWashout || duration > ProtocolLimits.MaxWashout)
            {
                Problem(file.PathOf("washout"), $"must be between PT1H and P365D, found '{text}'");
                return null;
            }

            return new Washout(duration, text);
        }

        Problem(file.PathOf("washout"), error);
        return null;
    }

    private List<AssessmentDefinition>? ReadAssessments(JsonObject file)
    {
        var items = file.Array("assessments");
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            Problem(file.PathOf("assessments"), "must contain at least 1 assessment");
            return null;
        }

        if (items.Count > ProtocolLimits.MaxAssessments)
        {
            Problem(file.PathOf("assessments"), $"must contain at most {ProtocolLimits.MaxAssessments} assessments, found {items.Count}");
            return null;
        }

        var problemsBefore = _problems.Count;
        var assessments = new List<AssessmentDefinition>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, path) in items)
        {
            var assessment = ReadAssessment(element, path, codes);
            if (assessment is not null)
            {
                assessments.Add(assessment);
            }
        }

        return _problems.Count == problemsBefore ? assessments : null;
    }

    private AssessmentDefinition? ReadAssessment(JsonElement element, string path, HashSet<string> codes)
    {
        var obj = Open(element, path, ["code", "label", "kind", "min", "max", "unit", "times"]);
        if (obj is null)
        {
            return null;
        }

        var problemsBefore = _problems.Count;
        var code = obj.String("code");
        if (code is not null && !codes.Add(code))
        {
            Problem(obj.PathOf("code"), $"duplicate assessment code '{code}'");
        }

        var label = obj.String("label");
        var kind = ReadChoice(obj, "kind", [("scale", AssessmentKind.Scale), ("vitals", AssessmentKind.Vitals)]);
        ScaleRange? scale = null;
        if (kind == AssessmentKind.Scale)
        {
            var min = WithinScaleMagnitude(obj, "min");
            var max = WithinScaleMagnitude(obj, "max");
            var unit = obj.String("unit");
            if (min is not null && max is not null && min >= max)
            {
                Problem(obj.PathOf("max"), $"must be greater than min ({obj.Raw("min")}), found {obj.Raw("max")}");
            }

            if (min is not null && max is not null && unit is not null)
            {
                scale = new ScaleRange(min.Value, max.Value, unit);
            }
        }
        else if (kind == AssessmentKind.Vitals)
        {
            NotAllowed(obj, "min", "kind 'vitals'");
            NotAllowed(obj, "max", "kind 'vitals'");
            NotAllowed(obj, "unit", "kind 'vitals'");
        }

        var times = ReadTimes(obj);
        return _problems.Count == problemsBefore
            ? new AssessmentDefinition(code!, label!, kind!.Value, scale, times!)
            : null;
    }

    private List<AssessmentTime>? ReadTimes(JsonObject obj)
    {
        var items = obj.Array("times");
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            Problem(obj.PathOf("times"), "must contain at least 1 time");
            return null;
        }

        if (items.Count > ProtocolLimits.MaxTimesPerAssessment)
        {
            Problem(obj.PathOf("times"), $"must contain at most {ProtocolLimits.MaxTimesPerAssessment} times, found {items.Count}");
            return null;
        }

        var times = new List<AssessmentTime>();
        foreach (var (element, path) in items)
        {
            var text = StringValue(element, path);
            if (text is null)
            {
                continue;
            }

            if (!IsoDuration.TryParse(text, out var offset, out var error))
            {
                Problem(path, error);
                continue;
            }

            if (offset > ProtocolLimits.MaxAssessmentTime)
            {
                Problem(path, $"must be at most P30D after the start of dosing, found '{text}'");
                continue;
            }

            if (times.Count > 0 && offset <= times[^1].AfterDosingStart)
            {
                Problem(path, $"'{text}' is not after the previous time '{times[^1].Iso}'");
                continue;
            }

            times.Add(new AssessmentTime(offset, text));
        }

        return times;
    }

    private RandomizationScheme? ReadRandomization(JsonObject file, int? sequenceCount)
    {
        var obj = file.Object("randomization", ["method", "blockSizes", "stratifyBy"]);
        if (obj is null)
        {
            return null;
        }

        var problemsBefore = _problems.Count;
        var method = ReadChoice(obj, "method", [("permuted-blocks", RandomizationMethod.PermutedBlocks)]);

        var blockSizes = new List<int>();
        if (obj.Array("blockSizes") is { } sizeItems)
        {
            if (sizeItems.Count == 0)
            {
                Problem(obj.PathOf("blockSizes"), "must not be empty");
            }
            else if (sizeItems.Count > ProtocolLimits.MaxBlockSizes)
            {
                Problem(obj.PathOf("blockSizes"), $"must contain at most {ProtocolLimits.MaxBlockSizes} sizes, found {sizeItems.Count}");
            }

            foreach (var (element, path) in sizeItems)
            {
                var size = IntValue(element, path);
                if (size is null)
                {
                    continue;
                }

                if (size < 1)
                {
                    Problem(path, $"must be greater than 0, found {size}");
                }
                else if (size > ProtocolLimits.MaxBlockSize)
                {
                    Problem(path, $"must be at most {ProtocolLimits.MaxBlockSize}, found {size}");
                }
                else if (sequenceCount is not null && size % sequenceCount != 0)
                {
                    Problem(path, $"{size} is not a positive multiple of the number of sequences ({sequenceCount})");
                }

                blockSizes.Add(size.Value);
            }
        }

        var factors = new List<string>();
        if (obj.Array("stratifyBy") is { } factorItems)
        {
            foreach (var (element, path) in factorItems)
            {
                var factor = StringValue(element, path);
                if (factor is null)
                {
                    continue;
                }

                if (factor != RandomizationScheme.SiteFactor)
                {
                    Problem(path, $"unknown stratification factor '{factor}' (expected 'site')");
                }
                else if (factors.Contains(factor))
                {
                    Problem(path, $"duplicate factor '{factor}'");
                }

                factors.Add(factor);
            }
        }

        return _problems.Count == problemsBefore ? new RandomizationScheme(method!.Value, blockSizes, factors) : null;
    }

    private Eligibility? ReadEligibility(JsonObject file)
    {
        var obj = file.Object("eligibility", ["inclusion", "exclusion"]);
        if (obj is null)
        {
            return null;
        }

        var problemsBefore = _problems.Count;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var inclusion = ReadCriteria(obj, "inclusion", codes);
        var exclusion = ReadCriteria(obj, "exclusion", codes);
        return _problems.Count == problemsBefore ? new Eligibility(inclusion, exclusion) : null;
    }

    /// <summary>Criterion codes are unique across inclusion and exclusion: screening records a result per code.</summary>
    private List<EligibilityCriterion> ReadCriteria(JsonObject eligibility, string field, HashSet<string> codes)
    {
        var criteria = new List<EligibilityCriterion>();
        var items = eligibility.Array(field) ?? [];
        if (items.Count > ProtocolLimits.MaxCriteria)
        {
            Problem(eligibility.PathOf(field), $"must contain at most {ProtocolLimits.MaxCriteria} criteria, found {items.Count}");
            return criteria;
        }

        foreach (var (element, path) in items)
        {
            var obj = Open(element, path, ["code", "text"]);
            if (obj is null)
            {
                continue;
            }

            var code = obj.String("code");
            var text = obj.String("text");
            if (code is not null && !codes.Add(code))
            {
                Problem(obj.PathOf("code"), $"duplicate criterion code '{code}'");
            }

            if (code is not null && text is not null)
            {
                criteria.Add(new EligibilityCriterion(code, text));
            }
        }

        return criteria;
    }

    /// <summary><c>safety</c> and its parts are optional; an absent report window is the regulatory 24 hours.</summary>
    private SafetySettings? ReadSafety(JsonObject file)
    {
        if (file.Optional("safety") is not { } element)
        {
            return SafetySettings.Default;
        }

        var obj = Open(element, file.PathOf("safety"), ["saeReportHours", "vitalLimits"]);
        if (obj is null)
        {
            return null;
        }

        var problemsBefore = _problems.Count;
        var hours = SafetySettings.DefaultSaeReportHours;
        if (obj.Optional("saeReportHours") is not null)
        {
            hours = AtMost(obj, "saeReportHours", AtLeastOne(obj, "saeReportHours"), ProtocolLimits.MaxSaeReportHours, " (30 days)") ?? hours;
        }

        VitalLimits? limits = null;
        if (obj.Optional("vitalLimits") is { } limitsElement)
        {
            var limitsObj = Open(limitsElement, obj.PathOf("vitalLimits"), ["systolicMax", "diastolicMax", "heartRateMax", "spo2Min"]);
            if (limitsObj is not null)
            {
                var spo2Min = limitsObj.Optional("spo2Min") is null ? null : limitsObj.Int("spo2Min");
                if (spo2Min is < 1 or > 100)
                {
                    Problem(limitsObj.PathOf("spo2Min"), $"must be between 1 and 100, found {spo2Min}");
                }

                limits = new VitalLimits(
                    AtMost(limitsObj, "systolicMax", OptionalAtLeastOne(limitsObj, "systolicMax"), ProtocolLimits.MaxSystolic, " mmHg"),
                    AtMost(limitsObj, "diastolicMax", OptionalAtLeastOne(limitsObj, "diastolicMax"), ProtocolLimits.MaxDiastolic, " mmHg"),
                    AtMost(limitsObj, "heartRateMax", OptionalAtLeastOne(limitsObj, "heartRateMax"), ProtocolLimits.MaxHeartRate, " /min"),
                    spo2Min);
            }
        }

        return _problems.Count == problemsBefore ? new SafetySettings(hours, limits) : null;
    }

    private int? OptionalAtLeastOne(JsonObject obj, string field) =>
        obj.Optional(field) is null ? null : AtLeastOne(obj, field);

    private int? AtLeastOne(JsonObject obj, string field)
    {
        var value = obj.Int(field);
        if (value < 1)
        {
            Problem(obj.PathOf(field), $"must be 1 or greater, found {value}");
            return null;
        }

        return value;
    }

    private int? AtMost(JsonObject obj, string field, int? value, int max, string unit = "")
    {
        if (value > max)
        {
            Problem(obj.PathOf(field), $"must be at most {max}{unit}, found {value}");
            return null;
        }

        return value;
    }

    private decimal? AtMostMinutes(JsonObject obj, decimal? minutes)
    {
        if (minutes > ProtocolLimits.MaxComponentMinutes)
        {
            Problem(obj.PathOf("minutes"), $"must be at most {ProtocolLimits.MaxComponentMinutes} (one day), found {obj.Raw("minutes")}");
            return null;
        }

        return minutes;
    }

    private bool AmountWithinLimit(JsonObject obj, string field, decimal amount, DoseUnit unit)
    {
        var max = ProtocolLimits.MaxAmount(unit);
        if (amount <= max)
        {
            return true;
        }

        Problem(obj.PathOf(field), string.Create(CultureInfo.InvariantCulture, $"must be at most {max} {unit}, found {obj.Raw(field)}"));
        return false;
    }

    private bool RateWithinLimit(JsonObject obj, decimal rate, RateUnit unit, decimal minutes)
    {
        var max = ProtocolLimits.MaxAmount(unit.Dose);
        if (rate > max)
        {
            Problem(obj.PathOf("rate"), string.Create(CultureInfo.InvariantCulture, $"must be at most {max} {unit}, found {obj.Raw("rate")}"));
            return false;
        }

        var amount = ProtocolLimits.AmountOf(rate, unit, minutes);
        if (amount > max)
        {
            Problem(obj.PathOf("rate"), string.Create(CultureInfo.InvariantCulture, $"gives {amount:0.###} {unit.Dose} over {obj.Raw("minutes")} minutes, more than the largest amount {max} {unit.Dose}"));
            return false;
        }

        return true;
    }

    private decimal? WithinScaleMagnitude(JsonObject obj, string field)
    {
        var value = obj.Number(field);
        if (value is { } v && Math.Abs(v) > ProtocolLimits.MaxScaleMagnitude)
        {
            Problem(obj.PathOf(field), string.Create(CultureInfo.InvariantCulture, $"must be between -{ProtocolLimits.MaxScaleMagnitude} and {ProtocolLimits.MaxScaleMagnitude}, found {obj.Raw(field)}"));
            return null;
        }

        return value;
    }

    private decimal? Positive(JsonObject obj, string field)
    {
        var value = obj.Number(field);
        if (value <= 0)
        {
            Problem(obj.PathOf(field), $"must be greater than 0, found {obj.Raw(field)}");
            return null;
        }

        return value;
    }

    private decimal? NonNegative(JsonObject obj, string field)
    {
        var value = obj.Number(field);
        if (value < 0)
        {
            Problem(obj.PathOf(field), $"must be 0 or greater, found {obj.Raw(field)}");
            return null;
        }

        return value;
    }

    private void NotAllowed(JsonObject obj, string field, string what)
    {
        if (obj.Has(field))
        {
            Problem(obj.PathOf(field), $"not allowed for {what}");
        }
    }

    private JsonObject? Open(JsonElement element, string path, string[] knownFields)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem(path, $"expected an object, found {Describe(element)}");
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!TryGetText(() => property.Name, out var name))
            {
                Problem(path, $"a field name {NotUnicode}");
                continue;
            }

            var fieldPath = JsonObject.Child(path, name);
            if (!knownFields.Contains(name, StringComparer.Ordinal))
            {
                Problem(fieldPath, "unknown field");
            }
            else if (!fields.TryAdd(name, property.Value))
            {
                Problem(fieldPath, "duplicate field");
            }
        }

        return new JsonObject(this, path, fields);
    }

    private List<(JsonElement Element, string Path)> Items(JsonElement array, string path) =>
        array.EnumerateArray().Select((element, index) => (element, $"{path}[{index}]")).ToList();

    private string? StringValue(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            Problem(path, $"expected a string, found {Describe(element)}");
            return null;
        }

        if (!TryGetText(element.GetString, out var value))
        {
            Problem(path, NotUnicode);
            return null;
        }

        if (InputText.ForbiddenCharacterAt(value) is { } at)
        {
            Problem(path, $"contains the control character U+{(int)value[at]:X4} at position {at + 1}; text may hold tabs and line breaks but no other control characters");
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            Problem(path, "must not be empty");
            return null;
        }

        if (value.Length > ProtocolLimits.MaxTextLength)
        {
            Problem(path, $"must be at most {ProtocolLimits.MaxTextLength} characters, found {value.Length}");
            return null;
        }

        return value;
    }

    private const string NotUnicode = "is not Unicode text (it escapes half of a surrogate pair, e.g. '\\ud800')";

    /// <summary>
    /// JSON may escape half of a UTF-16 surrogate pair, which no string can hold as text;
    /// System.Text.Json throws when asked for it, and bad input must never throw.
    /// </summary>
    private static bool TryGetText(Func<string?> read, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        try
        {
            text = read() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private int? IntValue(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value))
        {
            return value;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var number) && number == decimal.Truncate(number))
        {
            Problem(path, $"number out of range: {element.GetRawText()}");
            return null;
        }

        Problem(path, $"expected an integer, found {Describe(element)}");
        return null;
    }

    private decimal? NumberValue(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value))
        {
            return value;
        }

        Problem(path, element.ValueKind == JsonValueKind.Number ? $"number out of range: {element.GetRawText()}" : $"expected a number, found {Describe(element)}");
        return null;
    }

    private bool? BoolValue(JsonElement element, string path)
    {
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }

        Problem(path, $"expected true or false, found {Describe(element)}");
        return null;
    }

    private void Problem(string path, string message) => _problems.Add(new ProtocolProblem(path, message));

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };

    private static string Alternatives(IEnumerable<string> choices)
    {
        var quoted = choices.Select(c => $"'{c}'").ToArray();
        return quoted.Length == 1 ? quoted[0] : $"{string.Join(", ", quoted[..^1])} or {quoted[^1]}";
    }

    [GeneratedRegex(@"^[A-Z0-9]{1,8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TreatmentCodePattern();

    [GeneratedRegex(ProtocolLimits.SiteCodePattern, RegexOptions.CultureInvariant)]
    private static partial Regex SiteCodePattern();

    /// <summary>The fields of one JSON object, with its path, reporting type problems to the reader.</summary>
    private sealed partial class JsonObject(ProtocolReader reader, string path, Dictionary<string, JsonElement> fields)
    {
        public string PathOf(string field) => Child(path, field);

        public bool Has(string field) => fields.ContainsKey(field);

        public JsonElement? Optional(string field) => fields.TryGetValue(field, out var element) ? element : null;

        public JsonElement? Required(string field)
        {
            if (fields.TryGetValue(field, out var element))
            {
                return element;
            }

            reader.Problem(PathOf(field), "required field is missing");
            return null;
        }

        public string Raw(string field) => fields[field].GetRawText();

        public string? String(string field) => Required(field) is { } e ? reader.StringValue(e, PathOf(field)) : null;

        public int? Int(string field) => Required(field) is { } e ? reader.IntValue(e, PathOf(field)) : null;

        public decimal? Number(string field) => Required(field) is { } e ? reader.NumberValue(e, PathOf(field)) : null;

        public bool? Bool(string field) => Required(field) is { } e ? reader.BoolValue(e, PathOf(field)) : null;

        public JsonObject? Object(string field, string[] knownFields) =>
            Required(field) is { } e ? reader.Open(e, PathOf(field), knownFields) : null;

        public List<(JsonElement Element, string Path)>? Array(string field)
        {
            if (Required(field) is not { } element)
            {
                return null;
            }

            if (element.ValueKind != JsonValueKind.Array)
            {
                reader.Problem(PathOf(field), $"expected an array, found {Describe(element)}");
                return null;
            }

            return reader.Items(element, PathOf(field));
        }

        public static string Child(string parent, string field) =>
            IdentifierPattern().IsMatch(field)
                ? $"{parent}.{field}"
                : $"{parent}['{Escape(field)}']";

        /// <summary>Quotes, backslashes and anything unprintable escaped, so that a path never carries a control character into a page or log.</summary>
        private static string Escape(string field)
        {
            var escaped = new System.Text.StringBuilder(field.Length);
            foreach (var c in field)
            {
                escaped.Append(c switch
                {
                    '\\' => "\\\\",
                    '\'' => "\\'",
                    _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                    _ => c.ToString(),
                });
            }

            return escaped.ToString();
        }

        [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)]
        private static partial Regex IdentifierPattern();
    }
}
