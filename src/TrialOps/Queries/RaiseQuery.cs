using TrialOps.AdverseEvents;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Queries;

/// <summary>Question one recorded value, form or period of a participant, or one of their adverse events (Monitor).</summary>
public sealed record RaiseQuery(ProtocolCode Protocol, SubjectNumber Subject, DataItem Target, string Text)
{
    /// <param name="adverseEvent">The case a query on an adverse event names (its stream, read by the handler); null otherwise.</param>
    public static Decision Decide(ParticipantState participant, MonitoringState monitoring, TrialContext trial, RaiseQuery command, Actor by, DateTimeOffset now, AdverseEventState? adverseEvent = null)
    {
        if ((JourneyRules.Role(by, QueryRules.Monitors, "raise a query")
            ?? JourneyRules.Open(trial)
            ?? JourneyRules.Exists(participant, command.Subject)
            ?? QueryRules.Text(command.Text, "text", "question")) is { } refused)
        {
            return Decision.Reject(refused);
        }

        var (target, unknown) = command.Target.Kind == DataItemKind.AdverseEvent
            ? QueryRules.ResolveAdverseEvent(participant, adverseEvent, command.Target, "target")
            : QueryRules.Resolve(participant, monitoring, command.Target, "target");
        if (unknown is not null)
        {
            return Decision.Reject(unknown);
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new QueryRaised(trial.Code, command.Subject, monitoring.Queries.Count + 1, by.UserId, now, target!, command.Text.Trim()));
    }
}

/// <summary>Wolverine handler of <see cref="RaiseQuery"/>: loads the participant (for its state and its monitoring state) and the protocol in force.</summary>
public static class RaiseQueryHandler
{
    public static Task<CommandResult> Handle(RaiseQuery command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(
            envelope,
            command.Protocol,
            command.Subject,
            (state, trial, by, now, streams) => RaiseQuery.Decide(
                state,
                MonitoringState.Of(streams, command.Protocol, command.Subject),
                trial,
                command,
                by,
                now,
                AdverseEventStream(command) is { } stream ? AdverseEventState.From(streams.Data(stream)) : null),
            ct,
            null,
            AdverseEventStream(command) is { } read ? [read] : []);

    private static string? AdverseEventStream(RaiseQuery command) =>
        command.Target?.Kind == DataItemKind.AdverseEvent && AdverseEventStreams.IsValidId(command.Target.AdverseEventId)
            ? AdverseEventStreams.For(command.Target.AdverseEventId!)
            : null;
}
