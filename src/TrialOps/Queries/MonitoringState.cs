using System.Collections.Immutable;
using TrialOps.EventStore;
using TrialOps.SourceVerification;

namespace TrialOps.Queries;

/// <summary>A recorded value as monitoring sees it: which event version set it, and which version a monitor verified.</summary>
/// <param name="ChangedInVersion">Stream version of the recording or its latest correction.</param>
/// <param name="VerifiedVersion">The version the latest source data verification covered; null when never verified.</param>
public sealed record MonitoredValue(DataItem Item, int ChangedInVersion, int Corrections, int? VerifiedVersion, string? VerifiedBy, DateTimeOffset? VerifiedAt)
{
    /// <summary>Verified, and not changed since.</summary>
    public bool Verified => VerifiedVersion == ChangedInVersion;

    /// <summary>Verified once, then changed: the verification no longer covers the current value.</summary>
    public bool VerificationOutdated => VerifiedVersion is not null && VerifiedVersion != ChangedInVersion;
}

public enum QueryStatus
{
    /// <summary>Waiting for the site's answer (raised or re-opened).</summary>
    Open,

    /// <summary>Answered by the site; waiting for the monitor to close or re-open it.</summary>
    Answered,

    Closed,
}

/// <summary>One step of a query's conversation.</summary>
/// <param name="Step">raised, answered, reopened or closed.</param>
/// <param name="CorrectionVersion">For an answer, the correction it names.</param>
public sealed record QueryStep(string Step, string By, DateTimeOffset At, string? Text, int Version, int? CorrectionVersion = null);

/// <summary>A query and its conversation, oldest step first.</summary>
/// <param name="OpenedInVersion">Stream version of the raising or the latest re-opening: a correction after it answers it.</param>
/// <param name="Finding">For an automatic query, the rule check's finding (<see cref="QueryRaised.Finding"/>); null for a Monitor's.</param>
public sealed record QueryThread(int Number, DataItem Target, QueryStatus Status, int OpenedInVersion, IReadOnlyList<QueryStep> Steps, string? Finding = null)
{
    /// <summary>Raised by a rule check (ADR 0025), for a Monitor's review like any other query.</summary>
    public bool Automatic => Finding is not null;

    public QueryStep Raised => Steps[0];

    public QueryStep Latest => Steps[^1];

    /// <summary>Closed by the system because the record resolved its finding (ADR 0025), and not re-opened since.</summary>
    public bool ClosedItself => Status == QueryStatus.Closed && Latest.Step == "closed" && Latest.By == Messaging.Actor.System.UserId;

    /// <summary>Open or answered: not yet closed by the monitor.</summary>
    public bool Unresolved => Status != QueryStatus.Closed;
}

/// <summary>
/// What queries and source data verification need from a <c>participant-…</c> stream: each
/// recorded value with the version that set it and the version verified, and every query.
/// Folded with stream versions (a verification names the version it covered).
/// </summary>
public sealed record MonitoringState(ImmutableDictionary<string, MonitoredValue> Values, ImmutableSortedDictionary<int, QueryThread> Queries)
{
    public static MonitoringState Initial { get; } = new(
        ImmutableDictionary.Create<string, MonitoredValue>(StringComparer.OrdinalIgnoreCase),
        ImmutableSortedDictionary<int, QueryThread>.Empty);

    public static MonitoringState From(IEnumerable<StoredEvent> stream) =>
        stream.Aggregate(Initial, (state, e) => state.Apply(e.Data, e.Version));

    /// <summary>
    /// The queries and verifications of the participant's stream among the streams a decision was
    /// made on, folded incrementally (<see cref="StreamFold{TState}"/>): only the events after the
    /// last one this process folded, so a command costs the same on a long stream as on a short one.
    /// </summary>
    public static MonitoringState Of(Messaging.StreamSet streams, Protocols.ProtocolCode protocol, Participants.SubjectNumber subject) =>
        Fold.Through(streams[Participants.ParticipantStreams.For(protocol, subject)]);

    private static readonly StreamFold<MonitoringState> Fold = new(Initial, (state, e) => state.Apply(e.Data, e.Version));

    /// <summary>Events numbered 1, 2, … as a stream read from its start numbers them.</summary>
    public static MonitoringState From(IEnumerable<object> stream) =>
        stream.Select((data, index) => (data, index)).Aggregate(Initial, (state, e) => state.Apply(e.data, e.index + 1));

