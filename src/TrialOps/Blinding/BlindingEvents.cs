using TrialOps.EventStore;
using TrialOps.Protocols;

namespace TrialOps.Blinding;

/// <summary>
/// The trial database was locked: from now on no clinical data changes. Stream
/// <c>protocol-&lt;CODE&gt;</c>. Trial unblinding is possible only while the trial is locked.
/// Signed: a <see cref="Signatures.RecordSigned"/> follows it on the stream (ADR 0023).
/// </summary>
/// <param name="Checklist">
/// The pre-lock review as it stood at the lock: every category with its count and, for each that
/// was not empty, the reason the person who locked gave for locking anyway. Null in events
/// recorded before the review existed (ADR 0023).
/// </param>
[EventType("trial.locked.v1")]
public sealed record TrialLocked(ProtocolCode Protocol, string LockedBy, DateTimeOffset LockedAt, IReadOnlyList<LockChecklistEntry>? Checklist = null);

/// <summary>One category of the pre-lock review as recorded with the lock.</summary>
/// <param name="Category">One of <see cref="PreLockCategories"/>.</param>
/// <param name="Count">How many items the category held at the lock.</param>
/// <param name="Reason">Why the trial was locked although the category was not empty; null for an empty one.</param>
public sealed record LockChecklistEntry(string Category, int Count, string? Reason);

/// <summary>The database lock was lifted (for example to resolve a late query), for the stated reason.</summary>
[EventType("trial.unlocked.v1")]
public sealed record TrialUnlocked(ProtocolCode Protocol, string UnlockedBy, DateTimeOffset UnlockedAt, string Reason);

/// <summary>
/// The statistician unblinded the whole trial for analysis, after database lock, with an
/// electronic signature. Irreversible: a later unlock does not make anyone blind again.
/// Stream <c>protocol-&lt;CODE&gt;</c>.
/// </summary>
[EventType("trial.unblinded.v1")]
public sealed record TrialUnblinded(ProtocolCode Protocol, string UnblindedBy, DateTimeOffset UnblindedAt);

/// <summary>
/// An investigator broke the blind for one participant because safety demanded it (code break),
/// signed with password re-entry. Stream <c>randomization-&lt;CODE&gt;-&lt;STRATUM&gt;</c>, where the
/// allocation lives. The event names no treatment, so the audit trail can show it to every role;
/// the investigator reads the allocation from the unblinded view that this event opens for them.
/// </summary>
/// <param name="Protocol">With <paramref name="Stratum"/>, names the stream.</param>
/// <param name="PerformedBy">User id of the investigator.</param>
/// <param name="PerformedAt">Server time of the code break.</param>
/// <param name="ParticipantId">The participant whose allocation was revealed.</param>
/// <param name="EntryNumber">The participant's entry in the stratum's list.</param>
/// <param name="Reason">The clinical justification.</param>
/// <param name="CompromisedPeriods">
/// The period numbers whose treatment is no longer blind: all of the participant's periods, dosed
/// or planned, because the sequence reveals every one of them. Analysis flags their data.
/// </param>
[EventType("blinding.emergency-unblinding-performed.v1")]
public sealed record EmergencyUnblindingPerformed(
    ProtocolCode Protocol,
    string Stratum,
    string PerformedBy,
    DateTimeOffset PerformedAt,
    string ParticipantId,
    int EntryNumber,
    string Reason,
    IReadOnlyList<int> CompromisedPeriods);

/// <summary>
/// Payload of the <c>sponsor.unblinding-notification</c> message sent to the sponsor's contacts
/// after an emergency unblinding. Like the event, it names no treatment.
/// </summary>
[Wolverine.Attributes.MessageIdentity(SponsorUnblindingNotification.MessageType)]
public sealed record SponsorUnblindingNotification(
    ProtocolCode Protocol,
    string Stratum,
    string ParticipantId,
    string PerformedBy,
    DateTimeOffset PerformedAt,
    string Reason,
    IReadOnlyList<int> CompromisedPeriods)
{
    public const string MessageType = "sponsor.unblinding-notification";
}
