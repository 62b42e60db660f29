using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Queries;

namespace TrialOps.SourceVerification;

/// <summary>One value a monitor compared with the source document, and the record version compared.</summary>
/// <param name="Item">The value (never a whole period: a period is expanded to its values).</param>
/// <param name="Version">
/// Stream version of the event that set the value as verified (the recording or its latest
/// correction). A later correction has a higher version, so the verification no longer covers the
/// current value and pages say so.
/// </param>
public sealed record VerifiedItem(DataItem Item, int Version);

/// <summary>
/// A Monitor verified recorded values of a participant against the source documents (one value, a
/// period's form or the whole participant at once).
/// </summary>
/// <param name="VerifiedBy">User id of the monitor.</param>
/// <param name="VerifiedAt">Server time.</param>
/// <param name="Items">Every value verified, each with the version verified.</param>
[EventType("sdv.verified.v1")]
public sealed record SourceDataVerified(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    string VerifiedBy,
    DateTimeOffset VerifiedAt,
    IReadOnlyList<VerifiedItem> Items) : IParticipantEvent;
