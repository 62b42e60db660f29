namespace TrialOps.Messaging;

/// <summary>
/// The sites whose participants a person may see and act on (DESIGN.md §6, ADR 0010): all sites,
/// or a list of site codes. A participant of a site outside it is treated as if it did not exist.
/// </summary>
/// <param name="AllSites">True for a grant of every site, present and future.</param>
/// <param name="Sites">The granted site codes when not <paramref name="AllSites"/>; empty means none.</param>
public sealed record SiteAccess(bool AllSites, IReadOnlyList<string> Sites)
{
    public static SiteAccess All { get; } = new(true, []);

    public static SiteAccess None { get; } = new(false, []);

    public static SiteAccess Only(IEnumerable<string> sites) => new(false, sites.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    public bool Allows(string? site) => AllSites || (site is not null && Sites.Contains(site, StringComparer.Ordinal));

    /// <summary>The granted sites among <paramref name="siteCodes"/> (all of them for an all-sites grant).</summary>
    public IReadOnlyList<string> Among(IEnumerable<string> siteCodes) => siteCodes.Where(Allows).ToArray();

    public override string ToString() => AllSites ? "all sites" : Sites.Count == 0 ? "no sites" : string.Join(", ", Sites);
}
