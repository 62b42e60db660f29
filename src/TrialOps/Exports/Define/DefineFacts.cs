using System.Globalization;
using TrialOps.Cdisc;
using TrialOps.Exports.Sdtm;

namespace TrialOps.Exports.Define;

/// <summary>What define.xml states about one column (or one column for one test code): kinds of values seen, longest text, digits.</summary>
public sealed class ColumnFacts
{
    public bool HasValue { get; private set; }

    public bool HasMissing { get; private set; }

    /// <summary>Longest value in bytes (ASCII), 0 when none.</summary>
    public int MaxLength { get; private set; }

    /// <summary>Every value is a whole number (numerics, or text that reads as one).</summary>
    public bool AllIntegers { get; private set; } = true;

    /// <summary>Every value reads as a number (for text results).</summary>
    public bool AllNumbers { get; private set; } = true;

    public int MaxFractionDigits { get; private set; }

    /// <summary>Every value is a complete date without a time (YYYY-MM-DD).</summary>
    public bool AllDates { get; private set; } = true;

    public void Add(object? value)
    {
        switch (value)
        {
            case null:
                HasMissing = true;
                break;
            case string text:
                HasValue = true;
                MaxLength = Math.Max(MaxLength, text.Length);
                AllDates &= text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
                if (!AllNumbers)
                {
                    break;
                }

                if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
                {
                    AddNumber(parsed, text);
                }
                else
                {
                    AllNumbers = false;
                    AllIntegers = false;
                }

                break;
            case double number:
                HasValue = true;
                AllDates = false;

                // Only a fraction needs its digits counted (formatting every whole number would cost a long export dearly).
                if (number != Math.Floor(number))
                {
                    AddNumber(number, number.ToString("R", CultureInfo.InvariantCulture));
                }

                break;
        }
    }

    private void AddNumber(double number, string text)
    {
        if (number != Math.Floor(number))
        {
            AllIntegers = false;
        }

        var point = text.IndexOf('.');
        if (point >= 0 && !text.Contains('E', StringComparison.OrdinalIgnoreCase))
        {
            MaxFractionDigits = Math.Max(MaxFractionDigits, text.Length - point - 1);
        }
        else if (text.Contains('E', StringComparison.OrdinalIgnoreCase))
        {
            AllIntegers &= Math.Abs(number) < 1e15 && number == Math.Floor(number);
        }
    }
}

/// <summary>
/// Collects, row by row, what define.xml needs from the data and cannot know beforehand: the
/// values used in each controlled variable (with their decodes), each column's kinds of values,
/// and per test code the results' lengths and types (value-level metadata). It holds sets of
/// controlled values and one <see cref="ColumnFacts"/> per column and test code, never rows. It
/// sees only what the export's datasets hold, so a blinded define.xml can tell nothing more.
/// </summary>
public sealed class DefineFacts
{
    private readonly Dictionary<string, Layout> _layouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ColumnFacts[]> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, string?>> _codeLists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, Dictionary<string, ColumnFacts>>> _valueLevel = new(StringComparer.Ordinal);

    /// <summary>The facts of each column of a dataset, in variable order.</summary>
    public IReadOnlyList<ColumnFacts> Columns(string domain) => _columns.TryGetValue(domain, out var columns) ? columns : [];

    /// <summary>The values used in a codelist (ordinal order), each with the decode first seen (null when the list has no decode).</summary>
    public IReadOnlyDictionary<string, string?> CodeListValues(string oid) =>
        _codeLists.TryGetValue(oid, out var values) ? values : new SortedDictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Per test code (ordinal order), the facts of each result variable in rows of that test.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, ColumnFacts>> ValueLevel(string domain) =>
        _valueLevel.TryGetValue(domain, out var tests) ? tests : new SortedDictionary<string, Dictionary<string, ColumnFacts>>(StringComparer.Ordinal);

    public void Observe(SdtmDomain domain, IReadOnlyList<object?> values)
    {
        if (!_layouts.TryGetValue(domain.Code, out var layout))
        {
            layout = Layout.Of(domain);
            _layouts[domain.Code] = layout;
            _columns[domain.Code] = [.. domain.Variables.Select(_ => new ColumnFacts())];
        }

        var columns = _columns[domain.Code];
        for (var i = 0; i < values.Count; i++)
        {
            columns[i].Add(values[i]);
            if (layout.CodeLists[i] is { } codeList && values[i] is string value)
            {
                if (!_codeLists.TryGetValue(codeList.Oid, out var used))
                {
                    used = new SortedDictionary<string, string?>(StringComparer.Ordinal);
                    _codeLists[codeList.Oid] = used;
                }

                var decode = layout.Decodes[i] is { } d ? values[d] as string : null;
                if (!used.TryGetValue(value, out var known) || (known is null && decode is not null))
                {
                    used[value] = decode;
                }
            }
        }

        if (layout.TestCode is { } testIndex && values[testIndex] is string test)
        {
            if (!_valueLevel.TryGetValue(domain.Code, out var tests))
            {
                tests = new SortedDictionary<string, Dictionary<string, ColumnFacts>>(StringComparer.Ordinal);
                _valueLevel[domain.Code] = tests;
            }

            if (!tests.TryGetValue(test, out var results))
            {
                results = new Dictionary<string, ColumnFacts>(StringComparer.Ordinal);
                tests[test] = results;
            }

            foreach (var (name, index) in layout.Results)
            {
                if (!results.TryGetValue(name, out var facts))
                {
                    facts = new ColumnFacts();
                    results[name] = facts;
                }

                facts.Add(values[index]);
            }
        }
    }

    private sealed record Layout(CodeListSpec?[] CodeLists, int?[] Decodes, int? TestCode, (string Name, int Index)[] Results)
    {
        public static Layout Of(SdtmDomain domain)
        {
            var names = domain.Variables.Select((v, i) => (v.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
            var codeLists = domain.Variables.Select(v => v.Type == XptType.Character ? SdtmMetadata.CodeListOf(domain.Code, v.Name) : null).ToArray();
            var decodes = codeLists.Select(c => c?.Decode is { } decode && names.TryGetValue(decode, out var index) ? index : (int?)null).ToArray();
            int? testCode = null;
            var results = Array.Empty<(string, int)>();
            if (SdtmMetadata.ValueLevel.TryGetValue(domain.Code, out var valueLevel) && names.TryGetValue(valueLevel.TestCode, out var t))
            {
                testCode = t;
                results = [.. valueLevel.Results.Where(names.ContainsKey).Select(r => (r, names[r]))];
            }

            return new Layout(codeLists, decodes, testCode, results);
        }
    }
}
