using System.Globalization;
using System.Text.RegularExpressions;
using TrialOps.Assessments;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Web.Components.Pages.Participants;
using TrialOps.Web.Components.Pages.Trials;

namespace TrialOps.Web.Components.Pages.Sessions;

/// <summary>One cell of the session grid: an assessment scheduled at a row's time.</summary>
/// <param name="Key">The posted key, <c>CODE|TIMEPOINT</c> (as the assessments page names an item).</param>
/// <param name="Recorded">The value on record (read-only in the grid; corrections go through the correction form).</param>
/// <param name="NotDoneReason">Recorded as not done, with this reason.</param>
/// <param name="Findings">The protocol limits a recorded value exceeds, in words.</param>
public sealed record SessionGridCell(
    AssessmentView Assessment,
    string Timepoint,
    string Key,
    RecordedAssessment? Recorded,
    string? NotDoneReason,
    IReadOnlyList<string> Findings)
{
    public bool IsVitals => Assessment.Kind == "vitals";

    public bool Open => Recorded is null && NotDoneReason is null;
}

/// <summary>
/// One scheduled time point of a period: when it is planned, until when it counts as on time
/// (<see cref="AssessmentWindows"/>), its status, and one cell per assessment of the protocol (null
/// where the assessment is not scheduled at that time).
/// </summary>
/// <param name="DefaultTime">The measurement time offered for new values: the planned time once dosing has started and it has come, otherwise now.</param>
/// <param name="Fillable">New values can be entered: the pre-dose row always, the others once dosing has started.</param>
public sealed record SessionGridRow(
    string Timepoint,
    TimeSpan AfterDosingStart,
    DateTimeOffset? PlannedAt,
    DateTimeOffset? LateAfter,
    ScheduleStatus Status,
    bool DueNow,
    string DefaultTime,
    bool Fillable,
    IReadOnlyList<SessionGridCell?> Cells)
{
    public string Label => TrialText.Timepoint(Timepoint);

    /// <summary>Safe for an element id: <c>PT20M</c> → <c>pt20m</c>.</summary>
    public string Id => Timepoint.ToLowerInvariant();
}

/// <summary>
/// The session grid of one period, worked out from the participant's state (not a read model, so a
/// value saved a moment ago shows as recorded at once) and the protocol's assessments. Blinded like
/// the state: nothing in it depends on the treatment.
/// </summary>
public static partial class SessionGridRows
{
    public static IReadOnlyList<SessionGridRow> For(ParticipantRecord record, int period, DateTimeOffset now)
    {
        var state = record.State;
        var startedAt = record.Session(period)?.Session.StartedAt;
        var times = record.Protocol.Assessments
            .SelectMany(a => a.Times)
            .Select(t => (Iso: t, Offset: Offset(t)))
            .Where(t => t.Offset is not null)
            .GroupBy(t => t.Offset!.Value)
            .OrderBy(g => g.Key)
            .Select(g => (g.First().Iso, Offset: g.Key));
        var rows = new List<SessionGridRow>();
        foreach (var (iso, offset) in times)
        {
            var cells = record.Protocol.Assessments.Select(a =>
            {
                var time = a.Times.FirstOrDefault(t => Offset(t) == offset);
                if (time is null)
                {
                    return null;
                }

                var key = new AssessmentKey(period, a.Code, time);
                var recorded = state.Assessments.GetValueOrDefault(key);
                return new SessionGridCell(a, time, $"{a.Code}|{time}", recorded, recorded is null ? state.NotDone.GetValueOrDefault(key) : null, record.LimitFindings(recorded?.Vitals));
            }).ToArray();
            var planned = startedAt + offset;
            var lateAfter = planned + AssessmentWindows.Tolerance(offset);
            var open = cells.Any(c => c is { Open: true });
            var status = !open
                ? cells.Any(c => c?.Recorded is not null) ? ScheduleStatus.Done : ScheduleStatus.NotDone
                : planned is not { } due ? (offset == TimeSpan.Zero ? ScheduleStatus.Due : ScheduleStatus.Planned)
                : now > lateAfter ? ScheduleStatus.Overdue
                : now >= due - AssessmentWindows.Tolerance(offset) ? ScheduleStatus.Due
                : ScheduleStatus.Planned;
            var defaultTime = planned is { } p && p <= now ? p : now;
            rows.Add(new SessionGridRow(
                iso,
                offset,
                planned,
                lateAfter,
                status,
                status == ScheduleStatus.Due,
                TrialText.InputTime(record.Clock, defaultTime),
                offset == TimeSpan.Zero || startedAt is not null,
                cells));
        }

        return rows;
    }

    private static TimeSpan? Offset(string iso) => IsoDuration.TryParse(iso, out var offset, out _) ? offset : null;

    /// <summary>
    /// Vital signs typed into one cell as <c>systolic/diastolic heart-rate SpO2</c>
    /// (<c>120/80 72 98</c>; commas or semicolons also separate): four whole numbers, in that order.
    /// </summary>
    public static bool TryParseVitals(string? text, out VitalSigns? values)
    {
        values = null;
        if (string.IsNullOrWhiteSpace(text) || !VitalsShape().IsMatch(text))
        {
            return false;
        }

        var numbers = Numbers().Matches(text).Select(m => int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        if (numbers.Length != 4 || numbers.Any(n => n < 0))
        {
            return false;
        }

        values = new VitalSigns(numbers[0], numbers[1], numbers[2], numbers[3]);
        return true;
    }

    /// <summary>How the grid writes recorded or typed vital signs back into a cell: <c>120/80 72 98</c>.</summary>
    public static string VitalsText(VitalSigns values) =>
        string.Create(CultureInfo.InvariantCulture, $"{values.SystolicMmHg}/{values.DiastolicMmHg} {values.HeartRatePerMin} {values.Spo2Percent}");

    [GeneratedRegex("^[0-9\\s/,;]+$")]
    private static partial Regex VitalsShape();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();
}
