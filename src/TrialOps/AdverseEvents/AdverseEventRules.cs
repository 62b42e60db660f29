using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.AdverseEvents;

/// <summary>An adverse event as the site enters it (report or correction); the term comes from the MedDRA code.</summary>
/// <param name="MeddraCode">The MedDRA code of a CTCAE v5.0 term.</param>
/// <param name="Seriousness">Empty for a non-serious event.</param>
/// <param name="Causality">Only an Investigator may judge causality; null leaves it open.</param>
public sealed record AdverseEventInput(
    int MeddraCode,
    PartialDate Onset,
    PartialDate? End,
    int Grade,
    IReadOnlyList<SeriousnessCriterion> Seriousness,
    Causality? Causality,
    ActionTaken ActionTaken,
    AdverseEventOutcome Outcome);

/// <summary>Rules every adverse-event record obeys, whoever enters it and however often it is corrected.</summary>
public static class AdverseEventRules
{
    /// <summary>
    /// Checks the input against CTCAE and against itself; returns the details to record. Dates
    /// without a time are the site's calendar dates (<paramref name="clock"/>).
    /// </summary>
    public static (AdverseEventDetails? Details, Rejection? Rejection) Validate(AdverseEventInput input, DateTimeOffset now, SiteClock clock, CtcaeDictionary? dictionary = null)
    {
        var ctcae = dictionary ?? CtcaeDictionary.V5;
        if (ctcae.FindByCode(input.MeddraCode) is not { } term)
        {
            return Fail("adverse-event.unknown-term", $"MedDRA code {input.MeddraCode} is not a {CtcaeDictionary.Version} term.", "meddraCode");
        }

        if (!term.IsGradeDefined(input.Grade))
        {
            return Fail(
                "adverse-event.grade-not-defined",
                $"{CtcaeDictionary.Version} does not define grade {input.Grade} for {term.Term} (defined: {string.Join(", ", term.DefinedGrades)}).",
                "grade");
        }

        return Consistent(new AdverseEventDetails(
            term.MeddraCode,
            term.Term,
            input.Onset,
            input.End,
            input.Grade,
            input.Seriousness.Distinct().Order().ToArray(),
            input.Causality,
            input.ActionTaken,
            input.Outcome), now, clock);
    }

    /// <summary>Dates, outcome and seriousness agree with each other; a date is in the future when the site's day has not begun.</summary>
    public static (AdverseEventDetails? Details, Rejection? Rejection) Consistent(AdverseEventDetails details, DateTimeOffset now, SiteClock clock)
    {
        if (!details.Onset.IsValid())
        {
            return Fail("adverse-event.onset-required", "Give the onset date (YYYY, YYYY-MM or YYYY-MM-DD).", "onset");
        }

        if (details.Onset.EarliestOn(clock) > now)
        {
            return Fail("adverse-event.onset-in-future", $"The onset {details.Onset.ShowOn(clock)} lies in the future.", "onset");
        }

        if (details.End is { } end)
        {
            if (end.IsCertainlyBefore(details.Onset))
            {
                return Fail("adverse-event.end-before-onset", $"The end {end.ShowOn(clock)} lies before the onset {details.Onset.ShowOn(clock)}.", "end");
            }

            if (end.EarliestOn(clock) > now)
            {
                return Fail("adverse-event.end-in-future", $"The end {end.ShowOn(clock)} lies in the future.", "end");
            }
        }

        var death = details.Seriousness.Contains(SeriousnessCriterion.Death);
        if (details.Grade == 5 && details.Outcome != AdverseEventOutcome.Fatal)
        {
            return Fail("adverse-event.grade-5-not-fatal", "Grade 5 means death related to the event: the outcome must be fatal.", "outcome");
        }

        if ((details.Outcome == AdverseEventOutcome.Fatal) != death)
        {
            return Fail("adverse-event.death-criterion", "A fatal outcome and the seriousness criterion 'death' go together.", "seriousness");
        }

        if (details.Outcome is AdverseEventOutcome.RecoveredResolved or AdverseEventOutcome.RecoveredResolvedWithSequelae or AdverseEventOutcome.Fatal
            && details.End is null)
        {
            return Fail("adverse-event.end-required", $"An event with outcome {details.Outcome} has ended: give the end date.", "end");
        }

        if (details.Outcome is AdverseEventOutcome.RecoveringResolving or AdverseEventOutcome.NotRecoveredNotResolved && details.End is not null)
        {
            return Fail("adverse-event.end-while-ongoing", $"An event with outcome {details.Outcome} is ongoing: leave the end date empty.", "end");
        }

        return (details, null);
    }

    /// <summary>Causality is an investigator's judgement (ICH E6 4.3).</summary>
    public static Rejection? CausalityRole(Causality? before, Causality? after, Actor by) =>
        before != after && by.Role != Roles.Investigator
            ? new Rejection(RejectionCodes.NotPermitted, "Only an Investigator can judge causality.", "causality")
            : null;

    /// <summary>The event's report clock: awareness plus the protocol's <c>saeReportHours</c>, for a serious event.</summary>
    public static DateTimeOffset? SponsorReportDueAt(AdverseEventDetails details, DateTimeOffset awareAt, TrialContext trial) =>
        details.Serious ? awareAt.AddHours(trial.Protocol.Safety.SaeReportHours) : null;

    public static OutgoingMessage DueMessage(string adverseEventId, DateTimeOffset dueAt) =>
        new(SaeReportDueMessage.MessageType, new SaeReportDueMessage(adverseEventId, dueAt), dueAt, AdverseEventStreams.For(adverseEventId));

    /// <summary>An adverse event is collected from consent on (the site's consent date); an earlier onset is medical history.</summary>
    public static Rejection? AfterConsent(ParticipantState participant, PartialDate onset, SiteClock clock) =>
        participant.ConsentDate is { } consent && onset.LatestOn(clock) < clock.StartOfDay(consent)
            ? new Rejection("adverse-event.onset-before-consent", $"The onset {onset.ShowOn(clock)} lies before the consent date {consent:yyyy-MM-dd}: record it as medical history, not as an adverse event.", "onset")
            : null;

    private static (AdverseEventDetails?, Rejection?) Fail(string code, string message, string field) => (null, new Rejection(code, message, field));

    private static bool IsValid(this PartialDate date) => date.Text is not null;
}
