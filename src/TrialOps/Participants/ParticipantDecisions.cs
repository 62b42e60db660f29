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
    public async Task<CommandResult> DecideOnAdverseEventAsync(
        Envelope envelope,
        string adverseEventId,
        Func<AdverseEventState, ParticipantState, TrialContext, Actor, DateTimeOffset, Decision> decide,
        CancellationToken ct,
        string? reason = null)
    {
        var context = CommandBus.ContextOf(envelope).WithReason(reason);
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
            (participant, trial, by, now, streams) => decide(AdverseEventState.From(streams.Data(stream)), participant, trial, by, now),
            ct,
            [stream]);
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
            if (TrialFrom(ProtocolState.From(streams.Data(protocolStream))) is not { } trial)
            {
                return Decision.Reject("protocol.not-found", $"There is no protocol {protocol}.", "protocol");
            }

            var participant = ParticipantState.From(streams.Data(participantStream));
            if (!SiteRules.MayReach(context.Actor, participant, subject) && !screening)
            {
                return Decision.Reject(SiteRules.NotFound(protocol, subject));
            }

            return decide(participant, trial, context.Actor, now, streams);
        }, ct);
    }
}
