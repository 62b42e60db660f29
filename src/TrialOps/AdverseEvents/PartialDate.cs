using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace TrialOps.AdverseEvents;

/// <summary>
/// A date known to the year, month, day or minute (ISO 8601, as CDISC's --DTC variables allow):
/// <c>2026</c>, <c>2026-11</c>, <c>2026-11-28</c>, <c>2026-11-28T10:40</c> (UTC). An adverse
/// event's onset is often remembered only to the month; it is stored as known, never padded with
/// invented days.
/// </summary>
[JsonConverter(typeof(PartialDateJsonConverter))]
public readonly partial record struct PartialDate
{
    private PartialDate(string text, DateTimeOffset earliest, DateTimeOffset latest)
    {
        Text = text;
        Earliest = earliest;
        Latest = latest;
    }

    public string Text { get; }

    /// <summary>The first instant the date may stand for.</summary>
    public DateTimeOffset Earliest { get; }

    /// <summary>The last instant the date may stand for (exclusive end minus one tick).</summary>
    public DateTimeOffset Latest { get; }

    public bool IsComplete => Text is not null && Text.Length >= 10;

    public static bool TryParse([NotNullWhen(true)] string? text, out PartialDate date)
    {
        date = default;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        int Part(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        try
        {
            var year = Part("y");
            if (year < 1900)
            {
                return false;
            }

            DateTimeOffset start;
            DateTimeOffset end;
            if (!match.Groups["mo"].Success)
            {
                start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
                end = start.AddYears(1);
            }
            else if (!match.Groups["d"].Success)
            {
                start = new DateTimeOffset(year, Part("mo"), 1, 0, 0, 0, TimeSpan.Zero);
                end = start.AddMonths(1);
            }
            else if (!match.Groups["h"].Success)
            {
                start = new DateTimeOffset(year, Part("mo"), Part("d"), 0, 0, 0, TimeSpan.Zero);
                end = start.AddDays(1);
            }
            else
            {
                start = new DateTimeOffset(year, Part("mo"), Part("d"), Part("h"), Part("mi"), 0, TimeSpan.Zero);
                end = start.AddMinutes(1);
            }

            var canonical = match.Groups["h"].Success ? start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : match.Value.TrimEnd('Z');
            date = new PartialDate(canonical, start, end.AddTicks(-1));
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    public static PartialDate Parse(string text) =>
        TryParse(text, out var date)
            ? date
            : throw new FormatException($"'{text}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM).");

    public static PartialDate FromInstant(DateTimeOffset instant) =>
        Parse(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));

    public static PartialDate FromDate(DateOnly date) =>
        Parse(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>True when this date certainly lies before <paramref name="other"/> (their ranges do not overlap).</summary>
    public bool IsCertainlyBefore(PartialDate other) => Latest < other.Earliest;

    public override string ToString() => Text ?? string.Empty;

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<mo>\d{2})(-(?<d>\d{2})(T(?<h>\d{2}):(?<mi>\d{2})Z?)?)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

public sealed class PartialDateJsonConverter : JsonConverter<PartialDate>
{
    public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PartialDate.TryParse(reader.GetString(), out var date)
            ? date
            : throw new JsonException($"'{reader.GetString()}' is not a partial date.");

    public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Text);
}
