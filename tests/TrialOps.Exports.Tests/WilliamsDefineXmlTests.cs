using System.Text;
using System.Xml.Linq;
using TrialOps.Exports.Define;
using TrialOps.Testing;

namespace TrialOps.Exports.Tests;

/// <summary>
/// A three-treatment Williams crossover (ketamine, morphine, saline; six sequences, three periods):
/// KET-NP-01 with morphine added and the sequences generated as a Williams design.
/// </summary>
public sealed class WilliamsTrialFixture : ExportTrialFixture
{
    public const string Code = "KET-WIL-03";

    public override int Participants => 8;

    public override string TrialCode => Code;

    protected override byte[] ProtocolFile =>
        Encoding.UTF8.GetBytes(WilliamsTrial.FromKetNp01(File.ReadAllText(Path.Combine(ExportFiles.RepositoryRoot(), "seed", "KET-NP-01.json")), Code, "Intravenous ketamine versus morphine versus saline for refractory neuropathic pain: a randomised, double-blind, three-period Williams crossover trial"));
}

/// <summary>
/// define.xml of a three-treatment Williams trial, blinded and (after lock and unblinding)
/// unblinded: valid Define-XML 2.0, true to the XPT files, and blind where the export is blinded.
/// </summary>
public sealed class WilliamsDefineXmlTests(WilliamsTrialFixture fixture) : IClassFixture<WilliamsTrialFixture>
{
    private static readonly XNamespace Odm = DefineXmlWriter.OdmNamespace;

    [Fact]
    public async Task define_xml_of_a_williams_trial_validates_matches_the_xpt_and_names_arms_only_when_unblinded()
    {
        Assert.Equal(6, fixture.Protocol.Sequences.Count);
        var blinded = await fixture.ExportAsync("williams-blinded");
        var blindedDefine = Path.Combine(blinded.Directory!, DefineXmlWriter.FileName);
        var (blindedExit, blindedMessages) = ExportFiles.ValidateDefine(blindedDefine);
        Assert.True(blindedExit == 0, blindedMessages);
        Assert.Empty(ExportFiles.DefineMismatches(blinded.Directory!));
        var text = ExportFiles.TextWithoutStudyCode(blindedDefine, fixture.Protocol);
        foreach (var (what, pattern) in ExportFiles.TreatmentSecrets(fixture.Protocol).Append(("morphine", new System.Text.RegularExpressions.Regex("morphine", System.Text.RegularExpressions.RegexOptions.IgnoreCase))))
        {
            Assert.False(pattern.IsMatch(text), $"the blinded define.xml contains {what}");
        }

        Assert.Equal(["BLINDED"], CodedValues(blindedDefine, "CL.ARMCD"));
        AssertEveryFileReads(blinded.Directory!);
        Assert.Single(ExportFiles.Table(blinded.Directory!, "TS"), r => r["TSPARMCD"] == "TITLE" && r["TSVAL"] == fixture.Protocol.Title);

        var locked = await Cli("lock", ExportTrialFixture.Coordinator.UserId);
        Assert.True(locked.ExitCode == 0, locked.Error);
        var unblinding = await Cli("unblind", ExportTrialFixture.Statistician.UserId);
        Assert.True(unblinding.ExitCode == 0, unblinding.Error);
        var unblinded = await fixture.Exporter.ExportAsync(WilliamsTrialFixture.Code, fixture.NewFolder("williams-unblinded"), false, null, ExportTrialFixture.Statistician);
        Assert.True(unblinded.Succeeded, unblinded.Rejection?.Message);

        var define = Path.Combine(unblinded.Directory!, DefineXmlWriter.FileName);
        var (exit, messages) = ExportFiles.ValidateDefine(define);
        Assert.True(exit == 0, messages);
        Assert.Empty(ExportFiles.DefineMismatches(unblinded.Directory!));
        AssertEveryFileReads(unblinded.Directory!);

        // The six Williams sequences are the arm codelist, each decoded as TA describes the arm.
        var arms = ExportFiles.Table(unblinded.Directory!, "TA").DistinctBy(r => r["ARMCD"]).ToDictionary(r => r["ARMCD"], r => r["ARM"], StringComparer.Ordinal);
        Assert.Equal(6, arms.Count);
        var items = XDocument.Load(define).Descendants(Odm + "CodeList").Single(c => (string?)c.Attribute("OID") == "CL.ARMCD").Elements(Odm + "CodeListItem")
            .ToDictionary(i => (string)i.Attribute("CodedValue")!, i => (string)i.Element(Odm + "Decode")!.Element(Odm + "TranslatedText")!, StringComparer.Ordinal);
        Assert.Equal(arms.OrderBy(a => a.Key, StringComparer.Ordinal), items.OrderBy(i => i.Key, StringComparer.Ordinal));
        Assert.Equal(["FU", "KET", "MOR", "PBO", "SCRN", "WASH"], CodedValues(define, "CL.ETCD"));
        Assert.Contains("TREATMENT 3", CodedValues(define, "CL.EPOCH"));

        // ADaM of three periods: TR03P and the washout before period 3, every number as pandas derives it from SDTM.
        Assert.Equal(["ADSL", "ADQS", "ADAE"], XDocument.Load(define).Descendants(Odm + "ItemGroupDef").Where(g => (string?)g.Attribute("Purpose") == "Analysis").Select(g => (string)g.Attribute("Name")!));
        var adsl = ExportFiles.Table(unblinded.Directory!, "ADSL");
        Assert.NotEmpty(adsl);
        Assert.All(adsl, r => Assert.Equal(3, r["TRTSEQP"].Split('-').Length));
        Assert.Contains(adsl, r => r["TR03A"] != "" && r["WASH03H"] != "");
        // Each participant receives all three treatments, one per period. (How many treatments
        // come first across eight participants depends on the randomization list, drawn afresh.)
        Assert.All(adsl, r => Assert.Equal(3, new[] { r["TR01P"], r["TR02P"], r["TR03P"] }.Where(t => t != "").Distinct().Count()));
        Assert.Empty(AdamChecks.IndependentMismatches(unblinded.Directory!, fixture.Protocol));
        Assert.Empty(AdamChecks.HavenMismatches(unblinded.Directory!, "adsl"));
    }

