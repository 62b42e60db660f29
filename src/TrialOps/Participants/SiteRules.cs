using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Participants;

/// <summary>
/// Staff see and act on their sites' participants only (DESIGN.md §6, ADR 0010). A participant of
/// another site is answered exactly like one that does not exist, so that nobody learns from a
/// refusal which subject numbers another site has used; screening at a site not granted is refused
/// openly, because the sites of a protocol are no secret.
/// </summary>
public static class SiteRules
{
    /// <summary>The rejection every participant command gets for a participant it may not reach (the same one as for an unknown participant).</summary>
    public static Rejection NotFound(ProtocolCode protocol, SubjectNumber subject) =>
        new("participant.not-found", $"There is no participant {subject} in protocol {protocol}.", "subject");

    /// <summary>
    /// Whether <paramref name="by"/> may reach the participant: by the site recorded at screening and
    /// by the site prefix of the subject number (the same for every recorded participant; the prefix
    /// alone decides for one not yet screened, so that a refusal never depends on existence).
    /// </summary>
    public static bool MayReach(Actor by, ParticipantState state, SubjectNumber subject) =>
        by.Access.Allows(subject.Site) && (state.Site is null || by.Access.Allows(state.Site));

    /// <summary>Whether <paramref name="by"/> may reach a participant known only by subject number text (a randomization entry, a URL).</summary>
    public static bool MayReach(Actor by, string participantId) => MayReach(by.Access, participantId);

    public static bool MayReach(SiteAccess access, string participantId) =>
        SubjectNumber.TryParse(participantId, out var subject) ? access.Allows(subject.Site) : access.AllSites;

    /// <summary>A site's randomization stratum is that site's; the one trial-wide stratum belongs to all sites together.</summary>
    public static bool MayReachStratum(SiteAccess access, string stratum) =>
        stratum == Randomization.Strata.Unstratified ? access.AllSites : access.Allows(stratum);

    public static Rejection? MayScreenAt(Actor by, string site) =>
        by.Access.Allows(site)
            ? null
            : new Rejection(Common.RejectionCodes.SiteNotGranted, $"You are not assigned to site {site}; you can screen at {by.Access}.", "site");
}
