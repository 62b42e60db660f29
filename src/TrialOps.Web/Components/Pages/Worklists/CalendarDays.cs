using TrialOps.Participants;
using TrialOps.Web.Components.Pages.Trials;

namespace TrialOps.Web.Components.Pages.Worklists;

/// <summary>One line of the calendar: a dosing session that opens (or is overdue) or a washout that ends, on a date.</summary>
public sealed record CalendarEntry(DateOnly Date, string Site, ScheduleItem Item)
{
    public bool IsWashout => Item.Kind == ScheduleItemKind.Washout;

    public bool Overdue => Item.Status == ScheduleStatus.Overdue;

    public string What => IsWashout ? $"Washout after period {Item.Period} ends" : $"Dosing session, period {Item.Period}";
}

/// <summary>The calendar's entries by date and the weeks to draw them in: each entry on its site's local date (ADR 0030); today is the UTC date.</summary>
public sealed record CalendarDays(IReadOnlyList<CalendarEntry> Overdue, IReadOnlyList<IGrouping<DateOnly, CalendarEntry>> Days, DateOnly Today)
{
    public const int Weeks = 5;

    public static CalendarDays From(IEnumerable<ScheduleItem> items, string? site, DateTimeOffset now, TrialClocks? clocks = null)
    {
        var today = (clocks ?? TrialClocks.Utc).Today(site, now);
        var entries = items
            .Where(i => i.DueAt is not null)
            .Select(i => new CalendarEntry((clocks ?? TrialClocks.Utc).For(i.Subject).LocalDate(i.DueAt!.Value), SubjectNumber.TryParse(i.Subject, out var s) ? s.Site : string.Empty, i))
            .Where(e => site is null || e.Site == site)
            .ToArray();
        var overdue = entries.Where(e => e.Overdue).OrderBy(e => e.Item.DeadlineAt).ThenBy(e => e.Item.Subject, StringComparer.Ordinal).ToArray();
        var days = entries.Where(e => !e.Overdue)
            .OrderBy(e => e.Date).ThenBy(e => e.Site, StringComparer.Ordinal).ThenBy(e => e.Item.Subject, StringComparer.Ordinal).ThenBy(e => e.IsWashout)
            .GroupBy(e => e.Date)
            .ToArray();
        return new CalendarDays(overdue, days, today);
    }

    /// <summary>The Monday of the week of today: where the grid starts.</summary>
    public DateOnly FirstDay => Today.AddDays(-(((int)Today.DayOfWeek + 6) % 7));

    public IEnumerable<DateOnly> GridDays => Enumerable.Range(0, Weeks * 7).Select(FirstDay.AddDays);

    public IReadOnlyList<CalendarEntry> On(DateOnly date) => Days.FirstOrDefault(d => d.Key == date)?.ToArray() ?? [];

    /// <summary>Entries after the grid's last day (only in the list).</summary>
    public int Later => Days.Where(d => d.Key > FirstDay.AddDays(Weeks * 7 - 1)).Sum(d => d.Count());
}
