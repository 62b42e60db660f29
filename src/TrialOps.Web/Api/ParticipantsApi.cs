using TrialOps.AdverseEvents;
using TrialOps.Blinding;
using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Identity;
using TrialOps.Audit;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Web.Auth;
using Wolverine;
using TrialOps.Web.Components.Pages.Participants;
using TrialOps.Web.Components.Pages.Trials;
using TrialOps.Web.Hosting;

namespace TrialOps.Web.Api;

/// <summary>One dosing session as every role sees it: kit number, recorded times, washout, and the blinded bedside instruction.</summary>
public sealed record SessionResponse(
    int Period,
    string? Kit,
    decimal? WeightKg,
    DateTimeOffset? WeightMeasuredAt,
    DateTimeOffset? PreparedAt,
    string? PreparedBy,
    string? CheckedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    bool? Completed,
    bool Interrupted,
    bool StartedAsDeviation,
    DateTimeOffset? WashoutEndsAt,
    string? Washout,
    string? Instruction,
    bool AwaitsPharmacyRecheck = false)
{
    public static SessionResponse From(SessionView view)
    {
        var s = view.Session;
        return new(view.Period, view.Kit, s.WeightKg, s.WeightMeasuredAt, s.Preparation?.PreparedAt, s.Preparation?.PreparedBy, s.Preparation?.CheckedBy,
            s.StartedAt, s.StoppedAt, s.Completed, s.Interrupted, s.StartedAsDeviation, view.WashoutEndsAt, view.WashoutText, view.Instruction, s.AwaitsPharmacyRecheck);
    }
}

/// <summary>A participant, folded from their stream (blinded: kit numbers, never treatments).</summary>
public sealed record ParticipantResponse(
    string Protocol,
    string Subject,
    string? Site,
    ParticipantStatus Status,
    DateOnly? ConsentDate,
    string? ConsentFormVersion,
    IReadOnlyList<string> FailedCriteria,
    int PeriodCount,
    int PeriodsDosed,
    int? CurrentPeriod,
    DateTimeOffset? EndedAt,
    int SafetyAlerts,
    IReadOnlyList<SessionResponse> Sessions)
{
    public static ParticipantResponse From(ParticipantRecord record)
    {
        var s = record.State;
        return new(record.Code, record.Subject, s.Site, s.Status, s.ConsentDate, s.ConsentFormVersion, s.FailedCriteria, s.PeriodCount, s.PeriodsDosed,
            s.InTreatment ? s.CurrentPeriod : null, s.EndedAt, s.SafetyAlerts, record.Sessions.Select(SessionResponse.From).ToArray());
    }
}

/// <summary>A recorded assessment with its latest correction applied; <see cref="Corrections"/> counts them (the history is in the timeline).</summary>
public sealed record AssessmentResponse(int Period, string AssessmentCode, string Timepoint, DateTimeOffset ClinicalTime, decimal? Value, VitalSigns? VitalSigns, int Corrections);

/// <summary>An adverse-event case with its history (who, when, why).</summary>
public sealed record AdverseEventResponse(
    string AdverseEventId,
    string Protocol,
    string Subject,
    AdverseEventDetails Details,
    int? Period,
    DateTimeOffset? AwareAt,
    DateTimeOffset? SponsorReportDueAt,
    DateTimeOffset? ReportedToSponsorAt,
    int FollowUps,
    IReadOnlyList<TimelineEntry> History)
{
    public static AdverseEventResponse From(Components.Pages.AdverseEvents.AdverseEventCase found)
    {
        var s = found.State;
        return new(s.AdverseEventId!, s.Protocol!.Value.Value, s.Subject.ToString(), s.Details!, s.Period, s.AwareAt, s.SponsorReportDueAt, s.ReportedToSponsorAt, s.FollowUps, found.History);
    }
}

/// <summary>One component of the pharmacy's dose: what to give, over how long, at what rate, in what volume.</summary>
public sealed record DoseComponentResponse(int Order, string Kind, decimal Amount, decimal UncappedAmount, string Unit, double DurationMinutes, decimal? RatePerHour, decimal? VolumeMl);

/// <summary>Unblinded: the pharmacy's view of one session.</summary>
public sealed record PharmacyDoseResponse(
    string Protocol,
    string Subject,
    int Period,
    string Kit,
    string TreatmentCode,
    string TreatmentLabel,
    bool Placebo,
    decimal? WeightKg,
    IReadOnlyList<DoseComponentResponse> Components,
    decimal? Total,
    string? Unit,
    bool Capped,
    string? BlindedInstruction,
    decimal? MakeUpMl = null,
    string? MakeUpInstruction = null,
    decimal? CorrectedWeightKg = null,
    IReadOnlyList<DoseComponentResponse>? CorrectedComponents = null,
    decimal? CorrectedTotal = null,
    decimal? CorrectedMakeUpMl = null);

/// <summary>Screening. <paramref name="Subject"/> may be left out: the site's next number is taken.</summary>
public sealed record ScreenRequest(string Site, DateOnly ConsentDate, string ConsentFormVersion, string? Subject = null);

public sealed record EligibilityRequest(IReadOnlyList<EligibilityAnswer> Answers);

/// <summary>Randomization; the body is optional. <paramref name="RandomizationDate"/>: the clinical date (default the date of recording).</summary>
public sealed record RandomizationRequest(DateOnly? RandomizationDate = null);

public sealed record WithdrawalRequest(DateTimeOffset WithdrawnAt, WithdrawalReason Reason, string Details);

public sealed record CompletionRequest(DateTimeOffset CompletedAt);

public sealed record ConsentCorrectionRequest(DateOnly ConsentDate, string ConsentFormVersion, string Reason);

/// <summary>
/// Demographics as collected at screening: the date of birth, or the age in years where the protocol
/// collects age; sex, race and ethnicity as CDISC SDTM terms (SEX, RACE, ETHNIC). A second call
/// corrects them and needs the reason.
/// </summary>
public sealed record DemographicsRequest(string Sex, string Race, string Ethnicity, DateOnly? BirthDate = null, int? AgeYears = null, string? Reason = null);

public sealed record WeightRequest(DateTimeOffset MeasuredAt, decimal WeightKg);

public sealed record WeightCorrectionRequest(DateTimeOffset MeasuredAt, decimal WeightKg, string Reason);

