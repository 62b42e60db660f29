using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>Record the participant's weight for the current period's session; the dose is calculated from it.</summary>
public sealed record RecordSessionWeight(ProtocolCode Protocol, SubjectNumber Subject, int Period, DateTimeOffset MeasuredAt, decimal WeightKg)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, RecordSessionWeight command, Actor by, DateTimeOffset now)
    {
        if ((DosingRules.Prelude(state, trial, command.Subject, command.Period, by, JourneyRules.SiteStaff, "record a weight")
            ?? DosingRules.CurrentPeriod(state, command.Period)
            ?? DosingRules.Weight(command.WeightKg)
            ?? JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.MeasuredAt, now, "measuredAt", "weighing time")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (state.Session(command.Period).WeightKg is not null)
        {
            return Decision.Reject("dosing.weight-already-recorded", $"The weight of period {command.Period} is already recorded; correct it with a reason if it is wrong.", "weightKg");
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new SessionWeightRecorded(trial.Code, command.Subject, command.Period, by.UserId, command.MeasuredAt, command.WeightKg));
    }
}

/// <summary>Wolverine handler of <see cref="RecordSessionWeight"/>: loads what <see cref="RecordSessionWeight.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class RecordSessionWeightHandler
{
    public static Task<CommandResult> Handle(RecordSessionWeight command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => RecordSessionWeight.Decide(state, trial, command, by, now), ct);
}
