using System.Buffers.Binary;
using System.Text;

namespace TrialOps.EventStore;

/// <summary>
/// Rows in PostgreSQL's binary <c>COPY</c> format, encoded into one reused buffer and sent through a
/// raw copy stream (<c>BeginRawBinaryCopyAsync</c>): a value is written as its bytes, without
/// <c>NpgsqlBinaryImporter</c>'s type resolution and call per value. The format (PostgreSQL
/// documentation, COPY, "Binary Format"): a signature, 32-bit flags and header-extension length;
/// per row a 16-bit field count, per field a 32-bit length (-1 for NULL) and its bytes in the type's
/// binary send format; a 16-bit -1 after the last row. All integers in network byte order.
/// </summary>
internal sealed class BinaryCopyRows(int capacity = 64 * 1024)
{
    /// <summary><c>PGCOPY\n\377\r\n\0</c> (the \377 is one byte, not UTF-8).</summary>
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    /// <summary>timestamptz counts microseconds from 2000-01-01 00:00 UTC.</summary>
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private byte[] _buffer = new byte[capacity];
    private int _length;

    public int Length => _length;

    /// <summary>The signature, no flags (no OIDs), an empty header extension.</summary>
    public void Header()
    {
        Signature.CopyTo(Reserve(Signature.Length + 8));
        _length += Signature.Length;
        Int32Raw(0);
        Int32Raw(0);
    }

    public void Trailer() => Int16Raw(-1);

    public void Row(short fields) => Int16Raw(fields);

    public void Text(ReadOnlySpan<byte> utf8)
    {
        Int32Raw(utf8.Length);
        utf8.CopyTo(Reserve(utf8.Length));
        _length += utf8.Length;
    }

    public void Text(string value)
    {
        var span = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, written);
        _length += 4 + written;
    }

    /// <summary>jsonb's binary format: a version byte (1), then the JSON text in UTF-8.</summary>
    public void Jsonb(ReadOnlySpan<byte> utf8Json)
    {
        Int32Raw(utf8Json.Length + 1);
        var span = Reserve(utf8Json.Length + 1);
        span[0] = 1;
        utf8Json.CopyTo(span[1..]);
        _length += utf8Json.Length + 1;
    }

    public void Int64(long value)
    {
        Int32Raw(8);
        BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
        _length += 8;
    }

    public void Int32(int value)
    {
        Int32Raw(4);
        Int32Raw(value);
    }

    public void Boolean(bool value)
    {
        Int32Raw(1);
        Reserve(1)[0] = value ? (byte)1 : (byte)0;
        _length++;
    }

    /// <summary>uuid: its 16 bytes in RFC 4122 (big-endian) order.</summary>
    public void Uuid(Guid value)
    {
        Int32Raw(16);
        value.TryWriteBytes(Reserve(16), bigEndian: true, out _);
        _length += 16;
    }

    /// <summary>timestamptz: microseconds since 2000-01-01 UTC (PostgreSQL keeps no finer unit).</summary>
    public void TimestampTz(DateTimeOffset value) => Int64((value.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);

    public void Null() => Int32Raw(-1);

    /// <summary>Sends what is buffered and starts the buffer over.</summary>
    public async ValueTask FlushAsync(Stream copy, CancellationToken ct)
    {
        if (_length > 0)
        {
            await copy.WriteAsync(_buffer.AsMemory(0, _length), ct);
            _length = 0;
        }
    }

    private void Int16Raw(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);
        _length += 2;
    }

    private void Int32Raw(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);
        _length += 4;
    }

    private Span<byte> Reserve(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        }

        return _buffer.AsSpan(_length);
    }
}
