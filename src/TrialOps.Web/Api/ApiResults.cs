using Microsoft.AspNetCore.Http.HttpResults;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Web.Auth;

namespace TrialOps.Web.Api;

/// <summary>
/// Turns command outcomes into HTTP answers, the same way for every feature (DESIGN.md §5:
/// rejections are 4xx problem details, never a 500). How a rejection maps to a status:
/// <list type="bullet">
/// <item><c>not-permitted</c>, <c>site-not-granted</c> → 403</item>
/// <item>a code ending in <c>not-found</c> → 404</item>
/// <item><c>concurrency-conflict</c>, codes ending in <c>-exists</c> or containing <c>already-</c> → 409</item>
/// <item>a rejection naming a field (<see cref="Rejection.Field"/>), <c>reason-required</c>, <c>signature-required</c> → 400 validation problem</item>
/// <item>anything else (the record is in the wrong state for the command) → 409</item>
/// </list>
/// The problem carries <c>code</c> (the rejection code) and, for 400, <c>errors</c> by field.
/// </summary>
public static class ApiResults
{
    public const string ProblemTypePrefix = "urn:trialops:problem:";

    public static int StatusFor(Rejection rejection)
    {
        var code = rejection.Code;
        if (code is RejectionCodes.NotPermitted or RejectionCodes.SiteNotGranted)
        {
            return StatusCodes.Status403Forbidden;
        }

        if (code.EndsWith("not-found", StringComparison.Ordinal))
        {
            return StatusCodes.Status404NotFound;
        }

        if (code == CommandResult.KeyReusedCode)
        {
            return StatusCodes.Status422UnprocessableEntity;
        }

        if (code == "concurrency-conflict" || code.EndsWith("-exists", StringComparison.Ordinal) || code.Contains("already-", StringComparison.Ordinal))
        {
            return StatusCodes.Status409Conflict;
        }

        if (rejection.Field is not null || code is RejectionCodes.ReasonRequired or RejectionCodes.SignatureRequired)
        {
            return StatusCodes.Status400BadRequest;
        }

        return StatusCodes.Status409Conflict;
    }

    /// <summary>The problem for one rejection, with the status from <see cref="StatusFor"/>.</summary>
    public static IResult Rejected(Rejection rejection) => Rejected(rejection, StatusFor(rejection));

    public static IResult Rejected(Rejection rejection, int status)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = rejection.Code };
        if (status == StatusCodes.Status400BadRequest && rejection.Field is { } field)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [rejection.Message] },
                detail: rejection.Message,
                type: ProblemTypePrefix + rejection.Code,
                extensions: extensions);
        }

        return TypedResults.Problem(
            detail: rejection.Message,
            statusCode: status,
            title: TitleFor(status),
            type: ProblemTypePrefix + rejection.Code,
            extensions: extensions);
    }

    /// <summary>Several shape problems at once (a validator's whole answer) as one 400 validation problem.</summary>
    public static ValidationProblem Invalid(IReadOnlyList<Rejection> rejections) =>
        TypedResults.ValidationProblem(
            rejections.GroupBy(r => r.Field ?? string.Empty).ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray()),
            detail: string.Join(" ", rejections.Select(r => r.Message)),
            type: ProblemTypePrefix + rejections[0].Code,
            extensions: new Dictionary<string, object?> { ["code"] = rejections[0].Code });

    /// <summary><paramref name="accepted"/> for an accepted (or repeated) command, else the rejection's problem.</summary>
    public static IResult From(CommandResult result, Func<IResult> accepted) =>
        result.Accepted ? accepted() : Rejected(result.Rejection!);

    /// <summary>
    /// The command context of an API call: the caller as actor, and the <c>Idempotency-Key</c>
    /// header (a GUID) as command id, so that a retried request has its effect once.
    /// </summary>
    public static bool TryGetCommandContext(HttpContext http, out CommandContext context, out IResult? problem)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        Guid? commandId = null;
        if (!string.IsNullOrEmpty(key))
        {
            if (!Guid.TryParse(key, out var parsed) || parsed == Guid.Empty)
            {
                context = null!;
                problem = Rejected(new Rejection("invalid-idempotency-key", "The Idempotency-Key header must be a GUID.", "Idempotency-Key"));
                return false;
            }

            commandId = parsed;
        }

        context = http.User.Command(commandId) with { Fingerprint = commandId is null ? null : RequestFingerprint(http.Request) };
        problem = null;
        return true;
    }

    /// <summary>
    /// A keyed hash (<see cref="TrialOps.Runtime.TrialOpsRuntime.RequestFingerprint"/>) of the method,
    /// the path (operation and target) and the body (canonical JSON, so a retry that reorders fields
    /// is the same request). The API buffers POST bodies for this (<see cref="ApiEndpoints.MapApi"/>).
    /// </summary>
    private static string RequestFingerprint(HttpRequest request)
    {
        var body = string.Empty;
        if (request.Body.CanSeek)
        {
            try
            {
                // The endpoint has bound (and so buffered) the body already: this reads memory or the buffer file.
                request.Body.Position = 0;
                using (var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
                {
                    body = reader.ReadToEnd();
                }

                request.Body.Position = 0;
            }
            catch (InvalidOperationException)
            {
                // An endpoint that binds no body: the method and path are the request.
                body = string.Empty;
            }
        }

        try
        {
            body = body.Length == 0 ? body : TrialOps.EventStore.CanonicalJson.Canonicalize(body);
        }
        catch (System.Text.Json.JsonException)
        {
        }

        var text = $"{request.Method} {request.PathBase}{request.Path}\n{body}";
        return request.HttpContext.RequestServices.GetRequiredService<TrialOps.Web.Hosting.TrialOpsRuntimeHost>().Runtime.RequestFingerprint(text);
    }

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status403Forbidden => "Not permitted",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict with the current state",
        _ => "The request was refused",
    };
}
