using TrialOps.Messaging;

namespace TrialOps.AdverseEvents;

/// <summary>
/// The expedited report clock of a SUSAR as recorded data gives it (ADR 0026). Calendar days in
/// UTC; day 0 is the sponsor's day of awareness. A report is due by the end of its due day.
/// </summary>
/// <param name="AwareOn">Day 0: the later of the SAE report to the sponsor and the Investigator's judgement that made it related.</param>
/// <param name="FatalOrLifeThreatening">Death, life-threatening, or CTCAE grade 4 or 5: 7 days and a follow-up.</param>
/// <param name="InitialDueOn">Day 7 or day 15.</param>
/// <param name="Initial">The initial report, once recorded.</param>
/// <param name="FollowUpDueOn">For a fatal or life-threatening SUSAR whose initial report is recorded: 8 more days after it.</param>
/// <param name="FollowUp">The first follow-up report, once recorded.</param>
/// <param name="Overdue">Reports the scheduler marked overdue.</param>
public sealed record SusarClock(
    DateOnly AwareOn,
    bool FatalOrLifeThreatening,
    DateOnly InitialDueOn,
    SusarReportSubmitted? Initial,
    DateOnly? FollowUpDueOn,
    SusarReportSubmitted? FollowUp,
    IReadOnlyList<SusarReportKind> Overdue)
{
    /// <summary>The report the clock waits for, or null when every required report is recorded (the clock stopped).</summary>
    public SusarReportKind? Next =>
        Initial is null ? SusarReportKind.Initial
        : FollowUpDueOn is not null && FollowUp is null ? SusarReportKind.FollowUp
        : null;

    public bool Running => Next is not null;

    /// <summary>The due day of <see cref="Next"/>.</summary>
    public DateOnly? NextDueOn => Next switch
    {
        SusarReportKind.Initial => InitialDueOn,
        SusarReportKind.FollowUp => FollowUpDueOn,
        _ => null,
    };

    /// <summary>Calendar days from <paramref name="today"/> to the due day of <see cref="Next"/> (0 on the due day, negative when overdue).</summary>
    public int? DaysLeft(DateOnly today) => NextDueOn is { } due ? due.DayNumber - today.DayNumber : null;

    /// <summary>Past the end of the due day of the report it waits for.</summary>
    public bool IsOverdue(DateTimeOffset now) => NextDueOn is { } due && now >= ExpeditedReporting.EndOf(due);
}

/// <summary>The rules of expedited SUSAR reporting, pure (ICH E2A III.A; 21 CFR 312.32(c); EU CTR Art. 42 and Annex III).</summary>
public static class ExpeditedReporting
{
    /// <summary>Fatal or life-threatening: within 7 calendar days of awareness.</summary>
    public const int FatalOrLifeThreateningDays = 7;

    /// <summary>Every other SUSAR: within 15 calendar days of awareness.</summary>
    public const int OtherDays = 15;

    /// <summary>The follow-up of a fatal or life-threatening SUSAR: within 8 more calendar days of the initial report.</summary>
    public const int FollowUpDays = 8;

    /// <summary>Related for expedited reporting: the Investigator judged a reasonable possibility (possible, probable, certain).</summary>
    public static bool Related(Causality? causality) => causality is Causality.Possible or Causality.Probable or Causality.Certain;

    /// <summary>Death or life-threatening by the seriousness criteria, the outcome, or CTCAE grade 4 (life-threatening) or 5 (death).</summary>
    public static bool FatalOrLifeThreatening(AdverseEventDetails details) =>
        details.Grade >= 4
        || details.Outcome == AdverseEventOutcome.Fatal
        || details.Seriousness.Contains(SeriousnessCriterion.Death)
        || details.Seriousness.Contains(SeriousnessCriterion.LifeThreatening);

    /// <summary>
    /// What the reference safety information suggests for the event's MedDRA code: expected when the
    /// protocol lists that code (CTCAE v5.0 terms carry one MedDRA code, which is the LLT and, for
    /// nearly every term, the PT of the same name), unexpected otherwise.
    /// </summary>
    public static (Expectedness Suggested, int? MatchedTerm) Suggest(int meddraCode, IReadOnlyList<int> expectedTerms) =>
        expectedTerms.Contains(meddraCode) ? (Expectedness.Expected, meddraCode) : (Expectedness.Unexpected, null);

