using System.Text.Json;

namespace TrialOps.Web.Tests;

internal static class Responses
{
    /// <summary>The redirect target's path and query, whether the Location header is absolute or relative.</summary>
    public static string? RedirectPath(this HttpResponseMessage response) =>
        response.Headers.Location is not { } location
            ? null
            : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    /// <summary>Asserts an RFC 7807 answer with the status and returns its JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        AssertNoInternals(body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        return json;
    }

    /// <summary>No stack trace, exception type or source path in what a client sees.</summary>
    public static void AssertNoInternals(string body)
    {
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
    }
}
