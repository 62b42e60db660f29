using System.Security.Cryptography;
using System.Text;

namespace TrialOps.Cdisc.Tests;

/// <summary>
/// Reads the CDISC SDTM/ADaM pilot transport files (Data © CDISC, CDISC SDTM/ADaM Pilot Project),
/// which are opened read-only and never modified.
/// </summary>
public class XptPilotTests
{
    public static TheoryData<string, int, int> PilotFiles => new()
    {
        { "sdtm/ta.xpt", 10, 8 },
        { "sdtm/te.xpt", 7, 7 },
        { "sdtm/tv.xpt", 9, 21 },
        { "sdtm/ti.xpt", 6, 31 },
        { "sdtm/ts.xpt", 6, 33 },
        { "sdtm/dm.xpt", 25, 306 },
        { "sdtm/ex.xpt", 17, 591 },
        { "sdtm/ae.xpt", 35, 1191 },
        { "sdtm/se.xpt", 9, 752 },
        { "sdtm/sv.xpt", 8, 3559 },
        { "sdtm/ds.xpt", 13, 596 },
        { "adam/adsl.xpt", 48, 254 },
    };

    [Theory]
    [MemberData(nameof(PilotFiles))]
    public void pilot_files_have_the_documented_variable_and_row_counts(string file, int variables, int rows)
    {
        var (dataset, infos, read) = XptReader.ReadAll(Pilot(file));

        Assert.Equal(variables, dataset.Variables.Count);
        Assert.Equal(rows, read.Count);
        Assert.Equal(Path.GetFileNameWithoutExtension(file).ToUpperInvariant(), dataset.Name);
        Assert.All(read, row => Assert.Equal(variables, row.Length));
        Assert.Equal(infos.Sum(v => v.Length), infos.Max(v => v.Position + v.Length));
    }

    [Theory]
    [MemberData(nameof(PilotFiles))]
    public void rewriting_a_pilot_file_reproduces_its_namestrs_and_observations_byte_for_byte(string file, int variables, int rows)
    {
        string path = Pilot(file);
        byte[] original = File.ReadAllBytes(path);
        var (dataset, _, read) = XptReader.ReadAll(path, Encoding.Latin1);

        byte[] rewritten = XptTestData.Write(dataset, read, encoding: Encoding.Latin1);

        Assert.Equal(variables, dataset.Variables.Count);
        Assert.Equal(rows, read.Count);
        Assert.Equal(original.Length, rewritten.Length);
        Assert.Equal(FromNamestrHeader(original), FromNamestrHeader(rewritten));
    }

    [Fact]
    public void pilot_files_are_unmodified()
    {
        // SHA-256 from shared/reference/SOURCES.md; the CDISC terms forbid altering these files.
        Assert.Equal("7327baea97fd532d02385248da0c7240402e770099507e2c3a88e2ac706c02a6", Sha256(Pilot("sdtm/dm.xpt")));
        Assert.Equal("848c3d2e809b3fa91044a811717a57cd1f53e608000730792c102b646d1f5a4c", Sha256(Pilot("sdtm/ta.xpt")));
    }

    [Fact]
    public void dm_holds_the_first_subject_with_numeric_age_and_negative_study_day()
    {
        using var reader = XptReader.Open(Pilot("sdtm/dm.xpt"));
        var first = reader.ReadRows().First();

        Assert.Equal("01-701-1015", Value(reader, first, "USUBJID"));
        Assert.Equal(63.0, Value(reader, first, "AGE"));
        Assert.Equal(-7.0, Value(reader, first, "DMDY"));
        Assert.Equal("", Value(reader, first, "DTHDTC"));
        Assert.Equal("9.3", reader.SasVersion);
        Assert.Equal("X64_7HOM", reader.OperatingSystem);
        Assert.Equal(new DateTime(2012, 4, 4, 22, 16, 21), reader.Created);
    }

