using TrialOps.Assessments;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Runtime;
using Wolverine;

namespace TrialOps.Queries;

/// <summary>
/// Queries raised by the rule checks already in the system (ADR 0025): values beyond the protocol's
/// vital-sign limits, scheduled time points missed (overdue, not recorded, not marked not done) and
/// measurement times out of the order of their time points. Each is a <see cref="QueryRaised"/> by
/// <c>system</c> with its <see cref="QueryRaised.Finding"/> on the participant's stream, so the
/// Monitor reviews, closes or re-opens it like any other; the same finding never raises two.
/// </summary>
public static class AutomaticQueries
{
    public const string VitalLimits = "vital-limits";
    public const string MissedTimepoint = "missed-timepoint";
    public const string TimesOutOfOrder = "times-out-of-order";

    /// <summary>The query for a finding, numbered after the participant's queries (and <paramref name="earlierInDecision"/> raised in the same decision); null when this finding already raised one.</summary>
    public static QueryRaised? Raise(MonitoringState monitoring, ProtocolCode protocol, SubjectNumber subject, DataItem target, string finding, string text, DateTimeOffset now, int earlierInDecision = 0) =>
        monitoring.Raised(finding)
            ? null
            : new QueryRaised(protocol, subject, monitoring.Queries.Count + 1 + earlierInDecision, Actor.System.UserId, now, target, text, finding);

    public static (string Finding, string Text) ForVitalLimits(DataItem target, IReadOnlyList<string> findings) =>
        ($"{VitalLimits} {target.Key}: {string.Join("; ", findings)}",
         $"Automatic check: {target.Key} is beyond the protocol's limits ({string.Join("; ", findings)}). Please confirm the values against the source.");

    public static (string Finding, string Text) ForMissedTimepoint(DataItem target) =>
        ($"{MissedTimepoint} {target.Key}",
         $"Automatic check: {target.Key} was not recorded by its deadline. Record the value (late entry with its clinical time) or record it as not done with the reason.");

    /// <summary>
    /// Whether the value of <paramref name="code"/> at <paramref name="timepoint"/>, measured at
    /// <paramref name="measuredAt"/>, is out of the order of the period's other time points of the
    /// same assessment (an earlier time point measured later, or a later one measured earlier):
    /// the finding and the question; null when in order.
    /// </summary>
    public static (DataItem Target, string Finding, string Text)? OutOfOrder(ParticipantState state, int period, string code, string timepoint, DateTimeOffset measuredAt)
    {
        if (!IsoDuration.TryParse(timepoint, out var offset, out _))
        {
            return null;
        }

        foreach (var other in state.Assessments.Values.Where(a => a.Key.Period == period && a.Key.Code == code && a.Key.Timepoint != timepoint).OrderBy(a => a.ClinicalTime))
        {
            if (!IsoDuration.TryParse(other.Key.Timepoint, out var otherOffset, out _))
            {
                continue;
            }

            if ((otherOffset < offset && other.ClinicalTime > measuredAt) || (otherOffset > offset && other.ClinicalTime < measuredAt))
            {
                var target = new DataItem(DataItemKind.Assessment, period, code, timepoint);
                var (earlier, later) = otherOffset < offset ? (other.Key.Timepoint, timepoint) : (timepoint, other.Key.Timepoint);
                return (target,
                    $"{TimesOutOfOrder} P{period} {code} {earlier}/{later}",
                    $"Automatic check: the {code} times of period {period} are out of order: {later} was measured before {earlier}. Please check the measurement times against the source.");
            }
        }

        return null;
    }

    /// <summary>
    /// Whether what a finding found no longer holds in <paramref name="state"/> (ADR 0025, "Automatic
    /// queries close themselves"): the missed time point is recorded or recorded as not done; the
    /// vital signs are recorded and within <paramref name="protocol"/>'s limits (the check the raise
    /// uses, run again); both times of an out-of-order pair are recorded and in order. False for
    /// anything not recorded or a finding of another rule.
    /// </summary>
    public static bool Resolved(string finding, DataItem target, ParticipantState state, ProtocolDefinition protocol)
    {
        if (target.Kind != DataItemKind.Assessment || target.Period is not { } period || target.AssessmentCode is not { } code || target.Timepoint is not { } timepoint)
        {
            return false;
        }

        var key = new AssessmentKey(period, code, timepoint);
        if (finding.StartsWith(MissedTimepoint + " ", StringComparison.Ordinal))
        {
            return state.Assessments.ContainsKey(key) || state.NotDone.ContainsKey(key);
        }

        if (finding.StartsWith(VitalLimits + " ", StringComparison.Ordinal))
        {
            return state.Assessments.TryGetValue(key, out var recorded) && recorded.Vitals is { } vitals
                && AssessmentRules.LimitFindings(protocol, vitals).Count == 0;
        }

        return OrderPair(finding, period, code) is { } pair
            && state.Assessments.TryGetValue(new AssessmentKey(period, code, pair.Earlier), out var earlier)
            && state.Assessments.TryGetValue(new AssessmentKey(period, code, pair.Later), out var later)
            && earlier.ClinicalTime <= later.ClinicalTime;
    }

