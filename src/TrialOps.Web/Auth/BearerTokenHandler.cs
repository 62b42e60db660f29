using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TrialOps.Identity;

namespace TrialOps.Web.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> with a personal API token: the token's SHA-256 is
/// looked up in the <c>users</c> read model (revoked tokens and deactivated users find nothing).
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IdentityService identity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var token = Request.Headers.Authorization.ToString()[(SchemeName.Length + 1)..].Trim();
        var user = await identity.AuthenticateTokenAsync(token, Context.RequestAborted);
        return user is null
            ? AuthenticateResult.Fail("The API token is not valid, was revoked, or belongs to a deactivated user.")
            : AuthenticateResult.Success(new AuthenticationTicket(UserClaims.Principal(user, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = HasBearer(Request) ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
