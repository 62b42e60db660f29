using TrialOps.Exports.Sdtm;

namespace TrialOps.Exports.Tests;

/// <summary>The dose actually given, from the recorded times and rates (ADR 0019): pure, no store.</summary>
public sealed class ExposureAsGivenTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>KET-NP-01 at 96.5 kg: 48.25 mg in 48.25 mL over 40 min.</summary>
    private static readonly PlannedPart Infusion = new(1, false, 48.25m, 48.25m, TimeSpan.FromMinutes(40));

    private static DateTimeOffset At(double minutes) => Start.AddMinutes(minutes);

    [Fact]
    public void a_complete_session_without_changes_gives_the_planned_dose_even_when_the_stop_is_recorded_a_minute_early()
    {
        var given = ExposureAsGiven.Intervals([Infusion], Start, At(39), true, [], null);

        var only = Assert.Single(given);
        Assert.Equal((48.25m, Start, (DateTimeOffset?)At(39)), (only.Amount, only.Start, only.End));
        Assert.Empty(only.Adjustments);
    }

    [Fact]
    public void a_rate_cut_reduces_the_amount_to_what_the_recorded_rates_delivered_by_the_stop()
    {
        var given = ExposureAsGiven.Intervals([Infusion], Start, At(40), true, [new PumpChange(At(10), PumpChangeKind.RateChanged, 57.9m, "Pain at the site")], null);

        Assert.Equal(2, given.Count);
        Assert.Equal(12.0625m, given[0].Amount);
        Assert.Equal(28.95m, given[1].Amount!.Value, 10);
        Assert.Equal((57.9m, (DateTimeOffset?)At(40)), (given[1].RateMlPerHour, given[1].End));
        Assert.Equal(["Infusion rate changed to 57.9 mL/h: Pain at the site"], given[1].Adjustments);
    }

    [Fact]
    public void a_rate_cut_with_the_pump_left_running_gives_no_more_than_the_syringe_held()
    {
        var given = ExposureAsGiven.Intervals([Infusion], Start, At(90), true, [new PumpChange(At(10), PumpChangeKind.RateChanged, 36.1875m, "Nausea")], null);

        Assert.Equal(48.25m, given.Sum(g => g.Amount!.Value), 10);
        Assert.Equal(At(90), given[^1].End);
    }

    [Fact]
    public void an_interruption_splits_the_record_and_an_early_stop_says_why_on_the_last_one()
    {
        var given = ExposureAsGiven.Intervals(
            [Infusion],
            Start,
            At(30),
            false,
            [new PumpChange(At(10), PumpChangeKind.Interrupted, null, "Occluded"), new PumpChange(At(15), PumpChangeKind.Resumed, null, null)],
            "Hypertension");

        Assert.Equal([(Start, (DateTimeOffset?)At(10)), (At(15), At(30))], given.Select(g => (g.Start, g.End)));
        Assert.Equal(48.25m * 25 / 40, given.Sum(g => g.Amount!.Value), 10);
        Assert.Equal(["Resumed after an interruption: Occluded", "Dosing stopped early: Hypertension"], given[1].Adjustments);
    }

    [Fact]
    public void a_bolus_and_an_infusion_are_separate_records_and_the_infusion_starts_when_the_bolus_ends()
    {
        PlannedPart[] parts = [new(1, false, 19.3m, 19.3m, TimeSpan.FromMinutes(10)), new(2, false, 28.95m, 28.95m, TimeSpan.FromMinutes(60))];

        var given = ExposureAsGiven.Intervals(parts, Start, At(70), true, [], null);

        Assert.Equal([(1, 19.3m, Start, (DateTimeOffset?)At(10)), (2, 28.95m, At(10), At(70))], given.Select(g => (g.Component, g.Amount!.Value, g.Start, g.End)));
    }

    [Fact]
    public void a_push_is_given_whole_at_the_start()
    {
        PlannedPart[] parts = [new(1, true, 10m, null, TimeSpan.Zero), new(2, false, 30m, null, TimeSpan.FromMinutes(30))];

        var given = ExposureAsGiven.Intervals(parts, Start, At(12), false, [], "Vomiting");

        Assert.Equal([(1, 10m, Start, (DateTimeOffset?)Start), (2, 12m, Start, At(12))], given.Select(g => (g.Component, g.Amount!.Value, g.Start, g.End)));
    }

    [Fact]
    public void a_rate_in_ml_per_hour_without_a_planned_volume_leaves_the_amount_unknown_rather_than_guessed()
    {
        var noVolume = Infusion with { VolumeMl = null };

        var given = ExposureAsGiven.Intervals([noVolume], Start, At(40), true, [new PumpChange(At(10), PumpChangeKind.RateChanged, 57.9m, "Pain")], null);

        Assert.Equal(12.0625m, given[0].Amount);
        Assert.Null(given[1].Amount);
    }

    [Fact]
    public void while_the_infusion_still_runs_the_running_interval_has_no_end_and_no_amount_yet()
    {
        var given = ExposureAsGiven.Intervals([Infusion], Start, null, false, [new PumpChange(At(10), PumpChangeKind.RateChanged, 57.9m, "Pain")], null);

        Assert.Equal(12.0625m, given[0].Amount);
        Assert.Equal((null, (DateTimeOffset?)null), (given[^1].Amount, given[^1].End));
    }

    [Fact]
    public void an_absurdly_slow_rate_gives_almost_nothing_and_never_overflows_the_clock()
    {
        var given = ExposureAsGiven.Intervals([Infusion], Start, At(40), true, [new PumpChange(At(10), PumpChangeKind.RateChanged, 0.0000000001m, "Typing error")], null);

        Assert.Equal(12.0625m, given.Sum(g => g.Amount!.Value), 6);
        Assert.Equal(At(40), given[^1].End);
    }
}
