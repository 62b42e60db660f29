using System.Text;

namespace TrialOps.Cdisc.Tests;

public class XptRoundTripTests
{
    [Fact]
    public void written_dataset_reads_back_with_the_same_structure()
    {
        var dataset = XptTestData.Mixed();

        var (reader, _) = XptTestData.Read(XptTestData.Write(dataset, XptTestData.MixedRows()));

        Assert.Equal("MIXED", reader.Dataset.Name);
        Assert.Equal("Mixed types for round trips", reader.Dataset.Label);
        Assert.Equal(dataset.Variables, reader.Dataset.Variables);
        Assert.Equal([0, 12, 20, 220, 228], reader.Variables.Select(v => v.Position));
        Assert.Equal([1, 2, 3, 4, 5], reader.Variables.Select(v => v.Number));
        Assert.Equal(229, reader.ObservationLength);
        Assert.Equal(XptTestData.Created, reader.Created);
        Assert.Equal(XptTestData.Created, reader.Modified);
    }

    [Fact]
    public void written_values_read_back_unchanged_including_missing_negative_tiny_and_huge_numbers()
    {
        var dataset = XptTestData.Mixed();
        var rows = XptTestData.MixedRows();

        var (_, read) = XptTestData.Read(XptTestData.Write(dataset, rows));

        Assert.Equal(rows.Count, read.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var expected = rows[r].Select((value, i) => Expected(value, dataset.Variables[i].Type)).ToArray();
            Assert.Equal(expected, read[r]);
        }

        Assert.Equal(200, ((string)read[0][2]!).Length);
    }

    [Fact]
    public void a_row_of_only_missing_numerics_is_kept()
    {
        var dataset = new XptDataset("NUMS", "", [new XptVariable("A", "", XptType.Numeric, 8)]);
        object?[][] rows = [[1.0], [null], [null]];

        var (_, read) = XptTestData.Read(XptTestData.Write(dataset, rows));

        Assert.Equal([1.0, null, null], read.Select(r => r[0]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(80)]
    public void padding_of_the_last_record_is_not_read_as_observations(int rowCount)
    {
        var dataset = new XptDataset("SHORT", "", [new XptVariable("C", "", XptType.Character, 10)]);
        var rows = Enumerable.Range(1, rowCount).Select(i => new object?[] { $"R{i}" }).ToList();

        byte[] file = XptTestData.Write(dataset, rows);
        var (_, read) = XptTestData.Read(file);

        Assert.Equal(0, file.Length % 80);
        Assert.Equal(rows.Select(r => r[0]), read.Select(r => r[0]));
    }

    [Fact]
    public void blank_rows_followed_by_data_are_kept()
    {
        var dataset = new XptDataset("BLANKS", "", [new XptVariable("C", "", XptType.Character, 10)]);
        // 10 rows of 10 bytes: rows 0–7 fill the first record; rows 8 (blank) and 9 start the final one.
        object?[][] rows = [[""], [""], ["A"], [""], [""], [""], [""], [""], [""], ["C"]];

        var (_, read) = XptTestData.Read(XptTestData.Write(dataset, rows));

        Assert.Equal(["", "", "A", "", "", "", "", "", "", "C"], read.Select(r => r[0]));
    }

    [Fact]
    public void a_blank_last_row_that_readers_would_take_for_padding_is_refused()
    {
        var dataset = new XptDataset("BLANKS", "", [new XptVariable("C", "", XptType.Character, 10)]);
        var writer = XptWriter.Create(new MemoryStream(), dataset, XptTestData.Created);
        writer.WriteRow(["A"]);
        writer.WriteRow([null]);

        var error = Assert.Throws<InvalidOperationException>(writer.Complete);
        Assert.Contains("blank", error.Message);
    }

    [Fact]
    public void a_blank_last_row_of_80_bytes_or_more_is_kept()
    {
        var dataset = new XptDataset("WIDE", "", [new XptVariable("C", "", XptType.Character, 100)]);

        var (_, read) = XptTestData.Read(XptTestData.Write(dataset, [["A"], [""]]));

        Assert.Equal(["A", ""], read.Select(r => r[0]));
    }

    [Fact]
    public void a_dataset_without_rows_reads_back_empty()
    {
        var (reader, read) = XptTestData.Read(XptTestData.Write(XptTestData.Mixed(), []));

        Assert.Empty(read);
        Assert.Equal(5, reader.Variables.Count);
    }

    [Fact]
    public void latin1_encoding_writes_accented_characters_when_asked()
    {
        var dataset = new XptDataset("ENC", "Étiquette", [new XptVariable("C", "Libellé", XptType.Character, 8)]);

        var (reader, read) = XptTestData.Read(
            XptTestData.Write(dataset, [["Übelkeit"]], encoding: Encoding.Latin1), Encoding.Latin1);

        Assert.Equal("Übelkeit", read[0][0]);
        Assert.Equal("Libellé", reader.Variables[0].Label);
        Assert.Equal("Étiquette", reader.Dataset.Label);
    }

    [Fact]
    public void same_input_and_timestamp_give_byte_identical_files()
    {
        byte[] first = XptTestData.Write(XptTestData.Mixed(), XptTestData.MixedRows());
        byte[] second = XptTestData.Write(XptTestData.Mixed(), XptTestData.MixedRows());
        byte[] later = XptTestData.Write(XptTestData.Mixed(), XptTestData.MixedRows(), XptTestData.Created.AddSeconds(1));

        Assert.Equal(first, second);
        Assert.NotEqual(first, later);
    }

    /// <summary>What the reader returns: blank-padded text without trailing blanks, numbers as double.</summary>
    private static object? Expected(object? written, XptType type) => (written, type) switch
    {
        (null, XptType.Character) => "",
        (string s, _) => s.TrimEnd(' '),
        (int n, _) => (double)n,
        _ => written,
    };
}
