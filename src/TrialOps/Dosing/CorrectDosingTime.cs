using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Washouts;
using Wolverine;

namespace TrialOps.Dosing;

public enum DosingTime
{
    Start,
    Stop,
}

/// <summary>
/// Correct a wrongly recorded dosing start or stop time, with the reason; the original stays.
/// Schedules move with it (assessment deadlines after a start, the washout after a stop). A
/// correction that shows the washout was not respected is a protocol deviation: only an
/// Investigator can record it, and it is marked as one.
/// </summary>
public sealed record CorrectDosingTime(ProtocolCode Protocol, SubjectNumber Subject, int Period, DosingTime Which, DateTimeOffset Time, string Reason)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, CorrectDosingTime command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.SiteStaff, "correct a dosing time")
            ?? JourneyRules.Open(trial)
            ?? JourneyRules.Exists(state, command.Subject)
            ?? JourneyRules.Period(state, command.Period)
            ?? JourneyRules.Reason(command.Reason)
            ?? JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.Time, now, "time", "corrected time")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        return command.Which == DosingTime.Start ? CorrectStart(state, trial, command, by, now) : CorrectStop(state, trial, command, by, now);
    }

    private static Decision CorrectStart(ParticipantState state, TrialContext trial, CorrectDosingTime command, Actor by, DateTimeOffset now)
    {
        var clock = trial.ClockOf(command.Subject);
        var session = state.Session(command.Period);
        if (session.StartedAt is not { } recorded)
        {
            return Decision.Reject("dosing.not-started", $"No dosing start is recorded for period {command.Period}.", "period");
        }

        if (recorded == command.Time)
        {
            return Decision.Reject("correction.unchanged", "The corrected start is the same as the recorded one.");
        }

        if (((session.StoppedAt is { } stop && command.Time > stop
                ? new Rejection("dosing.time-out-of-order", $"The start cannot follow the end of dosing ({clock.Show(stop)}).", "time")
                : null)
            ?? (session.LastInterruptionAt is { } interruption && command.Time > interruption
                ? new Rejection("dosing.time-out-of-order", $"The start cannot follow the interruption at {clock.Show(interruption)}.", "time")
                : null)
            ?? (command.Period > 1 && state.Session(command.Period - 1).StoppedAt is { } previousStop
                ? DosingRules.NotBefore(clock, command.Time, previousStop, "time", "start", $"the end of period {command.Period - 1} dosing")
                : null)) is { } order)
        {
            return Decision.Reject(order);
        }

        var corrected = new DosingStartCorrected(trial.Code, command.Subject, command.Period, by.UserId, now, command.Time, command.Reason.Trim());
        var deviation = WashoutDeviation(state, trial, command.Subject, command.Period, command.Time, WashoutRule.EndsAt(state, trial.Protocol, command.Period), by, command.Reason);
        if (deviation is { Rejection: { } refused })
        {
            return Decision.Reject(refused);
        }

        var stream = ParticipantStreams.For(trial.Code, command.Subject);
        var decision = deviation?.Event is { } deviationEvent ? Decision.Append(stream, corrected, deviationEvent) : Decision.Append(stream, corrected);
        return state.InTreatment && AssessmentWindows.NextCheck(state.Apply(corrected), trial.Protocol, command.Period, DateTimeOffset.MinValue) is { } check
            ? decision.Send(check)
            : decision;
    }

    private static Decision CorrectStop(ParticipantState state, TrialContext trial, CorrectDosingTime command, Actor by, DateTimeOffset now)
    {
        var clock = trial.ClockOf(command.Subject);
        var session = state.Session(command.Period);
        if (session.StoppedAt is not { } recorded)
        {
            return Decision.Reject("dosing.not-stopped", $"No end of dosing is recorded for period {command.Period}.", "period");
        }

        if (recorded == command.Time)
        {
            return Decision.Reject("correction.unchanged", "The corrected end of dosing is the same as the recorded one.");
        }

        var next = command.Period < state.PeriodCount ? state.Session(command.Period + 1) : null;
        if ((DosingRules.NotBefore(clock, command.Time, session.StartedAt!.Value, "time", "end of dosing", "its start")
            ?? (session.LastInterruptionAt is { } interruption ? DosingRules.NotBefore(clock, command.Time, interruption, "time", "end of dosing", "the last interruption") : null)
            ?? (next?.StartedAt is { } nextStart && command.Time > nextStart
                ? new Rejection("dosing.time-out-of-order", $"The end of dosing cannot follow the start of period {command.Period + 1} ({clock.Show(nextStart)}).", "time")
                : null)) is { } order)
        {
            return Decision.Reject(order);
        }

        var corrected = new DosingStopCorrected(trial.Code, command.Subject, command.Period, by.UserId, now, command.Time, command.Reason.Trim());
        var stream = ParticipantStreams.For(trial.Code, command.Subject);
        if (next?.StartedAt is { } nextStarted)
        {
            var deviation = WashoutDeviation(state, trial, command.Subject, command.Period + 1, nextStarted, command.Time + trial.Protocol.Washout.Duration, by, command.Reason);
            return deviation switch
            {
                { Rejection: { } refused } => Decision.Reject(refused),
                { Event: { } deviationEvent } => Decision.Append(stream, corrected, deviationEvent),
                _ => Decision.Append(stream, corrected),
            };
        }

        var decision = Decision.Append(stream, corrected);
        return next is not null && state.InTreatment
            ? decision.Send(StopDosing.WashoutMessage(trial, command.Subject, command.Period, command.Time))
            : decision;
    }

    /// <summary>
    /// A start of <paramref name="period"/> at <paramref name="startedAt"/> that the corrected times put before the washout's end:
    /// nothing when it is not one (or is already recorded as one), the deviation event for an Investigator, a refusal for anyone else.
    /// </summary>
    private static (Rejection? Rejection, ProtocolDeviationRecorded? Event)? WashoutDeviation(
        ParticipantState state, TrialContext trial, SubjectNumber subject, int period, DateTimeOffset startedAt, DateTimeOffset? washoutEndsAt, Actor by, string reason)
    {
        if (washoutEndsAt is not { } endsAt || startedAt >= endsAt || state.Session(period).StartedAsDeviation)
        {
            return null;
        }

        var description = $"Corrected dosing times put the start of period {period} ({trial.ClockOf(subject).Show(startedAt)}) before the washout ended. "
            + WashoutRule.Describe(trial.ClockOf(subject), endsAt, trial.Protocol, period) + ".";
        return by.Role == Roles.Investigator
            ? (null, new ProtocolDeviationRecorded(trial.Code, subject, period, by.UserId, startedAt, ProtocolDeviationKinds.WashoutNotElapsed, description, reason.Trim()))
            : (new Rejection("dosing.washout-not-elapsed", description + " Only an Investigator can record this correction, as a protocol deviation.", "time"), null);
    }
}

/// <summary>Wolverine handler of <see cref="CorrectDosingTime"/>: loads what <see cref="CorrectDosingTime.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class CorrectDosingTimeHandler
{
    public static Task<CommandResult> Handle(CorrectDosingTime command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => CorrectDosingTime.Decide(state, trial, command, by, now), ct, command.Reason);
}
