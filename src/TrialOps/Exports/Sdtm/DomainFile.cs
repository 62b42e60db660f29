using TrialOps.Cdisc;

namespace TrialOps.Exports.Sdtm;

/// <summary>A value does not fit the export's fixed layout (too long, or not ASCII for XPT); the export stops.</summary>
public sealed class ExportDataException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One dataset written as <c>&lt;domain&gt;.csv</c>, <c>&lt;domain&gt;.xpt</c> and <c>&lt;domain&gt;.json</c>
/// (Dataset-JSON 1.1) at the same time, row by row, with the same columns and values: nothing is
/// held in memory beyond the writers' buffers.
/// </summary>
public sealed class DomainFile : IDisposable
{
    private readonly HashingFileStream _csvStream;
    private readonly HashingFileStream _xptStream;
    private readonly HashingFileStream _jsonStream;
    private readonly CsvWriter _csv;
    private readonly XptWriter _xpt;
    private readonly DatasetJsonWriter _json;
    private readonly string[] _paths;

    private DomainFile(SdtmDomain domain, string directory, HashingFileStream csvStream, HashingFileStream xptStream, HashingFileStream jsonStream, string studyId, DateTime created)
    {
        Domain = domain;
        _paths = [.. new[] { domain.CsvFileName, domain.XptFileName, domain.JsonFileName }.Select(name => Path.Combine(directory, name))];
        _csvStream = csvStream;
        _xptStream = xptStream;
        _jsonStream = jsonStream;
        _csv = CsvWriter.Create(csvStream, domain.Dataset);
        _xpt = XptWriter.Create(xptStream, domain.Dataset, created);
        _json = DatasetJsonWriter.Create(jsonStream, domain, studyId, created);
    }

    public SdtmDomain Domain { get; }

    public long RowCount => _xpt.RowCount;

    /// <param name="created">The XPT header and Dataset-JSON timestamp: the as-of event's recorded-at, never the clock.</param>
    public static DomainFile Create(string directory, SdtmDomain domain, string studyId, DateTime created)
    {
        var streams = new List<HashingFileStream>();
        try
        {
            foreach (var name in new[] { domain.CsvFileName, domain.XptFileName, domain.JsonFileName })
            {
                streams.Add(new HashingFileStream(Path.Combine(directory, name)));
            }

            return new DomainFile(domain, directory, streams[0], streams[1], streams[2], studyId, created);
        }
        catch
        {
            streams.ForEach(s => s.Dispose());
            throw;
        }
    }

    /// <param name="subject">Named in the error when a value does not fit (null for trial-level rows).</param>
    public void Write(SdtmRow row, string? subject)
    {
        try
        {
            _csv.WriteRow(row.Values);
            _xpt.WriteRow(row.Values);
            _json.WriteRow(row.Values);
        }
        catch (ArgumentException e)
        {
            throw new ExportDataException($"{Domain.Code}{(subject is null ? "" : $" for subject {subject}")}: {e.Message}", e);
        }
    }

    /// <summary>Flushes both files and returns them with their SHA-256 and size.</summary>
    public IReadOnlyList<ExportedFile> Complete()
    {
        _csv.Complete();
        _xpt.Complete();
        _json.Complete();
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
        _csvStream.Dispose();
        _xptStream.Dispose();
        _jsonStream.Dispose();
    }
}
