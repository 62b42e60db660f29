using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrialOps.Cdisc;
using TrialOps.Exports.Sdtm;
using TrialOps.Protocols;

namespace TrialOps.Exports.Tests;

/// <summary>Reading an export back in tests: CSV, XPT (ours and pandas'), and searching every byte.</summary>
public static class ExportFiles
{
    public const string PandasInstall = "apt-get install python3-pandas";

    public static IReadOnlyList<string> ExpectedFiles { get; } =
        [.. SdtmDomains.All.SelectMany(d => new[] { d.CsvFileName, d.XptFileName }), "odm.xml", ExportManifest.FileName];

    /// <summary>An RFC 4180 CSV: header, then rows of fields (quotes removed).</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows) ReadCsv(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        return (records[0], records.Skip(1).ToArray());
    }

    /// <summary>A CSV as dictionaries by column name.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Table(string directory, string domain)
    {
        var (header, rows) = ReadCsv(Path.Combine(directory, domain.ToLowerInvariant() + ".csv"));
        return rows.Select(row => (IReadOnlyDictionary<string, string>)header.Zip(row).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)).ToArray();
    }

    public static (XptDataset Dataset, IReadOnlyList<XptVariableInfo> Variables, IReadOnlyList<object?[]> Rows) ReadXpt(string path)
    {
        return XptReader.ReadAll(path);
    }

    /// <summary>
    /// Every string that would give away treatment identity in a blinded file: treatment codes
    /// (as whole tokens, so <c>KET</c> inside the study code <c>KET-NP-01</c> does not count, nor
    /// the letters inside an ordinary word), treatment labels, words of the labels that name a drug,
    /// and sequence names.
    /// </summary>
    public static IReadOnlyList<(string What, Regex Pattern)> TreatmentSecrets(ProtocolDefinition protocol)
    {
        var secrets = new List<(string, Regex)>();
        foreach (var treatment in protocol.Treatments)
        {
            secrets.Add(($"treatment code {treatment.Code}", Token(treatment.Code)));
            secrets.Add(($"label of {treatment.Code}", new Regex(Regex.Escape(treatment.Label), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)));
        }

        foreach (var word in new[] { "ketamine", "saline", "sodium chloride" })
        {
            secrets.Add((word, new Regex(Regex.Escape(word), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)));
        }

        foreach (var sequence in protocol.Sequences)
        {
            foreach (var separator in new[] { "/", "-", "", " ", ", then " })
            {
                var name = string.Join(separator, sequence.TreatmentCodes);
                secrets.Add(($"sequence {name}", Token(name)));
            }
        }

        return secrets;
    }

    /// <summary>The file's text with every occurrence of the study code removed (it contains "KET" but names the trial, not a treatment).</summary>
    public static string TextWithoutStudyCode(string path, ProtocolDefinition protocol) =>
        Encoding.Latin1.GetString(File.ReadAllBytes(path)).Replace(protocol.Code.Value, " ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Column names and row counts of every XPT in the folder, as pandas.read_sas reads them.</summary>
    public static IReadOnlyDictionary<string, (IReadOnlyList<string> Columns, int Rows)> ReadWithPandas(string directory)
    {
        const string script = """
            import json, sys, glob, os
            import pandas
            out = {}
            for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.xpt'))):
                frame = pandas.read_sas(path, format='xport', encoding='ascii')
                out[os.path.basename(path)] = {'columns': list(frame.columns), 'rows': int(len(frame))}
            print(json.dumps(out))
            """;
        var python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            Assert.Fail($"/usr/bin/python3 is missing; the XPT read-back check needs Debian's python3 with pandas ({PandasInstall}).");
        }

        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (error.Contains("No module named 'pandas'", StringComparison.Ordinal))
        {
            Assert.Fail($"pandas is not installed for /usr/bin/python3; install it with `{PandasInstall}`.");
        }

        Assert.True(process.ExitCode == 0, $"pandas could not read the XPT files: {error}");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => ((IReadOnlyList<string>)p.Value.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray(), p.Value.GetProperty("rows").GetInt32()));
    }

    /// <summary>The XPT value as the CSV writes it, to compare the two files field by field.</summary>
    public static string AsCsvText(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    private static Regex Token(string text) =>
        new($"(?<![A-Za-z0-9]){Regex.Escape(text)}(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
