using Microsoft.AspNetCore.Http.Features;
using TrialOps.Analysis.Rendering;
using TrialOps.Common;
using TrialOps.Exports;
using TrialOps.Web.Auth;
using TrialOps.Web.Hosting;

namespace TrialOps.Web.Components.Pages.Analysis;

/// <summary>
/// The files of a stored analysis for the analysis page's links and images:
/// <c>/trials/{code}/analysis/{id}/analysis.json|report.html|consort.svg|export.zip</c>. Statistician
/// only (others are sent to the access-denied page), and only while the export policy lets the
/// viewer have an unblinded export; a refusal is a plain status, which the status pages explain.
/// </summary>
public static class AnalysisFileEndpoints
{
    /// <summary>
    /// <c>report.html</c> has inline styles, which the app's policy forbids: it is shown in a
    /// sandboxed frame (no script, no same-origin access) under a policy of its own that allows
    /// inline styles and nothing else, and may be framed by this origin only.
    /// </summary>
    public const string ReportPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";

    public static IEndpointRouteBuilder MapAnalysisFiles(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/trials/{code}/analysis/{id:long}").RequireAuthorization(policy => policy.RequireRole(Roles.Statistician)).ExcludeFromDescription();
        files.MapGet("/" + AnalysisJson.FileName, (string code, long id, HttpContext http, CancellationToken ct) =>
            ServeAsync(code, id, http, AnalysisJson.FileName, "application/json", ct));
        files.MapGet("/" + ConsortDiagram.FileName, (string code, long id, HttpContext http, CancellationToken ct) =>
            ServeAsync(code, id, http, ConsortDiagram.FileName, "image/svg+xml", ct));
        files.MapGet("/" + AnalysisReport.FileName, (string code, long id, HttpContext http, CancellationToken ct) =>
        {
            SecurityHeaders.UsePolicyOf(http, ReportPolicy, frameOptions: "SAMEORIGIN");
            return ServeAsync(code, id, http, AnalysisReport.FileName, "text/html; charset=utf-8", ct);
        });
        files.MapGet("/export.zip", async Task<IResult> (string code, long id, HttpContext http, CancellationToken ct) =>
        {
            var (entry, refused) = await FindAsync(code, id, http, ct);
            if (entry is null)
            {
                return refused!;
            }

            if (http.Features.Get<IHttpBodyControlFeature>() is { } body)
            {
                // ZipArchive writes its central directory synchronously when disposed (as the export download does).
                body.AllowSynchronousIO = true;
            }

            return TypedResults.Stream(output => ExportArchive.WriteAsync(entry.ExportFolder, output, http.RequestAborted), "application/zip", entry.ArchiveName);
        });
        return app;
    }

    private static async Task<IResult> ServeAsync(string code, long id, HttpContext http, string file, string contentType, CancellationToken ct)
    {
        var (entry, refused) = await FindAsync(code, id, http, ct);
        return entry is null ? refused! : TypedResults.PhysicalFile(entry.File(file), contentType);
    }

    private static async Task<(AnalysisEntry? Entry, IResult? Refused)> FindAsync(string code, long id, HttpContext http, CancellationToken ct)
    {
        var workspace = AnalysisWorkspace.For(http.RequestServices);
        if (await workspace.CheckAsync(code, http.User.Actor(), ct) is { } refused)
        {
            // Before unblinding too: the files of an unblinded analysis are nobody's until the trial is unblinded.
            return (null, TypedResults.StatusCode(refused.Code == "protocol.not-found" ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden));
        }

        return await workspace.FindAsync(code, id, ct) is { } entry ? (entry, null) : (null, TypedResults.NotFound());
    }
}
