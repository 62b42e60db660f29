using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Queries;

/// <summary>Close a query (Monitor): the answer is accepted, or the question was raised in error.</summary>
public sealed record CloseQuery(ProtocolCode Protocol, SubjectNumber Subject, int Query, string? Comment = null)
{
    public static Decision Decide(ParticipantState participant, MonitoringState monitoring, TrialContext trial, CloseQuery command, Actor by, DateTimeOffset now)
    {
        var (query, unknown) = QueryRules.Reach(by, QueryRules.Monitors, "close a query", trial, participant, monitoring, command.Query, command.Subject);
        if (unknown is not null)
        {
            return Decision.Reject(unknown);
        }

        if (query!.Status == QueryStatus.Closed)
        {
            return Decision.Reject("query.already-closed", $"Query {query.Number} is already closed.");
        }

        if (QueryRules.Optional(command.Comment, "comment", "comment") is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new QueryClosed(trial.Code, command.Subject, query.Number, by.UserId, now, string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim()));
    }
}

/// <summary>Wolverine handler of <see cref="CloseQuery"/>.</summary>
public static class CloseQueryHandler
{
    public static Task<CommandResult> Handle(CloseQuery command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            CloseQuery.Decide(state, MonitoringState.Of(streams, command.Protocol, command.Subject), trial, command, by, now), ct);
}
