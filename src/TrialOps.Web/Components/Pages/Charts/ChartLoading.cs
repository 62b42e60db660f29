using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Web.Components.Pages.Dashboard;

namespace TrialOps.Web.Components.Pages.Charts;

/// <summary>Reads what the count charts need: the viewer's sites' participants (ADR 0010) and the protocol's target.</summary>
public static class ChartLoading
{
    public static async Task<(ChartModel? Enrolment, ChartModel? Progress)> EnrolmentAndProgressAsync(ProtocolViews protocols, ParticipantRegister register, string code, Actor viewer, DateTimeOffset now, CancellationToken ct)
    {
        var protocol = await protocols.GetProtocolAsync(code, viewer, ct);
        if (protocol is null)
        {
            return (null, null);
        }

        var participants = new List<ParticipantSummary>();
        for (var page = 1; ; page++)
        {
            var batch = await register.ListParticipantsAsync(new ParticipantListQuery(Protocol: code, Page: page, PageSize: ParticipantListQuery.MaxPageSize, Access: viewer.Access), ct);
            participants.AddRange(batch.Items);
            if (page >= batch.PageCount)
            {
                break;
            }
        }

        var siteCodes = protocol.Summary.Sites.Select(s => s.Code).ToArray();
        var sites = viewer.Access.Among(siteCodes);
        var wholeTrial = siteCodes.All(viewer.Access.Allows);
        var progress = TrialProgress.From(participants, sites, protocol.Summary.PeriodCount);
        return (
            TrialCharts.Enrolment(participants, sites, protocol.Summary.TargetParticipants, wholeTrial, now),
            protocol.Summary.PeriodCount > 0 ? TrialCharts.Progress(progress.Periods) : null);
    }
}
