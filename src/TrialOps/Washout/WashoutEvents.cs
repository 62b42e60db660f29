using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;

// Namespace Washouts, not Washout: a namespace TrialOps.Washout would hide the type Protocols.Washout
// from every namespace under TrialOps.
namespace TrialOps.Washouts;

/// <summary>
/// The washout after a period's dosing has elapsed: the participant is ready for the next period.
/// Recorded by the scheduler (actor <c>system</c>) when the washout message fires.
/// Stream <c>participant-&lt;PROTOCOL&gt;-&lt;SUBJECT&gt;</c>.
/// </summary>
/// <param name="CompletedPeriod">The period whose dosing ended.</param>
/// <param name="NextPeriod">The period the participant may now be dosed in.</param>
/// <param name="WashoutEndedAt">End of that period's dosing plus the protocol's washout.</param>
[EventType("washout.elapsed.v1")]
public sealed record WashoutElapsed(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int CompletedPeriod,
    int NextPeriod,
    string RecordedBy,
    DateTimeOffset WashoutEndedAt) : IParticipantEvent;

/// <summary>Payload of the <c>journey.washout-elapsed</c> message, scheduled for the washout's end.</summary>
[Wolverine.Attributes.MessageIdentity(WashoutElapsedMessage.MessageType)]
public sealed record WashoutElapsedMessage(ProtocolCode Protocol, SubjectNumber Subject, int CompletedPeriod, DateTimeOffset WashoutEndsAt)
{
    public const string MessageType = "journey.washout-elapsed";
}
