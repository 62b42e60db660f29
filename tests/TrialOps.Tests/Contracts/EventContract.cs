using System.Reflection;
using System.Text;
using TrialOps.EventStore;
using TrialOps.Runtime;

namespace TrialOps.Tests.Contracts;

/// <summary>The event types the app stores, found the way the app's registry finds them.</summary>
public static class AppEvents
{
    private static readonly Assembly AppAssembly = typeof(TrialOpsRuntime).Assembly;

    /// <summary>The registry <see cref="TrialOpsRuntime"/> builds: every <c>[EventType]</c> of the TrialOps assembly.</summary>
    public static EventTypeRegistry Registry { get; } = EventTypeRegistry.FromAssemblies(AppAssembly);

    /// <summary>
    /// Alias to type. The registry lists aliases but not their types, so the types are found as
    /// <see cref="EventTypeRegistry.FromAssemblies"/> finds them and each is confirmed with <see cref="EventTypeRegistry.AliasOf"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } = AppAssembly.GetTypes()
        .Where(t => t.GetCustomAttribute<EventTypeAttribute>() is not null)
        .ToDictionary(Registry.AliasOf, StringComparer.Ordinal);

    public static TheoryData<string> Aliases => new(Types.Keys.Order(StringComparer.Ordinal));

    public static IReadOnlyList<ContractLine> CurrentShape() =>
        Types.SelectMany(e => EventShape.Describe(e.Key, e.Value, EventTypeRegistry.JsonOptions)).ToList();
}

/// <summary>A line of the contract whose kind differs between the committed file and the code.</summary>
public sealed record ChangedLine(ContractLine Committed, ContractLine Current)
{
    /// <summary>True when every stored value of the committed kind still reads back: null is now allowed, or enum values were only added.</summary>
    public bool IsWidening =>
        Current.Kind == Committed.Kind + "?"
        || (EnumValues(Committed.Kind) is { } before && EnumValues(Current.Kind) is { } after
            && before.Suffix == after.Suffix && before.Values.IsSubsetOf(after.Values));

    public override string ToString() => $"{Current.Alias} {Current.Path}: was {Committed.Kind}, now {Current.Kind}";

    private static (HashSet<string> Values, string Suffix)? EnumValues(string kind)
    {
        var end = kind.LastIndexOf(')');
        return kind.StartsWith("enum(", StringComparison.Ordinal) && end > 0
            ? (kind["enum(".Length..end].Split('|').ToHashSet(StringComparer.Ordinal), kind[(end + 1)..])
            : null;
    }
}

/// <summary>How the current event shapes differ from the committed contract file.</summary>
public sealed record ContractDiff(
    IReadOnlyList<ContractLine> Removed,
    IReadOnlyList<ChangedLine> Changed,
    IReadOnlyList<ContractLine> Added,
    IReadOnlySet<string> NewAliases)
{
    public bool IsEmpty => Removed.Count == 0 && Changed.Count == 0 && Added.Count == 0;

    public string Describe()
    {
        var text = new StringBuilder();
        if (Removed.Count > 0)
        {
            text.AppendLine("Removed (a stored field was renamed or dropped, or an alias disappeared: stored events would read it back as a default;")
                .AppendLine("never do this to a stored alias, add a new version of the event instead):");
            foreach (var line in Removed)
            {
                text.AppendLine($"  - {line}");
            }
        }

        var (widened, retyped) = (Changed.Where(c => c.IsWidening).ToList(), Changed.Where(c => !c.IsWidening).ToList());
        if (retyped.Count > 0)
        {
            text.AppendLine("Changed (a stored field was retyped, or lost enum values or nullability: stored events may no longer read back or may mean")
                .AppendLine("something else; add a new version of the event instead):");
            foreach (var change in retyped)
            {
                text.AppendLine($"  ~ {change}");
            }
        }

        if (widened.Count > 0)
        {
            text.AppendLine("Widened (a field became nullable or an enum gained values: stored events still read back; review and regenerate the file):");
            foreach (var change in widened)
            {
                text.AppendLine($"  ~ {change}");
            }
        }

        if (Added.Count > 0)
        {
            text.AppendLine("Added (new events or fields; the file must list every stored field, so review and regenerate it):");
            foreach (var line in Added)
            {
                text.AppendLine($"  + {line}{(NewAliases.Contains(line.Alias) && line.Path == "$" ? "   (new event)" : "")}");
            }
        }

        return text.ToString();
    }
}

/// <summary>What a contract check concluded: why it fails (null when it passes) and the file text to write, if any.</summary>
public sealed record ContractCheck(string? Failure, string? Rewrite);

/// <summary>The committed contract file of the stored event shapes: its format, comparison and regeneration.</summary>
public static class EventContract
{
    public const string UpdateVariable = "TRIALOPS_UPDATE_EVENT_CONTRACTS";

    public const string RelativePath = "tests/TrialOps.Tests/Contracts/event-contracts.txt";

    public const string RegenerateCommand = UpdateVariable + "=1 dotnet test tests/TrialOps.Tests -c Release --filter \"FullyQualifiedName~Contracts\"";

