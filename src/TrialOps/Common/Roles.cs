namespace TrialOps.Common;

/// <summary>
/// The role names users act in (DESIGN.md §6). They are stored in event metadata, so they are a
/// contract: never rename one.
/// </summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Coordinator = "Coordinator";
    public const string DataEntry = "DataEntry";
    public const string Pharmacist = "Pharmacist";
    public const string Investigator = "Investigator";
    public const string Monitor = "Monitor";
    public const string Statistician = "Statistician";

    /// <summary>The sponsor's medical monitor: blinded, all sites; judges whether a serious related reaction was expected (ADR 0026).</summary>
    public const string MedicalMonitor = "MedicalMonitor";

    /// <summary>The sponsor's safety officer: blinded except for the treatment at onset of a SUSAR; records expedited reports to the authorities (ADR 0026).</summary>
    public const string SafetyOfficer = "SafetyOfficer";

    public static IReadOnlyList<string> All { get; } =
        [Administrator, Coordinator, DataEntry, Pharmacist, Investigator, Monitor, Statistician, MedicalMonitor, SafetyOfficer];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
