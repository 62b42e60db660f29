namespace TrialOps.Assessments;

/// <summary>
/// How a scale's unit is written. "1" is UCUM's unit of a count or score: a unitless scale is
/// written without a unit (CDISC leaves --ORRESU empty; screens print the number alone).
/// </summary>
public static class ScaleUnits
{
    public static bool IsUnitless(string? unit) => string.IsNullOrWhiteSpace(unit) || unit.Trim() == "1";

    /// <summary>The unit as it follows a number ("4 mm"), or nothing for a unitless scale ("4").</summary>
    public static string AfterNumber(string? unit) => IsUnitless(unit) ? string.Empty : " " + unit!.Trim();
}
