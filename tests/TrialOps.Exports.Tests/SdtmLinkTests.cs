using System.Globalization;
using System.Xml.Linq;

namespace TrialOps.Exports.Tests;

/// <summary>Issue 11: EX records link to the EC records of their administration, and TI/IE use CDISC's IECAT codelist.</summary>
public sealed class SdtmLinkTests(ExportTrialFixture fixture) : IClassFixture<ExportTrialFixture>
{
    private static readonly XNamespace Odm = "http://www.cdisc.org/ns/odm/v1.3";

    [Fact]
    public async Task every_ex_record_links_to_the_ec_records_of_its_administration_and_ti_ie_are_coded()
    {
        var export = await fixture.ExportAsync("links");
        var ex = ExportFiles.Table(export.Directory!, "EX");
        var ec = ExportFiles.Table(export.Directory!, "EC");
        Assert.NotEmpty(ex);

        foreach (var record in ex)
        {
            Assert.Equal($"PERIOD {int.Parse(record["VISITNUM"], CultureInfo.InvariantCulture) - 1} DOSING", record["EXLNKID"]);
            var administration = ec.Where(r => r["USUBJID"] == record["USUBJID"] && r["ECLNKID"] == record["EXLNKID"]).ToArray();
            Assert.NotEmpty(administration);

            // The EX interval lies within the administration EC describes, and both name the same kit and visit.
            Assert.InRange(string.CompareOrdinal(record["EXSTDTC"], administration.Min(r => r["ECSTDTC"])), 0, int.MaxValue);
            Assert.InRange(string.CompareOrdinal(record["EXENDTC"], administration.Max(r => r["ECENDTC"])), int.MinValue, 0);
            Assert.All(administration, r => Assert.Equal((record["EXREFID"], record["VISITNUM"]), (r["ECREFID"], r["VISITNUM"])));
        }

        Assert.All(ec, r => Assert.Contains(ex, e => e["USUBJID"] == r["USUBJID"] && e["EXLNKID"] == r["ECLNKID"]));

        // DS RANDOMIZED carries the clinical date the site recorded (the demo: the day before the
        // first dose), not the server's recording time (DSDTC); DM's first dose comes after it.
        var dm = ExportFiles.Table(export.Directory!, "DM").ToDictionary(r => r["USUBJID"]);
        var randomized = ExportFiles.Table(export.Directory!, "DS").Where(r => r["DSDECOD"] == "RANDOMIZED").ToArray();
        Assert.NotEmpty(randomized);
        Assert.All(randomized, r =>
        {
            Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", r["DSSTDTC"]);
            Assert.NotEqual(r["DSDTC"][..10], r["DSSTDTC"]);
            if (dm[r["USUBJID"]]["RFXSTDTC"] is { Length: > 0 } firstDose)
            {
                Assert.Equal(DateOnly.Parse(firstDose[..10], CultureInfo.InvariantCulture).AddDays(-1), DateOnly.Parse(r["DSSTDTC"], CultureInfo.InvariantCulture));
                Assert.Equal("SCREENING", r["EPOCH"]);
            }
        });

        // The screening visit of a randomized participant ends on that clinical date too.
        var screening = ExportFiles.Table(export.Directory!, "SV").Where(r => r["VISIT"] == "SCREENING").ToDictionary(r => r["USUBJID"]);
        Assert.All(randomized, r => Assert.Equal(r["DSSTDTC"], screening[r["USUBJID"]]["SVENDTC"]));

        var ti = ExportFiles.Table(export.Directory!, "TI");
        Assert.All(ti, r => Assert.InRange(r["IETESTCD"].Length, 1, 8));
        Assert.Equal(["EXCLUSION", "INCLUSION"], ti.Select(r => r["IECAT"]).Distinct().Order(StringComparer.Ordinal));

        var define = XDocument.Load(Path.Combine(export.Directory!, Define.DefineXmlWriter.FileName));
        var iecat = define.Descendants(Odm + "CodeList").Single(c => (string)c.Attribute("OID")! == "CL.IECAT");
        Assert.Equal("C66797", (string?)iecat.Elements(Odm + "Alias").Single().Attribute("Name"));
        Assert.Equal(["INCLUSION", "EXCLUSION"], iecat.Elements().Where(e => e.Name.LocalName is "EnumeratedItem" or "CodeListItem").Select(e => (string)e.Attribute("CodedValue")!).Order(StringComparer.Ordinal).Reverse());
        Assert.Contains(define.Descendants(Odm + "ItemDef"), i => (string)i.Attribute("OID")! == "IT.EX.EXLNKID");
        Assert.Contains(define.Descendants(Odm + "ItemDef"), i => (string)i.Attribute("OID")! == "IT.EC.ECLNKID");
    }
}
