using TrialOps.AdverseEvents;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Queries;
using TrialOps.Runtime;

namespace TrialOps.Blinding;

/// <summary>The categories of the pre-lock review (issue 13, item 6; ADR 0023), as stored in <see cref="LockChecklistEntry.Category"/>.</summary>
public static class PreLockCategories
{
    public const string OpenQueries = "open-queries";
    public const string UnverifiedData = "unverified-data";
    public const string OverdueAssessments = "overdue-assessments";
    public const string ParticipantsInTreatment = "participants-in-treatment";
    public const string UnreportedSaes = "unreported-saes";
    public const string ProjectionsBehind = "projections-behind";

    /// <summary>Records awaiting the Investigator's signature, or signed and changed since (ADR 0025).</summary>
    public const string UnsignedItems = "unsigned-items";

    /// <summary>Every category, in the order the checklist shows them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [OpenQueries, UnverifiedData, OverdueAssessments, ParticipantsInTreatment, UnreportedSaes, UnsignedItems, ProjectionsBehind];

    public static string Label(string category) => category switch
    {
        OpenQueries => "Queries not closed (open or answered)",
        UnverifiedData => "Values not source-verified in their current version",
        OverdueAssessments => "Overdue or missing dosing sessions and assessments",
        ParticipantsInTreatment => "Participants still in treatment (randomized, not completed or withdrawn)",
        UnreportedSaes => "Serious adverse events not reported to the sponsor",
        UnsignedItems => "Unsigned items (eligibility, causality, complete casebooks not signed by the Investigator, or changed since signing)",
        ProjectionsBehind => "Read models behind the event store (pages and lists may not show the newest data)",
        _ => category,
    };

    /// <summary>
    /// Categories that move by themselves within seconds (a read model catching up): a change in
    /// their count since the checklist was shown does not make the confirmation stale, but a
    /// non-empty one still needs a reason.
    /// </summary>
    public static bool IsTransient(string category) => category == ProjectionsBehind;
}

/// <summary>One category of the pre-lock checklist and how many items it holds now (counts only: no participant, no treatment).</summary>
public sealed record PreLockItem(string Category, int Count)
{
    public string Label => PreLockCategories.Label(Category);
}

/// <summary>What is still open in a trial before its database lock, trial-wide (every site).</summary>
public sealed record PreLockChecklist(IReadOnlyList<PreLockItem> Items)
{
    public static PreLockChecklist Empty { get; } = new(PreLockCategories.All.Select(c => new PreLockItem(c, 0)).ToArray());

    public int CountOf(string category) => Items.FirstOrDefault(i => i.Category == category)?.Count ?? 0;

    public IEnumerable<PreLockItem> NotEmpty => Items.Where(i => i.Count > 0);
}

/// <summary>
/// Computes the pre-lock checklist from what the trial's pages already show: queries and source
/// data verification from the participants' streams (<see cref="MonitoringViews"/>), overdue
/// steps (<see cref="ParticipantSchedule"/>), participant states (<see cref="ParticipantRegister"/>),
/// SAE reporting (<see cref="AdverseEventRegister"/>), the Investigator's sign-offs
/// (<see cref="SignOff.InvestigatorSignOff"/>) and the read models' checkpoints.
/// The lock handler computes it again at the moment of locking.
/// </summary>
public sealed class PreLockReview(TrialOpsRuntime runtime)
{
    public async Task<PreLockChecklist> ComputeAsync(ProtocolCode protocol, CancellationToken ct = default)
    {
        var code = protocol.ToString();
        var monitoring = await new MonitoringViews(runtime).ForTrialAsync(code, new Actor("pre-lock-review", Common.Roles.Monitor), ct);
        var total = monitoring.Total("all");
        var overdue = await new ParticipantSchedule(runtime).GetOverdueAsync(code, ct: ct);
        var inTreatment = await new ParticipantRegister(runtime).ListParticipantsAsync(
            new ParticipantListQuery(Protocol: code, Status: ParticipantStatus.Randomized, PageSize: 1), ct);
        var saes = await new AdverseEventRegister(runtime).GetOpenSeriousAdverseEventsAsync(code, ct: ct);
        return new PreLockChecklist(
        [
            new(PreLockCategories.OpenQueries, monitoring.Count(QueryStatus.Open) + monitoring.Count(QueryStatus.Answered)),
            new(PreLockCategories.UnverifiedData, total.Values - total.Verified),
            new(PreLockCategories.OverdueAssessments, overdue.Count),
            new(PreLockCategories.ParticipantsInTreatment, inTreatment.Total),
            new(PreLockCategories.UnreportedSaes, saes.Count(e => e.ReportedToSponsorAt is null)),
            new(PreLockCategories.UnsignedItems, await new SignOff.InvestigatorSignOff(runtime).CountAsync(protocol, ct)),
            new(PreLockCategories.ProjectionsBehind, await ProjectionsBehindAsync(ct)),
        ]);
    }

    /// <summary>Projections with committed events still to apply, or paused after a failure.</summary>
    private async Task<int> ProjectionsBehindAsync(CancellationToken ct) =>
        (await runtime.Projections.StatusAsync(ct)).Count(s => !s.CaughtUp || s.FailedPosition is not null);
}
