using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TrialOps.Exports.Adam;
using TrialOps.Protocols;

namespace TrialOps.Exports.Tests;

/// <summary>
/// Checks of the ADaM datasets of an unblinded export by tools that are not ours: pandas derives the
/// period baselines, changes, responder flags, treatments and washouts again from the SDTM files of
/// the same export, and R haven reads the XPT files (with their date formats) for comparison with
/// the CSV and Dataset-JSON.
/// </summary>
public static class AdamChecks
{
    public static IReadOnlyList<string> AdamFiles { get; } =
        [.. new[] { "adsl", "adqs", "adae" }.SelectMany(d => new[] { d + ".csv", d + ".xpt", d + ".json" })];

    /// <summary>
    /// Where ADQS, ADSL and ADAE differ from what pandas derives from QS, EX, SE, DS and AE of the same
    /// folder, with the primary time (ELTM) and responder thresholds of each scale given by the protocol.
    /// Empty when all agree.
    /// </summary>
    public static IReadOnlyList<string> IndependentMismatches(string directory, ProtocolDefinition protocol)
    {
        const string script = """
            import json, math, sys
            import pandas
            folder, primary, thresholds, periods = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4])
            def read(name):
                frame = pandas.read_sas(f"{folder}/{name}.xpt", format='xport', encoding='ascii')
                # pandas 1.5 decodes an IBM zero (eight zero bytes) as 16**-65; no value of ours is that small.
                for column in frame.columns:
                    if frame[column].dtype.kind == 'f':
                        frame.loc[frame[column].abs() < 1e-78, column] = 0.0
                return frame
            def value(x):
                if x is None or (isinstance(x, float) and math.isnan(x)) or x == '':
                    return None
                return x
            qs, ex, se, ds, ae = read('qs'), read('ex'), read('se'), read('ds'), read('ae')
            adsl, adqs, adae = read('adsl'), read('adqs'), read('adae')
            problems = []
            epoch = pandas.Timestamp('1960-01-01')
            def iso(seconds):
                return None if value(seconds) is None else (epoch + pandas.Timedelta(seconds=float(seconds))).isoformat()
            def wall(text):
                # A SAS datetime has no zone: it is the wall clock the --DTC shows, its offset (a site off UTC) dropped.
                t = pandas.Timestamp(text)
                return (t.tz_localize(None) if t.tzinfo is not None else t).isoformat()

            randomized = set(ds[ds.DSDECOD == 'RANDOMIZED'].USUBJID)
            if sorted(randomized) != sorted(adsl.USUBJID) or len(adsl) != len(set(adsl.USUBJID)):
                problems.append(f"ADSL subjects {sorted(adsl.USUBJID)} are not the randomized ones {sorted(randomized)}")

            # EX has one record per constant-rate interval (ADR 0019): a session starts with its first record and ends with its last.
            given, ended = {}, {}
            for r in ex.itertuples():
                given.setdefault((r.USUBJID, int(r.VISITNUM) - 1), r)
                ended[(r.USUBJID, int(r.VISITNUM) - 1)] = r
            dosed = set(ex.USUBJID)
            completed = set(ds[ds.DSDECOD == 'COMPLETED'].USUBJID)
            breaks = ds[ds.DSDECOD == 'TREATMENT UNBLINDED'].sort_values('DSSTDTC').groupby('USUBJID').first()
            randomized_on = {r.USUBJID: r.DSSTDTC[:10] for r in ds[ds.DSDECOD == 'RANDOMIZED'].itertuples()}
            for r in adsl.itertuples():
                flags = {'SAFFL': 'Y' if r.USUBJID in dosed else 'N', 'COMPLFL': 'Y' if r.USUBJID in completed else 'N', 'CBRKFL': 'Y' if r.USUBJID in breaks.index else 'N'}
                for name, want in flags.items():
                    if getattr(r, name) != want:
                        problems.append(f"{r.USUBJID}: {name} {getattr(r, name)!r}, from EX/DS {want!r}")
                randomized_date = (epoch + pandas.Timedelta(days=float(r.RANDDT))).date().isoformat()
                if randomized_date != randomized_on[r.USUBJID]:
                    problems.append(f"{r.USUBJID}: RANDDT {randomized_date}, DS {randomized_on[r.USUBJID]}")
                if r.USUBJID in breaks.index:
                    at = pandas.Timestamp(breaks.loc[r.USUBJID].DSSTDTC)
                    started = [p for p in range(1, periods + 1) if (r.USUBJID, p) in given and pandas.Timestamp(given[(r.USUBJID, p)].EXSTDTC) <= at]
                    want = max(started) if started else None
                    if value(r.CBRKPER) != want:
                        problems.append(f"{r.USUBJID}: CBRKPER {value(r.CBRKPER)}, from DS and EX {want}")
            elements = {(r.USUBJID, int(r.EPOCH.split()[1])): r.ELEMENT for r in se.itertuples() if str(r.EPOCH).startswith('TREATMENT ')}
            for r in adsl.itertuples():
                for p in range(1, periods + 1):
                    xx = f"{p:02d}"
                    dose = given.get((r.USUBJID, p))
                    actual = value(getattr(r, f"TR{xx}A"))
                    if (dose.EXTRT if dose is not None else None) != actual or elements.get((r.USUBJID, p)) != actual:
                        problems.append(f"{r.USUBJID}: TR{xx}A {actual!r}, EX {dose.EXTRT if dose is not None else None!r}, SE {elements.get((r.USUBJID, p))!r}")
                    start = iso(getattr(r, f"TR{xx}SDTM"))
                    if start != (wall(dose.EXSTDTC) if dose is not None else None):
                        problems.append(f"{r.USUBJID}: TR{xx}SDTM {start}, EX {dose.EXSTDTC if dose is not None else None}")
                    if p > 1:
                        before = ended.get((r.USUBJID, p - 1))
                        expected = None
                        if dose is not None and before is not None and value(before.EXENDTC) is not None:
                            expected = (pandas.Timestamp(dose.EXSTDTC) - pandas.Timestamp(before.EXENDTC)).total_seconds() / 3600
                        washout = value(getattr(r, f"WASH{xx}H"))
                        if (washout is None) != (expected is None) or (washout is not None and abs(washout - expected) > 1e-9):
                            problems.append(f"{r.USUBJID}: WASH{xx}H {washout}, from EX {expected}")

            # A scale without a value (not done) has no analysis record and is nobody's baseline.
            qs = qs[qs.QSSTRESN.notna()]
            baselines = {(r.USUBJID, r.QSTESTCD, int(r.VISITNUM) - 1): r.QSSTRESN for r in qs.itertuples() if r.QSELTM == 'PT0M'}
            expected = {}
            for r in qs.itertuples():
                if r.USUBJID not in randomized:
                    continue
                period = int(r.VISITNUM) - 1
                base = baselines.get((r.USUBJID, r.QSTESTCD, period))
                aval = r.QSSTRESN
                post = r.QSELTM != 'PT0M'
                chg = aval - base if post and base is not None else None
                pchg = 100 * chg / base if chg is not None and base != 0 else None
                flags = [None if chg is None or base == 0 else ('Y' if (base - aval) * 100 >= t * base else 'N') for t in thresholds[r.QSTESTCD]]
                dose = given.get((r.USUBJID, period))
                expected[(r.USUBJID, r.QSTESTCD, period, r.QSTPT)] = {
                    'AVAL': aval, 'BASE': base, 'CHG': chg, 'PCHG': pchg, 'flags': flags,
                    'ABLFL': None if post else 'Y', 'ANL01FL': 'Y' if r.QSELTM == primary[r.QSTESTCD] else None,
                    'TRTA': dose.EXTRT if dose is not None else None, 'ADTM': wall(r.QSDTC),
                }

            seen = set()
            for r in adqs.itertuples():
                key = (r.USUBJID, r.PARAMCD, int(r.APERIOD), r.ATPT)
                seen.add(key)
                want = expected.get(key)
                if want is None:
                    problems.append(f"ADQS {key}: no such QS record")
                    continue
                got = {'AVAL': value(r.AVAL), 'BASE': value(r.BASE), 'CHG': value(r.CHG), 'PCHG': value(r.PCHG),
                       'flags': [value(getattr(r, f"CRIT{i + 1}FL")) for i in range(len(want['flags']))],
                       'ABLFL': value(r.ABLFL), 'ANL01FL': value(r.ANL01FL), 'TRTA': value(r.TRTA), 'ADTM': iso(r.ADTM)}
                for name, w in want.items():
                    g = got[name]
                    same = (g is None and w is None) or (g is not None and w is not None and (abs(g - w) <= 1e-9 * max(1, abs(w)) if isinstance(w, float) else g == w))
                    if not same:
                        problems.append(f"ADQS {key} {name}: ADaM {g!r}, pandas from SDTM {w!r}")
                for i, t in enumerate(thresholds[r.PARAMCD]):
                    text = getattr(r, f"CRIT{i + 1}")
                    if text != f"PCHG <= -{t:g}":
                        problems.append(f"ADQS {key} CRIT{i + 1}: {text!r} for threshold {t}")
            for key in sorted(set(expected) - seen):
                problems.append(f"QS {key}: not in ADQS")

            events = {(r.USUBJID, int(r.AESEQ)): r for r in ae.itertuples()}
            for r in adae.itertuples():
                source = events.get((r.USUBJID, int(r.AESEQ)))
                if source is None or source.AESPID != r.AESPID or source.AETERM != r.AETERM or source.AESTDTC != r.AESTDTC:
                    problems.append(f"ADAE {r.USUBJID} {r.AESEQ}: not the AE record with that AESEQ")
                    continue
                period = value(r.APERIOD)
                if period is not None:
                    dose = given.get((r.USUBJID, int(period)))
                    if dose is None or dose.EXTRT != r.TRTA:
                        problems.append(f"ADAE {r.USUBJID} {r.AESEQ}: TRTA {r.TRTA!r} is not EXTRT of period {period}")
            print(json.dumps(problems))
            """;
        var primary = new Dictionary<string, string>(StringComparer.Ordinal);
        var thresholds = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        foreach (var assessment in protocol.Assessments.Where(a => a.Kind == AssessmentKind.Scale))
        {
            primary[assessment.Code] = assessment.PrimaryTime?.Iso ?? assessment.Times.First(t => t.AfterDosingStart > TimeSpan.Zero).Iso;
            thresholds[assessment.Code] = [.. assessment.ResponderThresholds];
        }

        var (exitCode, output, error) = Run(
            "/usr/bin/python3",
            ["-c", script, directory, JsonSerializer.Serialize(primary), JsonSerializer.Serialize(thresholds), protocol.PeriodCount.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(exitCode == 0, $"pandas could not derive the ADaM checks ({ExportFiles.PandasInstall}): {error}");
        return JsonSerializer.Deserialize<string[]>(output)!;
    }

    /// <summary>
    /// Where R haven's reading of an ADaM XPT differs from its CSV: every column and value, with the
    /// DATE9. and DATETIME20. variables read by haven as dates and times and compared with the SAS
    /// numbers of the CSV converted to the calendar. Also fails when haven does not see a date where
    /// the format says there is one. Empty when all agree.
    /// </summary>
    public static IReadOnlyList<string> HavenMismatches(string directory, string dataset)
    {
        const string script = """
            suppressPackageStartupMessages(library(haven))
            args <- commandArgs(trailingOnly = TRUE)
            data <- read_xpt(args[1])
            cat(paste(names(data), collapse = "\t"), "\n", sep = "")
            kinds <- sapply(data, function(column) if (inherits(column, "POSIXct")) "datetime" else if (inherits(column, "Date")) "date" else if (is.numeric(column)) "number" else "text")
            cat(paste(kinds, collapse = "\t"), "\n", sep = "")
            for (i in seq_len(nrow(data))) {
              cells <- sapply(names(data), function(name) {
                value <- data[[name]][i]
                if (is.na(value)) return("")
                if (inherits(value, "POSIXct")) return(format(value, "%Y-%m-%dT%H:%M:%S", tz = "UTC"))
                if (inherits(value, "Date")) return(format(value, "%Y-%m-%d"))
                if (is.numeric(value)) return(sprintf("%.15g", value))
                as.character(value)
              })
              cat(paste(cells, collapse = "\t"), "\n", sep = "")
            }
            """;
        var (exitCode, output, error) = Run("/usr/bin/Rscript", ["-e", script, Path.Combine(directory, dataset + ".xpt")]);
        Assert.True(exitCode == 0, $"R haven could not read {dataset}.xpt: {error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var names = lines[0].Split('\t');
        var kinds = lines[1].Split('\t');
        var (header, rows) = ExportFiles.ReadCsv(Path.Combine(directory, dataset + ".csv"));
        var (_, variables, _) = ExportFiles.ReadXpt(Path.Combine(directory, dataset + ".xpt"));
        var problems = new List<string>();
        if (!names.SequenceEqual(header))
        {
            return [$"{dataset}: haven reads the columns {string.Join(",", names)}, the CSV has {string.Join(",", header)}"];
        }

        for (var c = 0; c < names.Length; c++)
        {
            var expectedKind = variables[c].Format switch
            {
                AdamDatasets.DateFormat => "date",
                AdamDatasets.DateTimeFormat => "datetime",
                _ => variables[c].Type == Cdisc.XptType.Numeric ? "number" : "text",
            };
            if (kinds[c] != expectedKind)
            {
                problems.Add($"{dataset}.{names[c]}: haven reads {kinds[c]}, the format says {expectedKind}");
            }
        }

        if (lines.Length - 2 != rows.Count)
        {
            return [.. problems, $"{dataset}: haven reads {lines.Length - 2} rows, the CSV has {rows.Count}"];
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var cells = lines[r + 2].Split('\t');
            for (var c = 0; c < names.Length; c++)
            {
                var csv = rows[r][c];
                var expected = kinds[c] switch
                {
                    "date" when csv != "" => new DateOnly(1960, 1, 1).AddDays(int.Parse(csv, CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    "datetime" when csv != "" => new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(double.Parse(csv, CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                    _ => csv,
                };
                var same = kinds[c] == "number" && csv != "" && cells[c] != ""
                    ? Math.Abs(double.Parse(csv, CultureInfo.InvariantCulture) - double.Parse(cells[c], CultureInfo.InvariantCulture)) <= 1e-12 * Math.Max(1, Math.Abs(double.Parse(csv, CultureInfo.InvariantCulture)))
                    : cells[c] == expected;
                if (!same)
                {
                    problems.Add($"{dataset} row {r + 1} {names[c]}: haven {cells[c]}, CSV {csv} ({expected})");
                }
            }
        }

        return problems;
    }

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
}
