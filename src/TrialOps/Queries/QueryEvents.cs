using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Queries;

// Stream participant-<PROTOCOL>-<SUBJECT> (ADR 0018): a query belongs to the participant whose
// record it questions, so the site rule, the participant's audit trail and the subject's ODM
// SubjectData apply to it as to the value itself. Blinded like the stream: a query names an item,
// never a treatment.

/// <summary>An event of a query's life; <see cref="Query"/> numbers the participant's queries from 1.</summary>
public interface IQueryEvent : IParticipantEvent
{
    int Query { get; }
}

/// <summary>A Monitor questioned a recorded value, form or period of a participant.</summary>
/// <param name="Query">The participant's next query number (1, 2, …).</param>
/// <param name="RaisedBy">User id of the monitor.</param>
/// <param name="RaisedAt">Server time.</param>
/// <param name="Target">The item questioned, identified as its corrections identify it.</param>
/// <param name="Text">The question, as the site reads it.</param>
/// <param name="Finding">
/// For a query raised automatically by a rule check (ADR 0025; <see cref="RaisedBy"/> is
/// <c>system</c>): the rule and what it found, one key per finding (<c>vital-limits P1 VITALS PT20M …</c>),
/// so the same finding never raises a second query. Null for a Monitor's query. Added later: older
/// events read null.
/// </param>
[EventType("query.raised.v1")]
public sealed record QueryRaised(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Query,
    string RaisedBy,
    DateTimeOffset RaisedAt,
    DataItem Target,
    string Text,
    string? Finding = null) : IQueryEvent
{
    /// <summary>Raised by a rule check, not by a Monitor.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Automatic => Finding is not null;
}

/// <summary>
/// Site staff answered a query. A correction of the questioned item goes through its usual
/// correction (with its own reason); when one was recorded since the query was (re)opened, the
/// answer names it.
/// </summary>
/// <param name="AnsweredBy">User id of the coordinator, data-entry person or investigator.</param>
/// <param name="AnsweredAt">Server time.</param>
/// <param name="Answer">The site's explanation.</param>
/// <param name="CorrectionVersion">
/// Stream version of the latest correction of the questioned item recorded after the query was
/// (re)opened; null when the site answered with an explanation only.
/// </param>
[EventType("query.answered.v1")]
public sealed record QueryAnswered(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Query,
    string AnsweredBy,
    DateTimeOffset AnsweredAt,
    string Answer,
    int? CorrectionVersion) : IQueryEvent;

/// <summary>The Monitor accepted the answer (or withdrew the question) and closed the query.</summary>
/// <param name="Comment">Optional closing remark.</param>
[EventType("query.closed.v1")]
public sealed record QueryClosed(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Query,
    string ClosedBy,
    DateTimeOffset ClosedAt,
    string? Comment) : IQueryEvent;

/// <summary>The Monitor did not accept the answer (or a closed query needs another look) and opened the query again.</summary>
/// <param name="Text">Why: what the site is asked now.</param>
[EventType("query.reopened.v1")]
public sealed record QueryReopened(
    ProtocolCode Protocol,
    SubjectNumber Subject,
    int Query,
    string ReopenedBy,
    DateTimeOffset ReopenedAt,
    string Text) : IQueryEvent;
