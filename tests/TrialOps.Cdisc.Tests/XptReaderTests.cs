using System.Text;

namespace TrialOps.Cdisc.Tests;

public class XptReaderTests
{
    private static readonly XptDataset Codes = new("CODES", "", [new XptVariable("C", "", XptType.Character, 10)]);

    [Fact]
    public void a_blank_last_row_that_starts_the_final_record_is_kept()
    {
        // Eight 10-byte rows fill the first record exactly; the blank ninth row begins the final one,
        // so it cannot be padding (padding is always shorter than a record).
        var rows = Enumerable.Range(1, 8).Select(i => new object?[] { $"R{i}" }).Append([""]).ToList();

        var (_, read) = XptTestData.Read(XptTestData.Write(Codes, rows));

        Assert.Equal(9, read.Count);
        Assert.Equal("", read[8][0]);
    }

    [Fact]
    public void reading_stops_at_the_next_member_header()
    {
        byte[] first = XptTestData.Write(Codes, [["A"], ["B"], ["C"]]);
        var other = new XptDataset("OTHER", "", [new XptVariable("N", "", XptType.Numeric, 8)]);
        byte[] second = XptTestData.Write(other, [[1.0], [2.0]]);
        byte[] library = [.. first, .. second.AsSpan(3 * 80)];

        var (reader, read) = XptTestData.Read(library);

        Assert.Equal("CODES", reader.Dataset.Name);
        Assert.Equal(["A", "B", "C"], read.Select(r => r[0]));
    }

    [Fact]
    public void rows_can_be_enumerated_only_once()
    {
        using var reader = XptReader.Open(new MemoryStream(XptTestData.Write(Codes, [["A"]])));
        _ = reader.ReadRows().ToList();

        Assert.Throws<InvalidOperationException>(() => reader.ReadRows());
    }

    [Fact]
    public void a_file_that_is_not_xport_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            XptReader.Open(new MemoryStream(Encoding.ASCII.GetBytes(new string('x', 800)))));
        Assert.Contains("library header", error.Message);
    }

    [Fact]
    public void a_version_8_file_is_refused_as_unsupported()
    {
        byte[] file = XptTestData.Write(Codes, [["A"]]);
        Encoding.ASCII.GetBytes("HEADER RECORD*******LIBV8   HEADER RECORD!!!!!!!").CopyTo(file, 0);

        Assert.Throws<NotSupportedException>(() => XptReader.Open(new MemoryStream(file)));
    }

    [Fact]
    public void a_file_cut_inside_the_headers_is_reported_as_damaged()
    {
        byte[] file = XptTestData.Write(Codes, [["A"]])[..600];

        var error = Assert.Throws<InvalidDataException>(() => XptReader.Open(new MemoryStream(file)));
        Assert.Contains("ends inside", error.Message);
    }

    [Fact]
    public void formats_and_informats_are_reported_as_sas_format_text()
    {
        var dataset = new XptDataset("F", "",
        [
            new XptVariable("D", "", XptType.Numeric, 8, "DATE9."),
            new XptVariable("N", "", XptType.Numeric, 8, "8.2"),
            new XptVariable("C", "", XptType.Character, 20, "$CHAR20."),
            new XptVariable("X", "", XptType.Numeric, 8),
        ]);

        var (reader, _) = XptTestData.Read(XptTestData.Write(dataset, []));

        Assert.Equal(["DATE9.", "8.2", "$CHAR20.", null], reader.Variables.Select(v => v.Format));
        Assert.All(reader.Variables, v => Assert.Null(v.Informat));
    }
}
