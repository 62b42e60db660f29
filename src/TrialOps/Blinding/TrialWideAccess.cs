using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Blinding;

/// <summary>
/// Locking the database, and lifting the lock, act on every site's data at once: only a person
/// whose account reaches every site of the trial may do it. A Coordinator or Investigator given
/// only some sites would otherwise freeze (or reopen) other sites' participants, and the pre-lock
/// review they must confirm counts the open items of every site (ADR 0010).
/// </summary>
public static class TrialWideAccess
{
    /// <summary>The trial's site codes as the protocol in force names them (none before an import).</summary>
    public static IReadOnlyList<string> SitesOf(ProtocolState state) =>
        state.DefinitionJson is { } json && ProtocolFile.Parse(json).Definition is { } definition
            ? [.. definition.Sites.Select(s => s.Code)]
            : [];

    /// <summary>Whether <paramref name="access"/> reaches every one of <paramref name="trialSites"/>.</summary>
    public static bool Covers(SiteAccess access, IReadOnlyList<string> trialSites) =>
        access.AllSites || trialSites.All(access.Allows);

    /// <summary>A refusal when the account does not reach every site of the trial; null when it does.</summary>
    public static Rejection? Refusal(ProtocolState state, UserState account, string action)
    {
        var sites = SitesOf(state);
        var access = SiteGrants.AccessOf(account.Role, account.Sites);
        if (Covers(access, sites))
        {
            return null;
        }

        var missing = sites.Where(s => !access.Allows(s)).ToArray();
        return new Rejection(
            RejectionCodes.SiteNotGranted,
            $"{action} applies to every site of {state.Code}, so it needs access to all of them ({string.Join(", ", sites)}); your account does not reach {string.Join(", ", missing)}. Ask a colleague with access to every site, or an administrator to extend yours.");
    }
}
