using TrialOps.Messaging;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Participants;

/// <summary>Correct a wrongly recorded consent date or consent-form version, with the reason (Part 11: the original stays).</summary>
public sealed record CorrectConsent(ProtocolCode Protocol, SubjectNumber Subject, DateOnly ConsentDate, string ConsentFormVersion, string Reason)
{
    public static Decision Decide(ParticipantState state, TrialContext trial, CorrectConsent command, Actor by, DateTimeOffset now)
    {
        if (JourneyRules.Role(by, JourneyRules.CoordinatorOrInvestigator, "correct consent data") is { } role)
        {
            return Decision.Reject(role);
        }

        if ((JourneyRules.Open(trial) ?? JourneyRules.Exists(state, command.Subject) ?? JourneyRules.Reason(command.Reason)) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        if (ConsentRules.Check(command.ConsentDate, command.ConsentFormVersion, now) is { } consent)
        {
            return Decision.Reject(consent);
        }

        var version = command.ConsentFormVersion.Trim();
        if (command.ConsentDate == state.ConsentDate && version == state.ConsentFormVersion)
        {
            return Decision.Reject("correction.unchanged", "The corrected consent data are the same as the recorded ones.");
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new ConsentCorrected(trial.Code, command.Subject, by.UserId, now, command.ConsentDate, version, command.Reason.Trim()));
    }
}

/// <summary>Wolverine handler of <see cref="CorrectConsent"/>: loads what <see cref="CorrectConsent.Decide"/> needs (the participant, the protocol in force) and records its decision.</summary>
public static class CorrectConsentHandler
{
    public static Task<CommandResult> Handle(CorrectConsent command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now) => CorrectConsent.Decide(state, trial, command, by, now), ct, command.Reason);
}
