using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Common;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.BadInput;

/// <summary>
/// Issue 10, item 7, for the pages: every page of the app (from its route table) is opened as
/// each role, and every POST form found is sent with mutated fields — control characters, huge
/// texts, wrong types, absurd dates and numbers, undefined options, unknown and duplicate fields,
/// a missing antiforgery token, an unknown form name — with a valid antiforgery token otherwise.
/// Never a 5xx, never a stack trace, nothing recorded for a 400, read models still running.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class FormBadInputSweepTests(BadInputFixture fixture)
{
    private const int Seed = 3122026;

    /// <summary>Most capable first: a form is swept once, as the first role that is shown it.</summary>
    private static readonly string[] RolesInOrder =
        [Roles.Administrator, Roles.Coordinator, Roles.Investigator, Roles.DataEntry, Roles.Pharmacist, Roles.Statistician, Roles.Monitor];

    /// <summary>Pages whose forms are not swept: sign-in (mutated attempts would lock accounts out) and the error pages (no forms).</summary>
    private static readonly string[] Skipped = ["/login", "/error", "/status", "/not-found", "/access-denied"];

    private DemoTrialFixture Trial => fixture.Trial;

    [Fact]
    public async Task no_page_form_answers_bad_input_with_a_server_error()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var swept = new HashSet<string>(StringComparer.Ordinal);
        var posts = 0;
        var statuses = new HashSet<int>();
        foreach (var role in RolesInOrder)
        {
            using var client = await Trial.SignedInAsync(role);
            foreach (var page in Pages())
            {
                using var response = await client.GetAsync(page);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                foreach (var form in PageForms.Read(page, await response.Content.ReadAsStringAsync()))
                {
                    if (form.Action.StartsWith("/logout", StringComparison.Ordinal) || !swept.Add($"{page} {form.Name}"))
                    {
                        continue;
                    }

                    foreach (var (mutation, fields) in Mutations(form, random))
                    {
                        posts++;
                        var before = await fixture.EventsByPeopleAsync();
                        using var posted = await client.PostAsync(form.Action, new FormUrlEncodedContent(fields));
                        var body = await posted.Content.ReadAsStringAsync();
                        var status = (int)posted.StatusCode;
                        var what = $"{form} [{mutation}] as {role}: {status}";
                        statuses.Add(status);
                        if (status >= 500)
                        {
                            failures.Add(what);
                        }
                        else if (MustBeRefusedByTheInputGuard(mutation) && status != 400)
                        {
                            failures.Add($"{what}, but the input guard must refuse it with 400");
                        }
                        else if (PageInternals(body) is { } leak)
                        {
                            failures.Add($"{what}, the page shows '{leak}'");
                        }
                        else if (status == 400 && await fixture.EventsByPeopleAsync() != before)
                        {
                            failures.Add($"{what}, but events were recorded: {await fixture.EventsByPeopleAfterAsync(before)}");
                        }
                    }
                }
            }
        }

        Assert.Contains(400, statuses);
        Assert.Contains(200, statuses);
        Assert.True(swept.Count >= 20, $"Only {swept.Count} forms were found: {string.Join(", ", swept)}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {posts} form posts went wrong:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        await ApiBadInputSweepTests.AssertReadModelsRunningAsync(Trial);
    }

    /// <summary>Every page route of the app with its parameters filled by the fixture's trial, participants, period, adverse event and user.</summary>
    private IEnumerable<string> Pages()
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["code"] = TrialAppFixture.Code,
            ["subject"] = fixture.Subject.ToString(),
            ["period"] = "1",
            ["id"] = fixture.AdverseEventId,
            ["username"] = Trial.UserOf(Roles.DataEntry),
        };
        var pages = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in Trial.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null
                || Skipped.Any(s => (pattern.RawText ?? string.Empty).TrimStart('/').StartsWith(s.TrimStart('/'), StringComparison.Ordinal) && s != "/"))
            {
                continue;
            }

            var path = string.Concat(pattern.PathSegments.Select(segment => "/" + string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart parameter => values.GetValueOrDefault(parameter.Name, "x"),
                _ => string.Empty,
            }))));
            pages.Add(path.Length == 0 ? "/" : path);
            if (path.Contains(fixture.Subject.ToString(), StringComparison.Ordinal))
            {
                pages.Add(path.Replace(fixture.Subject.ToString(), fixture.Screened.ToString(), StringComparison.Ordinal));
            }
        }

        return pages;
    }

    private static IEnumerable<(string Mutation, List<KeyValuePair<string, string>> Fields)> Mutations(PageForm form, Random random)
    {
        List<KeyValuePair<string, string>> Post(Func<PageField, string?>? change = null, params KeyValuePair<string, string>[] extra)
        {
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var field in form.Fields)
            {
                var value = change?.Invoke(field) ?? (field.Name.EndsWith("CommandId", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : field.Value);
                fields.Add(new(field.Name, value));
            }

            fields.AddRange(extra);
            return fields;
        }

        yield return ("without antiforgery token", Post().Where(f => f.Key != Forms.AntiforgeryField).ToList());
        yield return ("unknown form name", Post(f => f.Name == "_handler" ? "no-such-form" : null));
        yield return ("unknown field", Post(null, new KeyValuePair<string, string>("Input.ZzUnknown", "1")));
        yield return ("NUL in a field name", Post(null, new KeyValuePair<string, string>("Input.Zz\u0000", "1")));

        var editable = form.Fields.Where(f => f.Name is not ("_handler" or Forms.AntiforgeryField) && !f.Name.EndsWith("CommandId", StringComparison.Ordinal)).ToArray();
        if (editable.Length > 0)
        {
            var first = editable[0];
            yield return ($"{first.Name} twice", Post(null, new KeyValuePair<string, string>(first.Name, "second value")));
            yield return ("1.5 MB field", Post(f => f == first ? new string('x', 3 << 19) : null));
        }

        if (form.Fields.Any(f => f.Name.EndsWith("CommandId", StringComparison.Ordinal)))
        {
            yield return ("NUL in the command id", Post(f => f.Name.EndsWith("CommandId", StringComparison.Ordinal) ? "\u0000" : null));
            yield return ("command id not a GUID", Post(f => f.Name.EndsWith("CommandId", StringComparison.Ordinal) ? "../../etc" : null));
        }

        foreach (var field in editable.OrderBy(_ => random.Next()).Take(4))
        {
            foreach (var (name, value) in BadValues(field).OrderBy(_ => random.Next()).Take(5))
            {
                yield return ($"{field.Name} {name}", Post(f => f == field ? value : null));
            }
        }
    }

    private static IEnumerable<(string Name, string Value)> BadValues(PageField field)
    {
        yield return ("NUL", field.Value + "\u0000");
        yield return ("escape", "\u001b[2J" + field.Value);
        yield return ("DEL", field.Value + "\u007f");
        yield return ("10 kB", new string('x', 10_000));
        yield return ("empty", string.Empty);
        yield return ("lone surrogate", field.Value + "\ud800");
        yield return ("not a number", "abc");
        yield return ("int overflow", "2147483648");
        yield return ("decimal overflow", "79228162514264337593543950336");
        yield return ("1e308", "1e308");
        yield return ("negative", "-1");
        yield return ("impossible date", "2026-02-30T10:00");
        yield return ("min date", "0001-01-01T00:00");
        yield return ("max date", "9999-12-31T23:59");
        yield return ("date with offset", "2026-12-03T10:00:00+14:00");
        yield return ("undefined option", "NoSuchValue");
        yield return ("undefined option number", "999");
    }

    /// <summary>Control characters and over-long text in any field (or field name) are refused before any page sees the form.</summary>
    private static bool MustBeRefusedByTheInputGuard(string mutation) =>
        mutation.EndsWith(" NUL", StringComparison.Ordinal) || mutation.EndsWith(" escape", StringComparison.Ordinal) || mutation.EndsWith(" DEL", StringComparison.Ordinal)
        || mutation.EndsWith(" 10 kB", StringComparison.Ordinal) || mutation is "1.5 MB field" or "NUL in a field name" or "NUL in the command id";

    /// <summary>Signs of the code behind a page (a stack trace, an exception type, a source path).</summary>
    private static string? PageInternals(string body) =>
        new[] { "   at ", "Exception", ".cs:line", "Npgsql", "System.Private" }.FirstOrDefault(marker => body.Contains(marker, StringComparison.Ordinal));
}
