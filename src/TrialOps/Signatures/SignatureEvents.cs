using TrialOps.EventStore;

namespace TrialOps.Signatures;

/// <summary>
/// An electronic signature (21 CFR 11.50, 11.70, 11.200; ADR 0023), appended to the stream of the
/// record it signs, in the same transaction as the signed action. It binds the signer (user id and
/// printed name), the meaning and the server time to one version of that stream, so that a later
/// event on the stream shows the signature as no longer current while the history keeps it. It is
/// written only by a handler that checked the password (and second factor) itself.
/// </summary>
/// <param name="SignedStream">The stream of the signed record (<c>protocol-…</c>, <c>randomization-…</c>, <c>participant-…</c>).</param>
/// <param name="SignedVersion">The version of <paramref name="SignedStream"/> signed: the signed action's own event.</param>
/// <param name="SignedBy">The signer's user id.</param>
/// <param name="PrintedName">The signer's name as shown (Part 11 §11.50(a)(1)); the user id when the account has none.</param>
/// <param name="Role">The role the signer acted in.</param>
/// <param name="Meaning">One of <see cref="SignatureMeanings"/>: reviewed, approved, verified, performed, responsible for.</param>
/// <param name="Action">What was signed, in words of the product (<c>trial lock</c>, <c>code break</c>).</param>
/// <param name="SignedAt">Server time of the signing.</param>
/// <param name="Record">
/// For a sign-off of a record that is already there (ADR 0025): which part of the stream was
/// reviewed (<see cref="SignedRecords"/>: eligibility, causality, casebook), so that only a change
/// to that part makes the signature no longer current. Null for a signed action (lock, code break).
/// Added later: older events read null.
/// </param>
[EventType("signatures.record-signed.v1")]
public sealed record RecordSigned(
    string SignedStream,
    int SignedVersion,
    string SignedBy,
    string PrintedName,
    string Role,
    string Meaning,
    string Action,
    DateTimeOffset SignedAt,
    string? Record = null);
