using System.Net;
using System.Text.RegularExpressions;

namespace TrialOps.Web.Tests;

/// <summary>Posting static-SSR forms the way a browser does: GET the page, take its antiforgery token, POST.</summary>
public static partial class Forms
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields, bool withToken = true)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>(fields) { ["_handler"] = formName };
        foreach (var hidden in HiddenInputs(html, formName))
        {
            form.TryAdd(hidden.Key, hidden.Value);
        }

        if (!withToken)
        {
            form.Remove(AntiforgeryField);
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>The value attribute of the input with the given name, HTML-decoded; null when absent.</summary>
    public static string? InputValue(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            var attributes = Attributes(input.Value);
            if (attributes.TryGetValue("name", out var n) && n == name)
            {
                return attributes.GetValueOrDefault("value");
            }
        }

        return null;
    }

    /// <summary>Hidden inputs (command id, antiforgery token) of the form named <paramref name="formName"/>.</summary>
    private static Dictionary<string, string> HiddenInputs(string html, string formName)
    {
        var result = new Dictionary<string, string>();
        foreach (Match form in FormTag().Matches(html))
        {
            if (!form.Value.Contains($"value=\"{formName}\"", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match input in InputTag().Matches(form.Value))
            {
                var attributes = Attributes(input.Value);
                if (attributes.GetValueOrDefault("type") == "hidden" && attributes.TryGetValue("name", out var name))
                {
                    result[name] = attributes.GetValueOrDefault("value") ?? string.Empty;
                }
            }
        }

        return result;
    }

    private static Dictionary<string, string> Attributes(string tag) =>
        Attribute().Matches(tag).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormTag();

    [GeneratedRegex("<input[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InputTag();

    [GeneratedRegex("([a-zA-Z_:.-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();
}
