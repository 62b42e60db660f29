using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Web.Components.Pages.Dashboard;

/// <summary>Participants by site and status: counts only, which reveal no allocation.</summary>
public sealed record EnrolmentRow(string Site, IReadOnlyDictionary<ParticipantStatus, int> ByStatus)
{
    public int Total => ByStatus.Values.Sum();

    public int Count(ParticipantStatus status) => ByStatus.GetValueOrDefault(status);
}

/// <param name="Dosed">Participants whose dosing of the period has ended.</param>
/// <param name="Current">Participants in treatment for whom this is the next period to dose.</param>
/// <param name="Randomized">Participants ever randomized (every one of them has this period).</param>
public sealed record PeriodProgress(int Period, int Dosed, int Current, int Randomized);

/// <summary>The dashboard's counts, from the blinded participant read model.</summary>
public sealed record TrialProgress(IReadOnlyList<EnrolmentRow> Sites, EnrolmentRow Total, IReadOnlyList<PeriodProgress> Periods)
{
    public static readonly ParticipantStatus[] Statuses =
    [
        ParticipantStatus.Screened,
        ParticipantStatus.Eligible,
        ParticipantStatus.ScreenFailed,
        ParticipantStatus.Randomized,
        ParticipantStatus.Withdrawn,
        ParticipantStatus.Completed,
    ];

    /// <summary>
    /// Reads every participant of the viewer's sites page by page (the list query's largest page)
    /// and counts; a viewer without every site of the trial gets rows of their sites and a "Your sites" total (ADR 0010).
    /// </summary>
    public static async Task<TrialProgress> LoadAsync(ParticipantRegister queries, string code, IEnumerable<string> siteCodes, int periodCount, SiteAccess access, CancellationToken ct)
    {
        var participants = new List<ParticipantSummary>();
        for (var page = 1; ; page++)
        {
            var batch = await queries.ListParticipantsAsync(new ParticipantListQuery(Protocol: code, Page: page, PageSize: ParticipantListQuery.MaxPageSize, Access: access), ct);
            participants.AddRange(batch.Items);
            if (page >= batch.PageCount)
            {
                break;
            }
        }

        var sites = siteCodes.ToArray();
        return From(participants, access.Among(sites), periodCount, sites.All(access.Allows) ? AllSitesLabel : YourSitesLabel);
    }

    public const string AllSitesLabel = "All sites";

    public const string YourSitesLabel = "Your sites";

    public static TrialProgress From(IReadOnlyList<ParticipantSummary> participants, IEnumerable<string> siteCodes, int periodCount, string totalLabel = AllSitesLabel)
    {
        var sites = siteCodes.Concat(participants.Select(p => p.Site)).Distinct(StringComparer.Ordinal).ToArray();
        var rows = sites
            .Select(site => Row(site, participants.Where(p => p.Site == site)))
            .ToArray();
        var randomized = participants.Where(p => p.RandomizedAt is not null).ToArray();
        var periods = Enumerable.Range(1, periodCount)
            .Select(period => new PeriodProgress(
                period,
                randomized.Count(p => p.PeriodsDosed >= period),
                randomized.Count(p => p.Status == ParticipantStatus.Randomized && p.CurrentPeriod == period),
                randomized.Length))
            .ToArray();
        return new TrialProgress(rows, Row(totalLabel, participants), periods);
    }

    private static EnrolmentRow Row(string site, IEnumerable<ParticipantSummary> participants) =>
        new(site, participants.GroupBy(p => p.Status).ToDictionary(g => g.Key, g => g.Count()));
}
