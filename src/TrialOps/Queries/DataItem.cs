using System.Text.Json.Serialization;
using TrialOps.Assessments;
using TrialOps.Dosing;
using TrialOps.Participants;

namespace TrialOps.Queries;

/// <summary>What a query or a source data verification is about. Stored in events: never rename a member.</summary>
public enum DataItemKind
{
    /// <summary>A scale value or vital signs at a period and time point (or its record as not done).</summary>
    Assessment,

    /// <summary>The weight taken at a period's session.</summary>
    Weight,

    /// <summary>The recorded start of dosing of a period.</summary>
    DosingStart,

    /// <summary>The recorded end of dosing of a period.</summary>
    DosingStop,

    /// <summary>The consent date and form version.</summary>
    Consent,

    /// <summary>The demographics form.</summary>
    Demographics,

    /// <summary>A whole period's form (every value recorded for the period).</summary>
    Period,

    /// <summary>An adverse event of the participant (its own stream), named by <see cref="DataItem.AdverseEventId"/>.</summary>
    AdverseEvent,
}

/// <summary>
/// One recorded item of a participant, identified the way its corrections identify it: an
/// assessment by period, the protocol's assessment code and time point (<c>PT20M</c>); a weight or
/// dosing time by period; consent and demographics by the participant alone. A
/// <see cref="DataItemKind.Period"/> item stands for every value of the period.
/// </summary>
/// <param name="Period">1-based period; null for consent and demographics.</param>
/// <param name="AssessmentCode">The protocol's spelling (<c>PAIN</c>), for an assessment.</param>
/// <param name="Timepoint">The protocol's spelling (<c>PT20M</c>), for an assessment.</param>
/// <param name="AdverseEventId">The case id, for an adverse event (ADR 0025); added later, null in older events.</param>
public sealed record DataItem(DataItemKind Kind, int? Period = null, string? AssessmentCode = null, string? Timepoint = null, string? AdverseEventId = null)
{
    /// <summary>How <see cref="Key"/> names an adverse event: <c>AE 3f2a…</c>.</summary>
    public const string AdverseEventKeyPrefix = "AE ";

    /// <summary>
    /// The item as pages and the audit trail name it: the same words as the value keys of the
    /// participant's timeline (<c>P1 PAIN PT20M</c>, <c>P1 weight</c>, <c>Consent</c>), so a query
    /// shows on the row of the value it is about.
    /// </summary>
    [JsonIgnore]
    public string Key => Kind switch
    {
        DataItemKind.Assessment => $"P{Period} {AssessmentCode} {Timepoint}",
        DataItemKind.Weight => $"P{Period} weight",
        DataItemKind.DosingStart => $"P{Period} dosing start",
        DataItemKind.DosingStop => $"P{Period} dosing stop",
        DataItemKind.Consent => "Consent",
        DataItemKind.Demographics => "Demographics",
        DataItemKind.Period => $"Period {Period}",
        DataItemKind.AdverseEvent => AdverseEventKeyPrefix + AdverseEventId,
        _ => Kind.ToString(),
    };

    /// <summary>A single recorded value (not a whole period).</summary>
    [JsonIgnore]
    public bool IsValue => Kind != DataItemKind.Period;

    /// <summary>Whether this item is <paramref name="value"/> or, for a period item, contains it.</summary>
    public bool Covers(DataItem value) =>
        Kind == DataItemKind.Period ? value.Period == Period : Equals(value);

    public override string ToString() => Key;

    /// <summary>The recorded value a participant event sets or corrects; null for events that record no such value.</summary>
    public static DataItem? SetBy(object participantEvent) => participantEvent switch
    {
        ParticipantScreened => new(DataItemKind.Consent),
        ConsentCorrected => new(DataItemKind.Consent),
        DemographicsRecorded => new(DataItemKind.Demographics),
        DemographicsCorrected => new(DataItemKind.Demographics),
        SessionWeightRecorded e => new(DataItemKind.Weight, e.Period),
        SessionWeightCorrected e => new(DataItemKind.Weight, e.Period),
        DosingStarted e => new(DataItemKind.DosingStart, e.Period),
        DosingStartCorrected e => new(DataItemKind.DosingStart, e.Period),
        DosingStopped e => new(DataItemKind.DosingStop, e.Period),
        DosingStopCorrected e => new(DataItemKind.DosingStop, e.Period),
        ScaleAssessmentRecorded e => new(DataItemKind.Assessment, e.Period, e.AssessmentCode, e.Timepoint),
        ScaleAssessmentCorrected e => new(DataItemKind.Assessment, e.Period, e.AssessmentCode, e.Timepoint),
        VitalSignsRecorded e => new(DataItemKind.Assessment, e.Period, e.AssessmentCode, e.Timepoint),
        VitalSignsCorrected e => new(DataItemKind.Assessment, e.Period, e.AssessmentCode, e.Timepoint),
        AssessmentNotDone e => new(DataItemKind.Assessment, e.Period, e.AssessmentCode, e.Timepoint),
        _ => null,
    };
}