    /// <summary>
    /// pandas and R haven read every XPT with the CSV's columns and row count, every Dataset-JSON
    /// validates and holds the XPT values, and the not-done VS records have their reason and no result.
    /// </summary>
    private static void AssertEveryFileReads(string directory)
    {
        var pandas = ExportFiles.ReadWithPandas(directory);
        var haven = ExportFiles.ReadWithHaven(directory);
        var xpts = Directory.EnumerateFiles(directory, "*.xpt").Select(Path.GetFileName).ToArray();
        Assert.Contains("vs.xpt", xpts);
        Assert.All(xpts, xpt =>
        {
            var (header, rows) = ExportFiles.ReadCsv(Path.Combine(directory, Path.ChangeExtension(xpt!, ".csv")));
            Assert.Equal(header, pandas[xpt!].Columns);
            Assert.Equal(header, haven[xpt!].Columns);
            Assert.Equal((rows.Count, rows.Count), (pandas[xpt!].Rows, haven[xpt!].Rows));
        });
        Assert.Empty(ExportFiles.CheckDatasetJson(xpts.Select(x => Path.Combine(directory, Path.ChangeExtension(x!, ".json")))));
        Assert.All(ExportFiles.Table(directory, "VS").Where(r => r["VSSTAT"] == "NOT DONE"), r => Assert.Equal(("", true), (r["VSORRES"], r["VSREASND"].Length > 0)));
    }

    private static IReadOnlyList<string> CodedValues(string define, string codeList) =>
        XDocument.Load(define).Descendants(Odm + "CodeList").Single(c => (string?)c.Attribute("OID") == codeList).Elements()
            .Where(e => e.Name == Odm + "CodeListItem" || e.Name == Odm + "EnumeratedItem").Select(e => (string)e.Attribute("CodedValue")!).ToArray();

    private Task<CliRun> Cli(string command, string user) =>
        CliRunner.RunAsync(fixture.Database.ConnectionString, ExportTrialFixture.Password + "\n", [command, "--trial", WilliamsTrialFixture.Code, "--user", user, "--password-stdin", .. CliRunner.ConfirmationsFor(command)]);
}
