using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrialOps.EventStore;

/// <summary>An event whose alias this build does not know; kept verbatim, never dropped.</summary>
public sealed record UnknownEvent(string Alias, string Json);

/// <summary>Maps stable aliases to CLR types and (de)serializes event data.</summary>
public sealed class EventTypeRegistry
{
    /// <summary>
    /// The JSON of every stored event (pinned by the contract tests). Read-only from the start: it
    /// is shared by every thread, and a library that adds to it (Marten did, when handed it) would
    /// race with serialization elsewhere; take a copy (<see cref="CopyOfJsonOptions"/>) to configure.
    /// </summary>
    public static readonly JsonSerializerOptions JsonOptions = CreateJsonOptions();

    /// <summary>A mutable copy of <see cref="JsonOptions"/> for a library that configures its own.</summary>
    public static JsonSerializerOptions CopyOfJsonOptions() => new(JsonOptions);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Converters = { new JsonStringEnumConverter() },
            WriteIndented = false,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    private readonly Dictionary<string, Type> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, (string Alias, bool RequiresReason)> _aliases = [];

    public static EventTypeRegistry FromAssemblies(params Assembly[] assemblies)
    {
        var registry = new EventTypeRegistry();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var attribute = type.GetCustomAttribute<EventTypeAttribute>();
            if (attribute is not null)
            {
                registry.Register(type, attribute.Alias, attribute.RequiresReason);
            }
        }

        return registry;
    }

    public void Register(Type type, string alias, bool requiresReason = false)
    {
        if (_types.TryGetValue(alias, out var existing) && existing != type)
        {
            throw new InvalidOperationException($"Event alias '{alias}' is used by both {existing.FullName} and {type.FullName}.");
        }

        _types[alias] = type;
        _aliases[type] = (alias, requiresReason);
    }

    public IReadOnlyCollection<string> Aliases => _types.Keys;

    /// <summary>Every alias with its CLR type, for mapping them in Marten.</summary>
    public IEnumerable<(string Alias, Type Type)> Types => _types.Select(entry => (entry.Key, entry.Value));

    public string AliasOf(Type type) =>
        _aliases.TryGetValue(type, out var entry)
            ? entry.Alias
            : throw new InvalidOperationException($"{type.FullName} has no [EventType] alias and cannot be stored.");

    /// <summary>The type registered under <paramref name="alias"/>, or null.</summary>
    public Type? TypeOf(string alias) => _types.GetValueOrDefault(alias);

    public bool RequiresReason(Type type) => _aliases.TryGetValue(type, out var entry) && entry.RequiresReason;

    public string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), JsonOptions);

    public object Deserialize(string alias, string json) =>
        _types.TryGetValue(alias, out var type)
            ? JsonSerializer.Deserialize(json, type, JsonOptions) ?? throw new InvalidOperationException($"Event '{alias}' has null data.")
            : new UnknownEvent(alias, json);
}
