using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Exports;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Runtime;

namespace TrialOps.Analysis;

/// <summary>n, mean, SD, median, minimum and maximum of one scale at one time point in one period, pooled over every treatment.</summary>
/// <param name="StandardDeviation">The sample standard deviation (n − 1); null for fewer than two values.</param>
public sealed record PooledSummary(string Scale, string ScaleLabel, string Unit, string TimePoint, TimeSpan AfterDosingStart, int Period, int N, double? Mean, double? StandardDeviation, double? Median, double? Minimum, double? Maximum);

/// <summary>One period of the pooled flow: who started its dosing, who completed it, who stopped in it (by reason).</summary>
/// <param name="Dosed">Participants whose dosing in the period started.</param>
/// <param name="Completed">Participants whose dosing in the period ended as planned.</param>
/// <param name="StoppedEarly">Participants whose dosing in the period was stopped before the planned end.</param>
/// <param name="Discontinued">Participants withdrawn after this period was their last dosed one, by withdrawal reason.</param>
public sealed record PooledPeriodFlow(int Period, int Dosed, int Completed, int StoppedEarly, IReadOnlyList<ReasonCount> Discontinued);

/// <summary>The CONSORT-style flow of the blinded review, with no split by sequence.</summary>
/// <param name="DiscontinuedBeforeDosing">Randomized but withdrawn before any dose, by reason.</param>
/// <param name="CompletedTrial">Participants who completed every period.</param>
public sealed record PooledFlow(int Screened, IReadOnlyList<ReasonCount> NotRandomized, int Randomized, IReadOnlyList<ReasonCount> DiscontinuedBeforeDosing, IReadOnlyList<PooledPeriodFlow> Periods, int CompletedTrial, int Ongoing);

/// <summary>Adverse events with onset in a period (null: before the first dose), by CTCAE grade: participants with one and events.</summary>
public sealed record PooledAdverseEvents(int? Period, int Grade, int Participants, int Events);

/// <summary>
/// The blinded data review (issue 12): pooled, period-level summaries only. It holds no treatment,
/// no sequence, no kit and no per-subject value, so nothing in it can be joined with an allocation;
/// it is folded from the participant and adverse-event streams, which are blinded themselves.
/// </summary>
/// <param name="AsOfPosition">The ledger position the review was read at.</param>
/// <param name="Sites">The sites it covers: all of the trial's, or the viewer's.</param>
public sealed record BlindedReview(string Trial, long AsOfPosition, DateTimeOffset AsOfRecordedAt, IReadOnlyList<string> Sites, bool AllSites, PooledFlow Flow, IReadOnlyList<PooledSummary> Scales, IReadOnlyList<PooledAdverseEvents> AdverseEvents);

/// <summary>A review, or why the viewer may not have it.</summary>
public sealed record BlindedReviewOutcome(BlindedReview? Review, Rejection? Rejection);

/// <summary>
/// Reads the blinded data review of a trial as of the ledger head, for the roles that review the
/// trial's data (Statistician, Monitor, Coordinator, Investigator); a viewer assigned to some sites
/// sees their sites' participants only (ADR 0010). Participants' events are read subject by subject
/// as the exporter reads them (<see cref="ExportEventSource"/>), so memory holds one subject at a time
/// plus the pooled values.
/// </summary>
public sealed class BlindedDataReview(TrialOpsRuntime runtime)
{
    public const string Refused = "review.not-permitted";

    public static IReadOnlyList<string> ReviewRoles { get; } = [Roles.Statistician, Roles.Monitor, Roles.Coordinator, Roles.Investigator];

    /// <summary>Null when the viewer may have the review of the trial; otherwise why not.</summary>
    public static Rejection? Check(Actor viewer, ProtocolState trial)
    {
        if (!trial.Exists)
        {
            return new Rejection("protocol.not-found", $"There is no trial {trial.Code?.ToString() ?? "by that code"}.");
        }

        return ReviewRoles.Contains(viewer.Role, StringComparer.Ordinal)
            ? null
            : new Rejection(Refused, $"The blinded data review is for the Statistician, Monitor, Coordinator and Investigator; you act as {viewer.Role}.");
    }

