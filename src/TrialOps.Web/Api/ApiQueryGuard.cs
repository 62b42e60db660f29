using TrialOps.Common;
using TrialOps.Messaging;

namespace TrialOps.Web.Api;

/// <summary>
/// The API's input boundary for query strings (its bodies have <see cref="InputTextConverter"/>):
/// a query parameter whose name or value holds a control character or is over-long is a 400
/// naming the parameter, on every endpoint, before any endpoint binds it. Without it a NUL in
/// <c>?site=</c> reached a database query (500) and <c>?overdueOnly=true%00</c> was read as
/// <c>true</c> (the framework's boolean parsing ignores trailing NULs).
/// </summary>
public static class ApiQueryGuard
{
    public const string Code = "query.invalid";

    public static IApplicationBuilder UseApiQueryGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (Problem(http.Request.Query) is { } rejection)
            {
                await ApiResults.Rejected(rejection).ExecuteAsync(http);
                return;
            }

            await next(http);
        });

    public static Rejection? Problem(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (InputText.Problem(name, 100) is { } nameProblem)
            {
                return new Rejection(Code, $"A query parameter name {nameProblem}.", "query");
            }

            foreach (var value in values)
            {
                if (InputText.Problem(value) is { } problem)
                {
                    return new Rejection(Code, $"The query parameter '{name}' {problem}.", name);
                }
            }
        }

        return null;
    }
}
