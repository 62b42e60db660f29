using Microsoft.AspNetCore.Http.Features;
using TrialOps.Common;
using TrialOps.Exports;
using TrialOps.Messaging;
using TrialOps.Web.Auth;
using TrialOps.Web.Components.Pages.Exports;
using TrialOps.Web.Components.Pages.Trials;

namespace TrialOps.Web.Api;

/// <summary>An export to make: blinded unless said otherwise, as of the ledger head unless a global position is given.</summary>
public sealed record ExportRequest(bool Blinded = true, long? AsOfPosition = null);

/// <summary>
/// One export of the trial as the caller may see it. <paramref name="ManifestSha256"/> and
/// <paramref name="Files"/> are withheld (null, empty) for an unblinded export the caller may not
/// open; <paramref name="Archive"/> is where to download it, when it is stored and the caller may.
/// </summary>
/// <param name="Id">The global position of the export's record in the audit trail.</param>
public sealed record ExportSummary(
    long Id,
    string Trial,
    string ProducedBy,
    string Role,
    DateTimeOffset ProducedAt,
    bool Blinded,
    long AsOfPosition,
    string LedgerHash,
    int ProtocolVersion,
    string? ManifestSha256,
    string SoftwareVersion,
    IReadOnlyList<ExportedFile> Files,
    bool Stored,
    string? Archive);

/// <summary>A new export: its id, where to download it, and its manifest (every file with its SHA-256).</summary>
public sealed record ExportCreated(long Id, string ManifestSha256, string Archive, ExportManifest Manifest);