    [Fact]
    public void dm_variables_carry_names_labels_types_and_positions()
    {
        using var reader = XptReader.Open(Pilot("sdtm/dm.xpt"));

        var usubjid = reader.Variables.Single(v => v.Name == "USUBJID");
        var age = reader.Variables.Single(v => v.Name == "AGE");

        Assert.Equal("Unique Subject Identifier", usubjid.Label);
        Assert.Equal(XptType.Character, usubjid.Type);
        Assert.Equal(XptType.Numeric, age.Type);
        Assert.Equal(8, age.Length);
        Assert.Equal(reader.Variables.TakeWhile(v => v.Name != "AGE").Sum(v => v.Length), age.Position);
    }

    [Fact]
    public void tv_keeps_fractional_visit_numbers()
    {
        var (dataset, _, rows) = XptReader.ReadAll(Pilot("sdtm/tv.xpt"));
        int visitnum = IndexOf(dataset, "VISITNUM");
        int visit = IndexOf(dataset, "VISIT");

        Assert.Equal(3.5, rows[3][visitnum]);
        Assert.Equal("AMBUL ECG PLACEMENT", rows[3][visit]);
        Assert.Equal(8.1, rows[9][visitnum]);
    }

    [Fact]
    public void ex_placebo_doses_are_exact_zero()
    {
        var (dataset, _, rows) = XptReader.ReadAll(Pilot("sdtm/ex.xpt"));

        Assert.Equal(0.0, rows[0][IndexOf(dataset, "EXDOSE")]);
        Assert.Equal("PLACEBO", rows[0][IndexOf(dataset, "EXTRT")]);
        Assert.Equal(81.0, rows[^1][IndexOf(dataset, "EXDOSE")]);
    }

    [Fact]
    public void adsl_has_sas_dates_and_decimal_baselines_with_their_formats()
    {
        var (dataset, infos, rows) = XptReader.ReadAll(Adam("adsl.xpt"));

        Assert.Equal("01-701-1015", rows[0][IndexOf(dataset, "USUBJID")]);
        Assert.Equal(19725.0, rows[0][IndexOf(dataset, "TRTSDT")]);
        Assert.Equal(147.3, rows[0][IndexOf(dataset, "HEIGHTBL")]);
        Assert.Equal(25.1, rows[0][IndexOf(dataset, "BMIBL")]);
        Assert.Equal("DATE9.", infos.Single(v => v.Name == "TRTSDT").Format);
    }

    [Fact]
    public void ts_text_decodes_windows_1252_quotes_when_that_encoding_is_given()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var windows1252 = Encoding.GetEncoding(1252);

        var (dataset, _, rows) = XptReader.ReadAll(Pilot("sdtm/ts.xpt"), windows1252);

        Assert.Equal("Mild to Moderate Alzheimer\u2019s Disease", rows[13][IndexOf(dataset, "TSVAL")]);
    }

    private static string Pilot(string file) =>
        file.StartsWith("adam/", StringComparison.Ordinal) ? ReferenceFiles.Adam(file[5..]) : ReferenceFiles.Sdtm(file[5..]);

    private static string Adam(string file) => ReferenceFiles.Adam(file);

    private static object? Value(XptReader reader, object?[] row, string name) =>
        row[reader.Variables.Single(v => v.Name == name).Number - 1];

    private static int IndexOf(XptDataset dataset, string name) =>
        dataset.Variables.Select(v => v.Name).ToList().IndexOf(name);

    /// <summary>
    /// NAMESTR header, NAMESTR records, their padding, OBS header, observations and final padding:
    /// everything after the headers that name the SAS release, host and timestamps.
    /// </summary>
    private static byte[] FromNamestrHeader(byte[] file)
    {
        string text = Encoding.Latin1.GetString(file);
        int namestrHeader = text.IndexOf("HEADER RECORD*******NAMESTR HEADER RECORD", StringComparison.Ordinal);
        Assert.Equal(7 * 80, namestrHeader);
        return file[namestrHeader..];
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
