using TrialOps.Blinding;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Runtime;
using Wolverine;

namespace TrialOps.Notifications;

/// <summary>
/// A notification to the sponsor's contacts was handed over for delivery. TrialOps has no mail
/// gateway of its own: the sponsor notification log (this stream) is what the sponsor's contacts
/// and an inspector read, and each entry is written exactly once per message.
/// </summary>
[EventType("notification.sponsor-notified.v1")]
public sealed record SponsorNotified(
    string StreamId,
    string ActorId,
    DateTimeOffset NotifiedAt,
    string MessageType,
    string ParticipantId,
    string Summary);

public static class SponsorNotifications
{
    public static string StreamFor(string protocolCode) => $"sponsor-notifications-{protocolCode}";
}

/// <summary>Records the emergency-unblinding notification in the sponsor notification log, once per message.</summary>
public static class SponsorUnblindingNotificationHandler
{
    public static async Task Handle(SponsorUnblindingNotification notification, Envelope envelope, TrialOpsRuntime runtime, CancellationToken ct)
    {
        var stream = SponsorNotifications.StreamFor(notification.Protocol.ToString());
        var summary = $"Emergency unblinding of participant {notification.ParticipantId} by {notification.PerformedBy} at {notification.PerformedAt:u}; "
            + $"periods compromised: {string.Join(", ", notification.CompromisedPeriods)}; reason: {notification.Reason}";
        var result = await runtime.Executor.ExecuteAsync(DurableMessages.SystemContext(envelope), [stream], (_, now) =>
            Decision.Append(stream, new SponsorNotified(stream, Actor.System.UserId, now, SponsorUnblindingNotification.MessageType, notification.ParticipantId, summary)), ct);
        MessageOutcome.Ensure(envelope, result);
    }
}
