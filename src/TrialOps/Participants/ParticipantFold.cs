using TrialOps.EventStore;
using TrialOps.Protocols;

namespace TrialOps.Participants;

/// <summary>
/// A participant's state (and its protocol's) folded from a stream read, incrementally
/// (<see cref="StreamFold{TState}"/>): a command's decision and the API's answer after it fold only
/// the events since the last fold of the same stream in this process, not the whole stream.
/// </summary>
public static class ParticipantFold
{
    private static readonly StreamFold<ParticipantState> Participants = new(ParticipantState.Initial, (state, e) => state.Apply(e.Data));

    private static readonly StreamFold<ProtocolState> Protocols = new(ProtocolState.Initial, (state, e) => state.Apply(e.Data));

    /// <summary>The participant after <paramref name="events"/> (its stream, in version order).</summary>
    public static ParticipantState Through(IReadOnlyList<StoredEvent> events) => Participants.Through(events);

    /// <summary>As <see cref="Through(IReadOnlyList{StoredEvent})"/>, with how many events were folded now.</summary>
    public static ParticipantState Through(IReadOnlyList<StoredEvent> events, out int applied) => Participants.Through(events, out applied);

    /// <summary>The protocol after <paramref name="events"/> (its stream, in version order).</summary>
    public static ProtocolState ProtocolThrough(IReadOnlyList<StoredEvent> events) => Protocols.Through(events);
}