/// <summary>
/// Audit-proof exports over HTTP (DESIGN.md §7, ADR 0003): make one, list them, download one as a
/// ZIP. Blinded exports: Statistician, Monitor, Coordinator; unblinded: Statistician after trial
/// unblinding. The exporter applies the policy at the export's position; these endpoints apply it
/// again to every listing and download, so a blinded role never gets an unblinded file.
/// </summary>
public static class ExportsApi
{
    /// <param name="pages">Where the page's download link is mapped (<c>/trials/{code}/exports/{id}/download</c>, cookie sign-in, status pages for refusals).</param>
    public static RouteGroupBuilder MapExportsApi(this RouteGroupBuilder v1, IEndpointRouteBuilder pages)
    {
        var exports = v1.MapGroup("/trials/{code}/exports").WithTags("Exports");

        exports.MapPost("", async Task<IResult> (string code, ExportRequest? request, HttpContext http, CancellationToken ct) =>
            {
                request ??= new ExportRequest();
                var outcome = await ExportWorkspace.For(http.RequestServices).ExportAsync(code, request.Blinded, request.AsOfPosition, http.User.Actor(), ct);
                if (outcome.Rejection is { } refused)
                {
                    return Refused(refused);
                }

                var export = outcome.Export!;
                return TypedResults.Created(
                    $"{ApiEndpoints.Prefix}/trials/{TrialText.Url(export.Record.Trial)}/exports/{export.Id}",
                    new ExportCreated(export.Id, export.Record.ManifestSha256, ArchiveUrl(export), outcome.Manifest!));
            })
            .WithName("CreateExport")
            .WithSummary("Export the trial as of now or a ledger position: SDTM CSV and XPT, ODM with the audit trail, manifest (blinded: Statistician, Monitor, Coordinator; unblinded: Statistician after trial unblinding). Runs within the request.")
            .Produces<ExportCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        exports.MapGet("", async Task<IResult> (string code, HttpContext http, CancellationToken ct) =>
            {
                var viewer = http.User.Actor();
                var workspace = ExportWorkspace.For(http.RequestServices);
                if (await workspace.CheckViewerAsync(code, viewer, ct) is { } refused)
                {
                    return Refused(refused);
                }

                return TypedResults.Ok((await workspace.ListAsync(code, viewer, ct)).Select(Summary).ToArray());
            })
            .WithName("ListExports")
            .WithSummary("Every export of the trial, newest first: when, who, role, blinded, as-of position, ledger hash, manifest SHA-256.")
            .Produces<ExportSummary[]>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        exports.MapGet("/{id:long}", async Task<IResult> (string code, long id, HttpContext http, CancellationToken ct) =>
            {
                var (export, problem) = await FindAsync(code, id, http, ct);
                return export is null ? problem! : TypedResults.Ok(Summary(export));
            })
            .WithName("GetExport")
            .WithSummary("One export of the trial.")
            .Produces<ExportSummary>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        exports.MapGet("/{id:long}/archive", async Task<IResult> (string code, long id, HttpContext http, CancellationToken ct) =>
            {
                var (export, problem) = await FindAsync(code, id, http, ct);
                if (export is null)
                {
                    return problem!;
                }

                return ExportWorkspace.IsIntact(export)
                    ? Archive(http, export)
                    : ApiResults.Rejected(new Rejection("export.not-intact", $"The stored folder of export {export.Id} no longer matches its record in the audit trail; verify it on the export page."), StatusCodes.Status409Conflict);
            })
            .WithName("DownloadExport")
            .WithSummary("The export as one ZIP (deterministic: the same export always zips to the same bytes; manifest.json inside lists every file's SHA-256).")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // The page's link: the same checks; a refusal is a plain status, which the status pages explain.
        pages.MapGet("/trials/{code}/exports/{id:long}/download", async Task<IResult> (string code, long id, HttpContext http, CancellationToken ct) =>
            {
                var viewer = http.User.Actor();
                var workspace = ExportWorkspace.For(http.RequestServices);
                if (await workspace.CheckViewerAsync(code, viewer, ct) is { } refused)
                {
                    return TypedResults.StatusCode(refused.Code is ExportPolicy.Refused or RejectionCodes.SiteNotGranted ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
                }

                return await workspace.FindAsync(code, id, viewer, ct) switch
                {
                    null or { Stored: false } => TypedResults.NotFound(),
                    { MayOpen: false } => TypedResults.StatusCode(StatusCodes.Status403Forbidden),
                    var export when !ExportWorkspace.IsIntact(export) => TypedResults.Conflict(),
                    var export => Archive(http, export),
                };
            })
            .ExcludeFromDescription();
        return v1;
    }

    /// <summary>Refusals as problems: a role that may not export 403, an unknown trial 404, a bad position 400, an unblinded export before unblinding 409.</summary>
    internal static IResult Refused(Rejection rejection) =>
        rejection.Code is ExportPolicy.Refused or RejectionCodes.SiteNotGranted
            ? ApiResults.Rejected(rejection, StatusCodes.Status403Forbidden)
            : ApiResults.Rejected(rejection);

    private static async Task<(ExportEntry? Export, IResult? Problem)> FindAsync(string code, long id, HttpContext http, CancellationToken ct)
    {
        var viewer = http.User.Actor();
        var workspace = ExportWorkspace.For(http.RequestServices);
        if (await workspace.CheckViewerAsync(code, viewer, ct) is { } refused)
        {
            return (null, Refused(refused));
        }

        var export = await workspace.FindAsync(code, id, viewer, ct);
        if (export is null)
        {
            return (null, TrialsApi.NotFound("export.not-found", $"Trial {code} has no export {id}."));
        }

        if (!export.MayOpen)
        {
            return (null, Refused(new Rejection(ExportPolicy.Refused, $"Only a Statistician can open an unblinded export, once the trial is unblinded; you act as {viewer.Role}.")));
        }

        return export.Stored
            ? (export, null)
            : (null, TrialsApi.NotFound("export.not-stored", $"Export {id} of {code} is recorded, but its folder is not stored on this server (made with the command line, or removed)."));
    }

    /// <summary>
    /// Streams the deterministic ZIP. <see cref="System.IO.Compression.ZipArchive"/> writes its
    /// central directory synchronously when disposed, so this one response allows synchronous
    /// writes instead of holding the whole archive in memory or a temporary file.
    /// </summary>
    private static IResult Archive(HttpContext http, ExportEntry export)
    {
        if (http.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        var folder = export.Folder!;
        return TypedResults.Stream(
            output => ExportArchive.WriteAsync(folder, output, http.RequestAborted),
            "application/zip",
            export.ArchiveName);
    }

    private static ExportSummary Summary(ExportEntry export) =>
        new(
            export.Id,
            export.Record.Trial,
            export.Record.ProducedBy,
            export.Record.Role,
            export.Record.ProducedAt,
            export.Record.Blinded,
            export.Record.AsOfPosition,
            export.Record.LedgerHash,
            export.Record.ProtocolVersion,
            export.ManifestSha256,
            export.Record.SoftwareVersion,
            export.Files,
            export.Stored,
            export.Stored && export.MayOpen ? ArchiveUrl(export) : null);

    private static string ArchiveUrl(ExportEntry export) =>
        $"{ApiEndpoints.Prefix}/trials/{TrialText.Url(export.Record.Trial)}/exports/{export.Id}/archive";
}
