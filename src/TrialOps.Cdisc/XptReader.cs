using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace TrialOps.Cdisc;

/// <summary>
/// Reads the first member of a SAS XPORT version 5 transport file: headers and NAMESTR records on
/// <see cref="Open(Stream, Encoding?, bool)"/>, observations one at a time from <see cref="ReadRows"/>.
/// Numerics come back as <see cref="double"/>? (null for <c>.</c>, <c>._</c> and <c>.A</c>–<c>.Z</c>),
/// character values as <see cref="string"/> without their trailing blanks ("" when blank).
/// </summary>
/// <remarks>
/// Padding: observations are packed back to back and the last 80-byte record is filled with blanks.
/// When an observation is shorter than 80 bytes that padding can hold whole "observations" of blanks.
/// A trailing all-blank observation that starts after the first byte of the final record is therefore
/// taken for padding, as SAS and pandas do; a genuine all-blank last row in that position cannot be
/// told apart, and <see cref="XptWriter"/> refuses to write one. The default encoding is Latin-1,
/// which maps every byte to a character; pass the encoding the file was written in (the CDISC pilot
/// uses Windows-1252 in places) to decode other characters correctly.
/// </remarks>
public sealed class XptReader : IDisposable
{
    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly Encoding _encoding;
    private bool _rowsTaken;

    private XptReader(Stream input, bool leaveOpen, Encoding encoding)
    {
        _input = input;
        _leaveOpen = leaveOpen;
        _encoding = encoding;
    }

    /// <summary>Dataset name, label and variables, ready to hand to <see cref="XptWriter"/>.</summary>
    public XptDataset Dataset { get; private set; } = null!;

    /// <summary>Variables as stored, with number, byte position and formats.</summary>
    public IReadOnlyList<XptVariableInfo> Variables { get; private set; } = [];

    /// <summary>Bytes per observation.</summary>
    public int ObservationLength { get; private set; }

    /// <summary>The SAS release named in the member header (e.g. "9.3").</summary>
    public string SasVersion { get; private set; } = "";

    /// <summary>The operating system named in the member header (e.g. "X64_7HOM").</summary>
    public string OperatingSystem { get; private set; } = "";

    /// <summary>Member creation stamp; two-digit years 00–59 are read as 20xx. Null if unreadable.</summary>
    public DateTime? Created { get; private set; }

    /// <summary>Member modification stamp, as <see cref="Created"/>.</summary>
    public DateTime? Modified { get; private set; }

