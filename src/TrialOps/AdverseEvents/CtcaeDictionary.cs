using System.Collections.Frozen;
using System.Text;

namespace TrialOps.AdverseEvents;

/// <summary>
/// One CTCAE v5.0 term. <see cref="Grades"/> holds the five grade descriptions; a null entry is a
/// grade CTCAE does not define for the term (<c>-</c> in NCI's table), which may not be recorded.
/// </summary>
/// <param name="MeddraCode">The MedDRA lowest-level-term code NCI publishes with the term.</param>
/// <param name="SystemOrganClass">The MedDRA system organ class.</param>
public sealed record CtcaeTerm(
    int MeddraCode,
    string SystemOrganClass,
    string Term,
    IReadOnlyList<string?> Grades,
    string? Definition)
{
    /// <summary>The grades (1–5) this term defines, ascending.</summary>
    public IReadOnlyList<int> DefinedGrades => Enumerable.Range(1, 5).Where(IsGradeDefined).ToArray();

    public bool IsGradeDefined(int grade) => grade is >= 1 and <= 5 && Grades[grade - 1] is not null;

    /// <summary>The grade's description, or null when the term does not define it.</summary>
    public string? GradeText(int grade) => grade is >= 1 and <= 5 ? Grades[grade - 1] : null;
}

/// <summary>
/// The CTCAE v5.0 terms (NCI, public domain) shipped in the assembly from
/// <c>AdverseEvents/Data/CTCAE_v5.0_terms.csv</c>, searchable by term and by MedDRA code.
/// </summary>
public sealed class CtcaeDictionary
{
    public const string Version = "CTCAE v5.0";

    /// <summary>The embedded resource's logical name (set in the project file).</summary>
    public const string ResourceName = "ctcae/CTCAE_v5.0_terms.csv";

    private static readonly Lazy<CtcaeDictionary> Embedded = new(LoadEmbedded);

    private readonly FrozenDictionary<int, CtcaeTerm> _byCode;
    private readonly FrozenDictionary<string, CtcaeTerm> _byTerm;

    public CtcaeDictionary(IEnumerable<CtcaeTerm> terms)
    {
        Terms = terms.OrderBy(t => t.SystemOrganClass, StringComparer.Ordinal).ThenBy(t => t.Term, StringComparer.Ordinal).ToArray();
        _byCode = Terms.ToFrozenDictionary(t => t.MeddraCode);
        _byTerm = Terms.ToFrozenDictionary(t => t.Term, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The dictionary compiled into this build.</summary>
    public static CtcaeDictionary V5 => Embedded.Value;

    public IReadOnlyList<CtcaeTerm> Terms { get; }

    public CtcaeTerm? FindByCode(int meddraCode) => _byCode.GetValueOrDefault(meddraCode);

    /// <summary>Exact term, ignoring case (<c>dizziness</c> finds "Dizziness").</summary>
    public CtcaeTerm? FindByTerm(string term) => _byTerm.GetValueOrDefault(term.Trim());

    /// <summary>
    /// Terms matching <paramref name="query"/>: a MedDRA code (exact) or words that each occur in
    /// the term, best first (exact term, then terms starting with the query, then the rest, each
    /// alphabetical).
    /// </summary>
    public IReadOnlyList<CtcaeTerm> Search(string query, int max = 20)
    {
        var text = query.Trim();
        if (text.Length == 0 || max <= 0)
        {
            return [];
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return FindByCode(code) is { } byCode ? [byCode] : [];
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Terms
            .Where(t => words.All(w => t.Term.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(t => string.Equals(t.Term, text, StringComparison.OrdinalIgnoreCase) ? 0 : t.Term.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 1 : 2)
            .ThenBy(t => t.Term, StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .ToArray();
    }

    /// <summary>Reads NCI's table: header row, then one term per record (RFC 4180, cells may hold newlines).</summary>
    public static CtcaeDictionary Parse(TextReader reader)
    {
        var records = ReadCsv(reader).ToList();
        if (records.Count == 0)
        {
            throw new FormatException("The CTCAE table is empty.");
        }

        var header = records[0];
        int Column(string name)
        {
            var index = header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.Ordinal));
            return index >= 0 ? index : throw new FormatException($"The CTCAE table has no column '{name}'.");
        }

        var codeColumn = Column("MedDRA Code");
        var socColumn = Column("MedDRA SOC");
        var termColumn = Column("CTCAE Term");
        var gradeColumns = Enumerable.Range(1, 5).Select(g => Column($"Grade {g}")).ToArray();
        var definitionColumn = Column("Definition");
        var terms = new List<CtcaeTerm>();
        foreach (var record in records.Skip(1).Where(r => r.Count > 1))
        {
            string Cell(int column) => column < record.Count ? record[column] : string.Empty;
            var grades = gradeColumns.Select(c => Cell(c).Trim() is "-" or "" ? null : Cell(c).Trim()).ToArray();
            var definition = Cell(definitionColumn).Trim();
            terms.Add(new CtcaeTerm(
                int.Parse(Cell(codeColumn).Trim(), System.Globalization.CultureInfo.InvariantCulture),
                Cell(socColumn).Trim(),
                Cell(termColumn).Trim(),
                grades,
                definition is "" or "-" ? null : definition));
        }

        return new CtcaeDictionary(terms);
    }

    private static CtcaeDictionary LoadEmbedded()
    {
        using var stream = typeof(CtcaeDictionary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The CTCAE table ({ResourceName}) is not embedded in this build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }

    private static IEnumerable<List<string>> ReadCsv(TextReader reader)
    {
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        cell.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    cell.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    record.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    record.Add(cell.ToString());
                    cell.Clear();
                    yield return record;
                    record = [];
                    any = false;
                    break;
                default:
                    cell.Append(ch);
                    break;
            }
        }

        if (any)
        {
            record.Add(cell.ToString());
            yield return record;
        }
    }
}
