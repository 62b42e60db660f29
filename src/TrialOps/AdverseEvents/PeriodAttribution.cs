using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.AdverseEvents;

/// <summary>
/// The period an adverse event belongs to: the one active at onset. A period runs from its dosing
/// start to the next period's dosing start, so a washout counts to the period before it. Only
/// the period number is stored; which treatment it was is the unblinded analysis's business.
/// </summary>
public static class PeriodAttribution
{
    /// <summary>
    /// The latest period whose dosing started at or before the latest instant the onset may stand
    /// for; null when the onset lies before the first dosing. A partial onset (<c>2026-11</c>) that
    /// spans a dosing start is attributed to the later period: an event that may have followed a
    /// dose is counted as treatment-emergent, never hidden in an earlier period. A date without a
    /// time is the site's calendar date, so it lasts until the site's next midnight.
    /// </summary>
    public static int? PeriodAt(ParticipantState participant, PartialDate onset, SiteClock clock) =>
        Enumerable.Range(1, participant.PeriodCount)
            .Where(p => participant.Session(p).StartedAt is { } start && start <= onset.LatestOn(clock))
            .Select(p => (int?)p)
            .LastOrDefault();
}
