namespace TrialOps.Messaging;

/// <summary>Why a command was refused. <see cref="Field"/> names the input at fault, if one is.</summary>
public sealed record Rejection(string Code, string Message, string? Field = null);

/// <summary>An event a decision wants appended to a stream.</summary>
public sealed record PendingEvent(string StreamId, object Data);

/// <summary>
/// A message to deliver after the transaction commits: now, or at <see cref="DeliverAt"/>.
/// Messages with the same <see cref="OrderingKey"/> (usually a stream id) are handled in order.
/// </summary>
public sealed record OutgoingMessage(string Type, object Payload, DateTimeOffset? DeliverAt = null, string? OrderingKey = null);

/// <summary>
/// The outcome of a pure decide function: events (and messages) to write, or a rejection.
/// Nothing is written for a rejection.
/// </summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<PendingEvent> events, IReadOnlyList<OutgoingMessage> messages, Rejection? rejection)
    {
        Events = events;
        Messages = messages;
        Rejection = rejection;
    }

    public IReadOnlyList<PendingEvent> Events { get; }

    public IReadOnlyList<OutgoingMessage> Messages { get; }

    public Rejection? Rejection { get; }

    public bool IsRejected => Rejection is not null;

    public static Decision Append(string streamId, params object[] events) =>
        new(events.Select(e => new PendingEvent(streamId, e)).ToArray(), [], null);

    public static Decision Reject(string code, string message, string? field = null) =>
        new([], [], new Rejection(code, message, field));

    public static Decision Reject(Rejection rejection) => new([], [], rejection);

    public static Decision None { get; } = new([], [], null);

    /// <summary>Adds events for another (or the same) stream.</summary>
    public Decision And(string streamId, params object[] events) =>
        IsRejected ? this : new(Events.Concat(events.Select(e => new PendingEvent(streamId, e))).ToArray(), Messages, null);

    /// <summary>Adds a message written in the same transaction as the events.</summary>
    public Decision Send(OutgoingMessage message) =>
        IsRejected ? this : new(Events, Messages.Append(message).ToArray(), null);
}
