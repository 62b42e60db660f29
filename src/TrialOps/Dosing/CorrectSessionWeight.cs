using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>
/// Correct a wrongly recorded session weight with the reason. The original stays. A dose already
/// prepared keeps the weight it was calculated from (recorded on the preparation); while the two
/// differ, dosing is refused until the pharmacy prepares the dose anew
/// (<see cref="ReplaceDosePreparation"/>) or confirms it for the corrected weight
/// (<see cref="ConfirmDosePreparation"/>; ADR 0020).
/// </summary>
public sealed record CorrectSessionWeight(ProtocolCode Protocol, SubjectNumber Subject, int Period, decimal WeightKg, DateTimeOffset MeasuredAt, string Reason)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, CorrectSessionWeight command, Actor by, DateTimeOffset now)
    {
        if ((JourneyRules.Role(by, JourneyRules.SiteStaff, "correct a weight")
            ?? JourneyRules.Open(trial)
            ?? JourneyRules.Exists(state, command.Subject)
            ?? JourneyRules.Reason(command.Reason)
            ?? DosingRules.Weight(command.WeightKg)
            ?? JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.MeasuredAt, now, "measuredAt", "weighing time")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var session = state.Session(command.Period);
        if (session.WeightKg is not { } recorded)
        {
            return Decision.Reject("dosing.no-weight", $"No weight is recorded for period {command.Period}.", "period");
        }

        if (recorded == command.WeightKg && session.WeightMeasuredAt == command.MeasuredAt)
        {
            return Decision.Reject("correction.unchanged", "The corrected weight is the same as the recorded one.");
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new SessionWeightCorrected(trial.Code, command.Subject, command.Period, by.UserId, now, command.WeightKg, command.MeasuredAt, command.Reason.Trim()));
    }
}

/// <summary>Wolverine handler of <see cref="CorrectSessionWeight"/>: loads what <see cref="CorrectSessionWeight.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class CorrectSessionWeightHandler
{
    public static Task<CommandResult> Handle(CorrectSessionWeight command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => CorrectSessionWeight.Decide(state, trial, command, by, now), ct, command.Reason);
}
