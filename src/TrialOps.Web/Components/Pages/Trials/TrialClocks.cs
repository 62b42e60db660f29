using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Web.Components.Pages.Trials;

/// <summary>
/// The site clocks of one trial, for pages listing several sites' participants (dashboard,
/// worklists, calendar): each row is shown on its own site's clock, with the offset, so rows of
/// different sites stay unambiguous (ADR 0030). Only the sites' time zones are kept from the protocol.
/// </summary>
public sealed class TrialClocks
{
    private readonly IReadOnlyDictionary<string, SiteClock> bySite;

    private TrialClocks(IReadOnlyDictionary<string, SiteClock> bySite) => this.bySite = bySite;

    /// <summary>Every site on UTC (an unknown trial).</summary>
    public static TrialClocks Utc { get; } = new(new Dictionary<string, SiteClock>());

    public static TrialClocks Of(ProtocolDefinition? protocol) =>
        protocol is null
            ? Utc
            : new(protocol.Sites.ToDictionary(site => site.Code, SiteClock.Of, StringComparer.OrdinalIgnoreCase));

    public static async Task<TrialClocks> LoadAsync(ProtocolHistory history, string code, CancellationToken ct) =>
        Of(await history.DefinitionAsync(code, ct));

    /// <summary>The clock of a site code (<c>S01</c>) or of a participant's subject number (<c>S01-001</c>); UTC when unknown.</summary>
    public SiteClock For(string? siteOrSubject)
    {
        if (siteOrSubject is null)
        {
            return SiteClock.Utc;
        }

        var site = SubjectNumber.TryParse(siteOrSubject, out var subject) ? subject.Site : siteOrSubject;
        return bySite.TryGetValue(site, out var clock) ? clock : SiteClock.Utc;
    }

    /// <summary>
    /// The date "today" for a list of <paramref name="site"/> (or of all sites when null): that
    /// site's date, the sites' date when they share one zone, otherwise the UTC date.
    /// </summary>
    public DateOnly Today(string? site, DateTimeOffset now)
    {
        var zones = site is not null ? [For(site)] : bySite.Values.DistinctBy(clock => clock.TimeZone).ToArray();
        return zones.Length == 1 ? zones[0].LocalDate(now) : DateOnly.FromDateTime(now.UtcDateTime);
    }

    /// <summary>A time of a participant or site, on its site's clock.</summary>
    public string Time(string? siteOrSubject, DateTimeOffset? time) => TrialText.Time(For(siteOrSubject), time);
}
