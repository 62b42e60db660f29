using TrialOps.Messaging;
using TrialOps.Notifications;
using TrialOps.Participants;
using TrialOps.Runtime;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>
/// Sent by the scheduler at the end of a SUSAR report's due day: marks the report overdue and
/// notifies the sponsor's safety contacts when it has not been submitted by the end of its
/// CURRENT due day (the clock as recorded data gives it now, ADR 0026). Does nothing when it was
/// submitted, the clock stopped (the case is no longer a SUSAR, e.g. re-assessed expected), or it
/// is already marked (so a redelivered or duplicate check records nothing twice). When the due day
/// moved later than <paramref name="DueOn"/> (the day the check was scheduled for), the check
/// re-schedules itself for the new day instead.
/// </summary>
/// <param name="DueOn">The due day the check was scheduled for; null (a check scheduled before this field existed) never re-schedules.</param>
public sealed record MarkSusarReportOverdue(string AdverseEventId, SusarReportKind Kind, DateOnly? DueOn = null)
{
    public static Decision Decide(AdverseEventState state, TrialContext trial, MarkSusarReportOverdue command, Actor by, DateTimeOffset now)
    {
        // After database lock nothing is recorded, bookkeeping included: the locked record is final.
        if (trial.Locked || ExpeditedReporting.ClockOf(state) is not { } clock || clock.Overdue.Contains(command.Kind))
        {
            return Decision.None;
        }

        var (submitted, dueOn) = command.Kind == SusarReportKind.Initial ? (clock.Initial, (DateOnly?)clock.InitialDueOn) : (clock.FollowUp, clock.FollowUpDueOn);
        if (submitted is not null || dueOn is not { } due)
        {
            return Decision.None;
        }

        if (now < ExpeditedReporting.EndOf(due))
        {
            // Only a check for an earlier day moves on, so each re-scheduling is strictly later: no loop.
            return command.DueOn is { } scheduledFor && due > scheduledFor
                ? Decision.None.Send(ExpeditedReporting.DueMessage(command.AdverseEventId, command.Kind, due))
                : Decision.None;
        }

        return Decision
            .Append(
                AdverseEventStreams.For(command.AdverseEventId),
                new SusarReportOverdue(command.AdverseEventId, state.Protocol!.Value, state.Subject, by.UserId, now, command.Kind, due))
            .Send(new OutgoingMessage(
                SusarReportOverdueNotification.MessageType,
                new SusarReportOverdueNotification(state.Protocol!.Value, command.AdverseEventId, state.Subject.ToString(), command.Kind, due),
                OrderingKey: AdverseEventStreams.For(command.AdverseEventId)));
    }
}

/// <summary>Wolverine handler of <see cref="MarkSusarReportOverdue"/>: loads the case, its participant and the protocol in force, and records the decision.</summary>
public static class MarkSusarReportOverdueHandler
{
    public static Task<CommandResult> Handle(MarkSusarReportOverdue command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, _, trial, by, now) => MarkSusarReportOverdue.Decide(state, trial, command, by, now), ct);
}

/// <summary>The scheduled end of a SUSAR report's due day: an unsubmitted report is marked overdue (once).</summary>
public static class SusarReportDueHandler
{
    public static async Task Handle(SusarReportDueMessage message, Envelope envelope, TrialOpsRuntime runtime, CancellationToken ct) =>
        MessageOutcome.Ensure(envelope, await runtime.SendAsync(
            DurableMessages.SystemContext(envelope), new MarkSusarReportOverdue(message.AdverseEventId, message.Kind, message.DueOn), ct));
}

/// <summary>Records the overdue SUSAR report in the sponsor notification log, once per message (like the code-break notification).</summary>
public static class SusarReportOverdueNotificationHandler
{
    public static async Task Handle(SusarReportOverdueNotification notification, Envelope envelope, TrialOpsRuntime runtime, CancellationToken ct)
    {
        var stream = SponsorNotifications.StreamFor(notification.Protocol.ToString());
        var report = notification.Kind == SusarReportKind.Initial ? "initial" : "follow-up";
        var summary = $"SUSAR {notification.AdverseEventId} of participant {notification.ParticipantId}: the {report} expedited report due on {notification.DueOn:yyyy-MM-dd} has not been submitted.";
        var result = await runtime.Executor.ExecuteAsync(DurableMessages.SystemContext(envelope), [stream], (_, now) =>
            Decision.Append(stream, new SponsorNotified(stream, Actor.System.UserId, now, SusarReportOverdueNotification.MessageType, notification.ParticipantId, summary)), ct);
        runtime.Log($"Sponsor safety contacts notified: {summary}");
        MessageOutcome.Ensure(envelope, result);
    }
}
