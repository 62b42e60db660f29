using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Signatures;
using Wolverine;

namespace TrialOps.Blinding;

/// <summary>
/// Break the blind for one participant because their safety demands it. Investigator only, with a
/// reason and an electronic signature (password re-entry, verified by the caller before this
/// decision; Part 11 §11.200). The sponsor is notified in the same transaction.
/// </summary>
/// <param name="Stratum">The participant's stratum (the list that holds their allocation).</param>
/// <param name="Signature">The investigator's credentials, checked by the handler (ADR 0023); the signer must be <paramref name="By"/>.</param>
public sealed record BreakBlindInEmergency(
    ProtocolCode Protocol,
    string Stratum,
    string ParticipantId,
    string Reason,
    SignatureRequest? Signature,
    Actor By)
{
    public const string What = "the emergency unblinding";

    public string StreamId => RandomizationStreams.For(Protocol, Stratum);

    public static Decision Decide(RandomizationListState state, BreakBlindInEmergency command, DateTimeOffset now, SignatureContext signing)
    {
        if (command.By.Role != Roles.Investigator)
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only an Investigator can break the blind in an emergency.");
        }

        var (signature, refused) = Signing.Verify(command.Signature, signing, command.By, now, What);
        if (refused is not null)
        {
            return Decision.Reject(refused);
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Decision.Reject(RejectionCodes.ReasonRequired, "Give the clinical reason for breaking the blind.", "reason");
        }

        // A participant of a site the investigator is not assigned to is answered like one without an allocation (ADR 0010).
        if (state.Parameters is not { } parameters
            || !state.EntryByParticipant.TryGetValue(command.ParticipantId, out var entryNumber)
            || !Participants.SiteRules.MayReach(command.By, command.ParticipantId))
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
            .Signed(signature!, signing, command.StreamId, SignatureMeanings.ResponsibleFor, $"code break of participant {command.ParticipantId}", command.By, now)
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

/// <summary>
/// What a page or endpoint sends to break one participant's blind: the handler finds the
/// participant's stratum among the protocol's lists and decides <see cref="BreakBlindInEmergency"/>.
/// The sender (an Investigator) comes with the command's context.
/// </summary>
/// <param name="Signature">The investigator's credentials, checked by the handler (ADR 0023).</param>
public sealed record BreakParticipantBlind(ProtocolCode Protocol, string ParticipantId, string Reason, SignatureRequest? Signature);

/// <summary>Wolverine handler of <see cref="BreakParticipantBlind"/>: reads every stratum's list in one command and decides on the one that holds the participant.</summary>
public static class BreakParticipantBlindHandler
{
    public static async Task<CommandResult> Handle(BreakParticipantBlind command, Envelope envelope, ProtocolDecisions decisions, CancellationToken ct)
    {
        var context = CommandBus.ContextOf(envelope).WithReason(command.Reason);
        var strata = command.Protocol.Value is null ? [] : await decisions.History.KnownStrataAsync(command.Protocol, ct);
        if (strata.Count == 0)
        {
            return ProtocolDecisions.NoProtocol(context, command.Protocol);
        }

        var lists = strata.Select(s => RandomizationStreams.For(command.Protocol, s)).ToArray();
        // The list that holds the participant is known only once the lists are read: the signed version is taken from it below.
        return await decisions.SignedAsync(context, lists, lists[0], command.Signature, (streams, signing, now) =>
        {
            var (stratum, state) = (strata[0], RandomizationListState.Initial);
            foreach (var candidate in strata)
            {
                var candidateState = RandomizationListState.From(streams.Data(RandomizationStreams.For(command.Protocol, candidate)));
                if (candidateState.EntryByParticipant.ContainsKey(command.ParticipantId))
                {
                    (stratum, state) = (candidate, candidateState);
                    break;
                }
            }

            var decided = new BreakBlindInEmergency(command.Protocol, stratum, command.ParticipantId, command.Reason, command.Signature, context.Actor);
            var signed = RandomizationStreams.For(command.Protocol, stratum);
            return BreakBlindInEmergency.Decide(state, decided, now, signing with { SignedStreamVersion = streams.VersionOf(signed) });
        }, ct);
    }
}
