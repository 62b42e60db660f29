using System.Xml.Linq;
using TrialOps.Cdisc;
using TrialOps.Exports.Define;

namespace TrialOps.Exports.Tests;

/// <summary>
/// Issue 11, item 8: every export carries a define.xml (Define-XML 2.0) that validates against the
/// CDISC schema, describes the XPT files exactly as written (names, order, types, lengths sized to
/// the data), lists the controlled values with their NCI codes, the value-level metadata of the
/// findings by test code and the derivations, and is covered by the manifest.
/// </summary>
public sealed class DefineXmlTests(ExportTrialFixture fixture) : IClassFixture<ExportTrialFixture>
{
    private static readonly XNamespace Odm = DefineXmlWriter.OdmNamespace;
    private static readonly XNamespace Def = DefineXmlWriter.DefNamespace;

    [Fact]
    public async Task a_blinded_define_xml_validates_against_the_define_xml_2_0_schema_and_a_broken_one_does_not()
    {
        var export = await fixture.ExportAsync("define-schema");
        var path = Path.Combine(export.Directory!, DefineXmlWriter.FileName);

        var (exitCode, messages) = ExportFiles.ValidateDefine(path);
        Assert.True(exitCode == 0, messages);

        // The check is not vacuous: without def:DefineVersion (required by Define-XML 2.0) the same file is refused.
        var document = XDocument.Load(path);
        document.Descendants(Odm + "MetaDataVersion").Single().Attribute(Def + "DefineVersion")!.Remove();
        var broken = Path.Combine(fixture.NewFolder("define-broken"), DefineXmlWriter.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        document.Save(broken);
        var (brokenExit, brokenMessages) = ExportFiles.ValidateDefine(broken);
        Assert.NotEqual(0, brokenExit);
        Assert.Contains("DefineVersion", brokenMessages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task define_xml_describes_every_xpt_as_written_with_lengths_of_the_longest_value()
    {
        var export = await fixture.ExportAsync("define-xpt");

        Assert.Empty(ExportFiles.DefineMismatches(export.Directory!));

        // Lengths come from the data, not the maxima: USUBJID of this trial is far shorter than 40.
        var (_, dm, _) = XptReader.ReadAll(Path.Combine(export.Directory!, "dm.xpt"));
        var usubjid = dm.Single(v => v.Name == "USUBJID");
        Assert.Equal($"{ExportTrialFixture.Trial}-S01-001".Length, usubjid.Length);
        Assert.Equal(2, dm.Single(v => v.Name == "DOMAIN").Length);
    }

    [Fact]
    public async Task dataset_json_states_the_same_lengths_as_the_xpt()
    {
        var export = await fixture.ExportAsync("define-json");

        foreach (var json in Directory.EnumerateFiles(export.Directory!, "*.json").Where(p => !p.EndsWith(ExportManifest.FileName, StringComparison.Ordinal)))
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json));
            var (_, variables, _) = XptReader.ReadAll(Path.ChangeExtension(json, ".xpt"));
            var lengths = document.RootElement.GetProperty("columns").EnumerateArray()
                .Select(c => (c.GetProperty("name").GetString()!, c.TryGetProperty("length", out var l) ? l.GetInt32() : 8)).ToArray();
            Assert.Equal(variables.Select(v => (v.Name, v.Length)), lengths);
        }
    }

