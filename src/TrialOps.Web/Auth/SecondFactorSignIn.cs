using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using TrialOps.Identity;
using TrialOps.Web.Hosting;

namespace TrialOps.Web.Auth;

/// <summary>A sign-in whose password was right and which waits for its second factor (ADR 0011).</summary>
public sealed record PendingSignIn(UserAccount User, SecondFactorStep Step);

/// <summary>
/// The state between the password and the code of a sign-in (ADR 0011): a short-lived cookie of
/// its own scheme, sent only to <c>/login…</c>, that names the account and the next step. It is not
/// a session: the default scheme never reads it, so no page or API accepts it. It expires after
/// <see cref="Lifetime"/>, and is void once the account's security stamp moves.
/// </summary>
public static class SecondFactorSignIn
{
    public const string Scheme = "TrialOps.SecondFactor";

    public const string CookieName = "TrialOps.SignIn";

    public const string StepClaim = "trialops:second_factor_step";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.Path = "/login";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = Lifetime;
        options.SlidingExpiration = false;
        // Signing in this scheme on the sign-in page redirects to the properties' RedirectUri (the code or setup page).
        options.LoginPath = "/login";
    }

    /// <summary>The installation's rule and the services of the code step.</summary>
    public static IServiceCollection AddSecondFactor(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SecondFactorPolicy(sp.GetRequiredService<IConfiguration>().GetValue<bool>(SecondFactorPolicy.SettingName)));
        // The key comes from TRIALOPS_SECOND_FACTOR_KEY or second-factor.key under TRIALOPS_HOME
        // (configuration includes the environment): the runtime host hands it to the runtime.
        services.AddSingleton(sp => new SecondFactorService(sp.GetRequiredService<TrialOpsRuntimeHost>().Runtime));
        return services;
    }

    /// <summary>Where the sign-in continues for a step, keeping the page the user wanted.</summary>
    public static string PathOf(SecondFactorStep step, string returnTo)
    {
        var path = step == SecondFactorStep.Enroll ? "/login/enroll" : "/login/code";
        return returnTo == "/" ? path : $"{path}?ReturnUrl={Uri.EscapeDataString(returnTo)}";
    }

    public static Task BeginAsync(HttpContext context, UserAccount user, SecondFactorStep step, string returnTo)
    {
        var claims = new[]
        {
            new Claim(ClaimTypes.Name, user.UserName),
            new Claim(StepClaim, step.ToString()),
            new Claim(UserClaims.SecurityStamp, user.SecurityStamp.ToString(CultureInfo.InvariantCulture)),
        };
        return context.SignInAsync(
            Scheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role)),
            new AuthenticationProperties { IsPersistent = false, RedirectUri = PathOf(step, returnTo) });
    }

    /// <summary>The waiting sign-in of this browser for <paramref name="step"/>, if it is still valid for an active account.</summary>
    public static async Task<PendingSignIn?> PendingAsync(HttpContext context, IdentityService identity, SecondFactorStep step)
    {
        var authenticated = await context.AuthenticateAsync(Scheme);
        var principal = authenticated.Succeeded ? authenticated.Principal : null;
        if (principal?.FindFirstValue(ClaimTypes.Name) is not { } name
            || principal.FindFirstValue(StepClaim) != step.ToString()
            || await identity.Directory.FindAsync(name, context.RequestAborted) is not { Active: true } user
            || principal.FindFirstValue(UserClaims.SecurityStamp) != user.SecurityStamp.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return new PendingSignIn(user, step);
    }

    /// <summary>Ends the waiting state and gives the session.</summary>
    public static async Task CompleteAsync(HttpContext context, UserAccount user, string returnTo)
    {
        await context.SignOutAsync(Scheme);
        await context.SignInWithCookieAsync(user, returnTo);
    }
}
