using System.Globalization;
using System.Text;

namespace TrialOps.Cdisc;

/// <summary>
/// Streams an RFC 4180 CSV file: a header row, then one line per row. UTF-8 without a byte order mark.
/// Fields containing a comma, a double quote, CR or LF are quoted, with quotes doubled; nothing else is.
/// </summary>
/// <remarks>
/// Lines end with LF, not the CRLF of RFC 4180: the repository and the reference CSVs use LF, every
/// consumer we target (pandas, R, SAS PROC IMPORT, spreadsheet tools) reads both, and a single
/// convention keeps the bytes identical across platforms. Line breaks inside quoted values are kept
/// exactly as given. Numbers use the invariant culture; doubles and floats use the shortest text that
/// parses back to the same value ("R"). Missing values (null) are empty fields, as SAS and pandas read
/// them; empty strings are also empty fields, because a CSV cannot tell the two apart.
/// </remarks>
public sealed class CsvWriter
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly char[] CharactersNeedingQuotes = [',', '"', '\r', '\n'];

    private readonly StreamWriter _writer;
    private readonly int _columnCount;
    private bool _completed;

    private CsvWriter(Stream output, int columnCount)
    {
        _writer = new StreamWriter(output, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        _columnCount = columnCount;
    }

    /// <summary>Rows written so far, not counting the header.</summary>
    public long RowCount { get; private set; }

    /// <summary>Writes the header row. The writer does not close <paramref name="output"/>.</summary>
    public static CsvWriter Create(Stream output, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        if (header.Count == 0)
        {
            throw new ArgumentException("A CSV file needs at least one column.", nameof(header));
        }

        if (header.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Column names must not be empty.", nameof(header));
        }

        var writer = new CsvWriter(output, header.Count);
        writer.WriteFields(header, isHeader: true);
        return writer;
    }

    /// <summary>Writes the header row from the variable names of an XPORT dataset, in the same order.</summary>
    public static CsvWriter Create(Stream output, XptDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Create(output, [.. dataset.Variables.Select(v => v.Name)]);
    }

    /// <summary>
    /// Writes one row. Values may be null, string, or a number (double, float, decimal or an integer
    /// type); anything else is refused so that no culture- or type-dependent text slips in.
    /// </summary>
    public void WriteRow(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (_completed)
        {
            throw new InvalidOperationException("The CSV file is already complete.");
        }

        if (values.Count != _columnCount)
        {
            throw new ArgumentException(
                $"Row {RowCount + 1} has {values.Count} values; the header has {_columnCount} columns.", nameof(values));
        }

        WriteFields(values, isHeader: false);
        RowCount++;
    }

    /// <summary>Flushes everything written to the stream.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _writer.Flush();
        _completed = true;
    }

    private void WriteFields<T>(IReadOnlyList<T> values, bool isHeader)
    {
        bool lineIsEmpty = true;
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            string field = Format(values[i], i, isHeader);
            lineIsEmpty &= field.Length == 0;
            if (field.IndexOfAny(CharactersNeedingQuotes) >= 0)
            {
                _writer.Write('"');
                _writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                _writer.Write('"');
            }
            else
            {
                _writer.Write(field);
            }
        }

        if (lineIsEmpty && values.Count == 1)
        {
            // A one-column row with an empty value would be a blank line, which readers skip.
            _writer.Write("\"\"");
        }

        _writer.Write('\n');
    }

    private string Format(object? value, int column, bool isHeader) => value switch
    {
        null => "",
        string text => text,
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => f.ToString("R", CultureInfo.InvariantCulture),
        double or float => throw new ArgumentException(
            $"Row {RowCount + 1}, column {column + 1}: NaN and infinity are not data; write null for a missing value.", "values"),
        decimal or int or long or short or byte or sbyte or uint or ulong or ushort =>
            ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(
            isHeader
                ? $"Column {column + 1} of the header is not a string."
                : $"Row {RowCount + 1}, column {column + 1}: {value.GetType().Name} is not a CSV value; pass a string or a number.",
            "values"),
    };
}
