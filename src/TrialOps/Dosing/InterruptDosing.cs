using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>Record that the running administration was interrupted, and why.</summary>
public sealed record InterruptDosing(ProtocolCode Protocol, SubjectNumber Subject, int Period, DateTimeOffset InterruptedAt, string Reason)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, InterruptDosing command, Actor by, DateTimeOffset now)
    {
        if ((DosingRules.Prelude(state, trial, command.Subject, command.Period, by, JourneyRules.SiteStaff, "record an interruption")
            ?? DosingRules.Running(state, command.Period)
            ?? JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.InterruptedAt, now, "interruptedAt", "interruption time")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var session = state.Session(command.Period);
        if (session.Interrupted)
        {
            return Decision.Reject("dosing.already-interrupted", $"Dosing of period {command.Period} is already interrupted; record the resumption first.");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Decision.Reject("dosing.interruption-reason-required", "Give the reason for the interruption.", "reason");
        }

        if ((DosingRules.NotBefore(trial.ClockOf(command.Subject), command.InterruptedAt, session.StartedAt!.Value, "interruptedAt", "interruption", "the start of dosing")
            ?? (session.LastInterruptionAt is { } last ? DosingRules.NotBefore(trial.ClockOf(command.Subject), command.InterruptedAt, last, "interruptedAt", "interruption", "the previous interruption") : null)) is { } order)
        {
            return Decision.Reject(order);
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new DosingInterrupted(trial.Code, command.Subject, command.Period, by.UserId, command.InterruptedAt, command.Reason.Trim()));
    }
}

/// <summary>Wolverine handler of <see cref="InterruptDosing"/>: loads what <see cref="InterruptDosing.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class InterruptDosingHandler
{
    public static Task<CommandResult> Handle(InterruptDosing command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => InterruptDosing.Decide(state, trial, command, by, now), ct);
}
