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
        AdverseEventCorrected e => this with { Details = e.Details, Period = e.Period, SponsorReportDueAt = e.SponsorReportDueAt },
        AdverseEventOutcomeRecorded e => this with { Details = Details! with { Outcome = e.Outcome, End = e.End } },
        AdverseEventCausalityAssessed e => this with { Details = Details! with { Causality = e.Causality } },
        SaeReportedToSponsor e => this with { ReportedToSponsorAt = e.ReportedAt },
        SaeFollowUpReported => this with { FollowUps = FollowUps + 1 },
        SaeReportOverdue => this with { MarkedOverdue = true },
        _ => this,
    };
}
