using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Queries;

/// <summary>Open an answered or closed query again, saying what is still asked (Monitor).</summary>
public sealed record ReopenQuery(ProtocolCode Protocol, SubjectNumber Subject, int Query, string Text)
{
    public static Decision Decide(ParticipantState participant, MonitoringState monitoring, TrialContext trial, ReopenQuery command, Actor by, DateTimeOffset now)
    {
        var (query, unknown) = QueryRules.Reach(by, QueryRules.Monitors, "re-open a query", trial, participant, monitoring, command.Query, command.Subject);
        if (unknown is not null)
        {
            return Decision.Reject(unknown);
        }

        if (query!.Status == QueryStatus.Open)
        {
            return Decision.Reject("query.already-open", $"Query {query.Number} is open already: it waits for the site's answer.");
        }

        if (QueryRules.Text(command.Text, "text", "reason to re-open") is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new QueryReopened(trial.Code, command.Subject, query.Number, by.UserId, now, command.Text.Trim()));
    }
}

/// <summary>Wolverine handler of <see cref="ReopenQuery"/>.</summary>
public static class ReopenQueryHandler
{
    public static Task<CommandResult> Handle(ReopenQuery command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            ReopenQuery.Decide(state, MonitoringState.Of(streams, command.Protocol, command.Subject), trial, command, by, now), ct);
}
