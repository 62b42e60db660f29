using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using TrialOps.Analysis;
using TrialOps.Analysis.Rendering;
using static TrialOps.Tests.Analysis.CrossoverData;

namespace TrialOps.Tests.Analysis;

/// <summary>
/// Issue 12, items 2 and 3: analysis.json holds every number with its method, n and rows;
/// report.html and consort.svg are well-formed, self-contained and show the numbers; the same rows
/// give the same bytes.
/// </summary>
public class AnalysisFilesTests
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    private static ConsortCounts Consort() => new(
        40,
        [new ReasonCount("Did not meet inclusion criteria", 6), new ReasonCount("Declined to participate", 2)],
        32,
        [
            new SequenceFlow("KP", 16, [
                new PeriodFlow(1, "KET", 16, [new ReasonCount("Adverse event", 1)], [new ReasonCount("Withdrawal by subject", 1)]),
                new PeriodFlow(2, Placebo, 14, [], []),
            ], 14, [new ReasonCount("No period 2 value", 2)]),
            new SequenceFlow("PK", 16, [
                new PeriodFlow(1, Placebo, 16, [], [new ReasonCount("Lost to follow-up", 1)]),
                new PeriodFlow(2, "KET", 15, [new ReasonCount("Lack of efficacy", 2)], []),
            ], 13, []),
        ]);

    private static AnalysisInput AbBaInput()
    {
        var rows = new List<ScaleObservation>();
        foreach (var (time, order, shift) in new[] { ("PRE", 0.0, 14.0), ("30 MIN", 30.0, 4.0), ("60 MIN", 60.0, 0.0) })
        {
            rows.AddRange(Generate(31, AbBa, [8, 8], new Dictionary<string, double> { ["KET"] = -13, [Placebo] = 0 })
                .Select(o => o with { RowId = $"ADQS:{time}:{o.RowId}", TimePoint = time, TimePointOrder = order, Value = o.Value + shift }));
        }
        var exposure = Exposure(rows.Where(o => o.TimePoint == "60 MIN"));
        AdverseEventRow[] events =
        [
            new("ADAE:1", "S-001", "KET", 1, "Dissociation", true),
            new("ADAE:2", "S-001", "KET", 1, "Dizziness", false),
            new("ADAE:3", "S-002", "KET", 1, "Hallucinations", true),
            new("ADAE:4", "S-010", "KET", 2, "Dissociation", true),
            new("ADAE:5", "S-011", Placebo, 1, "Headache", false),
            new("ADAE:6", "S-003", null, null, "Headache", false),
        ];
        return new AnalysisInput("KET-NP-01", "export 7 at position 1234 (manifest sha256 abc)", Placebo,
            [new EndpointInput("PAIN", "Pain intensity (VAS, mm)", "60 MIN", AnalysisVariable.Value, false, rows)], exposure, events, Consort());
    }

    private static string Written(AnalysisInput input, out AnalysisResult result)
    {
        var directory = Directory.CreateTempSubdirectory("trialops-analysis-").FullName;
        result = AnalysisFiles.Write(input, directory);
        return directory;
    }

    private static XDocument LoadXml(string path)
    {
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    [Fact]
    public void analysis_json_holds_every_estimate_with_method_n_and_rows()
    {
        var directory = Written(AbBaInput(), out var result);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, AnalysisJson.FileName)));
            var root = json.RootElement;
            Assert.Equal(AnalysisJson.FormatVersion, root.GetProperty("format").GetString());
            var endpoint = root.GetProperty("endpoints")[0];
            var treatment = endpoint.GetProperty("hillsArmitage")[0].GetProperty("treatmentEffect");
            Assert.Equal(result.Endpoints[0].HillsArmitage[0].TreatmentEffect.Estimate, treatment.GetProperty("estimate").GetDouble());
            Assert.Equal(HillsArmitage.TreatmentMethod, treatment.GetProperty("method").GetString());
            Assert.Equal(16, treatment.GetProperty("n").GetInt32());
            Assert.Equal(32, treatment.GetProperty("rows").GetArrayLength());
            Assert.All(treatment.GetProperty("rows").EnumerateArray(), row => Assert.StartsWith("ADQS:60 MIN:", row.GetString(), StringComparison.Ordinal));

            var comparison = endpoint.GetProperty("mixedModel").GetProperty("comparisons")[0];
            Assert.Equal("KET", comparison.GetProperty("treatment").GetString());
            Assert.Equal(result.Endpoints[0].MixedModel!.Comparisons[0].Lower, comparison.GetProperty("lower").GetDouble());
            Assert.Equal(MixedModel.DegreesOfFreedom, endpoint.GetProperty("mixedModel").GetProperty("degreesOfFreedomMethod").GetString());

            var responder = endpoint.GetProperty("responders")[0];
            Assert.Equal(PairedProportions.McNemarMethod, responder.GetProperty("mcNemarMethod").GetString());
            Assert.Equal(16, responder.GetProperty("n").GetInt32());
            Assert.True(responder.GetProperty("numberNeeded").TryGetProperty("estimable", out _));

            var harm = root.GetProperty("harms")[0];
            Assert.Equal(3, harm.GetProperty("treatmentOnly").GetInt32());
            Assert.Equal("NNH", harm.GetProperty("numberNeeded").GetProperty("kind").GetString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void report_is_well_formed_self_contained_and_shows_the_numbers()
    {
        var directory = Written(AbBaInput(), out var result);
        try
        {
            var html = File.ReadAllText(Path.Combine(directory, AnalysisReport.FileName));
            var document = LoadXml(Path.Combine(directory, AnalysisReport.FileName));
            Assert.Equal(Xhtml + "html", document.Root!.Name);
            Assert.Empty(document.Descendants(Xhtml + "script"));
            Assert.DoesNotContain(document.Descendants(), e => e.Attribute("src") is not null || e.Name == Xhtml + "link");
            Assert.Contains("@media print", html, StringComparison.Ordinal);
            // Means over time, paired lines (treatment vs control, period 1 vs 2), responder bars and the CONSORT flow, inline.
            Assert.Equal(5, document.Descendants(SvgNs + "svg").Count());
            Assert.Contains(document.Descendants(SvgNs + "title"), t => t.Value.EndsWith("each subject on Period 1 and on Period 2", StringComparison.Ordinal));

            var effect = result.Endpoints[0].HillsArmitage[0].TreatmentEffect;
            var cells = document.Descendants(Xhtml + "td").Select(td => td.Value).ToArray();
            Assert.Contains(Format.Number(effect.Estimate, 2), cells);
            Assert.Contains($"{Format.Number(effect.Lower, 2)} to {Format.Number(effect.Upper, 2)}", cells);
            var model = result.Endpoints[0].MixedModel!.Comparisons[0];
            Assert.Contains($"{Format.Number(model.Lower, 2)} to {Format.Number(model.Upper, 2)}", cells);
            Assert.Contains(result.Harms[0].NumberNeeded.Statement, cells);
            // AE counts: KET period 1 has two subjects with three events (the pre-dose AE counts nowhere).
            Assert.Contains("2 / 8 (3)", cells);
            Assert.Contains("1 / 8 (1)", cells);
            // Every figure keeps its marks inside the plot: the axis covers the data.
            foreach (var figure in document.Descendants(SvgNs + "svg"))
            {
                var height = double.Parse(((string)figure.Attribute("viewBox")!).Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);
                var ys = figure.Descendants().SelectMany(e => e.Attributes().Where(a => a.Name.LocalName is "y" or "y1" or "y2" or "cy"))
                    .Select(a => double.Parse(a.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                Assert.NotEmpty(ys);
                Assert.All(ys, y => Assert.InRange(y, 0, height));
            }
            var plotTop = document.Descendants(SvgNs + "svg").Take(3)
                .SelectMany(f => f.Descendants(SvgNs + "circle").Select(c => double.Parse((string)c.Attribute("cy")!, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.All(plotTop, y => Assert.InRange(y, 36, 360 - 56));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void consort_svg_is_well_formed_and_shows_every_count_and_reason()
    {
        var directory = Written(AbBaInput(), out _);
        try
        {
            var svg = LoadXml(Path.Combine(directory, ConsortDiagram.FileName));
            Assert.Equal(SvgNs + "svg", svg.Root!.Name);
            var texts = svg.Descendants(SvgNs + "text").Select(t => t.Value).ToArray();
            Assert.Contains("(n = 40)", texts);
            Assert.Contains("Excluded (n = 8)", texts);
            Assert.Contains("- Did not meet inclusion criteria (n = 6)", texts);
            Assert.Contains("Allocated to sequence KP", texts);
            Assert.Contains("Period 2: received KET", texts);
            Assert.Contains("Discontinued in washout 1-2 (n = 1)", texts);
            Assert.Contains("- Lost to follow-up (n = 1)", texts);
            Assert.Contains("Discontinued in period 2 (n = 2)", texts);
            Assert.Contains("Analysed (n = 13)", texts);
            Assert.Contains("- No period 2 value (n = 2)", texts);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void the_same_rows_give_the_same_bytes()
    {
        var first = Written(AbBaInput(), out _);
        var second = Written(AbBaInput(), out _);
        try
        {
            foreach (var file in new[] { AnalysisJson.FileName, AnalysisReport.FileName, ConsortDiagram.FileName })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
            }
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public void williams_report_has_a_paired_figure_per_treatment_and_six_sequence_columns()
    {
        var rows = Generate(5, Williams3, [2, 2, 2, 2, 2, 2], new Dictionary<string, double> { ["KET"] = -15, ["MGC"] = -4, [Placebo] = 0 });
        var consort = new ConsortCounts(14, [], 12, Williams3.Select(s => new SequenceFlow(
            string.Concat(s.Select(t => t[0])), 2, s.Select((t, i) => new PeriodFlow(i + 1, t, 2, [], [])).ToArray(), 2, [])).ToArray());
        var input = new AnalysisInput("KET-MG-02", "test rows", Placebo,
            [new EndpointInput("PAIN", "Pain (NRS)", "60 MIN", AnalysisVariable.Change, true, rows)], Exposure(rows), [], consort);

        var directory = Written(input, out var result);
        try
        {
            var document = LoadXml(Path.Combine(directory, AnalysisReport.FileName));
            // Means, two paired-line figures (KET, MGC against placebo), bars, CONSORT.
            Assert.Equal(5, document.Descendants(SvgNs + "svg").Count());
            Assert.Empty(result.Endpoints[0].HillsArmitage);
            Assert.Equal(2, result.Endpoints[0].MixedModel!.Comparisons.Count);
            var svg = LoadXml(Path.Combine(directory, ConsortDiagram.FileName));
            Assert.Equal(6, svg.Descendants(SvgNs + "text").Count(t => t.Value.StartsWith("Allocated to sequence", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void degenerate_rows_are_reported_as_not_done_instead_of_failing()
    {
        ScaleObservation Row(int id, string subject, string sequence, int period, string treatment, double? value) =>
            new($"ADQS:{id}", subject, sequence, period, treatment, "60 MIN", 60, value, 50, value is null ? null : value <= 35, value is null ? null : value <= 25);
        ScaleObservation[] constant =
        [
            Row(1, "S-001", "KP", 1, "KET", 40), Row(2, "S-001", "KP", 2, Placebo, 40),
            Row(3, "S-002", "KP", 1, "KET", 40), Row(4, "S-002", "KP", 2, Placebo, 40),
            Row(5, "S-003", "PK", 1, Placebo, 40), Row(6, "S-003", "PK", 2, "KET", 40),
        ];
        ScaleObservation[] single = [Row(7, "S-004", "KP", 1, "KET", 30), Row(8, "S-004", "KP", 2, Placebo, null)];
        var input = new AnalysisInput("KET-NP-01", "test rows", Placebo,
        [
            new EndpointInput("CONST", "Constant", "60 MIN", AnalysisVariable.Value, false, constant),
            new EndpointInput("SINGLE", "One subject", "60 MIN", AnalysisVariable.Change, true, single),
            new EndpointInput("EMPTY", "No rows", "60 MIN", AnalysisVariable.Value, false, []),
        ], [], [], new ConsortCounts(0, [], 0, []));

        var directory = Written(input, out var result);
        try
        {
            var constantResult = result.Endpoints[0];
            Assert.Equal(0, constantResult.HillsArmitage[0].TreatmentEffect.Estimate);
            Assert.True(double.IsNaN(constantResult.HillsArmitage[0].TreatmentEffect.P));
            Assert.All(result.Endpoints.Skip(1), e => Assert.Null(e.MixedModel));
            Assert.All(result.Endpoints.Skip(1), e => Assert.Contains(e.NotDone, line => line.StartsWith("Mixed model:", StringComparison.Ordinal)));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, AnalysisJson.FileName)));
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("endpoints")[0].GetProperty("hillsArmitage")[0].GetProperty("treatmentEffect").GetProperty("p").ValueKind);
            Assert.Equal(Xhtml + "html", LoadXml(Path.Combine(directory, AnalysisReport.FileName)).Root!.Name);
            Assert.Equal(SvgNs + "svg", LoadXml(Path.Combine(directory, ConsortDiagram.FileName)).Root!.Name);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void a_stored_analysis_json_reads_back_into_the_same_numbers_and_another_format_is_not_read()
    {
        var directory = Written(AbBaInput(), out var result);
        try
        {
            var stored = File.ReadAllText(Path.Combine(directory, AnalysisJson.FileName));

            var read = AnalysisJson.Read(stored)!;

            Assert.Equal(stored, AnalysisJson.Write(read));
            Assert.Equal(result.Endpoints[0].HillsArmitage[0].TreatmentEffect.Estimate, read.Endpoints[0].HillsArmitage[0].TreatmentEffect.Estimate);
            Assert.Equal(result.Consort.Sequences[0].Periods[0].DiscontinuedInPeriod, read.Consort.Sequences[0].Periods[0].DiscontinuedInPeriod);
            Assert.Null(AnalysisJson.Read(stored.Replace(AnalysisJson.FormatVersion, "trialops.analysis.v0", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void a_number_that_did_not_exist_reads_back_as_not_a_number()
    {
        ScaleObservation Row(int id, string subject, string sequence, int period, string treatment) =>
            new($"ADQS:{id}", subject, sequence, period, treatment, "60 MIN", 60, 40, 50, false, false);
        var input = new AnalysisInput("KET-NP-01", "test rows", Placebo,
            [new EndpointInput("CONST", "Constant", "60 MIN", AnalysisVariable.Value, false,
                [Row(1, "S-001", "KP", 1, "KET"), Row(2, "S-001", "KP", 2, Placebo), Row(3, "S-002", "KP", 1, "KET"), Row(4, "S-002", "KP", 2, Placebo), Row(5, "S-003", "PK", 1, Placebo), Row(6, "S-003", "PK", 2, "KET")])],
            [], [], new ConsortCounts(0, [], 0, []));
        var directory = Written(input, out _);
        try
        {
            var read = AnalysisJson.Read(File.ReadAllText(Path.Combine(directory, AnalysisJson.FileName)))!;

            Assert.True(double.IsNaN(read.Endpoints[0].HillsArmitage[0].TreatmentEffect.P));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