    public async Task<BlindedReviewOutcome> ReadAsync(string trialCode, Actor viewer, CancellationToken ct = default)
    {
        if (!ProtocolCode.TryParse(trialCode, out var code))
        {
            return new BlindedReviewOutcome(null, new Rejection("protocol.not-found", $"There is no trial {trialCode}."));
        }

        var protocolEvents = await runtime.Store.ReadStreamAsync(ProtocolStreams.For(code), null, ct);
        var state = ProtocolState.From(protocolEvents.Select(e => e.Data));
        if (Check(viewer, state) is { } refused)
        {
            return new BlindedReviewOutcome(null, refused);
        }

        var definition = LatestDefinition(protocolEvents);
        await runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName, ct);
        var source = new ExportEventSource(runtime.DataSource, runtime.Registry);
        var head = await ChainVerifier.LedgerHeadPositionAsync(runtime.DataSource, ct);
        var asOf = await source.FindAsync(head, ct)
            ?? throw new InvalidOperationException($"The ledger head {head} is not a sealed event.");

        var access = viewer.Access;
        var subjects = new List<ParticipantState>();
        var adverseEvents = new List<AdverseEventState>();
        var withdrawals = new Dictionary<string, WithdrawalReason>(StringComparer.Ordinal);
        await foreach (var subject in source.ReadSubjectsAsync(code, asOf, ct))
        {
            var participant = ParticipantState.From(subject.Participant.Select(e => e.Data));
            if (!participant.Exists || !SiteRules.MayReach(access, subject.Subject) || (participant.Site is { } site && !access.Allows(site)))
            {
                continue;
            }

            subjects.Add(participant);
            if (subject.Participant.Select(e => e.Data).OfType<ParticipantWithdrawn>().LastOrDefault() is { } withdrawn)
            {
                withdrawals[subject.Subject] = withdrawn.Reason;
            }

            adverseEvents.AddRange(subject.AdverseEvents
                .GroupBy(e => e.StreamId, StringComparer.Ordinal)
                .Select(g => AdverseEventState.From(g.Select(e => e.Data)))
                .Where(a => a.Exists));
        }

