using System.Text.RegularExpressions;
using TrialOps.Protocols;

namespace TrialOps.Exports.Sdtm;

/// <summary>
/// IETESTCD of each eligibility criterion, the same in TI and IE. SDTM wants a short name of at
/// most 8 characters (a letter, then letters, digits or underscores); the protocol format does not
/// limit criterion codes. When every code of every protocol version is such a name, it is kept
/// (the site and the protocol speak of IN01); otherwise every criterion gets INCLnn or EXCLnn,
/// numbered in the order the criteria first appear across the versions, so that a criterion keeps
/// its code when a later version adds or reorders criteria. The protocol's own code stays in ODM.
/// </summary>
public sealed partial class CriterionCodes
{
    private readonly Dictionary<string, string> _codes;

    private CriterionCodes(Dictionary<string, string> codes) => _codes = codes;

    public static CriterionCodes For(IEnumerable<ProtocolDefinition> versions)
    {
        var criteria = new List<(string Code, bool Inclusion)>();
        foreach (var version in versions)
        {
            foreach (var (criterion, inclusion) in version.Eligibility.Inclusion.Select(c => (c, true)).Concat(version.Eligibility.Exclusion.Select(c => (c, false))))
            {
                if (!criteria.Any(c => c.Code == criterion.Code))
                {
                    criteria.Add((criterion.Code, inclusion));
                }
            }
        }

        if (criteria.All(c => ShortName().IsMatch(c.Code)))
        {
            return new(criteria.ToDictionary(c => c.Code, c => c.Code, StringComparer.Ordinal));
        }

        var (included, excluded) = (0, 0);
        return new(criteria.ToDictionary(
            c => c.Code,
            c => c.Inclusion ? $"INCL{++included:00}" : $"EXCL{++excluded:00}",
            StringComparer.Ordinal));
    }

    /// <summary>The IETESTCD of a protocol criterion code (a code no version has is returned as it is).</summary>
    public string Of(string criterionCode) => _codes.GetValueOrDefault(criterionCode) ?? criterionCode;

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,7}$")]
    private static partial Regex ShortName();
}
