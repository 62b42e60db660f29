using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Washouts;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>
/// Record the start of the period's administration. Refused while the washout after the previous
/// period's dosing has not elapsed (the message says when it ends); if it really happened, an
/// Investigator records it with <see cref="StartDosingBeforeWashout"/> as a protocol deviation.
/// Schedules the check of the period's assessments at their first deadline.
/// </summary>
/// <param name="StartedAt">Clinical time of the start.</param>
public sealed record StartDosing(ProtocolCode Protocol, SubjectNumber Subject, int Period, DateTimeOffset StartedAt)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, StartDosing command, Actor by, DateTimeOffset now)
    {
        if (Check(state, trial, command, by, now, JourneyRules.SiteStaff) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (WashoutRule.EndsAt(state, trial.Protocol, command.Period) is { } washoutEndsAt && command.StartedAt < washoutEndsAt)
        {
            var clock = trial.ClockOf(command.Subject);
            return Decision.Reject(
                "dosing.washout-not-elapsed",
                $"{WashoutRule.Describe(clock, washoutEndsAt, trial.Protocol, command.Period)}: dosing cannot start at {clock.Show(command.StartedAt)}. "
                + "If it did, an Investigator must record it as a protocol deviation with a reason.",
                "startedAt");
        }

        return Started(state, trial, command, by);
    }

    /// <summary>Everything but the washout: the washout is what the deviation path may break.</summary>
    internal static Rejection? Check(ParticipantState state, TrialContext trial, StartDosing command, Actor by, DateTimeOffset now, IReadOnlyList<string> roles)
    {
        if ((DosingRules.Prelude(state, trial, command.Subject, command.Period, by, roles, "record the start of dosing")
            ?? DosingRules.CurrentPeriod(state, command.Period)
            ?? JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.StartedAt, now, "startedAt", "dosing start")) is { } rejection)
        {
            return rejection;
        }

        var clock = trial.ClockOf(command.Subject);
        var session = state.Session(command.Period);
        if (session.Started)
        {
            return new Rejection("dosing.already-started", $"Dosing of period {command.Period} already started at {clock.Show(session.StartedAt!.Value)}.", "period");
        }

        if (session.Preparation is null)
        {
            return new Rejection("dosing.not-prepared", $"The kit for period {command.Period} has not been recorded as prepared and checked by the pharmacy.", "period");
        }

        if (DosingRules.PreparationCurrent(session) is { } outdated)
        {
            return outdated;
        }

        if ((DosingRules.NotBefore(clock, command.StartedAt, session.Preparation.PreparedAt, "startedAt", "dosing start", "the preparation of the kit")
            ?? (session.WeightMeasuredAt is { } weighed ? DosingRules.NotBefore(clock, command.StartedAt, weighed, "startedAt", "dosing start", "the weighing") : null)) is { } order)
        {
            return order;
        }

        if (command.Period > 1 && state.Session(command.Period - 1).StoppedAt is { } previousStop && command.StartedAt < previousStop)
        {
            return new Rejection(
                "dosing.time-out-of-order",
                $"Dosing of period {command.Period} cannot start before the dosing of period {command.Period - 1} ended ({clock.Show(previousStop)}).",
                "startedAt");
        }

        return null;
    }

    internal static Decision Started(ParticipantState state, TrialContext trial, StartDosing command, Actor by, params object[] more)
    {
        var started = new DosingStarted(trial.Code, command.Subject, command.Period, by.UserId, command.StartedAt);
        var decision = Decision.Append(ParticipantStreams.For(trial.Code, command.Subject), [started, .. more]);
        var after = state.Apply(started);
        return AssessmentWindows.NextCheck(after, trial.Protocol, command.Period, DateTimeOffset.MinValue) is { } check
            ? decision.Send(check)
            : decision;
    }
}

/// <summary>Wolverine handler of <see cref="StartDosing"/>: loads what <see cref="StartDosing.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class StartDosingHandler
{
    public static Task<CommandResult> Handle(StartDosing command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => StartDosing.Decide(state, trial, command, by, now), ct);
}
