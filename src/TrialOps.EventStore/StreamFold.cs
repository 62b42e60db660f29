using System.Runtime.CompilerServices;

namespace TrialOps.EventStore;

/// <summary>
/// A stream's state folded incrementally: the state folded through an event is kept by that event
/// object, so folding a list that extends an earlier one (the stream cache's lists share their event
/// objects, DESIGN.md §8) applies only the events after the last one already folded, and a command
/// on a long stream costs what one on a short stream does. An event object stands for one place in
/// one stream with everything before it (a stream only grows; the cache reads the whole stream again,
/// as new objects, when its prefix is no longer true), so its state is the state of every list that
/// holds it at the same index. Folded states must be immutable: one is shared by every reader.
/// The table holds its states only as long as their event objects live (a weak table). The fold is
/// given the stored event (its data, and its version for states that record versions).
/// </summary>
public sealed class StreamFold<TState>(TState initial, Func<TState, StoredEvent, TState> apply)
    where TState : class
{
    private readonly ConditionalWeakTable<StoredEvent, TState> _through = new();

    /// <summary>The state after <paramref name="events"/> (one stream's, in version order).</summary>
    public TState Through(IReadOnlyList<StoredEvent> events) => Through(events, out _);

    /// <summary>As <see cref="Through(IReadOnlyList{StoredEvent})"/>; <paramref name="applied"/> is how many events were folded now.</summary>
    public TState Through(IReadOnlyList<StoredEvent> events, out int applied)
    {
        var start = events.Count;
        TState? state = null;
        while (start > 0 && !_through.TryGetValue(events[start - 1], out state))
        {
            start--;
        }

        state ??= initial;
        for (var i = start; i < events.Count; i++)
        {
            state = apply(state, events[i]);
        }

        applied = events.Count - start;
        if (applied > 0)
        {
            _through.AddOrUpdate(events[^1], state);
        }

        return state;
    }
}
