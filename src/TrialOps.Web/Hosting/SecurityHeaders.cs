namespace TrialOps.Web.Hosting;

/// <summary>
/// Headers on every response, error pages included (added when the response starts, after any
/// middleware cleared the headers). The app serves no script and no third-party resource, so the
/// content security policy allows only its own origin.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    private static readonly object OwnPolicy = new();

    /// <summary>
    /// A response that must differ from the app's policy (a sandboxed document shown in a frame of
    /// the app) names its own policy and frame options here; every other header stays.
    /// </summary>
    public static void UsePolicyOf(HttpContext context, string contentSecurityPolicy, string frameOptions) =>
        context.Items[OwnPolicy] = (contentSecurityPolicy, frameOptions);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var (policy, frameOptions) = context.Items[OwnPolicy] is (string own, string ownFrameOptions) ? (own, ownFrameOptions) : (ContentSecurityPolicy, "DENY");
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = frameOptions;
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    // Pages and API answers hold trial data: no copies in browser or proxy caches.
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}
