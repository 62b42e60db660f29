namespace TrialOps.Cdisc.Tests;

/// <summary>
/// Finds the repository's <c>tests/reference</c> (unmodified copies of the shared reference data,
/// see its README) by walking up from the test assembly's folder; works for any clone location.
/// </summary>
internal static class ReferenceFiles
{
    private static readonly Lazy<string> RootPath = new(Locate);

    public static string Root => RootPath.Value;

    public static string OdmSchemaDirectory => Path.Combine(Root, "odm-1.3.2");

    public static string Sdtm(string file) => Path.Combine(Root, "sdtm-pilot", "sdtm", file);

    public static string Adam(string file) => Path.Combine(Root, "sdtm-pilot", "adam", file);

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "tests", "reference");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"The reference data folder 'tests/reference' was not found: no ancestor of {AppContext.BaseDirectory} contains it.");
    }
}
