using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrialOps.Randomization;

/// <summary>
/// The number on a prepared syringe or bag (six digits, 100000–999999). It is drawn at random,
/// so blinded staff who see it learn nothing about the treatment inside: not from its value, its
/// order, or its neighbours.
/// </summary>
[JsonConverter(typeof(KitNumberJsonConverter))]
public readonly record struct KitNumber
{
    public const int Min = 100_000;
    public const int Max = 999_999;

    public KitNumber(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, Min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Max);
        Value = value;
    }

    public int Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out KitNumber kit)
    {
        kit = default;
        if (text is not { Length: 6 } || !text.All(char.IsAsciiDigit) || !int.TryParse(text, out var value) || value < Min)
        {
            return false;
        }

        kit = new KitNumber(value);
        return true;
    }

    public override string ToString() => Value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class KitNumberJsonConverter : JsonConverter<KitNumber>
{
    public override KitNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KitNumber.TryParse(reader.GetString(), out var kit)
            ? kit
            : throw new JsonException($"'{reader.GetString()}' is not a kit number.");

    public override void Write(Utf8JsonWriter writer, KitNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
