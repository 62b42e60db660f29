using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TrialOps.Common;

namespace TrialOps.Meddra;

/// <summary>A file of the distribution cannot be read; names the file and, where there is one, the line.</summary>
public sealed class MeddraFormatException(string file, int? line, string problem)
    : Exception(line is { } at ? $"{file} line {at}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;

    public int? Line { get; } = line;
}

public sealed record MeddraSoc(int Code, string Name, string Abbreviation);

public sealed record MeddraTerm(int Code, string Name);

public sealed record MeddraPt(int Code, string Name, int PrimarySocCode);

/// <param name="Current">llt_currency: Y for a term MSSO recommends for coding.</param>
public sealed record MeddraLlt(int Code, string Name, int PtCode, bool Current);

/// <summary>One row of mdhier.asc: a path from a PT up to a SOC.</summary>
public sealed record MeddraPath(int PtCode, int HltCode, int HlgtCode, int SocCode, bool Primary);

/// <summary>A file read, as recorded in the import event: its name and the SHA-256 of its bytes.</summary>
public sealed record MeddraFile(string Name, string Sha256);

/// <summary>
/// A MedDRA ASCII distribution as the MSSO ships it to subscribers (the <c>MedAscii</c> folder):
/// one record per line, fields separated by <c>$</c>, a trailing <c>$</c>. The field order of each
/// file is MedDRA's Distribution File Format; TrialOps reads the codes, names, LLT currency and
/// primary SOC flags and checks that the files agree with each other (every code a link or a path
/// names exists; every PT has exactly one primary path). Nothing is stored by reading.
/// </summary>
/// <remarks>
/// English and the Western European languages come in an extended-ASCII (Latin-1) encoding, the
/// other languages in UTF-8: a file that is valid UTF-8 is read as such, any other as Latin-1.
/// </remarks>
public sealed record MeddraDistribution(
    string Version,
    string Language,
    IReadOnlyList<MeddraSoc> Socs,
    IReadOnlyList<MeddraTerm> Hlgts,
    IReadOnlyList<MeddraTerm> Hlts,
    IReadOnlyList<MeddraPt> Pts,
    IReadOnlyList<MeddraLlt> Llts,
    IReadOnlyList<(int Soc, int Hlgt)> SocHlgt,
    IReadOnlyList<(int Hlgt, int Hlt)> HlgtHlt,
    IReadOnlyList<(int Hlt, int Pt)> HltPt,
    IReadOnlyList<MeddraPath> Hierarchy,
    IReadOnlyList<MeddraFile> Files)
{
    public const string ReleaseFile = "meddra_release.asc";

    /// <summary>The longest term name MedDRA defines is 100 characters; anything longer is not a MedDRA file.</summary>
    public const int MaxNameLength = 100;

    /// <summary>SDTM AE's term variables hold 200 characters of US-ASCII (XPORT v5).</summary>
    public const int MaxExportedNameLength = 200;

    /// <summary>
    /// The data files and how many <c>$</c>-terminated fields each record has (MedDRA Distribution
    /// File Format: the legacy cross-reference fields are counted, not kept).
    /// </summary>
    public static IReadOnlyList<(string Name, int Fields)> DataFiles { get; } =
    [
        ("soc.asc", 10), ("hlgt.asc", 9), ("hlt.asc", 9), ("pt.asc", 11), ("llt.asc", 11),
        ("soc_hlgt.asc", 2), ("hlgt_hlt.asc", 2), ("hlt_pt.asc", 2), ("mdhier.asc", 12),
    ];

    /// <summary>MedDRA versions are major.minor (27.0 in March, 27.1 in September).</summary>
    public static bool IsVersion(string text) =>
        text.Split('.') is [var major, var minor]
        && major.Length is >= 1 and <= 3 && minor.Length is >= 1 and <= 2
        && major.All(char.IsAsciiDigit) && minor.All(char.IsAsciiDigit);

    /// <summary>Orders versions numerically (9.1 before 10.0).</summary>
    public static int CompareVersions(string a, string b)
    {
        static (int, int) Parts(string v) => v.Split('.') is [var major, var minor]
            ? (int.Parse(major, CultureInfo.InvariantCulture), int.Parse(minor, CultureInfo.InvariantCulture))
            : (0, 0);
        return Parts(a).CompareTo(Parts(b));
    }

    /// <summary>SHA-256 over the files' names and SHA-256s, in name order: what identifies the content imported.</summary>
    public string ContentSha256 =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(Files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Name} {f.Sha256}\n")))));

    /// <summary>
    /// Reads the distribution in <paramref name="directory"/>. The version comes from
    /// <c>meddra_release.asc</c> (the MSSO's own statement of what the files are); <paramref name="version"/>
    /// is needed only where that file is missing, and must agree with it where both are given.
    /// </summary>
    /// <exception cref="MeddraFormatException">A file is missing, malformed, or contradicts another.</exception>
    public static MeddraDistribution Read(string directory, string? version = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new MeddraFormatException(directory, null, "no such folder");
        }

        var files = new List<MeddraFile>();
        var lines = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        List<(int Line, string[] F)> Records(string name, int fields)
        {
            var path = Path.Combine(directory, name);
            byte[] bytes;
            try
            {
                bytes = System.IO.File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new MeddraFormatException(name, null, $"missing from {directory} (a MedDRA ASCII distribution has {string.Join(", ", DataFiles.Select(f => f.Name))} and {ReleaseFile})");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new MeddraFormatException(name, null, $"cannot be read: {e.Message}");
            }

            files.Add(new MeddraFile(name, Convert.ToHexStringLower(SHA256.HashData(bytes))));
            var records = ParseRecords(name, Decode(bytes), fields);
            lines[name] = records.Select(r => r.Line).ToArray();
            return records;
        }

        var fromRelease = ReadRelease(directory, files);
        if (fromRelease is null && version is null)
        {
            throw new MeddraFormatException(ReleaseFile, null, $"missing from {directory}; give the version with --version");
        }

        if (version is not null && !IsVersion(version))
        {
            throw new MeddraFormatException("--version", null, $"'{version}' is not a MedDRA version (major.minor, e.g. 27.1)");
        }

        if (fromRelease is { } release && version is not null && release.Version != version)
        {
            throw new MeddraFormatException(ReleaseFile, 1, $"says version {release.Version}, but --version says {version}");
        }

        var socs = Records("soc.asc", 10).Select(r => new MeddraSoc(Code("soc.asc", r.Line, r.F[0]), Name("soc.asc", r.Line, r.F[1]), r.F[2].Trim())).ToList();
        var hlgts = Records("hlgt.asc", 9).Select(r => new MeddraTerm(Code("hlgt.asc", r.Line, r.F[0]), Name("hlgt.asc", r.Line, r.F[1]))).ToList();
        var hlts = Records("hlt.asc", 9).Select(r => new MeddraTerm(Code("hlt.asc", r.Line, r.F[0]), Name("hlt.asc", r.Line, r.F[1]))).ToList();
        var pts = Records("pt.asc", 11).Select(r => new MeddraPt(Code("pt.asc", r.Line, r.F[0]), Name("pt.asc", r.Line, r.F[1]), Code("pt.asc", r.Line, r.F[3]))).ToList();
        var llts = Records("llt.asc", 11).Select(r => new MeddraLlt(Code("llt.asc", r.Line, r.F[0]), Name("llt.asc", r.Line, r.F[1]), Code("llt.asc", r.Line, r.F[2]), Flag("llt.asc", r.Line, r.F[9]))).ToList();
        var socHlgt = Records("soc_hlgt.asc", 2).Select(r => (Code("soc_hlgt.asc", r.Line, r.F[0]), Code("soc_hlgt.asc", r.Line, r.F[1]))).ToList();
        var hlgtHlt = Records("hlgt_hlt.asc", 2).Select(r => (Code("hlgt_hlt.asc", r.Line, r.F[0]), Code("hlgt_hlt.asc", r.Line, r.F[1]))).ToList();
        var hltPt = Records("hlt_pt.asc", 2).Select(r => (Code("hlt_pt.asc", r.Line, r.F[0]), Code("hlt_pt.asc", r.Line, r.F[1]))).ToList();
        var hierarchy = Records("mdhier.asc", 12)
            .Select(r => new MeddraPath(Code("mdhier.asc", r.Line, r.F[0]), Code("mdhier.asc", r.Line, r.F[1]), Code("mdhier.asc", r.Line, r.F[2]), Code("mdhier.asc", r.Line, r.F[3]), Flag("mdhier.asc", r.Line, r.F[11])))
            .ToList();

        var distribution = new MeddraDistribution(
            fromRelease?.Version ?? version!,
            fromRelease?.Language ?? "English",
            socs, hlgts, hlts, pts, llts, socHlgt, hlgtHlt, hltPt, hierarchy,
            files.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray());
        distribution.CheckConsistency(lines);
        return distribution;
    }

    private static (string Version, string Language)? ReadRelease(string directory, List<MeddraFile> files)
    {
        var path = Path.Combine(directory, ReleaseFile);
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        var bytes = System.IO.File.ReadAllBytes(path);
        files.Add(new MeddraFile(ReleaseFile, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        var lines = Lines(Decode(bytes)).Where(l => l.Text.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new MeddraFormatException(ReleaseFile, null, "is empty; it should hold the version and language (e.g. 27.1$English$)");
        }

        var (number, text) = lines[0];
        var fields = text.Split('$');
        if (fields.Length < 3 || !text.EndsWith('$'))
        {
            throw new MeddraFormatException(ReleaseFile, number, "expected the version and the language, each followed by $ (e.g. 27.1$English$)");
        }

        var version = fields[0].Trim();
        if (!IsVersion(version))
        {
            throw new MeddraFormatException(ReleaseFile, number, $"'{version}' is not a MedDRA version (major.minor, e.g. 27.1)");
        }

        var language = fields[1].Trim();
        if (language.Length is 0 or > 40 || InputText.Problem(language) is not null)
        {
            throw new MeddraFormatException(ReleaseFile, number, "the language (second field) is missing or not a language name");
        }

        return (version, language);
    }

    private static string Decode(byte[] bytes)
    {
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static IEnumerable<(int Number, string Text)> Lines(string text)
    {
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            yield return (number, line.TrimEnd('\r'));
        }
    }

    /// <summary>Records with their line and fields (without the empty one after the trailing <c>$</c>).</summary>
    private static List<(int Line, string[] Fields)> ParseRecords(string file, string text, int fields)
    {
        var records = new List<(int Line, string[] Fields)>();
        foreach (var (number, line) in Lines(text))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('$');
            if (!line.EndsWith('$') || parts.Length != fields + 1)
            {
                throw new MeddraFormatException(
                    file,
                    number,
                    $"expected {fields} fields each ended by '$', found {(line.EndsWith('$') ? parts.Length - 1 : parts.Length)}{(line.EndsWith('$') ? "" : " and no trailing '$'")}");
            }

            if (InputText.ForbiddenCharacterAt(line) is not null)
            {
                throw new MeddraFormatException(file, number, "contains a control character");
            }

            records.Add((number, parts[..^1]));
        }

        if (records.Count == 0)
        {
            throw new MeddraFormatException(file, null, "has no records");
        }

        return records;
    }

    private static int Code(string file, int line, string field)
    {
        var text = field.Trim();
        return text.Length is >= 1 and <= 9 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is > 0 and var code
            ? code
            : throw new MeddraFormatException(file, line, $"'{Shorten(field)}' is not a MedDRA code (digits only)");
    }

    private static string Name(string file, int line, string field)
    {
        var text = field.Trim();
        if (text.Length == 0)
        {
            throw new MeddraFormatException(file, line, "the term name (second field) is empty");
        }

        if (text.Length > MaxNameLength)
        {
            throw new MeddraFormatException(file, line, $"the term name is longer than {MaxNameLength} characters");
        }

        // The names go into SDTM AE, which is US-ASCII: a dictionary an export could not write is
        // refused here, not after lock (the Latin letters of the English distribution transliterate).
        if (AsciiText.FirstUnrepresentable(text) is { } at)
        {
            throw new MeddraFormatException(
                file,
                line,
                $"the term name contains '{char.ConvertFromUtf32(char.ConvertToUtf32(text, at))}' (U+{char.ConvertToUtf32(text, at):X4}), which the SDTM export (US-ASCII) cannot hold; import the English distribution");
        }

        return AsciiText.ToAscii(text)!.Length > MaxExportedNameLength
            ? throw new MeddraFormatException(file, line, $"the term name is longer than {MaxExportedNameLength} characters as exported in US-ASCII")
            : text;
    }

    private static bool Flag(string file, int line, string field) => field.Trim() switch
    {
        "Y" => true,
        "N" => false,
        _ => throw new MeddraFormatException(file, line, $"'{Shorten(field)}' is not a flag (Y or N)"),
    };

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private void CheckConsistency(IReadOnlyDictionary<string, IReadOnlyList<int>> lines)
    {
        int LineOf(string file, int index) => lines[file][index];

        void Unique<T>(string file, IReadOnlyList<T> items, Func<T, int> code)
        {
            var seen = new HashSet<int>();
            for (var i = 0; i < items.Count; i++)
            {
                if (!seen.Add(code(items[i])))
                {
                    throw new MeddraFormatException(file, LineOf(file, i), $"code {code(items[i])} appears twice");
                }
            }
        }

        Unique("soc.asc", Socs, s => s.Code);
        Unique("hlgt.asc", Hlgts, t => t.Code);
        Unique("hlt.asc", Hlts, t => t.Code);
        Unique("pt.asc", Pts, t => t.Code);
        Unique("llt.asc", Llts, t => t.Code);

        var socCodes = Socs.Select(s => s.Code).ToHashSet();
        var hlgtCodes = Hlgts.Select(t => t.Code).ToHashSet();
        var hltCodes = Hlts.Select(t => t.Code).ToHashSet();
        var ptCodes = Pts.Select(t => t.Code).ToHashSet();
        void Known(string file, int index, int code, HashSet<int> codes, string level, string definedIn)
        {
            if (!codes.Contains(code))
            {
                throw new MeddraFormatException(file, LineOf(file, index), $"{level} {code} is not in {definedIn}");
            }
        }

        for (var i = 0; i < Pts.Count; i++)
        {
            Known("pt.asc", i, Pts[i].PrimarySocCode, socCodes, "primary SOC", "soc.asc");
        }

        for (var i = 0; i < Llts.Count; i++)
        {
            Known("llt.asc", i, Llts[i].PtCode, ptCodes, "PT", "pt.asc");
        }

        for (var i = 0; i < SocHlgt.Count; i++)
        {
            Known("soc_hlgt.asc", i, SocHlgt[i].Soc, socCodes, "SOC", "soc.asc");
            Known("soc_hlgt.asc", i, SocHlgt[i].Hlgt, hlgtCodes, "HLGT", "hlgt.asc");
        }

        for (var i = 0; i < HlgtHlt.Count; i++)
        {
            Known("hlgt_hlt.asc", i, HlgtHlt[i].Hlgt, hlgtCodes, "HLGT", "hlgt.asc");
            Known("hlgt_hlt.asc", i, HlgtHlt[i].Hlt, hltCodes, "HLT", "hlt.asc");
        }

        for (var i = 0; i < HltPt.Count; i++)
        {
            Known("hlt_pt.asc", i, HltPt[i].Hlt, hltCodes, "HLT", "hlt.asc");
            Known("hlt_pt.asc", i, HltPt[i].Pt, ptCodes, "PT", "pt.asc");
        }

        var primaryOf = new Dictionary<int, MeddraPath>();
        var paths = new HashSet<(int, int, int, int)>();
        for (var i = 0; i < Hierarchy.Count; i++)
        {
            var path = Hierarchy[i];
            Known("mdhier.asc", i, path.PtCode, ptCodes, "PT", "pt.asc");
            Known("mdhier.asc", i, path.HltCode, hltCodes, "HLT", "hlt.asc");
            Known("mdhier.asc", i, path.HlgtCode, hlgtCodes, "HLGT", "hlgt.asc");
            Known("mdhier.asc", i, path.SocCode, socCodes, "SOC", "soc.asc");
            if (!paths.Add((path.PtCode, path.HltCode, path.HlgtCode, path.SocCode)))
            {
                throw new MeddraFormatException("mdhier.asc", LineOf("mdhier.asc", i), $"the path of PT {path.PtCode} through HLT {path.HltCode}, HLGT {path.HlgtCode} and SOC {path.SocCode} appears twice");
            }

            if (path.Primary && !primaryOf.TryAdd(path.PtCode, path))
            {
                throw new MeddraFormatException("mdhier.asc", LineOf("mdhier.asc", i), $"PT {path.PtCode} has a second primary SOC path");
            }
        }

        for (var i = 0; i < Pts.Count; i++)
        {
            if (!primaryOf.TryGetValue(Pts[i].Code, out var primary))
            {
                throw new MeddraFormatException("mdhier.asc", null, $"PT {Pts[i].Code} (pt.asc line {LineOf("pt.asc", i)}) has no primary SOC path");
            }

            if (primary.SocCode != Pts[i].PrimarySocCode)
            {
                throw new MeddraFormatException("pt.asc", LineOf("pt.asc", i), $"PT {Pts[i].Code} has primary SOC {Pts[i].PrimarySocCode}, but its primary path in mdhier.asc ends in SOC {primary.SocCode}");
            }
        }
    }
}
