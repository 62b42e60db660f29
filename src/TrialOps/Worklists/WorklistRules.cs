using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Queries;

namespace TrialOps.Worklists;

/// <summary>
/// Which rows of the feature read models are work for the viewer now: pure functions, so the
/// rule is tested without a database and the page, the API and the CLI share it. Every rule keeps
/// only participants of the viewer's sites (ADR 0010), even when its read model already did.
/// </summary>
public static class WorklistRules
{
    /// <summary>
    /// Dosing sessions and assessments that are overdue, due, or fall due before the end of the
    /// day at the participant's site (<paramref name="clockOf"/>, by subject; UTC when not given);
    /// not those done, recorded as not done, or of a participant no longer in the trial.
    /// </summary>
    public static IReadOnlyList<WorkItem> Sessions(string trial, IEnumerable<ScheduleItem> schedule, Actor viewer, DateTimeOffset now, Func<string, SiteClock>? clockOf = null)
    {
        DateTimeOffset EndOfDay(string subject)
        {
            var clock = clockOf?.Invoke(subject) ?? SiteClock.Utc;
            return clock.StartOfDay(clock.LocalDate(now).AddDays(1));
        }

        return schedule
            .Where(i => i.Kind is ScheduleItemKind.Dosing or ScheduleItemKind.Assessment)
            .Where(i => i.Status is ScheduleStatus.Due or ScheduleStatus.Overdue
                        || (i.Status == ScheduleStatus.Planned && i.DueAt is { } due && due < EndOfDay(i.Subject)))
            .Where(i => SiteRules.MayReach(viewer.Access, i.Subject))
            .Select(i => new WorkItem(
                trial,
                i.Kind == ScheduleItemKind.Dosing ? WorkKind.DosingSession : WorkKind.Assessment,
                i.Subject,
                SiteOf(i.Subject),
                i.Kind == ScheduleItemKind.Dosing ? $"Dosing session, period {i.Period}" : $"{i.Label}, period {i.Period}",
                i.DueAt,
                i.Status == ScheduleStatus.Overdue)
            {
                Period = i.Period,
                DeadlineAt = i.DeadlineAt,
            })
            .ToArray();
    }

    /// <summary>Serious adverse events not yet reported to the sponsor, with the report deadline as their clock.</summary>
    public static IReadOnlyList<WorkItem> SaeReports(string trial, IEnumerable<AdverseEventSummary> events, Actor viewer) =>
        events
            .Where(e => e.Serious && e.ReportedToSponsorAt is null && SiteRules.MayReach(viewer.Access, e.Subject))
            .Select(e => new WorkItem(trial, WorkKind.SaeReport, e.Subject, SiteOf(e.Subject), $"Report SAE {e.AdverseEventId} ({e.Term}) to the sponsor", e.SponsorReportDueAt, e.Overdue)
            {
                AdverseEventId = e.AdverseEventId,
                Period = e.Period,
                DeadlineAt = e.SponsorReportDueAt,
            })
            .ToArray();

    /// <summary>Open serious adverse events that have no causality judgement yet.</summary>
    public static IReadOnlyList<WorkItem> SaeCausality(string trial, IEnumerable<AdverseEventSummary> events, Actor viewer) =>
        events
            .Where(e => e.Serious && string.IsNullOrEmpty(e.Causality) && SiteRules.MayReach(viewer.Access, e.Subject))
            .Select(e => new WorkItem(trial, WorkKind.SaeCausality, e.Subject, SiteOf(e.Subject), $"Judge the causality of SAE {e.AdverseEventId} ({e.Term})", e.AwareAt, false)
            {
                AdverseEventId = e.AdverseEventId,
                Period = e.Period,
            })
            .ToArray();

    /// <summary>Queries in <paramref name="status"/>: open ones are the site's to answer, answered ones the monitor's to review.</summary>
    public static IReadOnlyList<WorkItem> Queries(string trial, TrialMonitoring monitoring, QueryStatus status, Actor viewer) =>
        monitoring.Queries(status)
            .Where(q => SiteRules.MayReach(viewer.Access, q.Subject))
            .Select(q => new WorkItem(
                trial,
                status == QueryStatus.Answered ? WorkKind.QueryToReview : WorkKind.QueryToAnswer,
                q.Subject,
                q.Site,
                status == QueryStatus.Answered ? $"Review the answer to query {q.Query.Number} on {q.Query.Target.Key}" : $"Answer query {q.Query.Number} on {q.Query.Target.Key}",
                q.Query.Latest.At,
                false)
            {
                QueryNumber = q.Query.Number,
            })
            .ToArray();

    /// <summary>Participants with recorded values not verified in their current version (never verified, or changed since).</summary>
    public static IReadOnlyList<WorkItem> SourceVerification(string trial, TrialMonitoring monitoring, Actor viewer) =>
        monitoring.Participants
            .Where(p => p.Values > p.Verified && SiteRules.MayReach(viewer.Access, p.Subject))
            .Select(p => new WorkItem(
                trial,
                WorkKind.SourceVerification,
                p.Subject,
                p.Site,
                p.Outdated > 0
                    ? $"Verify {p.Values - p.Verified} of {p.Values} values ({p.Outdated} changed since verification)"
                    : $"Verify {p.Values - p.Verified} of {p.Values} values",
                null,
                false))
            .ToArray();