    /// <summary>
    /// An automatic query that closes itself once its finding no longer holds: raised by a rule
    /// check, not closed, and never re-opened. A query the Monitor re-opened asks a person's question
    /// now and stays the Monitor's to close; a Monitor's own query never closes itself.
    /// </summary>
    public static bool ClosesItself(QueryThread query) =>
        query.Automatic && query.Status != QueryStatus.Closed && !query.Steps.Any(step => step.Step == "reopened");

    /// <summary>
    /// Adds to a recording or correction decision a <see cref="QueryClosed"/> by <c>system</c> for each
    /// automatic query (<see cref="ClosesItself"/>) whose finding the decision's own events resolve,
    /// with a comment naming the record that resolved it. Same decision, so the close is written
    /// atomically with the value that answers it; nothing when <paramref name="monitoring"/> is not
    /// given or the decision was refused.
    /// </summary>
    /// <param name="state">The participant before the decision.</param>
    public static Decision WithResolvedQueriesClosed(Decision decision, ParticipantState state, MonitoringState? monitoring, TrialContext trial, SubjectNumber subject, DateTimeOffset now)
    {
        if (monitoring is null || decision.IsRejected)
        {
            return decision;
        }

        var stream = ParticipantStreams.For(trial.Code, subject);
        var recorded = decision.Events.Where(e => e.StreamId == stream).Select(e => e.Data).ToArray();
        var after = recorded.Aggregate(state, (folded, e) => folded.Apply(e));
        var clock = trial.ClockOf(subject);
        var closed = new List<object>();
        foreach (var query in monitoring.Queries.Values.Where(ClosesItself))
        {
            if (Resolved(query.Finding!, query.Target, after, trial.Protocol) && ClosingComment(query, after, recorded, clock, now) is { } comment)
            {
                closed.Add(new QueryClosed(trial.Code, subject, query.Number, Actor.System.UserId, now, comment));
            }
        }

        return closed.Count == 0 ? decision : decision.And(stream, [.. closed]);
    }

    /// <summary>Why the query closed, in the Monitor's words, naming the record among <paramref name="recorded"/> that resolved it; null when none of them did.</summary>
    private static string? ClosingComment(QueryThread query, ParticipantState after, IReadOnlyList<object> recorded, SiteClock clock, DateTimeOffset now)
    {
        var target = query.Target;
        var item = $"{target.AssessmentCode} at {target.Timepoint} of period {target.Period}";
        var on = clock.Show(now);
        if (query.Finding!.StartsWith(MissedTimepoint + " ", StringComparison.Ordinal))
        {
            return recorded.FirstOrDefault(e => Equals(DataItem.SetBy(e), target)) switch
            {
                ScaleAssessmentRecorded e => $"Closed automatically: {item} was recorded late on {on} by {e.RecordedBy} (clinical time {clock.Show(e.AssessedAt)}).",
                VitalSignsRecorded e => $"Closed automatically: {item} was recorded late on {on} by {e.RecordedBy} (clinical time {clock.Show(e.MeasuredAt)}).",
                AssessmentNotDone e => $"Closed automatically: {item} was recorded as not done on {on} by {e.RecordedBy}; reason: {e.Reason}",
                _ => null,
            };
        }

        if (query.Finding.StartsWith(VitalLimits + " ", StringComparison.Ordinal))
        {
            return recorded.OfType<VitalSignsCorrected>().LastOrDefault(e => Equals(DataItem.SetBy(e), target)) is { } corrected
                ? $"Closed automatically: {item} was corrected on {on} by {corrected.CorrectedBy} to {corrected.Values}, within the protocol's limits."
                : null;
        }

        if (OrderPair(query.Finding, target.Period!.Value, target.AssessmentCode!) is not { } pair)
        {
            return null;
        }

        var (by, timepoint) = recorded.LastOrDefault(e => DataItem.SetBy(e) is { Kind: DataItemKind.Assessment } set
                && set.Period == target.Period && set.AssessmentCode == target.AssessmentCode && (set.Timepoint == pair.Earlier || set.Timepoint == pair.Later)) switch
            {
                ScaleAssessmentCorrected e => (e.CorrectedBy, e.Timepoint),
                VitalSignsCorrected e => (e.CorrectedBy, e.Timepoint),
                _ => ((string?)null, (string?)null),
            };
        if (by is null)
        {
            return null;
        }

        var earlier = after.Assessments[new AssessmentKey(target.Period!.Value, target.AssessmentCode!, pair.Earlier)].ClinicalTime;
        var later = after.Assessments[new AssessmentKey(target.Period!.Value, target.AssessmentCode!, pair.Later)].ClinicalTime;
        return $"Closed automatically: the {target.AssessmentCode} times of period {target.Period} are in order after the time of {timepoint} was corrected on {on} by {by} ({pair.Earlier} measured {clock.Show(earlier)}, {pair.Later} measured {clock.Show(later)}).";
    }

