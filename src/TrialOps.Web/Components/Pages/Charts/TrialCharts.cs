using System.Globalization;
using TrialOps.Analysis;
using TrialOps.Participants;
using TrialOps.Web.Components.Pages.Dashboard;
using TrialOps.Web.Components.Pages.Trials;

namespace TrialOps.Web.Components.Pages.Charts;

/// <summary>The trial's charts from the read models: counts and pooled means for blinded viewers, treatments only in a chart built from an unblinded read.</summary>
public static class TrialCharts
{
    /// <summary>
    /// Randomized participants so far by site (and in all), week by week from the first
    /// randomization to <paramref name="now"/>, against the protocol's target when the viewer has
    /// every site (a site's share is not the target). Counts only: no allocation in them.
    /// </summary>
    public static ChartModel? Enrolment(IReadOnlyList<ParticipantSummary> participants, IReadOnlyList<string> sites, int target, bool wholeTrial, DateTimeOffset now)
    {
        var randomized = participants.Where(p => p.RandomizedAt is not null).Select(p => (p.Site, At: p.RandomizedAt!.Value.UtcDateTime)).ToArray();
        if (randomized.Length == 0)
        {
            return null;
        }

        var first = randomized.Min(r => r.At).Date;
        var start = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        var end = new[] { now.UtcDateTime.Date, randomized.Max(r => r.At).Date }.Max();
        var weeks = (int)((end - start).TotalDays / 7) + 1;
        var step = Math.Max(1, (int)Math.Ceiling(weeks / 26.0));
        var cuts = Enumerable.Range(1, (weeks + step - 1) / step).Select(i => start.AddDays(7 * step * i)).ToArray();
        var categories = cuts.Select(c => c.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        var series = sites.Select(site => new ChartSeries(site, cuts.Select(c => (double?)randomized.Count(r => r.Site == site && r.At < c)).ToArray()))
            .Append(new ChartSeries(wholeTrial ? TrialProgress.AllSitesLabel : TrialProgress.YourSitesLabel, cuts.Select(c => (double?)randomized.Count(r => r.At < c)).ToArray()))
            .ToArray();
        var total = randomized.Length;
        return new ChartModel(
            "chart-enrolment",
            "Enrolment over time",
            wholeTrial
                ? $"Randomized participants so far, by site and in all, {(step == 1 ? "week by week" : $"every {step} weeks")}; {total} of the target of {target} by now."
                : $"Randomized participants so far at your sites, by site and in all, {(step == 1 ? "week by week" : $"every {step} weeks")}; {total} by now.",
            step == 1 ? "Week ending" : "Period ending",
            "Participants randomized",
            categories,
            series,
            wholeTrial ? target : null,
            wholeTrial ? $"Target {target}" : null,
            ValueFormat: "0");
    }

    /// <summary>Participants who completed each period's dosing, next to those randomized (counts only).</summary>
    public static ChartModel Progress(IReadOnlyList<PeriodProgress> periods) =>
        new(
            "chart-progress",
            "Progress by period",
            string.Join("; ", periods.Select(p => $"period {p.Period}: {p.Dosed} of {p.Randomized} randomized completed dosing")) is { Length: > 0 } text ? $"Participants who completed each period's dosing: {text}." : "No period yet.",
            "Period",
            "Participants",
            periods.Select(p => $"Period {p.Period}").ToArray(),
            [
                new ChartSeries("Completed dosing", periods.Select(p => (double?)p.Dosed).ToArray()),
                new ChartSeries("Randomized", periods.Select(p => (double?)p.Randomized).ToArray()),
            ],
            ValueFormat: "0");

    /// <summary>The primary scale's means over time: by treatment (unblinded read) or pooled by period.</summary>
    public static ChartModel PrimaryScale(PrimaryScaleChart chart)
    {
        var unit = TrialText.Unit(chart.Unit);
        var label = string.IsNullOrWhiteSpace(unit) ? chart.ScaleLabel : $"{chart.ScaleLabel} ({chart.Unit})";
        var n = chart.Means.Sum(m => m.N);
        return new ChartModel(
            "chart-primary-scale",
            chart.ByTreatment ? $"Mean {chart.ScaleLabel} over time by treatment" : $"Mean {chart.ScaleLabel} over time by period, pooled",
            chart.ByTreatment
                ? $"Mean {chart.ScaleLabel} at each time point after dosing start, one line per treatment, from {n} recorded values."
                : $"Mean {chart.ScaleLabel} at each time point after dosing start, one line per period, every participant of the period pooled together, from {n} recorded values.",
            "Time after dosing start",
            label,
            chart.Timepoints.Select(t => t is "PT0M" or "PT0S" or "PT0H" ? "pre-dose" : TrialText.Timepoint(t)).ToArray(),
            chart.Groups.Select(g => new ChartSeries(g, chart.Timepoints.Select(t => chart.Mean(g, t)?.Mean).ToArray())).ToArray(),
            YMin: (double?)chart.Minimum,
            YMax: (double?)chart.Maximum,
            ValueFormat: "0.#");
    }
}
