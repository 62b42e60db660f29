using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TrialOps.AdverseEvents;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Participants;
using TrialOps.Audit;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Web.Auth;
using TrialOps.Web.Components.Pages.Trials;
using Wolverine;

namespace TrialOps.Web.Api;

/// <summary>A trial for the caller: the protocol in force (treatments only for unblinded roles), lock and blinding, list use.</summary>
public sealed record TrialResponse(ProtocolView Protocol, TrialStatusView? Status, IReadOnlyList<StratumStatus> Randomization);

/// <summary>What a protocol import did.</summary>
/// <param name="Status"><c>Imported</c>, <c>Amended</c> or <c>AlreadyImported</c>.</param>
/// <param name="GeneratedLists">Randomization lists generated with the import: stratum and number of entries.</param>
public sealed record ProtocolImportResponse(string Status, string Code, int Version, string FileSha256, IReadOnlyList<string> GeneratedLists, IReadOnlyList<string> StrataWithoutList);

/// <summary>
/// An electronic signature: the caller's password, re-entered (21 CFR Part 11 §11.200), and the
/// current authenticator code when the caller's account has a second factor. The caller signs as
/// themselves; the domain checks both (ADR 0023).
/// </summary>
public sealed record SignatureRequest(string Password, string? Code = null);

/// <summary>Lifting the database lock: the reason and the signature.</summary>
public sealed record UnlockRequest(string Password, string Reason, string? Code = null);

/// <summary>
/// The database lock: the signature and the pre-lock review (ADR 0023). Every category of
/// <c>GET …/pre-lock-checklist</c> that is not empty needs a reason in <paramref name="Confirmations"/>;
/// with <paramref name="Shown"/> (the counts the caller reviewed) the lock is refused when the
/// checklist changed since.
/// </summary>
public sealed record LockRequest(string Password, string? Code = null, IReadOnlyDictionary<string, string>? Confirmations = null, IReadOnlyDictionary<string, int>? Shown = null);

/// <summary>An extension of a stratum's randomization list by at least <paramref name="Additional"/> entries, for a reason.</summary>
public sealed record ListExtensionRequest(int Additional, string Reason);

/// <summary>A CTCAE v5.0 term: MedDRA code, term, system organ class and the grades it defines (null: not defined).</summary>
public sealed record CtcaeTermResponse(int MeddraCode, string Term, string SystemOrganClass, IReadOnlyList<string?> Grades);

