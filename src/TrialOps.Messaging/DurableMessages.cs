using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Wolverine;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace TrialOps.Messaging;

/// <summary>
/// Cascading and scheduled messages of a command, written through Wolverine's durable outbox in
/// the command's own transaction (DESIGN.md §5): they exist exactly when the events that caused
/// them exist, survive a crash, and are delivered by whichever node runs Wolverine's durability
/// agent (retried with backoff, dead-lettered after the last attempt).
/// </summary>
public sealed class DurableMessages
{
    /// <summary>The header naming the command that caused a message (its causation id).</summary>
    public const string CausationHeader = "trialops-causation";

    private IWolverineRuntime? _runtime;
    private TimeSpan? _hold;

    /// <summary>
    /// Connects the outbox to the started Wolverine runtime (messages cannot be sent before).
    /// <paramref name="hold"/> (tests that drive the scheduler themselves) schedules every message
    /// that much later than due, to be released with <c>UPDATE … SET execution_time = execution_time - hold</c>.
    /// </summary>
    public void Attach(IWolverineRuntime runtime, TimeSpan? hold = null) => (_runtime, _hold) = (runtime, hold);

    /// <summary>
    /// Writes <paramref name="messages"/> into Wolverine's tables inside <paramref name="transaction"/>;
    /// the returned batch hands them to the local queues once the transaction has committed.
    /// </summary>
    public async Task<OutboxBatch> EnlistAsync(NpgsqlTransaction transaction, IReadOnlyList<OutgoingMessage> messages, CommandContext context, DateTimeOffset now)
    {
        if (messages.Count == 0)
        {
            return OutboxBatch.Empty;
        }

        var runtime = _runtime ?? throw new InvalidOperationException("The message bus is not started: this command's messages cannot be written.");
        var bus = new MessageContext(runtime) { CorrelationId = context.CorrelationId.ToString() };
        if (!bus.TryFindMessageDatabase(out var database))
        {
            throw new InvalidOperationException("Wolverine has no PostgreSQL message store: durable messages cannot be written.");
        }

        await bus.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction(database!, transaction));
        foreach (var message in messages)
        {
            var options = new DeliveryOptions();
            options.Headers[CausationHeader] = context.CommandId.ToString();
            if (_hold is { } hold)
            {
                await bus.ScheduleAsync(message.Payload, (message.DeliverAt ?? now) + hold, options);
            }
            else if (message.DeliverAt is { } deliverAt && deliverAt > now)
            {
                await bus.ScheduleAsync(message.Payload, deliverAt, options);
            }
            else
            {
                await bus.PublishAsync(message.Payload, options);
            }
        }

        return new OutboxBatch(bus);
    }

    /// <summary>
    /// A command id derived from a message's id: delivery is at least once, so a handler that sends
    /// its command with this id has its effect exactly once.
    /// </summary>
    public static Guid DerivedCommandId(Envelope envelope, string purpose = "")
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"message:{envelope.Id}:{purpose}"));
        return new Guid(bytes.AsSpan(0, 16));
    }

    /// <summary>The context of a command a message handler sends on the system's behalf.</summary>
    public static CommandContext SystemContext(Envelope envelope, string purpose = "")
    {
        var commandId = DerivedCommandId(envelope, purpose);
        var correlation = Guid.TryParse(envelope.CorrelationId, out var parsed) ? parsed : commandId;
        Guid? causation = envelope.Headers.TryGetValue(CausationHeader, out var header) && Guid.TryParse(header, out var cause) ? cause : null;
        return new CommandContext(commandId, Actor.System, correlation, causation);
    }
}

/// <summary>Messages written in a transaction, handed to delivery after it committed.</summary>
public sealed class OutboxBatch
{
    private readonly MessageContext? _bus;

    internal OutboxBatch(MessageContext? bus) => _bus = bus;

    public static OutboxBatch Empty { get; } = new(null);

    /// <summary>After commit: the messages go to their local queues (scheduled ones wait in the store).</summary>
    public Task FlushAsync() => _bus?.FlushOutgoingMessagesAsync() ?? Task.CompletedTask;
}
