using System.Globalization;
using System.Text;
using TrialOps.Analysis;

namespace TrialOps.Tests.Analysis;

/// <summary>
/// Simulated crossover trials for the R comparisons: a subject level, a treatment effect, a period
/// effect, a period baseline that the value partly follows, and within-subject noise, all from a
/// seed. Values are rounded to one decimal, as a pain scale records them, and the CSV holds exactly
/// the numbers C# analyses.
/// </summary>
internal static class CrossoverData
{
    public const string Placebo = "PBO";

    /// <param name="sequences">Treatments by period, one array per sequence.</param>
    /// <param name="missing">(subject number, period) pairs without a value, for incomplete designs.</param>
    public static IReadOnlyList<ScaleObservation> Generate(
        int seed,
        IReadOnlyList<string[]> sequences,
        int[] subjectsPerSequence,
        IReadOnlyDictionary<string, double> treatmentEffects,
        ISet<(int Subject, int Period)>? missing = null,
        double subjectSd = 9)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var rows = new List<ScaleObservation>();
        var subjectNumber = 0;
        for (var s = 0; s < sequences.Count; s++)
        {
            var sequence = string.Concat(sequences[s].Select(t => t[0]));
            for (var i = 0; i < subjectsPerSequence[s]; i++)
            {
                subjectNumber++;
                var level = 62 + subjectSd * Normal();
                for (var period = 1; period <= sequences[s].Length; period++)
                {
                    var treatment = sequences[s][period - 1];
                    var baseline = Math.Round(level + 4 * Normal(), 1);
                    if (missing?.Contains((subjectNumber, period)) == true) continue;
                    var value = Math.Round(0.6 * baseline + 0.4 * level + treatmentEffects[treatment] + 2.5 * (period - 1) + 5 * Normal(), 1);
                    var reduction = (baseline - value) / baseline;
                    rows.Add(new ScaleObservation(
                        $"ADQS:{rows.Count + 1}",
                        $"S-{subjectNumber:D3}",
                        sequence,
                        period,
                        treatment,
                        "60 MIN",
                        60,
                        value,
                        baseline,
                        reduction >= 0.3,
                        reduction >= 0.5));
                }
            }
        }
        return rows;
    }

    public static readonly IReadOnlyList<string[]> AbBa = [["KET", Placebo], [Placebo, "KET"]];

    public static readonly IReadOnlyList<string[]> Williams3 =
    [
        ["KET", "MGC", Placebo], ["MGC", Placebo, "KET"], [Placebo, "KET", "MGC"],
        ["KET", Placebo, "MGC"], ["MGC", "KET", Placebo], [Placebo, "MGC", "KET"],
    ];

    public static IReadOnlyList<PeriodExposure> Exposure(IEnumerable<ScaleObservation> rows) =>
        rows.Select(o => new PeriodExposure($"ADSL:{o.Subject}:{o.Period}", o.Subject, o.Sequence, o.Period, o.Treatment)).ToArray();

    /// <summary>The rows a model uses, as the R script reads them.</summary>
    public static string ModelCsv(IEnumerable<ScaleObservation> rows, Func<ScaleObservation, double?> response, string control)
    {
        var csv = new StringBuilder("subject,period,treatment,control,control_name,response,baseline\n");
        foreach (var row in rows.Where(r => response(r) is not null))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{row.Subject},{row.Period},{row.Treatment},{(row.Treatment == control ? 1 : 0)},{control},{R(response(row)!.Value)},{R(row.Baseline!.Value)}\n");
        }
        return csv.ToString();
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
