using Microsoft.AspNetCore.Antiforgery;

namespace TrialOps.Web.Hosting;

public static class AntiforgeryChecks
{
    /// <summary>
    /// Antiforgery validation, and a form post without a valid token refused with 400 before any
    /// page code runs (the status page then explains it), rather than left to each endpoint.
    /// </summary>
    public static IApplicationBuilder UseTrialOpsAntiforgery(this IApplicationBuilder app)
    {
        app.UseAntiforgery();
        return app.Use(async (context, next) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                && context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
            {
                // Page endpoints opt out of status code pages; without one, the 400 gets the status page.
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            await next(context);
        });
    }
}
