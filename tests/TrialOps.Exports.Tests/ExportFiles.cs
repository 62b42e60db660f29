using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TrialOps.Cdisc;
using TrialOps.Exports.Define;
using TrialOps.Exports.Sdtm;
using TrialOps.Protocols;

namespace TrialOps.Exports.Tests;

/// <summary>Reading an export back in tests: CSV, XPT (ours and pandas'), and searching every byte.</summary>
public static class ExportFiles
{
    public const string PandasInstall = "apt-get install python3-pandas";

    /// <summary>
    /// The datasets of an export of the demo trial: every general dataset, and of those written only
    /// where needed the ones its data needs: TI (the protocol's criteria), IE (its screen failures)
    /// and SUPPAE (the period recorded for each adverse event). It records no protocol deviation.
    /// </summary>
    public static IReadOnlyList<SdtmDomain> DemoDatasets { get; } = [.. SdtmDomains.All, SdtmDomains.TI, SdtmDomains.IE, SdtmDomains.SuppAe];

    public static IReadOnlyList<string> ExpectedFiles { get; } =
        [.. DemoDatasets.SelectMany(d => new[] { d.CsvFileName, d.XptFileName, d.JsonFileName }), "odm.xml", DefineXmlWriter.FileName, ExportManifest.FileName];

