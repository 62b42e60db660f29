namespace TrialOps.Protocols;

/// <summary>
/// The CDISC terms a protocol's optional trial-summary fields use, with their NCI codes for TS's
/// TSVALCD. TTYPE (C66739, package 2025-03) is copied from <c>reference/cdisc-ct</c>; INTTYPE
/// (C99078) and SEXPOP (C66732) are not in that subset and carry the terms TrialOps accepts.
/// </summary>
public static class InterventionTypes
{
    public const string Drug = "DRUG";

    /// <summary>INTTYPE (C99078) terms accepted in <c>interventionType</c>, with their NCI codes.</summary>
    public static IReadOnlyDictionary<string, string> Terms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Drug] = "C1909",
        ["BIOLOGIC"] = "C307",
    };
}

public static class TrialTypes
{
    public const string CodelistCode = "C66739";

    /// <summary>TTYPE (C66739) submission values with their NCI codes.</summary>
    public static IReadOnlyDictionary<string, string> Terms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ADHESION PERFORMANCE"] = "C158283",
        ["ALCOHOL EFFECT"] = "C158284",
        ["BIO-AVAILABILITY"] = "C49664",
        ["BIO-EQUIVALENCE"] = "C49665",
        ["BIOSIMILARITY"] = "C158288",
        ["DEVICE-DRUG INTERACTION"] = "C158285",
        ["DIAGNOSIS"] = "C49653",
        ["DOSE FINDING"] = "C158289",
        ["DOSE PROPORTIONALITY"] = "C158290",
        ["DOSE RESPONSE"] = "C127803",
        ["DRUG-DRUG INTERACTION"] = "C158286",
        ["ECG"] = "C178057",
        ["EFFICACY"] = "C49666",
        ["FOOD EFFECT"] = "C98729",
        ["IMMUNOGENICITY"] = "C120842",
        ["MASS BALANCE"] = "C201484",
        ["PHARMACODYNAMIC"] = "C49662",
        ["PHARMACOECONOMIC"] = "C39493",
        ["PHARMACOGENETIC"] = "C129001",
        ["PHARMACOGENOMIC"] = "C49661",
        ["PHARMACOKINETIC"] = "C49663",
        ["POSITION EFFECT"] = "C161477",
        ["PREVENTION"] = "C49657",
        ["REACTOGENICITY"] = "C174366",
        ["SAFETY"] = "C49667",
        ["SWALLOWING FUNCTION"] = "C161478",
        ["THOROUGH QT"] = "C158287",
        ["TOLERABILITY"] = "C98791",
        ["TREATMENT"] = "C49656",
        ["USABILITY TESTING"] = "C161479",
        ["WATER EFFECT"] = "C161480",
    };
}

public static class PopulationSexes
{
    /// <summary>SEXPOP (C66732) terms with their NCI codes.</summary>
    public static IReadOnlyDictionary<string, string> Terms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BOTH"] = "C49636",
        ["F"] = "C16576",
        ["M"] = "C20197",
    };
}
