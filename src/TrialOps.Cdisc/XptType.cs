namespace TrialOps.Cdisc;

/// <summary>The two SAS variable types; the values are the NAMESTR <c>ntype</c> codes.</summary>
public enum XptType
{
    Numeric = 1,
    Character = 2,
}
