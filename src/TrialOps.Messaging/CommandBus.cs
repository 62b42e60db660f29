using System.Text.Json;
using TrialOps.EventStore;
using Wolverine;

namespace TrialOps.Messaging;

/// <summary>
/// Commands travel through Wolverine (<c>InvokeAsync</c>: handled at once, in the sender's
/// process, answered with the <see cref="CommandResult"/>). Who sends a command, under which
/// command id and why rides with it in a header, so handlers are plain Wolverine handlers:
/// <c>Handle(TCommand command, Envelope envelope, …)</c> with <see cref="ContextOf"/>.
/// </summary>
public static class CommandBus
{
    public const string ContextHeader = "trialops-command-context";

    /// <summary>Longer than any command takes (a protocol import generating lists included).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static Task<CommandResult> SendCommandAsync<TCommand>(this IMessageBus bus, CommandContext context, TCommand command, CancellationToken ct = default)
        where TCommand : notnull =>
        bus.SendCommandAsync<TCommand, CommandResult>(context, command, ct);

    /// <summary>A command whose handler answers with more than a <see cref="CommandResult"/> (a protocol import's outcome).</summary>
    /// <remarks>
    /// A concurrent writer's conflict is retried by the bus's error policy (the handler runs again
    /// on fresh state); one that outlasts the retries is answered as <see cref="CommandResult.ConflictCode"/>.
    /// </remarks>
    public static async Task<TResult> SendCommandAsync<TCommand, TResult>(this IMessageBus bus, CommandContext context, TCommand command, CancellationToken ct = default)
        where TCommand : notnull
        where TResult : ICommandOutcome<TResult>
    {
        var options = new DeliveryOptions();
        options.Headers[ContextHeader] = JsonSerializer.Serialize(context, EventTypeRegistry.JsonOptions);
        try
        {
            return await bus.InvokeAsync<TResult>(command, options, ct, Timeout);
        }
        catch (ConcurrencyException e)
        {
            return TResult.Refused(CommandResult.Conflict(context.CommandId, e.StreamId));
        }
    }

    /// <summary>The context a command was sent with; a command sent around <see cref="SendCommandAsync"/> has none and is refused.</summary>
    public static CommandContext ContextOf(Envelope envelope) =>
        envelope.Headers.TryGetValue(ContextHeader, out var json) && json is not null
            ? JsonSerializer.Deserialize<CommandContext>(json, EventTypeRegistry.JsonOptions)!
            : throw new InvalidOperationException($"{envelope.MessageType} arrived without its command context: send commands with SendCommandAsync.");

    /// <summary>
    /// The context of a command that names its sender itself (<paramref name="by"/>, written into
    /// its events): it must be the context's actor, whose id and role go into the metadata.
    /// </summary>
    public static CommandContext ContextOf(Envelope envelope, Actor by)
    {
        var context = ContextOf(envelope);
        return context.Actor.UserId == by.UserId && context.Actor.Role == by.Role
            ? context
            : throw new InvalidOperationException($"{envelope.MessageType} names {by.UserId} ({by.Role}) as its sender but was sent by {context.Actor.UserId} ({context.Actor.Role}).");
    }

    /// <summary>The context with the reason a correction or deviation gives (it goes into the events' metadata).</summary>
    public static CommandContext WithReason(this CommandContext context, string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? context : context with { Reason = reason.Trim() };
}
