using TrialOps.Cdisc;

namespace TrialOps.Exports;

/// <summary>
/// Finds the ODM 1.3.2 schema set shipped in <c>Exports/Schemas/odm-1.3.2</c> (see SOURCES.md
/// there), so exports can be validated without the shared reference folder and without a network.
/// </summary>
public static class OdmSchemas
{
    public const string FolderName = "odm-1.3.2";

    private static readonly string[] Files = ["ODM1-3-2.xsd", "ODM1-3-2-foundation.xsd", "xml.xsd", "xmldsig-core-schema.xsd"];

    /// <summary>
    /// The schema folder: embedded resources <c>odm-1.3.2/*.xsd</c> of this assembly written to a
    /// temporary folder when the build embeds them; else a copy next to the application
    /// (<c>odm-1.3.2/</c> or <c>Exports/Schemas/odm-1.3.2/</c>); else the source tree above it.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No complete schema set was found.</exception>
    public static string Locate()
    {
        if (FromResources() is { } extracted)
        {
            return extracted;
        }

        var candidates = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, FolderName),
            Path.Combine(AppContext.BaseDirectory, "Exports", "Schemas", FolderName),
        };
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            candidates.Add(Path.Combine(folder.FullName, "src", "TrialOps", "Exports", "Schemas", FolderName));
        }

        return candidates.FirstOrDefault(IsComplete)
            ?? throw new DirectoryNotFoundException($"The ODM 1.3.2 schema files ({string.Join(", ", Files)}) were found neither embedded nor in {string.Join(", ", candidates.Take(2))}.");
    }

    /// <summary>A validator over <see cref="Locate"/>.</summary>
    public static OdmValidator CreateValidator() => new(Locate());

    private static bool IsComplete(string folder) => Files.All(file => File.Exists(Path.Combine(folder, file)));

    private static string? FromResources()
    {
        var assembly = typeof(OdmSchemas).Assembly;
        var names = assembly.GetManifestResourceNames();
        if (!Files.All(file => names.Contains($"{FolderName}/{file}", StringComparer.Ordinal)))
        {
            return null;
        }

        var folder = Path.Combine(Path.GetTempPath(), $"trialops-{FolderName}-{typeof(OdmSchemas).Assembly.ManifestModule.ModuleVersionId:N}");
        if (IsComplete(folder))
        {
            return folder;
        }

        Directory.CreateDirectory(folder);
        foreach (var file in Files)
        {
            using var resource = assembly.GetManifestResourceStream($"{FolderName}/{file}")!;
            using var copy = File.Create(Path.Combine(folder, file));
            resource.CopyTo(copy);
        }

        return folder;
    }
}
