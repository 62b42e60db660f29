using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TrialOps.Exports.Tests;

/// <summary>
/// KET-NP-01 given as a loading bolus and an infusion (the magnesium/ketamine design of DOMAIN.md):
/// ketamine 0.2 mg/kg over 10 min then 0.3 mg/kg/h for 60 min, saline the same in mL, and a 0–10
/// numeric rating scale, whose unit "1" means it has none.
/// </summary>
public sealed class BolusInfusionTrialFixture : ExportTrialFixture
{
    public const string Code = "KET-BI-02";

    public override int Participants => 6;

    public override string TrialCode => Code;

    protected override byte[] ProtocolFile
    {
        get
        {
            var root = JsonNode.Parse(File.ReadAllText(Path.Combine(ExportFiles.RepositoryRoot(), "seed", "KET-NP-01.json")))!.AsObject();
            root["code"] = Code;
            foreach (var treatment in root["treatments"]!.AsArray())
            {
                var unit = (string)treatment!["code"]! == "KET" ? "mg" : "mL";
                treatment["components"] = new JsonArray(
                    new JsonObject { ["kind"] = "bolus", ["dose"] = 0.2, ["unit"] = $"{unit}/kg", ["minutes"] = 10 },
                    new JsonObject { ["kind"] = "infusion", ["rate"] = 0.3, ["unit"] = $"{unit}/kg/h", ["minutes"] = 60 });
            }

            root["assessments"]!.AsArray().Add(new JsonObject
            {
                ["code"] = "NRS",
                ["label"] = "Pain intensity, numeric rating scale",
                ["kind"] = "scale",
                ["min"] = 0,
                ["max"] = 10,
                ["unit"] = "1",
                ["times"] = new JsonArray("PT0M", "PT60M"),
            });
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }
    }
}

/// <summary>Issue 11, items 2 and 3: bolus and infusion are separate EX records; a unitless score has no QSORRESU.</summary>
public sealed class BolusInfusionExportTests(BolusInfusionTrialFixture fixture) : IClassFixture<BolusInfusionTrialFixture>
{
    [Fact]
    public async Task the_bolus_and_the_infusion_are_separate_ex_records_with_their_own_amounts()
    {
        var export = (await fixture.ExportAsync("bolus-infusion")).Directory!;
        var weights = ExportFiles.Table(export, "VS").Where(r => r["VSTESTCD"] == "WEIGHT")
            .ToDictionary(r => (r["USUBJID"], r["VISITNUM"]), r => decimal.Parse(r["VSORRES"], CultureInfo.InvariantCulture));
        var sessions = ExportFiles.Table(export, "EX").GroupBy(r => (r["USUBJID"], r["VISITNUM"])).ToArray();
        Assert.NotEmpty(sessions);

        // Blinded, the volumes match in both arms: 0.2 mL/kg over 10 min, then 0.3 mL/kg/h for 60 min.
        var plain = sessions.Where(s => s.All(r => r["EXADJ"] == "")).ToArray();
        Assert.NotEmpty(plain);
        Assert.All(plain, session =>
        {
            var rows = session.ToArray();
            Assert.Equal(["BOLUS", "INFUSION"], rows.Select(r => r["EXCAT"]));
            var weight = weights[session.Key];
            Assert.Equal(Math.Round(0.2m * weight, 4), decimal.Parse(rows[0]["EXDOSE"], CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(0.3m * weight, 4), decimal.Parse(rows[1]["EXDOSE"], CultureInfo.InvariantCulture));
            Assert.Equal(rows[0]["EXENDTC"], rows[1]["EXSTDTC"]);
            var bolusMinutes = (DateTime.Parse(rows[0]["EXENDTC"], CultureInfo.InvariantCulture) - DateTime.Parse(rows[0]["EXSTDTC"], CultureInfo.InvariantCulture)).TotalMinutes;
            Assert.Equal(10, bolusMinutes);
        });

        // The same in pandas: every session starts with its bolus.
        var pandas = ExportFiles.ReadWithPandas(export);
        Assert.Equal(ExportFiles.Table(export, "EX").Count, pandas["ex.xpt"].Rows);
        Assert.Equal(ExportFiles.Table(export, "EC").Count, pandas["ec.xpt"].Rows);
        Assert.Empty(OdmChecks.TreatmentSecretsIn(export, fixture.Protocol));
        var (exit, messages) = ExportFiles.ValidateDefine(Path.Combine(export, Define.DefineXmlWriter.FileName));
        Assert.True(exit == 0, messages);
        Assert.Empty(ExportFiles.DefineMismatches(export));
    }

    [Fact]
    public async Task a_score_without_a_unit_has_no_qsorresu_and_a_scale_in_mm_keeps_it()
    {
        var export = (await fixture.ExportAsync("unitless")).Directory!;
        var qs = ExportFiles.Table(export, "QS");

        var nrs = qs.Where(r => r["QSTESTCD"] == "NRS").ToArray();
        Assert.NotEmpty(nrs);
        Assert.All(nrs, r => Assert.Equal(("", ""), (r["QSORRESU"], r["QSSTRESU"])));
        Assert.All(qs.Where(r => r["QSTESTCD"] == "PAIN"), r => Assert.Equal(("mm", "mm"), (r["QSORRESU"], r["QSSTRESU"])));
    }
}
