using System.Globalization;
using System.Text.RegularExpressions;
using TrialOps.Common;
using TrialOps.Participants;

namespace TrialOps.Audit;

/// <summary>
/// What a reader of the audit trail narrows it to: who recorded, which kind of event, recorded on
/// or between which days (UTC, the server's recording time), and which record (a participant, or the
/// trial itself). Every part is optional; an empty filter shows everything the viewer may see.
/// </summary>
/// <param name="By">The user id that recorded the event (exact, case-insensitive).</param>
/// <param name="Type">The event type alias, e.g. <c>assessment.recorded.v1</c>.</param>
/// <param name="From">The first UTC day of recording, inclusive.</param>
/// <param name="To">The last UTC day of recording, inclusive.</param>
/// <param name="Record">A subject number (case-insensitive), or <see cref="TrialRecord"/> for the trial's own events.</param>
public sealed partial record AuditFilter(string? By = null, string? Type = null, DateOnly? From = null, DateOnly? To = null, string? Record = null)
{
    /// <summary>The <see cref="Record"/> value that selects the trial's own events (protocol, lock, lists).</summary>
    public const string TrialRecord = "trial";

    public static readonly AuditFilter None = new();

    public bool IsEmpty => this == None;

    /// <summary>
    /// Reads a filter from what a person typed (page query, API query, CLI options); blank parts are
    /// absent. Returns the problem, naming the part, when a part cannot be read.
    /// </summary>
    public static AuditFilter Parse(string? by, string? type, string? from, string? to, string? record, out string? problem)
    {
        problem = null;
        by = Blank(by);
        type = Blank(type);
        record = Blank(record);
        if (by is not null && InputText.Problem(by, 100) is { } byProblem)
        {
            problem = $"by: {byProblem}";
        }
        else if (type is not null && !TypeAlias().IsMatch(type))
        {
            problem = "type: not an event type (for example assessment.recorded.v1).";
        }
        else if (!TryDay(from, out var fromDay))
        {
            problem = "from: not a date (YYYY-MM-DD).";
        }
        else if (!TryDay(to, out var toDay))
        {
            problem = "to: not a date (YYYY-MM-DD).";
        }
        else if (fromDay > toDay)
        {
            problem = "from: the first day comes after the last.";
        }
        else if (record is not null && record != TrialRecord && !SubjectNumber.TryParse(record, out _))
        {
            problem = $"record: neither a subject number (e.g. S01-003) nor \"{TrialRecord}\".";
        }
        else
        {
            return new AuditFilter(by, type, fromDay, toDay, record);
        }

        return None;
    }

    /// <summary>True when a participant's audit entry matches (the record part does not apply there).</summary>
    public bool Matches(AuditEntry entry) =>
        (By is null || string.Equals(entry.RecordedBy, By, StringComparison.OrdinalIgnoreCase))
        && (Type is null || entry.Type == Type)
        && (From is not { } from || DateOnly.FromDateTime(entry.RecordedAt.UtcDateTime) >= from)
        && (To is not { } to || DateOnly.FromDateTime(entry.RecordedAt.UtcDateTime) <= to)
        && (Record is null || string.Equals(Record, entry.Record ?? TrialRecord, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The SQL condition (starting with <c> AND</c>, or empty) over the audit view's columns, with its
    /// parameter values numbered from <paramref name="firstParameter"/>.
    /// </summary>
    internal (string Sql, object[] Values) Where(int firstParameter)
    {
        var sql = new System.Text.StringBuilder();
        var values = new List<object>();
        void Add(string condition, object value)
        {
            values.Add(value);
            sql.Append(" AND ").Append(condition.Replace("$?", "$" + (firstParameter + values.Count - 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        if (By is not null)
        {
            Add("lower(metadata->>'actorId') = lower($?)", By);
        }

        if (Type is not null)
        {
            Add("type = $?", Type);
        }

        if (From is { } from)
        {
            Add("recorded_at >= $?", new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }

        if (To is { } to)
        {
            Add("recorded_at < $?", new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }

        if (Record == TrialRecord)
        {
            sql.Append(" AND COALESCE(data->>'subject', data->>'participantId') IS NULL");
        }
        else if (Record is not null)
        {
            Add("upper(COALESCE(data->>'subject', data->>'participantId')) = upper($?)", Record);
        }

        return (sql.ToString(), values.ToArray());
    }

    /// <summary>An event type in words for a person choosing it: <c>assessment.scale-recorded.v1</c> → "assessment: scale recorded (v1)".</summary>
    public static string TypeInWords(string type)
    {
        var parts = type.Split('.');
        if (parts.Length < 2)
        {
            return type;
        }

        var version = parts[^1].StartsWith('v') && parts[^1].Skip(1).All(char.IsAsciiDigit) ? parts[^1] : null;
        var words = parts[1..(version is null ? parts.Length : parts.Length - 1)];
        var text = $"{parts[0].Replace('-', ' ')}: {string.Join(' ', words).Replace('-', ' ')}";
        return version is null || version == "v1" ? text : $"{text} ({version})";
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (Blank(text) is not { } value)
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+$")]
    private static partial Regex TypeAlias();
}

/// <summary>The event types and the people a viewer can filter the trial's audit trail by.</summary>
public sealed record AuditChoices(IReadOnlyList<string> Types, IReadOnlyList<string> People);