    /// <summary>Safety alerts waiting for an investigator's acknowledgement, oldest first.</summary>
    public static IReadOnlyList<WorkItem> SafetyAlerts(string trial, IEnumerable<PendingSafetyAlert> pending, Actor viewer) =>
        pending
            .Where(p => SiteRules.MayReach(viewer.Access, p.Alert.Subject))
            .Select(p => new WorkItem(
                trial,
                WorkKind.SafetyAlert,
                p.Alert.Subject,
                SiteOf(p.Alert.Subject),
                $"Acknowledge the safety alert on {p.Alert.AssessmentCode} ({string.Join("; ", p.Alert.Findings)}), period {p.Alert.Period}",
                p.Alert.MeasuredAt,
                false)
            {
                Period = p.Alert.Period,
            })
            .ToArray();

    /// <summary>
    /// Dosing sessions due (or due today) of participants whose preparation is not recorded, or whose
    /// weight was corrected after it (<paramref name="recheck"/> gives the weights, ADR 0020): the pharmacist's list.
    /// </summary>
    public static IReadOnlyList<WorkItem> Preparations(string trial, IEnumerable<ScheduleItem> schedule, Func<ScheduleItem, bool> prepared, Actor viewer, DateTimeOffset now, Func<string, SiteClock>? clockOf = null, Func<ScheduleItem, (decimal PreparedForKg, decimal WeightKg)?>? recheck = null)
    {
        var items = schedule.Where(i => i.Kind == ScheduleItemKind.Dosing).ToArray();
        var rechecks = new Dictionary<(string, int), (decimal PreparedForKg, decimal WeightKg)>();
        foreach (var item in items)
        {
            if (recheck?.Invoke(item) is { } weights)
            {
                rechecks[(item.Subject, item.Period)] = weights;
            }
        }

        return Sessions(trial, items.Where(i => !prepared(i) || rechecks.ContainsKey((i.Subject, i.Period))), viewer, now, clockOf)
            .Select(i => i with
            {
                Kind = WorkKind.Preparation,
                What = rechecks.TryGetValue((i.Subject, i.Period ?? 0), out var weights)
                    ? $"Re-prepare or confirm the infusion of period {i.Period}: weight corrected after preparation ({Dosing.DosingRules.Kg(weights.PreparedForKg)} kg → {Dosing.DosingRules.Kg(weights.WeightKg)} kg)"
                    : $"Prepare the infusion of period {i.Period}",
            })
            .ToArray();
    }

    /// <summary>Overdue first, then by the clock (items without one last), trial, participant.</summary>
    /// <summary>One item per record to sign; <c>DueAt</c> is when it became signable (work without a deadline).</summary>
    public static IReadOnlyList<WorkItem> SignOff(string trial, IEnumerable<TrialOps.SignOff.SignOffItem> pending) =>
        pending
            .Select(p => new WorkItem(trial, WorkKind.SignOff, p.Subject, p.Site, (p.NotCurrent ? "Sign again: " : "Sign: ") + p.What, p.ReadySince, Overdue: false)
            {
                AdverseEventId = p.AdverseEventId,
                SignOff = p.Kind,
            })
            .ToArray();

    /// <summary>One item per running SUSAR clock, due at the end of its due day (UTC), overdue after it.</summary>
    public static IReadOnlyList<WorkItem> SusarClocks(IEnumerable<AdverseEvents.OpenSusarClock> clocks) =>
        clocks
            .Select(c =>
            {
                var endOfDueDay = new DateTimeOffset(c.DueOn.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var site = SubjectNumber.TryParse(c.Subject, out var subject) ? subject.Site : string.Empty;
                var report = c.Report == AdverseEvents.SusarReportKind.FollowUp ? "follow-up" : "initial";
                return new WorkItem(c.Protocol, WorkKind.SusarReport, c.Subject, site, $"SUSAR {report} report: {c.Term}", endOfDueDay, c.Overdue)
                {
                    AdverseEventId = c.AdverseEventId,
                    DeadlineAt = endOfDueDay,
                };
            })
            .ToArray();

    /// <summary>One item per case to re-assess after a change of the reference safety information, waiting since the amendment that changed it.</summary>
    public static IReadOnlyList<WorkItem> ExpectednessReassessments(IEnumerable<AdverseEvents.RsiReassessmentPrompt> prompts) =>
        prompts
            .Select(p =>
            {
                var site = SubjectNumber.TryParse(p.Subject, out var subject) ? subject.Site : string.Empty;
                var version = p.ChangedInVersion is { } v ? $" in protocol version {v}" : string.Empty;
                var listing = p.NowListed ? "now listed" : "no longer listed";
                return new WorkItem(p.Protocol, WorkKind.ExpectednessReassessment, p.Subject, site, $"Re-assess expectedness: {p.Term} {listing}{version}", p.AmendedAt ?? p.DecidedAt, Overdue: false)
                {
                    AdverseEventId = p.AdverseEventId,
                };
            })
            .ToArray();

    public static IReadOnlyList<WorkItem> Order(IEnumerable<WorkItem> items) =>
        items
            .OrderByDescending(i => i.Overdue)
            .ThenBy(i => i.DueAt is null)
            .ThenBy(i => i.DueAt)
            .ThenBy(i => i.Trial, StringComparer.Ordinal)
            .ThenBy(i => i.Subject, StringComparer.Ordinal)
            .ThenBy(i => i.Kind)
            .ThenBy(i => i.What, StringComparer.Ordinal)
            .ToArray();

    private static string SiteOf(string subject) => SubjectNumber.TryParse(subject, out var number) ? number.Site : string.Empty;
}
