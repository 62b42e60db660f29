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

    public static IReadOnlyList<string> All { get; } =
        [Administrator, Coordinator, DataEntry, Pharmacist, Investigator, Monitor, Statistician];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
