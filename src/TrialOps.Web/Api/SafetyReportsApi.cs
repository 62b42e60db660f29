using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Web.Auth;
using TrialOps.Web.Hosting;
using Wolverine;

namespace TrialOps.Web.Api;

/// <summary>
/// An adverse-event case's expedited reporting: the medical monitor's first assessment, the
/// suggestion, the SUSAR clock (null when not a SUSAR) and the case's history; then the
/// re-assessments in order and the expectedness as it stands after them; and, when an amendment
/// changed whether the reference safety information lists the case's term since the latest
/// decision, the prompt to re-assess (<see cref="RsiChange"/>, null otherwise).
/// </summary>
public sealed record ExpeditedReportResponse(
    string AdverseEventId,
    string Protocol,
    string Subject,
    bool Serious,
    Causality? Causality,
    Expectedness Suggested,
    int? MatchedTerm,
    AdverseEventExpectednessAssessed? Assessment,
    SusarClock? Clock,
    IReadOnlyList<TimelineEntry> History,
    IReadOnlyList<AdverseEventExpectednessReassessed> Reassessments,
    Expectedness? CurrentExpectedness,
    RsiReassessmentPrompt? RsiChange = null);

public sealed record ExpectednessRequest(Expectedness Expectedness, string? Reason = null);

public sealed record ExpectednessReassessmentRequest(Expectedness Expectedness, string Reason);

public sealed record SusarSubmissionRequest(SusarReportKind Kind, DateOnly SubmittedOn, string Authority, string? Reference = null, string? Text = null);

public sealed record SusarTreatmentRequest(string Reason);

/// <summary>
/// Expedited safety reporting over HTTP (ADR 0026): SUSAR lists with their clocks (blinded, the
/// caller's sites), the medical monitor's expectedness, the safety officer's submissions and, for
/// that role only, the treatment at onset of a SUSAR. Refusals are problem details like the rest.
/// </summary>
public static class SafetyReportsApi
{
    public static RouteGroupBuilder MapSafetyReportsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup(string.Empty).WithTags("Expedited safety reports");

        group.MapGet("/safety-reports/open-clocks", async (HttpContext http, SafetyReports reports, CancellationToken ct) =>
                TypedResults.Ok(await reports.OpenClocksAsync(null, http.User.Actor(), ct)))
            .WithName("ListOpenSusarClocks")
            .WithSummary("The running SUSAR report clocks of every trial, at the caller's sites.")
            .Produces<IReadOnlyList<OpenSusarClock>>();

