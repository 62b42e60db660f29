using TrialOps.Messaging;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Protocols;

/// <summary>
/// What the handlers of trial-design commands (import, lists, lock, unblinding) share: the
/// recorded protocol versions, the installation's seed sealer, and the executor that appends a
/// decision in one transaction, idempotent by the command id the command was sent with.
/// </summary>
public sealed class ProtocolDecisions(TrialOpsRuntime runtime)
{
    public ProtocolHistory History { get; } = new(runtime.Store);

    public ISeedSealer Sealer => runtime.SeedSealer;

    /// <summary>A decision on the protocol's own stream (lock, unlock, trial unblinding).</summary>
    public Task<CommandResult> DecideAsync(CommandContext context, ProtocolCode protocol, Func<ProtocolState, DateTimeOffset, Decision> decide, CancellationToken ct)
    {
        if (protocol.Value is null)
        {
            return Task.FromResult(NoProtocol(context, protocol));
        }

        var streamId = ProtocolStreams.For(protocol);
        return DecideAsync(context, [streamId], (streams, now) => decide(ProtocolState.From(streams.Data(streamId)), now), ct);
    }

    /// <summary>
    /// A signed decision on the protocol's own stream (lock, unlock, trial unblinding; ADR 0023):
    /// reads the signer's account with it, and afterwards records a wrong password or code on that
    /// account, since the rejected decision itself writes nothing.
    /// </summary>
    public Task<CommandResult> SignedAsync(CommandContext context, ProtocolCode protocol, Signatures.SignatureRequest? signature, Func<ProtocolState, Signatures.SignatureContext, DateTimeOffset, Decision> decide, CancellationToken ct)
    {
        if (protocol.Value is null)
        {
            return Task.FromResult(NoProtocol(context, protocol));
        }

        var streamId = ProtocolStreams.For(protocol);
        return SignedAsync(context, [streamId], streamId, signature, (streams, signing, now) => decide(ProtocolState.From(streams.Data(streamId)), signing, now), ct);
    }

    /// <summary>A signed decision over <paramref name="streamIds"/>, signing <paramref name="signedStream"/>.</summary>
    public async Task<CommandResult> SignedAsync(
        CommandContext context,
        IReadOnlyList<string> streamIds,
        string signedStream,
        Signatures.SignatureRequest? signature,
        Func<StreamSet, Signatures.SignatureContext, DateTimeOffset, Decision> decide,
        CancellationToken ct)
    {
        var result = await runtime.Executor.ExecuteOnceAsync(
            context,
            [.. streamIds, .. Signatures.Signing.AccountStreams(signature).Except(streamIds)],
            (streams, now) => decide(streams, Signatures.Signing.ContextFor(signature, streams, signedStream, runtime.SecondFactorSecrets), now),
            ct);
        await Signatures.Signing.RecordFailureAsync(runtime, signature, result, ct);
        return result;
    }

    /// <summary>A decision over <paramref name="streamIds"/>, read together and appended to together.</summary>
    public Task<CommandResult> DecideAsync(CommandContext context, IReadOnlyList<string> streamIds, Func<StreamSet, DateTimeOffset, Decision> decide, CancellationToken ct) =>
        runtime.Executor.ExecuteOnceAsync(context, streamIds, decide, ct);

    /// <summary>The answer to a command on a protocol that was never imported (or a text that is no protocol code).</summary>
    public static CommandResult NoProtocol(CommandContext context, ProtocolCode protocol) =>
        CommandResult.Rejected(
            context.CommandId,
            new Rejection("protocol.not-found", protocol.Value is null ? "There is no such protocol." : $"There is no protocol {protocol}."));
}
