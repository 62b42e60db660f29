using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Queries;

namespace TrialOps.Worklists;

// The worklist's sources: each reads one feature's read model and keeps what WorklistRules calls work.

/// <summary>Dosing sessions and assessments due today or overdue, for the staff who record them.</summary>
public sealed class DueSessionsSource(ParticipantSchedule schedule, ProtocolHistory protocols) : IWorklistSource
{
    public IReadOnlyList<string> Roles { get; } = [Common.Roles.Coordinator, Common.Roles.DataEntry];

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct) =>
        WorklistRules.Sessions(trial, await schedule.GetDueAsync(trial, LatestEndOfDay(now), viewer.Access, ct), viewer, now, await ClocksAsync(protocols, trial, ct));

    /// <summary>Every site's day has ended by then: what may be due today anywhere (each item is then held to its own site's day).</summary>
    internal static DateTimeOffset LatestEndOfDay(DateTimeOffset now) => now.AddDays(1);

    /// <summary>The participants' site clocks of a trial, by subject number.</summary>
    internal static async Task<Func<string, SiteClock>> ClocksAsync(ProtocolHistory protocols, string trial, CancellationToken ct)
    {
        var protocol = await protocols.DefinitionAsync(trial, ct);
        return subject => protocol is null ? SiteClock.Utc : SiteClock.Of(protocol, SubjectNumber.TryParse(subject, out var number) ? number.Site : null);
    }
}

/// <summary>Serious adverse events awaiting the site's report to the sponsor, with their clocks.</summary>
public sealed class SaeReportsSource(AdverseEventRegister register) : IWorklistSource
{
    public IReadOnlyList<string> Roles { get; } = [Common.Roles.Coordinator, Common.Roles.DataEntry, Common.Roles.Investigator];

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct) =>
        WorklistRules.SaeReports(trial, await register.GetOpenSeriousAdverseEventsAsync(trial, access: viewer.Access, ct: ct), viewer);
}

/// <summary>Open serious adverse events without a causality judgement: the investigator's.</summary>
public sealed class SaeCausalitySource(AdverseEventRegister register) : IWorklistSource
{
    public IReadOnlyList<string> Roles { get; } = [Common.Roles.Investigator];

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct) =>
        WorklistRules.SaeCausality(trial, await register.GetOpenSeriousAdverseEventsAsync(trial, access: viewer.Access, ct: ct), viewer);
}

/// <summary>Open queries the site answers (ADR 0018).</summary>
public sealed class QueriesToAnswerSource(MonitoringViews monitoring) : IWorklistSource
{
    public IReadOnlyList<string> Roles => QueryRules.SiteStaff;

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct) =>
        WorklistRules.Queries(trial, await monitoring.ForTrialAsync(trial, viewer, ct), QueryStatus.Open, viewer);
}

/// <summary>Answered queries the monitor closes or re-opens (ADR 0018).</summary>
public sealed class QueriesToReviewSource(MonitoringViews monitoring) : IWorklistSource
{
    public IReadOnlyList<string> Roles => QueryRules.Monitors;

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct) =>
        WorklistRules.Queries(trial, await monitoring.ForTrialAsync(trial, viewer, ct), QueryStatus.Answered, viewer);
}

/// <summary>Participants with values still to verify against source (ADR 0018).</summary>
public sealed class SourceVerificationSource(MonitoringViews monitoring) : IWorklistSource
{
    public IReadOnlyList<string> Roles => QueryRules.Monitors;

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct) =>
        WorklistRules.SourceVerification(trial, await monitoring.ForTrialAsync(trial, viewer, ct), viewer);
}

/// <summary>Safety alerts waiting for an investigator (ADR 0024).</summary>
public sealed class SafetyAlertsSource(SafetyAlertWorklist alerts) : IWorklistSource
{
    public IReadOnlyList<string> Roles { get; } = [Common.Roles.Investigator];

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct) =>
        WorklistRules.SafetyAlerts(trial, await alerts.PendingAsync(trial, viewer, ct), viewer);
}

/// <summary>
/// Infusions to prepare: dosing sessions due today or overdue whose preparation is not recorded, or
/// whose weight was corrected after it was prepared (ADR 0020). The items name no treatment (the pharmacy page shows it).
/// </summary>
public sealed class PreparationsSource(ParticipantSchedule schedule, ParticipantRegister register, ProtocolHistory protocols) : IWorklistSource
{
    public IReadOnlyList<string> Roles { get; } = [Common.Roles.Pharmacist];

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct)
    {
        if (!ProtocolCode.TryParse(trial, out var code))
        {
            return [];
        }

        var due = (await schedule.GetDueAsync(trial, DueSessionsSource.LatestEndOfDay(now), viewer.Access, ct)).Where(i => i.Kind == ScheduleItemKind.Dosing).ToArray();
        var prepared = new HashSet<(string, int)>();
        var rechecks = new Dictionary<(string, int), (decimal, decimal)>();
        foreach (var item in due)
        {
            if (SubjectNumber.TryParse(item.Subject, out var subject) && (await register.StateAsync(code, subject, ct)).Session(item.Period) is { Preparation: { } preparation } session)
            {
                prepared.Add((item.Subject, item.Period));
                if (session.AwaitsPharmacyRecheck)
                {
                    rechecks[(item.Subject, item.Period)] = (preparation.WeightKg, session.WeightKg!.Value);
                }
            }
        }

        return WorklistRules.Preparations(
            trial, due, i => prepared.Contains((i.Subject, i.Period)), viewer, now, await DueSessionsSource.ClocksAsync(protocols, trial, ct),
            i => rechecks.TryGetValue((i.Subject, i.Period), out var weights) ? weights : null);
    }
}

/// <summary>Records awaiting the Investigator's signature (ADR 0025), oldest first; a signature no longer current counts again.</summary>
public sealed class SignOffSource(TrialOps.SignOff.InvestigatorSignOff signOff) : IWorklistSource
{
    public IReadOnlyList<string> Roles { get; } = [Common.Roles.Investigator];

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct) =>
        WorklistRules.SignOff(trial, await signOff.PendingAsync(trial, viewer, ct));
}

/// <summary>
/// Cases whose term's listing in the reference safety information an amendment changed since their
/// expectedness was decided, for the medical monitor who re-assesses them (ADR 0026): terms only.
/// </summary>
public sealed class ExpectednessReassessmentsSource(AdverseEvents.SafetyReports reports) : IWorklistSource
{
    public IReadOnlyList<string> Roles { get; } = AdverseEvents.AssessExpectedness.Assessors;

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct) =>
        WorklistRules.ExpectednessReassessments(await reports.RsiPromptsAsync(trial, viewer, ct));
}

/// <summary>
/// Running SUSAR report clocks (ADR 0026) for the sponsor's medical monitor and safety officer and
/// for the site's investigator and coordinator: the clock and the due day only, never the allocation.
/// </summary>
public sealed class SusarClocksSource(AdverseEvents.SafetyReports reports) : IWorklistSource
{
    public IReadOnlyList<string> Roles { get; } =
        [Common.Roles.MedicalMonitor, Common.Roles.SafetyOfficer, Common.Roles.Investigator, Common.Roles.Coordinator];

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct) =>
        WorklistRules.SusarClocks(await reports.OpenClocksAsync(trial, viewer, ct));
}
