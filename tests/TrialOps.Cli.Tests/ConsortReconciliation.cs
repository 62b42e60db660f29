using System.Text.Json;
using TrialOps.Cdisc;

namespace TrialOps.Cli.Tests;

/// <summary>
/// The CONSORT counts of an analysis (analysis.json, and the numbers drawn in consort.svg) against
/// counts taken directly from the CSV files of the export it was derived from: DM for screening,
/// ADSL and SE for allocation and each period's treatment, ADSL and DS for discontinuation with
/// its reason, by sequence and by period.
/// </summary>
public static class ConsortReconciliation
{
    public static void Reconciles(string analysisFolder)
    {
        var export = Path.Combine(analysisFolder, "export");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(analysisFolder, "analysis.json")));
        var consort = json.RootElement.GetProperty("consort");
        var svg = File.ReadAllText(Path.Combine(analysisFolder, "consort.svg"));
        var dm = Table(export, "dm.csv");
        var adsl = Table(export, "adsl.csv");
        var se = Table(export, "se.csv");
        var ds = Table(export, "ds.csv");

        // Enrolment: everyone in DM was screened; those without an arm were not randomized, for DM's reason.
        Assert.Equal(dm.Count, consort.GetProperty("screened").GetInt32());
        Assert.Equal(adsl.Count, consort.GetProperty("randomized").GetInt32());
        Assert.Equal(
            dm.Where(r => r["ARMCD"].Length == 0).Count(),
            consort.GetProperty("excluded").EnumerateArray().Sum(e => e.GetProperty("count").GetInt32()));
        Assert.Equal(
            dm.Count(r => r["ARMCD"].Length == 0 && r["ARMNRS"] == "SCREEN FAILURE"),
            consort.GetProperty("excluded").EnumerateArray().Where(e => e.GetProperty("reason").GetString() == "Screen failure").Sum(e => e.GetProperty("count").GetInt32()));

        Assert.Equal(dm.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), DrawnAfter(svg, ">Assessed for eligibility<"));
        Assert.Equal(adsl.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), DrawnAfter(svg, ">Randomized<"));

        var sequenceOf = dm.Where(r => r["ARMCD"].Length > 0).ToDictionary(r => r["USUBJID"], r => r["ARMCD"]);
        var sequences = consort.GetProperty("sequences").EnumerateArray().ToArray();
        Assert.Equal(adsl.Select(r => r["TRTSEQP"]).Distinct().Order(StringComparer.Ordinal), sequences.Select(s => s.GetProperty("sequence").GetString()!));
        var discontinuedByDs = ds
            .Where(r => r["DSCAT"] == "DISPOSITION EVENT" && r["DSDECOD"] is not ("COMPLETED" or "SCREEN FAILURE"))
            .ToDictionary(r => r["USUBJID"], r => r["DSDECOD"]);
        foreach (var sequence in sequences)
        {
            var code = sequence.GetProperty("sequence").GetString()!;
            var subjects = adsl.Where(r => r["TRTSEQP"] == code).ToArray();
            Assert.Equal(subjects.Length, sequence.GetProperty("allocated").GetInt32());
            Assert.Equal(subjects.Length, sequenceOf.Count(s => s.Value == code));
            Assert.Equal(subjects.Count(r => r["FASFL"] == "Y"), sequence.GetProperty("analysed").GetInt32());
            Assert.Equal(subjects.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), DrawnAfter(svg, $">Allocated to sequence {code}<"));

            var periods = sequence.GetProperty("periods").EnumerateArray().ToArray();
            foreach (var period in periods)
            {
                var p = period.GetProperty("period").GetInt32();
                var xx = p.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                var received = subjects.Count(r => r[$"TR{xx}A"].Length > 0);
                Assert.Equal(received, period.GetProperty("received").GetInt32());
                // SE: an element in the period's treatment epoch for each subject of the sequence who received it.
                Assert.Equal(received, se.Where(r => r["EPOCH"] == $"TREATMENT {p}" && sequenceOf.GetValueOrDefault(r["USUBJID"]) == code).Select(r => r["USUBJID"]).Distinct().Count());

                // Who stopped after this period's dose: ADSL's DCSREAS, and DS's disposition event for the same subjects.
                var stopped = subjects.Where(r => r["EOSSTT"] == "DISCONTINUED" && LastReceived(r, periods.Length) == p).ToArray();
                var counted = Reasons(period.GetProperty("discontinuedInPeriod")).Concat(Reasons(period.GetProperty("discontinuedInWashoutAfter")))
                    .Where(r => !r.Reason.EndsWith("(before the first dose)", StringComparison.Ordinal))
                    .GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
                var expected = stopped.GroupBy(r => r["DCSREAS"]).ToDictionary(g => g.Key, g => g.Count());
                Assert.Equal(expected.OrderBy(e => e.Key), counted.OrderBy(e => e.Key));
                Assert.Equal(
                    stopped.GroupBy(r => discontinuedByDs[r["USUBJID"]]).ToDictionary(g => g.Key, g => g.Count()).OrderBy(e => e.Key),
                    counted.OrderBy(e => e.Key));
                var inWashout = stopped.Count(r => r[$"TR{xx}EDTM"].Length > 0 && p < periods.Length);
                Assert.Equal(inWashout, Reasons(period.GetProperty("discontinuedInWashoutAfter")).Sum(r => r.Count));
            }
        }

        // Every discontinuation in DS of a randomized subject is somewhere in the flow.
        var randomizedDiscontinued = discontinuedByDs.Keys.Count(sequenceOf.ContainsKey);
        var inFlow = sequences.SelectMany(s => s.GetProperty("periods").EnumerateArray())
            .Sum(p => Reasons(p.GetProperty("discontinuedInPeriod")).Concat(Reasons(p.GetProperty("discontinuedInWashoutAfter"))).Sum(r => r.Count));
        Assert.Equal(randomizedDiscontinued, inFlow);
    }

    /// <summary>The count drawn in the box line after <paramref name="label"/>: its "(n = …)".</summary>
    private static string DrawnAfter(string svg, string label)
    {
        var at = svg.IndexOf(label, StringComparison.Ordinal);
        Assert.True(at >= 0, $"consort.svg has no {label}");
        var match = System.Text.RegularExpressions.Regex.Match(svg[at..], @"\(n = (\d+)\)");
        Assert.True(match.Success, $"consort.svg has no count after {label}");
        return match.Groups[1].Value;
    }

    private static int LastReceived(Dictionary<string, string> adsl, int periods) =>
        Enumerable.Range(1, periods).Where(p => adsl[$"TR{p:00}A"].Length > 0).DefaultIfEmpty(0).Max();

    private static IEnumerable<(string Reason, int Count)> Reasons(JsonElement list) =>
        list.EnumerateArray().Select(r => (r.GetProperty("reason").GetString()!, r.GetProperty("count").GetInt32()));

    private static List<Dictionary<string, string>> Table(string folder, string file)
    {
        var rows = CsvReader.Read(File.ReadAllText(Path.Combine(folder, file)));
        var header = rows[0];
        return rows.Skip(1).Select(r => header.Select((name, i) => (name, value: r[i])).ToDictionary(c => c.name, c => c.value, StringComparer.Ordinal)).ToList();
    }
}