/// <summary>
/// Trials over HTTP: listing, the protocol view for the caller, protocol import, lock, unlock and
/// trial unblinding (signed), dashboard data, the audit trail and the pharmacy's allocations.
/// Blinding is applied by the queries for the caller's role, never by a request parameter.
/// </summary>
public static class TrialsApi
{
    public static RouteGroupBuilder MapTrialsApi(this RouteGroupBuilder v1)
    {
        var trials = v1.MapGroup("/trials").WithTags("Trials");

        trials.MapGet("", async (HttpContext http, ProtocolViews protocolViews, CancellationToken ct) =>
                TypedResults.Ok(await protocolViews.ListProtocolsAsync(http.User.Actor(), ct)))
            .WithName("ListTrials")
            .WithSummary("Every trial's protocol in force (no treatment identity).");

        trials.MapPost("", async Task<IResult> (HttpContext http, IMessageBus commands, CancellationToken ct) =>
            {
                if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
                {
                    return problem!;
                }

                if (http.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                {
                    return TypedResults.Problem(detail: "Send the protocol file as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
                }

                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body, ct);
                var outcome = await commands.SendCommandAsync<ImportProtocolFile, ProtocolImportOutcome>(context, new ImportProtocolFile(body.ToArray()), ct);
                if (outcome.Status is ProtocolImportStatus.Imported or ProtocolImportStatus.Amended)
                {
                    await http.RequestServices.GetRequiredService<Hosting.TrialOpsRuntimeHost>().AwaitTrialDesignAsync(ct);
                }

                return outcome.Status switch
                {
                    ProtocolImportStatus.Invalid => TypedResults.ValidationProblem(
                        new Dictionary<string, string[]> { ["protocol"] = [.. outcome.Problems] },
                        detail: $"The protocol file is not valid: {outcome.Problems.Count} problem(s); nothing was stored.",
                        type: ApiResults.ProblemTypePrefix + "protocol.invalid",
                        extensions: new Dictionary<string, object?> { ["code"] = "protocol.invalid" }),
                    ProtocolImportStatus.Rejected => ApiResults.Rejected(outcome.Rejection!),
                    ProtocolImportStatus.AlreadyImported => TypedResults.Ok(Response(outcome)),
                    _ => TypedResults.Created($"{ApiEndpoints.Prefix}/trials/{outcome.Code}", Response(outcome)),
                };

                static ProtocolImportResponse Response(ProtocolImportOutcome outcome) =>
                    new(
                        outcome.Status.ToString(),
                        outcome.Code!,
                        outcome.Version!.Value,
                        outcome.FileSha256!,
                        outcome.GeneratedLists.Select(l => $"{l.Stratum} ({l.Entries} entries)").ToArray(),
                        outcome.StrataWithoutList);
            })
            .WithName("ImportProtocol")
            .WithSummary("Import a protocol file (trialops.protocol/1 JSON as the body) or an amendment of one (Coordinator, Administrator); 200 when exactly this file was imported before.")
            .Accepts<JsonElement>("application/json")
            .Produces<ProtocolImportResponse>(StatusCodes.Status201Created)
            .Produces<ProtocolImportResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        trials.MapGet("/{code}", async Task<Results<Ok<TrialResponse>, ProblemHttpResult>> (string code, HttpContext http, ProtocolViews protocolViews, AllocationViews allocationViews, CancellationToken ct) =>
            {
                var viewer = http.User.Actor();
                if (await protocolViews.GetProtocolAsync(code, viewer, ct) is not { } protocol)
                {
                    return TrialNotFound(code);
                }

                return TypedResults.Ok(new TrialResponse(
                    protocol,
                    await protocolViews.GetTrialStatusAsync(code, viewer, ct),
                    await allocationViews.GetRandomizationStatusAsync(code, viewer, ct)));
            })
            .WithName("GetTrial")
            .WithSummary("One trial: the protocol in force as the caller may see it, lock and blinding status, randomization list use.");

        trials.MapGet("/{code}/status", async Task<Results<Ok<TrialStatusView>, ProblemHttpResult>> (string code, HttpContext http, ProtocolViews protocolViews, CancellationToken ct) =>
                await protocolViews.GetTrialStatusAsync(code, http.User.Actor(), ct) is { } status ? TypedResults.Ok(status) : TrialNotFound(code))
            .WithName("GetTrialStatus")
            .WithSummary("Lock, unblinding and emergency code breaks of a trial (no treatment named).");

        trials.MapGet("/{code}/pre-lock-checklist", async Task<IResult> (string code, HttpContext http, ProtocolViews protocolViews, ProtocolHistory history, PreLockReview review, CancellationToken ct) =>
            {
                var viewer = http.User.Actor();
                if (!TrialPermissions.LockTrial.Allows(viewer.Role))
                {
                    return TypedResults.Problem(detail: "Only a Coordinator or an Investigator reviews a trial before its lock.", statusCode: StatusCodes.Status403Forbidden, title: "Not permitted");
                }

                if (await protocolViews.GetTrialStatusAsync(code, viewer, ct) is null)
                {
                    return TrialNotFound(code);
                }

                // The checklist counts every site's open items; the lock it prepares needs every site (ADR 0010).
                var sites = (await history.DefinitionAsync(code, ct))?.Sites.Select(s => s.Code).ToArray() ?? [];
                return TrialWideAccess.Covers(viewer.Access, sites)
                    ? TypedResults.Ok(await review.ComputeAsync(ProtocolCode.Parse(code), ct))
                    : TypedResults.Problem(detail: $"The pre-lock review counts the open items of every site of {code} ({string.Join(", ", sites)}); your account reaches {viewer.Access}.", statusCode: StatusCodes.Status403Forbidden, title: "Not permitted");
            })
            .WithName("GetPreLockChecklist")
            .WithSummary("What is still open before the database lock: counts per category, trial-wide (Coordinator, Investigator with access to every site).")
            .Produces<PreLockChecklist>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        trials.MapPost("/{code}/lock", (string code, LockRequest request, HttpContext http, IMessageBus commands, CancellationToken ct) =>
                SignedAsync(http, ct, context => commands.SendCommandAsync(
                    context,
                    new LockTrial(ProtocolCode.ParseOrDefault(code), Sign(http, request.Password, request.Code), context.Actor, request.Confirmations, request.Shown),
                    ct)))
            .WithName("LockTrial")
            .WithSummary("Lock the trial database after the pre-lock review (Coordinator, Investigator; signed with the caller's password).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        trials.MapPost("/{code}/unlock", (string code, UnlockRequest request, HttpContext http, IMessageBus commands, CancellationToken ct) =>
                SignedAsync(http, ct, context => commands.SendCommandAsync(context, new UnlockTrial(ProtocolCode.ParseOrDefault(code), request.Reason.Trim(), Sign(http, request.Password, request.Code), context.Actor), ct)))
            .WithName("UnlockTrial")
            .WithSummary("Lift the database lock for a reason (Coordinator, Investigator; signed).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        trials.MapPost("/{code}/unblinding", (string code, SignatureRequest request, HttpContext http, IMessageBus commands, CancellationToken ct) =>
                SignedAsync(http, ct, context => commands.SendCommandAsync(context, new UnblindTrial(ProtocolCode.ParseOrDefault(code), Sign(http, request.Password, request.Code), context.Actor), ct)))
            .WithName("UnblindTrial")
            .WithSummary("Unblind the locked trial for analysis (Statistician; signed; irreversible).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        trials.MapGet("/{code}/randomization", async Task<IResult> (string code, HttpContext http, ProtocolViews protocolViews, AllocationViews allocationViews, CancellationToken ct) =>
                await protocolViews.GetTrialStatusAsync(code, http.User.Actor(), ct) is null
                    ? TrialNotFound(code)
                    : TypedResults.Ok(await allocationViews.GetRandomizationListStatusAsync(code, ct, http.User.Actor().Access)))
            .WithName("GetRandomizationLists")
            .WithSummary("Size, use and extensions of each stratum's randomization list (counts only).")
            .Produces<IReadOnlyList<StratumStatus>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        trials.MapPost("/{code}/randomization/{stratum}/extensions", async Task<IResult> (string code, string stratum, ListExtensionRequest request, HttpContext http, IMessageBus commands, CancellationToken ct) =>
            {
                if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
                {
                    return problem!;
                }

                if (request.Additional is < 1 or > 10_000)
                {
                    return OutOfRange("additional", "additional must be 1 to 10000 entries.");
                }

                var result = await commands.SendCommandAsync(context, new ExtendStratumList(ProtocolCode.ParseOrDefault(code), stratum, request.Additional, request.Reason.Trim()), ct);
                return ApiResults.From(result, () => TypedResults.NoContent());
            })
            .WithName("ExtendRandomizationList")
            .WithSummary("Extend a stratum's randomization list from its sealed seed (Coordinator, reason).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        trials.MapGet("/{code}/overdue", async Task<Results<Ok<IReadOnlyList<ScheduleItem>>, ProblemHttpResult>> (string code, string? site, HttpContext http, ProtocolViews protocolViews, ParticipantSchedule schedule, CancellationToken ct) =>
                await protocolViews.GetTrialStatusAsync(code, http.User.Actor(), ct) is null
                    ? TrialNotFound(code)
                    : TypedResults.Ok(await schedule.GetOverdueAsync(code, string.IsNullOrWhiteSpace(site) ? null : site, http.User.Actor().Access, ct)))
            .WithName("GetOverdueItems")
            .WithSummary("Overdue dosing sessions and assessments of participants still in the trial, oldest deadline first.");

        trials.MapGet("/{code}/serious-adverse-events", async Task<Results<Ok<IReadOnlyList<AdverseEventSummary>>, ProblemHttpResult>> (string code, bool? overdueOnly, HttpContext http, ProtocolViews protocolViews, AdverseEventRegister adverseEvents, CancellationToken ct) =>
                await protocolViews.GetTrialStatusAsync(code, http.User.Actor(), ct) is null
                    ? TrialNotFound(code)
                    : TypedResults.Ok(await adverseEvents.GetOpenSeriousAdverseEventsAsync(code, overdueOnly == true, http.User.Actor().Access, ct)))
            .WithName("GetOpenSeriousAdverseEvents")
            .WithSummary("Serious adverse events not yet reported to the sponsor or not yet resolved; overdueOnly=true for those past their report deadline.");

        trials.MapGet("/{code}/audit", async Task<Results<Ok<AuditPage>, ProblemHttpResult, ValidationProblem>> (string code, int? page, int? pageSize, string? by, string? type, string? from, string? to, string? record, HttpContext http, ProtocolViews protocolViews, TrialAuditTrail audit, CancellationToken ct) =>
            {
                var viewer = http.User.Actor();
                if (!ProtocolCode.TryParse(code, out var protocol) || await protocolViews.GetTrialStatusAsync(code, viewer, ct) is null)
                {
                    return TrialNotFound(code);
                }

                if (page is < 1 || pageSize is < 1 or > TrialAuditTrail.MaxPageSize)
                {
                    return OutOfRange(page is < 1 ? "page" : "pageSize", page is < 1 ? "page counts from 1." : $"pageSize must be 1 to {TrialAuditTrail.MaxPageSize}.");
                }

                var filter = AuditFilter.Parse(by, type, from, to, record, out var problem);
                if (problem is not null)
                {
                    var field = problem[..problem.IndexOf(':', StringComparison.Ordinal)];
                    return OutOfRange(field, problem[(field.Length + 2)..]);
                }

                return TypedResults.Ok(await audit.ForTrialAsync(protocol, viewer, filter, page ?? 1, pageSize ?? 100, ct));
            })
            .WithName("GetTrialAuditTrail")
            .WithSummary("The trial's audit trail, newest first: who, when, what, why (redacted for blinded roles); optionally only events recorded by one user (by), of one type (type, an event alias), on or between UTC days (from, to: YYYY-MM-DD) or of one participant (record: a subject number, or 'trial').");

        trials.MapGet("/{code}/pharmacy", async Task<Results<Ok<IReadOnlyList<PharmacyAllocation>>, ProblemHttpResult>> (string code, HttpContext http, ProtocolViews protocolViews, AllocationViews allocationViews, CancellationToken ct) =>
            {
                var viewer = http.User.Actor();
                if (await protocolViews.GetTrialStatusAsync(code, viewer, ct) is null)
                {
                    return TrialNotFound(code);
                }

                try
                {
                    return TypedResults.Ok(await allocationViews.GetPharmacyAllocationsAsync(code, viewer, ct));
                }
                catch (BlindedAccessRefusedException refused)
                {
                    return Refused(refused);
                }
            })
            .WithName("GetPharmacyAllocations")
            .WithSummary("Every randomized participant's periods with kit and treatment (Pharmacist; Statistician after trial unblinding).");

        v1.MapGet("/ctcae/terms", Results<Ok<CtcaeTermResponse[]>, ValidationProblem> (string? q) =>
                string.IsNullOrWhiteSpace(q)
                    ? OutOfRange("q", "Give part of a term or a MedDRA code.")
                    : TypedResults.Ok(CtcaeDictionary.V5.Search(q, 50).Select(t => new CtcaeTermResponse(t.MeddraCode, t.Term, t.SystemOrganClass, t.Grades)).ToArray()))
            .WithTags("Adverse events")
            .WithName("SearchCtcaeTerms")
            .WithSummary("CTCAE v5.0 terms matching a MedDRA code or words of the term.");
        return v1;
    }

    internal static ProblemHttpResult TrialNotFound(string code) =>
        TypedResults.Problem(detail: $"There is no trial {code}.", statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ApiResults.ProblemTypePrefix + "protocol.not-found",
            extensions: new Dictionary<string, object?> { ["code"] = "protocol.not-found" });

    internal static ProblemHttpResult NotFound(string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found", type: ApiResults.ProblemTypePrefix + code,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>The caller's role may not see treatment identity here: 403, with a message that names the role only.</summary>
    internal static ProblemHttpResult Refused(BlindedAccessRefusedException refused) =>
        TypedResults.Problem(detail: refused.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not permitted", type: ApiResults.ProblemTypePrefix + RejectionCodes.NotPermitted,
            extensions: new Dictionary<string, object?> { ["code"] = RejectionCodes.NotPermitted });

    internal static ValidationProblem OutOfRange(string field, string message) =>
        ApiResults.Invalid([new Rejection("out-of-range", message, field)]);

    /// <summary>The caller's signature as the domain checks it: signed by the authenticated user, with what they typed (ADR 0023).</summary>
    internal static Signatures.SignatureRequest Sign(HttpContext http, string? password, string? code) =>
        new(http.User.UserName(), password ?? string.Empty, code);

    /// <summary>Sends a signed command; its handler checks the signature and answers a wrong one with 400, a role that may not with 403.</summary>
    internal static async Task<IResult> SignedAsync(HttpContext http, CancellationToken ct, Func<CommandContext, Task<CommandResult>> command)
    {
        if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
        {
            return problem!;
        }

        var result = await command(context);
        return ApiResults.From(result, () => TypedResults.NoContent());
    }
}