    /// <summary>An RFC 4180 CSV: header, then rows of fields (quotes removed).</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows) ReadCsv(string path)
    {
        var records = CsvReader.Read(File.ReadAllText(path, Encoding.UTF8));
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

    /// <summary>
    /// A blinded file's text as the leak scans read it: without the study code and, in the TS files
    /// only (ts.csv, ts.xpt, ts.json), without the values of the TITLE rows. The title names the
    /// treatments under study: public protocol information (registries publish it), allowed there
    /// and nowhere else (ADR 0022). What the blind protects is the allocation.
    /// </summary>
    public static string BlindedScanText(string path, ProtocolDefinition protocol)
    {
        var text = TextWithoutStudyCode(path, protocol);
        if (!Path.GetFileNameWithoutExtension(path).Equals("ts", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        foreach (var part in TitleParts(protocol))
        {
            text = text.Replace(part, " ", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The title as TS carries it: US-ASCII, in parts of up to 200 characters (TSVAL, TSVAL1 …).</summary>
    public static IReadOnlyList<string> TitleParts(ProtocolDefinition protocol) =>
        SdtmDomains.SplitValue(Common.AsciiText.ToAscii(protocol.Title) ?? protocol.Title);

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

        var (exitCode, output, error) = RunPython(script, [directory]);
        if (error.Contains("No module named 'pandas'", StringComparison.Ordinal))
        {
            Assert.Fail($"pandas is not installed for /usr/bin/python3; install it with `{PandasInstall}`.");
        }

        Assert.True(exitCode == 0, $"pandas could not read the XPT files: {error}");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => ((IReadOnlyList<string>)p.Value.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray(), p.Value.GetProperty("rows").GetInt32()));
    }

    /// <summary>
    /// Validates each Dataset-JSON file named (paths) against the committed Dataset-JSON 1.1 schema
    /// with Debian's python3-jsonschema and, where an XPT of the same name lies beside it, compares
    /// columns, record count and every value with what pandas reads from the XPT. Returns the problems.
    /// </summary>
    public static IReadOnlyList<string> CheckDatasetJson(IEnumerable<string> jsonPaths)
    {
        const string script = """
            import json, math, os, sys
            import jsonschema, pandas
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema) if hasattr(jsonschema, 'Draft202012Validator') else jsonschema.Draft7Validator(schema)
            problems = []
            for path in sys.argv[2:]:
                name = os.path.basename(path)
                data = json.load(open(path))
                for error in validator.iter_errors(data):
                    problems.append(f"{name}: schema: {error.message} at {list(error.absolute_path)}")
                if data.get('records') != len(data.get('rows', [])):
                    problems.append(f"{name}: records {data.get('records')} but {len(data.get('rows', []))} rows")
                xpt = path[:-5] + '.xpt'
                if not os.path.exists(xpt):
                    continue
                frame = pandas.read_sas(xpt, format='xport', encoding='ascii')
                columns = [c['name'] for c in data['columns']]
                if columns != list(frame.columns):
                    problems.append(f"{name}: columns {columns} differ from the XPT's {list(frame.columns)}")
                    continue
                if len(frame) != len(data['rows']):
                    problems.append(f"{name}: {len(data['rows'])} rows, the XPT has {len(frame)}")
                    continue
                for r, (row, (_, xrow)) in enumerate(zip(data['rows'], frame.iterrows())):
                    for column, value in zip(columns, row):
                        other = xrow[column]
                        if isinstance(other, float):
                            # pandas 1.5 decodes an IBM zero (eight zero bytes) as 16**-65 (5.4e-79); no value of ours is that small.
                            other = 0.0 if abs(other) < 1e-78 else other
                            same = (value is None and math.isnan(other)) or (value is not None and not math.isnan(other) and float(value) == other)
                        else:
                            same = (value or '') == other
                        if not same:
                            problems.append(f"{name}: row {r + 1} {column}: JSON {value!r}, XPT {other!r}")
                            break
            print(json.dumps(problems))
            """;
        var schema = Path.Combine(RepositoryRoot(), "tests", "reference", "dataset-json-1.1", "schema", "dataset.schema.json");
        var (exitCode, output, error) = RunPython(script, [schema, .. jsonPaths]);
        Assert.True(exitCode == 0, $"the Dataset-JSON check could not run (needs Debian's python3-jsonschema and python3-pandas): {error}");
        return JsonSerializer.Deserialize<string[]>(output)!;
    }

    /// <summary>
    /// Column names and row counts of every XPT in the folder as R's haven (<c>read_xpt</c>) reads
    /// them: the reader SAS-free statisticians use, independent of pandas and of our own reader.
    /// </summary>
    public static IReadOnlyDictionary<string, (IReadOnlyList<string> Columns, int Rows)> ReadWithHaven(string directory)
    {
        const string script = """
            suppressPackageStartupMessages(library(haven))
            folder <- commandArgs(trailingOnly = TRUE)[1]
            for (path in sort(list.files(folder, pattern = "\\.xpt$", full.names = TRUE))) {
              data <- read_xpt(path)
              cat(basename(path), nrow(data), paste(names(data), collapse = ","), sep = "\t")
              cat("\n")
            }
            """;
        Assert.True(File.Exists("/usr/bin/Rscript"), "/usr/bin/Rscript is missing; the haven read-back needs Debian's r-base-core and r-cran-haven (bash .ci/run installs them).");
        var (exitCode, output, error) = Run("/usr/bin/Rscript", ["-e", script, directory]);
        Assert.True(exitCode == 0, $"R haven could not read the XPT files: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToDictionary(
            parts => parts[0],
            parts => ((IReadOnlyList<string>)parts[2].Split(','), int.Parse(parts[1], CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Validates a define.xml against the committed Define-XML 2.0.0 schema set
    /// (<c>tests/reference/define-xml-2.0</c>) with xmllint (Debian libxml2-utils), offline.
    /// Returns xmllint's exit code and messages.
    /// </summary>
    public static (int ExitCode, string Messages) ValidateDefine(string path)
    {
        Assert.True(File.Exists("/usr/bin/xmllint"), "/usr/bin/xmllint is missing; define.xml validation needs Debian's libxml2-utils (bash .ci/run installs it).");
        var schema = Path.Combine(RepositoryRoot(), "tests", "reference", "define-xml-2.0", "cdisc-define-2.0", "define2-0-0.xsd");
        var (exitCode, _, error) = Run("/usr/bin/xmllint", ["--nonet", "--noout", "--schema", schema, path]);
        return (exitCode, error);
    }

    /// <summary>
    /// Where define.xml does not describe the XPT files beside it as our reader reads them back:
    /// one ItemGroupDef per XPT (SASDatasetName, def:leaf), and per variable in order the name,
    /// label, type (numeric: integer or float; character: text or an ISO 8601 type) and length;
    /// every character length the longest value of its column (at least 1, FDAC036); every value of
    /// a variable with an enumerated codelist one of its coded values. Empty when all agree.
    /// </summary>
    public static IReadOnlyList<string> DefineMismatches(string directory)
    {
        XNamespace odm = DefineXmlWriter.OdmNamespace;
        XNamespace def = DefineXmlWriter.DefNamespace;
        XNamespace xlink = DefineXmlWriter.XlinkNamespace;
        var problems = new List<string>();
        var version = XDocument.Load(Path.Combine(directory, DefineXmlWriter.FileName)).Descendants(odm + "MetaDataVersion").Single();
        var items = version.Elements(odm + "ItemDef").ToDictionary(e => (string)e.Attribute("OID")!, StringComparer.Ordinal);
        var codeLists = version.Elements(odm + "CodeList").ToDictionary(e => (string)e.Attribute("OID")!, StringComparer.Ordinal);
        var groups = version.Elements(odm + "ItemGroupDef").ToArray();
        var xpts = Directory.EnumerateFiles(directory, "*.xpt").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
        var leaves = groups.Select(g => (string)g.Element(def + "leaf")!.Attribute(xlink + "href")!).Order(StringComparer.Ordinal).ToArray();
        if (!xpts.SequenceEqual(leaves))
        {
            problems.Add($"datasets: the XPT files are {string.Join(", ", xpts)}, define.xml lists {string.Join(", ", leaves)}");
        }

        foreach (var group in groups)
        {
            var leaf = group.Element(def + "leaf")!;
            var file = (string)leaf.Attribute(xlink + "href")!;
            if ((string?)group.Attribute(def + "ArchiveLocationID") != (string?)leaf.Attribute("ID"))
            {
                problems.Add($"{file}: def:ArchiveLocationID is not the ID of its def:leaf");
            }

            if (!File.Exists(Path.Combine(directory, file)))
            {
                continue;
            }

            var (dataset, variables, rows) = XptReader.ReadAll(Path.Combine(directory, file));
            if ((string?)group.Attribute("SASDatasetName") != dataset.Name || (string?)group.Attribute("Domain") != dataset.Name)
            {
                problems.Add($"{file}: SASDatasetName {(string?)group.Attribute("SASDatasetName")}, the XPT member is {dataset.Name}");
            }

            var refs = group.Elements(odm + "ItemRef").OrderBy(r => (int)r.Attribute("OrderNumber")!).Select(r => items[(string)r.Attribute("ItemOID")!]).ToArray();
            if (refs.Length != variables.Count)
            {
                problems.Add($"{file}: define.xml has {refs.Length} variables, the XPT {variables.Count}");
                continue;
            }

            for (var i = 0; i < refs.Length; i++)
            {
                var item = refs[i];
                var variable = variables[i];
                var name = (string)item.Attribute("Name")!;
                var dataType = (string)item.Attribute("DataType")!;
                var length = (int)item.Attribute("Length")!;
                var label = (string)item.Element(odm + "Description")!.Element(odm + "TranslatedText")!;
                if (name != variable.Name || (string?)item.Attribute("SASFieldName") != variable.Name)
                {
                    problems.Add($"{file}: variable {i + 1} is {name} in define.xml, {variable.Name} in the XPT");
                    continue;
                }

                if (label != variable.Label)
                {
                    problems.Add($"{file}: {name} is labelled '{label}' in define.xml, '{variable.Label}' in the XPT");
                }

                var typeMatches = variable.Type == XptType.Numeric
                    ? dataType is "integer" or "float"
                    : dataType is "text" or "date" or "datetime" or "durationDatetime";
                if (!typeMatches)
                {
                    problems.Add($"{file}: {name} is {dataType} in define.xml, {variable.Type} in the XPT");
                }

                if (length != variable.Length)
                {
                    problems.Add($"{file}: {name} has length {length} in define.xml, {variable.Length} in the XPT");
                }

                if (variable.Type == XptType.Character)
                {
                    var longest = Math.Max(1, rows.Select(r => r[i] is string text ? Encoding.ASCII.GetByteCount(text) : 0).DefaultIfEmpty(0).Max());
                    if (variable.Length != longest)
                    {
                        problems.Add($"{file}: {name} has length {variable.Length} in the XPT, its longest value {longest}");
                    }
                }

                if (item.Element(odm + "CodeListRef") is { } codeListRef && codeLists[(string)codeListRef.Attribute("CodeListOID")!] is var codeList
                    && codeList.Element(odm + "ExternalCodeList") is null)
                {
                    var coded = codeList.Elements().Where(e => e.Name == odm + "EnumeratedItem" || e.Name == odm + "CodeListItem").Select(e => (string)e.Attribute("CodedValue")!).ToHashSet(StringComparer.Ordinal);
                    foreach (var value in rows.Select(r => r[i]).OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Where(v => !coded.Contains(v)))
                    {
                        problems.Add($"{file}: {name} holds '{value}', which is not in {codeList.Attribute("OID")!.Value}");
                    }
                }

                if (variable.Type == XptType.Numeric && dataType == "integer" && rows.Any(r => r[i] is double d && d != Math.Floor(d)))
                {
                    problems.Add($"{file}: {name} is integer in define.xml but holds fractions");
                }
            }
        }

        return problems;
    }

    /// <summary>Runs a script with Debian's python3 (where python3-pandas and python3-jsonschema are installed).</summary>
    public static (int ExitCode, string Output, string Error) RunPython(string script, IEnumerable<string> arguments) =>
        Run("/usr/bin/python3", ["-c", script, .. arguments]);

    private static (int ExitCode, string Output, string Error) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>The checkout the tests were built from (the folder holding TrialOps.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TrialOps.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (TrialOps.sln) is not above the test's folder.");
    }

    /// <summary>
    /// DM rows whose AGE is not the completed years from BRTHDTC to RFICDTC as pandas computes them
    /// (an independent derivation of the number a statistician relies on); empty when all agree.
    /// </summary>
    public static IReadOnlyList<string> AgeMismatchesWithPandas(string dmXpt)
    {
        const string script = """
            import json, sys
            import pandas
            frame = pandas.read_sas(sys.argv[1], format='xport', encoding='ascii')
            problems = []
            for _, row in frame.iterrows():
                if not row['BRTHDTC']:
                    continue
                born = pandas.Timestamp(row['BRTHDTC'])
                consent = pandas.Timestamp(row['RFICDTC'])
                years = consent.year - born.year - ((consent.month, consent.day) < (born.month, born.day))
                if row['AGE'] != years:
                    problems.append(f"{row['USUBJID']}: AGE {row['AGE']}, pandas {years}")
            print(json.dumps(problems))
            """;
        var (exitCode, output, error) = RunPython(script, [dmXpt]);
        Assert.True(exitCode == 0, $"pandas could not check DM ({PandasInstall}): {error}");
        return JsonSerializer.Deserialize<string[]>(output)!;
    }

    /// <summary>Every row of one XPT as pandas.read_sas reads it: numbers as pandas prints them (12345678.0), missing as "".</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> RowsWithPandas(string xpt)
    {
        const string script = """
            import json, sys
            import pandas
            frame = pandas.read_sas(sys.argv[1], format='xport', encoding='ascii')
            rows = [{c: ('' if pandas.isna(v) else str(v)) for c, v in row.items()} for _, row in frame.iterrows()]
            print(json.dumps(rows))
            """;
        var (exitCode, output, error) = RunPython(script, [xpt]);
        Assert.True(exitCode == 0, $"pandas could not read {xpt} ({PandasInstall}): {error}");
        return JsonSerializer.Deserialize<Dictionary<string, string>[]>(output)!;
    }

    /// <summary>CDISC's own example of Dataset-JSON 1.1 (a positive control for <see cref="CheckDatasetJson"/>).</summary>
    public static string CdiscExampleDm => Path.Combine(RepositoryRoot(), "tests", "reference", "dataset-json-1.1", "examples", "sdtm", "dm.json");

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
