using TrialOps.Cdisc;

namespace TrialOps.Exports.Sdtm;

/// <summary>A value does not fit the export's fixed layout (too long, or not ASCII for XPT); the export stops.</summary>
public sealed class ExportDataException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One dataset written as <c>&lt;domain&gt;.csv</c> and <c>&lt;domain&gt;.xpt</c> at the same time, row by
/// row, with the same columns and values: nothing is held in memory beyond the writers' buffers.
/// </summary>
public sealed class DomainFile : IDisposable
{
    private readonly HashingFileStream _csvStream;
    private readonly HashingFileStream _xptStream;
    private readonly CsvWriter _csv;
    private readonly XptWriter _xpt;

    private DomainFile(SdtmDomain domain, HashingFileStream csvStream, HashingFileStream xptStream, DateTime created)
    {
        Domain = domain;
        _csvStream = csvStream;
        _xptStream = xptStream;
        _csv = CsvWriter.Create(csvStream, domain.Dataset);
        _xpt = XptWriter.Create(xptStream, domain.Dataset, created);
    }

    public SdtmDomain Domain { get; }

    public long RowCount => _xpt.RowCount;

    /// <param name="created">The XPT header timestamp: the as-of event's recorded-at, never the clock.</param>
    public static DomainFile Create(string directory, SdtmDomain domain, DateTime created)
    {
        var csv = new HashingFileStream(Path.Combine(directory, domain.CsvFileName));
        try
        {
            var xpt = new HashingFileStream(Path.Combine(directory, domain.XptFileName));
            return new DomainFile(domain, csv, xpt, created);
        }
        catch
        {
            csv.Dispose();
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
        return [_csvStream.Complete(), _xptStream.Complete()];
    }

    public void Dispose()
    {
        _csvStream.Dispose();
        _xptStream.Dispose();
    }
}
