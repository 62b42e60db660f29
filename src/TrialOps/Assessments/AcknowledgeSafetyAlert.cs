using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Assessments;

/// <summary>The safety alerts of a trial: who was notified and which alerts were acknowledged.</summary>
public static class SafetyAlertStreams
{
    public static string For(ProtocolCode protocol) => $"safety-alerts-{protocol}";
}

/// <summary>
/// An investigator of the participant's site acknowledges a safety alert (values beyond the
/// protocol's limits) from their worklist. Once per alert; staff of other sites are answered as
/// for an unknown participant (ADR 0010).
/// </summary>
/// <param name="AlertPosition">Global position of the <see cref="SafetyAlertRaised"/> event, as the safety list shows it.</param>
public sealed record AcknowledgeSafetyAlert(ProtocolCode Protocol, SubjectNumber Subject, long AlertPosition)
{
    /// <param name="participantEvents">The participant's stream, with positions (the alert is found by its position).</param>
    /// <param name="alerts">The trial's safety-alert stream (earlier acknowledgements).</param>
    /// <param name="clock">The participant's site clock, for the time of an earlier acknowledgement in a refusal.</param>
    public static Decision Decide(ParticipantState state, AcknowledgeSafetyAlert command, IReadOnlyList<StoredEvent> participantEvents, IEnumerable<object> alerts, Actor by, DateTimeOffset now, SiteClock clock)
    {
        if ((JourneyRules.Role(by, [Roles.Investigator], "acknowledge a safety alert") ?? JourneyRules.Exists(state, command.Subject)) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (participantEvents.FirstOrDefault(e => e.Position == command.AlertPosition)?.Data is not SafetyAlertRaised alert)
        {
            return Decision.Reject("safety-alert.not-found", $"Participant {command.Subject} has no safety alert {command.AlertPosition}.", "alertPosition");
        }

        if (alerts.OfType<SafetyAlertAcknowledged>().FirstOrDefault(a => a.AlertPosition == command.AlertPosition) is { } earlier)
        {
            return Decision.Reject("safety-alert.already-acknowledged", $"This safety alert was already acknowledged by {earlier.AcknowledgedBy} at {clock.Show(earlier.AcknowledgedAt)}.");
        }

        return Decision.Append(
            SafetyAlertStreams.For(command.Protocol),
            new SafetyAlertAcknowledged(command.Protocol, command.Subject, command.AlertPosition, alert.Period, alert.AssessmentCode, alert.Timepoint, by.UserId, now));
    }
}

/// <summary>Wolverine handler of <see cref="AcknowledgeSafetyAlert"/>: loads the participant (site rules, its alerts) and the trial's safety-alert stream.</summary>
public static class AcknowledgeSafetyAlertHandler
{
    public static Task<CommandResult> Handle(AcknowledgeSafetyAlert command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(
            envelope,
            command.Protocol,
            command.Subject,
            (state, trial, by, now, streams) => AcknowledgeSafetyAlert.Decide(
                state, command, streams[ParticipantStreams.For(command.Protocol, command.Subject)], streams.Data(SafetyAlertStreams.For(command.Protocol)), by, now, trial.ClockOf(command.Subject)),
            ct,
            null,
            SafetyAlertStreams.For(command.Protocol));
}
