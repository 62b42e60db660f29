using System.Security.Cryptography;

namespace TrialOps.Exports;

/// <summary>
/// A new file that computes its SHA-256 and length as it is written, so the manifest needs no
/// second pass over the export's bytes. Write-only; the digest is final once the stream is disposed
/// or <see cref="Complete"/> is called.
/// </summary>
public sealed class HashingFileStream : Stream
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ExportedFile? _completed;
    private long _length;

    public HashingFileStream(string path)
    {
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        Name = Path.GetFileName(path);
    }

    public string Name { get; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>Flushes the file and returns its name, SHA-256 and size.</summary>
    public ExportedFile Complete()
    {
        if (_completed is null)
        {
            _file.Flush();
            _completed = new ExportedFile(Name, Convert.ToHexStringLower(_hash.GetHashAndReset()), _length);
        }

        return _completed;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_completed is not null)
        {
            throw new InvalidOperationException($"{Name} is complete.");
        }

        _hash.AppendData(buffer);
        _file.Write(buffer);
        _length += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() => _file.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