    [Fact]
    public async Task define_xml_has_codelists_with_nci_codes_value_level_metadata_and_methods()
    {
        var export = await fixture.ExportAsync("define-content");
        var version = XDocument.Load(Path.Combine(export.Directory!, DefineXmlWriter.FileName)).Descendants(Odm + "MetaDataVersion").Single();

        Assert.Equal("2.0.0", (string?)version.Attribute(Def + "DefineVersion"));
        var groups = version.Elements(Odm + "ItemGroupDef").ToArray();
        Assert.All(groups, g => Assert.Equal("Tabulation", (string?)g.Attribute("Purpose")));
        Assert.Equal("SPECIAL PURPOSE", (string?)groups.Single(g => (string?)g.Attribute("Name") == "DM").Attribute(Def + "Class"));
        Assert.Equal("FINDINGS", (string?)groups.Single(g => (string?)g.Attribute("Name") == "VS").Attribute(Def + "Class"));

        // SEX: CDISC codelist C66731 with the values DM holds, each with its NCI code.
        var sex = version.Elements(Odm + "CodeList").Single(c => (string?)c.Attribute("OID") == "CL.SEX");
        Assert.Equal("C66731", (string?)sex.Elements(Odm + "Alias").Single().Attribute("Name"));
        var usedSexes = ExportFiles.Table(export.Directory!, "DM").Select(r => r["SEX"]).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(usedSexes, sex.Elements(Odm + "EnumeratedItem").Select(e => (string)e.Attribute("CodedValue")!));
        Assert.All(sex.Elements(Odm + "EnumeratedItem"), e => Assert.Matches("^C[0-9]+$", (string)e.Element(Odm + "Alias")!.Attribute("Name")!));

        // VSTESTCD decodes to VSTEST; VSORRES has value-level metadata per test code with its own length.
        var vsTests = version.Elements(Odm + "CodeList").Single(c => (string?)c.Attribute("OID") == "CL.VSTESTCD");
        var systolic = vsTests.Elements(Odm + "CodeListItem").Single(e => (string?)e.Attribute("CodedValue") == "SYSBP");
        Assert.Equal("Systolic Blood Pressure", (string)systolic.Element(Odm + "Decode")!.Element(Odm + "TranslatedText")!);
        Assert.Equal("C25298", (string?)systolic.Element(Odm + "Alias")!.Attribute("Name"));
        var vsorres = version.Elements(Odm + "ItemDef").Single(i => (string?)i.Attribute("OID") == "IT.VS.VSORRES");
        Assert.Equal("VL.VS.VSORRES", (string?)vsorres.Element(Def + "ValueListRef")!.Attribute("ValueListOID"));
        var valueList = version.Elements(Def + "ValueListDef").Single(v => (string?)v.Attribute("OID") == "VL.VS.VSORRES");
        var whereClause = version.Elements(Def + "WhereClauseDef").Single(w => (string?)w.Attribute("OID") == "WC.VS.VSTESTCD.SYSBP");
        Assert.Equal("IT.VS.VSTESTCD", (string?)whereClause.Element(Odm + "RangeCheck")!.Attribute(Def + "ItemOID"));
        Assert.Equal("SYSBP", (string)whereClause.Element(Odm + "RangeCheck")!.Element(Odm + "CheckValue")!);
        Assert.Contains(valueList.Elements(Odm + "ItemRef"), r => (string?)r.Element(Def + "WhereClauseRef")!.Attribute("WhereClauseOID") == "WC.VS.VSTESTCD.SYSBP");
        var systolicResult = version.Elements(Odm + "ItemDef").Single(i => (string?)i.Attribute("OID") == "IT.VS.VSORRES.SYSBP");
        var longestSystolic = ExportFiles.Table(export.Directory!, "VS").Where(r => r["VSTESTCD"] == "SYSBP").Max(r => r["VSORRES"].Length);
        Assert.Equal(("integer", longestSystolic), ((string)systolicResult.Attribute("DataType")!, (int)systolicResult.Attribute("Length")!));
        Assert.Contains(version.Elements(Def + "ValueListDef"), v => (string?)v.Attribute("OID") == "VL.QS.QSORRES");

        // Derived variables point at their method; every MethodOID resolves.
        var methods = version.Elements(Odm + "MethodDef").Select(m => (string)m.Attribute("OID")!).ToHashSet(StringComparer.Ordinal);
        string? MethodOf(string dataset, string variable) => (string?)groups.Single(g => (string?)g.Attribute("Name") == dataset)
            .Elements(Odm + "ItemRef").Single(r => (string?)r.Attribute("ItemOID") == $"IT.{dataset}.{variable}").Attribute("MethodOID");
        Assert.Equal(SdtmMetadata.Age.Oid, MethodOf("DM", "AGE"));
        Assert.Equal(SdtmMetadata.StudyDay.Oid, MethodOf("VS", "VSDY"));
        Assert.Equal(SdtmMetadata.Epoch.Oid, MethodOf("EX", "EPOCH"));
        Assert.Equal(SdtmMetadata.ExDose.Oid, MethodOf("EX", "EXDOSE"));
        Assert.All(version.Descendants(Odm + "ItemRef").Select(r => (string?)r.Attribute("MethodOID")).OfType<string>(), oid => Assert.Contains(oid, methods));
        Assert.Equal("Derived", (string?)version.Elements(Odm + "ItemDef").Single(i => (string?)i.Attribute("OID") == "IT.DM.AGE").Element(Def + "Origin")!.Attribute("Type"));
        Assert.Equal("CRF", (string?)version.Elements(Odm + "ItemDef").Single(i => (string?)i.Attribute("OID") == "IT.VS.VSORRES").Element(Def + "Origin")!.Attribute("Type"));
    }

    [Fact]
    public async Task the_manifest_lists_define_xml_and_verify_names_it_when_it_was_edited()
    {
        var export = await fixture.ExportAsync("define-verify");
        var path = Path.Combine(export.Directory!, DefineXmlWriter.FileName);
        var listed = Assert.Single(export.Manifest!.Files, f => f.Name == DefineXmlWriter.FileName);
        Assert.Equal(new FileInfo(path).Length, listed.Bytes);

        File.WriteAllText(path, File.ReadAllText(path).Replace("Length=\"2\"", "Length=\"8\"", StringComparison.Ordinal));

        var tampered = await CliRunner.RunAsync(fixture.Database.ConnectionString, null, "verify", "--export", export.Directory!);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("define.xml: changed", tampered.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("dm.xpt", tampered.Error, StringComparison.Ordinal);
    }
}
