namespace TrialOps.EventStore;

/// <summary>Who did what, why, and as part of which command. Mandatory on every event.</summary>
/// <param name="ActorId">The user id (or <c>system</c> for scheduled work).</param>
/// <param name="ActorRole">The role the actor acted in.</param>
/// <param name="Reason">Why a recorded value changed; required for events whose type demands it.</param>
/// <param name="CorrelationId">Groups everything caused by one user action.</param>
/// <param name="CausationId">The command or message that directly caused this event.</param>
/// <param name="CommandId">The idempotency key of the command that produced the event.</param>
public sealed record EventMetadata(
    string ActorId,
    string ActorRole,
    string? Reason,
    Guid CorrelationId,
    Guid CausationId,
    Guid CommandId);

/// <summary>An event as it is stored.</summary>
public sealed record StoredEvent(
    long Position,
    string StreamId,
    int Version,
    string Type,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt,
    string Hash);

/// <summary>The stream moved since the caller read it.</summary>
public sealed class ConcurrencyException(string streamId, int expectedVersion, int actualVersion)
    : Exception($"Stream '{streamId}' is at version {actualVersion}, expected {expectedVersion}.")
{
    public string StreamId { get; } = streamId;
    public int ExpectedVersion { get; } = expectedVersion;
    public int ActualVersion { get; } = actualVersion;
}

/// <summary>A consumer's place in commit order: the writing transaction, then the position.</summary>
public readonly record struct CommitCursor(ulong TransactionId, long Position)
{
    public static CommitCursor Start { get; } = new(0, 0);
}

/// <summary>An event read in commit order with the cursor that points at it.</summary>
public sealed record CommittedEvent(StoredEvent Event, CommitCursor Cursor);
