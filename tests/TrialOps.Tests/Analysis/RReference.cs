using System.Diagnostics;
using System.Globalization;

namespace TrialOps.Tests.Analysis;

/// <summary>
/// Runs <c>tests/TrialOps.Tests/Analysis/R/crossover.R</c> with Debian's R (r-base-core,
/// r-cran-nlme, r-cran-lmertest; <c>bash .ci/run</c> installs them) on a CSV and returns its
/// numbers by name.
/// </summary>
internal static class RReference
{
    public static IReadOnlyDictionary<string, double> Run(string mode, string csv, params string[] options)
    {
        Assert.True(File.Exists("/usr/bin/Rscript"), "/usr/bin/Rscript is missing; the R comparison needs Debian's r-base-core, r-cran-nlme and r-cran-lmertest (bash .ci/run installs them).");
        var directory = Directory.CreateTempSubdirectory("trialops-analysis-r-");
        try
        {
            var data = Path.Combine(directory.FullName, "data.csv");
            File.WriteAllText(data, csv);
            var start = new ProcessStartInfo("/usr/bin/Rscript") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("--vanilla");
            start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tests", "TrialOps.Tests", "Analysis", "R", "crossover.R"));
            start.ArgumentList.Add(mode);
            start.ArgumentList.Add(data);
            foreach (var option in options) start.ArgumentList.Add(option);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"R failed ({mode}): {error.Result}");
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t'))
                .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TrialOps.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("TrialOps.sln not found above the test assembly.");
    }
}
