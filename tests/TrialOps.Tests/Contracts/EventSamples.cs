using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TrialOps.AdverseEvents;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Tests.Contracts;

/// <summary>
/// Builds an instance of any event type with a non-default value in every field, so that a field
/// that is written but read back as its default shows up in a round trip: strings <c>"x"</c>,
/// numbers 1, booleans true, enums their last member, nullable fields filled, collections of one
/// element, nested records built the same way through the constructor System.Text.Json reads with.
/// </summary>
public static class EventSamples
{
    public static readonly DateTimeOffset Instant = new(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(1));

    // Built explicitly, not generically: these value types have their own JSON converter that
    // validates what it reads, and their constructors are private or range-checked, so neither their
    // default (written as null or "") nor a constructor fed generic values would read back. A new
    // converter-backed type that is missing here makes Build throw; it is never skipped.
    private static readonly Dictionary<Type, object> Explicit = new()
    {
        [typeof(ProtocolCode)] = ProtocolCode.Parse("KET-NP-01"),
        [typeof(SubjectNumber)] = SubjectNumber.Parse("S01-003"),
        [typeof(KitNumber)] = new KitNumber(123456),
        [typeof(PartialDate)] = PartialDate.Parse("2026-11"),
    };

    public static object Build(Type type, JsonSerializerOptions options) => Build(type, options, []);

    /// <summary>An enum's members in declaration order (reflection returns fields in metadata order).</summary>
    public static FieldInfo[] DeclaredMembers(Type enumType) => enumType.GetFields(BindingFlags.Public | BindingFlags.Static);

    private static object Build(Type declaredType, JsonSerializerOptions options, HashSet<Type> enclosing)
    {
        var type = Nullable.GetUnderlyingType(declaredType) ?? declaredType;
        if (Explicit.TryGetValue(type, out var value) || (value = Primitive(type)) is not null)
        {
            return value;
        }

        if (type.IsEnum)
        {
            return DeclaredMembers(type)[^1].GetValue(null)!;
        }

        var info = options.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => Instance(type, info, options, enclosing),
            JsonTypeInfoKind.Enumerable => Collection(type, info.ElementType!, Build(info.ElementType!, options, enclosing)),
            JsonTypeInfoKind.Dictionary => Map(type, Build(info.KeyType!, options, enclosing), Build(info.ElementType!, options, enclosing)),
            _ => throw new NotSupportedException(
                $"No sample for {type}: its JSON converter is {info.Converter.GetType().Name}. Add a valid value to {nameof(EventSamples)}.{nameof(Explicit)}."),
        };
    }

    private static object? Primitive(Type type) => type switch
    {
        _ when type == typeof(string) || type == typeof(object) => "x",
        _ when type == typeof(char) => 'x',
        _ when type == typeof(bool) => true,
        _ when type.IsPrimitive || type == typeof(decimal) => Convert.ChangeType(1, type, CultureInfo.InvariantCulture),
        _ when type == typeof(Guid) => Guid.NewGuid(),
        _ when type == typeof(DateTimeOffset) => Instant,
        _ when type == typeof(DateTime) => Instant.UtcDateTime,
        _ when type == typeof(DateOnly) => DateOnly.FromDateTime(Instant.Date),
        _ when type == typeof(TimeOnly) => TimeOnly.FromTimeSpan(Instant.TimeOfDay),
        _ when type == typeof(TimeSpan) => TimeSpan.FromMinutes(90),
        _ => null,
    };

    private static object Instance(Type type, JsonTypeInfo info, JsonSerializerOptions options, HashSet<Type> enclosing)
    {
        if (!enclosing.Add(type))
        {
            throw new NotSupportedException($"{type} contains itself; build its sample explicitly.");
        }

        var constructor = info.ConstructorAttributeProvider as ConstructorInfo;
        var instance = constructor is null
            ? Activator.CreateInstance(type) ?? throw new NotSupportedException($"{type} has no constructor System.Text.Json can read it with.")
            : constructor.Invoke(constructor.GetParameters().Select(p => Build(p.ParameterType, options, enclosing)).ToArray());
        foreach (var property in info.Properties.Where(p => p.Set is not null && p.AssociatedParameter is null))
        {
            property.Set!(instance, Build(property.PropertyType, options, enclosing));
        }

        enclosing.Remove(type);
        return instance;
    }

    private static object Collection(Type type, Type elementType, object element)
    {
        if (type.IsAssignableFrom(elementType.MakeArrayType()))
        {
            var array = Array.CreateInstance(elementType, 1);
            array.SetValue(element, 0);
            return array;
        }

        var collection = Activator.CreateInstance(type)
            ?? throw new NotSupportedException($"Cannot build a {type}; build its sample explicitly.");
        (type.GetMethod("Add", [elementType]) ?? throw new NotSupportedException($"{type} has no Add({elementType.Name}); build its sample explicitly."))
            .Invoke(collection, [element]);
        return collection;
    }

    private static object Map(Type type, object key, object value)
    {
        var arguments = type.GetGenericArguments();
        var dictionaryType = typeof(Dictionary<,>).MakeGenericType(arguments);
        var map = type.IsAssignableFrom(dictionaryType) ? Activator.CreateInstance(dictionaryType)! : Activator.CreateInstance(type)!;
        ((System.Collections.IDictionary)map).Add(key, value);
        return map;
    }
}
