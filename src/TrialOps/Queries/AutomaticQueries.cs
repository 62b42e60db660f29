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
/// finding already raised one, the trial is locked or the participant is unknown: a finding is
/// not worth a failed message.
/// </summary>
public sealed record RaiseAutomaticQuery(ProtocolCode Protocol, SubjectNumber Subject, DataItem Target, string Finding, string Text)
{
    public static Decision Decide(ParticipantState participant, MonitoringState monitoring, TrialContext trial, RaiseAutomaticQuery command, Actor by, DateTimeOffset now)
    {
        if (by.UserId != Actor.System.UserId || by.Role != Actor.System.Role)
        {
            return Decision.Reject(Common.RejectionCodes.NotPermitted, "Only the system raises automatic queries; a Monitor raises a query of their own.");
        }

        if (trial.Locked || !participant.Exists
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
            RaiseAutomaticQuery.Decide(state, MonitoringState.From(streams[ParticipantStreams.For(command.Protocol, command.Subject)]), trial, command, by, now), ct);
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
