using TrialOps.Dosing;
using TrialOps.Protocols;
using TrialOps.Tests.Protocols;

namespace TrialOps.Tests.Dosing;

/// <summary>Doses from the trials in DOMAIN.md, worked by hand.</summary>
public class DoseCalculatorTests
{
    private static readonly DoseUnit MgPerKg = new(AmountUnit.Mg, PerKilogram: true);
    private static readonly DoseUnit UgPerKg = new(AmountUnit.Ug, PerKilogram: true);
    private static readonly DoseUnit MmolPerKg = new(AmountUnit.Mmol, PerKilogram: true);

    [Fact]
    public void a_bolus_of_0_15_mg_per_kg_over_10_minutes_for_70_kg_is_10_5_mg_at_63_mg_per_hour()
    {
        var dose = DoseCalculator.Calculate(TreatmentOf(new Bolus(0.15m, MgPerKg, 10)), 70m);

        var bolus = Assert.Single(dose.Components);
        Assert.Equal(10.5m, bolus.Amount);
        Assert.Equal(AmountUnit.Mg, bolus.Unit);
        Assert.Equal(TimeSpan.FromMinutes(10), bolus.Duration);
        Assert.Equal(63m, bolus.RatePerHour);
        Assert.Equal(1.05m, bolus.RatePerMinute);
        Assert.Null(bolus.VolumeMl);
        Assert.Equal(10.5m, dose.Total);
        Assert.False(dose.Capped);
    }

    [Fact]
    public void an_infusion_of_250_ug_per_kg_over_5_minutes_for_64_kg_is_16000_ug_at_3200_ug_per_minute()
    {
        var dose = DoseCalculator.Calculate(TreatmentOf(new InfusionOfAmount(250m, UgPerKg, 5)), 64m);

        var infusion = Assert.Single(dose.Components);
        Assert.Equal(16000m, infusion.Amount);
        Assert.Equal(AmountUnit.Ug, dose.Unit);
        Assert.Equal(3200m, infusion.RatePerMinute);
        Assert.Equal(192000m, infusion.RatePerHour);
        Assert.Equal(TimeSpan.FromMinutes(5), dose.Duration);
    }

    [Fact]
    public void magnesium_chloride_0_16_mmol_per_kg_bolus_then_0_16_mmol_per_kg_per_hour_adds_up_in_mmol()
    {
        var treatment = TreatmentOf(
            new Bolus(0.16m, MmolPerKg, 10),
            new InfusionAtRate(0.16m, new RateUnit(MmolPerKg, RateTimeBase.Hour), 30));

        var dose = DoseCalculator.Calculate(treatment, 75m);

        Assert.Equal(AmountUnit.Mmol, dose.Unit);
        Assert.Equal([12m, 6m], dose.Components.Select(c => c.Amount));
        Assert.Equal(12m, dose.Components[1].RatePerHour);
        Assert.Equal(0.2m, dose.Components[1].RatePerMinute);
        Assert.Equal(18m, dose.Total);
        Assert.Equal(TimeSpan.FromMinutes(40), dose.Duration);
    }

    [Fact]
    public void ketamine_0_2_mg_per_kg_over_10_minutes_then_0_3_mg_per_kg_per_hour_for_60_minutes_for_70_kg_is_35_mg()
    {
        var treatment = TreatmentOf(
            new Bolus(0.2m, MgPerKg, 10),
            new InfusionAtRate(0.3m, new RateUnit(MgPerKg, RateTimeBase.Hour), 60));

        var dose = DoseCalculator.Calculate(treatment, 70m);

        var (bolus, infusion) = (dose.Components[0], dose.Components[1]);
        Assert.Equal((1, 14m, 84m, 1.4m), (bolus.Order, bolus.Amount, bolus.RatePerHour, bolus.RatePerMinute));
        Assert.Equal((2, 21m, 21m, 0.35m), (infusion.Order, infusion.Amount, infusion.RatePerHour, infusion.RatePerMinute));
        Assert.Equal(TimeSpan.FromMinutes(60), infusion.Duration);
        Assert.Equal(35m, dose.Total);
        Assert.Equal(TimeSpan.FromMinutes(70), dose.Duration);
    }

    [Fact]
    public void a_fixed_dose_of_10_mg_morphine_does_not_depend_on_weight()
    {
        var treatment = TreatmentOf(new Bolus(10m, new DoseUnit(AmountUnit.Mg, PerKilogram: false), 5));

        Assert.Equal(10m, DoseCalculator.Calculate(treatment, 52m).Total);
        Assert.Equal(10m, DoseCalculator.Calculate(treatment, 118m).Total);
        Assert.Equal(2m, DoseCalculator.Calculate(treatment, 80m).Components[0].RatePerMinute);
    }

    [Fact]
    public void a_push_over_0_minutes_has_no_rate()
    {
        var dose = DoseCalculator.Calculate(TreatmentOf(new Bolus(0.15m, MgPerKg, 0)), 80m);

        var push = Assert.Single(dose.Components);
        Assert.Equal(12m, push.Amount);
        Assert.Equal(TimeSpan.Zero, push.Duration);
        Assert.Null(push.RatePerHour);
        Assert.Null(push.RatePerMinute);
    }