    /// <summary>The recorded value an item names (matched as the protocol spells it, case aside); null when not recorded.</summary>
    public MonitoredValue? Value(DataItem item) => Values.GetValueOrDefault(item.Key);

    /// <summary>The recorded values an item covers: itself, or every value of a period.</summary>
    public IEnumerable<MonitoredValue> Covered(DataItem item) =>
        item.IsValue
            ? Value(item) is { } value ? [value] : []
            : Values.Values.Where(v => item.Covers(v.Item));

    /// <summary>
    /// The item a page's key names (<see cref="DataItem.Key"/>): a recorded value, or a period
    /// (<c>Period 2</c>); null for anything else.
    /// </summary>
    public DataItem? ItemFor(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        if (Values.TryGetValue(key.Trim(), out var value))
        {
            return value.Item;
        }

        if (key.StartsWith(DataItem.AdverseEventKeyPrefix, StringComparison.Ordinal) && AdverseEvents.AdverseEventStreams.IsValidId(key[DataItem.AdverseEventKeyPrefix.Length..].Trim()))
        {
            return new DataItem(DataItemKind.AdverseEvent, AdverseEventId: key[DataItem.AdverseEventKeyPrefix.Length..].Trim());
        }

        const string period = "Period ";
        return key.StartsWith(period, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(key.AsSpan(period.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? new DataItem(DataItemKind.Period, number)
                : null;
    }

    /// <summary>Unresolved queries on an item or on the period that holds it.</summary>
    public IEnumerable<QueryThread> UnresolvedOn(DataItem item) =>
        Unresolved.Where(q => q.Target.Covers(item) || (item.IsValue && q.Target.Kind == DataItemKind.Period && q.Target.Period == item.Period));

    public IEnumerable<QueryThread> Unresolved => Queries.Values.Where(q => q.Unresolved);

    /// <summary>
    /// Whether a rule check already raised a query for this finding (open, or closed by a person).
    /// A query that closed itself because the record resolved the finding does not count: when the
    /// finding holds again (a value corrected back beyond the limits), it is a new question.
    /// </summary>
    public bool Raised(string finding) =>
        Queries.Values.Any(q => string.Equals(q.Finding, finding, StringComparison.Ordinal) && !q.ClosedItself);

    public MonitoringState Apply(object data, int version)
    {
        if (DataItem.SetBy(data) is { } item)
        {
            var corrections = Values.TryGetValue(item.Key, out var existing) ? existing.Corrections + 1 : 0;
            return this with
            {
                Values = Values.SetItem(item.Key, existing is null
                    ? new MonitoredValue(item, version, 0, null, null, null)
                    : existing with { ChangedInVersion = version, Corrections = corrections }),
            };
        }

        return data switch
        {
            QueryRaised e => this with
            {
                Queries = Queries.SetItem(e.Query, new QueryThread(e.Query, e.Target, QueryStatus.Open, version, [new("raised", e.RaisedBy, e.RaisedAt, e.Text, version)], e.Finding)),
            },
            QueryAnswered e => WithQuery(e.Query, q => q with { Status = QueryStatus.Answered, Steps = [.. q.Steps, new("answered", e.AnsweredBy, e.AnsweredAt, e.Answer, version, e.CorrectionVersion)] }),
            QueryReopened e => WithQuery(e.Query, q => q with { Status = QueryStatus.Open, OpenedInVersion = version, Steps = [.. q.Steps, new("reopened", e.ReopenedBy, e.ReopenedAt, e.Text, version)] }),
            QueryClosed e => WithQuery(e.Query, q => q with { Status = QueryStatus.Closed, Steps = [.. q.Steps, new("closed", e.ClosedBy, e.ClosedAt, e.Comment, version)] }),
            SourceDataVerified e => e.Items.Aggregate(this, (state, verified) => state.Values.TryGetValue(verified.Item.Key, out var value)
                ? state with { Values = state.Values.SetItem(verified.Item.Key, value with { VerifiedVersion = verified.Version, VerifiedBy = e.VerifiedBy, VerifiedAt = e.VerifiedAt }) }
                : state),
            _ => this,
        };
    }

    private MonitoringState WithQuery(int number, Func<QueryThread, QueryThread> change) =>
        Queries.TryGetValue(number, out var query) ? this with { Queries = Queries.SetItem(number, change(query)) } : this;
}
