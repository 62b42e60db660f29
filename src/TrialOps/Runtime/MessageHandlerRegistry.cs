using TrialOps.Messaging;

namespace TrialOps.Runtime;

/// <summary>Which code handles each durable message type.</summary>
public static class MessageHandlerRegistry
{
    public static MessageHandlers Create(TrialOpsRuntime runtime)
    {
        var handlers = new MessageHandlers();
        Notifications.SponsorNotifications.Register(handlers, runtime);
        Journey.JourneyMessageHandlers.Register(handlers, runtime);
        return handlers;
    }
}
