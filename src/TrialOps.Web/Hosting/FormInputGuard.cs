using System.Text;
using System.Text.RegularExpressions;
using TrialOps.Common;

namespace TrialOps.Web.Hosting;

/// <summary>
/// The input boundary for page forms (the API's is its JSON converters): a submitted value with a
/// control character or over-long text is refused with 400 and a message naming the field, before
/// any page handles the form, so that no such text can reach an event.
/// </summary>
public static partial class FormInputGuard
{
    /// <summary>Where the refusal's message waits for the status page (same request, re-executed).</summary>
    public const string ProblemItem = "trialops.input-problem";

    private const int MaxUrlEncodedBody = 1 << 20;

    public static IApplicationBuilder UseFormInputGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType && !ErrorHandling.IsApiRequest(context)
                && await FindProblemAsync(context.Request) is { } problem)
            {
                context.Items[ProblemItem] = problem + " Go back, correct it and send the form again; nothing was recorded.";
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            await next(context);
        });

    private static async Task<string?> FindProblemAsync(HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is null or <= MaxUrlEncodedBody)
        {
            // Read the raw pairs: the framework's form reader refuses a NUL without saying where.
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var separator = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Decode(separator < 0 ? pair : pair[..separator]);
                var value = separator < 0 ? string.Empty : Decode(pair[(separator + 1)..]);
                if (InputText.Problem(value) is { } problem)
                {
                    return $"“{Label(name)}” {problem}.";
                }
            }

            return null;
        }

        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.SelectMany(f => f.Value.Select(v => (f.Key, Problem: InputText.Problem(v))))
                .Where(f => f.Problem is not null)
                .Select(f => $"“{Label(f.Key)}” {f.Problem}.")
                .FirstOrDefault();
        }
        catch (InvalidDataException)
        {
            return "The form holds characters that cannot be accepted (control characters).";
        }
    }

    private static string Decode(string encoded) => Uri.UnescapeDataString(encoded.Replace('+', ' '));

    /// <summary>"Input.ConsentFormVersion" → "Consent form version".</summary>
    public static string Label(string fieldName)
    {
        var last = fieldName.Split('.', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? fieldName;
        var words = Words().Replace(Indexer().Replace(last, ""), " $1").Trim().ToLowerInvariant();
        return words.Length == 0 ? fieldName : char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex Words();

    [GeneratedRegex(@"\[.*\]$")]
    private static partial Regex Indexer();
}
