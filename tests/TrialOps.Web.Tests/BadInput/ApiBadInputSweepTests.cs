using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrialOps.Common;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.BadInput;

/// <summary>
/// Issue 10, item 7: every operation of the OpenAPI document the app publishes, sent a valid-typed
/// request mutated into bad input (malformed JSON, wrong types, unknown and duplicate fields,
/// control characters, huge texts, out-of-range numbers, odd date-times, undefined enum values,
/// unknown ids, malformed query strings). Never a 5xx, never a stack trace, a problem document for
/// every 4xx, nothing recorded for a refused request, and the read models still running afterwards.
/// Deterministic (fixed seed); sampled so the sweep stays well under a minute.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class ApiBadInputSweepTests(BadInputFixture fixture)
{
    private const int Seed = 20261203;

    private DemoTrialFixture Trial => fixture.Trial;

    [Fact]
    public async Task no_operation_of_the_api_answers_bad_input_with_a_server_error_or_records_anything()
    {
        using var admin = await Trial.ApiClientAsync(Roles.Administrator);
        var documentResponse = await admin.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, documentResponse.StatusCode);
        var document = OpenApiOperations.Parse(await documentResponse.Content.ReadAsStringAsync());
        var operations = new OpenApiOperations(document).All();
        Assert.True(operations.Count >= 40, $"The OpenAPI document lists only {operations.Count} operations.");

        var clients = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        var random = new Random(Seed);
        var sent = 0;
        var reachedPastAuthorization = new HashSet<string>();
        foreach (var operation in operations)
        {
            var role = RoleFor(operation);
            if (!clients.TryGetValue(role, out var client))
            {
                clients[role] = client = await Trial.ApiClientAsync(role);
            }

            foreach (var request in Requests(operation, random))
            {
                sent++;
                var before = await fixture.EventsByPeopleAsync();
                using var message = request.Build();
                using var response = await client.SendAsync(message);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var what = $"{operation} [{request.Mutation}] as {role}";
                if (status >= 500)
                {
                    failures.Add($"{what}: {status} {Shorten(body)}");
                    continue;
                }

                if (status != 403)
                {
                    reachedPastAuthorization.Add(operation.ToString());
                }

                if (request.MustRefuse && status < 400)
                {
                    failures.Add($"{what}: accepted with {status} although it must be refused");
                }

                if (Internals(body) is { } leak)
                {
                    failures.Add($"{what}: the body shows '{leak}': {Shorten(body)}");
                }

                if (status >= 400)
                {
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{what}: {status} without a problem document ({response.Content.Headers.ContentType?.MediaType ?? "no content type"})");
                    }

                    var after = await fixture.EventsByPeopleAsync();
                    if (after != before)
                    {
                        failures.Add($"{what}: refused with {status} but {after - before} event(s) were recorded");
                    }
                }
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(sent > 500, $"Only {sent} requests were sent.");
        var neverPastAuthorization = operations.Select(o => o.ToString()).Where(o => !reachedPastAuthorization.Contains(o)).ToArray();
        Assert.True(neverPastAuthorization.Length == 0, $"Refused as not permitted every time (pick another role in RoleFor): {string.Join(", ", neverPastAuthorization)}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests went wrong:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        await AssertReadModelsRunningAsync(Trial);
    }

    /// <summary>/health is Healthy (no parked event, no paused projection) and every projection catches up.</summary>
    internal static async Task AssertReadModelsRunningAsync(TrialAppFixture trial)
    {
        await trial.WaitForReadModelsAsync();
        using var anonymous = trial.Client();
        var health = await anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    /// <summary>The role whose rules the operation's decider applies, so that values reach the domain instead of stopping at "not permitted".</summary>
    private static string RoleFor(ApiOperation operation)
    {
        var path = operation.Path;
        if (operation.Method == "GET")
        {
            return path.Contains("pharmacy", StringComparison.Ordinal) || path.EndsWith("/allocation", StringComparison.Ordinal) ? Roles.Pharmacist
                : path.StartsWith("/api/v1/users", StringComparison.Ordinal) ? Roles.Administrator
                : path.Contains("/exports", StringComparison.Ordinal) ? Roles.Statistician
                : path.EndsWith("/pre-lock-checklist", StringComparison.Ordinal) ? Roles.Coordinator
                : path.EndsWith("/treatment-at-onset", StringComparison.Ordinal) ? Roles.SafetyOfficer
                : Roles.Monitor;
        }

        return path switch
        {
            _ when path.StartsWith("/api/v1/users", StringComparison.Ordinal) => Roles.Administrator,
            _ when path.EndsWith("/lock", StringComparison.Ordinal) || path.EndsWith("/unlock", StringComparison.Ordinal) => Roles.Administrator,
            _ when path.EndsWith("/unblinding", StringComparison.Ordinal) || path.Contains("/exports", StringComparison.Ordinal) => Roles.Statistician,
            _ when path.EndsWith("/preparation", StringComparison.Ordinal) || path.EndsWith("/preparation-replacements", StringComparison.Ordinal) || path.EndsWith("/preparation-confirmations", StringComparison.Ordinal) => Roles.Pharmacist,
            _ when path.EndsWith("/expectedness", StringComparison.Ordinal) || path.EndsWith("/expectedness-reassessments", StringComparison.Ordinal) => Roles.MedicalMonitor,
            _ when path.EndsWith("/susar-submissions", StringComparison.Ordinal) || path.EndsWith("/treatment-at-onset", StringComparison.Ordinal) => Roles.SafetyOfficer,
            _ when path.EndsWith("/eligibility", StringComparison.Ordinal) || path.EndsWith("/emergency-unblinding", StringComparison.Ordinal)
                || path.EndsWith("/start-before-washout", StringComparison.Ordinal) || path.EndsWith("/causality", StringComparison.Ordinal) => Roles.Investigator,
            _ when path.Contains("/sessions/", StringComparison.Ordinal) || path.Contains("/assessments", StringComparison.Ordinal) || path.Contains("adverse-events", StringComparison.Ordinal) => Roles.DataEntry,
            _ => Roles.Coordinator,
        };
    }

    private IEnumerable<SweepRequest> Requests(ApiOperation operation, Random random)
    {
        var path = PathWith(operation, _ => null);
        var query = operation.Parameters.Where(p => p.In == "query").ToArray();
        var body = operation.Body is null ? null : operation.Body.ToJsonString();
        var isPost = operation.Method == "POST";
        SweepRequest Request(string mutation, string url, string? content = null, string contentType = "application/json", string? idempotencyKey = null, bool refuse = false) =>
            new(mutation, operation.Method, url, content ?? (isPost ? body ?? "{}" : null), contentType, idempotencyKey ?? (isPost ? Guid.NewGuid().ToString() : null), refuse);

        // Unknown ids and odd values in the path (a NUL in the path never reaches the app: Kestrel answers 400, the test host refuses to send it).
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            foreach (var value in new[] { "NO-SUCH-9", "S99-999", "99", "2147483648", "-1", "%07", "%1B%5B31m", "%E2%80%AE", new string('z', 3000), "..%2F..%2Fetc" }.OrderBy(_ => random.Next()).Take(6))
            {
                yield return Request($"path {parameter.Name}={Shorten(value, 20)}", PathWith(operation, p => p.Name == parameter.Name ? value : null));
            }
        }

        // Malformed query strings.
        foreach (var parameter in query)
        {
            foreach (var value in new[] { "%00", "%07", "abc", "99999999999", "-1", "1e308", "%ZZ", "NoSuchValue", new string('q', 5000), "true%00" })
            {
                yield return Request($"query {parameter.Name}={Shorten(value, 20)}", $"{path}?{parameter.Name}={value}", refuse: value.Contains("%0", StringComparison.Ordinal) || value.Length > 4000);
            }
        }

        yield return Request("unknown query parameter", $"{path}?zz=1");

        if (!isPost)
        {
            yield break;
        }

        yield return Request("malformed idempotency key", path, idempotencyKey: "not-a-guid", refuse: true);
        yield return Request("empty idempotency key", path, idempotencyKey: Guid.Empty.ToString(), refuse: true);

        // Malformed JSON and wrong content.
        foreach (var malformed in new[] { "", "{", "{\"a\":", "[", "nul", "{} {}", "\"text\"", "123", "{\"\u0000\":1}", "{'single':'quotes'}", "{\"a\":1,}", "\u00ef\u00bb\u00bf{}", "{\"a\":\"\\ud800\"}" })
        {
            // An empty body is no body: refused where the body is required, read as "no options" where it is optional.
            yield return Request($"malformed {Shorten(malformed, 12)}", path, malformed, refuse: malformed.Length > 0 || operation.BodyRequired);
        }

        yield return Request("text/plain", path, body ?? "{}", "text/plain", refuse: true);
        yield return Request("form content", path, "a=1", "application/x-www-form-urlencoded", refuse: true);
        yield return Request("nesting 300 deep", path, new string('[', 300) + new string(']', 300), refuse: true);

        if (operation.Body is not JsonObject root)
        {
            // A body of an arbitrary JSON document (the protocol file): a few shapes it must refuse.
            foreach (var shape in new[] { "{}", "[]", "{\"schema\":\"trialops.protocol/1\",\"code\":\"\\u0000\"}", "{\"schema\":1e308}", "{\"a\":1,\"a\":2}" })
            {
                yield return Request($"document {Shorten(shape, 20)}", path, shape, refuse: true);
            }

            yield break;
        }

        yield return Request("unknown field", path, With(root, r => r["zzUnknownField"] = 1), refuse: true);
        yield return Request("unknown nested field", path, With(root, r => AddNested(r)), refuse: true);
        if (root.Count > 0)
        {
            var first = root.First();
            var json = root.ToJsonString();
            var duplicate = $"{{\"{first.Key}\":{first.Value?.ToJsonString() ?? "null"},{json[1..]}";
            yield return Request($"duplicate {first.Key}", path, duplicate, refuse: true);
            yield return Request($"duplicate {first.Key} differing", path, $"{{\"{first.Key}\":{Different(first.Value)},{json[1..]}", refuse: true);
        }

        yield return Request("null body", path, "null");
        yield return Request("all null", path, With(root, r =>
        {
            foreach (var key in r.Select(p => p.Key).ToArray())
            {
                r[key] = null;
            }
        }));

        var leaves = Leaves(root, "$").ToArray();
        foreach (var (leafPath, leaf) in leaves)
        {
            var kind = leaf?.GetValueKind();
            foreach (var (name, value) in WrongTypes(kind))
            {
                yield return Request($"{leafPath} {name}", path, Replace(root, leafPath, value), refuse: name != "as null");
            }

            yield return Request($"{leafPath} missing", path, Replace(root, leafPath, null, remove: true));
            if (kind == JsonValueKind.String)
            {
                foreach (var (name, value, refuse) in BadTexts(leaf!.GetValue<string>(), random))
                {
                    yield return Request($"{leafPath} {name}", path, Replace(root, leafPath, JsonValue.Create(value)), refuse: refuse);
                }
            }

            if (kind is JsonValueKind.Number || (kind is JsonValueKind.String && leafPath.EndsWith("At", StringComparison.Ordinal)))
            {
                foreach (var (name, raw) in BadNumbers.Concat(BadTimes).OrderBy(_ => random.Next()).Take(8))
                {
                    yield return Request($"{leafPath} {name}", path, Replace(root, leafPath, JsonNode.Parse(raw)));
                }
            }
        }

        // Undefined enum values wherever the document names an enum (and in every string leaf, sampled).
        foreach (var (leafPath, _) in leaves.Where(l => operation.EnumPaths.Contains(l.Path)).Concat(leaves.Where(l => l.Leaf?.GetValueKind() == JsonValueKind.String).OrderBy(_ => random.Next()).Take(2)).Distinct())
        {
            foreach (var raw in new[] { "\"NoSuchValue\"", "999", "\"999\"", "-1", "\"\"" })
            {
                yield return Request($"{leafPath} enum {raw}", path, Replace(root, leafPath, JsonNode.Parse(raw)), refuse: operation.EnumPaths.Contains(leafPath) && raw != "\"\"");
            }
        }

        yield return Request("huge body", path, With(root, r => r["zzHuge"] = new string('h', 2 << 20)), refuse: true);
    }

    private static readonly (string Name, string Raw)[] BadNumbers =
    [
        ("int overflow", "2147483648"),
        ("long overflow", "9223372036854775808"),
        ("decimal overflow", "79228162514264337593543950336"),
        ("1e308", "1e308"),
        ("-1e308", "-1e308"),
        ("negative", "-1"),
        ("zero", "0"),
        ("tiny", "1e-400"),
        ("fraction", "0.000000000000000000000000000001"),
        ("many digits", "1" + new string('0', 400)),
    ];

    private static readonly (string Name, string Raw)[] BadTimes =
    [
        ("offset +14", "\"2026-12-03T10:00:00+14:00\""),
        ("offset -12", "\"2026-12-02T10:00:00-12:00\""),
        ("no offset", "\"2026-12-03T08:00:00\""),
        ("min date", "\"0001-01-01T00:00:00Z\""),
        ("min date with offset", "\"0001-01-01T00:00:00+05:00\""),
        ("max date", "\"9999-12-31T23:59:59-12:00\""),
        ("impossible date", "\"2026-02-30T10:00:00Z\""),
        ("garbage date", "\"2026-13-45T99:99:99Z\""),
        ("date only", "\"2026-12-03\""),
        ("epoch number", "1764748800"),
    ];

    private static IEnumerable<(string Name, JsonNode? Value)> WrongTypes(JsonValueKind? kind)
    {
        if (kind != JsonValueKind.String)
        {
            yield return ("as string", JsonValue.Create("abc"));
        }

        if (kind != JsonValueKind.Number)
        {
            yield return ("as number", JsonValue.Create(12));
        }

        if (kind is not (JsonValueKind.True or JsonValueKind.False))
        {
            yield return ("as boolean", JsonValue.Create(true));
        }

        yield return ("as object", new JsonObject { ["a"] = 1 });
        yield return ("as array", new JsonArray(1, 2));
        yield return ("as null", null);
    }

    private static IEnumerable<(string Name, string Value, bool MustRefuse)> BadTexts(string valid, Random random)
    {
        yield return ("NUL", valid + "\u0000", true);
        yield return ("bell", "\u0007" + valid, true);
        yield return ("escape", "\u001b[31m" + valid, true);
        yield return ("DEL", valid + "\u007f", true);
        yield return ("C1", valid + "\u0085", true);
        yield return ("lone surrogate", valid + "\ud800", true);
        yield return ("line separator", valid + "\u2028", false);
        yield return ("bidi override", "\u202e" + valid, false);
        yield return ("whitespace only", " \t ", false);
        yield return ("empty", string.Empty, false);
        yield return ("html", "<script>alert(1)</script>", false);
        yield return random.Next(3) == 0 ? ("1 MB", new string('x', 1 << 20), true) : ("10 kB", new string('x', 10_000), true);
    }

    private string PathWith(ApiOperation operation, Func<ApiParameter, string?> value)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var text = value(parameter) ?? parameter.Name switch
            {
                "code" => TrialAppFixture.Code,
                "subject" => fixture.Subject.ToString(),
                "period" => "1",
                "id" when operation.Path.Contains("adverse-events", StringComparison.Ordinal) => fixture.AdverseEventId,
                "id" => "1",
                "stratum" => "S01",
                "userName" => "monitor1",
                _ => "x",
            };
            path = path.Replace($"{{{parameter.Name}}}", text, StringComparison.Ordinal);
        }

        return path;
    }

    private static IEnumerable<(string Path, JsonNode? Leaf)> Leaves(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var leaf in Leaves(value, $"{path}.{key}"))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var leaf in Leaves(array[i], $"{path}[{i}]"))
                    {
                        yield return leaf;
                    }
                }

                break;
            default:
                yield return (path, node);
                break;
        }
    }

    private static string Replace(JsonObject root, string leafPath, JsonNode? value, bool remove = false)
    {
        var copy = root.DeepClone();
        var steps = System.Text.RegularExpressions.Regex.Matches(leafPath[1..], @"\.([^.\[]+)|\[(\d+)\]").Select(m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var parent = copy;
        foreach (var step in steps[..^1])
        {
            parent = step is string key ? parent[key]! : parent[(int)step]!;
        }

        switch (steps[^1], parent)
        {
            case (string key, JsonObject obj) when remove:
                obj.Remove(key);
                break;
            case (string key, JsonObject obj):
                obj[key] = value;
                break;
            case (int index, JsonArray array) when remove:
                array.RemoveAt(index);
                break;
            case (int index, JsonArray array):
                array[index] = value;
                break;
        }

        return copy.ToJsonString();
    }

    private static string With(JsonObject root, Action<JsonObject> change)
    {
        var copy = root.DeepClone().AsObject();
        change(copy);
        return copy.ToJsonString();
    }

    private static void AddNested(JsonObject root)
    {
        var nested = root.Select(p => p.Value).OfType<JsonObject>().FirstOrDefault()
            ?? root.Select(p => p.Value).OfType<JsonArray>().SelectMany(a => a).OfType<JsonObject>().FirstOrDefault();
        if (nested is null)
        {
            root["zzNested"] = new JsonObject { ["a"] = 1 };
        }
        else
        {
            nested["zzUnknownNested"] = 1;
        }
    }

    private static string Different(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => "\"other\"",
        JsonValueKind.Number => "7",
        JsonValueKind.True => "false",
        JsonValueKind.False => "true",
        _ => "null",
    };

    /// <summary>The first sign of the code behind the answer (a stack trace, an exception type, a source path), or null.</summary>
    public static string? Internals(string body) =>
        new[] { "   at ", "Exception", "System.", ".cs:line", "Npgsql", "Marten", "Wolverine", "JasperFx", "TrialOps." }
            .FirstOrDefault(marker => body.Contains(marker, StringComparison.Ordinal));

    private static string Shorten(string text, int length = 300) =>
        text.Length <= length ? text : text[..length] + "…";

    /// <param name="MustRefuse">Input that no operation may accept (malformed, unknown, duplicate, control characters, over-long, wrong shape): a 2xx is a failure too.</param>
    private sealed record SweepRequest(string Mutation, string Method, string Url, string? Body, string ContentType, string? IdempotencyKey, bool MustRefuse = false)
    {
        public HttpRequestMessage Build()
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), Url);
            if (Body is not null)
            {
                message.Content = new ByteArrayContent(new UTF8Encoding(false).GetBytes(Body));
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType + (ContentType == "application/json" ? "; charset=utf-8" : string.Empty));
            }

            if (IdempotencyKey is not null)
            {
                message.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
            }

            return message;
        }
    }
}
