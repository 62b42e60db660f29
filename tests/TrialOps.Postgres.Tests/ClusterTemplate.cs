using System.Diagnostics;

namespace TrialOps.Postgres.Tests;

/// <summary>
/// A cluster created once per test class and stopped, copied (cp -a, owners and modes kept) into a
/// fresh home for each test about attaching and stopping: a copy takes a fraction of an initdb.
/// </summary>
public sealed class ClusterTemplate : IAsyncLifetime
{
    private readonly TempHome template = new();

    public async Task InitializeAsync()
    {
        await using var database = await TrialOpsDatabase.OpenAsync(template.Options() with { ApplyMigrations = false });
    }

    internal TempHome Copy()
    {
        var copy = new TempHome();
        var start = new ProcessStartInfo("cp") { UseShellExecute = false };
        foreach (var argument in new[] { "-a", template.Path + "/.", copy.Path })
        {
            start.ArgumentList.Add(argument);
        }
        using var cp = Process.Start(start)!;
        cp.WaitForExit();
        Assert.Equal(0, cp.ExitCode);
        return copy;
    }

    public async Task DisposeAsync() => await template.DisposeAsync();
}
