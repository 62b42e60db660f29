using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using Wolverine;

namespace TrialOps.Queries;

/// <summary>
/// Answer an open query (site staff). To answer with a correction, the site first corrects the
/// value through its usual correction, which needs its reason; the answer then names that
/// correction by itself (nobody's word is taken for it).
/// </summary>
public sealed record AnswerQuery(ProtocolCode Protocol, SubjectNumber Subject, int Query, string Answer)
{
    public static Decision Decide(ParticipantState participant, MonitoringState monitoring, TrialContext trial, AnswerQuery command, Actor by, DateTimeOffset now)
    {
        var (query, unknown) = QueryRules.Reach(by, QueryRules.SiteStaff, "answer a query", trial, participant, monitoring, command.Query, command.Subject);
        if (unknown is not null)
        {
            return Decision.Reject(unknown);
        }

        if (query!.Status != QueryStatus.Open)
        {
            return Decision.Reject("query.not-open", $"Query {query.Number} is {Describe(query.Status)}: only an open query can be answered.");
        }

        if (QueryRules.Text(command.Answer, "answer", "answer") is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        // The latest change of the questioned item since the query was (re)opened: a correction of
        // the value, or for a period a value recorded or corrected late.
        var correction = monitoring.Covered(query.Target)
            .Where(v => v.ChangedInVersion > query.OpenedInVersion)
            .Select(v => (int?)v.ChangedInVersion)
            .Max();
        return Decision.Append(
            ParticipantStreams.For(trial.Code, command.Subject),
            new QueryAnswered(trial.Code, command.Subject, query.Number, by.UserId, now, command.Answer.Trim(), correction));
    }

    public static string Describe(QueryStatus status) => status switch
    {
        QueryStatus.Open => "open",
        QueryStatus.Answered => "answered and waiting for the monitor",
        QueryStatus.Closed => "closed",
        _ => status.ToString(),
    };
}

/// <summary>Wolverine handler of <see cref="AnswerQuery"/>.</summary>
public static class AnswerQueryHandler
{
    public static Task<CommandResult> Handle(AnswerQuery command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            AnswerQuery.Decide(state, MonitoringState.Of(streams, command.Protocol, command.Subject), trial, command, by, now), ct);
}