/// <summary>
/// The pharmacist's preparation: the six-digit kit number on the package, and the second check,
/// signed by another pharmacist with their user name, password and (when their account has a
/// second factor) current authenticator code (ADR 0020).
/// </summary>
public sealed record PreparationRequest(string Kit, DateTimeOffset PreparedAt, string CheckedBy, string? CheckerPassword = null, string? CheckerCode = null);

/// <summary>
/// The weight was corrected after the dose was prepared: the pharmacist prepared the dose anew for the
/// weight in force from the period's kit, with the reason and a second pharmacist's signed check (ADR 0020).
/// </summary>
public sealed record PreparationReplacementRequest(string Kit, DateTimeOffset PreparedAt, string Reason, string CheckedBy, string? CheckerPassword = null, string? CheckerCode = null);

/// <summary>
/// The weight was corrected after the dose was prepared: the pharmacist confirms the prepared dose is
/// right for the weight in force, with the reason and a second pharmacist's signed check (ADR 0020).
/// </summary>
public sealed record PreparationConfirmationRequest(string Reason, string CheckedBy, string? CheckerPassword = null, string? CheckerCode = null);

public sealed record StartRequest(DateTimeOffset StartedAt);

/// <summary>A start that happened before the washout had elapsed: a protocol deviation (Investigator, reason).</summary>
public sealed record StartBeforeWashoutRequest(DateTimeOffset StartedAt, string Reason);

public sealed record InterruptionRequest(DateTimeOffset InterruptedAt, string Reason);

public sealed record ResumptionRequest(DateTimeOffset ResumedAt);

public sealed record RateChangeRequest(DateTimeOffset ChangedAt, decimal RateMlPerHour, string Reason);

/// <summary>
/// The end of dosing. A complete stop after less than 90 % of the planned duration (interruptions
/// not counted) is refused (<c>dosing.complete-shorter-than-planned</c>) unless
/// <paramref name="ShortInfusionConfirmed"/> is true and <paramref name="ShortInfusionReason"/> says why.
/// </summary>
public sealed record StopRequest(DateTimeOffset StoppedAt, bool Completed, string? EarlyStopReason = null, bool ShortInfusionConfirmed = false, string? ShortInfusionReason = null);

public sealed record TimeCorrectionRequest(DosingTime Which, DateTimeOffset Time, string Reason);

/// <summary>An assessment at one of the protocol's times: a scale <paramref name="Value"/> or <paramref name="VitalSigns"/>, whichever the assessment is.</summary>
public sealed record AssessmentRequest(int Period, string AssessmentCode, string Timepoint, DateTimeOffset AssessedAt, decimal? Value = null, VitalSigns? VitalSigns = null);

/// <summary>A scheduled assessment that was not done (missed, refused, impossible), with the reason.</summary>
public sealed record AssessmentNotDoneRequest(int Period, string AssessmentCode, string Timepoint, string Reason);

/// <summary>An assessment recorded as not done: it is no longer due or overdue.</summary>
public sealed record AssessmentNotDoneResponse(int Period, string AssessmentCode, string Timepoint, string Reason);

public sealed record AssessmentCorrectionRequest(int Period, string AssessmentCode, string Timepoint, DateTimeOffset AssessedAt, string Reason, decimal? Value = null, VitalSigns? VitalSigns = null);

/// <summary>An adverse event as the site reports it. Dates may be partial (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM UTC).</summary>
public sealed record AdverseEventRequest(
    int MeddraCode,
    PartialDate Onset,
    int Grade,
    ActionTaken ActionTaken,
    AdverseEventOutcome Outcome,
    DateTimeOffset AwareAt,
    PartialDate? End = null,
    IReadOnlyList<SeriousnessCriterion>? Seriousness = null,
    Causality? Causality = null)
{
    public AdverseEventInput Input => new(MeddraCode, Onset, End, Grade, Seriousness ?? [], Causality, ActionTaken, Outcome);
}

public sealed record AdverseEventCorrectionRequest(
    int MeddraCode,
    PartialDate Onset,
    int Grade,
    ActionTaken ActionTaken,
    AdverseEventOutcome Outcome,
    string Reason,
    PartialDate? End = null,
    IReadOnlyList<SeriousnessCriterion>? Seriousness = null,
    Causality? Causality = null)
{
    public AdverseEventInput Input => new(MeddraCode, Onset, End, Grade, Seriousness ?? [], Causality, ActionTaken, Outcome);
}

public sealed record OutcomeRequest(AdverseEventOutcome Outcome, PartialDate? End = null);

public sealed record CausalityRequest(Causality Causality);

public sealed record SponsorReportRequest(DateTimeOffset ReportedAt, string? SponsorReference = null);

public sealed record FollowUpRequest(DateTimeOffset ReportedAt, string Information);

/// <summary>Emergency unblinding: the clinical reason and the investigator's password (electronic signature).</summary>
public sealed record EmergencyUnblindingRequest(string Reason, string Password, string? Code = null);

/// <summary>
/// The participant journey over HTTP: participants, their sessions, assessments and adverse
/// events, and a POST for every journey command. Each POST takes an <c>Idempotency-Key</c> (GUID)
/// as its command id, so a retried request has its effect once. Refusals are problem details:
/// 400 for a bad value (naming the field), 403 for a role that may not, 404 for an unknown
/// trial, participant or event, 409 for a command the record's state does not allow.
/// </summary>
public static class ParticipantsApi
{
    public static RouteGroupBuilder MapParticipantsApi(this RouteGroupBuilder v1)
    {
        var participants = v1.MapGroup("/trials/{code}/participants").WithTags("Participants").OnlyReachableSubjects();
        MapParticipants(participants);
        MapSessions(v1.MapGroup("/trials/{code}/participants/{subject}/sessions").WithTags("Dosing sessions").OnlyReachableSubjects());
        MapAssessments(v1.MapGroup("/trials/{code}/participants/{subject}/assessments").WithTags("Assessments").OnlyReachableSubjects());
        MapAdverseEvents(v1.MapGroup("/trials/{code}").WithTags("Adverse events").OnlyReachableSubjects());
        return v1;
    }

