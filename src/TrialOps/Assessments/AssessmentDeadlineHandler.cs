using TrialOps.Messaging;
using TrialOps.Runtime;
using Wolverine;

namespace TrialOps.Assessments;

/// <summary>The scheduled assessment deadline: time points still open are marked overdue (once per message).</summary>
public static class AssessmentDeadlineHandler
{
    public static async Task Handle(AssessmentDeadlineMessage message, Envelope envelope, TrialOpsRuntime runtime, CancellationToken ct) =>
        MessageOutcome.Ensure(envelope, await runtime.SendAsync(
            DurableMessages.SystemContext(envelope), new MarkAssessmentsOverdue(message.Protocol, message.Subject, message.Period), ct));
}

/// <summary>
/// A safety alert for the investigator and the sponsor's safety desk. The alert is already on the
/// participant (<see cref="SafetyAlertRaised"/>); delivery to inboxes (e-mail, pager) is not
/// configured yet, so it is logged.
/// </summary>
public static class SafetyAlertHandler
{
    public static void Handle(SafetyAlertMessage message, TrialOpsRuntime runtime) =>
        runtime.Log($"safety alert: {message.Protocol} {message.Subject} period {message.Period} {message.AssessmentCode} {message.Timepoint}: {string.Join("; ", message.Findings)}");
}
