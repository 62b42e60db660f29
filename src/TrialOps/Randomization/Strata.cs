using TrialOps.Protocols;

namespace TrialOps.Randomization;

/// <summary>
/// Strata of a protocol's randomization: one per site when stratified by site, otherwise one
/// stratum named <see cref="Unstratified"/>. Each stratum has its own list, seed and stream.
/// </summary>
public static class Strata
{
    public const string Unstratified = "ALL";

    public static IReadOnlyList<string> For(ProtocolDefinition protocol) =>
        protocol.Randomization.StratifiedBySite ? protocol.Sites.Select(s => s.Code).ToArray() : [Unstratified];

    /// <summary>The stratum a participant enrolled at <paramref name="siteCode"/> is randomized in.</summary>
    public static string Of(ProtocolDefinition protocol, string siteCode) =>
        protocol.Randomization.StratifiedBySite ? siteCode : Unstratified;
}

public static class RandomizationStreams
{
    public static string For(ProtocolCode protocol, string stratum) => $"randomization-{protocol}-{stratum}";
}
