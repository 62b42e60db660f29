namespace TrialOps.Web.Auth;

public static class Redirects
{
    /// <summary>The return URL if it stays on this site (no open redirect), else the start page.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
        && !returnUrl.Contains("://", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