        var sites = definition?.Sites.Select(s => s.Code).Where(access.Allows).ToArray() ?? [];
        return new BlindedReviewOutcome(
            new BlindedReview(
                code.Value,
                asOf.Position,
                asOf.RecordedAt,
                sites,
                access.AllSites || (definition is not null && definition.Sites.All(s => access.Allows(s.Code))),
                Flow(subjects, definition?.PeriodCount ?? subjects.Select(s => s.PeriodCount).DefaultIfEmpty(0).Max(), withdrawals),
                Summaries(subjects, definition),
                AdverseEventCounts(adverseEvents)),
            null);
    }

    private static ProtocolDefinition? LatestDefinition(IReadOnlyList<StoredEvent> protocolEvents) =>
        protocolEvents
            .Select(e => e.Data switch
            {
                ProtocolImported imported => imported.DefinitionJson,
                ProtocolAmended amended => amended.DefinitionJson,
                _ => null,
            })
            .OfType<string>()
            .Select(json => ProtocolFile.Parse(json).Definition)
            .LastOrDefault(d => d is not null);

    private static PooledFlow Flow(IReadOnlyList<ParticipantState> subjects, int periodCount, IReadOnlyDictionary<string, WithdrawalReason> withdrawals)
    {
        var randomized = subjects.Where(s => s.Kits.Count > 0).ToArray();
        var notRandomized = subjects.Where(s => s.Kits.Count == 0)
            .GroupBy(s => s.Status switch
            {
                ParticipantStatus.ScreenFailed => "Screen failure",
                ParticipantStatus.Withdrawn => "Withdrawn before randomization",
                _ => "Not yet randomized",
            })
            .Select(g => new ReasonCount(g.Key, g.Count()))
            .OrderBy(r => r.Reason, StringComparer.Ordinal)
            .ToArray();
        var withdrawn = randomized.Where(s => s.Status == ParticipantStatus.Withdrawn).ToArray();
        var periods = Enumerable.Range(1, periodCount)
            .Select(p => new PooledPeriodFlow(
                p,
                randomized.Count(s => s.Session(p).Started),
                randomized.Count(s => s.Session(p) is { Stopped: true, Completed: true }),
                randomized.Count(s => s.Session(p) is { Stopped: true, Completed: false }),
                Reasons(withdrawn.Where(s => LastDosed(s) == p), withdrawals)))
            .ToArray();
        return new PooledFlow(
            subjects.Count,
            notRandomized,
            randomized.Length,
            Reasons(withdrawn.Where(s => LastDosed(s) == 0), withdrawals),
            periods,
            randomized.Count(s => s.Status == ParticipantStatus.Completed),
            randomized.Count(s => s.Status == ParticipantStatus.Randomized));
    }

    private static int LastDosed(ParticipantState subject) =>
        Enumerable.Range(1, subject.PeriodCount).Where(p => subject.Session(p).Started).DefaultIfEmpty(0).Max();

    private static ReasonCount[] Reasons(IEnumerable<ParticipantState> subjects, IReadOnlyDictionary<string, WithdrawalReason> withdrawals) =>
        subjects
            .GroupBy(s => withdrawals.TryGetValue(s.Subject.ToString(), out var reason) ? ReasonText(reason) : "Reason not recorded", StringComparer.Ordinal)
            .Select(g => new ReasonCount(g.Key, g.Count()))
            .OrderBy(r => r.Reason, StringComparer.Ordinal)
            .ToArray();

    private static string ReasonText(WithdrawalReason reason) => reason switch
    {
        WithdrawalReason.AdverseEvent => "Adverse event",
        WithdrawalReason.WithdrawalBySubject => "Withdrawal by subject",
        WithdrawalReason.PhysicianDecision => "Physician decision",
        WithdrawalReason.LostToFollowUp => "Lost to follow-up",
        WithdrawalReason.ProtocolDeviation => "Protocol deviation",
        WithdrawalReason.Death => "Death",
        _ => "Other",
    };

    /// <summary>Every scale assessment of the protocol, time point and period, in the protocol's order, with the values recorded (latest corrections applied).</summary>
    private static PooledSummary[] Summaries(IReadOnlyList<ParticipantState> subjects, ProtocolDefinition? definition)
    {
        if (definition is null)
        {
            return [];
        }

        var values = subjects
            .SelectMany(s => s.Assessments.Values)
            .Where(a => a.Value is not null)
            .GroupBy(a => a.Key)
            .ToDictionary(g => g.Key, g => g.Select(a => (double)a.Value!.Value).ToArray());
        var periods = Enumerable.Range(1, definition.PeriodCount).ToArray();
        return definition.Assessments
            .Where(a => a.Kind == AssessmentKind.Scale)
            .SelectMany(a => a.Times.OrderBy(t => t.AfterDosingStart).SelectMany(t => periods.Select(p =>
                Summary(a, t, p, values.GetValueOrDefault(new AssessmentKey(p, a.Code, t.Iso)) ?? []))))
            .ToArray();
    }

    private static PooledSummary Summary(AssessmentDefinition scale, AssessmentTime time, int period, double[] values)
    {
        var label = TimeLabel(time.AfterDosingStart);
        if (values.Length == 0)
        {
            return new PooledSummary(scale.Code, scale.Label, scale.Scale?.Unit ?? string.Empty, label, time.AfterDosingStart, period, 0, null, null, null, null, null);
        }

        Array.Sort(values);
        var mean = values.Average();
        double? sd = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : null;
        var middle = values.Length / 2;
        var median = values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return new PooledSummary(scale.Code, scale.Label, scale.Scale?.Unit ?? string.Empty, label, time.AfterDosingStart, period, values.Length, mean, sd, median, values[0], values[^1]);
    }

    /// <summary>Pre-dose, 20 min, 2 h: as the analysis labels its time points.</summary>
    private static string TimeLabel(TimeSpan afterDosingStart) => afterDosingStart switch
    {
        { } t when t <= TimeSpan.Zero => "Pre-dose",
        { } t when t.TotalMinutes >= 120 && t.TotalMinutes % 60 == 0 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.TotalHours:0} h"),
        { } t => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.##} min"),
    };

    private static PooledAdverseEvents[] AdverseEventCounts(IReadOnlyList<AdverseEventState> events) =>
        events
            .GroupBy(e => (e.Period, e.Details!.Grade))
            .Select(g => new PooledAdverseEvents(g.Key.Period, g.Key.Grade, g.Select(e => e.Subject).Distinct().Count(), g.Count()))
            .OrderBy(c => c.Period ?? 0).ThenBy(c => c.Grade)
            .ToArray();
}
