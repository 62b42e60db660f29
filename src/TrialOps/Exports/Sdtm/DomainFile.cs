using System.Text;
using TrialOps.Cdisc;
using TrialOps.Exports.Define;

namespace TrialOps.Exports.Sdtm;

/// <summary>A value does not fit the export's layout (too long, or not ASCII for XPT); the export stops.</summary>
public sealed class ExportDataException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One dataset written as <c>&lt;domain&gt;.csv</c>, <c>&lt;domain&gt;.xpt</c> and <c>&lt;domain&gt;.json</c>
/// (Dataset-JSON 1.1) with the same columns and values.
/// </summary>
/// <remarks>
/// The FDA asks for character lengths sized to the data (the longest value of the column, FDAC036),
/// and XPORT and Dataset-JSON state those lengths before the first row. So the CSV is written as
/// rows come, each row is also kept in a spool file beside the export (deleted when closed), and the
/// XPT and the Dataset-JSON are written from the spool once the dataset's lengths are known. Memory
/// still holds one row at a time. Every value is checked as it comes (ASCII, and at most the
/// variable's maximum length in <see cref="SdtmDomains"/>), so a value that does not fit stops the
/// export naming its subject.
/// </remarks>
public sealed class DomainFile : IDisposable
{
    private const byte Missing = 0;
    private const byte Text = 1;
    private const byte Number = 2;

    /// <summary>XPORT v5 text is US-ASCII; a character outside it stops the export (never a '?').</summary>
    private static readonly Encoding StrictAscii = Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private readonly HashingFileStream _csvStream;
    private readonly HashingFileStream _xptStream;
    private readonly HashingFileStream _jsonStream;
    private readonly FileStream _spool;
    private readonly BinaryWriter _spoolWriter;
    private readonly CsvWriter _csv;
    private readonly string _studyId;
    private readonly DateTime _created;
    private readonly DefineFacts? _facts;
    private readonly int[] _widths;
    private readonly string[] _paths;

    private DomainFile(SdtmDomain domain, string directory, HashingFileStream[] streams, FileStream spool, string studyId, DateTime created, DefineFacts? facts)
    {
        Domain = domain;
        _paths = [.. new[] { domain.CsvFileName, domain.XptFileName, domain.JsonFileName }.Select(name => Path.Combine(directory, name))];
        _csvStream = streams[0];
        _xptStream = streams[1];
        _jsonStream = streams[2];
        _spool = spool;
        _spoolWriter = new BinaryWriter(spool, Encoding.ASCII, leaveOpen: true);
        _studyId = studyId;
        _created = created;
        _facts = facts;
        _widths = new int[domain.Variables.Count];
        _csv = CsvWriter.Create(_csvStream, domain.Dataset);
    }

    /// <summary>The dataset's variables with their maximum lengths.</summary>
    public SdtmDomain Domain { get; }

    /// <summary>The dataset as written after <see cref="Complete"/>: every character length the longest value's (at least 1).</summary>
    public SdtmDomain? Written { get; private set; }

    public long RowCount { get; private set; }

    /// <param name="created">The XPT header and Dataset-JSON timestamp: the as-of event's recorded-at, never the clock.</param>
    /// <param name="facts">Collects what define.xml says about the values (codelists, value-level metadata); null for none.</param>
    public static DomainFile Create(string directory, SdtmDomain domain, string studyId, DateTime created, DefineFacts? facts = null)
    {
        var streams = new List<HashingFileStream>();
        FileStream? spool = null;
        try
        {
            foreach (var name in new[] { domain.CsvFileName, domain.XptFileName, domain.JsonFileName })
            {
                streams.Add(new HashingFileStream(Path.Combine(directory, name)));
            }

            spool = new FileStream(
                Path.Combine(directory, $".{domain.Code.ToLowerInvariant()}.rows"),
                FileMode.CreateNew,
                FileAccess.ReadWrite,
                FileShare.None,
                1 << 16,
                FileOptions.DeleteOnClose | FileOptions.SequentialScan);
            return new DomainFile(domain, directory, [.. streams], spool, studyId, created, facts);
        }
        catch
        {
            spool?.Dispose();
            streams.ForEach(s => s.Dispose());
            throw;
        }
    }

