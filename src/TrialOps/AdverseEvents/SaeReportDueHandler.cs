using TrialOps.Messaging;
using TrialOps.Runtime;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>The scheduled SAE report deadline: an SAE not yet reported to the sponsor is marked overdue (once per message).</summary>
public static class SaeReportDueHandler
{
    public static async Task Handle(SaeReportDueMessage message, Envelope envelope, TrialOpsRuntime runtime, CancellationToken ct) =>
        MessageOutcome.Ensure(envelope, await runtime.SendAsync(
            DurableMessages.SystemContext(envelope), new MarkSaeReportOverdue(message.AdverseEventId, message.DueAt), ct));
}
