using System.Text;
using System.Text.Json.Nodes;
using TrialOps.Common;

namespace TrialOps.Exports.Tests;

/// <summary>
/// KET-NP-02 (every optional field of the format) with the text a real protocol has: doses in
/// µg/kg, a "≥" in a label and a title of 260 characters. Everything the unblinded export needs
/// was checked at import, so after lock and unblinding it exports: US-ASCII transliterations, the
/// title over TSVAL and TSVAL1, and the trial summary and country the optional fields give.
/// </summary>
public sealed class SymbolProtocolFixture : ExportTrialFixture
{
    public const string Code = "KET-NP-SYM";

    public static readonly string Title =
        ("Intravenous ketamine 0.5 µg/kg/min versus saline in adults aged ≥ 18 years with refractory neuropathic pain: "
         + "a randomised, double-blind, placebo-controlled, two-period crossover trial at two sites, with washout of seven days "
         + "between periods and pain measured on a visual analogue scale").PadRight(260, '.')[..260];

    public override int Participants => 6;

    public override string TrialCode => Code;

    protected override byte[] ProtocolFile
    {
        get
        {
            var root = JsonNode.Parse(File.ReadAllText(Path.Combine(ExportFiles.RepositoryRoot(), "seed", "KET-NP-02.json")))!.AsObject();
            root["code"] = Code;
            root["title"] = Title;
            root["treatments"]![0]!["label"] = "Ketamine 8.3 µg/kg/min over ≥ 40 min (Sjögren-safe)";
            // Criterion codes longer than SDTM's 8 characters: TI and IE get INCLnn/EXCLnn.
            foreach (var (list, prefix) in new[] { ("inclusion", "INCLUSION-"), ("exclusion", "EXCLUSION-") })
            {
                foreach (var criterion in root["eligibility"]![list]!.AsArray())
                {
                    criterion!["code"] = prefix + (string)criterion["code"]!;
                }
            }

            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }
    }
}

