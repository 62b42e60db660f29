using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Messaging;
using TrialOps.Runtime;
using TrialOps.Washouts;

namespace TrialOps.Journey;

/// <summary>
/// Handlers of the journey's scheduled messages. Delivery is at least once: each handler sends its
/// command with a command id derived from the message id, so a redelivery returns the first
/// result and writes nothing. A command that cannot be decided now (a conflict that outlasted the
/// executor's retries) throws, and the dispatcher retries with backoff.
/// </summary>
public static class JourneyMessageHandlers
{
    public static MessageHandlers Register(MessageHandlers handlers, TrialOpsRuntime runtime)
    {
        var journey = new JourneyService(runtime);
        return handlers
            .On(WashoutElapsedMessage.MessageType, async (message, ct) =>
            {
                var payload = message.Payload<WashoutElapsedMessage>();
                Ensure(message, await journey.RecordWashoutElapsedAsync(
                    SystemContext(message), new RecordWashoutElapsed(payload.Protocol, payload.Subject, payload.CompletedPeriod), ct));
            })
            .On(AssessmentDeadlineMessage.MessageType, async (message, ct) =>
            {
                var payload = message.Payload<AssessmentDeadlineMessage>();
                Ensure(message, await journey.MarkAssessmentsOverdueAsync(
                    SystemContext(message), new MarkAssessmentsOverdue(payload.Protocol, payload.Subject, payload.Period), ct));
            })
            .On(SaeReportDueMessage.MessageType, async (message, ct) =>
            {
                var payload = message.Payload<SaeReportDueMessage>();
                Ensure(message, await journey.MarkSaeReportOverdueAsync(SystemContext(message), new MarkSaeReportOverdue(payload.AdverseEventId), ct));
            })
            .On(SafetyAlertMessage.MessageType, (message, _) =>
            {
                // The alert is already on the participant (SafetyAlertRaised). Delivery to the
                // investigator's and sponsor's inboxes (e-mail, pager) is not configured yet: log it.
                var payload = message.Payload<SafetyAlertMessage>();
                runtime.Log($"safety alert: {payload.Protocol} {payload.Subject} period {payload.Period} {payload.AssessmentCode} {payload.Timepoint}: {string.Join("; ", payload.Findings)}");
                return Task.CompletedTask;
            });
    }

    private static CommandContext SystemContext(MessageEnvelope message)
    {
        var commandId = message.DerivedCommandId();
        return new CommandContext(commandId, Actor.System, message.CorrelationId ?? commandId);
    }

    private static void Ensure(MessageEnvelope message, CommandResult result)
    {
        if (!result.Accepted)
        {
            throw new InvalidOperationException($"{message.Type} {message.Id}: {result.Rejection?.Code}: {result.Rejection?.Message}");
        }
    }
}
