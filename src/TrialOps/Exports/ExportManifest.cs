using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrialOps.EventStore;

namespace TrialOps.Exports;

/// <summary>
/// <c>manifest.json</c> of an export: what was exported, from which point of the ledger, by which
/// build, and every file with its SHA-256 and size. It holds no wall-clock time and no user, so
/// the same trial at the same position always gives the same manifest, byte for byte; who asked for
/// the export is recorded in <see cref="ExportProduced"/> instead.
/// </summary>
/// <param name="Trial">The protocol code.</param>
/// <param name="ProtocolVersion">The protocol version in force at the position.</param>
/// <param name="AsOfPosition">Every event of the ledger's order up to and including this global position went in; none after it.</param>
/// <param name="AsOfRecordedAt">Server time of the event at <paramref name="AsOfPosition"/>; the files' header timestamps.</param>
/// <param name="LedgerHash">The ledger hash at <paramref name="AsOfPosition"/>.</param>
/// <param name="EventCount">Events of the trial read for the export (protocol, lists when unblinded, participants, adverse events).</param>
/// <param name="Files">The data files, ordered by name.</param>
/// <param name="Checkpoint">
/// The ledger entry at <paramref name="AsOfPosition"/> signed with the installation's checkpoint key
/// (kept outside the database): whoever holds the export can later show that the store still
/// holds that history. Deterministic (no time in it), so the manifest stays byte-identical.
/// </param>
/// <param name="MeddraVersion">
/// The MedDRA version the AE dataset is coded with (AELLT … AESOCCD), or null when none was imported
/// (then only the CTCAE term, its LLT code and SOC name are given). Written as <c>dictionaries.meddra</c>
/// beside <c>dictionaries.ctcae</c>; define.xml can take it from here.
/// </param>
public sealed record ExportManifest(
    string Trial,
    int ProtocolVersion,
    bool Blinded,
    long AsOfPosition,
    DateTimeOffset AsOfRecordedAt,
    string LedgerHash,
    long EventCount,
    string SoftwareVersion,
    IReadOnlyList<ExportedFile> Files,
    LedgerCheckpoint? Checkpoint = null,
    string? MeddraVersion = null)
{
    public const string FileName = "manifest.json";
    public const string Format = "trialops.export/1";
    public const string CreatedFrom = "TrialOps event store: every event in the ledger's order up to and including asOfPosition";

    // Relaxed escaping: the manifest is a file, not HTML; "'" and "+" stay readable (control characters are still escaped).
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The manifest as written: UTF-8, two-space indent, LF, fixed property order, trailing LF.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("trial", Trial);
            json.WriteNumber("protocolVersion", ProtocolVersion);
            json.WriteBoolean("blinded", Blinded);
            json.WriteNumber("asOfPosition", AsOfPosition);
            json.WriteString("asOfRecordedAt", AsOfRecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("ledgerHash", LedgerHash);
            if (Checkpoint is { } checkpoint)
            {
                json.WriteStartObject("checkpoint");
                json.WriteNumber("sequence", checkpoint.Sequence);
                json.WriteString("keyId", checkpoint.KeyId);
                json.WriteString("signature", checkpoint.Signature);
                json.WriteEndObject();
            }

            json.WriteString("createdFrom", CreatedFrom);
            json.WriteNumber("eventCount", EventCount);
            json.WriteStartObject("dictionaries");
            json.WriteString("ctcae", AdverseEvents.CtcaeDictionary.Version);
            if (MeddraVersion is not null)
            {
                json.WriteString("meddra", MeddraVersion);
            }

            json.WriteEndObject();
            json.WriteStartObject("software");
            json.WriteString("name", "TrialOps");
            json.WriteString("version", SoftwareVersion);
            json.WriteEndObject();
            json.WriteStartArray("files");
            foreach (var file in Files)
            {
                json.WriteStartObject();
                json.WriteString("name", file.Name);
                json.WriteString("sha256", file.Sha256);
                json.WriteNumber("bytes", file.Bytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a manifest written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">Not a TrialOps export manifest.</exception>
    public static ExportManifest Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new FormatException($"{FileName} is not a {Format} manifest.");
            }

            var ledgerHash = root.GetProperty("ledgerHash").GetString()!;
            var asOfPosition = root.GetProperty("asOfPosition").GetInt64();
            var checkpoint = root.TryGetProperty("checkpoint", out var signed)
                ? new LedgerCheckpoint(signed.GetProperty("sequence").GetInt64(), asOfPosition, ledgerHash, signed.GetProperty("keyId").GetString()!, signed.GetProperty("signature").GetString()!)
                : null;
            var files = root.GetProperty("files").EnumerateArray()
                .Select(f => new ExportedFile(f.GetProperty("name").GetString()!, f.GetProperty("sha256").GetString()!, f.GetProperty("bytes").GetInt64()))
                .ToArray();
            return new ExportManifest(
                root.GetProperty("trial").GetString()!,
                root.GetProperty("protocolVersion").GetInt32(),
                root.GetProperty("blinded").GetBoolean(),
                root.GetProperty("asOfPosition").GetInt64(),
                DateTimeOffset.Parse(root.GetProperty("asOfRecordedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                root.GetProperty("ledgerHash").GetString()!,
                root.GetProperty("eventCount").GetInt64(),
                root.GetProperty("software").GetProperty("version").GetString()!,
                files,
                checkpoint,
                root.TryGetProperty("dictionaries", out var dictionaries) && dictionaries.TryGetProperty("meddra", out var meddra) ? meddra.GetString() : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentNullException)
        {
            throw new FormatException($"{FileName} cannot be read: {e.Message}", e);
        }
    }
}