public sealed class SymbolProtocolExportTests(SymbolProtocolFixture fixture) : IClassFixture<SymbolProtocolFixture>
{
    [Fact]
    public async Task a_protocol_with_micro_signs_and_a_long_title_exports_unblinded_after_lock()
    {
        Assert.Equal(260, fixture.Protocol.Title.Length);

        // The blinded export carries the title too, over TSVAL and TSVAL1 (public protocol information, ADR 0022).
        var blinded = await fixture.Exporter.ExportAsync(SymbolProtocolFixture.Code, fixture.NewFolder("blinded"), true, null, ExportTrialFixture.Statistician);
        Assert.True(blinded.Succeeded, blinded.Rejection?.Message);
        var blindedTitle = Assert.Single(ExportFiles.Table(blinded.Directory!, "TS"), r => r["TSPARMCD"] == "TITLE");
        Assert.Equal(AsciiText.ToAscii(SymbolProtocolFixture.Title), blindedTitle["TSVAL"] + blindedTitle["TSVAL1"]);

        var locked = await Cli("lock", ExportTrialFixture.Coordinator.UserId);
        Assert.True(locked.ExitCode == 0, locked.Error);
        var unblinded = await Cli("unblind", ExportTrialFixture.Statistician.UserId);
        Assert.True(unblinded.ExitCode == 0, unblinded.Error);

        var export = await fixture.Exporter.ExportAsync(SymbolProtocolFixture.Code, fixture.NewFolder("unblinded"), false, null, ExportTrialFixture.Statistician);

        Assert.True(export.Succeeded, export.Rejection?.Message);
        var directory = export.Directory!;
        var ts = ExportFiles.Table(directory, "TS");
        var title = Assert.Single(ts, r => r["TSPARMCD"] == "TITLE");
        var ascii = AsciiText.ToAscii(SymbolProtocolFixture.Title)!;
        Assert.Contains("0.5 ug/kg/min", ascii, StringComparison.Ordinal);
        Assert.Contains("aged >= 18 years", ascii, StringComparison.Ordinal);
        Assert.Equal(ascii, title["TSVAL"] + title["TSVAL1"]);
        Assert.InRange(title["TSVAL"].Length, 150, 200);
        Assert.StartsWith(" ", title["TSVAL1"], StringComparison.Ordinal);

        string Value(string parameter) => Assert.Single(ts, r => r["TSPARMCD"] == parameter)["TSVAL"];
        Assert.Equal("North Hospital Pain Research Group", Value("SPONSOR"));
        Assert.Equal(["EFFICACY", "SAFETY"], ts.Where(r => r["TSPARMCD"] == "TTYPE").Select(r => r["TSVAL"]));
        Assert.Equal(["C49666", "C49667"], ts.Where(r => r["TSPARMCD"] == "TTYPE").Select(r => r["TSVALCD"]));
        Assert.Equal(("P18Y", "P80Y", "BOTH", "N", "Y", "DRUG"), (Value("AGEMIN"), Value("AGEMAX"), Value("SEXPOP"), Value("HLTSUBJI"), Value("ADDON"), Value("INTTYPE")));

        var ketamine = "Ketamine 8.3 ug/kg/min over >= 40 min (Sjogren-safe)";
        Assert.Contains(ExportFiles.Table(directory, "EX"), r => r["EXTRT"] == ketamine);
        Assert.Contains(ExportFiles.Table(directory, "TA"), r => r["ARM"].StartsWith(ketamine, StringComparison.Ordinal));
        // IETESTCD at most 8 characters, numbered in protocol order, the same codes in TI and IE.
        var protocol = fixture.Protocol;
        var ti = ExportFiles.Table(directory, "TI");
        Assert.Equal(
            protocol.Eligibility.Inclusion.Select((c, i) => ($"INCL{i + 1:00}", c.Text, "INCLUSION")).Concat(protocol.Eligibility.Exclusion.Select((c, i) => ($"EXCL{i + 1:00}", c.Text, "EXCLUSION"))),
            ti.Select(r => (r["IETESTCD"], r["IETEST"], r["IECAT"])));
        Assert.All(protocol.Eligibility.Inclusion.Concat(protocol.Eligibility.Exclusion), c => Assert.True(c.Code.Length > 8));
        var testOf = ti.ToDictionary(r => r["IETESTCD"], r => r["IETEST"]);
        Assert.All(ExportFiles.Table(directory, "IE"), r => Assert.Equal(testOf[r["IETESTCD"]], r["IETEST"]));
        Assert.Equal(
            ti.Select(r => r["IETESTCD"]),
            ExportFiles.Table(blinded.Directory!, "TI").Select(r => r["IETESTCD"]));

        var dm = ExportFiles.Table(directory, "DM");
        Assert.All(dm, r => Assert.Equal(r["SITEID"] == "S01" ? "NLD" : "AUS", r["COUNTRY"]));

        // The CSV and the XPT hold the same ASCII values, and pandas reads the extra TSVAL1 column.
        var (_, _, xptRows) = ExportFiles.ReadXpt(Path.Combine(directory, "ts.xpt"));
        Assert.Equal(ts.Count, xptRows.Count);
        Assert.Contains("TSVAL1", ExportFiles.ReadWithPandas(directory)["ts.xpt"].Columns);
        var haven = ExportFiles.ReadWithHaven(directory);
        Assert.Contains("TSVAL1", haven["ts.xpt"].Columns);
        Assert.Equal(dm.Count, haven["dm.xpt"].Rows);
        Assert.Empty(ExportFiles.CheckDatasetJson(Directory.EnumerateFiles(directory, "*.json").Where(p => !p.EndsWith("manifest.json", StringComparison.Ordinal))));
        foreach (var path in Directory.EnumerateFiles(directory, "*.csv"))
        {
            Assert.True(Ascii.IsValid(File.ReadAllBytes(path)), $"{Path.GetFileName(path)} is not US-ASCII");
        }
    }

    private Task<CliRun> Cli(string command, string user) =>
        CliRunner.RunAsync(fixture.Database.ConnectionString, ExportTrialFixture.Password + "\n", [command, "--trial", SymbolProtocolFixture.Code, "--user", user, "--password-stdin", .. CliRunner.ConfirmationsFor(command)]);
}
