using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrialOps.Web.Tests.BadInput;

/// <summary>One operation of the app's OpenAPI document: method, path template, parameters and a body built from its schema.</summary>
/// <param name="EnumPaths">JSON paths (<c>$.reason</c>) in <see cref="Body"/> whose schema is an enum.</param>
public sealed record ApiOperation(string Method, string Path, string? OperationId, IReadOnlyList<ApiParameter> Parameters, JsonNode? Body, bool BodyRequired, IReadOnlySet<string> EnumPaths)
{
    public override string ToString() => $"{Method} {Path}";
}

public sealed record ApiParameter(string Name, string In, JsonNode Example);

/// <summary>
/// Reads the OpenAPI document the app publishes (<c>/openapi/v1.json</c>) and builds, for every
/// operation, a request whose values have the right JSON types (not necessarily ones the domain
/// accepts: the sweep is about what happens to values it must refuse).
/// </summary>
public sealed class OpenApiOperations(JsonObject document)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public IReadOnlyList<ApiOperation> All()
    {
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (item![method] is not JsonObject operation)
                {
                    continue;
                }

                var parameters = (operation["parameters"]?.AsArray() ?? [])
                    .Select(p => Resolve(p!.AsObject()))
                    .Select(p => new ApiParameter(p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), Example(p["schema"] as JsonObject, p["name"]!.GetValue<string>(), "$", [], 0) ?? JsonValue.Create("x")!))
                    .ToArray();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;
                var enums = new HashSet<string>(StringComparer.Ordinal);
                operations.Add(new ApiOperation(method.ToUpperInvariant(), path, operation["operationId"]?.GetValue<string>(), parameters, body is null ? null : Example(body, null, "$", enums, 0), operation["requestBody"]?["required"]?.GetValue<bool>() == true, enums));
            }
        }

        return operations;
    }

    private JsonObject Resolve(JsonObject schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference.Split('/')[^1];
            schema = document["components"]!["schemas"]![name]!.AsObject();
        }

        return schema;
    }

    /// <summary>A value of the schema's type; <paramref name="name"/> picks a plausible text for a few well-known fields.</summary>
    private JsonNode? Example(JsonObject? schema, string? name, string path, HashSet<string> enums, int depth)
    {
        if (schema is null || depth > 6)
        {
            return null;
        }

        schema = Resolve(schema);
        if (schema["enum"] is JsonArray values && values.FirstOrDefault(v => v is not null) is { } first)
        {
            enums.Add(path);
            return first.DeepClone();
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema[combinator] is JsonArray options)
            {
                var option = options.Select(o => Resolve(o!.AsObject())).FirstOrDefault(o => TypeOf(o) != "null");
                return Example(option, name, path, enums, depth + 1);
            }
        }

        var format = schema["format"]?.GetValue<string>();
        return TypeOf(schema) switch
        {
            "string" => format switch
            {
                "date-time" => JsonValue.Create(DateTimeOffset.UtcNow.AddMinutes(-30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
                "date" => JsonValue.Create(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                _ => JsonValue.Create(TextFor(name)),
            },
            "integer" => JsonValue.Create(name switch { "meddraCode" => 10028813, "systolicMmHg" => 120, "diastolicMmHg" => 80, "heartRatePerMin" => 70, "spo2Percent" => 97, _ => 1 }),
            "number" => JsonValue.Create(name switch { "weightKg" => 70.5m, "rateMlPerHour" => 40m, "value" => 30m, _ => 1.5m }),
            "boolean" => JsonValue.Create(false),
            "array" => new JsonArray(Example(schema["items"] as JsonObject, name, path + "[0]", enums, depth + 1)),
            "object" or null when schema["properties"] is JsonObject properties => ObjectExample(properties, path, enums, depth),
            "object" => new JsonObject(),
            _ => null,
        };
    }

    private JsonObject ObjectExample(JsonObject properties, string path, HashSet<string> enums, int depth)
    {
        var result = new JsonObject();
        foreach (var (property, propertySchema) in properties)
        {
            if (Example(propertySchema as JsonObject, property, $"{path}.{property}", enums, depth + 1) is { } value)
            {
                result[property] = value;
            }
        }

        return result;
    }

    /// <summary>The schema's type; with several (<c>["null", "string"]</c>, <c>["integer", "string"]</c>) the first that is neither null nor string, else string.</summary>
    private static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).Where(t => t != "null").OrderBy(t => t == "string" ? 1 : 0).FirstOrDefault() ?? "null",
        JsonValue type => type.GetValue<string>(),
        _ => schema["properties"] is not null ? "object" : null,
    };

    private static string TextFor(string? name) => name switch
    {
        "site" or "stratum" => "S01",
        "consentFormVersion" => "2.1",
        "checkedBy" => "pharmacy.technician",
        "assessmentCode" => "PAIN",
        "timepoint" => "PT20M",
        "onset" or "end" => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "reason" or "details" or "information" or "earlyStopReason" or "shortInfusionReason" => "A reason given in the sweep",
        "password" => "not-the-password",
        _ => "x",
    };

    public static JsonObject Parse(string json) => JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })!.AsObject();
}
