using TrialOps.Web.Auth;

namespace TrialOps.Web.Api;

/// <summary>The signed-in caller as the server sees them.</summary>
public sealed record MeResponse(string UserName, string DisplayName, string Role, IReadOnlyList<string> Sites);

public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/me", (HttpContext http) =>
                TypedResults.Ok(new MeResponse(http.User.UserName(), http.User.DisplayNameOf(), http.User.Role(), http.User.Sites())))
            .WithName("GetMe")
            .WithSummary("The signed-in user: name, role and sites.");
        return v1;
    }
}
