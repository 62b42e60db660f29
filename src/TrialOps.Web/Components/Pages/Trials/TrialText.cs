using System.Globalization;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;

namespace TrialOps.Web.Components.Pages.Trials;

/// <summary>
/// How trial pages write and read values. A participant's times are shown and typed on their site's
/// clock (the protocol's <c>sites[].timeZone</c>, with the offset; ADR 0030); times that belong to no
/// site (protocol import, lock, exports) stay in UTC. The browser's own zone is never used.
/// </summary>
public static class TrialText
{
    public const string Missing = "—";

    /// <summary>The format of <c>&lt;input type="datetime-local"&gt;</c>.</summary>
    public const string InputTimeFormat = "yyyy-MM-dd'T'HH:mm";

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : Missing;

    /// <summary>A participant's time on their site clock: <c>2026-03-29 03:30 +02:00</c>, <c>… UTC</c> at a UTC site.</summary>
    public static string Time(SiteClock clock, DateTimeOffset? time) => time is { } t ? clock.Show(t) : Missing;

    /// <summary>The value of a <c>datetime-local</c> input showing the instant on the site clock.</summary>
    public static string InputTime(SiteClock clock, DateTimeOffset time) => clock.Input(time);

    /// <summary>A form label naming the clock a time is typed in: <c>Started at (local time, Australia/Sydney)</c>, <c>… (UTC)</c> at a UTC site.</summary>
    public static string TimeLabel(SiteClock clock, string label) => $"{label} ({Zone(clock)})";

    /// <summary><c>local time, Australia/Sydney</c>, or <c>UTC</c>.</summary>
    /// <summary>A stored adverse-event date (YYYY… text, a time in UTC) as the site reads it.</summary>
    public static string PartialDate(SiteClock clock, string? text) =>
        TrialOps.AdverseEvents.PartialDate.TryParse(text, out var date) ? TrialOps.AdverseEvents.PartialDatesOnClock.ShowOn(date, clock) : text ?? Missing;

    public static string Zone(SiteClock clock) => clock.IsUtc ? "UTC" : $"local time, {clock.TimeZone}";

    /// <summary>
    /// A time typed on the site clock, as an instant; the problem says what to fix (not a time, a
    /// wall time the clocks skipped or showed twice).
    /// </summary>
    public static bool TryParseTime(SiteClock clock, string? text, out DateTimeOffset time, out string? problem) =>
        clock.TryParse(text, out time, out problem);

    /// <summary>
    /// Null when <paramref name="text"/> is a time on the site clock (then <paramref name="time"/> is
    /// the instant); otherwise what the form says: <paramref name="notATime"/> for text that is no
    /// time at all, the clock's own message for a wall time it skipped or showed twice.
    /// </summary>
    public static string? TimeProblem(SiteClock clock, string? text, string notATime, out DateTimeOffset time) =>
        clock.TryParse(text, out time, out var problem) ? null
        : TryParseTime(text, out _) ? problem
        : notATime;

    /// <summary>
    /// <c> (day 3)</c>: the study day of a time, counted on the site's local calendar dates from the
    /// first dose (SDTM's RFSTDTC: day 1 is the date of the first dose, the day before is day -1);
    /// empty before any dose or without a time.
    /// </summary>
    public static string StudyDay(SiteClock clock, DateTimeOffset? time, DateTimeOffset? firstDose) =>
        time is { } t && firstDose is { } reference
            ? " (day " + clock.StudyDay(t, reference).ToString(CultureInfo.InvariantCulture) + ")"
            : string.Empty;

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Missing;

    /// <summary>A unit after a number, as CDISC writes it: nothing for a unitless score (UCUM "1" or none).</summary>
    public static string Unit(string? unit) => TrialOps.Assessments.ScaleUnits.AfterNumber(unit);

    /// <summary>Where a Coordinator extends an exhausted randomization list (the form preselects the exhausted stratum).</summary>
    public static string ExtendListUrl(string code) => $"/trials/{Url(code)}/randomization#extend";