    private static readonly string[] Header =
    [
        "# Stored JSON shape of every event alias: one line per field (alias, JSON path, kind), sorted.",
        "# Events are a regulated record: never change or remove a line of a stored alias; add a new version of the event instead.",
        "# Kinds: string(T) is a CLR type its converter writes as a string; ? allows null; [not read back] is written but never read.",
        "# Regenerate (then review the diff and commit it): " + RegenerateCommand,
    ];

    /// <summary>The file in the source tree (not the build output): the folder holding TrialOps.sln, then <see cref="RelativePath"/>.</summary>
    public static string FilePath => Path.Combine(SolutionDirectory(), RelativePath);

    public static string Format(IEnumerable<ContractLine> lines) =>
        string.Join('\n', Header.Concat(lines.Select(l => l.ToString()).Order(StringComparer.Ordinal))) + "\n";

    public static IReadOnlyList<ContractLine> Parse(string text)
    {
        var lines = new List<ContractLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', 3);
            if (parts.Length < 3)
            {
                throw new FormatException($"{RelativePath} line {number} is not 'alias path kind': '{line}'.");
            }

            lines.Add(new ContractLine(parts[0], parts[1], parts[2]));
        }

        return lines;
    }

    public static ContractDiff Compare(IReadOnlyList<ContractLine> committed, IReadOnlyList<ContractLine> current)
    {
        var before = ByField(committed, "the committed file");
        var after = ByField(current, "the current event types");
        var committedAliases = committed.Select(l => l.Alias).ToHashSet(StringComparer.Ordinal);
        return new ContractDiff(
            Removed: before.Where(e => !after.ContainsKey(e.Key)).Select(e => e.Value).OrderBy(l => l.ToString(), StringComparer.Ordinal).ToList(),
            Changed: before.Where(e => after.TryGetValue(e.Key, out var now) && now.Kind != e.Value.Kind)
                .Select(e => new ChangedLine(e.Value, after[e.Key])).OrderBy(c => c.Current.ToString(), StringComparer.Ordinal).ToList(),
            Added: after.Where(e => !before.ContainsKey(e.Key)).Select(e => e.Value).OrderBy(l => l.ToString(), StringComparer.Ordinal).ToList(),
            NewAliases: current.Select(l => l.Alias).Where(a => !committedAliases.Contains(a)).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Compares the committed file with the current shapes. With <see cref="UpdateVariable"/>=1 it asks
    /// for the file to be rewritten and still fails, so that regenerating can never make a run pass;
    /// under CI (<c>CI=true</c>) it never asks for a rewrite.
    /// </summary>
    public static ContractCheck Check(string? committedText, IReadOnlyList<ContractLine> current, Func<string, string?> environment)
    {
        var update = environment(UpdateVariable) == "1";
        var underCi = environment("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");
        var diff = committedText is null ? null : Compare(Parse(committedText), current);
        var differences = diff is null ? $"{RelativePath} does not exist.\n" : diff.IsEmpty ? "" : diff.Describe();

        if (update && underCi)
        {
            return new ContractCheck($"{UpdateVariable}=1 is refused under CI: the event contract file is never rewritten there.\n{differences}", null);
        }

        if (update)
        {
            // An alias no event type has any more is kept, not regenerated away: stored events of it
            // exist for ever, so dropping it takes a deliberate edit that shows in review.
            var currentAliases = current.Select(l => l.Alias).ToHashSet(StringComparer.Ordinal);
            var vanished = committedText is null ? [] : Parse(committedText).Where(l => !currentAliases.Contains(l.Alias)).ToList();
            var kept = vanished.Count == 0
                ? ""
                : $"Kept the lines of aliases no event type has any more ({string.Join(", ", vanished.Select(l => l.Alias).Distinct())}); they fail until the event type is back.\n";
            return new ContractCheck(
                $"{UpdateVariable}=1: rewrote {RelativePath} with the current shape of {currentAliases.Count} aliases. "
                + "This run fails on purpose, so that regenerating can never make a build pass: review the file's diff, commit it, "
                + $"and run the tests again without the variable.\n{kept}{(differences.Length == 0 ? "(The file was already up to date.)\n" : differences)}",
                Format(current.Concat(vanished)));
        }

        return differences.Length == 0
            ? new ContractCheck(null, null)
            : new ContractCheck($"The stored event shapes differ from {RelativePath}.\n{differences}After review, regenerate the file with\n  {RegenerateCommand}\n", null);
    }

    private static Dictionary<(string Alias, string Path), ContractLine> ByField(IReadOnlyList<ContractLine> lines, string source)
    {
        var fields = new Dictionary<(string, string), ContractLine>();
        foreach (var line in lines)
        {
            if (!fields.TryAdd((line.Alias, line.Path), line))
            {
                throw new InvalidOperationException($"{source} lists {line.Alias} {line.Path} twice.");
            }
        }

        return fields;
    }

    private static string SolutionDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TrialOps.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder holding TrialOps.sln above {AppContext.BaseDirectory}.");
    }
}
