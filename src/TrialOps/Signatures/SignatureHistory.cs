using TrialOps.EventStore;

namespace TrialOps.Signatures;

/// <summary>
/// A signature as pages and prints show it: who (printed name and user id), the meaning, when,
/// what, and whether it is still current (ADR 0023).
/// </summary>
/// <param name="Current">False when the signed stream changed after the signed version: the record is no longer the one signed.</param>
/// <param name="ChangedAt">Server time of the first change after signing; null while current.</param>
public sealed record SignatureView(
    string SignedStream,
    int SignedVersion,
    string SignedBy,
    string PrintedName,
    string Role,
    string Meaning,
    string Action,
    DateTimeOffset SignedAt,
    bool Current,
    DateTimeOffset? ChangedAt,
    string? Record = null)
{

    /// <summary>One line for screens and print: "Signed by …, meaning …, at … — not current: changed after signing".</summary>
    public string Describe(Func<DateTimeOffset, string> time) =>
        $"Signed by {PrintedName} ({SignedBy}, {Role}), meaning \"{Meaning}\", at {time(SignedAt)}"
        + (Current ? " — current" : $" — not current: changed after signing ({time(ChangedAt!.Value)})");
}

/// <summary>Reads the signatures of a record from its stream, and whether each is still current.</summary>
public static class SignatureHistory
{
    /// <summary>
    /// Every signature on <paramref name="stream"/> (one stream's events in version order), oldest
    /// first. A signature is no longer current once an event that changes the signed record
    /// (<see cref="SignedRecords.Changes"/>) was appended after the version it signed; the history
    /// keeps it.
    /// </summary>
    public static IReadOnlyList<SignatureView> Of(IReadOnlyList<StoredEvent> stream) =>
        stream
            .Where(e => e.Data is RecordSigned)
            .Select(e =>
            {
                var signed = (RecordSigned)e.Data;
                var signedEvent = stream.FirstOrDefault(s => s.Version == signed.SignedVersion)?.Data;
                var change = stream.FirstOrDefault(later => later.Version > signed.SignedVersion && SignedRecords.Changes(signed, signedEvent, later.Data));
                return new SignatureView(
                    signed.SignedStream, signed.SignedVersion, signed.SignedBy, signed.PrintedName, signed.Role, signed.Meaning, signed.Action, signed.SignedAt,
                    change is null, change?.RecordedAt, signed.Record);
            })
            .ToArray();

    /// <summary>The signature of the event at <paramref name="version"/>, if it was signed.</summary>
    public static SignatureView? ForVersion(IReadOnlyList<SignatureView> signatures, int version) =>
        signatures.LastOrDefault(s => s.SignedVersion == version);
}
