using TrialOps.Common;
using TrialOps.Messaging;

namespace TrialOps.Identity;

/// <summary>
/// How a user's recorded site list becomes the <see cref="SiteAccess"/> their commands and reads
/// carry (ADR 0010). The grant <see cref="AllSitesGrant"/> means every site. An empty list is what
/// accounts created before site access was enforced hold: trial-wide roles keep reaching every
/// site, site staff reach none until an administrator names their sites.
/// </summary>
public static class SiteGrants
{
    /// <summary>The site list entry that grants every site.</summary>
    public const string AllSitesGrant = "*";

    /// <summary>Roles that work at sites and reach only the sites they are given.</summary>
    public static IReadOnlyList<string> SiteStaffRoles { get; } = [Roles.Coordinator, Roles.DataEntry, Roles.Investigator];

    /// <summary>Roles that may be given <see cref="AllSitesGrant"/>.</summary>
    public static IReadOnlyList<string> RolesThatMayHaveAllSites { get; } =
        [Roles.Administrator, Roles.Coordinator, Roles.Monitor, Roles.Statistician, Roles.Pharmacist, Roles.MedicalMonitor, Roles.SafetyOfficer];

    public static bool IsSiteStaff(string? role) => SiteStaffRoles.Contains(role, StringComparer.Ordinal);

    public static bool GrantsAllSites(IReadOnlyList<string> sites) => sites.Contains(AllSitesGrant, StringComparer.Ordinal);

    public static SiteAccess AccessOf(string? role, IReadOnlyList<string> sites) =>
        GrantsAllSites(sites) ? SiteAccess.All
        : sites.Count > 0 ? SiteAccess.Only(sites)
        : IsSiteStaff(role) ? SiteAccess.None
        : SiteAccess.All;

    public static Actor WithSites(Actor actor, IReadOnlyList<string> sites) => actor with { Sites = AccessOf(actor.Role, sites) };

    /// <summary>How an administration page lists a user's sites.</summary>
    public static string Describe(string? role, IReadOnlyList<string> sites) =>
        GrantsAllSites(sites) ? "all sites"
        : sites.Count > 0 ? string.Join(", ", sites)
        : IsSiteStaff(role) ? "none" : "all sites";
}
