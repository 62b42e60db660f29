namespace TrialOps.Exports.Define;

/// <summary>
/// The NCI codes of the CDISC SDTM Controlled Terminology terms (package 2025-03-28) in the codelists
/// define.xml refers to, read from the embedded <c>Define/Data/sdtm-ct-terms.csv</c> (filtered from
/// <c>reference/cdisc-ct</c>, no value edited), so that each codelist item carries its
/// <c>nci:ExtCodeID</c> alias and a sponsor value in an extensible list is marked as an extension.
/// </summary>
public static class ControlledTerms
{
    public const string ResourceName = "define/sdtm-ct-terms.csv";

    private static readonly Lazy<(Dictionary<(string, string), string> Terms, Dictionary<string, bool> Extensible)> Table = new(Load);

    /// <summary>The NCI code of <paramref name="value"/> in the codelist <paramref name="codeList"/>, or null when it is not a term of that list.</summary>
    public static string? CodeOf(string codeList, string value) => Table.Value.Terms.GetValueOrDefault((codeList, value));

    /// <summary>Whether a sponsor may add values to the codelist (CDISC's "Codelist Extensible").</summary>
    public static bool IsExtensible(string codeList) => Table.Value.Extensible.GetValueOrDefault(codeList);

    private static (Dictionary<(string, string), string>, Dictionary<string, bool>) Load()
    {
        using var stream = typeof(ControlledTerms).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var terms = new Dictionary<(string, string), string>();
        var extensible = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = Split(line);
            if (fields[1] is "Yes" or "No")
            {
                extensible[fields[0]] = fields[1] == "Yes";
            }
            else
            {
                terms[(fields[0], fields[2])] = fields[1];
            }
        }

        return (terms, extensible);
    }

    /// <summary>Three comma-separated fields; the last may be quoted (it holds commas, never quotes).</summary>
    private static string[] Split(string line)
    {
        var first = line.IndexOf(',');
        var second = line.IndexOf(',', first + 1);
        var value = line[(second + 1)..];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        return [line[..first], line[(first + 1)..second], value];
    }
}
