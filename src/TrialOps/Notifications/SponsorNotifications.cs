using TrialOps.Blinding;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Runtime;

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

    public static void Register(MessageHandlers handlers, TrialOpsRuntime runtime) =>
        handlers.On(SponsorUnblindingNotification.MessageType, async (message, ct) =>
        {
            var notification = message.Payload<SponsorUnblindingNotification>();
            var stream = StreamFor(notification.Protocol.ToString());
            var summary = $"Emergency unblinding of participant {notification.ParticipantId} by {notification.PerformedBy} at {notification.PerformedAt:u}; "
                + $"periods compromised: {string.Join(", ", notification.CompromisedPeriods)}; reason: {notification.Reason}";
            var context = new CommandContext(message.DerivedCommandId(), Actor.System, message.CorrelationId ?? Guid.NewGuid(), null);
            var result = await runtime.Executor.ExecuteAsync(context, [stream], (_, now) =>
                Decision.Append(stream, new SponsorNotified(stream, Actor.System.UserId, now, message.Type, notification.ParticipantId, summary)), ct);
            if (result.Rejection is { } rejection)
            {
                throw new InvalidOperationException($"sponsor notification not recorded: {rejection.Message}");
            }
        });
}
