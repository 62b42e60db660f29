using System.Diagnostics;
using System.Text.Json;

namespace TrialOps.Cdisc.Tests;

/// <summary>
/// Files from <see cref="XptWriter"/> must read back in standard tools (DESIGN.md §7). Runs Debian's
/// /usr/bin/python3, where CI installs python3-pandas; the pyenv python first on PATH lacks pandas.
/// A missing pandas fails the test: skipping would hide that the check never ran.
/// </summary>
public sealed class PandasInteropTests : IDisposable
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import json, math, sys
        try:
            import pandas as pd
        except Exception as error:
            print("pandas import failed: " + repr(error), file=sys.stderr)
            sys.exit(3)
        result = {}
        for path in sys.argv[1:]:
            frame = pd.read_sas(path, format="xport", encoding="ascii")
            rows = [[None if isinstance(v, float) and math.isnan(v) else v for v in row]
                    for row in frame.itertuples(index=False, name=None)]
            result[path] = {"columns": [str(c) for c in frame.columns], "rows": rows}
        print(json.dumps(result))
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("trialops-xpt-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void pandas_reads_our_files_with_the_same_columns_rows_and_values()
    {
        string mixed = WriteFile("mixed.xpt", XptTestData.Mixed(), XptTestData.MixedRows());
        var shortDataset = new XptDataset("SHORT", "Observations under 80 bytes",
            [new XptVariable("N", "Number", XptType.Numeric, 8), new XptVariable("C", "Code", XptType.Character, 5)]);
        object?[][] shortRows = [.. Enumerable.Range(1, 7).Select(i => new object?[] { i * -2.25, $"CODE{i}" })];
        string shortFile = WriteFile("short.xpt", shortDataset, shortRows);

        var result = RunPandas(mixed, shortFile);

        var mixedResult = result.GetProperty(mixed);
        Assert.Equal(["ID", "VALUE", "TEXT200", "ADT", "FLAG_1"], Columns(mixedResult));
        var rows = mixedResult.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(7, rows.Count);
        Assert.Equal("S-001", rows[0][0].GetString());
        Assert.Equal(XptTestData.Long200, rows[0][2].GetString());
        Assert.Equal(-1.5, rows[1][1].GetDouble());
        Assert.Equal(-3.0, rows[1][3].GetDouble());
        Assert.Equal("  leading blanks kept", rows[2][2].GetString());
        Assert.Equal(JsonValueKind.Null, rows[2][3].ValueKind);
        Assert.Equal(123456789.123, rows[3][1].GetDouble());
        Assert.Equal("quote \" and comma ,", rows[3][2].GetString());
        Assert.Equal(JsonValueKind.Null, rows[4][1].ValueKind);
        Assert.Equal(-7e75, rows[4][3].GetDouble());
        Assert.Equal(1.0 / 3, rows[5][1].GetDouble());
        Assert.Equal(-987654.321, rows[6][1].GetDouble());
        // pandas 1.5 decodes the IBM zero pattern (all zero bytes, as SAS writes it) as 16^-65 ≈ 5.4E-79,
        // the same value it shows for the zeros in the CDISC pilot's ex.xpt; our reader returns 0.
        Assert.InRange(rows[0][1].GetDouble(), 0.0, 1e-78);

        var shortResult = result.GetProperty(shortFile);
        Assert.Equal(["N", "C"], Columns(shortResult));
        var shortRead = shortResult.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(7, shortRead.Count);
        Assert.Equal(-15.75, shortRead[6][0].GetDouble());
        Assert.Equal("CODE7", shortRead[6][1].GetString());
    }

    [Fact]
    public void pandas_reads_a_rewritten_pilot_dataset_like_the_original()
    {
        var (dataset, _, rows) = XptReader.ReadAll(ReferenceFiles.Sdtm("ta.xpt"));
        string rewritten = WriteFile("ta.xpt", dataset, rows);

        var result = RunPandas(ReferenceFiles.Sdtm("ta.xpt"), rewritten);

        var original = result.GetProperty(ReferenceFiles.Sdtm("ta.xpt"));
        var ours = result.GetProperty(rewritten);
        Assert.Equal(Columns(original), Columns(ours));
        Assert.Equal(original.GetProperty("rows").GetRawText(), ours.GetProperty("rows").GetRawText());
        Assert.Equal(8, ours.GetProperty("rows").GetArrayLength());
    }

    private static List<string> Columns(JsonElement file) =>
        [.. file.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];

    private string WriteFile(string name, XptDataset dataset, IEnumerable<IReadOnlyList<object?>> rows)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, XptTestData.Write(dataset, rows));
        return path;
    }

    private static JsonElement RunPandas(params string[] paths)
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} does not exist. Install Debian's python3 and python3-pandas (apt-get install -y python3-pandas), as .ci/run does.");
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        foreach (string path in paths)
        {
            start.ArgumentList.Add(path);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Python} with pandas did not finish within two minutes.");
        }

        if (process.ExitCode == 3)
        {
            Assert.Fail($"{Python} cannot import pandas ({stderr.Result.Trim()}). Install it with: apt-get install -y python3-pandas");
        }

        Assert.True(process.ExitCode == 0, $"pandas.read_sas failed (exit {process.ExitCode}): {stderr.Result}");
        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
