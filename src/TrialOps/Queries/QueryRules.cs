using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;

namespace TrialOps.Queries;

/// <summary>Who works on queries and what their texts must be.</summary>
public static class QueryRules
{
    /// <summary>Raise, close and re-open queries; verify source data.</summary>
    public static readonly IReadOnlyList<string> Monitors = [Roles.Monitor];

    /// <summary>Answer queries: the site staff who record the data.</summary>
    public static IReadOnlyList<string> SiteStaff => JourneyRules.SiteStaff;

    public const int MaxTextLength = 2000;

    /// <summary>A required text (question, answer, reason to re-open).</summary>
    public static Rejection? Text(string? text, string field, string what) =>
        string.IsNullOrWhiteSpace(text)
            ? new Rejection("query.text-required", $"Write the {what}.", field)
            : Optional(text, field, what);

    public static Rejection? Optional(string? text, string field, string what) =>
        InputText.Problem(text, MaxTextLength) is { } problem
            ? new Rejection("query.invalid-text", $"The {what} {problem}.", field)
            : null;

    /// <summary>
    /// The query an action is about, once the actor's role may take it, the trial is open and the
    /// participant exists; or the first rejection of those.
    /// </summary>
    public static (QueryThread? Query, Rejection? Rejection) Reach(
        Actor by, IReadOnlyList<string> allowed, string action, TrialContext trial, ParticipantState participant, MonitoringState monitoring, int number, SubjectNumber subject) =>
        (JourneyRules.Role(by, allowed, action) ?? JourneyRules.Open(trial) ?? JourneyRules.Exists(participant, subject)) is { } refused
            ? (null, refused)
            : Find(monitoring, number, subject);

    /// <summary>The query of that number, or the rejection for an unknown one.</summary>
    public static (QueryThread? Query, Rejection? Rejection) Find(MonitoringState monitoring, int number, SubjectNumber subject) =>
        monitoring.Queries.TryGetValue(number, out var query)
            ? (query, null)
            : (null, new Rejection("query.not-found", $"Participant {subject} has no query {number}.", "query"));

    /// <summary>The adverse event an item names, when it is the participant's; or why it cannot be questioned (another participant's case reads as unknown).</summary>
    public static (DataItem? Item, Rejection? Rejection) ResolveAdverseEvent(ParticipantState participant, AdverseEvents.AdverseEventState? adverseEvent, DataItem item, string field) =>
        adverseEvent is { Exists: true } found && found.AdverseEventId == item.AdverseEventId && found.Subject == participant.Subject && found.Protocol == participant.Protocol
            ? (new DataItem(DataItemKind.AdverseEvent, AdverseEventId: found.AdverseEventId), null)
            : (null, new Rejection("query.item-not-recorded", $"Participant {participant.Subject} has no adverse event {item.AdverseEventId}.", field));

    /// <summary>The recorded value or period an item names, spelt as recorded; or why it cannot be questioned or verified.</summary>
    public static (DataItem? Item, Rejection? Rejection) Resolve(ParticipantState participant, MonitoringState monitoring, DataItem item, string field)
    {
        if (!Enum.IsDefined(item.Kind))
        {
            return (null, new Rejection("query.unknown-item", $"'{item.Kind}' is not a kind of recorded item.", field));
        }

        if (item.Kind == DataItemKind.AdverseEvent)
        {
            return (null, new Rejection("query.unknown-item", "An adverse event can be queried; source data verification covers the values on the participant's record.", field));
        }

        if (!item.IsValue)
        {
            return item.Period is { } period && JourneyRules.Period(participant, period) is null
                ? (new DataItem(DataItemKind.Period, period), null)
                : (null, new Rejection("participant.unknown-period", $"Period {item.Period} does not exist: the participant has periods 1 to {participant.PeriodCount}.", field));
        }

        return monitoring.Value(item) is { } value
            ? (value.Item, null)
            : (null, new Rejection("query.item-not-recorded", $"{item.Key} is not recorded for participant {participant.Subject}.", field));
    }
}
