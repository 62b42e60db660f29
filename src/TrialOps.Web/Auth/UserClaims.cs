using System.Security.Claims;
using TrialOps.Identity;
using TrialOps.Messaging;

namespace TrialOps.Web.Auth;

/// <summary>The claims of a signed-in user, always built from the <c>users</c> read model.</summary>
public static class UserClaims
{
    public const string DisplayName = "trialops:display_name";
    public const string Site = "trialops:site";
    public const string SecurityStamp = "trialops:stamp";

    public static ClaimsPrincipal Principal(UserAccount user, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.UserName),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role),
            new(DisplayName, user.DisplayName),
            new(SecurityStamp, user.SecurityStamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(user.Sites.Select(site => new Claim(Site, site)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string UserName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Name) ?? throw new InvalidOperationException("The request has no signed-in user.");

    public static string Role(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("The signed-in user has no role.");

    public static string DisplayNameOf(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.UserName();

    public static IReadOnlyList<string> Sites(this ClaimsPrincipal user) => user.FindAll(Site).Select(c => c.Value).ToArray();

    /// <summary>The actor commands are attributed to: the user, the role they act in and the sites they may reach (ADR 0010).</summary>
    public static Actor Actor(this ClaimsPrincipal user) => new(user.UserName(), user.Role(), SiteGrants.AccessOf(user.Role(), user.Sites()));

    /// <summary>A command context for one command of this user, with the form's or request's idempotency key.</summary>
    public static CommandContext Command(this ClaimsPrincipal user, Guid? commandId = null, string? reason = null)
    {
        var id = commandId is { } given && given != Guid.Empty ? given : Guid.NewGuid();
        return new CommandContext(id, user.Actor(), id, null, reason);
    }
}
