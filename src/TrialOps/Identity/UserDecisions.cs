using TrialOps.Messaging;
using TrialOps.Runtime;
using Wolverine;

namespace TrialOps.Identity;

/// <summary>
/// What the handlers of user-account commands share: load the account's stream, decide, and let
/// the executor append the decision in one transaction, idempotent by the command id the command
/// was sent with (<see cref="CommandBus.ContextOf(Envelope)"/>). A concurrent writer's conflict is
/// retried by the bus's error policy.
/// </summary>
public sealed class UserDecisions(TrialOpsRuntime runtime)
{
    /// <summary>The installation's second-factor key (<see cref="TrialOpsRuntime.SecondFactorSecrets"/>), for the deciders that check a code.</summary>
    public SecondFactorSecrets SecondFactorSecrets => runtime.SecondFactorSecrets;

    /// <summary>A decision on one account, sent by <paramref name="by"/> (who must be the command's sender).</summary>
    public Task<CommandResult> DecideAsync(Envelope envelope, Actor by, string streamId, Func<UserState, DateTimeOffset, Decision> decide, CancellationToken ct) =>
        runtime.Executor.ExecuteOnceAsync(CommandBus.ContextOf(envelope, by), [streamId], (streams, now) => decide(UserState.From(streams.Data(streamId)), now), ct);

    /// <summary>
    /// A decision whose events the sender reads back (sign-in, signature checks): the result with
    /// the events decided, or none when the command was refused or repeated.
    /// </summary>
    public async Task<DecidedEvents> DecideAndTellAsync(Envelope envelope, IReadOnlyList<string> streamIds, Func<StreamSet, DateTimeOffset, Decision> decide, CancellationToken ct)
    {
        Decision? decided = null;
        var result = await runtime.Executor.ExecuteOnceAsync(CommandBus.ContextOf(envelope), streamIds, (streams, now) => decided = decide(streams, now), ct);
        return new DecidedEvents(result, result.Accepted && !result.Duplicate && decided is not null ? decided.Events.Select(e => e.Data).ToArray() : []);
    }
}

/// <summary>A command's result and the events its decision appended (empty unless it was accepted the first time).</summary>
public sealed record DecidedEvents(CommandResult Result, IReadOnlyList<object> Events) : ICommandOutcome<DecidedEvents>
{
    public static DecidedEvents Refused(CommandResult conflict) => new(conflict, []);
}
