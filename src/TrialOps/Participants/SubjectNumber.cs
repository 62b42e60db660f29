using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TrialOps.Protocols;

namespace TrialOps.Participants;

/// <summary>
/// A participant's number in a trial: the site code, a hyphen and a running number of at least
/// three digits (<c>S01-003</c>). Assigned at screening, unique within the protocol and never
/// reused, also after a screen failure or withdrawal (ICH E6: every record stays attributable to
/// one participant). It carries no information about the allocation.
/// </summary>
[JsonConverter(typeof(SubjectNumberJsonConverter))]
public readonly partial record struct SubjectNumber
{
    private SubjectNumber(string site, int number)
    {
        Site = site;
        Number = number;
    }

    public string Site { get; }

    /// <summary>The running number within the site, from 1.</summary>
    public int Number { get; }

    public static SubjectNumber For(string siteCode, int number)
    {
        if (!SitePattern().IsMatch(siteCode))
        {
            throw new ArgumentException($"'{siteCode}' cannot start a subject number (letters, digits and '-' only).", nameof(siteCode));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 999_999);
        return new SubjectNumber(siteCode, number);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out SubjectNumber subject)
    {
        subject = default;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var number = int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        if (number < 1)
        {
            return false;
        }

        subject = new SubjectNumber(match.Groups["site"].Value, number);
        return true;
    }

    public static SubjectNumber Parse(string text) =>
        TryParse(text, out var subject)
            ? subject
            : throw new FormatException($"'{text}' is not a subject number (site code, '-', at least three digits, e.g. S01-003).");

    public bool IsValid => Site is not null;

    public override string ToString() => Site is null ? string.Empty : $"{Site}-{Number.ToString("D3", CultureInfo.InvariantCulture)}";

    [GeneratedRegex(@"^(?<site>[A-Za-z0-9][A-Za-z0-9-]*)-(?<number>[0-9]{3,6})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SitePattern();
}

public sealed class SubjectNumberJsonConverter : JsonConverter<SubjectNumber>
{
    public override SubjectNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SubjectNumber.TryParse(reader.GetString(), out var subject)
            ? subject
            : throw new JsonException($"'{reader.GetString()}' is not a subject number.");

    public override void Write(Utf8JsonWriter writer, SubjectNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

public static class ParticipantStreams
{
    /// <summary><c>participant-KET-NP-01-S01-003</c>: one stream per participant of a protocol.</summary>
    public static string For(ProtocolCode protocol, SubjectNumber subject) => $"participant-{protocol}-{subject}";
}
