using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using Wolverine;

namespace TrialOps.Dosing;

/// <summary>
/// The pharmacist records that the period's kit was prepared (from the dose the unblinded pharmacy
/// view calculated for the session weight) and checked by a second person. The kit number must be
/// the one randomization assigned to this period: a wrong kit is refused before it reaches the
/// bedside.
/// </summary>
/// <param name="CheckedBy">User id of the second person who checked the preparation.</param>
public sealed record RecordDosePreparation(ProtocolCode Protocol, SubjectNumber Subject, int Period, KitNumber Kit, DateTimeOffset PreparedAt, string CheckedBy)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, RecordDosePreparation command, Actor by, DateTimeOffset now)
    {
        if ((DosingRules.Prelude(state, trial, command.Subject, command.Period, by, [Roles.Pharmacist], "record a dose preparation")
            ?? DosingRules.CurrentPeriod(state, command.Period)
            ?? JourneyRules.ClinicalTime(state, command.PreparedAt, now, "preparedAt", "preparation time")) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        var session = state.Session(command.Period);
        if (session.WeightKg is not { } weightKg)
        {
            return Decision.Reject("dosing.no-weight", $"Record the participant's weight for period {command.Period} first: the dose is calculated from it.", "period");
        }

        if (session.Preparation is not null)
        {
            return Decision.Reject("dosing.already-prepared", $"The kit of period {command.Period} is already recorded as prepared.", "kit");
        }

        if (session.WeightMeasuredAt is { } weighed && DosingRules.NotBefore(command.PreparedAt, weighed, "preparedAt", "preparation", "the weighing it is calculated from") is { } order)
        {
            return Decision.Reject(order);
        }

        if (session.Started)
        {
            return Decision.Reject("dosing.already-started", $"Dosing of period {command.Period} has already started.", "period");
        }

        if (state.Kits.GetValueOrDefault(command.Period) != command.Kit)
        {
            return Decision.Reject(
                "dosing.wrong-kit",
                $"Kit {command.Kit} is not the kit assigned to participant {command.Subject} for period {command.Period}: do not use it.",
                "kit");
        }

        if (string.IsNullOrWhiteSpace(command.CheckedBy))
        {
            return Decision.Reject("dosing.check-required", "Name the second person who checked the preparation.", "checkedBy");
        }

        if (string.Equals(command.CheckedBy.Trim(), by.UserId, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Reject("dosing.same-checker", "The preparation must be checked by a second person, not by the pharmacist who prepared it.", "checkedBy");
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new DosePrepared(trial.Code, command.Subject, command.Period, by.UserId, command.PreparedAt, command.Kit, command.CheckedBy.Trim(), weightKg));
    }
}

/// <summary>Wolverine handler of <see cref="RecordDosePreparation"/>: loads what <see cref="RecordDosePreparation.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class RecordDosePreparationHandler
{
    public static Task<CommandResult> Handle(RecordDosePreparation command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => RecordDosePreparation.Decide(state, trial, command, by, now), ct);
}