        group.MapGet("/trials/{code}/safety-reports", async Task<IResult> (string code, HttpContext http, ProtocolViews protocols, SafetyReports reports, CancellationToken ct) =>
                await protocols.GetProtocolAsync(code, http.User.Actor(), ct) is null
                    ? TrialsApi.NotFound("protocol.not-found", $"There is no trial {code}.")
                    : TypedResults.Ok(await reports.SusarsAsync(code, http.User.Actor(), ct)))
            .WithName("ListSusars")
            .WithSummary("The trial's SUSARs with their report clocks (due day, days left, overdue), at the caller's sites.")
            .Produces<IReadOnlyList<SusarCaseView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/trials/{code}/safety-reports/rsi-changes", async Task<IResult> (string code, HttpContext http, ProtocolViews protocols, SafetyReports reports, CancellationToken ct) =>
                await protocols.GetProtocolAsync(code, http.User.Actor(), ct) is null
                    ? TrialsApi.NotFound("protocol.not-found", $"There is no trial {code}.")
                    : TypedResults.Ok(await reports.RsiPromptsAsync(code, http.User.Actor(), ct)))
            .WithName("ListRsiReassessmentPrompts")
            .WithSummary("The trial's assessed cases (at the caller's sites) whose term an amendment listed or unlisted in the reference safety information since their latest expectedness decision: re-assess them.")
            .Produces<IReadOnlyList<RsiReassessmentPrompt>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/trials/{code}/adverse-events/{id}/expedited-report", async Task<IResult> (string code, string id, HttpContext http, TrialOpsRuntimeHost host, ProtocolHistory history, CancellationToken ct) =>
                await ResponseAsync(http, host, history, code, id, ct))
            .WithName("GetExpeditedReport")
            .WithSummary("The case's expectedness (and the reference safety information's suggestion) and its SUSAR clock.")
            .Produces<ExpeditedReportResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/trials/{code}/adverse-events/{id}/expectedness", (string code, string id, ExpectednessRequest request, HttpContext http, IMessageBus commands, TrialOpsRuntimeHost host, ProtocolHistory history, CancellationToken ct) =>
                CommandAsync(http, host, history, code, id, ct, context => commands.SendCommandAsync(context, new AssessExpectedness(id, request.Expectedness, request.Reason), ct)))
            .WithName("AssessExpectedness")
            .WithSummary("Record whether a serious related event was expected from the reference safety information (medical monitor); unexpected starts the SUSAR clock.")
            .ProducesCommand();

        group.MapPost("/trials/{code}/adverse-events/{id}/expectedness-reassessments", (string code, string id, ExpectednessReassessmentRequest request, HttpContext http, IMessageBus commands, TrialOpsRuntimeHost host, ProtocolHistory history, CancellationToken ct) =>
                CommandAsync(http, host, history, code, id, ct, context => commands.SendCommandAsync(context, new ReassessExpectedness(id, request.Expectedness, request.Reason ?? string.Empty), ct)))
            .WithName("ReassessExpectedness")
            .WithSummary("Change the expectedness decision, with the reason (medical monitor): expected → unexpected starts the SUSAR clock on the re-assessment day, unexpected → expected stops it.")
            .ProducesCommand();

        group.MapPost("/trials/{code}/adverse-events/{id}/susar-submissions", (string code, string id, SusarSubmissionRequest request, HttpContext http, IMessageBus commands, TrialOpsRuntimeHost host, ProtocolHistory history, CancellationToken ct) =>
                CommandAsync(http, host, history, code, id, ct, context => commands.SendCommandAsync(
                    context, new RecordSusarSubmission(id, request.Kind, request.SubmittedOn, request.Authority, request.Reference, request.Text), ct)))
            .WithName("RecordSusarSubmission")
            .WithSummary("Record an expedited SUSAR report submitted to an authority (safety officer); a report after its due day is flagged late.")
            .ProducesCommand();

        group.MapPost("/trials/{code}/adverse-events/{id}/treatment-at-onset", async Task<IResult> (string code, string id, SusarTreatmentRequest request, HttpContext http, IMessageBus commands, TrialOpsRuntimeHost host, SafetyReports reports, CancellationToken ct) =>
            {
                if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
                {
                    return problem!;
                }

                if (await Components.Pages.AdverseEvents.AdverseEventCase.LoadAsync(host.Runtime.Store, code, id, http.User.Actor(), ct) is null)
                {
                    return NotFound(code, id);
                }

                var result = await commands.SendCommandAsync(context, new RevealSusarTreatment(id, request.Reason), ct);
                return result.Accepted ? await TreatmentAsync(reports, http, code, id, ct) : ApiResults.Rejected(result.Rejection!);
            })
            .WithName("RevealSusarTreatment")
            .WithSummary("Unblinded, safety officer only, SUSAR only: open the treatment of the period of onset (recorded with the reason) and answer it.")
            .Produces<SusarTreatment>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/trials/{code}/adverse-events/{id}/treatment-at-onset", (string code, string id, HttpContext http, SafetyReports reports, CancellationToken ct) =>
                TreatmentAsync(reports, http, code, id, ct))
            .WithName("GetSusarTreatment")
            .WithSummary("Unblinded: the treatment at onset of a SUSAR, for the safety officer who opened it; 403 for everyone else.")
            .Produces<SusarTreatment>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    private static async Task<IResult> TreatmentAsync(SafetyReports reports, HttpContext http, string code, string id, CancellationToken ct)
    {
        try
        {
            return await reports.TreatmentAsync(code, id, http.User.Actor(), ct) is { } treatment ? TypedResults.Ok(treatment) : NotFound(code, id);
        }
        catch (BlindedAccessRefusedException refused)
        {
            return TrialsApi.Refused(refused);
        }
    }

    private static async Task<IResult> ResponseAsync(HttpContext http, TrialOpsRuntimeHost host, ProtocolHistory history, string code, string id, CancellationToken ct)
    {
        if (await Components.Pages.AdverseEvents.AdverseEventCase.LoadAsync(host.Runtime.Store, code, id, http.User.Actor(), ct) is not { } found)
        {
            return NotFound(code, id);
        }

        var state = found.State;
        var definition = await history.DefinitionAsync(code, ct);
        var (suggested, matched) = ExpeditedReporting.Suggest(state.Details!.MeddraCode, definition?.Safety.ExpectedTerms ?? []);
        return TypedResults.Ok(new ExpeditedReportResponse(
            id, code, state.Subject.ToString(), state.Serious, state.Details.Causality, suggested, matched, state.Expectedness, ExpeditedReporting.ClockOf(state), found.History, state.Reassessments, state.CurrentExpectedness,
            await http.RequestServices.GetRequiredService<SafetyReports>().RsiPromptAsync(state, ct)));
    }

    private static async Task<IResult> CommandAsync(HttpContext http, TrialOpsRuntimeHost host, ProtocolHistory history, string code, string id, CancellationToken ct, Func<CommandContext, Task<CommandResult>> command)
    {
        if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
        {
            return problem!;
        }

        if (await Components.Pages.AdverseEvents.AdverseEventCase.LoadAsync(host.Runtime.Store, code, id, http.User.Actor(), ct) is null)
        {
            return NotFound(code, id);
        }

        var result = await command(context);
        return result.Accepted ? await ResponseAsync(http, host, history, code, id, ct) : ApiResults.Rejected(result.Rejection!);
    }

    private static RouteHandlerBuilder ProducesCommand(this RouteHandlerBuilder builder) =>
        builder.Produces<ExpeditedReportResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static IResult NotFound(string code, string id) =>
        TrialsApi.NotFound("adverse-event.not-found", $"There is no adverse event {id} in trial {code}.");
}