    /// <param name="subject">Named in the error when a value does not fit (null for trial-level rows).</param>
    public void Write(SdtmRow row, string? subject)
    {
        var values = row.Values;
        for (var i = 0; i < values.Count; i++)
        {
            var variable = Domain.Variables[i];
            switch (values[i])
            {
                case string text:
                    int bytes;
                    try
                    {
                        bytes = StrictAscii.GetByteCount(text);
                    }
                    catch (EncoderFallbackException e)
                    {
                        throw Refused(subject, $"Row {RowCount + 1}, {variable.Name}: '{text}' has a character us-ascii cannot encode.", e);
                    }

                    if (bytes > variable.Length)
                    {
                        throw Refused(subject, $"Row {RowCount + 1}, {variable.Name}: the value is {bytes} bytes but the variable holds {variable.Length}; nothing is truncated.");
                    }

                    _widths[i] = Math.Max(_widths[i], bytes);
                    break;
                case double number when !double.IsFinite(number):
                    throw Refused(subject, $"Row {RowCount + 1}, {variable.Name}: NaN and infinity are not data.");
            }
        }

        try
        {
            _csv.WriteRow(values);
        }
        catch (ArgumentException e)
        {
            throw Refused(subject, e.Message, e);
        }

        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    _spoolWriter.Write(Missing);
                    break;
                case string text:
                    _spoolWriter.Write(Text);
                    _spoolWriter.Write(text);
                    break;
                case double number:
                    _spoolWriter.Write(Number);
                    _spoolWriter.Write(number);
                    break;
            }
        }

        _facts?.Observe(Domain, values);
        RowCount++;
    }

    /// <summary>
    /// Completes the CSV, sizes the character variables to the data, writes the XPT and the
    /// Dataset-JSON from the spool, and returns the three files with their SHA-256 and size.
    /// </summary>
    public IReadOnlyList<ExportedFile> Complete()
    {
        _csv.Complete();
        var sized = new SdtmDomain(
            Domain.Code,
            Domain.Label,
            [.. Domain.Variables.Select((v, i) => v.Type == XptType.Character ? v with { Length = Math.Max(1, _widths[i]) } : v)]);
        _spoolWriter.Flush();
        _spool.Position = 0;
        var xpt = XptWriter.Create(_xptStream, sized.Dataset, _created);
        var json = DatasetJsonWriter.Create(_jsonStream, sized, _studyId, _created);
        using (var reader = new BinaryReader(_spool, Encoding.ASCII, leaveOpen: true))
        {
            var values = new object?[sized.Variables.Count];
            for (long row = 0; row < RowCount; row++)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.ReadByte() switch
                    {
                        Text => reader.ReadString(),
                        Number => reader.ReadDouble(),
                        _ => null,
                    };
                }

                try
                {
                    xpt.WriteRow(values);
                }
                catch (ArgumentException e)
                {
                    throw new ExportDataException($"{Domain.Code}: {e.Message}", e);
                }

                json.WriteRow(values);
            }
        }

        xpt.Complete();
        json.Complete();
        _spoolWriter.Dispose();
        _spool.Dispose();
        Written = sized;
        return [_csvStream.Complete(), _xptStream.Complete(), _jsonStream.Complete()];
    }

    /// <summary>Closes and deletes the three files: a dataset with no rows that the export leaves out.</summary>
    public void Discard()
    {
        Dispose();
        foreach (var path in _paths)
        {
            File.Delete(path);
        }
    }

    public void Dispose()
    {
        // A BinaryWriter that leaves its stream open flushes it on every Dispose, even once closed.
        if (Written is null)
        {
            _spoolWriter.Dispose();
        }

        _spool.Dispose();
        _csvStream.Dispose();
        _xptStream.Dispose();
        _jsonStream.Dispose();
    }

    private ExportDataException Refused(string? subject, string message, Exception? inner = null) =>
        new($"{Domain.Code}{(subject is null ? "" : $" for subject {subject}")}: {message}", inner);
}
