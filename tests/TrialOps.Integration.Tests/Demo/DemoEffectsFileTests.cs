using System.Text;
using TrialOps.Integration.Tests.Journey;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Protocols;
using TrialOps.Seed;

namespace TrialOps.Integration.Tests.Demo;

/// <summary>The options file of <c>trialops demo --effects</c>: defaults, overrides and every refusal with the field's path.</summary>
public sealed class DemoEffectsFileTests
{
    private static readonly ProtocolDefinition Ket = ProtocolFile.Parse(TrialDesignSupport.KetBytes).Definition!;

    private static readonly ProtocolDefinition Williams = ProtocolFile.Parse(ProtocolVariants.File("PHN-WILLIAMS3")).Definition!;

    [Fact]
    public void an_empty_file_means_the_defaults()
    {
        var effects = Parse("{}", Ket);
        var defaults = DemoEffects.DefaultsFor(Ket);

        Assert.Equal((defaults.Baseline, defaults.WithinSubjectSd, defaults.PeriodEffect, defaults.PlaceboResponse), (effects.Baseline, effects.WithinSubjectSd, effects.PeriodEffect, effects.PlaceboResponse));
        Assert.Equal(["KET", "PBO"], effects.Treatments.Keys.Order());
        Assert.Equal(defaults.Treatments["KET"].Effect, effects.Treatments["KET"].Effect);
        Assert.Equal(defaults.Treatments["PBO"].AdverseEvents, effects.Treatments["PBO"].AdverseEvents);
    }

    [Fact]
    public void the_defaults_take_the_eligible_minimum_from_the_inclusion_criteria_and_give_ketamine_its_effect_and_its_adverse_events()
    {
        var defaults = DemoEffects.DefaultsFor(Ket);

        // IN02: "Average pain intensity of 40 mm or more on a 100 mm VAS".
        Assert.Equal(40, defaults.Baseline.EligibleMin);
        Assert.InRange(defaults.Baseline.Mean, 50, 80);
        Assert.True(defaults.PlaceboResponse.Peak > 0);
        Assert.Equal(0, defaults.Treatments["PBO"].Effect.Peak);
        Assert.True(defaults.Treatments["KET"].Effect.Peak > defaults.PlaceboResponse.Peak);
        Assert.Equal(TimeSpan.FromMinutes(40), defaults.Treatments["KET"].Effect.PeakAt);
        double Rate(string code, string term) => defaults.Treatments[code].AdverseEvents.SingleOrDefault(a => a.Term.Term == term)?.Rate ?? 0;
        Assert.All(new[] { "Dizziness", "Hallucinations" }, term => Assert.True(Rate("KET", term) >= 3 * Rate("PBO", term), term));
    }

    [Fact]
    public void the_effect_peaks_at_its_time_and_wanes_by_half_each_half_life()
    {
        var course = new EffectCourse(20, TimeSpan.FromMinutes(40), TimeSpan.FromHours(4));

        Assert.Equal(0, course.At(TimeSpan.Zero));
        Assert.InRange(course.At(TimeSpan.FromMinutes(20)), 14.1, 14.2);
        Assert.Equal(20, course.At(TimeSpan.FromMinutes(40)), 6);
        Assert.Equal(10, course.At(TimeSpan.FromMinutes(40) + TimeSpan.FromHours(4)), 6);
    }

    [Fact]
    public void a_full_file_overrides_every_value()
    {
        var effects = Parse(
            """
            {
              "format": "trialops.demo-effects/1",
              "baseline": { "mean": 70, "sd": 10, "eligibleMin": 50 },
              "withinSubjectSd": 6,
              "periodEffect": 2.5,
              "placeboResponse": { "peak": 15, "peakAt": "PT2H", "halfLife": "P1D" },
              "treatments": {
                "KET": { "peak": 30, "peakAt": "PT1H", "halfLife": "PT6H", "carryover": 4, "dropout": 0.1,
                         "adverseEvents": { "Dizziness": 0.5, "hallucinations": 0.4 } },
                "PBO": { "dropout": 0, "adverseEvents": { "Headache": 0.2 } }
              }
            }
            """,
            Ket);

        Assert.Equal(new BaselinePain(70, 10, 50), effects.Baseline);
        Assert.Equal((6.0, 2.5), (effects.WithinSubjectSd, effects.PeriodEffect));
        Assert.Equal(new EffectCourse(15, TimeSpan.FromHours(2), TimeSpan.FromDays(1)), effects.PlaceboResponse);
        var ket = effects.Treatments["KET"];
        Assert.Equal((new EffectCourse(30, TimeSpan.FromHours(1), TimeSpan.FromHours(6)), 4.0, 0.1), (ket.Effect, ket.Carryover, ket.Dropout));
        Assert.Equal([("Dizziness", 0.5), ("Hallucinations", 0.4)], ket.AdverseEvents.Select(a => (a.Term.Term, a.Rate)));
        Assert.Equal([("Headache", 0.2)], effects.Treatments["PBO"].AdverseEvents.Select(a => (a.Term.Term, a.Rate)));
        Assert.Equal(0, effects.Treatments["PBO"].Dropout);
    }

