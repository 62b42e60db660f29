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
        where TCommand : notnull
    {
        var options = new DeliveryOptions();
        options.Headers[ContextHeader] = JsonSerializer.Serialize(context, EventTypeRegistry.JsonOptions);
        return bus.InvokeAsync<CommandResult>(command, options, ct, Timeout);
    }

    /// <summary>The context a command was sent with; a command sent around <see cref="SendCommandAsync"/> has none and is refused.</summary>
    public static CommandContext ContextOf(Envelope envelope) =>
        envelope.Headers.TryGetValue(ContextHeader, out var json) && json is not null
            ? JsonSerializer.Deserialize<CommandContext>(json, EventTypeRegistry.JsonOptions)!
            : throw new InvalidOperationException($"{envelope.MessageType} arrived without its command context: send commands with SendCommandAsync.");

    /// <summary>The context with the reason a correction or deviation gives (it goes into the events' metadata).</summary>
    public static CommandContext WithReason(this CommandContext context, string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? context : context with { Reason = reason.Trim() };
}
