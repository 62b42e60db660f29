using System.Text.Json.Nodes;
using TrialOps.Protocols;

namespace TrialOps.Tests.Protocols;

/// <summary>
/// The optional fields of protocol format 0.2 (protocols/README.md): KET-NP-02 uses every one of
/// them; a file without them means what it meant before; a wrong value is refused with its path.
/// </summary>
public class OptionalFieldsTests
{
    private static string Ket02Json => File.ReadAllText(Path.Combine(ProtocolFixtures.RepositoryRoot, "seed", "KET-NP-02.json"));

    [Fact]
    public void KET_NP_02_reads_every_optional_field()
    {
        var protocol = ProtocolFixtures.Parse(Ket02Json);

        Assert.Equal("North Hospital Pain Research Group", protocol.Sponsor);
        Assert.Equal(["EFFICACY", "SAFETY"], protocol.TrialTypes);
        Assert.Equal(new TrialPopulation("P18Y", "P80Y", "BOTH", false), protocol.Population);
        Assert.True(protocol.AddOn);
        Assert.Equal("DRUG", protocol.InterventionType);
        Assert.Equal(AgeCollection.BirthDate, protocol.AgeCollection);
        Assert.Equal([("S01", "NLD", "Europe/Amsterdam"), ("S02", "AUS", "Australia/Sydney")], protocol.Sites.Select(s => (s.Code, s.Country, s.TimeZone)));

        var pain = Assert.Single(protocol.Assessments, a => a.Primary);
        Assert.Same(pain, protocol.PrimaryAssessment);
        Assert.Equal(("PAIN", "PT60M", TimeSpan.FromMinutes(60)), (pain.Code, pain.PrimaryTime!.Iso, pain.PrimaryTime.AfterDosingStart));
        Assert.Equal([30m, 50m], pain.ResponderThresholds);
        Assert.Contains(10013573, protocol.Safety.ExpectedTerms);
        Assert.Equal(9, protocol.Safety.ExpectedTerms.Count);
    }

    [Fact]
    public void a_file_without_them_reads_the_defaults()
    {
        var protocol = ProtocolFixtures.Ket;

        Assert.Null(protocol.Sponsor);
        Assert.Empty(protocol.TrialTypes);
        Assert.Null(protocol.Population);
        Assert.Null(protocol.AddOn);
        Assert.Equal("DRUG", protocol.InterventionType);
        Assert.Equal(AgeCollection.BirthDate, protocol.AgeCollection);
        Assert.All(protocol.Sites, s => Assert.Equal((null, "UTC"), (s.Country, s.TimeZone)));
        Assert.Null(protocol.PrimaryAssessment);
        Assert.All(protocol.Assessments, a => Assert.Equal([30m, 50m], a.ResponderThresholds));
        Assert.Empty(protocol.Safety.ExpectedTerms);
    }

    [Fact]
    public void age_is_collected_in_years_when_the_protocol_says_so()
    {
        var protocol = ProtocolFixtures.Parse(Edit(r => r["demographics"] = JsonNode.Parse("""{"age":"age"}""")));

        Assert.Equal(AgeCollection.Age, protocol.AgeCollection);
    }

