using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace TrialOps.Protocols;

/// <summary>
/// A protocol's code (<c>KET-NP-01</c>): 3 to 20 characters from A–Z, 0–9 and '-'. It names the
/// trial in stream ids (<c>protocol-KET-NP-01</c>), exports and file names, so it is stored as
/// a plain JSON string.
/// </summary>
[JsonConverter(typeof(ProtocolCodeJsonConverter))]
public readonly partial record struct ProtocolCode
{
    private ProtocolCode(string value) => Value = value;

    public string Value { get; }

    public static bool IsValid([NotNullWhen(true)] string? text) => text is not null && Pattern().IsMatch(text);

    public static bool TryParse([NotNullWhen(true)] string? text, out ProtocolCode code)
    {
        code = IsValid(text) ? new ProtocolCode(text) : default;
        return code.Value is not null;
    }

    public static ProtocolCode Parse(string text) =>
        TryParse(text, out var code)
            ? code
            : throw new FormatException($"'{text}' is not a protocol code (3 to 20 characters from A-Z, 0-9 and '-').");

    /// <summary>The code, or the default (no protocol) for text that is not one: commands sent with it are answered "no such protocol".</summary>
    public static ProtocolCode ParseOrDefault(string? text) => TryParse(text, out var code) ? code : default;

    public override string ToString() => Value ?? string.Empty;

    [GeneratedRegex(@"^[A-Z0-9-]{3,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

public sealed class ProtocolCodeJsonConverter : JsonConverter<ProtocolCode>
{
    public override ProtocolCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ProtocolCode.TryParse(reader.GetString(), out var code)
            ? code
            : throw new JsonException($"'{reader.GetString()}' is not a protocol code.");

    public override void Write(Utf8JsonWriter writer, ProtocolCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
