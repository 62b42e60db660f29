using System.Buffers.Binary;
using System.Text;

namespace TrialOps.Cdisc;

/// <summary>
/// Streams one dataset as a SAS XPORT version 5 transport file (SAS TS-140): library header, member
/// header, 140-byte NAMESTR records, OBS header, then observations packed back to back with the last
/// 80-byte record padded with blanks. Numerics are 8-byte IBM 370 doubles (<see cref="IbmFloat"/>),
/// character values blank-padded to their declared length.
/// </summary>
/// <remarks>
/// Usage: <see cref="Create"/>, then <see cref="WriteRow"/> once per observation, then
/// <see cref="Complete"/>. Rows are encoded and written as they come; nothing is buffered beyond one
/// observation. The output depends only on the dataset, the rows and <c>created</c> (used for both
/// the created and modified stamps), so the same input yields byte-identical files. The writer
/// neither flushes nor closes <c>output</c> until <see cref="Complete"/>, and never closes it.
/// Character values are encoded with strict US-ASCII by default (the FDA expects ASCII in v5
/// transport files); pass another encoding to allow more, knowing that lengths count bytes.
/// </remarks>
public sealed class XptWriter
{
    /// <summary>The SAS release written in the headers; readers use it only for display.</summary>
    public const string SasVersion = "9.4";

    /// <summary>The operating-system field of the headers (8 characters at most).</summary>
    public const string OperatingSystem = "TRIALOPS";

    private readonly Stream _output;
    private readonly Encoding _encoding;
    private readonly XptVariable[] _variables;
    private readonly int[] _positions;
    private readonly byte[] _observation;
    private bool _lastRowBlank;
    private bool _completed;

    private XptWriter(Stream output, XptDataset dataset, Encoding encoding, int[] positions, int observationLength)
    {
        _output = output;
        _encoding = encoding;
        Dataset = dataset;
        _variables = [.. dataset.Variables];
        _positions = positions;
        _observation = new byte[observationLength];
    }

    /// <summary>The dataset being written.</summary>
    public XptDataset Dataset { get; }

    /// <summary>Observations written so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Bytes of one observation: the sum of the variable lengths.</summary>
    public int ObservationLength => _observation.Length;

    /// <summary>
    /// Validates <paramref name="dataset"/> and writes all headers. Throws
    /// <see cref="ArgumentException"/> naming the offending part before anything is written.
    /// </summary>
    /// <param name="output">A writable stream; the writer does not close it.</param>
    /// <param name="dataset">Name, label and variables, with character lengths fixed up front.</param>
    /// <param name="created">The header timestamp (wall-clock fields, second precision).</param>
    /// <param name="encoding">Character encoding; default strict US-ASCII.</param>
    public static XptWriter Create(Stream output, XptDataset dataset, DateTime created, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(dataset);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        var effectiveEncoding = encoding ?? XptText.StrictAscii;
        if (effectiveEncoding.EncoderFallback is not EncoderExceptionFallback)
        {
            // A replacement fallback would turn unencodable characters into '?' without a word.
            effectiveEncoding = (Encoding)effectiveEncoding.Clone();
            effectiveEncoding.EncoderFallback = EncoderFallback.ExceptionFallback;
        }

        var positions = Validate(dataset, effectiveEncoding, out int observationLength);
        var writer = new XptWriter(output, dataset, effectiveEncoding, positions, observationLength);
        writer.WriteHeaders(created);
        return writer;
    }

    /// <summary>
    /// Encodes and writes one observation. <paramref name="values"/> has one entry per variable:
    /// for numerics null (SAS missing <c>.</c>) or a number (double, float, decimal or an integer type);
    /// for character variables null (blank) or a string no longer than the variable's length in bytes.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong count, wrong type, NaN/infinity, or a value too long.</exception>
    public void WriteRow(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (_completed)
        {
            throw new InvalidOperationException("The XPORT file is already complete.");
        }

        if (values.Count != _variables.Length)
        {
            throw new ArgumentException(
                $"Row {RowCount + 1} of {Dataset.Name} has {values.Count} values; the dataset has {_variables.Length} variables.",
                nameof(values));
        }

        var observation = _observation.AsSpan();
        for (int i = 0; i < _variables.Length; i++)
        {
            var variable = _variables[i];
            var field = observation.Slice(_positions[i], variable.Length);
            if (variable.Type == XptType.Numeric)
            {
                EncodeNumeric(variable, values[i], field);
            }
            else
            {
                EncodeCharacter(variable, values[i], field);
            }
        }

        _output.Write(observation);
        _lastRowBlank = !observation.ContainsAnyExcept((byte)' ');
        RowCount++;
    }

