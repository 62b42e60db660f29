using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Randomization;

/// <summary>
/// Randomize a participant: they take the next unused entry of their stratum's list. No command
/// or query shows which entry (or sequence) comes next; the person randomizing sees only that it
/// was done (allocation concealment).
/// </summary>
/// <param name="Stratum">From <see cref="Strata.Of"/> for the participant's site.</param>
/// <param name="By">A Coordinator or an Investigator.</param>
public sealed record RandomizeParticipant(ProtocolCode Protocol, string Stratum, string ParticipantId, Actor By)
{
    public string StreamId => RandomizationStreams.For(Protocol, Stratum);

    public static Decision Decide(RandomizationListState state, RandomizeParticipant command, DateTimeOffset now)
    {
        if (command.By.Role is not (Roles.Coordinator or Roles.Investigator))
        {
            return Decision.Reject(RejectionCodes.NotPermitted, "Only a Coordinator or an Investigator can randomize a participant.");
        }

        if (string.IsNullOrWhiteSpace(command.ParticipantId))
        {
            return Decision.Reject("randomization.participant-required", "Name the participant to randomize.", "participantId");
        }

        if (!state.Exists)
        {
            return Decision.Reject("randomization.no-list", $"Stratum {command.Stratum} has no randomization list yet.");
        }

        if (state.EntryByParticipant.ContainsKey(command.ParticipantId))
        {
            return Decision.Reject("randomization.already-randomized", $"Participant {command.ParticipantId} is already randomized.");
        }

        if (state.Exhausted)
        {
            return Decision.Reject(
                "randomization.stratum-exhausted",
                $"stratum {command.Stratum} is exhausted: a Coordinator must extend the list");
        }

        return Decision.Append(
            command.StreamId,
            new AllocationAssigned(
                command.Protocol,
                command.Stratum,
                command.By.UserId,
                now,
                command.ParticipantId,
                state.EntryByParticipant.Count + 1));
    }
}