    /// <summary>Opens a file and reads its headers.</summary>
    public static XptReader Open(string path, Encoding? encoding = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        try
        {
            return Open(stream, encoding, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the headers from <paramref name="input"/>, leaving it at the first observation.</summary>
    /// <exception cref="InvalidDataException">Not an XPORT v5 file, or a damaged header.</exception>
    /// <exception cref="NotSupportedException">An XPORT version 8 file.</exception>
    public static XptReader Open(Stream input, Encoding? encoding = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reader = new XptReader(input, leaveOpen, encoding ?? Encoding.Latin1);
        reader.ReadHeaders();
        return reader;
    }

    /// <summary>Reads a whole file into memory: for tests and small datasets.</summary>
    public static (XptDataset Dataset, IReadOnlyList<XptVariableInfo> Variables, IReadOnlyList<object?[]> Rows) ReadAll(
        string path, Encoding? encoding = null)
    {
        using var reader = Open(path, encoding);
        var rows = reader.ReadRows().ToList();
        return (reader.Dataset, reader.Variables, rows);
    }

    /// <summary>
    /// The observations in file order, decoded lazily; enumerate once. Stops at the end of the file
    /// or at the next member header.
    /// </summary>
    public IEnumerable<object?[]> ReadRows()
    {
        if (_rowsTaken)
        {
            throw new InvalidOperationException("The observations of an XPORT file can be read once.");
        }

        _rowsTaken = true;
        return ObservationLength == 0 ? [] : IterateRows();
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _input.Dispose();
        }
    }

    private IEnumerable<object?[]> IterateRows()
    {
        int length = ObservationLength;
        var window = new byte[length + XptText.RecordLength];
        int start = 0;
        int end = 0;
        var current = new byte[XptText.RecordLength];
        var next = new byte[XptText.RecordLength];
        int currentCount = ReadRecord(current);
        while (currentCount > 0)
        {
            int nextCount = ReadRecord(next);
            bool currentIsFinal = nextCount == 0 || StartsWith(next, nextCount, XptText.MemberHeaderPrefix);

            Buffer.BlockCopy(window, start, window, 0, end - start);
            end -= start;
            start = 0;
            int finalRecordStart = end;
            Buffer.BlockCopy(current, 0, window, end, currentCount);
            end += currentCount;

            if (!currentIsFinal)
            {
                // Padding lives only in the final record, so every complete observation so far is real.
                while (end - start >= length)
                {
                    yield return Decode(window, start);
                    start += length;
                }

                (current, next) = (next, current);
                currentCount = nextCount;
                continue;
            }

            int rows = (end - start) / length;
            int leftover = start + rows * length;
            if (!IsBlank(window, leftover, end - leftover))
            {
                throw new InvalidDataException(
                    $"The last record of {Dataset.Name} ends with {end - leftover} bytes that are neither an observation nor blank padding.");
            }

            while (rows > 0)
            {
                int rowStart = start + (rows - 1) * length;
                if (rowStart <= finalRecordStart || !IsBlank(window, rowStart, length))
                {
                    break;
                }

                rows--;
            }

            for (int row = 0; row < rows; row++)
            {
                yield return Decode(window, start + row * length);
            }

            yield break;
        }
    }

    private object?[] Decode(byte[] buffer, int offset)
    {
        var values = new object?[Variables.Count];
        for (int i = 0; i < values.Length; i++)
        {
            var variable = Variables[i];
            var field = buffer.AsSpan(offset + variable.Position, variable.Length);
            if (variable.Type == XptType.Numeric)
            {
                values[i] = IbmFloat.Read(field);
            }
            else
            {
                int used = field.LastIndexOfAnyExcept((byte)' ') + 1;
                values[i] = used == 0 ? "" : _encoding.GetString(field[..used]);
            }
        }

        return values;
    }

    private void ReadHeaders()
    {
        var record = new byte[XptText.RecordLength];
        ReadHeaderRecord(record, "library header");
        if (StartsWith(record, record.Length, XptText.LibraryV8HeaderPrefix))
        {
            throw new NotSupportedException("This is a SAS XPORT version 8 file; only version 5 is supported.");
        }

        if (!StartsWith(record, record.Length, XptText.LibraryHeaderPrefix))
        {
            throw new InvalidDataException("Not a SAS XPORT version 5 file: the library header record is missing.");
        }

        ReadHeaderRecord(record, "first real header");
        ReadHeaderRecord(record, "second real header");

        ReadHeaderRecord(record, "member header");
        Expect(record, XptText.MemberHeaderPrefix, "member header");
        int namestrLength = ParseDigits(record, 74, 4, "NAMESTR length");
        if (namestrLength is not (140 or 136))
        {
            throw new InvalidDataException($"Unexpected NAMESTR length {namestrLength}; version 5 uses 140 (136 on VAX/VMS).");
        }

        ReadHeaderRecord(record, "descriptor header");
        Expect(record, XptText.DescriptorHeaderPrefix, "descriptor header");

        ReadHeaderRecord(record, "member descriptor");
        string datasetName = Ascii(record, 8, 8);
        SasVersion = Ascii(record, 24, 8);
        OperatingSystem = Ascii(record, 32, 8);
        Created = XptText.ParseTimestamp(Ascii(record, 64, 16));

        ReadHeaderRecord(record, "second member descriptor");
        Modified = XptText.ParseTimestamp(Ascii(record, 0, 16));
        string datasetLabel = Text(record, 32, 40);

        ReadHeaderRecord(record, "NAMESTR header");
        Expect(record, XptText.NamestrHeaderPrefix, "NAMESTR header");
        int variableCount = ParseDigits(record, 54, 4, "variable count");

        var namestrs = new byte[variableCount * namestrLength];
        ReadExactly(namestrs, "NAMESTR records");
        var variables = new XptVariableInfo[variableCount];
        int observationLength = 0;
        for (int i = 0; i < variableCount; i++)
        {
            variables[i] = DecodeNamestr(namestrs.AsSpan(i * namestrLength, namestrLength), i + 1);
            observationLength = Math.Max(observationLength, variables[i].Position + variables[i].Length);
        }

        int padding = (XptText.RecordLength - namestrs.Length % XptText.RecordLength) % XptText.RecordLength;
        ReadExactly(new byte[padding], "NAMESTR padding");

        ReadHeaderRecord(record, "OBS header");
        Expect(record, XptText.ObservationHeaderPrefix, "OBS header");

        Variables = variables;
        ObservationLength = observationLength;
        Dataset = new XptDataset(datasetName, datasetLabel, [.. variables.Select(v => v.ToVariable())]);
    }

    private XptVariableInfo DecodeNamestr(ReadOnlySpan<byte> namestr, int ordinal)
    {
        short type = BinaryPrimitives.ReadInt16BigEndian(namestr[0..]);
        short length = BinaryPrimitives.ReadInt16BigEndian(namestr[4..]);
        short number = BinaryPrimitives.ReadInt16BigEndian(namestr[6..]);
        string name = Ascii(namestr, 8, 8);
        string label = Text(namestr, 16, 40);
        string format = Ascii(namestr, 56, 8);
        short formatWidth = BinaryPrimitives.ReadInt16BigEndian(namestr[64..]);
        short formatDecimals = BinaryPrimitives.ReadInt16BigEndian(namestr[66..]);
        string informat = Ascii(namestr, 72, 8);
        short informatWidth = BinaryPrimitives.ReadInt16BigEndian(namestr[80..]);
        short informatDecimals = BinaryPrimitives.ReadInt16BigEndian(namestr[82..]);
        int position = BinaryPrimitives.ReadInt32BigEndian(namestr[84..]);

        var xptType = type switch
        {
            1 => XptType.Numeric,
            2 => XptType.Character,
            _ => throw new InvalidDataException($"Variable {ordinal} ({name}) has unknown type code {type}."),
        };

        bool lengthOk = xptType == XptType.Numeric ? length is >= 2 and <= 8 : length >= 1;
        if (!lengthOk || position < 0)
        {
            throw new InvalidDataException($"Variable {ordinal} ({name}) has length {length} at position {position}.");
        }

        return new XptVariableInfo(
            number > 0 ? number : ordinal,
            name,
            label,
            xptType,
            length,
            position,
            XptText.FormatText(format, formatWidth, formatDecimals),
            XptText.FormatText(informat, informatWidth, informatDecimals));
    }

    private int ReadRecord(byte[] record)
    {
        int total = 0;
        while (total < record.Length)
        {
            int read = _input.Read(record, total, record.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private void ReadHeaderRecord(byte[] record, string what) => ReadExactly(record, what);

    private void ReadExactly(byte[] buffer, string what)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = _input.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                throw new InvalidDataException($"The XPORT file ends inside the {what}.");
            }

            total += read;
        }
    }

    private static void Expect(byte[] record, string prefix, string what)
    {
        if (!StartsWith(record, record.Length, prefix))
        {
            throw new InvalidDataException($"Expected the {what} record, found '{Ascii(record, 0, 48)}'.");
        }
    }

    private static bool StartsWith(byte[] record, int count, string prefix)
    {
        if (count < prefix.Length)
        {
            return false;
        }

        for (int i = 0; i < prefix.Length; i++)
        {
            if (record[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int ParseDigits(byte[] record, int offset, int count, string what)
    {
        string text = Ascii(record, offset, count);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            throw new InvalidDataException($"The {what} '{text}' in the header is not a number.");
        }

        return value;
    }

    private static bool IsBlank(byte[] buffer, int offset, int count) =>
        !buffer.AsSpan(offset, count).ContainsAnyExcept((byte)' ');

    private static string Ascii(ReadOnlySpan<byte> bytes, int offset, int count) =>
        Encoding.Latin1.GetString(bytes.Slice(offset, count)).TrimEnd(' ', '\0');

    private static string Ascii(byte[] bytes, int offset, int count) => Ascii(bytes.AsSpan(), offset, count);

    private string Text(ReadOnlySpan<byte> bytes, int offset, int count)
    {
        var field = bytes.Slice(offset, count);
        int used = field.LastIndexOfAnyExcept((byte)' ', (byte)0) + 1;
        return _encoding.GetString(field[..used]);
    }
}
