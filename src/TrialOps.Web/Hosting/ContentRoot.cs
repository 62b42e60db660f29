namespace TrialOps.Web.Hosting;

/// <summary>
/// Where the app reads <c>appsettings.json</c> from. ASP.NET Core's default is the working folder,
/// so a published app started from anywhere else ran without its settings and logged every request
/// at Information. The app's own folder is used instead, unless the working folder has settings of
/// its own (<c>dotnet run</c> in the project) or a content root is given (<c>--contentRoot</c>,
/// <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>).
/// </summary>
public static class ContentRoot
{
    public const string SettingsFile = "appsettings.json";

    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Choose(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Environment.GetEnvironmentVariable),
    };

    /// <summary>The folder to use, or null to leave ASP.NET Core's choice (a given root, or the working folder with settings).</summary>
    public static string? Choose(string[] args, string workingFolder, string appFolder, Func<string, string?> environment)
    {
        var given = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT"));
        if (given || File.Exists(Path.Combine(workingFolder, SettingsFile)))
        {
            return null;
        }

        return File.Exists(Path.Combine(appFolder, SettingsFile)) ? appFolder : null;
    }
}
