using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Washouts;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>
/// Record a dosing start that happened before the washout had elapsed. It is a protocol deviation:
/// only an Investigator records it, with the reason, and the stream marks it as one
/// (<see cref="ProtocolDeviationRecorded"/>) next to the start itself.
/// </summary>
public sealed record StartDosingBeforeWashout(ProtocolCode Protocol, SubjectNumber Subject, int Period, DateTimeOffset StartedAt, string Reason)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, StartDosingBeforeWashout command, Actor by, DateTimeOffset now)
    {
        var start = new StartDosing(command.Protocol, command.Subject, command.Period, command.StartedAt);
        if ((StartDosing.Check(state, trial, start, by, now, [Roles.Investigator]) ?? JourneyRules.Reason(command.Reason)) is { } rejection)
        {
            return Decision.Reject(rejection.Code == RejectionCodes.ReasonRequired
                ? rejection with { Message = "Give the reason why dosing started before the washout had elapsed." }
                : rejection);
        }

        if (WashoutRule.EndsAt(state, trial.Protocol, command.Period) is not { } washoutEndsAt || command.StartedAt >= washoutEndsAt)
        {
            return Decision.Reject(
                "dosing.no-deviation",
                command.Period == 1
                    ? "Period 1 has no washout before it: record the start of dosing normally."
                    : $"The washout had elapsed at {trial.ClockOf(command.Subject).Show(command.StartedAt)}: record the start of dosing normally.",
                "startedAt");
        }

        var early = washoutEndsAt - command.StartedAt;
        return StartDosing.Started(
            state,
            trial,
            start,
            by,
            new ProtocolDeviationRecorded(
                trial.Code,
                command.Subject,
                command.Period,
                by.UserId,
                command.StartedAt,
                ProtocolDeviationKinds.WashoutNotElapsed,
                $"Dosing of period {command.Period} started {trial.ClockOf(command.Subject).Show(command.StartedAt)}, {FormatEarly(early)} before the washout ended. "
                + WashoutRule.Describe(trial.ClockOf(command.Subject), washoutEndsAt, trial.Protocol, command.Period) + ".",
                command.Reason.Trim()));
    }

    private static string FormatEarly(TimeSpan early) =>
        early.TotalDays >= 1 ? $"{(int)early.TotalDays} d {early.Hours} h {early.Minutes} min"
        : early.TotalHours >= 1 ? $"{(int)early.TotalHours} h {early.Minutes} min"
        : $"{Math.Max(1, (int)Math.Ceiling(early.TotalMinutes))} min";
}

/// <summary>Wolverine handler of <see cref="StartDosingBeforeWashout"/>: loads what <see cref="StartDosingBeforeWashout.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class StartDosingBeforeWashoutHandler
{
    public static Task<CommandResult> Handle(StartDosingBeforeWashout command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => StartDosingBeforeWashout.Decide(state, trial, command, by, now), ct, command.Reason);
}
