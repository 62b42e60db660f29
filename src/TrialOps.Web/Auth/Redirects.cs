namespace TrialOps.Web.Auth;

public static class Redirects
{
    private const int MaxReturnUrlLength = 2048;

    /// <summary>
    /// The return URL if it is a plain local path (no open redirect), else the start page. Only
    /// printable ASCII is kept: a Location header cannot carry anything else (an <c>é</c> or a line
    /// break made the redirect throw, a 500), and a link this app made is always percent-encoded.
    /// </summary>
    public static string LocalOrHome(string? returnUrl) =>
        IsLocalPath(returnUrl) ? returnUrl! : "/";

    private static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url)
        && url.Length <= MaxReturnUrlLength
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && url.All(c => c is > ' ' and <= '~' and not '\\')
        && !url.Contains("://", StringComparison.Ordinal)
        && Uri.TryCreate(url, UriKind.Relative, out _);
}