    public static string Number(decimal? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? Missing;

    public static string InputTime(DateTimeOffset time) => time.UtcDateTime.ToString(InputTimeFormat, CultureInfo.InvariantCulture);

    public static string InputDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A time typed into a form, as UTC (times of no site); accepts the input's format with or without seconds.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            text?.Trim(),
            [InputTimeFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A number typed into a form; a decimal comma is accepted as well as a point.</summary>
    public static bool TryParseDecimal(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt(string? text, out int value) =>
        int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    public static string Status(ParticipantStatus status) => status switch
    {
        ParticipantStatus.Screened => "Screened",
        ParticipantStatus.Eligible => "Eligible",
        ParticipantStatus.ScreenFailed => "Screen failure",
        ParticipantStatus.Randomized => "In treatment",
        ParticipantStatus.Withdrawn => "Withdrawn",
        ParticipantStatus.Completed => "Completed",
        _ => status.ToString(),
    };

    public static string StatusClass(ParticipantStatus status) => status switch
    {
        ParticipantStatus.Randomized or ParticipantStatus.Eligible => "status-on",
        ParticipantStatus.Completed => "status-done",
        ParticipantStatus.Withdrawn or ParticipantStatus.ScreenFailed => "status-off",
        _ => "status-warn",
    };

    public static string Schedule(ScheduleStatus status) => status switch
    {
        ScheduleStatus.NotApplicable => "Not applicable",
        ScheduleStatus.NotDone => "Not done",
        _ => status.ToString(),
    };

    public static string ScheduleClass(ScheduleStatus status) => status switch
    {
        ScheduleStatus.Done => "status-done",
        ScheduleStatus.Overdue => "status-bad",
        ScheduleStatus.Due => "status-warn",
        ScheduleStatus.NotApplicable or ScheduleStatus.NotDone => "status-off",
        _ => "status-plain",
    };

    /// <summary>An enum member's name as words: <c>RecoveredResolved</c> → <c>Recovered resolved</c>.</summary>
    public static string Words<T>(T value)
        where T : struct, Enum =>
        TrialOps.Common.EnumWords.Words(value);

    /// <summary>An enum member's name kept as text by a read model, as words (<c>DoseNotChanged</c> → <c>Dose not changed</c>).</summary>
    public static string Words(string name) => TrialOps.Common.EnumWords.Words(name);

    /// <summary>An ISO 8601 timepoint as people say it: <c>PT0M</c> → <c>pre-dose</c>, <c>PT20M</c> → <c>20 min</c>, <c>PT2H</c> → <c>2 h</c>.</summary>
    public static string Timepoint(string iso)
    {
        if (iso is "PT0M" or "PT0S" or "PT0H")
        {
            return "pre-dose (0 min)";
        }

        try
        {
            var span = System.Xml.XmlConvert.ToTimeSpan(iso);
            return span.TotalMinutes < 120 && span.TotalMinutes % 60 != 0 || span.TotalMinutes < 60
                ? $"{span.TotalMinutes:0} min"
                : span.TotalHours < 48 ? $"{span.TotalHours:0.#} h" : $"{span.TotalDays:0.#} d";
        }
        catch (FormatException)
        {
            return iso;
        }
    }

    /// <summary>A schedule step as people say it: <c>Pain intensity … at PT20M</c> → <c>Pain intensity … at 20 min</c>.</summary>
    public static string ScheduleLabel(ScheduleItem item)
    {
        var suffix = " at " + item.Timepoint;
        return item.Timepoint.Length > 0 && item.Label.EndsWith(suffix, StringComparison.Ordinal)
            ? item.Label[..^suffix.Length] + " at " + Timepoint(item.Timepoint)
            : item.Label;
    }

    /// <summary>The URL-safe form of a route value.</summary>
    public static string Url(string value) => Uri.EscapeDataString(value);

    public static string ParticipantUrl(string code, string subject) => $"/trials/{Url(code)}/participants/{Url(subject)}";

    public static string SessionUrl(string code, string subject, int period) => $"{ParticipantUrl(code, subject)}/periods/{period}";
}