    /// <summary>Pads the last record with blanks and flushes the stream.</summary>
    /// <exception cref="InvalidOperationException">
    /// The last observation is all blanks and would be indistinguishable from the padding (see remarks
    /// of <see cref="XptReader"/>); such a file would silently lose that row when read back.
    /// </exception>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        long dataLength = RowCount * _observation.Length;
        int padding = (int)((XptText.RecordLength - dataLength % XptText.RecordLength) % XptText.RecordLength);
        long lastRecordStart = dataLength + padding - XptText.RecordLength;
        if (_lastRowBlank && dataLength - _observation.Length > lastRecordStart)
        {
            throw new InvalidOperationException(
                $"The last row of {Dataset.Name} is entirely blank and lies in the final 80-byte record, where readers " +
                "take it for padding. Give it a non-blank value or order the rows differently.");
        }

        Span<byte> blanks = stackalloc byte[XptText.RecordLength];
        blanks.Fill((byte)' ');
        _output.Write(blanks[..padding]);
        _output.Flush();
        _completed = true;
    }

    private static int[] Validate(XptDataset dataset, Encoding encoding, out int observationLength)
    {
        if (!XptText.IsValidName(dataset.Name))
        {
            throw new ArgumentException(
                $"Dataset name '{dataset.Name}' is not a SAS V5 name: 1–8 characters A–Z, 0–9 or _, not starting with a digit.",
                nameof(dataset));
        }

        CheckLabel(dataset.Label, $"dataset {dataset.Name}", encoding);
        if (dataset.Variables is null || dataset.Variables.Count == 0)
        {
            throw new ArgumentException($"Dataset {dataset.Name} has no variables.", nameof(dataset));
        }

        if (dataset.Variables.Count > 9999)
        {
            throw new ArgumentException($"Dataset {dataset.Name} has more than 9,999 variables.", nameof(dataset));
        }

        var positions = new int[dataset.Variables.Count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        int position = 0;
        for (int i = 0; i < dataset.Variables.Count; i++)
        {
            var variable = dataset.Variables[i]
                ?? throw new ArgumentException($"Variable {i + 1} of {dataset.Name} is null.", nameof(dataset));
            if (!XptText.IsValidName(variable.Name))
            {
                throw new ArgumentException(
                    $"Variable name '{variable.Name}' in {dataset.Name} is not a SAS V5 name: 1–8 characters A–Z, 0–9 or _, not starting with a digit.",
                    nameof(dataset));
            }

            if (!names.Add(variable.Name))
            {
                throw new ArgumentException($"Variable {variable.Name} appears twice in {dataset.Name}.", nameof(dataset));
            }

            CheckLabel(variable.Label, $"variable {variable.Name}", encoding);
            switch (variable.Type)
            {
                case XptType.Numeric when variable.Length != XptText.NumericLength:
                    throw new ArgumentException(
                        $"Numeric variable {variable.Name} has length {variable.Length}; numerics are written as 8-byte IBM doubles.",
                        nameof(dataset));
                case XptType.Character when variable.Length is < 1 or > XptText.MaxCharacterLength:
                    throw new ArgumentException(
                        $"Character variable {variable.Name} has length {variable.Length}; V5 allows 1 to 200 bytes.",
                        nameof(dataset));
                case XptType.Numeric or XptType.Character:
                    break;
                default:
                    throw new ArgumentException($"Variable {variable.Name} has unknown type {variable.Type}.", nameof(dataset));
            }

            if (variable.Format is not null && !XptText.TryParseFormat(variable.Format, out _, out _, out _))
            {
                throw new ArgumentException(
                    $"Format '{variable.Format}' of {variable.Name} is not a SAS format such as DATE9., 8.2 or $CHAR20. (name ≤ 8 characters).",
                    nameof(dataset));
            }

            positions[i] = position;
            position += variable.Length;
        }

        observationLength = position;
        return positions;
    }

    private static void CheckLabel(string? label, string owner, Encoding encoding)
    {
        if (label is null)
        {
            throw new ArgumentException($"The label of {owner} is null; use an empty string for none.", "dataset");
        }

        int bytes;
        try
        {
            bytes = encoding.GetByteCount(label);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"The label of {owner} has a character {encoding.WebName} cannot encode.", "dataset", e);
        }

        if (bytes > XptText.MaxLabelLength)
        {
            throw new ArgumentException($"The label of {owner} is {bytes} bytes; V5 allows 40.", "dataset");
        }
    }

    private void EncodeNumeric(XptVariable variable, object? value, Span<byte> field)
    {
        if (value is null)
        {
            IbmFloat.WriteMissing(field);
            return;
        }

        double number = value switch
        {
            double d => d,
            float f => f,
            decimal m => (double)m,
            int n => n,
            short n => n,
            byte n => n,
            sbyte n => n,
            ushort n => n,
            uint n => n,
            long n when Math.Abs(n) <= 1L << 53 => n,
            ulong n when n <= 1UL << 53 => n,
            long or ulong => throw new ArgumentException(
                $"Row {RowCount + 1}, {variable.Name}: {value} has more digits than a double holds exactly.", "values"),
            _ => throw new ArgumentException(
                $"Row {RowCount + 1}, {variable.Name}: a numeric variable takes a number or null, not {value.GetType().Name}.", "values"),
        };

        try
        {
            IbmFloat.Write(number, field);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"Row {RowCount + 1}, {variable.Name}: {e.Message}", "values", e);
        }
    }

    private void EncodeCharacter(XptVariable variable, object? value, Span<byte> field)
    {
        field.Fill((byte)' ');
        if (value is null)
        {
            return;
        }

        if (value is not string text)
        {
            throw new ArgumentException(
                $"Row {RowCount + 1}, {variable.Name}: a character variable takes a string or null, not {value.GetType().Name}.", "values");
        }

        int byteCount;
        try
        {
            byteCount = _encoding.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException(
                $"Row {RowCount + 1}, {variable.Name}: '{text}' has a character {_encoding.WebName} cannot encode.", "values", e);
        }

        if (byteCount > variable.Length)
        {
            throw new ArgumentException(
                $"Row {RowCount + 1}, {variable.Name}: the value is {byteCount} bytes but the variable holds {variable.Length}; nothing is truncated.",
                "values");
        }

        _encoding.GetBytes(text, field);
    }

    private void WriteHeaders(DateTime created)
    {
        string stamp = XptText.Timestamp(created);
        WriteRecord(XptText.LibraryHeader);
        WriteRecord("SAS     SAS     SASLIB  " + Pad(SasVersion, 8) + Pad(OperatingSystem, 8) + new string(' ', 24) + stamp);
        WriteRecord(stamp);

        WriteRecord(XptText.MemberHeader);
        WriteRecord(XptText.DescriptorHeader);
        WriteRecord("SAS     " + Pad(Dataset.Name, 8) + "SASDATA " + Pad(SasVersion, 8) + Pad(OperatingSystem, 8) + new string(' ', 24) + stamp);
        var second = new byte[XptText.RecordLength];
        second.AsSpan().Fill((byte)' ');
        Encoding.ASCII.GetBytes(stamp, second);
        _encoding.GetBytes(Dataset.Label, second.AsSpan(32, 40));
        _output.Write(second);

        WriteRecord(XptText.NamestrHeader(_variables.Length));
        var namestr = new byte[XptText.NamestrLength];
        for (int i = 0; i < _variables.Length; i++)
        {
            EncodeNamestr(_variables[i], i + 1, _positions[i], namestr);
            _output.Write(namestr);
        }

        int namestrBytes = _variables.Length * XptText.NamestrLength;
        WriteBlanks((XptText.RecordLength - namestrBytes % XptText.RecordLength) % XptText.RecordLength);
        WriteRecord(XptText.ObservationHeader);
    }

    private void EncodeNamestr(XptVariable variable, int number, int position, Span<byte> namestr)
    {
        namestr.Clear();
        BinaryPrimitives.WriteInt16BigEndian(namestr[0..], (short)variable.Type);
        BinaryPrimitives.WriteInt16BigEndian(namestr[2..], 0);
        BinaryPrimitives.WriteInt16BigEndian(namestr[4..], (short)variable.Length);
        BinaryPrimitives.WriteInt16BigEndian(namestr[6..], (short)number);
        WriteBlankPadded(namestr.Slice(8, 8), variable.Name, Encoding.ASCII);
        WriteBlankPadded(namestr.Slice(16, 40), variable.Label, _encoding);

        string formatName = "";
        int width = 0;
        int decimals = 0;
        if (variable.Format is not null)
        {
            XptText.TryParseFormat(variable.Format, out formatName, out width, out decimals);
        }

        WriteBlankPadded(namestr.Slice(56, 8), formatName, Encoding.ASCII);
        BinaryPrimitives.WriteInt16BigEndian(namestr[64..], (short)width);
        BinaryPrimitives.WriteInt16BigEndian(namestr[66..], (short)decimals);
        // nfj (justification) stays 0, as SAS itself writes it for both types (checked against the CDISC pilot).
        WriteBlankPadded(namestr.Slice(72, 8), "", Encoding.ASCII);
        BinaryPrimitives.WriteInt32BigEndian(namestr[84..], position);
    }

    private static void WriteBlankPadded(Span<byte> destination, string text, Encoding encoding)
    {
        destination.Fill((byte)' ');
        encoding.GetBytes(text, destination);
    }

    private void WriteRecord(string text)
    {
        Span<byte> record = stackalloc byte[XptText.RecordLength];
        record.Fill((byte)' ');
        Encoding.ASCII.GetBytes(text, record);
        _output.Write(record);
    }

    private void WriteBlanks(int count)
    {
        Span<byte> blanks = stackalloc byte[XptText.RecordLength];
        blanks.Fill((byte)' ');
        _output.Write(blanks[..count]);
    }

    private static string Pad(string text, int width) => text.PadRight(width).Substring(0, width);
}
