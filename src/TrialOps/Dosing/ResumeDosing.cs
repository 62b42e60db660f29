using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>Record that an interrupted administration was resumed.</summary>
public sealed record ResumeDosing(ProtocolCode Protocol, SubjectNumber Subject, int Period, DateTimeOffset ResumedAt)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, ResumeDosing command, Actor by, DateTimeOffset now)
    {
        if ((DosingRules.Prelude(state, trial, command.Subject, command.Period, by, JourneyRules.SiteStaff, "record a resumption")
            ?? DosingRules.Running(state, command.Period)
            ?? JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.ResumedAt, now, "resumedAt", "resumption time")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var session = state.Session(command.Period);
        if (!session.Interrupted)
        {
            return Decision.Reject("dosing.not-interrupted", $"Dosing of period {command.Period} is not interrupted.");
        }

        if (DosingRules.NotBefore(trial.ClockOf(command.Subject), command.ResumedAt, session.LastInterruptionAt!.Value, "resumedAt", "resumption", "the interruption") is { } order)
        {
            return Decision.Reject(order);
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new DosingResumed(trial.Code, command.Subject, command.Period, by.UserId, command.ResumedAt));
    }
}

/// <summary>Wolverine handler of <see cref="ResumeDosing"/>: loads what <see cref="ResumeDosing.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class ResumeDosingHandler
{
    public static Task<CommandResult> Handle(ResumeDosing command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => ResumeDosing.Decide(state, trial, command, by, now), ct);
}
