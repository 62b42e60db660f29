using Microsoft.AspNetCore.Http.HttpResults;
using TrialOps.Identity;
using TrialOps.Web.Auth;

namespace TrialOps.Web.Api;

/// <summary>A user account as the API shows it: never a password hash or token.</summary>
/// <param name="Sites">The recorded site list; <c>*</c> grants all sites.</param>
/// <param name="AllSites">Whether the user reaches every site: an all-sites grant, or a trial-wide role with no list (ADR 0010).</param>
public sealed record UserResponse(
    string UserName,
    string DisplayName,
    string Role,
    IReadOnlyList<string> Sites,
    bool Active,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    bool AllSites)
{
    public static UserResponse From(UserAccount user) =>
        new(user.UserName, user.DisplayName, user.Role, user.Sites, user.Active, user.LockedUntil, user.CreatedAt, user.LastSignInAt, SiteGrants.AccessOf(user.Role, user.Sites).AllSites);
}

/// <summary>A user's new role and sites: the whole site list, or <paramref name="AllSites"/> (Coordinators and trial-wide roles).</summary>
public sealed record UserAccessRequest(string Role, IReadOnlyList<string>? Sites = null, bool AllSites = false);

/// <summary>A new account. <paramref name="Password"/> is the initial password (see PasswordPolicy: at least 12 characters, not a common password, not containing the user name).</summary>
public sealed record CreateUserRequest(string UserName, string DisplayName, string Role, string Password, IReadOnlyList<string>? Sites = null);

/// <summary>Whether a user has a second factor (ADR 0011); never a secret or a recovery code.</summary>
public sealed record SecondFactorResponse(string UserName, bool Enabled, int RecoveryCodesLeft);

/// <summary>User administration over HTTP (Administrator only).</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder v1)
    {
        var users = v1.MapGroup("/users").RequireAuthorization(Policies.Administrator).WithTags("Users");

        users.MapGet("", async (IdentityService identity, CancellationToken ct) =>
                TypedResults.Ok((await identity.Directory.ListAsync(ct)).Select(UserResponse.From).ToArray()))
            .WithName("ListUsers")
            .WithSummary("Every user account.");

        users.MapGet("/{userName}", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (string userName, IdentityService identity, CancellationToken ct) =>
                await identity.Directory.FindAsync(UserRules.NormalizeUserName(userName), ct) is { } user
                    ? TypedResults.Ok(UserResponse.From(user))
                    : TypedResults.Problem(detail: $"There is no user {userName}.", statusCode: StatusCodes.Status404NotFound, type: ApiResults.ProblemTypePrefix + IdentityRejections.UserNotFound))
            .WithName("GetUser")
            .WithSummary("One user account.");

        users.MapPost("", async (CreateUserRequest request, HttpContext http, IdentityService identity, CancellationToken ct) =>
            {
                if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
                {
                    return problem!;
                }

                var newUser = new NewUser(request.UserName, request.DisplayName, request.Role, request.Sites ?? [], request.Password);
                if (IdentityService.Validate(newUser) is { Count: > 0 } invalid)
                {
                    return ApiResults.Invalid(invalid);
                }

                var result = await identity.CreateUserAsync(context, newUser, ct);
                if (!result.Accepted)
                {
                    return ApiResults.Rejected(result.Rejection!);
                }

                var created = await identity.Directory.FindAsync(UserRules.NormalizeUserName(request.UserName), ct);
                return TypedResults.Created($"{ApiEndpoints.Prefix}/users/{created!.UserName}", UserResponse.From(created));
            })
            .WithName("CreateUser")
            .WithSummary("Create a user account. Send an Idempotency-Key header (a GUID) to make retries safe.")
            .Produces<UserResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapGet("/{userName}/second-factor", async Task<Results<Ok<SecondFactorResponse>, ProblemHttpResult>> (string userName, IdentityService identity, SecondFactorService secondFactor, CancellationToken ct) =>
            {
                if (await identity.Directory.FindAsync(UserRules.NormalizeUserName(userName), ct) is not { } user)
                {
                    return TypedResults.Problem(detail: $"There is no user {userName}.", statusCode: StatusCodes.Status404NotFound, type: ApiResults.ProblemTypePrefix + IdentityRejections.UserNotFound);
                }

                var status = await secondFactor.OverviewAsync(user.UserName, ct);
                return TypedResults.Ok(new SecondFactorResponse(user.UserName, status.Enabled, status.RecoveryCodesLeft));
            })
            .WithName("GetUserSecondFactor")
            .WithSummary("Whether the user has a second factor (TOTP) and how many recovery codes are unused.");

        users.MapPost("/{userName}/second-factor/reset", async (string userName, HttpContext http, SecondFactorService secondFactor, CancellationToken ct) =>
            {
                if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
                {
                    return problem!;
                }

                var result = await secondFactor.ResetAsync(context, userName, ct);
                return result.Accepted ? TypedResults.NoContent() : ApiResults.Rejected(result.Rejection!);
            })
            .WithName("ResetUserSecondFactor")
            .WithSummary("Remove the user's second factor (a lost phone): authenticator and recovery codes stop working and the user's sessions end. Send an Idempotency-Key header (a GUID) to make retries safe.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPut("/{userName}/access", async (string userName, UserAccessRequest request, HttpContext http, IdentityService identity, CancellationToken ct) =>
            {
                if (!ApiResults.TryGetCommandContext(http, out var context, out var problem))
                {
                    return problem!;
                }

                if (request.AllSites && request.Sites is { Count: > 0 })
                {
                    return ApiResults.Rejected(new Messaging.Rejection(IdentityRejections.InvalidSite, "Give either sites or allSites, not both.", "sites"));
                }

                IReadOnlyList<string> sites = request.AllSites ? [SiteGrants.AllSitesGrant] : request.Sites ?? [];
                var result = await identity.ChangeAccessAsync(context, userName, request.Role ?? string.Empty, sites, ct);
                if (!result.Accepted)
                {
                    return ApiResults.Rejected(result.Rejection!);
                }

                var changed = await identity.Directory.FindAsync(UserRules.NormalizeUserName(userName), ct);
                return TypedResults.Ok(UserResponse.From(changed!));
            })
            .WithName("ChangeUserAccess")
            .WithSummary("Change a user's role and sites: the whole site list, or allSites=true for every site (Coordinators and trial-wide roles). Not on your own account.")
            .Produces<UserResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return v1;
    }
}
