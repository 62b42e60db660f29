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

    /// <summary>
    /// Decides on the folded state alone: the event that assigns the next entry, or a rejection.
    /// Use <see cref="Randomize"/> when the caller needs the allocation itself.
    /// </summary>
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

    /// <summary>
    /// Randomizes the participant from the list stream's events (<c>StreamSet.Data(streamId)</c>)
    /// and hands the caller the allocation together with the decision that records it, so that the
    /// participant-side event can be composed in the same executor call:
    /// <code>
    /// var randomized = RandomizeParticipant.Randomize(streams.Data(command.StreamId), command, now);
    /// return randomized.Allocation is { } allocation
    ///     ? randomized.Decision.And(participantStream, new …(…, allocation.EntryNumber, allocation.Kits))
    ///     : randomized.Decision;
    /// </code>
    /// This is the only way to learn which entry a participant gets, and it always comes with the
    /// <see cref="AllocationAssigned"/> event: there is no preview. Put the kit numbers in the
    /// participant's stream if needed, never the sequence number (it is treatment identity).
    /// </summary>
    public static ParticipantRandomization Randomize(IEnumerable<object> listEvents, RandomizeParticipant command, DateTimeOffset now)
    {
        var events = listEvents as IReadOnlyCollection<object> ?? listEvents.ToArray();
        var state = RandomizationListState.From(events);
        var decision = Decide(state, command, now);
        if (decision.IsRejected)
        {
            return new ParticipantRandomization(decision, null);
        }

        var assigned = (AllocationAssigned)decision.Events.Single().Data;
        var allocation = RandomizationListEntries.AllocationAt(events, state, command.ParticipantId, assigned.EntryNumber)
            ?? throw new InvalidOperationException($"Stream {command.StreamId} holds no entry {assigned.EntryNumber} although its count says it does.");
        return new ParticipantRandomization(decision, allocation);
    }
}

/// <summary>
/// The outcome of <see cref="RandomizeParticipant.Randomize"/>: the decision to append, and the
/// allocation it records (null when the decision is a rejection).
/// </summary>
public sealed record ParticipantRandomization(Decision Decision, Allocation? Allocation);