    /// <summary>The two time points a times-out-of-order finding names (<c>times-out-of-order P1 PAIN PT20M/PT40M</c>), earlier first; null for another finding.</summary>
    private static (string Earlier, string Later)? OrderPair(string finding, int period, string code)
    {
        var prefix = $"{TimesOutOfOrder} P{period} {code} ";
        if (!finding.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var pair = finding[prefix.Length..].Split('/');
        return pair.Length == 2 && pair[0].Length > 0 && pair[1].Length > 0 ? (pair[0], pair[1]) : null;
    }

    /// <summary>The cascading message a recording decision sends when a value's time is out of order.</summary>
    public static Decision WithOrderCheck(Decision decision, ParticipantState state, ProtocolCode protocol, SubjectNumber subject, int period, string code, string timepoint, DateTimeOffset measuredAt) =>
        OutOfOrder(state, period, code, timepoint, measuredAt) is { } found
            ? decision.Send(new OutgoingMessage(
                AutomaticQueryFinding.MessageType,
                new AutomaticQueryFinding(protocol, subject, found.Target, found.Finding, found.Text),
                OrderingKey: ParticipantStreams.For(protocol, subject)))
            : decision;
}

/// <summary>A rule check found something a Monitor should review: turned into a <see cref="RaiseAutomaticQuery"/> by the system, once.</summary>
[Wolverine.Attributes.MessageIdentity(MessageType)]
public sealed record AutomaticQueryFinding(ProtocolCode Protocol, SubjectNumber Subject, DataItem Target, string Finding, string Text)
{
    public const string MessageType = "queries.automatic-finding";
}

/// <summary>
/// The system raises a query for a rule check's finding (ADR 0025). Nothing happens when the same
/// finding already raised one, the record already resolves it (<see cref="AutomaticQueries.Resolved"/>),
/// the trial is locked or the participant is unknown: a finding is not worth a failed message.
/// </summary>
public sealed record RaiseAutomaticQuery(ProtocolCode Protocol, SubjectNumber Subject, DataItem Target, string Finding, string Text)
{
    public static Decision Decide(ParticipantState participant, MonitoringState monitoring, TrialContext trial, RaiseAutomaticQuery command, Actor by, DateTimeOffset now)
    {
        if (by.UserId != Actor.System.UserId || by.Role != Actor.System.Role)
        {
            return Decision.Reject(Common.RejectionCodes.NotPermitted, "Only the system raises automatic queries; a Monitor raises a query of their own.");
        }

        // A finding the record already answers (a value corrected before this message came) is not worth a question.
        if (trial.Locked || !participant.Exists
            || AutomaticQueries.Resolved(command.Finding, command.Target, participant, trial.Protocol)
            || AutomaticQueries.Raise(monitoring, trial.Code, command.Subject, command.Target, command.Finding, command.Text, now) is not { } raised)
        {
            return Decision.None;
        }

        return Decision.Append(ParticipantStreams.For(trial.Code, command.Subject), raised);
    }
}

/// <summary>Wolverine handler of <see cref="RaiseAutomaticQuery"/>: loads the participant (its state and its queries) and the protocol in force.</summary>
public static class RaiseAutomaticQueryHandler
{
    public static Task<CommandResult> Handle(RaiseAutomaticQuery command, Envelope envelope, ParticipantDecisions decisions, CancellationToken ct) =>
        decisions.DecideAsync(envelope, command.Protocol, command.Subject, (state, trial, by, now, streams) =>
            RaiseAutomaticQuery.Decide(state, MonitoringState.Of(streams, command.Protocol, command.Subject), trial, command, by, now), ct);
}

/// <summary>A finding of a rule check becomes a query, once per message (its command id is derived from the message).</summary>
public static class AutomaticQueryFindingHandler
{
    public static async Task Handle(AutomaticQueryFinding message, Envelope envelope, TrialOpsRuntime runtime, CancellationToken ct) =>
        MessageOutcome.Ensure(envelope, await runtime.SendAsync(
            DurableMessages.SystemContext(envelope),
            new RaiseAutomaticQuery(message.Protocol, message.Subject, message.Target, message.Finding, message.Text),
            ct));
}
