using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Worklists;

/// <summary>
/// Home's worklist (issue 14, item 5; ADR 0027): what the viewer should do now in every trial,
/// from every source meant for their role, at their sites only, overdue first. The page and the
/// API both read it here, so they cannot differ. Blinded by construction (<see cref="WorkItem"/>).
/// </summary>
public sealed class Worklist(ProtocolViews protocols, IEnumerable<IWorklistSource> sources, TimeProvider clock)
{
    private readonly IReadOnlyList<IWorklistSource> sources = sources.ToArray();

    /// <summary>The clock the worklist reads "due" and "overdue" with.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The sources whose work is the role's.</summary>
    public IReadOnlyList<IWorklistSource> SourcesFor(string role) =>
        sources.Where(s => s.Roles.Contains(role, StringComparer.Ordinal)).ToArray();

    public async Task<IReadOnlyList<WorkItem>> ForAsync(Actor viewer, CancellationToken ct = default)
    {
        var mine = SourcesFor(viewer.Role);
        if (mine.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var items = new List<WorkItem>();
        foreach (var trial in await protocols.ListProtocolsAsync(viewer, ct))
        {
            foreach (var source in mine)
            {
                items.AddRange(await source.ItemsAsync(trial.Code, viewer, now, ct));
            }
        }

        return WorklistRules.Order(items.Where(i => Participants.SiteRules.MayReach(viewer.Access, i.Subject)));
    }
}
