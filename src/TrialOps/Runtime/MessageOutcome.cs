using TrialOps.Messaging;
using Wolverine;

namespace TrialOps.Runtime;

public static class MessageOutcome
{
    /// <summary>
    /// A command a message handler sent must be accepted; otherwise the message fails, is retried
    /// with backoff and, after the last attempt, lands in the dead letters with this text.
    /// </summary>
    public static void Ensure(Envelope envelope, CommandResult result)
    {
        if (!result.Accepted)
        {
            throw new MessageNotHandledException($"{envelope.MessageType} {envelope.Id}: {result.Rejection?.Code}: {result.Rejection?.Message}");
        }
    }
}

/// <summary>A durable message whose command was refused (retried, then dead-lettered).</summary>
public sealed class MessageNotHandledException(string message) : Exception(message);
