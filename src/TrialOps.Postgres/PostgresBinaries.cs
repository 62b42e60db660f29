namespace TrialOps.Postgres;

/// <summary>Where <c>initdb</c> and <c>pg_ctl</c> live.</summary>
public sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    /// <summary>Where Debian and Ubuntu install one folder per major version.</summary>
    public const string DefaultInstallRoot = "/usr/lib/postgresql";

    /// <summary>
    /// The highest version under <paramref name="installRoot"/> (<c>&lt;root&gt;/&lt;version&gt;/bin</c>),
    /// else the first folder of <paramref name="searchPath"/> (PATH syntax) holding both tools.
    /// </summary>
    /// <exception cref="PostgresNotInstalledException">Neither place has both tools.</exception>
    public static PostgresBinaries Locate(string installRoot, string? searchPath)
    {
        foreach (var folder in VersionFolders(installRoot).Concat(PathFolders(searchPath)))
        {
            var initDb = Path.Combine(folder, "initdb");
            var pgCtl = Path.Combine(folder, "pg_ctl");
            if (IsExecutable(initDb) && IsExecutable(pgCtl))
            {
                return new PostgresBinaries(initDb, pgCtl);
            }
        }
        throw new PostgresNotInstalledException();
    }

    private static IEnumerable<string> VersionFolders(string installRoot)
    {
        if (!Directory.Exists(installRoot))
        {
            return [];
        }
        return Directory.EnumerateDirectories(installRoot)
            .Select(folder => (Folder: folder, Version: ParseVersion(Path.GetFileName(folder))))
            .Where(candidate => candidate.Version is not null)
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.Combine(candidate.Folder, "bin"));
    }

    private static Version? ParseVersion(string name) =>
        int.TryParse(name, out var major) ? new Version(major, 0)
        : Version.TryParse(name, out var version) ? version
        : null;

    private static IEnumerable<string> PathFolders(string? searchPath) =>
        (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsExecutable(string file) =>
        File.Exists(file)
        && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
