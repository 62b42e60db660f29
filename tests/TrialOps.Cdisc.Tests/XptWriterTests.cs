using System.Text;

namespace TrialOps.Cdisc.Tests;

public class XptWriterTests
{
    private static readonly XptVariable Id = new("ID", "Identifier", XptType.Character, 8);

    [Theory]
    [InlineData("TOOLONGNAME")]
    [InlineData("lower")]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("")]
    public void invalid_variable_names_are_refused(string name)
    {
        var dataset = new XptDataset("DM", "", [new XptVariable(name, "", XptType.Numeric, 8)]);

        var error = Assert.Throws<ArgumentException>(() => XptWriter.Create(new MemoryStream(), dataset, XptTestData.Created));
        Assert.Contains("SAS V5 name", error.Message);
    }

    [Theory]
    [InlineData("_X")]
    [InlineData("A1_2")]
    [InlineData("ABCDEFGH")]
    public void names_of_letters_digits_and_underscores_are_accepted(string name)
    {
        var dataset = new XptDataset(name, "", [new XptVariable(name, "", XptType.Numeric, 8)]);

        var writer = XptWriter.Create(new MemoryStream(), dataset, XptTestData.Created);

        Assert.Equal(8, writer.ObservationLength);
    }

    [Theory]
    [InlineData("dm")]
    [InlineData("DATASET09")]
    public void invalid_dataset_names_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() =>
            XptWriter.Create(new MemoryStream(), new XptDataset(name, "", [Id]), XptTestData.Created));

    [Fact]
    public void labels_over_40_characters_are_refused()
    {
        var variable = new XptVariable("X", new string('L', 41), XptType.Numeric, 8);

        var error = Assert.Throws<ArgumentException>(() =>
            XptWriter.Create(new MemoryStream(), new XptDataset("DM", "", [variable]), XptTestData.Created));
        Assert.Contains("41 bytes", error.Message);
    }

    [Fact]
    public void dataset_labels_over_40_characters_are_refused() =>
        Assert.Throws<ArgumentException>(() =>
            XptWriter.Create(new MemoryStream(), new XptDataset("DM", new string('L', 41), [Id]), XptTestData.Created));

    [Theory]
    [InlineData(XptType.Character, 0)]
    [InlineData(XptType.Character, 201)]
    [InlineData(XptType.Numeric, 4)]
    public void lengths_outside_the_v5_limits_are_refused(XptType type, int length) =>
        Assert.Throws<ArgumentException>(() =>
            XptWriter.Create(new MemoryStream(), new XptDataset("DM", "", [new XptVariable("X", "", type, length)]), XptTestData.Created));

    [Fact]
    public void duplicate_variable_names_are_refused() =>
        Assert.Throws<ArgumentException>(() =>
            XptWriter.Create(new MemoryStream(), new XptDataset("DM", "", [Id, Id]), XptTestData.Created));

    [Theory]
    [InlineData("DATE")]
    [InlineData("$CHAR20.extra")]
    [InlineData("TOOLONGFMT9.")]
    public void malformed_formats_are_refused(string format) =>
        Assert.Throws<ArgumentException>(() => XptWriter.Create(
            new MemoryStream(), new XptDataset("DM", "", [new XptVariable("X", "", XptType.Numeric, 8, format)]), XptTestData.Created));

    [Fact]
    public void nothing_is_written_when_the_dataset_is_invalid()
    {
        var output = new MemoryStream();

        Assert.Throws<ArgumentException>(() => XptWriter.Create(output, new XptDataset("DM", "", []), XptTestData.Created));

        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void a_value_longer_than_its_variable_is_refused_not_truncated()
    {
        var writer = XptWriter.Create(new MemoryStream(), new XptDataset("DM", "", [Id]), XptTestData.Created);

        var error = Assert.Throws<ArgumentException>(() => writer.WriteRow(["123456789"]));
        Assert.Contains("ID", error.Message);
        Assert.Contains("9 bytes", error.Message);
    }

    [Fact]
    public void non_ascii_text_is_refused_by_default()
    {
        var writer = XptWriter.Create(new MemoryStream(), new XptDataset("DM", "", [Id]), XptTestData.Created);

        Assert.Throws<ArgumentException>(() => writer.WriteRow(["Café"]));
    }

    [Fact]
    public void a_replacing_encoding_is_made_strict()
    {
        var writer = XptWriter.Create(new MemoryStream(), new XptDataset("DM", "", [Id]), XptTestData.Created, Encoding.ASCII);

        Assert.Throws<ArgumentException>(() => writer.WriteRow(["Café"]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e80)]
    public void unrepresentable_numbers_are_refused(double value)
    {
        var dataset = new XptDataset("DM", "", [new XptVariable("N", "", XptType.Numeric, 8)]);
        var writer = XptWriter.Create(new MemoryStream(), dataset, XptTestData.Created);

        Assert.Throws<ArgumentException>(() => writer.WriteRow([value]));
    }

    [Fact]
    public void integers_beyond_double_precision_are_refused()
    {
        var dataset = new XptDataset("DM", "", [new XptVariable("N", "", XptType.Numeric, 8)]);
        var writer = XptWriter.Create(new MemoryStream(), dataset, XptTestData.Created);

        Assert.Throws<ArgumentException>(() => writer.WriteRow([(1L << 53) + 1]));
    }

    [Fact]
    public void values_of_the_wrong_type_or_count_are_refused()
    {
        var dataset = new XptDataset("DM", "", [Id, new XptVariable("N", "", XptType.Numeric, 8)]);
        var writer = XptWriter.Create(new MemoryStream(), dataset, XptTestData.Created);

        Assert.Throws<ArgumentException>(() => writer.WriteRow(["A"]));
        Assert.Throws<ArgumentException>(() => writer.WriteRow([1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => writer.WriteRow(["A", "1"]));
        Assert.Throws<ArgumentException>(() => writer.WriteRow(["A", DateTime.Now]));
    }

    [Fact]
    public void each_row_reaches_the_stream_as_it_is_written()
    {
        var output = new MemoryStream();
        var writer = XptWriter.Create(output, XptTestData.Mixed(), XptTestData.Created);
        long headers = output.Length;

        foreach (var row in XptTestData.MixedRows().Take(3))
        {
            writer.WriteRow(row);
        }

        Assert.Equal(headers + 3 * writer.ObservationLength, output.Length);
    }

    [Fact]
    public void headers_follow_the_ts140_record_layout()
    {
        byte[] file = XptTestData.Write(XptTestData.Mixed(), XptTestData.MixedRows());
        string text = Encoding.Latin1.GetString(file);

        Assert.Equal(0, file.Length % 80);
        Assert.Equal("HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!000000000000000000000000000000  ", text[..80]);
        Assert.Equal("SAS     SAS     SASLIB  9.4     TRIALOPS" + new string(' ', 24) + "21NOV25:09:05:07", text[80..160]);
        Assert.Equal("21NOV25:09:05:07" + new string(' ', 64), text[160..240]);
        Assert.Equal("HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!000000000000000001600000000140  ", text[240..320]);
        Assert.Equal("HEADER RECORD*******DSCRPTR HEADER RECORD!!!!!!!000000000000000000000000000000  ", text[320..400]);
        Assert.Equal("SAS     MIXED   SASDATA 9.4     TRIALOPS" + new string(' ', 24) + "21NOV25:09:05:07", text[400..480]);
        Assert.Equal("21NOV25:09:05:07" + new string(' ', 16) + "Mixed types for round trips".PadRight(40) + new string(' ', 8), text[480..560]);
        Assert.Equal("HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!000000000500000000000000000000  ", text[560..640]);

        // 5 NAMESTRs of 140 bytes = 700 bytes, padded with blanks to 720; then the OBS header.
        Assert.Equal("ID      Identifier", text.Substring(640 + 8, 18));
        Assert.Equal(new string(' ', 20), text.Substring(640 + 700, 20));
        Assert.Equal("HEADER RECORD*******OBS     HEADER RECORD!!!!!!!000000000000000000000000000000  ", text.Substring(640 + 720, 80));
        Assert.Equal("S-001       ", text.Substring(640 + 800, 12));
    }

    [Fact]
    public void width_helper_measures_the_longest_value_in_bytes()
    {
        Assert.Equal(5, XptVariable.WidthFor(["a", null, "abcde", ""]));
        Assert.Equal(1, XptVariable.WidthFor([null, ""]));
        Assert.Equal(4, XptVariable.WidthFor(["é"], Encoding.UTF32));
    }

    [Fact]
    public void rows_cannot_be_written_after_completion()
    {
        var writer = XptWriter.Create(new MemoryStream(), new XptDataset("DM", "", [Id]), XptTestData.Created);
        writer.WriteRow(["A"]);
        writer.Complete();

        Assert.Throws<InvalidOperationException>(() => writer.WriteRow(["B"]));
    }
}
