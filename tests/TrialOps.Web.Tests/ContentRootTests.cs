using TrialOps.Web.Hosting;

namespace TrialOps.Web.Tests;

/// <summary>A published app started from another folder still reads its own settings (issue 9, item 8).</summary>
public sealed class ContentRootTests : IDisposable
{
    private readonly string working = Directory.CreateTempSubdirectory("trialops-cwd-").FullName;
    private readonly string app = Directory.CreateTempSubdirectory("trialops-app-").FullName;

    public ContentRootTests() => File.WriteAllText(Path.Combine(app, ContentRoot.SettingsFile), "{}");

    public void Dispose()
    {
        Directory.Delete(working, recursive: true);
        Directory.Delete(app, recursive: true);
    }

    private static string? None(string name) => null;

    [Fact]
    public void started_from_a_folder_without_settings_the_app_reads_those_beside_its_assembly() =>
        Assert.Equal(app, ContentRoot.Choose([], working, app, None));

    [Fact]
    public void started_in_a_folder_with_settings_of_its_own_the_working_folder_stays_the_root()
    {
        File.WriteAllText(Path.Combine(working, ContentRoot.SettingsFile), "{}");
        Assert.Null(ContentRoot.Choose([], working, app, None));
    }

    [Theory]
    [InlineData("--contentRoot=/srv/trialops", null)]
    [InlineData("--urls=http://127.0.0.1:1", "ASPNETCORE_CONTENTROOT")]
    [InlineData("--urls=http://127.0.0.1:1", "DOTNET_CONTENTROOT")]
    public void a_content_root_given_on_the_command_line_or_in_the_environment_is_left_to_asp_net_core(string arg, string? variable) =>
        Assert.Null(ContentRoot.Choose([arg], working, app, name => name == variable ? "/srv/trialops" : null));

    [Fact]
    public void the_assemblys_folder_without_settings_either_changes_nothing() =>
        Assert.Null(ContentRoot.Choose([], working, working, None));
}
