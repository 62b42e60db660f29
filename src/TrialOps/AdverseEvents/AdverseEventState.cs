using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.AdverseEvents;

/// <summary>What the adverse-event decisions need from an <c>adverse-event-…</c> stream.</summary>
public sealed record AdverseEventState(
    string? AdverseEventId,
    ProtocolCode? Protocol,
    SubjectNumber Subject,
    DateTimeOffset? AwareAt,
    AdverseEventDetails? Details,
    int? Period,
    DateTimeOffset? SponsorReportDueAt,
    DateTimeOffset? ReportedToSponsorAt,
    int FollowUps,
    bool MarkedOverdue)
{
    public static AdverseEventState Initial { get; } = new(null, null, default, null, null, null, null, null, 0, false);

    public bool Exists => Details is not null;

    public bool Serious => Details?.Serious == true;

    /// <summary>When the causality became related after the report (judged or corrected); null when it was related from the report on, or is not.</summary>
    public DateTimeOffset? RelatedSince { get; init; }

    /// <summary>The medical monitor's first expectedness assessment (ADR 0026).</summary>
    public AdverseEventExpectednessAssessed? Expectedness { get; init; }

    /// <summary>The medical monitor's later changes of expectedness, in order.</summary>
    public IReadOnlyList<AdverseEventExpectednessReassessed> Reassessments { get; init; } = [];

    /// <summary>Expectedness as it stands: the latest re-assessment, else the first assessment; null before any.</summary>
    public Expectedness? CurrentExpectedness => Reassessments.Count > 0 ? Reassessments[^1].Expectedness : Expectedness?.Expectedness;

    /// <summary>
    /// When the latest re-assessment that changed the value made the event unexpected; null when it
    /// is expected, or unexpected from the first assessment on. A re-assessment that kept the value
    /// (after a change of the reference safety information) confirms, and does not restart day 0.
    /// </summary>
    public DateTimeOffset? UnexpectedSince =>
        Reassessments.LastOrDefault(r => r.Expectedness != r.Previous) is { Expectedness: AdverseEvents.Expectedness.Unexpected } changed ? changed.ReassessedAt : null;

    /// <summary>Expedited SUSAR reports recorded, in order.</summary>
    public IReadOnlyList<SusarReportSubmitted> SusarReports { get; init; } = [];

    /// <summary>SUSAR reports the scheduler marked overdue.</summary>
    public IReadOnlyList<SusarReportKind> SusarOverdue { get; init; } = [];

    /// <summary>Safety officers who opened the treatment at onset (user ids).</summary>
    public IReadOnlyList<string> TreatmentRevealedTo { get; init; } = [];

    public static AdverseEventState From(IEnumerable<object> events) => events.Aggregate(Initial, (state, e) => state.Apply(e));

    public AdverseEventState Apply(object @event) => @event switch
    {
        AdverseEventReported e => this with
        {
            AdverseEventId = e.AdverseEventId,
            Protocol = e.Protocol,
            Subject = e.Subject,
            AwareAt = e.AwareAt,
            Details = e.Details,
            Period = e.Period,
            SponsorReportDueAt = e.SponsorReportDueAt,
        },
        AdverseEventCorrected e => this with
        {
            Details = e.Details,
            Period = e.Period,
            SponsorReportDueAt = e.SponsorReportDueAt,
            RelatedSince = ExpeditedReporting.Related(e.Details.Causality) && !ExpeditedReporting.Related(Details?.Causality) ? e.CorrectedAt : RelatedSince,
        },
        AdverseEventOutcomeRecorded e => this with { Details = Details! with { Outcome = e.Outcome, End = e.End } },
        AdverseEventCausalityAssessed e => this with
        {
            Details = Details! with { Causality = e.Causality },
            RelatedSince = ExpeditedReporting.Related(e.Causality) ? e.AssessedAt : RelatedSince,
        },
        SaeReportedToSponsor e => this with { ReportedToSponsorAt = e.ReportedAt },
        SaeFollowUpReported => this with { FollowUps = FollowUps + 1 },
        SaeReportOverdue => this with { MarkedOverdue = true },
        AdverseEventExpectednessAssessed e => this with { Expectedness = e },
        AdverseEventExpectednessReassessed e => this with { Reassessments = [.. Reassessments, e] },
        SusarReportSubmitted e => this with { SusarReports = [.. SusarReports, e] },
        SusarReportOverdue e => this with { SusarOverdue = [.. SusarOverdue, e.Kind] },
        SusarTreatmentRevealed e => this with { TreatmentRevealedTo = [.. TreatmentRevealedTo, e.RevealedBy] },
        _ => this,
    };
}
