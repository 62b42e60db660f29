using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TrialOps.Tests.Contracts;

/// <summary>One stored field of an event: its alias, where it sits in the JSON and what it holds.</summary>
/// <param name="Path"><c>$</c> for the event itself, then JSON names: <c>subject</c>, <c>details.end</c>, <c>items[].code</c>.</param>
/// <param name="Kind">
/// The JSON kind, with the CLR type where a retype would change what is read back
/// (<c>string(DateOnly)</c>, <c>number(decimal)</c>), <c>?</c> when null is written or read, and flags such as
/// <c>[not read back]</c> for a computed property that is written but never read.
/// </param>
public sealed record ContractLine(string Alias, string Path, string Kind)
{
    public override string ToString() => $"{Alias} {Path} {Kind}";
}

/// <summary>
/// Describes the JSON an event type is stored as, from System.Text.Json's own contract metadata for
/// <see cref="EventStore.EventTypeRegistry.JsonOptions"/>, so the names are exactly the stored names.
/// </summary>
public static class EventShape
{
    public static IReadOnlyList<ContractLine> Describe(string alias, Type eventType, JsonSerializerOptions options)
    {
        // GetTypeInfo on options that are still mutable resolves without caching; serializing makes
        // them read-only with the default resolver anyway, so do the same here first.
        if (!options.IsReadOnly)
        {
            options.MakeReadOnly(populateMissingResolver: true);
        }

        var lines = new List<ContractLine>();
        Describe(new Walk(alias, options, lines, []), "$", eventType, nullable: false, flags: "");
        return lines;
    }

    private sealed record Walk(string Alias, JsonSerializerOptions Options, List<ContractLine> Lines, HashSet<Type> Enclosing)
    {
        public void Add(string path, string kind) => Lines.Add(new ContractLine(Alias, path, kind));
    }

    private static void Describe(Walk walk, string path, Type declaredType, bool nullable, string flags)
    {
        var type = Nullable.GetUnderlyingType(declaredType) ?? declaredType;
        nullable |= type != declaredType;
        var suffix = (nullable ? "?" : "") + flags;
        var info = walk.Options.GetTypeInfo(type);
        if (info.PolymorphismOptions is not null)
        {
            throw new NotSupportedException($"{type} at {walk.Alias} {path} is polymorphic; describe its derived types before storing it in an event.");
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.None:
                walk.Add(path, ValueKind(type, walk.Options) + suffix);
                break;
            case JsonTypeInfoKind.Enumerable:
                walk.Add(path, "array" + suffix);
                Describe(walk, path + "[]", info.ElementType!, nullable: false, flags: "");
                break;
            case JsonTypeInfoKind.Dictionary:
                walk.Add(path, $"map(key {ClrName(info.KeyType!)})" + suffix);
                Describe(walk, path + "{}", info.ElementType!, nullable: false, flags: "");
                break;
            case JsonTypeInfoKind.Object when !walk.Enclosing.Add(type):
                walk.Add(path, $"object [recursive: {ClrName(type)}]" + suffix);
                break;
            case JsonTypeInfoKind.Object:
                walk.Add(path, "object" + suffix);
                foreach (var property in info.Properties)
                {
                    var child = path == "$" ? property.Name : $"{path}.{property.Name}";
                    Describe(walk, child, property.PropertyType, property.IsGetNullable || property.IsSetNullable, Flags(property));
                }

                walk.Enclosing.Remove(type);
                break;
            default:
                throw new NotSupportedException($"{type} at {walk.Alias} {path} has JSON contract kind {info.Kind}.");
        }
    }

    private static string Flags(JsonPropertyInfo property) =>
        (property.Get is null ? " [not written]" : "")
        + (property.Set is null && property.AssociatedParameter is null ? " [not read back]" : "")
        + (property.IsExtensionData ? " [extension data]" : "");

    /// <summary>
    /// The kind of a value its converter writes in one token. Rather than trusting a table of CLR
    /// types, a sample is serialized and its token read, so a custom converter (SubjectNumber,
    /// ProtocolCode, KitNumber, PartialDate) is recorded as what it actually writes.
    /// </summary>
    private static string ValueKind(Type type, JsonSerializerOptions options)
    {
        if (type == typeof(object) || type == typeof(JsonElement))
        {
            return $"any({ClrName(type)})";
        }

        if (type.IsEnum)
        {
            return EnumKind(type, options);
        }

        using var written = JsonDocument.Parse(JsonSerializer.Serialize(EventSamples.Build(type, options), type, options));
        return written.RootElement.ValueKind switch
        {
            JsonValueKind.String => type == typeof(string) ? "string" : $"string({ClrName(type)})",
            JsonValueKind.Number => $"number({ClrName(type)})",
            JsonValueKind.True or JsonValueKind.False => type == typeof(bool) ? "boolean" : $"boolean({ClrName(type)})",
            JsonValueKind.Object => $"object({ClrName(type)}, custom converter)",
            JsonValueKind.Array => $"array({ClrName(type)}, custom converter)",
            var other => throw new NotSupportedException($"The sample of {type} is written as {other}; give EventSamples a value its converter writes as data."),
        };
    }

    /// <summary>The stored names of an enum's members in declaration order (as the converter writes them), or their numbers.</summary>
    private static string EnumKind(Type type, JsonSerializerOptions options)
    {
        var members = EventSamples.DeclaredMembers(type)
            .Select(member => (member.Name, Json: JsonSerializer.SerializeToElement(member.GetValue(null), type, options)))
            .ToList();
        return members.All(m => m.Json.ValueKind == JsonValueKind.String)
            ? $"enum({string.Join('|', members.Select(m => m.Json.GetString()))})"
            : $"number(enum {string.Join('|', members.Select(m => $"{m.Name}={m.Json.GetRawText()}"))})";
    }

    private static string ClrName(Type type) => type switch
    {
        _ when type == typeof(string) => "string",
        _ when type == typeof(bool) => "bool",
        _ when type == typeof(char) => "char",
        _ when type == typeof(byte) => "byte",
        _ when type == typeof(sbyte) => "sbyte",
        _ when type == typeof(short) => "short",
        _ when type == typeof(ushort) => "ushort",
        _ when type == typeof(int) => "int",
        _ when type == typeof(uint) => "uint",
        _ when type == typeof(long) => "long",
        _ when type == typeof(ulong) => "ulong",
        _ when type == typeof(float) => "float",
        _ when type == typeof(double) => "double",
        _ when type == typeof(decimal) => "decimal",
        _ when type == typeof(object) => "object",
        { IsArray: true } => ClrName(type.GetElementType()!) + "[]",
        { IsGenericType: true } => $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(',', type.GetGenericArguments().Select(ClrName))}>",
        _ => type.Name,
    };
}
