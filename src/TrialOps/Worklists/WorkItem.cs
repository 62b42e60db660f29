using TrialOps.Messaging;

namespace TrialOps.Worklists;

/// <summary>What a piece of work is; the page where it is done follows from it.</summary>
public enum WorkKind
{
    /// <summary>A dosing session due or overdue (site staff).</summary>
    DosingSession,

    /// <summary>A scheduled assessment due or overdue, not recorded as not done (site staff).</summary>
    Assessment,

    /// <summary>A serious adverse event not yet reported to the sponsor, with its report clock.</summary>
    SaeReport,

    /// <summary>An open serious adverse event without the investigator's causality judgement.</summary>
    SaeCausality,

    /// <summary>An open query waiting for the site's answer.</summary>
    QueryToAnswer,

    /// <summary>An answered query waiting for the monitor to close or re-open it.</summary>
    QueryToReview,

    /// <summary>A participant with values not verified against source in their current version.</summary>
    SourceVerification,

    /// <summary>A safety alert no investigator has acknowledged (<see cref="Assessments.SafetyAlertWorklist"/>).</summary>
    SafetyAlert,

    /// <summary>A dosing session due whose infusion the pharmacist has not prepared yet.</summary>
    Preparation,

    /// <summary>A record awaiting the Investigator's signature, or signed and changed since (ADR 0025).</summary>
    SignOff,

    /// <summary>A running expedited (SUSAR) report clock (ADR 0026).</summary>
    SusarReport,

    /// <summary>A case whose term an amendment listed or unlisted in the reference safety information since its expectedness was decided (ADR 0026).</summary>
    ExpectednessReassessment,
}

/// <summary>
/// One thing the signed-in user should do now, in one trial. Blinded by construction: no field can
/// hold a treatment, a sequence, a kit or a dose, so the same item serves every role.
/// </summary>
/// <param name="What">What to do, in words (<c>Dosing session, period 2</c>, <c>Query 3 on P1 PAIN PT20M</c>).</param>
/// <param name="DueAt">
/// When it falls or fell due (an SAE report's deadline, a session's opening); for work without a
/// deadline (a query, an alert, an SAE to judge) since when it waits; null for neither (SDV).
/// </param>
/// <param name="Overdue">Past its deadline.</param>
public sealed record WorkItem(string Trial, WorkKind Kind, string Subject, string Site, string What, DateTimeOffset? DueAt, bool Overdue)
{
    public int? Period { get; init; }

    public string? AdverseEventId { get; init; }

    public int? QueryNumber { get; init; }

    /// <summary>For <see cref="WorkKind.SignOff"/>: which record is to be signed.</summary>
    public TrialOps.SignOff.SignOffKind? SignOff { get; init; }

    /// <summary>When it stops being on time (a session's or assessment's deadline).</summary>
    public DateTimeOffset? DeadlineAt { get; init; }
}

/// <summary>
/// One kind of work for the worklist: which roles it is for, and the items of one trial at the
/// viewer's sites. A new kind of work is one more source registered with the host.
/// </summary>
public interface IWorklistSource
{
    /// <summary>The roles whose worklist shows this work.</summary>
    IReadOnlyList<string> Roles { get; }

    Task<IReadOnlyList<WorkItem>> ItemsAsync(string trial, Actor viewer, DateTimeOffset now, CancellationToken ct);
}
