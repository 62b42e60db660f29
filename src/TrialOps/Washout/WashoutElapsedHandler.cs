using TrialOps.Messaging;
using TrialOps.Runtime;
using Wolverine;

namespace TrialOps.Washouts;

/// <summary>
/// The scheduled washout message: the participant becomes ready for the next period. Delivery is at
/// least once; the command id derives from the message id, so a redelivery writes nothing.
/// </summary>
public static class WashoutElapsedHandler
{
    public static async Task Handle(WashoutElapsedMessage message, Envelope envelope, TrialOpsRuntime runtime, CancellationToken ct) =>
        MessageOutcome.Ensure(envelope, await runtime.SendAsync(
            DurableMessages.SystemContext(envelope), new RecordWashoutElapsed(message.Protocol, message.Subject, message.CompletedPeriod), ct));
}
