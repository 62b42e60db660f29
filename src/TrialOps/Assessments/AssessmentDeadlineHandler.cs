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
/// A safety alert for the investigators of the participant's site: recorded once per message as
/// <see cref="SafetyAlertInvestigatorsNotified"/>, which puts it on their worklist until one of them
/// acknowledges it (<see cref="AcknowledgeSafetyAlert"/>). The alert itself is already on the
/// participant (<see cref="SafetyAlertRaised"/>); delivery to inboxes (e-mail, pager) is not
/// configured, so it is also logged. The finding is also raised as an automatic query for the
/// Monitor's review (ADR 0025).
/// </summary>
public static class SafetyAlertHandler
{
    public static async Task Handle(SafetyAlertMessage message, Envelope envelope, TrialOpsRuntime runtime, CancellationToken ct)
    {
        var stream = SafetyAlertStreams.For(message.Protocol);
        var result = await runtime.Executor.ExecuteAsync(DurableMessages.SystemContext(envelope), [stream], (_, now) =>
            Decision.Append(stream, new SafetyAlertInvestigatorsNotified(
                message.Protocol, message.Subject, message.Subject.Site, message.Period, message.AssessmentCode, message.Timepoint, message.MeasuredAt, now, message.Findings)), ct);
        MessageOutcome.Ensure(envelope, result);

        // The values beyond the limits also go to the Monitor for review (ADR 0025): one query per finding.
        var target = new Queries.DataItem(Queries.DataItemKind.Assessment, message.Period, message.AssessmentCode, message.Timepoint);
        var (finding, text) = Queries.AutomaticQueries.ForVitalLimits(target, message.Findings);
        MessageOutcome.Ensure(envelope, await runtime.SendAsync(
            DurableMessages.SystemContext(envelope, "automatic-query"),
            new Queries.RaiseAutomaticQuery(message.Protocol, message.Subject, target, finding, text),
            ct));
        runtime.Log($"safety alert: {message.Protocol} {message.Subject} period {message.Period} {message.AssessmentCode} {message.Timepoint}: {string.Join("; ", message.Findings)}");
    }
}
