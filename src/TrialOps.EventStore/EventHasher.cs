using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrialOps.EventStore;

/// <summary>
/// Tamper evidence (DESIGN.md §3): each event's hash covers the previous hash of its stream and a
/// canonical form of the event; the ledger chains every event hash in commit order.
/// Fields are length-prefixed so that no two different events share a canonical form.
/// </summary>
public static class EventHasher
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashEvent(string previousHash, string streamId, int version, string type, string dataJson, string metadataJson, DateTimeOffset recordedAt) =>
        Hash(previousHash, streamId, version.ToString(CultureInfo.InvariantCulture), type, dataJson, metadataJson, FormatTime(recordedAt));

    public static string HashLedger(string previousLedgerHash, long sequence, long position, string eventHash) =>
        Hash(previousLedgerHash, sequence.ToString(CultureInfo.InvariantCulture), position.ToString(CultureInfo.InvariantCulture), eventHash);

    /// <summary>PostgreSQL keeps microseconds; the hash must cover exactly what is stored.</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Hash(params string[] parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            builder.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
