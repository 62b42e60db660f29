using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Participants;

/// <summary>Record that a participant completed the trial: possible only when every period has been dosed.</summary>
/// <param name="CompletedAt">Clinical time of the end of participation; not before the last dosing ended.</param>
public sealed record CompleteParticipation(ProtocolCode Protocol, SubjectNumber Subject, DateTimeOffset CompletedAt)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, CompleteParticipation command, Actor by, DateTimeOffset now)
    {
        if (JourneyRules.Role(by, JourneyRules.CoordinatorOrInvestigator, "record completion") is { } role)
        {
            return Decision.Reject(role);
        }

        if ((JourneyRules.Open(trial) ?? JourneyRules.InTreatment(state, command.Subject)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var undone = Enumerable.Range(1, state.PeriodCount).Where(p => !state.Session(p).Stopped).ToArray();
        if (undone.Length > 0)
        {
            return Decision.Reject(
                "participant.periods-outstanding",
                $"Participant {command.Subject} cannot complete: period {string.Join(", ", undone)} {(undone.Length == 1 ? "has" : "have")} not been dosed.");
        }

        if (JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.CompletedAt, now, "completedAt", "completion time") is { } future)
        {
            return Decision.Reject(future);
        }

        var lastStop = state.Session(state.PeriodCount).StoppedAt!.Value;
        if (command.CompletedAt < lastStop)
        {
            return Decision.Reject(
                "participant.completion-before-last-dose",
                $"Completion cannot precede the end of the last dosing ({trial.ClockOf(command.Subject).Show(lastStop)}).",
                "completedAt");
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new ParticipantCompleted(trial.Code, command.Subject, by.UserId, command.CompletedAt, state.PeriodCount));
    }
}

/// <summary>Wolverine handler of <see cref="CompleteParticipation"/>: loads what <see cref="CompleteParticipation.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class CompleteParticipationHandler
{
    public static Task<CommandResult> Handle(CompleteParticipation command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => CompleteParticipation.Decide(state, trial, command, by, now), ct);
}
