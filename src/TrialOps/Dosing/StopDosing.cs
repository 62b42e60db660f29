using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Washouts;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>
/// Record the end of the period's administration, complete or early. Before the last period it
/// schedules the washout message for the washout's end, when the participant becomes ready for
/// the next period.
/// </summary>
/// <param name="Completed">False for an early stop, which needs <paramref name="EarlyStopReason"/>.</param>
public sealed record StopDosing(ProtocolCode Protocol, SubjectNumber Subject, int Period, DateTimeOffset StoppedAt, bool Completed, string? EarlyStopReason)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, StopDosing command, Actor by, DateTimeOffset now)
    {
        if ((DosingRules.Prelude(state, trial, command.Subject, command.Period, by, JourneyRules.SiteStaff, "record the end of dosing")
            ?? DosingRules.Running(state, command.Period)
            ?? JourneyRules.ClinicalTime(state, command.StoppedAt, now, "stoppedAt", "end of dosing")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var session = state.Session(command.Period);
        if ((DosingRules.NotBefore(command.StoppedAt, session.StartedAt!.Value, "stoppedAt", "end of dosing", "its start")
            ?? (session.LastInterruptionAt is { } last ? DosingRules.NotBefore(command.StoppedAt, last, "stoppedAt", "end of dosing", "the last interruption") : null)) is { } order)
        {
            return Decision.Reject(order);
        }

        if (!command.Completed && string.IsNullOrWhiteSpace(command.EarlyStopReason))
        {
            return Decision.Reject("dosing.early-stop-reason-required", "Give the reason why dosing stopped before the whole dose was given.", "earlyStopReason");
        }

        var decision = Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new DosingStopped(trial.Code, command.Subject, command.Period, by.UserId, command.StoppedAt, command.Completed, command.Completed ? null : command.EarlyStopReason!.Trim()));
        return command.Period < state.PeriodCount
            ? decision.Send(WashoutMessage(trial, command.Subject, command.Period, command.StoppedAt))
            : decision;
    }

    /// <summary>The message that fires when the washout after <paramref name="period"/> ends.</summary>
    public static OutgoingMessage WashoutMessage(TrialContext trial, SubjectNumber subject, int period, DateTimeOffset stoppedAt)
    {
        var endsAt = stoppedAt + trial.Protocol.Washout.Duration;
        return new OutgoingMessage(
            WashoutElapsedMessage.MessageType,
            new WashoutElapsedMessage(trial.Code, subject, period, endsAt),
            endsAt,
            ParticipantStreams.For(trial.Code, subject));
    }
}

/// <summary>Wolverine handler of <see cref="StopDosing"/>: loads what <see cref="StopDosing.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class StopDosingHandler
{
    public static Task<CommandResult> Handle(StopDosing command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => StopDosing.Decide(state, trial, command, by, now), ct);
}