    /// <summary>
    /// A request naming a participant of a site the user is not assigned to is answered 404, like
    /// an unknown participant, before any handler reads or sends anything (ADR 0010). The commands
    /// refuse it again in the domain (<see cref="SiteRules"/>).
    /// </summary>
    internal static RouteGroupBuilder OnlyReachableSubjects(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            return http.Request.RouteValues.TryGetValue("subject", out var value) && value is string subject && !SiteRules.MayReach(http.User.Actor(), subject)
                ? ParticipantNotFound(http.Request.RouteValues["code"] as string ?? string.Empty, subject)
                : await next(context);
        });

    private static void MapParticipants(RouteGroupBuilder participants)
    {
        participants.MapGet("", async Task<IResult> (string code, string? site, string? status, string? search, string? sort, bool? descending, int? page, int? pageSize, bool? overdue, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
            {
                if (await protocolViews.GetTrialStatusAsync(code, http.User.Actor(), ct) is null)
                {
                    return TrialsApi.TrialNotFound(code);
                }

                ParticipantStatus? statusFilter = null;
                if (!string.IsNullOrWhiteSpace(status))
                {
                    if (!Enum.TryParse<ParticipantStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || parsed == ParticipantStatus.None)
                    {
                        return TrialsApi.OutOfRange("status", $"Unknown status '{status}' (Screened, Eligible, ScreenFailed, Randomized, Withdrawn, Completed).");
                    }

                    statusFilter = parsed;
                }

                var order = ParticipantSort.SubjectNumber;
                if (!string.IsNullOrWhiteSpace(sort) && (!Enum.TryParse(sort, ignoreCase: true, out order) || !Enum.IsDefined(order)))
                {
                    return TrialsApi.OutOfRange("sort", $"Unknown sort '{sort}' (SubjectNumber, Site, Status, ScreenedAt, LastActivity).");
                }

                if (page is < 1 or > 1_000_000)
                {
                    return TrialsApi.OutOfRange("page", "page counts from 1 (to 1,000,000).");
                }

                foreach (var (name, value) in new[] { ("site", site), ("search", search) })
                {
                    if (InputText.Problem(value, 200) is { } problem)
                    {
                        return TrialsApi.OutOfRange(name, $"The {name} filter {problem}.");
                    }
                }

                if (pageSize is < 1 or > ParticipantListQuery.MaxPageSize)
                {
                    return TrialsApi.OutOfRange("pageSize", $"pageSize must be 1 to {ParticipantListQuery.MaxPageSize}.");
                }

                return TypedResults.Ok(await register.ListParticipantsAsync(
                    new ParticipantListQuery(code, string.IsNullOrWhiteSpace(site) ? null : site, statusFilter, search, order, descending == true, page ?? 1, pageSize ?? 25, http.User.Actor().Access, overdue == true), ct));
            })
            .WithName("ListParticipants")
            .WithSummary("Participants of a trial with their overdue count: filter by site, status, part of the subject number and overdue only; sort; page (25 by default, at most 500).")
            .Produces<PageOf<ParticipantSummary>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        participants.MapPost("", async Task<IResult> (string code, ScreenRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, TrialAuditTrail audit, CancellationToken ct) =>
            {
                if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
                {
                    return problem!;
                }

                if (!ProtocolCode.TryParse(code, out var protocol) || await protocolViews.GetProtocolAsync(code, context.Actor, ct) is not { } view)
                {
                    return TrialsApi.TrialNotFound(code);
                }

                if (!view.Summary.Sites.Any(s => s.Code == request.Site))
                {
                    return ApiResults.Rejected(new Rejection("participant.unknown-site", $"Protocol {code} has no site '{request.Site}'.", "site"));
                }

                SubjectNumber subject;
                if (request.Subject is null)
                {
                    subject = await register.NextSubjectNumberAsync(protocol, request.Site, ct);
                }
                else if (!SubjectNumber.TryParse(request.Subject, out subject))
                {
                    return ApiResults.Rejected(new Rejection("participant.invalid-subject-number", $"'{request.Subject}' is not a subject number (site code, '-', at least three digits).", "subject"));
                }

                var result = await commands.SendCommandAsync(context, new ScreenParticipant(protocol, request.Site, subject, request.ConsentDate, request.ConsentFormVersion), ct);
                if (!result.Accepted)
                {
                    return ApiResults.Rejected(result.Rejection!);
                }

                // A retried request with a taken-on-the-fly number: the first result screened an earlier number.
                if (result.Duplicate && request.Subject is null && result.Positions.Count > 0 && await audit.SubjectOfAsync(result.Positions[0], ct) is { } first)
                {
                    subject = first;
                }

                return await ParticipantResultAsync(protocolViews, register, http, code, subject.ToString(), ct, created: true);
            })
            .WithName("ScreenParticipant")
            .WithSummary("Screen a participant who signed the consent form (Coordinator, Investigator).")
            .Produces<ParticipantResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        participants.MapGet("/{subject}", (string code, string subject, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                ParticipantResultAsync(protocolViews, register, http, code, subject, ct))
            .WithName("GetParticipant")
            .WithSummary("One participant: status, consent, periods with kit numbers, recorded session times and the blinded instruction.")
            .Produces<ParticipantResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        participants.MapGet("/{subject}/timeline", async Task<IResult> (string code, string subject, ProtocolHistory history, ParticipantTimelines timelines, IMessageBus commands, CancellationToken ct) =>
                await timelines.GetTimelineAsync(code, subject, ct) is { } timeline
                    ? TypedResults.Ok(timeline)
                    : ParticipantNotFound(code, subject))
            .WithName("GetParticipantTimeline")
            .WithSummary("Every recorded event of the participant and their adverse events, and each value's history: original and corrections with who, when and why.")
            .Produces<ParticipantTimeline>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        participants.MapGet("/{subject}/schedule", async Task<IResult> (string code, string subject, ParticipantRegister register, ParticipantSchedule schedule, IMessageBus commands, CancellationToken ct) =>
                await register.GetParticipantAsync(code, subject, ct) is null
                    ? ParticipantNotFound(code, subject)
                    : TypedResults.Ok(await schedule.GetScheduleAsync(code, subject, ct)))
            .WithName("GetParticipantSchedule")
            .WithSummary("The participant's schedule, period by period, each step with its status now.")
            .Produces<IReadOnlyList<ScheduleItem>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        participants.MapGet("/{subject}/audit", async Task<IResult> (string code, string subject, HttpContext http, IMessageBus commands, TrialAuditTrail audit, CancellationToken ct) =>
                ProtocolCode.TryParse(code, out var protocol) && SubjectNumber.TryParse(subject, out var number) && await audit.ForParticipantAsync(protocol, number, http.User.Actor(), ct) is { } entries
                    ? TypedResults.Ok(entries)
                    : ParticipantNotFound(code, subject))
            .WithName("GetParticipantAuditTrail")
            .WithSummary("The participant's audit trail, oldest first, with emergency code breaks (no treatment named).")
            .Produces<IReadOnlyList<AuditEntry>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        participants.MapGet("/{subject}/allocation", async Task<IResult> (string code, string subject, HttpContext http, AllocationViews allocationViews, CancellationToken ct) =>
            {
                try
                {
                    return await allocationViews.GetParticipantAllocationAsync(code, subject, http.User.Actor(), ct) is { } allocation
                        ? TypedResults.Ok(allocation)
                        : ParticipantNotFound(code, subject);
                }
                catch (BlindedAccessRefusedException refused)
                {
                    return TrialsApi.Refused(refused);
                }
            })
            .WithName("GetParticipantAllocation")
            .WithSummary("Unblinded: the participant's treatment per period (Pharmacist; Statistician after trial unblinding; the Investigator who broke this participant's blind).")
            .Produces<ParticipantAllocationView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        participants.MapPost("/{subject}/eligibility", (string code, string subject, EligibilityRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                ParticipantCommandAsync(http, protocolViews, register, code, subject, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new ConfirmEligibility(protocol, number, request.Answers), ct)))
            .WithName("ConfirmEligibility")
            .WithSummary("Answer every inclusion and exclusion criterion (Investigator); an ineligible participant becomes a screen failure.")
            .ProducesParticipantCommand();

        participants.MapPost("/{subject}/randomization", (string code, string subject, RandomizationRequest? request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                ParticipantCommandAsync(http, protocolViews, register, code, subject, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new EnrollParticipant(protocol, number, request?.RandomizationDate), ct)))
            .WithName("EnrollParticipant")
            .WithSummary("Enrol and randomize an eligible participant (Coordinator, Investigator): kits are assigned for every period; the sequence stays concealed. The body may give the clinical randomizationDate (default today; not in the future, not before consent).")
            .ProducesParticipantCommand();

        participants.MapPost("/{subject}/withdrawal", (string code, string subject, WithdrawalRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                ParticipantCommandAsync(http, protocolViews, register, code, subject, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new WithdrawParticipant(protocol, number, request.WithdrawnAt, request.Reason, request.Details), ct)))
            .WithName("WithdrawParticipant")
            .WithSummary("Record that the participant left the trial early (Coordinator, Investigator).")
            .ProducesParticipantCommand();

        participants.MapPost("/{subject}/completion", (string code, string subject, CompletionRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                ParticipantCommandAsync(http, protocolViews, register, code, subject, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new CompleteParticipation(protocol, number, request.CompletedAt), ct)))
            .WithName("CompleteParticipation")
            .WithSummary("Record the completion of a participant whose every period is dosed (Coordinator, Investigator).")
            .ProducesParticipantCommand();

        participants.MapPost("/{subject}/consent-corrections", (string code, string subject, ConsentCorrectionRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                ParticipantCommandAsync(http, protocolViews, register, code, subject, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new CorrectConsent(protocol, number, request.ConsentDate, request.ConsentFormVersion, request.Reason), ct)))
            .WithName("CorrectConsent")
            .WithSummary("Correct the consent date or form version, with the reason; the original stays.")
            .ProducesParticipantCommand();

        participants.MapPost("/{subject}/demographics", (string code, string subject, DemographicsRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                ParticipantCommandAsync(http, protocolViews, register, code, subject, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new RecordDemographics(protocol, number, request.BirthDate, request.AgeYears, request.Sex, request.Race, request.Ethnicity, request.Reason), ct)))
            .WithName("RecordDemographics")
            .WithSummary("Record the participant's demographics, or correct them with the reason (site staff).")
            .ProducesParticipantCommand();

        participants.MapPost("/{subject}/emergency-unblinding", async Task<IResult> (string code, string subject, EmergencyUnblindingRequest request, HttpContext http, AllocationViews allocationViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
            {
                if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
                {
                    return problem!;
                }

                if (!ProtocolCode.TryParse(code, out _) || !SubjectNumber.TryParse(subject, out var number) || !(await register.LoadAsync(ProtocolCode.Parse(code), number, ct)).Participant.Exists)
                {
                    return ParticipantNotFound(code, subject);
                }

                var result = await commands.SendCommandAsync(
                    context,
                    new BreakParticipantBlind(ProtocolCode.Parse(code), number.ToString(), request.Reason.Trim(), TrialsApi.Sign(http, request.Password, request.Code)),
                    ct);
                if (!result.Accepted)
                {
                    return ApiResults.Rejected(result.Rejection!);
                }

                return TypedResults.Ok(await allocationViews.RevealEmergencyAllocationAsync(code, number.ToString(), context.Actor, ct));
            })
            .WithName("BreakBlindInEmergency")
            .WithSummary("Emergency unblinding of one participant (Investigator; reason and password). Answers the allocation, for this investigator only; recorded and notified to the sponsor.")
            .Produces<ParticipantAllocationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapSessions(RouteGroupBuilder sessions)
    {
        sessions.MapGet("", async Task<IResult> (string code, string subject, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                await LoadAsync(protocolViews, register, http, code, subject, ct) is { } record
                    ? TypedResults.Ok(record.Sessions.Select(SessionResponse.From).ToArray())
                    : ParticipantNotFound(code, subject))
            .WithName("ListSessions")
            .WithSummary("The participant's dosing sessions, one per period, as blinded staff see them.")
            .Produces<SessionResponse[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapGet("/{period:int}", (string code, string subject, int period, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionResultAsync(protocolViews, register, http, code, subject, period, ct))
            .WithName("GetSession")
            .WithSummary("One dosing session: kit, weight, preparation, times, washout and the blinded instruction (\"Study infusion, 35 mL over 40 min\").")
            .Produces<SessionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapGet("/{period:int}/pharmacy", async Task<IResult> (string code, string subject, int period, HttpContext http, SessionDoseViews doses, IMessageBus commands, CancellationToken ct) =>
            {
                if (!ProtocolCode.TryParse(code, out var protocol) || !SubjectNumber.TryParse(subject, out var number))
                {
                    return ParticipantNotFound(code, subject);
                }

                try
                {
                    return await doses.GetPharmacyDoseAsync(http.User.Actor(), protocol, number, period, ct) is { } dose
                        ? TypedResults.Ok(PharmacyDose(dose))
                        : TrialsApi.NotFound("session.not-found", $"Participant {subject} of trial {code} has no kit for period {period}.");
                }
                catch (BlindedAccessRefusedException refused)
                {
                    return TrialsApi.Refused(refused);
                }
            })
            .WithName("GetPharmacyDose")
            .WithSummary("Unblinded: the treatment of the session's kit and the dose for the session weight (Pharmacist; Statistician after trial unblinding).")
            .Produces<PharmacyDoseResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapPost("/{period:int}/weight", (string code, string subject, int period, WeightRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new RecordSessionWeight(protocol, number, period, request.MeasuredAt, request.WeightKg), ct)))
            .WithName("RecordSessionWeight")
            .WithSummary("Record the weight taken at the session (site staff); the dose is calculated from it.")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/weight-corrections", (string code, string subject, int period, WeightCorrectionRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new CorrectSessionWeight(protocol, number, period, request.WeightKg, request.MeasuredAt, request.Reason), ct)))
            .WithName("CorrectSessionWeight")
            .WithSummary("Correct the session weight with a reason; the original stays.")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/preparation", (string code, string subject, int period, PreparationRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                KitNumber.TryParse(request.Kit, out var kit)
                    ? SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                        commands.SendCommandAsync(context, new RecordDosePreparation(protocol, number, period, kit, request.PreparedAt, request.CheckedBy ?? string.Empty, request.CheckerPassword ?? string.Empty, request.CheckerCode), ct))
                    : Task.FromResult(ApiResults.Rejected(new Rejection("dosing.invalid-kit", $"'{request.Kit}' is not a kit number (six digits).", "kit"))))
            .WithName("RecordDosePreparation")
            .WithSummary("Record that the period's kit was prepared (Pharmacist) and the check signed by a second pharmacist with their password (and second-factor code where enabled); a wrong password counts towards their lock-out.")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/preparation-replacements", (string code, string subject, int period, PreparationReplacementRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                KitNumber.TryParse(request.Kit, out var kit)
                    ? SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                        commands.SendCommandAsync(context, new ReplaceDosePreparation(protocol, number, period, kit, request.PreparedAt, request.Reason ?? string.Empty, request.CheckedBy ?? string.Empty, request.CheckerPassword ?? string.Empty, request.CheckerCode), ct))
                    : Task.FromResult(ApiResults.Rejected(new Rejection("dosing.invalid-kit", $"'{request.Kit}' is not a kit number (six digits).", "kit"))))
            .WithName("ReplaceDosePreparation")
            .WithSummary("The weight was corrected after the dose was prepared: record the dose prepared anew for the weight in force (Pharmacist), with the reason (read by blinded staff: one that names the treatment is refused) and the check signed by a second pharmacist.")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/preparation-confirmations", (string code, string subject, int period, PreparationConfirmationRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new ConfirmDosePreparation(protocol, number, period, request.Reason ?? string.Empty, request.CheckedBy ?? string.Empty, request.CheckerPassword ?? string.Empty, request.CheckerCode), ct)))
            .WithName("ConfirmDosePreparation")
            .WithSummary("The weight was corrected after the dose was prepared: confirm the prepared dose is right for the weight in force (Pharmacist), with the reason (read by blinded staff: one that names the treatment is refused) and the check signed by a second pharmacist.")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/start", (string code, string subject, int period, StartRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new StartDosing(protocol, number, period, request.StartedAt), ct)))
            .WithName("StartDosing")
            .WithSummary("Record the start of dosing (site staff). Refused while the washout has not elapsed; the problem says when it ends.")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/start-before-washout", (string code, string subject, int period, StartBeforeWashoutRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new StartDosingBeforeWashout(protocol, number, period, request.StartedAt, request.Reason), ct)))
            .WithName("StartDosingBeforeWashout")
            .WithSummary("Record a start that happened before the washout had elapsed, as a protocol deviation (Investigator, reason).")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/interruptions", (string code, string subject, int period, InterruptionRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new InterruptDosing(protocol, number, period, request.InterruptedAt, request.Reason), ct)))
            .WithName("InterruptDosing")
            .WithSummary("Record an interruption of the running infusion, with its reason.")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/resumptions", (string code, string subject, int period, ResumptionRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new ResumeDosing(protocol, number, period, request.ResumedAt), ct)))
            .WithName("ResumeDosing")
            .WithSummary("Record that an interrupted infusion was resumed.")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/rate-changes", (string code, string subject, int period, RateChangeRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new ChangeInfusionRate(protocol, number, period, request.ChangedAt, request.RateMlPerHour, request.Reason), ct)))
            .WithName("ChangeInfusionRate")
            .WithSummary("Record a change of the pump rate (mL/h), with its reason.")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/stop", (string code, string subject, int period, StopRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new StopDosing(protocol, number, period, request.StoppedAt, request.Completed, request.EarlyStopReason, request.ShortInfusionConfirmed, request.ShortInfusionReason), ct)))
            .WithName("StopDosing")
            .WithSummary("Record the end of dosing, complete or early (with the reason); the washout starts.")
            .ProducesSessionCommand();

        sessions.MapPost("/{period:int}/time-corrections", (string code, string subject, int period, TimeCorrectionRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                SessionCommandAsync(http, protocolViews, register, code, subject, period, ct, (context, protocol, number) =>
                    commands.SendCommandAsync(context, new CorrectDosingTime(protocol, number, period, request.Which, request.Time, request.Reason), ct)))
            .WithName("CorrectDosingTime")
            .WithSummary("Correct a recorded start or end of dosing, with a reason; the original stays.")
            .ProducesSessionCommand();
    }

    private static void MapAssessments(RouteGroupBuilder assessments)
    {
        assessments.MapGet("", async Task<IResult> (string code, string subject, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                await LoadAsync(protocolViews, register, http, code, subject, ct) is { } record
                    ? TypedResults.Ok(Assessments(record.State))
                    : ParticipantNotFound(code, subject))
            .WithName("ListAssessments")
            .WithSummary("The participant's recorded assessments, latest corrections applied, by period and time.")
            .Produces<AssessmentResponse[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        assessments.MapPost("", (string code, string subject, AssessmentRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                OneOf(request.Value, request.VitalSigns) is { } invalid
                    ? Task.FromResult(invalid)
                    : AssessmentCommandAsync(http, protocolViews, register, code, subject, request.Period, request.AssessmentCode, request.Timepoint, ct, (context, protocol, number) => request.VitalSigns is { } vitals
                        ? commands.SendCommandAsync(context, new RecordVitalSigns(protocol, number, request.Period, request.AssessmentCode, request.Timepoint, request.AssessedAt, vitals), ct)
                        : commands.SendCommandAsync(context, new RecordScaleAssessment(protocol, number, request.Period, request.AssessmentCode, request.Timepoint, request.AssessedAt, request.Value!.Value), ct)))
            .WithName("RecordAssessment")
            .WithSummary("Record a scale value or vital signs at one of the protocol's times (site staff); values beyond the protocol's vital limits raise a safety alert.")
            .Produces<AssessmentResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        assessments.MapPost("/corrections", (string code, string subject, AssessmentCorrectionRequest request, HttpContext http, ProtocolViews protocolViews, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
                OneOf(request.Value, request.VitalSigns) is { } invalid
                    ? Task.FromResult(invalid)
                    : AssessmentCommandAsync(http, protocolViews, register, code, subject, request.Period, request.AssessmentCode, request.Timepoint, ct, (context, protocol, number) => request.VitalSigns is { } vitals
                        ? commands.SendCommandAsync(context, new CorrectVitalSigns(protocol, number, request.Period, request.AssessmentCode, request.Timepoint, vitals, request.AssessedAt, request.Reason), ct)
                        : commands.SendCommandAsync(context, new CorrectScaleAssessment(protocol, number, request.Period, request.AssessmentCode, request.Timepoint, request.Value!.Value, request.AssessedAt, request.Reason), ct), created: false))
            .WithName("CorrectAssessment")
            .WithSummary("Correct a recorded scale value or vital signs with a reason; the original stays.")
            .Produces<AssessmentResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        assessments.MapPost("/not-done", async Task<IResult> (string code, string subject, AssessmentNotDoneRequest request, HttpContext http, ParticipantRegister register, IMessageBus commands, CancellationToken ct) =>
            {
                if (Prepare(http, code, subject) is not { } prepared)
                {
                    return Failure(http, code, subject);
                }

                var (context, protocol, number) = prepared;
                var result = await commands.SendCommandAsync(context, new RecordAssessmentNotDone(protocol, number, request.Period, request.AssessmentCode, request.Timepoint, request.Reason), ct);
                if (!result.Accepted)
                {
                    return ApiResults.Rejected(result.Rejection!);
                }

                // The protocol's spelling of the code and time is what was recorded; the request may differ in case.
                var state = await register.StateAsync(protocol, number, ct);
                var (key, reason) = state.NotDone.First(n => n.Key.Period == request.Period
                    && string.Equals(n.Key.Code, request.AssessmentCode, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(n.Key.Timepoint, request.Timepoint, StringComparison.OrdinalIgnoreCase));
                return TypedResults.Created($"{ApiEndpoints.Prefix}/trials/{code}/participants/{subject}/schedule", new AssessmentNotDoneResponse(key.Period, key.Code, key.Timepoint, reason));
            })
            .WithName("RecordAssessmentNotDone")
            .WithSummary("Record a scheduled assessment as not done, with the reason: it leaves the overdue lists and is exported as not done.")
            .Produces<AssessmentNotDoneResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapAdverseEvents(RouteGroupBuilder trial)
    {
        trial.MapGet("/participants/{subject}/adverse-events", async Task<IResult> (string code, string subject, ParticipantRegister register, AdverseEventRegister adverseEvents, IMessageBus commands, CancellationToken ct) =>
                await register.GetParticipantAsync(code, subject, ct) is null
                    ? ParticipantNotFound(code, subject)
                    : TypedResults.Ok(await adverseEvents.GetAdverseEventsAsync(code, subject, ct)))
            .WithName("ListAdverseEvents")
            .WithSummary("The participant's adverse events.")
            .Produces<IReadOnlyList<AdverseEventSummary>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        trial.MapPost("/participants/{subject}/adverse-events", async Task<IResult> (string code, string subject, AdverseEventRequest request, HttpContext http, IMessageBus commands, TrialOpsRuntimeHost host, CancellationToken ct) =>
            {
                if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
                {
                    return problem!;
                }

                if (!ProtocolCode.TryParse(code, out var protocol) || !SubjectNumber.TryParse(subject, out var number))
                {
                    return ParticipantNotFound(code, subject);
                }

                // The case id comes from the command id: a retry with the same Idempotency-Key reports the same case once.
                var id = context.CommandId.ToString("N")[..16];
                var result = await commands.SendCommandAsync(context, new ReportAdverseEvent(id, protocol, number, request.AwareAt, request.Input), ct);
                if (!result.Accepted)
                {
                    return ApiResults.Rejected(result.Rejection!);
                }

                var found = await Components.Pages.AdverseEvents.AdverseEventCase.LoadAsync(host.Runtime.Store, code, id, http.User.Actor(), ct);
                return TypedResults.Created($"{ApiEndpoints.Prefix}/trials/{code}/adverse-events/{id}", AdverseEventResponse.From(found!));
            })
            .WithName("ReportAdverseEvent")
            .WithSummary("Report an adverse event (site staff; causality by an Investigator only). A serious event starts the sponsor report clock.")
            .Produces<AdverseEventResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        trial.MapGet("/adverse-events/{id}", async Task<IResult> (string code, string id, HttpContext http, TrialOpsRuntimeHost host, CancellationToken ct) =>
                await Components.Pages.AdverseEvents.AdverseEventCase.LoadAsync(host.Runtime.Store, code, id, http.User.Actor(), ct) is { } found
                    ? TypedResults.Ok(AdverseEventResponse.From(found))
                    : AdverseEventNotFound(code, id))
            .WithName("GetAdverseEvent")
            .WithSummary("One adverse event with its history (original report, corrections, outcome, causality, sponsor reports).")
            .Produces<AdverseEventResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        trial.MapPost("/adverse-events/{id}/outcome", (string code, string id, OutcomeRequest request, HttpContext http, IMessageBus commands, TrialOpsRuntimeHost host, CancellationToken ct) =>
                AdverseEventCommandAsync(http, host, code, id, ct, context => commands.SendCommandAsync(context, new RecordAdverseEventOutcome(id, request.Outcome, request.End), ct)))
            .WithName("RecordAdverseEventOutcome")
            .WithSummary("Record the outcome (and end) of an adverse event.")
            .ProducesAdverseEventCommand();

        trial.MapPost("/adverse-events/{id}/causality", (string code, string id, CausalityRequest request, HttpContext http, IMessageBus commands, TrialOpsRuntimeHost host, CancellationToken ct) =>
                AdverseEventCommandAsync(http, host, code, id, ct, context => commands.SendCommandAsync(context, new AssessAdverseEventCausality(id, request.Causality), ct)))
            .WithName("AssessAdverseEventCausality")
            .WithSummary("Judge the causality of an event reported without one (Investigator).")
            .ProducesAdverseEventCommand();

        trial.MapPost("/adverse-events/{id}/sponsor-report", (string code, string id, SponsorReportRequest request, HttpContext http, IMessageBus commands, TrialOpsRuntimeHost host, CancellationToken ct) =>
                AdverseEventCommandAsync(http, host, code, id, ct, context => commands.SendCommandAsync(context, new ReportSaeToSponsor(id, request.ReportedAt, request.SponsorReference), ct)))
            .WithName("ReportSaeToSponsor")
            .WithSummary("Record the initial report of a serious adverse event to the sponsor (Coordinator, Investigator).")
            .ProducesAdverseEventCommand();

        trial.MapPost("/adverse-events/{id}/follow-ups", (string code, string id, FollowUpRequest request, HttpContext http, IMessageBus commands, TrialOpsRuntimeHost host, CancellationToken ct) =>
                AdverseEventCommandAsync(http, host, code, id, ct, context => commands.SendCommandAsync(context, new ReportSaeFollowUp(id, request.ReportedAt, request.Information), ct)))
            .WithName("ReportSaeFollowUp")
            .WithSummary("Record a follow-up report of a serious adverse event (Coordinator, Investigator).")
            .ProducesAdverseEventCommand();

        trial.MapPost("/adverse-events/{id}/corrections", (string code, string id, AdverseEventCorrectionRequest request, HttpContext http, IMessageBus commands, TrialOpsRuntimeHost host, CancellationToken ct) =>
                AdverseEventCommandAsync(http, host, code, id, ct, context => commands.SendCommandAsync(context, new CorrectAdverseEvent(id, request.Input, request.Reason), ct)))
            .WithName("CorrectAdverseEvent")
            .WithSummary("Correct recorded fields of an adverse event with a reason; the original stays.")
            .ProducesAdverseEventCommand();
    }

    private static RouteHandlerBuilder ProducesParticipantCommand(this RouteHandlerBuilder builder) =>
        builder.Produces<ParticipantResponse>().ProducesCommandProblems();

    private static RouteHandlerBuilder ProducesSessionCommand(this RouteHandlerBuilder builder) =>
        builder.Produces<SessionResponse>().ProducesCommandProblems();

    private static RouteHandlerBuilder ProducesAdverseEventCommand(this RouteHandlerBuilder builder) =>
        builder.Produces<AdverseEventResponse>().ProducesCommandProblems();

    private static RouteHandlerBuilder ProducesCommandProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<ParticipantRecord?> LoadAsync(ProtocolViews protocolViews, ParticipantRegister register, HttpContext http, string code, string subject, CancellationToken ct) =>
        await ParticipantRecord.LoadAsync(protocolViews, register, code, subject, http.User.Actor(), ct) is { Exists: true } record ? record : null;

    private static async Task<IResult> ParticipantResultAsync(ProtocolViews protocolViews, ParticipantRegister register, HttpContext http, string code, string subject, CancellationToken ct, bool created = false)
    {
        if (await LoadAsync(protocolViews, register, http, code, subject, ct) is not { } record)
        {
            return ParticipantNotFound(code, subject);
        }

        var response = ParticipantResponse.From(record);
        return created
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/trials/{record.Code}/participants/{record.Subject}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<IResult> SessionResultAsync(ProtocolViews protocolViews, ParticipantRegister register, HttpContext http, string code, string subject, int period, CancellationToken ct)
    {
        if (await LoadAsync(protocolViews, register, http, code, subject, ct) is not { } record)
        {
            return ParticipantNotFound(code, subject);
        }

        return record.Session(period) is { } session
            ? TypedResults.Ok(SessionResponse.From(session))
            : TrialsApi.NotFound("session.not-found", $"Participant {subject} has no period {period}.");
    }

    /// <summary>Runs a participant command for an existing participant and answers the participant as it is now.</summary>
    private static async Task<IResult> ParticipantCommandAsync(
        HttpContext http,
        ProtocolViews protocolViews,
        ParticipantRegister register,
        string code,
        string subject,
        CancellationToken ct,
        Func<CommandContext, ProtocolCode, SubjectNumber, Task<CommandResult>> command)
    {
        if (Prepare(http, code, subject) is not { } prepared)
        {
            return Failure(http, code, subject);
        }

        var (context, protocol, number) = prepared;

        var result = await command(context, protocol, number);
        return result.Accepted ? await ParticipantResultAsync(protocolViews, register, http, code, subject, ct) : ApiResults.Rejected(result.Rejection!);
    }

    private static async Task<IResult> SessionCommandAsync(
        HttpContext http,
        ProtocolViews protocolViews,
        ParticipantRegister register,
        string code,
        string subject,
        int period,
        CancellationToken ct,
        Func<CommandContext, ProtocolCode, SubjectNumber, Task<CommandResult>> command)
    {
        if (Prepare(http, code, subject) is not { } prepared)
        {
            return Failure(http, code, subject);
        }

        var (context, protocol, number) = prepared;

        var result = await command(context, protocol, number);
        return result.Accepted ? await SessionResultAsync(protocolViews, register, http, code, subject, period, ct) : ApiResults.Rejected(result.Rejection!);
    }

    private static async Task<IResult> AssessmentCommandAsync(
        HttpContext http,
        ProtocolViews protocolViews,
        ParticipantRegister register,
        string code,
        string subject,
        int period,
        string assessmentCode,
        string timepoint,
        CancellationToken ct,
        Func<CommandContext, ProtocolCode, SubjectNumber, Task<CommandResult>> command,
        bool created = true)
    {
        if (Prepare(http, code, subject) is not { } prepared)
        {
            return Failure(http, code, subject);
        }

        var (context, protocol, number) = prepared;

        var result = await command(context, protocol, number);
        if (!result.Accepted)
        {
            return ApiResults.Rejected(result.Rejection!);
        }

        // The protocol's spelling of the code and time is what was recorded; the request may differ in case.
        var state = CommittedState(http, protocol, number, result) ?? await register.StateAsync(protocol, number, ct);
        var recorded = Assessments(state).FirstOrDefault(a => a.Period == period
            && string.Equals(a.AssessmentCode, assessmentCode, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Timepoint, timepoint, StringComparison.OrdinalIgnoreCase));
        var location = $"{ApiEndpoints.Prefix}/trials/{code}/participants/{subject}/assessments";
        return created ? TypedResults.Created(location, recorded) : TypedResults.Ok(recorded);
    }

    private static async Task<IResult> AdverseEventCommandAsync(HttpContext http, TrialOpsRuntimeHost host, string code, string id, CancellationToken ct, Func<CommandContext, Task<CommandResult>> command)
    {
        if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
        {
            return problem!;
        }

        if (await Components.Pages.AdverseEvents.AdverseEventCase.LoadAsync(host.Runtime.Store, code, id, http.User.Actor(), ct) is null)
        {
            return AdverseEventNotFound(code, id);
        }

        var result = await command(context);
        if (!result.Accepted)
        {
            return ApiResults.Rejected(result.Rejection!);
        }

        var found = await Components.Pages.AdverseEvents.AdverseEventCase.LoadAsync(host.Runtime.Store, code, id, http.User.Actor(), ct);
        return TypedResults.Ok(AdverseEventResponse.From(found!));
    }

    /// <summary>
    /// The command context and the parsed identity of the participant; null when the request is not
    /// usable. Whether the participant exists (and may be reached by the caller's sites) is the
    /// handler's decision, made in the command's own read: it answers <c>participant.not-found</c>
    /// (404), so nothing is read twice before a command.
    /// </summary>
    /// <summary>
    /// The participant as this command left it, from the events this process has seen committed
    /// (the command's own included), without reading the stream again; null when they do not
    /// reach the command's last event (a repeated key, events on other streams): read it then.
    /// </summary>
    private static ParticipantState? CommittedState(HttpContext http, ProtocolCode protocol, SubjectNumber subject, CommandResult result) =>
        result.Positions.Count > 0 && !result.Duplicate
        && http.RequestServices.GetRequiredService<TrialOpsRuntimeHost>().Runtime.Store.CachedThrough(ParticipantStreams.For(protocol, subject), result.Positions.Max()) is { } events
            ? ParticipantFold.Through(events)
            : null;

    private static (CommandContext Context, ProtocolCode Protocol, SubjectNumber Subject)? Prepare(HttpContext http, string code, string subject) =>
        ApiResults.TryGetCommandContext(http, out var context, out _)
        && ProtocolCode.TryParse(code, out var protocol)
        && SubjectNumber.TryParse(subject, out var number)
            ? (context, protocol, number)
            : null;

    /// <summary>Why <see cref="Prepare"/> found nothing to act on: a bad Idempotency-Key (400) or a participant that cannot exist (404).</summary>
    private static IResult Failure(HttpContext http, string code, string subject) =>
        ApiResults.TryGetCommandContext(http, out _, out var problem) ? ParticipantNotFound(code, subject) : problem!;

    private static AssessmentResponse[] Assessments(ParticipantState state) =>
        state.Assessments.Values
            .OrderBy(a => a.Key.Period).ThenBy(a => a.ClinicalTime).ThenBy(a => a.Key.Code, StringComparer.Ordinal)
            .Select(a => new AssessmentResponse(a.Key.Period, a.Key.Code, a.Key.Timepoint, a.ClinicalTime, a.Value, a.Vitals, a.Corrections))
            .ToArray();

    /// <summary>An assessment carries a scale value or vital signs, never both or neither.</summary>
    private static IResult? OneOf(decimal? value, VitalSigns? vitals) =>
        (value, vitals) switch
        {
            (null, null) => ApiResults.Rejected(new Rejection("assessment.value-required", "Give the scale value (value) or the vital signs (vitalSigns).", "value")),
            (not null, not null) => ApiResults.Rejected(new Rejection("assessment.value-or-vitals", "Give either a scale value or vital signs, not both.", "value")),
            _ => null,
        };

    private static PharmacyDoseResponse PharmacyDose(PharmacyDose dose) =>
        new(
            dose.Protocol.Value,
            dose.Subject.ToString(),
            dose.Period,
            dose.Kit.ToString(),
            dose.TreatmentCode,
            dose.TreatmentLabel,
            dose.Placebo,
            dose.WeightKg,
            DoseComponents(dose.Dose) ?? [],
            dose.Dose?.Total,
            dose.Dose?.Unit.Symbol(),
            dose.Dose?.Capped == true,
            dose.Blinded?.Text,
            dose.MakeUpMl,
            dose.MakeUpInstruction,
            // A weight corrected after the preparation (ADR 0020): the dose for the weight in force.
            dose.CorrectedWeightKg,
            DoseComponents(dose.CorrectedDose),
            dose.CorrectedDose?.Total,
            dose.CorrectedMakeUpMl);

    private static DoseComponentResponse[]? DoseComponents(SessionDose? dose) =>
        dose?.Components.Select(c => new DoseComponentResponse(
            c.Order,
            c.Component switch { Bolus => "bolus", InfusionAtRate => "infusion-at-rate", _ => "infusion" },
            c.Amount,
            c.UncappedAmount,
            c.Unit.Symbol(),
            c.Duration.TotalMinutes,
            c.RatePerHour,
            c.VolumeMl)).ToArray();

    private static IResult ParticipantNotFound(string code, string subject) =>
        TrialsApi.NotFound("participant.not-found", $"There is no participant {subject} in trial {code}.");

    private static IResult AdverseEventNotFound(string code, string id) =>
        TrialsApi.NotFound("adverse-event.not-found", $"There is no adverse event {id} in trial {code}.");
}
