using System.Collections.Concurrent;
using TrialOps.AdverseEvents;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Runtime;
using Wolverine;

namespace TrialOps.Participants;

/// <summary>
/// What every participant command's handler does around its pure decider: load the participant's
/// stream and the protocol in force (and the adverse-event case or stratum list where one takes
/// part), decide, and let the executor append the events and messages in one transaction,
/// idempotent by the command id the command was sent with (<see cref="CommandBus.ContextOf"/>).
/// </summary>
public sealed class ParticipantDecisions(TrialOpsRuntime runtime)
{
    private static readonly ConcurrentDictionary<string, ProtocolDefinition> Definitions = new(StringComparer.Ordinal);

    /// <summary>A decision on one participant: <paramref name="decide"/> gets its state, the trial, the sender and the time.</summary>
    public Task<CommandResult> DecideAsync(
        Envelope envelope,
        ProtocolCode protocol,
        SubjectNumber subject,
        Func<ParticipantState, TrialContext, Actor, DateTimeOffset, Decision> decide,
        CancellationToken ct,
        string? reason = null) =>
        DecideAsync(envelope, protocol, subject, (state, trial, by, now, _) => decide(state, trial, by, now), ct, reason);

    /// <summary>
    /// Screening, the one participant command on a subject number not yet used: the site check is
    /// the decider's (<see cref="ScreenParticipant.Decide"/>, a 403 with its reason) instead of "not found".
    /// </summary>
    public Task<CommandResult> ScreenAsync(
        Envelope envelope,
        ProtocolCode protocol,
        SubjectNumber subject,
        Func<ParticipantState, TrialContext, Actor, DateTimeOffset, Decision> decide,
        CancellationToken ct) =>
        OnParticipantAsync(CommandBus.ContextOf(envelope), protocol, subject, (state, trial, by, now, _) => decide(state, trial, by, now), ct, [], screening: true);

    /// <summary>A decision on one participant that also reads <paramref name="moreStreams"/>.</summary>
    public Task<CommandResult> DecideAsync(
        Envelope envelope,
        ProtocolCode protocol,
        SubjectNumber subject,
        Func<ParticipantState, TrialContext, Actor, DateTimeOffset, StreamSet, Decision> decide,
        CancellationToken ct,
        string? reason = null,
        params string[] moreStreams) =>
        OnParticipantAsync(CommandBus.ContextOf(envelope).WithReason(reason), protocol, subject, decide, ct, moreStreams);

    /// <summary>
    /// A decision on an adverse-event case: <paramref name="decide"/> gets the case, its participant,
    /// the trial, the sender and the time. The case's first event names its participant.
    /// </summary>
    public Task<CommandResult> DecideOnAdverseEventAsync(
        Envelope envelope,
        string adverseEventId,
        Func<AdverseEventState, ParticipantState, TrialContext, Actor, DateTimeOffset, Decision> decide,
        CancellationToken ct,
        string? reason = null) =>
        OnAdverseEventAsync(CommandBus.ContextOf(envelope).WithReason(reason), adverseEventId, (state, participant, trial, by, now, _) => decide(state, participant, trial, by, now), ct, []);

    /// <summary>
    /// A signed decision on one participant (an Investigator's sign-off, ADR 0025): reads the
    /// signer's account with the participant, gives the decider what <see cref="Signatures.Signing.Verify"/>
    /// needs with the participant's stream as the signed record, and afterwards records a wrong
    /// password or code on that account, since the rejected decision itself writes nothing.
    /// </summary>
    public async Task<CommandResult> SignedAsync(
        Envelope envelope,
        ProtocolCode protocol,
        SubjectNumber subject,
        Signatures.SignatureRequest? signature,
        Func<ParticipantState, TrialContext, Actor, DateTimeOffset, StreamSet, Signatures.SignatureContext, Decision> decide,
        CancellationToken ct)
    {
        var result = await OnParticipantAsync(
            CommandBus.ContextOf(envelope),
            protocol,
            subject,
            (state, trial, by, now, streams) => decide(state, trial, by, now, streams,
                Signatures.Signing.ContextFor(signature, streams, ParticipantStreams.For(protocol, subject), runtime.SecondFactorSecrets)),
            ct,
            [.. Signatures.Signing.AccountStreams(signature)]);
        await Signatures.Signing.RecordFailureAsync(runtime, signature, result, ct);
        return result;
    }

