using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>Record a change of the pump rate (mL/h) during the administration, and why.</summary>
public sealed record ChangeInfusionRate(ProtocolCode Protocol, SubjectNumber Subject, int Period, DateTimeOffset ChangedAt, decimal RateMlPerHour, string Reason)
{
    public const decimal MaxRateMlPerHour = 2000m;

    public static Decision Decide(ParticipantState state, TrialContext trial, ChangeInfusionRate command, Actor by, DateTimeOffset now)
    {
        if ((DosingRules.Prelude(state, trial, command.Subject, command.Period, by, JourneyRules.SiteStaff, "record a rate change")
            ?? DosingRules.Running(state, command.Period)
            ?? JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.ChangedAt, now, "changedAt", "rate change time")
            ?? DosingRules.NotBefore(trial.ClockOf(command.Subject), command.ChangedAt, state.Session(command.Period).StartedAt!.Value, "changedAt", "rate change", "the start of dosing")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (command.RateMlPerHour <= 0 || command.RateMlPerHour > MaxRateMlPerHour)
        {
            return Decision.Reject("dosing.rate-implausible", $"A rate of {command.RateMlPerHour} mL/h is outside 0–{MaxRateMlPerHour} mL/h; record an interruption to stop the pump.", "rateMlPerHour");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Decision.Reject("dosing.rate-change-reason-required", "Give the reason for the rate change.", "reason");
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new InfusionRateChanged(trial.Code, command.Subject, command.Period, by.UserId, command.ChangedAt, command.RateMlPerHour, command.Reason.Trim()));
    }
}

/// <summary>Wolverine handler of <see cref="ChangeInfusionRate"/>: loads what <see cref="ChangeInfusionRate.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class ChangeInfusionRateHandler
{
    public static Task<CommandResult> Handle(ChangeInfusionRate command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => ChangeInfusionRate.Decide(state, trial, command, by, now), ct);
}
