using System.Text;

namespace TrialOps.Cdisc.Tests;

public class CsvWriterTests
{
    [Fact]
    public void rows_are_written_with_rfc4180_quoting_and_lf_line_ends()
    {
        string csv = Write(["ID", "TEXT"],
            ["1", "plain"],
            ["2", "comma, inside"],
            ["3", "quote \" inside"],
            ["4", "line\nbreak"],
            ["5", "carriage\rreturn"],
            ["6", " spaces kept "]);

        Assert.Equal(
            "ID,TEXT\n1,plain\n2,\"comma, inside\"\n3,\"quote \"\" inside\"\n4,\"line\nbreak\"\n5,\"carriage\rreturn\"\n6, spaces kept \n",
            csv);
    }

    [Fact]
    public void numbers_use_invariant_round_trip_text_and_missing_is_empty()
    {
        string csv = Write(["A", "B", "C", "D", "E"],
            [0.1, -1.5, 1.0 / 3, null, 12345678901234L],
            [1e-78, 7e75, 42, 1.5m, 2.5f]);

        var lines = csv.Split('\n');
        Assert.Equal("0.1,-1.5,0.3333333333333333,,12345678901234", lines[1]);
        Assert.Equal("1E-78,7E+75,42,1.5,2.5", lines[2]);
        Assert.Equal(1.0 / 3, double.Parse(lines[1].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void output_is_utf8_without_a_byte_order_mark()
    {
        var output = new MemoryStream();
        var writer = CsvWriter.Create(output, ["TERM"]);
        writer.WriteRow(["Übelkeit ≥ 2"]);
        writer.Complete();

        byte[] bytes = output.ToArray();
        Assert.Equal((byte)'T', bytes[0]);
        Assert.Equal("TERM\nÜbelkeit ≥ 2\n", new UTF8Encoding(false, true).GetString(bytes));
    }

    [Fact]
    public void an_empty_value_in_a_single_column_file_is_not_a_blank_line()
    {
        Assert.Equal("A\n\"\"\nx\n", Write(["A"], [null], ["x"]));
    }

    [Fact]
    public void the_header_can_come_from_an_xpt_dataset()
    {
        var output = new MemoryStream();
        CsvWriter.Create(output, XptTestData.Mixed()).Complete();

        Assert.Equal("ID,VALUE,TEXT200,ADT,FLAG_1\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void unsupported_values_and_wrong_counts_are_refused()
    {
        var writer = CsvWriter.Create(new MemoryStream(), ["A", "B"]);

        Assert.Throws<ArgumentException>(() => writer.WriteRow(["only one"]));
        Assert.Throws<ArgumentException>(() => writer.WriteRow([double.NaN, "x"]));
        Assert.Throws<ArgumentException>(() => writer.WriteRow([DateTime.UnixEpoch, "x"]));
        Assert.Throws<ArgumentException>(() => writer.WriteRow([true, "x"]));
        Assert.Equal(0, writer.RowCount);
    }

    [Fact]
    public void rows_are_flushed_to_the_stream_while_writing()
    {
        var output = new MemoryStream();
        var writer = CsvWriter.Create(output, ["N"]);
        for (int i = 0; i < 50_000; i++)
        {
            writer.WriteRow([i]);
        }

        Assert.True(output.Length > 0, "the writer buffers a bounded amount and flushes as it goes");
        writer.Complete();
        Assert.Equal(50_001, Encoding.UTF8.GetString(output.ToArray()).Count(c => c == '\n'));
    }

    private static string Write(IReadOnlyList<string> header, params object?[][] rows)
    {
        var output = new MemoryStream();
        var writer = CsvWriter.Create(output, header);
        foreach (var row in rows)
        {
            writer.WriteRow(row);
        }

        writer.Complete();
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
