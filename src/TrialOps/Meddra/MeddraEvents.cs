using TrialOps.EventStore;

namespace TrialOps.Meddra;

/// <summary>
/// A MedDRA dictionary version was imported from the MSSO's ASCII distribution (stream
/// <see cref="MeddraStreams.Dictionaries"/>). Adverse events are coded with the newest version
/// imported at an export's position (frozen at database lock, see <see cref="MeddraCoding"/>), so
/// this event is what makes "coded with MedDRA 27.1" attributable: who loaded which content, when.
/// The terms themselves are in the <c>meddra_*</c> tables (migration 0010), written in the same
/// transaction; they are licensed to the sponsor and too many for an event.
/// </summary>
/// <param name="Version">MedDRA version, major.minor (27.1).</param>
/// <param name="Language">The distribution's language (English).</param>
/// <param name="ImportedBy">User id of whoever imported it (also in the metadata).</param>
/// <param name="ImportedAt">Server time of the import.</param>
/// <param name="ContentSha256">SHA-256 over the names and SHA-256s of <paramref name="Files"/>.</param>
/// <param name="Files">Every file read, with the SHA-256 of its bytes as received.</param>
/// <param name="LltCount">Lowest level terms stored.</param>
/// <param name="PtCount">Preferred terms stored.</param>
[EventType("meddra.dictionary-imported.v1")]
public sealed record MeddraDictionaryImported(
    string Version,
    string Language,
    string ImportedBy,
    DateTimeOffset ImportedAt,
    string ContentSha256,
    IReadOnlyList<MeddraFile> Files,
    int LltCount,
    int PtCount);

public static class MeddraStreams
{
    /// <summary>Every MedDRA version imported into this installation, in the order imported.</summary>
    public const string Dictionaries = "meddra-dictionaries";
}

/// <summary>The versions imported so far, in import order.</summary>
public sealed record MeddraDictionaryState(IReadOnlyList<MeddraDictionaryImported> Imports)
{
    public static MeddraDictionaryState Initial { get; } = new([]);

    public MeddraDictionaryImported? Current => Imports.Count == 0 ? null : Imports[^1];

    public static MeddraDictionaryState From(IEnumerable<object> events) =>
        new(events.OfType<MeddraDictionaryImported>().ToArray());
}