    [Fact]
    public void a_williams_design_gives_each_active_treatment_its_own_effect_by_code()
    {
        var defaults = DemoEffects.DefaultsFor(Williams);
        Assert.NotEqual(defaults.Treatments["KET"].Effect.Peak, defaults.Treatments["MOR"].Effect.Peak);

        var effects = Parse("""{ "treatments": { "KET": { "peak": 25 }, "MOR": { "peak": 8, "halfLife": "PT2H" } } }""", Williams);

        Assert.Equal((25.0, 8.0, 0.0), (effects.Treatments["KET"].Effect.Peak, effects.Treatments["MOR"].Effect.Peak, effects.Treatments["PBO"].Effect.Peak));
        Assert.Equal(TimeSpan.FromHours(2), effects.Treatments["MOR"].Effect.HalfLife);
        Assert.Equal(defaults.Treatments["KET"].Effect.HalfLife, effects.Treatments["KET"].Effect.HalfLife);
    }

    [Theory]
    [InlineData("""{ "baseline": { "mean": 60, "median": 55 } }""", "$.baseline.median: unknown field")]
    [InlineData("""{ "placeboEffect": 10 }""", "$.placeboEffect: unknown field")]
    [InlineData("""{ "treatments": { "KET": { "peak": 20, "onset": "PT5M" } } }""", "$.treatments.KET.onset: unknown field")]
    [InlineData("""{ "treatments": { "MOR": { "peak": 10 } } }""", "$.treatments.MOR: unknown treatment code 'MOR' (protocol KET-NP-01 has KET, PBO)")]
    [InlineData("""{ "treatments": { "ket": { "peak": 10 } } }""", "$.treatments.ket: unknown treatment code 'ket'")]
    [InlineData("""{ "treatments": { "PBO": { "peak": 10 } } }""", "$.treatments.PBO.peak: PBO is the placebo and has no effect of its own; set $.placeboResponse instead")]
    [InlineData("""{ "treatments": { "KET": { "adverseEvents": { "Dissociation": 0.3 } } } }""", "$.treatments.KET.adverseEvents.Dissociation: not a CTCAE v5.0 term")]
    [InlineData("""{ "treatments": { "KET": { "adverseEvents": { "Dizziness": 1.5 } } } }""", "$.treatments.KET.adverseEvents.Dizziness: 1.5 is out of range (0 to 1)")]
    [InlineData("""{ "treatments": { "KET": { "dropout": -0.1 } } }""", "$.treatments.KET.dropout: -0.1 is out of range (0 to 1)")]
    [InlineData("""{ "treatments": { "KET": { "peak": 120 } } }""", "$.treatments.KET.peak: 120 is out of range (-100 to 100)")]
    [InlineData("""{ "treatments": { "KET": { "peakAt": "PT0M" } } }""", "$.treatments.KET.peakAt: PT0M is out of range (more than PT0M, at most P30D)")]
    [InlineData("""{ "treatments": { "KET": { "halfLife": "4 hours" } } }""", "$.treatments.KET.halfLife: expected an ISO 8601 duration such as \"PT40M\"")]
    [InlineData("""{ "baseline": { "mean": 140 } }""", "$.baseline.mean: 140 is out of range (0 to 100)")]
    [InlineData("""{ "baseline": { "sd": "12" } }""", "$.baseline.sd: expected a number")]
    [InlineData("""{ "withinSubjectSd": -1 }""", "$.withinSubjectSd: -1 is out of range (0 to 50)")]
    [InlineData("""{ "periodEffect": 80 }""", "$.periodEffect: 80 is out of range (-50 to 50)")]
    [InlineData("""{ "format": "trialops.demo-effects/2" }""", "$.format: must be \"trialops.demo-effects/1\"")]
    [InlineData("""{ "periodEffect": 1, "periodEffect": 2 }""", "$.periodEffect: given twice")]
    [InlineData("""[1, 2]""", "$: expected an object")]
    [InlineData("""{ "baseline": { "mean": 60 """, "$: not valid JSON (line 1")]
    public void a_wrong_file_is_refused_naming_the_field(string json, string problem)
    {
        var parsed = DemoEffectsFile.Parse(Encoding.UTF8.GetBytes(json), Ket);

        Assert.Null(parsed.Effects);
        Assert.Contains(parsed.Problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void every_problem_of_a_file_is_reported_at_once()
    {
        var parsed = DemoEffectsFile.Parse(Encoding.UTF8.GetBytes("""{ "withinSubjectSd": 99, "treatments": { "XYZ": {} }, "extra": true }"""), Ket);

        Assert.Equal(3, parsed.Problems.Count);
    }

    private static DemoEffects Parse(string json, ProtocolDefinition protocol)
    {
        var parsed = DemoEffectsFile.Parse(Encoding.UTF8.GetBytes(json), protocol);
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));
        return parsed.Effects!;
    }
}
