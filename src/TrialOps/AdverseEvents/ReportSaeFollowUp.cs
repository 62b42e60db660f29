using TrialOps.Messaging;
using TrialOps.Participants;
using Wolverine;

namespace TrialOps.AdverseEvents;

/// <summary>Record a follow-up report of a serious adverse event sent to the sponsor after the initial one.</summary>
/// <param name="Information">What the follow-up reported (new findings, outcome, hospital discharge, …).</param>
public sealed record ReportSaeFollowUp(string AdverseEventId, DateTimeOffset ReportedAt, string Information)
{
    public static Decision Decide(AdverseEventState state, TrialContext trial, ReportSaeFollowUp command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.CoordinatorOrInvestigator, "record a follow-up report")
            ?? JourneyRules.Open(trial)
            ?? JourneyRules.NotInFuture(trial.ClockOf(state.Subject), command.ReportedAt, now, "reportedAt", "report time")) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (state.Details is null)
        {
            return Decision.Reject("adverse-event.not-found", $"There is no adverse event {command.AdverseEventId}.", "adverseEventId");
        }

        if (state.ReportedToSponsorAt is not { } initial)
        {
            return Decision.Reject("adverse-event.no-initial-report", "Record the initial report to the sponsor first.");
        }

        if (command.ReportedAt < initial)
        {
            return Decision.Reject("adverse-event.follow-up-before-report", $"A follow-up cannot precede the initial report ({trial.ClockOf(state.Subject).Show(initial)}).", "reportedAt");
        }

        if (string.IsNullOrWhiteSpace(command.Information))
        {
            return Decision.Reject("adverse-event.follow-up-empty", "Say what the follow-up reported.", "information");
        }

        return Decision.Append(
            AdverseEventStreams.For(command.AdverseEventId),
            new SaeFollowUpReported(command.AdverseEventId, state.Protocol!.Value, state.Subject, by.UserId, command.ReportedAt, state.FollowUps + 1, command.Information.Trim()));
    }
}

/// <summary>Wolverine handler of <see cref="ReportSaeFollowUp"/>: loads what <see cref="ReportSaeFollowUp.Decide"/> needs (the participant, the protocol in force, the adverse-event case) and records its decision.</summary>
public static class ReportSaeFollowUpHandler
{
    public static Task<CommandResult> Handle(ReportSaeFollowUp command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideOnAdverseEventAsync(envelope, command.AdverseEventId, (state, _, trial, by, now) => ReportSaeFollowUp.Decide(state, trial, command, by, now), ct);
}
