using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Blinding;

/// <summary>
/// Break the blind for one participant because their safety demands it. Investigator only, with a
/// reason and an electronic signature (password re-entry, verified by the caller before this
/// decision; Part 11 §11.200). The sponsor is notified in the same transaction.
/// </summary>
/// <param name="Stratum">The participant's stratum (the list that holds their allocation).</param>
/// <param name="SignatureVerified">True when the caller re-verified the investigator's password for this action.</param>
public sealed record BreakBlindInEmergency(
    ProtocolCode Protocol,
    string Stratum,
    string ParticipantId,
    string Reason,
    bool SignatureVerified,
    Actor By)
{
    public string StreamId => RandomizationStreams.For(Protocol, Stratum);

    public static Decision Decide(RandomizationListState state, BreakBlindInEmergency command, DateTimeOffset now)
    {
        if (command.By.Role != Roles.Investigator)
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only an Investigator can break the blind in an emergency.");
        }

        if (!command.SignatureVerified)
        {
            return Decision.Reject(RejectionCodes.SignatureRequired, "Re-enter your password to sign the emergency unblinding.", "password");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Decision.Reject(RejectionCodes.ReasonRequired, "Give the clinical reason for breaking the blind.", "reason");
        }

        if (state.Parameters is not { } parameters || !state.EntryByParticipant.TryGetValue(command.ParticipantId, out var entryNumber))
        {
            return Decision.Reject(
                "blinding.not-randomized",
                $"Participant {command.ParticipantId} has no allocation in stratum {command.Stratum}.",
                "participantId");
        }

        var compromisedPeriods = Enumerable.Range(1, parameters.PeriodCount).ToArray();
        var reason = command.Reason.Trim();
        return Decision
            .Append(
                command.StreamId,
                new EmergencyUnblindingPerformed(
                    command.Protocol,
                    command.Stratum,
                    command.By.UserId,
                    now,
                    command.ParticipantId,
                    entryNumber,
                    reason,
                    compromisedPeriods))
            .Send(new OutgoingMessage(
                SponsorUnblindingNotification.MessageType,
                new SponsorUnblindingNotification(
                    command.Protocol,
                    command.Stratum,
                    command.ParticipantId,
                    command.By.UserId,
                    now,
                    reason,
                    compromisedPeriods),
                OrderingKey: command.StreamId));
    }
}
