using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace TrialOps.Web.Hosting;

/// <summary>
/// No stack trace ever reaches a user. API paths (<c>/api</c>, <c>/openapi</c>) answer errors as
/// RFC 7807 problem details; pages re-execute to the error page (exceptions) or the status page
/// (404, 400 and the like).
/// </summary>
public static class ErrorHandling
{
    public static bool IsApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi");

    public static IServiceCollection AddTrialOpsErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();

        // Bad input (malformed JSON, unknown fields, wrong content type) throws in every
        // environment, so ApiExceptionHandler can say what was wrong instead of an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseTrialOpsErrorHandling(this IApplicationBuilder app)
    {
        app.UseWhen(IsApiRequest, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApiRequest(context), pages =>
        {
            pages.UseExceptionHandler("/error", createScopeForErrors: true);
            pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
            pages.Use((context, next) =>
            {
                // The error and status pages are pages to look at, whatever the failed request
                // was: a re-executed form post must not be taken for a form submission.
                if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerPathFeature>() is not null)
                {
                    context.Request.Method = HttpMethods.Get;
                }

                return next(context);
            });
        });
        return app;
    }
}

/// <summary>Turns exceptions on API paths into problem details: 4xx for bad requests, a bare 500 otherwise.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!ErrorHandling.IsApiRequest(context))
        {
            return false;
        }

        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Unsupported media type" : "The request is not valid",
                Detail = DescribeBadRequest(bad),
            };
        }
        else if (DatabaseUnavailable.Is(exception))
        {
            logger.LogWarning("Database unavailable on {Path}: {Message}", context.Request.Path, exception.Message);
            context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is not available",
                Detail = $"TrialOps cannot reach its database right now; nothing was recorded. Try again in {DatabaseUnavailable.RetryAfterSeconds} seconds.",
            };
        }
        else
        {
            logger.LogError(exception, "Unhandled exception on {Path}", context.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred",
                Detail = $"The request could not be completed. Quote reference {context.TraceIdentifier} to your administrator.",
            };
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>What was wrong with the body, in words that name the field, never the code that noticed it.</summary>
    private static string DescribeBadRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            if (json.Message.StartsWith(Api.InputTextConverter.Marker, StringComparison.Ordinal))
            {
                return $"The text at '{path}' {json.Message[Api.InputTextConverter.Marker.Length..]}.";
            }

            if (json.Message.StartsWith("Expected a date and time", StringComparison.Ordinal))
            {
                return $"'{path}': {json.Message}";
            }

            if (json.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            {
                return $"The field at '{path}' is given more than once: give each field once.";
            }

            return json.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"Unknown field at '{path}': only the documented fields are accepted."
                : json.Message.Contains("missing required properties", StringComparison.Ordinal) || json.Message.Contains("null values", StringComparison.Ordinal)
                    ? $"A required field is missing or null at '{path}'."
                    : $"The body is not valid JSON for this request (at '{path}').";
        }

        return bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? "Send the body as application/json."
            : "The request could not be read: check the body and the parameters.";
    }
}
