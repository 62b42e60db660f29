using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrialOps.EventStore;

/// <summary>
/// Tamper evidence (DESIGN.md §3): each event's hash covers the previous hash of its stream and a
/// canonical form of the event; the ledger chains every event hash in commit order.
/// Fields are length-prefixed so that no two different events share a canonical form; an absent
/// field (no reason) differs from an empty one.
/// </summary>
public static class EventHasher
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The hash of a Marten event: data in <see cref="CanonicalJson"/> form (Marten stores
    /// <c>jsonb</c>, which keeps the value, not the text), metadata as the stored column texts.
    /// </summary>
    public static string HashEvent(string previousHash, string streamId, int version, string type, string canonicalData, StoredMetadata metadata, DateTimeOffset recordedAt) =>
        Hash(
            previousHash, streamId, version.ToString(CultureInfo.InvariantCulture), type, canonicalData,
            metadata.ActorId, metadata.ActorRole, metadata.Reason, metadata.CorrelationId, metadata.CausationId, metadata.CommandId,
            FormatTime(recordedAt));

    /// <summary>
    /// The metadata and recorded time of <see cref="HashEvent(string, string, int, string, string, StoredMetadata, DateTimeOffset)"/>
    /// as the bytes the hash covers after the data: the same for every event of an import, so
    /// encoded once for it.
    /// </summary>
    public static byte[] MetadataPart(StoredMetadata metadata, DateTimeOffset recordedAt)
    {
        var builder = new StringBuilder();
        foreach (var part in new[] { metadata.ActorId, metadata.ActorRole, metadata.Reason, metadata.CorrelationId, metadata.CausationId, metadata.CommandId, FormatTime(recordedAt) })
        {
            AppendPart(builder, part);
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>
    /// The same hash as <see cref="HashEvent(string, string, int, string, string, StoredMetadata, DateTimeOffset)"/>
    /// with the canonical data given as UTF-8 (<paramref name="canonicalDataLength"/> is its length
    /// in UTF-16 code units, as the string form prefixes it) and the rest as <see cref="MetadataPart"/>.
    /// </summary>
    public static string HashEvent(string previousHash, string streamId, int version, string type, ReadOnlySpan<byte> canonicalData, int canonicalDataLength, ReadOnlySpan<byte> metadataPart)
    {
        var prefix = new StringBuilder(previousHash.Length + streamId.Length + type.Length + 32);
        AppendPart(prefix, previousHash);
        AppendPart(prefix, streamId);
        AppendPart(prefix, version.ToString(CultureInfo.InvariantCulture));
        AppendPart(prefix, type);
        prefix.Append(canonicalDataLength.ToString(CultureInfo.InvariantCulture)).Append(':');

        var prefixLength = Encoding.UTF8.GetMaxByteCount(prefix.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(prefixLength + canonicalData.Length + 1 + metadataPart.Length);
        try
        {
            var length = Encoding.UTF8.GetBytes(prefix.ToString(), buffer);
            canonicalData.CopyTo(buffer.AsSpan(length));
            length += canonicalData.Length;
            buffer[length++] = (byte)'\n';
            metadataPart.CopyTo(buffer.AsSpan(length));
            length += metadataPart.Length;
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The hash of an event written by TrialOps 0.1 (its own <c>events</c> table, kept as
    /// <c>v01_events</c>): over the exact stored JSON texts of data and metadata.
    /// </summary>
    public static string HashEventV01(string previousHash, string streamId, int version, string type, string dataJson, string metadataJson, DateTimeOffset recordedAt) =>
        Hash(previousHash, streamId, version.ToString(CultureInfo.InvariantCulture), type, dataJson, metadataJson, FormatTime(recordedAt));

    public static string HashLedger(string previousLedgerHash, long sequence, long position, string eventHash) =>
        Hash(previousLedgerHash, sequence.ToString(CultureInfo.InvariantCulture), position.ToString(CultureInfo.InvariantCulture), eventHash);

    /// <summary>PostgreSQL keeps microseconds; the hash must cover exactly what is stored.</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Hash(params string?[] parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            AppendPart(builder, part);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>A field as the hash covers it: its length in UTF-16 code units, a colon, the text, a newline; -1 for none.</summary>
    private static void AppendPart(StringBuilder builder, string? part)
    {
        if (part is null)
        {
            builder.Append("-1:\n");
            return;
        }

        builder.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
    }
}

/// <summary>The audit metadata of an event as Marten stores it (user name, headers, correlation and causation columns).</summary>
public readonly record struct StoredMetadata(string? ActorId, string? ActorRole, string? Reason, string? CorrelationId, string? CausationId, string? CommandId)
{
    public static StoredMetadata From(EventMetadata metadata) => new(
        metadata.ActorId,
        metadata.ActorRole,
        metadata.Reason,
        metadata.CorrelationId.ToString("D"),
        metadata.CausationId.ToString("D"),
        metadata.CommandId.ToString("D"));

    /// <summary>Back to the record; an id that is not a GUID (only possible by editing the database) reads as empty.</summary>
    public EventMetadata ToEventMetadata() => new(
        ActorId ?? string.Empty,
        ActorRole ?? string.Empty,
        Reason,
        Guid.TryParse(CorrelationId, out var correlation) ? correlation : Guid.Empty,
        Guid.TryParse(CausationId, out var causation) ? causation : Guid.Empty,
        Guid.TryParse(CommandId, out var command) ? command : Guid.Empty);
}
