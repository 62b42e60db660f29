using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.SignOff;
using TrialOps.Web.Auth;
using TrialOps.Web.Components.Pages.SignOff;
using TrialOps.Web.Components.Pages.Trials;
using Wolverine;

namespace TrialOps.Web.Api;

/// <summary>The Investigator's sign-off over HTTP (ADR 0025): the worklist, and eligibility, causality and casebook signatures.</summary>
public static class SignOffApi
{
    public static RouteGroupBuilder MapSignOffApi(this RouteGroupBuilder v1)
    {
        var trials = v1.MapGroup("/trials").WithTags("Sign-off");

        trials.MapGet("/{code}/sign-off", async Task<IResult> (string code, HttpContext http, ProtocolViews protocolViews, InvestigatorSignOff signOffs, CancellationToken ct) =>
                !SignOffText.WorklistRoles.Allows(http.User.Actor().Role)
                    ? TypedResults.Problem(detail: "Only an Investigator, a Coordinator or a Monitor sees what awaits an Investigator's signature.", statusCode: StatusCodes.Status403Forbidden, title: "Not permitted")
                    : await protocolViews.GetTrialStatusAsync(code, http.User.Actor(), ct) is null
                        ? TrialsApi.TrialNotFound(code)
                        : TypedResults.Ok(await signOffs.PendingAsync(code, http.User.Actor(), ct)))
            .WithName("GetSignOffWorklist")
            .WithSummary("Records of the caller's sites awaiting the Investigator's signature, or signed and changed since (Investigator, Coordinator, Monitor).")
            .Produces<IReadOnlyList<SignOffItem>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        trials.MapPost("/{code}/participants/{subject}/sign-off/eligibility", (string code, string subject, SignatureRequest request, HttpContext http, IMessageBus commands, CancellationToken ct) =>
                TrialsApi.SignedAsync(http, ct, context => commands.SendCommandAsync(
                    context, new SignEligibility(ProtocolCode.ParseOrDefault(code), Subject(subject), TrialsApi.Sign(http, request.Password, request.Code)), ct)))
            .WithName("SignEligibility")
            .WithSummary("Sign a participant's eligibility decision, meaning approved (Investigator; signed with the caller's password).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        trials.MapPost("/{code}/participants/{subject}/sign-off/casebook", (string code, string subject, SignatureRequest request, HttpContext http, IMessageBus commands, CancellationToken ct) =>
                TrialsApi.SignedAsync(http, ct, context => commands.SendCommandAsync(
                    context, new SignCasebook(ProtocolCode.ParseOrDefault(code), Subject(subject), TrialsApi.Sign(http, request.Password, request.Code)), ct)))
            .WithName("SignCasebook")
            .WithSummary("Sign a participant's complete casebook, meaning approved (Investigator; signed).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        trials.MapPost("/{code}/adverse-events/{id}/sign-off", (string code, string id, SignatureRequest request, HttpContext http, IMessageBus commands, CancellationToken ct) =>
                TrialsApi.SignedAsync(http, ct, context => commands.SendCommandAsync(
                    context, new SignAdverseEventCausality(id, TrialsApi.Sign(http, request.Password, request.Code)), ct)))
            .WithName("SignAdverseEventCausality")
            .WithSummary("Sign the causality judgement of an adverse event, meaning approved (Investigator; signed).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return v1;
    }

    /// <summary>A subject number from the route; text that is none reads as an unknown participant (404), not a 500.</summary>
    private static SubjectNumber Subject(string text) => SubjectNumber.TryParse(text, out var subject) ? subject : default;
}