    [Fact]
    public void a_rate_per_minute_of_5_ug_per_kg_per_minute_for_20_minutes_for_70_kg_is_7000_ug()
    {
        var treatment = TreatmentOf(new InfusionAtRate(5m, new RateUnit(UgPerKg, RateTimeBase.Minute), 20));

        var infusion = Assert.Single(DoseCalculator.Calculate(treatment, 70m).Components);

        Assert.Equal(7000m, infusion.Amount);
        Assert.Equal(350m, infusion.RatePerMinute);
        Assert.Equal(21000m, infusion.RatePerHour);
    }

    [Fact]
    public void ketamine_0_5_mg_per_kg_over_40_minutes_is_not_capped_at_80_kg()
    {
        var dose = DoseCalculator.Calculate(ProtocolFixtures.Ket.Treatment("KET"), 80m);

        Assert.Equal(40m, dose.Total);
        Assert.Equal(40m, dose.UncappedTotal);
        Assert.False(dose.Capped);
        Assert.Equal(60m, dose.Components[0].RatePerHour);
    }

    [Fact]
    public void ketamine_0_5_mg_per_kg_for_a_120_kg_participant_is_capped_at_50_mg_and_says_so()
    {
        var dose = DoseCalculator.Calculate(ProtocolFixtures.Ket.Treatment("KET"), 120m);

        Assert.True(dose.Capped);
        Assert.Equal(50m, dose.Total);
        Assert.Equal(60m, dose.UncappedTotal);
        Assert.Equal(new DoseAmount(50m, AmountUnit.Mg), dose.Cap);
        var infusion = Assert.Single(dose.Components);
        Assert.Equal((50m, 60m), (infusion.Amount, infusion.UncappedAmount));
        Assert.Equal(TimeSpan.FromMinutes(40), infusion.Duration);
        Assert.Equal(75m, infusion.RatePerHour);
        Assert.Equal(1.25m, infusion.RatePerMinute);
    }

    [Fact]
    public void a_cap_scales_every_component_alike_and_keeps_every_duration()
    {
        var treatment = TreatmentOf(
            new DoseAmount(30m, AmountUnit.Mg),
            new Bolus(0.2m, MgPerKg, 10),
            new InfusionAtRate(0.3m, new RateUnit(MgPerKg, RateTimeBase.Hour), 60));

        var dose = DoseCalculator.Calculate(treatment, 100m);

        Assert.True(dose.Capped);
        Assert.Equal(50m, dose.UncappedTotal);
        Assert.Equal([20m, 30m], dose.Components.Select(c => c.UncappedAmount));
        Assert.Equal([12m, 18m], dose.Components.Select(c => c.Amount));
        Assert.Equal(30m, dose.Total);
        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(60)], dose.Components.Select(c => c.Duration));
        Assert.Equal(18m, dose.Components[1].RatePerHour);
    }

    [Fact]
    public void a_capped_total_is_exactly_the_cap_even_when_the_factor_does_not_divide_evenly()
    {
        var treatment = TreatmentOf(
            new DoseAmount(10m, AmountUnit.Mg),
            new Bolus(0.1m, MgPerKg, 3),
            new InfusionOfAmount(0.1m, MgPerKg, 7),
            new InfusionOfAmount(0.1m, MgPerKg, 11));

        var dose = DoseCalculator.Calculate(treatment, 70m);

        Assert.Equal(10m, dose.Total);
        Assert.Equal(21m, dose.UncappedTotal);
        Assert.All(dose.Components, c => Assert.InRange(c.Amount, 3.3333m, 3.3334m));
    }

    [Fact]
    public void a_dose_exactly_at_the_cap_is_not_capped()
    {
        var dose = DoseCalculator.Calculate(ProtocolFixtures.Ket.Treatment("KET"), 100m);

        Assert.Equal(50m, dose.Total);
        Assert.False(dose.Capped);
    }

    [Fact]
    public void a_placebo_in_mL_per_kg_gives_the_volume_to_draw_up()
    {
        var dose = DoseCalculator.Calculate(ProtocolFixtures.Ket.Treatment("PBO"), 72.4m);

        Assert.Equal(AmountUnit.ML, dose.Unit);
        Assert.Equal(36.2m, dose.Components[0].VolumeMl);
        Assert.Equal(36.2m, dose.TotalVolumeMl);
        Assert.Equal(54.3m, dose.Components[0].RatePerHour);
    }

    [Fact]
    public void amounts_stay_exact_and_are_rounded_only_for_display()
    {
        var dose = DoseCalculator.Calculate(TreatmentOf(new InfusionOfAmount(0.15m, MgPerKg, 7)), 71.3m);

        Assert.Equal(10.695m, dose.Total);
        Assert.Equal("10.7 mg", DoseDisplay.Amount(dose.Total, dose.Unit));
        Assert.Equal("1.53 mg/min", DoseDisplay.Rate(dose.Components[0].RatePerMinute!.Value, dose.Unit, RateTimeBase.Minute));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-70)]
    public void a_weight_that_is_not_positive_is_refused(decimal weightKg)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DoseCalculator.Calculate(ProtocolFixtures.Ket.Treatment("KET"), weightKg));
    }

    private static Treatment TreatmentOf(params DoseComponent[] components) => TreatmentOf(null, components);

    private static Treatment TreatmentOf(DoseAmount? maxTotal, params DoseComponent[] components) =>
        new("TRT", "Test treatment", false, "INTRAVENOUS", components, maxTotal);
}
