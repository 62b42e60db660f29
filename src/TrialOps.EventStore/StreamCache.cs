using System.Collections.Concurrent;

namespace TrialOps.EventStore;

/// <summary>
/// The events of recently read streams, kept in memory so that a command on a long stream (a
/// participant with hundreds of events) reads only what was appended since, not the whole stream
/// again (DESIGN.md §8: the cost of a command must not grow with its stream). Events are immutable
/// and a stream only grows, so a cached prefix stays true as long as its last event is still
/// there with the same hash: every read checks that in the same query that fetches the tail, and
/// reads the whole stream again when it is not (a rolled-back append that was read inside its own
/// transaction, a restored database). Bounded: past <see cref="MaxEvents"/> the cache starts over.
/// </summary>
/// <remarks>
/// This is a cache of what the database said, never a source of truth: <c>trialops verify</c> and
/// reads as of a ledger position go to the tables every time.
/// </remarks>
internal sealed class StreamCache(int maxEvents = StreamCache.DefaultMaxEvents)
{
    public const int DefaultMaxEvents = 200_000;

    private readonly ConcurrentDictionary<string, IReadOnlyList<StoredEvent>> _streams = new(StringComparer.Ordinal);
    private int _events;

    public int MaxEvents => maxEvents;

    /// <summary>The cached events of a stream, if any (never empty).</summary>
    public IReadOnlyList<StoredEvent>? Get(string streamId) =>
        _streams.TryGetValue(streamId, out var events) ? events : null;

    /// <summary>Keeps what a read returned; a shorter list than the one cached (another reader was later) is not kept.</summary>
    public void Put(string streamId, IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0)
        {
            Forget(streamId);
            return;
        }

        var added = events.Count;
        _streams.AddOrUpdate(
            streamId,
            events,
            (_, cached) =>
            {
                added = events.Count - cached.Count;
                return cached.Count > events.Count ? cached : events;
            });
        if (Interlocked.Add(ref _events, Math.Max(added, 0)) > maxEvents)
        {
            _streams.Clear();
            Interlocked.Exchange(ref _events, 0);
        }
    }

    /// <summary>
    /// After a commit: the stream is what its writer read (ending in <paramref name="readLast"/>)
    /// followed by what it appended, since the append checked the version it read. Kept only when
    /// the cache still ends in exactly that event; otherwise the next read finds out for itself.
    /// </summary>
    public void Extend(string streamId, StoredEvent readLast, IReadOnlyList<StoredEvent> appended)
    {
        if (appended.Count == 0 || Get(streamId) is not { } cached || !ReferenceEquals(cached[^1], readLast) || appended[0].Version != readLast.Version + 1)
        {
            return;
        }

        var whole = new List<StoredEvent>(cached.Count + appended.Count);
        whole.AddRange(cached);
        whole.AddRange(appended);
        if (_streams.TryUpdate(streamId, whole, cached) && Interlocked.Add(ref _events, appended.Count) > maxEvents)
        {
            _streams.Clear();
            Interlocked.Exchange(ref _events, 0);
        }
    }

    /// <summary>The cached events of a stream if they reach <paramref name="position"/> (a commit's last event of the stream).</summary>
    public IReadOnlyList<StoredEvent>? Through(string streamId, long position) =>
        Get(streamId) is { } cached && cached[^1].Position >= position ? cached : null;

    public void Forget(string streamId)
    {
        if (_streams.TryRemove(streamId, out var removed))
        {
            Interlocked.Add(ref _events, -removed.Count);
        }
    }
}
