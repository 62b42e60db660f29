using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace TrialOps.Browser.Tests;

/// <summary>Numbered full-page screenshots under <c>TestResults/screenshots/&lt;test&gt;/</c> of the test output folder.</summary>
public sealed class Screenshots(IPage page, [CallerMemberName] string test = "")
{
    private int step;

    public string Folder { get; } = CreateFolder(test);

    public async Task TakeAsync(string name)
    {
        step++;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{step:00}-{name}.png"), FullPage = true });
    }

    private static string CreateFolder(string test)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", test);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }
}
