using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TrialOps.Web.Tests;

/// <summary>
/// Test-only paths that throw, appended after the app's own pipeline (reached only when no
/// endpoint matched), to prove what a user sees when the server fails.
/// </summary>
public sealed class FailingEndpoints : IStartupFilter
{
    public const string Message = "Deliberate failure for a test";
    public const string PagePath = "/test-only/fail";
    public const string ApiPath = "/api/v1/test-only/fail";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((context, following) =>
            context.Request.Path == PagePath || context.Request.Path == ApiPath
                ? throw new InvalidOperationException(Message + " at C:\\secret\\Source.cs:line 42")
                : following(context));
    };
}