    public static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    /// <summary>The first instant after <paramref name="day"/> (UTC): a report is late from then on.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateOnly InitialDueOn(DateOnly awareOn, bool fatalOrLifeThreatening) =>
        awareOn.AddDays(fatalOrLifeThreatening ? FatalOrLifeThreateningDays : OtherDays);

    public static DateOnly FollowUpDueOn(DateOnly initialSubmittedOn) => initialSubmittedOn.AddDays(FollowUpDays);

    /// <summary>
    /// Day 0: the sponsor learns of the SAE from the site's report to the sponsor; if the
    /// Investigator judged it related only later, from that judgement; if the medical monitor
    /// re-assessed an expected event as unexpected, from that re-assessment (the day the sponsor
    /// first held the minimum information for a SUSAR; the latest of the three). Null before the report.
    /// </summary>
    public static DateOnly? AwareOn(AdverseEventState state)
    {
        if (state.ReportedToSponsorAt is not { } aware)
        {
            return null;
        }

        foreach (var later in new[] { state.RelatedSince, state.UnexpectedSince })
        {
            if (later is { } at && at > aware)
            {
                aware = at;
            }
        }

        return Day(aware);
    }

    /// <summary>Serious, related and (as it stands after any re-assessment) unexpected by the medical monitor.</summary>
    public static bool IsSusar(AdverseEventState state) =>
        state.Details is { } details && details.Serious && Related(details.Causality) && state.CurrentExpectedness == Expectedness.Unexpected;

    /// <summary>The clock of a SUSAR case; null for any other case.</summary>
    public static SusarClock? ClockOf(AdverseEventState state)
    {
        if (!IsSusar(state) || AwareOn(state) is not { } awareOn)
        {
            return null;
        }

        var fatal = FatalOrLifeThreatening(state.Details!);
        var initial = state.SusarReports.FirstOrDefault(r => r.Kind == SusarReportKind.Initial);
        return new SusarClock(
            awareOn,
            fatal,
            InitialDueOn(awareOn, fatal),
            initial,
            fatal && initial is not null ? FollowUpDueOn(initial.SubmittedOn) : null,
            state.SusarReports.FirstOrDefault(r => r.Kind == SusarReportKind.FollowUp),
            state.SusarOverdue);
    }

    /// <summary>
    /// Lets the scheduled check follow a decision that may move the clock: when the case's clock
    /// after <paramref name="decision"/>'s events waits for a report that it did not wait for
    /// before, or is due earlier than before, the check is scheduled for the new due day. A due
    /// day that moved later needs nothing new: the check already scheduled for the earlier day
    /// finds the later one and re-schedules itself (<see cref="MarkSusarReportOverdue"/>). A check
    /// that comes twice records nothing twice.
    /// </summary>
    public static Decision FollowClock(AdverseEventState before, Decision decision, string adverseEventId)
    {
        if (decision.IsRejected)
        {
            return decision;
        }

        var stream = AdverseEventStreams.For(adverseEventId);
        var after = decision.Events.Where(e => e.StreamId == stream).Aggregate(before, (state, e) => state.Apply(e.Data));
        if (ClockOf(after) is not { Next: { } next, NextDueOn: { } due })
        {
            return decision;
        }

        var earlier = ClockOf(before);
        return earlier?.Next == next && earlier.NextDueOn <= due
            ? decision
            : decision.Send(DueMessage(adverseEventId, next, due));
    }

    /// <summary>The scheduled check at the end of a report's due day.</summary>
    public static OutgoingMessage DueMessage(string adverseEventId, SusarReportKind kind, DateOnly dueOn) =>
        new(SusarReportDueMessage.MessageType, new SusarReportDueMessage(adverseEventId, kind, dueOn), EndOf(dueOn), AdverseEventStreams.For(adverseEventId));
}
