using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrialOps.Web.Api;

/// <summary>
/// The HTTP API under <c>/api/v1</c>: JSON that refuses unknown fields, problem details for every
/// error, authentication required (cookie or bearer token), and the OpenAPI document at
/// <c>/openapi/v1.json</c>. A feature adds its endpoints in its own file as an extension method
/// on the versioned group (<c>public static RouteGroupBuilder MapTrialsApi(this RouteGroupBuilder v1)</c>
/// in <c>Api/TrialsApi.cs</c>) and one line in <see cref="MapApi"/>.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddTrialOpsApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        // The document says what the JSON options enforce: an object accepts only its documented fields.
        services.AddOpenApi(options => options.AddSchemaTransformer((schema, context, ct) =>
        {
            if (schema.Properties is { Count: > 0 } && schema.AdditionalProperties is null)
            {
                schema.AdditionalPropertiesAllowed = false;
            }

            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// Strict input: an unknown or misspelt field is an error, not silently dropped data; enums by
    /// defined name only; text without control characters and bounded; date-times in UTC.
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A field given twice is ambiguous (which one did the client mean?): refused, not "last one wins".
        options.AllowDuplicateProperties = false;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        // Enum values by name only: an undefined number (`"outcome": 123`) is refused, not stored.
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.Converters.Add(new InputTextConverter());
        options.Converters.Add(new UtcDateTimeOffsetConverter());
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        // Commands' bodies are kept for the idempotency fingerprint (ApiResults.TryGetCommandContext).
        app.UseWhen(
            http => HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments(Prefix),
            api => api.Use((http, next) =>
            {
                http.Request.EnableBuffering();
                return next(http);
            }));
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Prefix), api => api.UseApiQueryGuard());
        app.MapOpenApi();
        var v1 = app.MapGroup(Prefix).RequireAuthorization();
        v1.MapMeApi();
        v1.MapWorklistApi();
        v1.MapUsersApi();
        v1.MapTrialsApi();
        v1.MapParticipantsApi();
        v1.MapMonitoringApi();
        v1.MapSignOffApi();
        v1.MapSafetyReportsApi();
        v1.MapExportsApi(pages: app);
        return app;
    }
}