    public static TheoryData<string, Func<string>, string> WrongValues => new()
    {
        { "country in lower case", () => Edit(r => r["sites"]![0]!["country"] = "nld"), "$.sites[0].country: must be an ISO 3166-1 alpha-3 country code (e.g. 'NLD', 'USA'), found 'nld'" },
        { "unknown country", () => Edit(r => r["sites"]![0]!["country"] = "XXX"), "$.sites[0].country: must be an ISO 3166-1 alpha-3 country code (e.g. 'NLD', 'USA'), found 'XXX'" },
        { "unknown time zone", () => Edit(r => r["sites"]![0]!["timeZone"] = "Mars/Olympus_Mons"), "$.sites[0].timeZone: must be an IANA time zone id (e.g. 'Europe/Amsterdam'), found 'Mars/Olympus_Mons'" },
        { "Windows time zone name", () => Edit(r => r["sites"]![0]!["timeZone"] = "W. Europe Standard Time"), "$.sites[0].timeZone: must be an IANA time zone id (e.g. 'Europe/Amsterdam'), found 'W. Europe Standard Time'" },
        { "empty sponsor", () => Edit(r => r["sponsor"] = " "), "$.sponsor: must not be empty" },
        { "unknown trial type", () => Edit(r => r["trialType"] = new JsonArray("EFFICACY", "FUN")), "$.trialType[1]: unknown CDISC TTYPE term 'FUN' (codelist C66739, e.g. 'EFFICACY', 'SAFETY')" },
        { "trial type twice", () => Edit(r => r["trialType"] = new JsonArray("SAFETY", "SAFETY")), "$.trialType[1]: duplicate term 'SAFETY'" },
        { "age in words", () => Edit(r => r["population"] = JsonNode.Parse("""{"ageMin":"eighteen"}""")), "$.population.ageMin: must be an ISO 8601 duration of years, months, weeks or days such as 'P18Y', found 'eighteen'" },
        { "maximum age below the minimum", () => Edit(r => r["population"] = JsonNode.Parse("""{"ageMin":"P65Y","ageMax":"P18Y"}""")), "$.population.ageMax: must not be below ageMin (P65Y), found 'P18Y'" },
        { "unknown population sex", () => Edit(r => r["population"] = JsonNode.Parse("""{"sex":"X"}""")), "$.population.sex: unknown sex 'X' (expected 'BOTH', 'F' or 'M')" },
        { "add-on as text", () => Edit(r => r["addOn"] = "yes"), "$.addOn: expected true or false, found a string" },
        { "unknown intervention type", () => Edit(r => r["interventionType"] = "MAGIC"), "$.interventionType: unknown interventionType 'MAGIC' (expected 'DRUG' or 'BIOLOGIC')" },
        { "unknown age collection", () => Edit(r => r["demographics"] = JsonNode.Parse("""{"age":"dob"}""")), "$.demographics.age: unknown age 'dob' (expected 'birthDate' or 'age')" },
        { "primary time that is not a time of the assessment", () => Edit(r => { r["assessments"]![0]!["primary"] = true; r["assessments"]![0]!["primaryTime"] = "PT50M"; }), "$.assessments[0].primaryTime: must be one of the assessment's times (PT0M, PT20M, PT40M, PT60M, PT2H, PT24H), found 'PT50M'" },
        { "primary without a primary time", () => Edit(r => r["assessments"]![0]!["primary"] = true), "$.assessments[0].primaryTime: required when primary is true" },
        { "primary time without primary", () => Edit(r => r["assessments"]![0]!["primaryTime"] = "PT60M"), "$.assessments[0].primaryTime: allowed only with primary: true" },
        { "vital signs as the primary endpoint", () => Edit(r => { r["assessments"]![1]!["primary"] = true; r["assessments"]![1]!["primaryTime"] = "PT10M"; }), "$.assessments[1].primary: only a scale assessment can be the primary endpoint" },
        { "responder threshold of 0", () => Edit(r => r["assessments"]![0]!["responderThresholds"] = new JsonArray(0, 50)), "$.assessments[0].responderThresholds[0]: must be a percent reduction above 0 and at most 100, found 0" },
        { "responder threshold of 150", () => Edit(r => r["assessments"]![0]!["responderThresholds"] = new JsonArray(150)), "$.assessments[0].responderThresholds[0]: must be a percent reduction above 0 and at most 100, found 150" },
        { "responder thresholds for vital signs", () => Edit(r => r["assessments"]![1]!["responderThresholds"] = new JsonArray(30)), "$.assessments[1].responderThresholds: allowed only for a scale assessment" },
        { "expected term that is no MedDRA code", () => Edit(r => r["safety"]!["expectedTerms"] = new JsonArray(123)), "$.safety.expectedTerms[0]: must be an 8-digit MedDRA LLT or PT code, found 123" },
        {
            "arm code over 20 characters",
            () => ProtocolFixtures.ThreeTreatmentWilliamsJson.Replace("\"KET\"", "\"KETAMINE\"", StringComparison.Ordinal).Replace("\"PBO\"", "\"PLACEBO\"", StringComparison.Ordinal),
            "$.sequences: the arm code 'KETAMINE-PLACEBO-MGCL' (the treatment codes joined by '-', SDTM ARMCD) is longer than 20 characters; use shorter treatment codes"
        },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void a_wrong_optional_value_is_refused_with_its_path(string wrong, Func<string> file, string expected)
    {
        var result = ProtocolFile.Parse(file());

        Assert.False(result.IsValid, wrong);
        Assert.Contains(expected, result.ProblemLines);
    }

    private static string Edit(Action<JsonObject> change) => ProtocolFixtures.Mutated(change);
}