    /// <summary>A signed decision on an adverse-event case, its stream the signed record (ADR 0025).</summary>
    public async Task<CommandResult> SignedOnAdverseEventAsync(
        Envelope envelope,
        string adverseEventId,
        Signatures.SignatureRequest? signature,
        Func<AdverseEventState, ParticipantState, TrialContext, Actor, DateTimeOffset, StreamSet, Signatures.SignatureContext, Decision> decide,
        CancellationToken ct)
    {
        var result = await OnAdverseEventAsync(
            CommandBus.ContextOf(envelope),
            adverseEventId,
            (state, participant, trial, by, now, streams) => decide(state, participant, trial, by, now, streams,
                Signatures.Signing.ContextFor(signature, streams, AdverseEventStreams.For(adverseEventId), runtime.SecondFactorSecrets)),
            ct,
            [.. Signatures.Signing.AccountStreams(signature)]);
        await Signatures.Signing.RecordFailureAsync(runtime, signature, result, ct);
        return result;
    }

    private async Task<CommandResult> OnAdverseEventAsync(
        CommandContext context,
        string adverseEventId,
        Func<AdverseEventState, ParticipantState, TrialContext, Actor, DateTimeOffset, StreamSet, Decision> decide,
        CancellationToken ct,
        string[] moreStreams)
    {
        if (!AdverseEventStreams.IsValidId(adverseEventId))
        {
            return CommandResult.Rejected(context.CommandId, new Rejection("adverse-event.not-found", $"There is no adverse event {adverseEventId}.", "adverseEventId"));
        }

        var stream = AdverseEventStreams.For(adverseEventId);
        var first = (await runtime.Store.ReadStreamAsync(stream, null, ct)).Select(e => e.Data).OfType<AdverseEventReported>().FirstOrDefault();
        if (first is null)
        {
            return CommandResult.Rejected(context.CommandId, new Rejection("adverse-event.not-found", $"There is no adverse event {adverseEventId}.", "adverseEventId"));
        }

        if (!SiteRules.MayReach(context.Actor, first.Subject.ToString()))
        {
            // Answered like an unknown case: a case of another site's participant is not confirmed.
            return CommandResult.Rejected(context.CommandId, new Rejection("adverse-event.not-found", $"There is no adverse event {adverseEventId}.", "adverseEventId"));
        }

        return await OnParticipantAsync(
            context,
            first.Protocol,
            first.Subject,
            (participant, trial, by, now, streams) => decide(AdverseEventState.From(streams.Data(stream)), participant, trial, by, now, streams),
            ct,
            [stream, .. moreStreams]);
    }

    /// <summary>The protocol version a recorded protocol state holds, parsed once per file; null before the first import.</summary>
    public static TrialContext? TrialFrom(ProtocolState state)
    {
        if (!state.Exists || state.DefinitionJson is null)
        {
            return null;
        }

        var definition = Definitions.GetOrAdd(
            state.FileSha256 + ":" + state.Version,
            _ => ProtocolFile.Parse(state.DefinitionJson).Definition
                ?? throw new InvalidOperationException($"The recorded file of protocol {state.Code} version {state.Version} no longer passes this build's validation."));
        return new TrialContext(definition, state.Locked);
    }

    private async Task<CommandResult> OnParticipantAsync(
        CommandContext context,
        ProtocolCode protocol,
        SubjectNumber subject,
        Func<ParticipantState, TrialContext, Actor, DateTimeOffset, StreamSet, Decision> decide,
        CancellationToken ct,
        string[] moreStreams,
        bool screening = false)
    {
        if (protocol.Value is null || !subject.IsValid)
        {
            return CommandResult.Rejected(context.CommandId, new Rejection("participant.not-found", $"There is no participant {subject} in protocol {protocol}.", "subject"));
        }

        var participantStream = ParticipantStreams.For(protocol, subject);
        var protocolStream = ProtocolStreams.For(protocol);
        return await runtime.Executor.ExecuteOnceAsync(context, [participantStream, protocolStream, .. moreStreams], (streams, now) =>
        {
            if (TrialFrom(ParticipantFold.ProtocolThrough(streams[protocolStream])) is not { } trial)
            {
                return Decision.Reject("protocol.not-found", $"There is no protocol {protocol}.", "protocol");
            }

            var participant = ParticipantFold.Through(streams[participantStream]);
            if (!SiteRules.MayReach(context.Actor, participant, subject) && !screening)
            {
                return Decision.Reject(SiteRules.NotFound(protocol, subject));
            }

            return decide(participant, trial, context.Actor, now, streams);
        }, ct);
    }
}
