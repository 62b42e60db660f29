using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Participants;

/// <summary>
/// Record that a participant left the trial early, when and why. What is recorded stays; nothing
/// further is scheduled, and open schedule items become not applicable.
/// </summary>
public sealed record WithdrawParticipant(ProtocolCode Protocol, SubjectNumber Subject, DateTimeOffset WithdrawnAt, WithdrawalReason Reason, string Details)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, WithdrawParticipant command, Actor by, DateTimeOffset now)
    {
        if (JourneyRules.Role(by, JourneyRules.CoordinatorOrInvestigator, "withdraw a participant") is { } role)
        {
            return Decision.Reject(role);
        }

        if ((JourneyRules.Open(trial) ?? JourneyRules.Exists(state, command.Subject)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (state.Status is not (ParticipantStatus.Screened or ParticipantStatus.Eligible or ParticipantStatus.Randomized))
        {
            return Decision.Reject("participant.not-active", $"Participant {command.Subject} is {JourneyRules.Describe(state.Status)} and cannot be withdrawn.");
        }

        if (string.IsNullOrWhiteSpace(command.Details))
        {
            return Decision.Reject("participant.withdrawal-details-required", "Explain the withdrawal.", "details");
        }

        if (Common.ExportableText.Check(command.Details, "details", "withdrawal explanation") is { } notExportable)
        {
            return Decision.Reject(notExportable);
        }

        if (JourneyRules.ClinicalTime(trial.ClockOf(command.Subject), state, command.WithdrawnAt, now, "withdrawnAt", "withdrawal time") is { } future)
        {
            return Decision.Reject(future);
        }

        if (state.ConsentDate is { } consent && trial.ClockOf(command.Subject).LocalDate(command.WithdrawnAt) < consent)
        {
            return Decision.Reject("participant.withdrawal-before-consent", $"The withdrawal cannot precede the consent date {consent:yyyy-MM-dd}.", "withdrawnAt");
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new ParticipantWithdrawn(trial.Code, command.Subject, by.UserId, command.WithdrawnAt, command.Reason, command.Details.Trim()));
    }
}

/// <summary>Wolverine handler of <see cref="WithdrawParticipant"/>: loads what <see cref="WithdrawParticipant.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class WithdrawParticipantHandler
{
    public static Task<CommandResult> Handle(WithdrawParticipant command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => WithdrawParticipant.Decide(state, trial, command, by, now), ct, command.Details);
}
