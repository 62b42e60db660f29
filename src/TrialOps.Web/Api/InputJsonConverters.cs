using System.Text.Json;
using System.Text.Json.Serialization;
using TrialOps.Common;

namespace TrialOps.Web.Api;

/// <summary>
/// Every string of an API body passes <see cref="InputText"/>: a control character or an
/// over-long text is a 400 naming the field, before anything reaches a command.
/// </summary>
public sealed class InputTextConverter : JsonConverter<string>
{
    public const string Marker = "Refused text: ";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a string.");
        }

        var text = reader.GetString();
        return InputText.Problem(text) is { } problem ? throw new JsonException(Marker + problem) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// Clinical times come with any UTC offset and are kept in UTC (DESIGN.md §1.4, §5). A time without
/// an offset is refused (400), never read on the server's clock or guessed to be a site's: ADR 0030.
/// </summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public const string Expected = "Expected a date and time with its offset (ISO 8601, e.g. 2026-12-02T12:53:11+01:00, or Z for UTC): a time without an offset is not accepted, because the API does not guess the site's time zone.";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && HasOffset(reader.GetString()) && reader.TryGetDateTimeOffset(out var value)
            ? value.ToUniversalTime()
            : throw new JsonException(Expected);

    /// <summary>Whether the time part ends in <c>Z</c> or a <c>±hh:mm</c> offset (a date alone has none).</summary>
    private static bool HasOffset(string? text)
    {
        var time = text?.IndexOfAny(['T', 't']) ?? -1;
        return time > 0 && (text![^1] is 'Z' or 'z' || text.IndexOfAny(['+', '-'], time) > time);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
