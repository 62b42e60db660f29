using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using System.Threading.RateLimiting;
using TrialOps.Common;
using TrialOps.Identity;
using TrialOps.Web.Hosting;

namespace TrialOps.Web.Auth;

/// <summary>Authorization policies by role. Pages use <c>[Authorize(Roles = Roles.X)]</c>; API groups use these names.</summary>
public static class Policies
{
    public const string Administrator = "administrator";
}

/// <summary>
/// Sign-in by cookie (pages) or personal API token (<c>Authorization: Bearer</c>), and a fallback
/// policy that requires a signed-in user everywhere except what is marked
/// <c>[AllowAnonymous]</c> (the sign-in page, <c>/health</c>, error and status pages).
/// </summary>
public static class AuthenticationSetup
{
    /// <summary>The default scheme: the bearer handler when the request carries a bearer token, else the cookie.</summary>
    public const string Scheme = "TrialOps";

    public const string CookieName = "TrialOps.Session";

    /// <summary>
    /// The rate-limiting policy of the sign-in form: sign-in requests (POST) per client, whatever
    /// their outcome, since each costs a deliberately slow password hash (ADR 0009).
    /// </summary>
    public const string SignInRequestPolicy = "sign-in-requests";

    public const int SignInRequestBurst = 60;
    public const int SignInRequestsPerMinute = 30;

    public static IServiceCollection AddTrialOpsAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context => BearerTokenHandler.HasBearer(context.Request)
                    ? BearerTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Part 11 §11.300: an unattended session ends after 30 minutes without activity.
                options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                options.SlidingExpiration = true;
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.AccessDeniedPath = "/access-denied";
                options.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = RevalidateAsync,
                };
            })
            .AddCookie(SecondFactorSignIn.Scheme, SecondFactorSignIn.ConfigureCookie)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);

        services.AddSecondFactor();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton(sp => new SignInAttemptLog(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<SignInAttemptRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<SignInAttemptRecorder>());
        services.AddSingleton<SignInGate>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInRequestPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetTokenBucketLimiter(SignInThrottle.ClientOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = SignInRequestBurst,
                    TokensPerPeriod = SignInRequestsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                // No body: pages re-execute to /status/429, which says what happened.
                return ValueTask.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, policy => policy.RequireRole(Roles.Administrator));
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>
    /// Sign-out (POST with the antiforgery token of the layout's form): recorded, and the session
    /// ends on the server too (<see cref="SignOut"/>), not only in this browser.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery, IdentityService identity) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            if (context.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
            {
                await identity.SignOutAsync(context.User.Command(), context.RequestAborted);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login?signedOut=true");
        }).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Signs the user in with a session cookie; the claims come from the read model. On the sign-in
    /// page the cookie handler redirects by itself, to <paramref name="redirectUri"/>: without it, it
    /// would take the raw <c>ReturnUrl</c> of the query (an <c>é</c> there made Kestrel refuse the
    /// Location header, a 500).
    /// </summary>
    public static Task SignInWithCookieAsync(this HttpContext context, UserAccount user, string redirectUri = "/") =>
        context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            UserClaims.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false, RedirectUri = Redirects.LocalOrHome(redirectUri) });

    /// <summary>Browsers are sent to the sign-in or access-denied page; API callers get the bare status.</summary>
    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (ErrorHandling.IsApiRequest(context.HttpContext))
        {
            context.Response.StatusCode = apiStatus;
            if (apiStatus == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// On every request: a deactivated user or one whose password changed since the session began
    /// is signed out; a changed role or site list replaces the claims. Reads the inline-projected
    /// read model, so a change applies from the next request on.
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            // The error page, re-executed for a failed request that already checked the session
            // (and may have failed doing so: the database is down). It shows nothing of the user's.
            return;
        }

        var principal = context.Principal;
        var identity = context.HttpContext.RequestServices.GetRequiredService<IdentityService>();
        var name = principal?.FindFirstValue(ClaimTypes.Name);
        var user = name is null ? null : await identity.Directory.FindAsync(name, context.HttpContext.RequestAborted);
        var stamp = principal?.FindFirstValue(UserClaims.SecurityStamp);
        if (user is null || !user.Active || stamp != user.SecurityStamp.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (principal is null
            || principal.FindFirstValue(ClaimTypes.Role) != user.Role
            || !principal.Sites().SequenceEqual(user.Sites)
            || principal.FindFirstValue(UserClaims.DisplayName) != user.DisplayName)
        {
            context.ReplacePrincipal(UserClaims.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
            context.ShouldRenew = true;
        }
    }
}
