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
        "sponsor", "trialType", "population", "addOn", "interventionType", "demographics",
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

        var title = file.String("title", ProtocolLimits.MaxTitleLength);
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
        CheckArmCodes(sequences, fromWilliams, file.PathOf("sequences"));
        var sponsor = file.Optional("sponsor") is null ? null : file.String("sponsor");
        var trialTypes = ReadTrialTypes(file);
        var population = ReadPopulation(file);
        var addOn = file.Optional("addOn") is null ? null : file.Bool("addOn");
        var interventionType = file.Optional("interventionType") is null
            ? InterventionTypes.Drug
            : ReadTerm(file, "interventionType", InterventionTypes.Terms);
        var ageCollection = ReadDemographics(file);

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
            safety!)
        {
            Sponsor = sponsor,
            TrialTypes = trialTypes.Count == 0 ? [] : (IReadOnlyList<string>)trialTypes,
            Population = population,
            AddOn = addOn,
            InterventionType = interventionType!,
            AgeCollection = ageCollection!.Value,
        };
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
            var site = Open(element, path, ["code", "name", "country", "timeZone"]);
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

            var country = site.Optional("country") is null ? null : site.String("country");
            if (country is not null && !IsoCountries.IsCode(country))
            {
                Problem(site.PathOf("country"), $"must be an ISO 3166-1 alpha-3 country code (e.g. 'NLD', 'USA'), found '{country}'");
            }

            var timeZone = site.Optional("timeZone") is null ? TrialSite.DefaultTimeZone : site.String("timeZone");
            if (timeZone is not null && !IsTimeZone(timeZone))
            {
                Problem(site.PathOf("timeZone"), $"must be an IANA time zone id (e.g. 'Europe/Amsterdam'), found '{timeZone}'");
            }

            if (code is not null && name is not null && timeZone is not null)
            {
                sites.Add(new TrialSite(code, name) { Country = country, TimeZone = timeZone });
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
        var obj = Open(element, path, ["code", "label", "kind", "min", "max", "unit", "times", "primary", "primaryTime", "responderThresholds"]);
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
        var (primary, primaryTime) = ReadPrimary(obj, kind, times);
        var thresholds = ReadResponderThresholds(obj, kind);
        return _problems.Count == problemsBefore
            ? new AssessmentDefinition(code!, label!, kind!.Value, scale, times!)
            {
                Primary = primary,
                PrimaryTime = primaryTime,
                ResponderThresholds = thresholds ?? AssessmentDefinition.DefaultResponderThresholds,
            }
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

        var obj = Open(element, file.PathOf("safety"), ["saeReportHours", "vitalLimits", "expectedTerms"]);
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

        var expected = ReadExpectedTerms(obj);
        return _problems.Count == problemsBefore ? new SafetySettings(hours, limits) { ExpectedTerms = expected.Count == 0 ? [] : (IReadOnlyList<int>)expected } : null;
    }

    /// <summary>SDTM ARMCD is the sequence's treatment codes joined by '-', at most 20 characters.</summary>
    private void CheckArmCodes(List<TreatmentSequence>? sequences, bool fromWilliams, string path)
    {
        foreach (var sequence in sequences ?? [])
        {
            var armCode = string.Join("-", sequence.TreatmentCodes);
            if (armCode.Length > ProtocolLimits.MaxArmCodeLength)
            {
                Problem(
                    fromWilliams ? path : $"{path}[{sequence.Number - 1}]",
                    $"the arm code '{armCode}' (the treatment codes joined by '-', SDTM ARMCD) is longer than {ProtocolLimits.MaxArmCodeLength} characters; use shorter treatment codes");
                return;
            }
        }
    }

    private List<string> ReadTrialTypes(JsonObject file)
    {
        var types = new List<string>();
        if (file.Optional("trialType") is null || file.Array("trialType") is not { } items)
        {
            return types;
        }

        if (items.Count == 0)
        {
            Problem(file.PathOf("trialType"), "must contain at least 1 term");
        }

        foreach (var (element, path) in items)
        {
            var term = StringValue(element, path);
            if (term is not null && !TrialTypes.Terms.ContainsKey(term))
            {
                Problem(path, $"unknown CDISC TTYPE term '{term}' (codelist {TrialTypes.CodelistCode}, e.g. 'EFFICACY', 'SAFETY')");
            }
            else if (term is not null && types.Contains(term))
            {
                Problem(path, $"duplicate term '{term}'");
            }
            else if (term is not null)
            {
                types.Add(term);
            }
        }

        return types;
    }

    private TrialPopulation? ReadPopulation(JsonObject file)
    {
        if (file.Optional("population") is null)
        {
            return null;
        }

        var obj = file.Object("population", ["ageMin", "ageMax", "sex", "healthySubjects"]);
        if (obj is null)
        {
            return null;
        }

        var ageMin = ReadAge(obj, "ageMin");
        var ageMax = ReadAge(obj, "ageMax");
        if (ageMin is { } min && ageMax is { } max && min.Days > max.Days)
        {
            Problem(obj.PathOf("ageMax"), $"must not be below ageMin ({min.Iso}), found '{max.Iso}'");
        }

        var sex = obj.Optional("sex") is null ? null : ReadTerm(obj, "sex", PopulationSexes.Terms);
        var healthy = obj.Optional("healthySubjects") is null ? null : obj.Bool("healthySubjects");
        return new TrialPopulation(ageMin?.Iso, ageMax?.Iso, sex, healthy);
    }

    /// <summary>An age limit as an ISO 8601 duration of years, months, weeks or days (<c>P18Y</c>, <c>P6M</c>).</summary>
    private (string Iso, int Days)? ReadAge(JsonObject obj, string field)
    {
        if (obj.Optional(field) is null || obj.String(field) is not { } text)
        {
            return null;
        }

        var match = AgePattern().Match(text);
        if (!match.Success || text == "P")
        {
            Problem(obj.PathOf(field), $"must be an ISO 8601 duration of years, months, weeks or days such as 'P18Y', found '{text}'");
            return null;
        }

        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var days = (Part("y") * 365) + (Part("m") * 30) + (Part("w") * 7) + Part("d");
        if (days > 150 * 365)
        {
            Problem(obj.PathOf(field), $"must be at most 150 years, found '{text}'");
            return null;
        }

        return (text, days);
    }

    private string? ReadTerm(JsonObject obj, string field, IReadOnlyDictionary<string, string> terms)
    {
        var text = obj.String(field);
        if (text is not null && !terms.ContainsKey(text))
        {
            Problem(obj.PathOf(field), $"unknown {field} '{text}' (expected {Alternatives(terms.Keys)})");
            return null;
        }

        return text;
    }

    private AgeCollection? ReadDemographics(JsonObject file)
    {
        if (file.Optional("demographics") is null)
        {
            return AgeCollection.BirthDate;
        }

        var obj = file.Object("demographics", ["age"]);
        if (obj is null)
        {
            return null;
        }

        return obj.Optional("age") is null
            ? AgeCollection.BirthDate
            : ReadChoice(obj, "age", [("birthDate", AgeCollection.BirthDate), ("age", AgeCollection.Age)]);
    }

    private (bool Primary, AssessmentTime? Time) ReadPrimary(JsonObject obj, AssessmentKind? kind, List<AssessmentTime>? times)
    {
        var primary = obj.Optional("primary") is not null && obj.Bool("primary") == true;
        if (primary && kind is not null && kind != AssessmentKind.Scale)
        {
            Problem(obj.PathOf("primary"), "only a scale assessment can be the primary endpoint");
        }

        if (obj.Optional("primaryTime") is null)
        {
            if (primary)
            {
                Problem(obj.PathOf("primaryTime"), "required when primary is true");
            }

            return (primary, null);
        }

        if (!primary)
        {
            Problem(obj.PathOf("primaryTime"), "allowed only with primary: true");
            return (false, null);
        }

        var text = obj.String("primaryTime");
        if (text is null || times is null)
        {
            return (primary, null);
        }

        var time = IsoDuration.TryParse(text, out var offset, out _) ? times.FirstOrDefault(t => t.AfterDosingStart == offset) : null;
        if (time is null)
        {
            Problem(obj.PathOf("primaryTime"), $"must be one of the assessment's times ({string.Join(", ", times.Select(t => t.Iso))}), found '{text}'");
        }

        return (primary, time);
    }

    private List<decimal>? ReadResponderThresholds(JsonObject obj, AssessmentKind? kind)
    {
        if (obj.Optional("responderThresholds") is null)
        {
            return null;
        }

        if (kind is not null && kind != AssessmentKind.Scale)
        {
            Problem(obj.PathOf("responderThresholds"), "allowed only for a scale assessment");
            return null;
        }

        if (obj.Array("responderThresholds") is not { } items)
        {
            return null;
        }

        if (items.Count is < 1 or > 5)
        {
            Problem(obj.PathOf("responderThresholds"), $"must contain 1 to 5 thresholds, found {items.Count}");
            return null;
        }

        var thresholds = new List<decimal>();
        foreach (var (element, path) in items)
        {
            var value = NumberValue(element, path);
            if (value is null)
            {
                continue;
            }

            if (value is <= 0 or > 100)
            {
                Problem(path, $"must be a percent reduction above 0 and at most 100, found {element.GetRawText()}");
            }
            else if (thresholds.Contains(value.Value))
            {
                Problem(path, $"duplicate threshold {element.GetRawText()}");
            }
            else
            {
                thresholds.Add(value.Value);
            }
        }

        return thresholds;
    }

    private List<int> ReadExpectedTerms(JsonObject obj)
    {
        var terms = new List<int>();
        if (obj.Optional("expectedTerms") is null || obj.Array("expectedTerms") is not { } items)
        {
            return terms;
        }

        foreach (var (element, path) in items)
        {
            var code = IntValue(element, path);
            if (code is null)
            {
                continue;
            }

            if (code is < 10_000_000 or > 99_999_999)
            {
                Problem(path, $"must be an 8-digit MedDRA LLT or PT code, found {code}");
            }
            else if (terms.Contains(code.Value))
            {
                Problem(path, $"duplicate code {code}");
            }
            else
            {
                terms.Add(code.Value);
            }
        }

        return terms;
    }

    private static bool IsTimeZone(string id)
    {
        try
        {
            // IANA ids only: a Windows name ('W. Europe Standard Time') is not portable between sites.
            return id.Contains('/', StringComparison.Ordinal) || id == TrialSite.DefaultTimeZone
                ? TimeZoneInfo.FindSystemTimeZoneById(id) is not null
                : false;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
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

    private string? StringValue(JsonElement element, string path, int maxLength = ProtocolLimits.MaxTextLength)
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

        if (AsciiText.FirstUnrepresentable(value) is { } index)
        {
            var character = char.IsSurrogatePair(value, index) ? value.Substring(index, 2) : value[index].ToString();
            Problem(path, $"contains '{character}' (U+{char.ConvertToUtf32(character, 0):X4}) at position {index + 1}, which the SDTM export (US-ASCII) cannot represent; symbols such as µ and ≥ and accented Latin letters are transliterated, other characters are not accepted");
            return null;
        }

        // Measured as exported: a transliteration can be longer than the text (≥ becomes >=).
        var exportedLength = AsciiText.ToAscii(value)!.Length;
        if (Math.Max(value.Length, exportedLength) > maxLength)
        {
            Problem(path, $"must be at most {maxLength} characters, found {Math.Max(value.Length, exportedLength)}{(exportedLength > value.Length ? " as exported in US-ASCII" : "")}");
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

    [GeneratedRegex(@"^P(?:(?<y>\d{1,3})Y)?(?:(?<m>\d{1,4})M)?(?:(?<w>\d{1,4})W)?(?:(?<d>\d{1,5})D)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgePattern();

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

        public string? String(string field, int maxLength = ProtocolLimits.MaxTextLength) =>
            Required(field) is { } e ? reader.StringValue(e, PathOf(field), maxLength) : null;

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
