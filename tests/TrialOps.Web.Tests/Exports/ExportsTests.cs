using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Exports;
using TrialOps.Exports.Sdtm;
using TrialOps.Messaging;
using TrialOps.Protocols;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Exports;

/// <summary>
/// The export page and API (DESIGN.md §7, ADR 0003) on the demo trial: who may export what, the
/// manifest and the ZIP, the history with verification, and no treatment identity in a blinded export.
/// </summary>
public sealed class ExportsTests(ExportsFixture trial) : IClassFixture<ExportsFixture>
{
    private const string Code = TrialAppFixture.Code;
    private const string Page = $"/trials/{Code}/exports";
    private const string Api = $"/api/v1/trials/{Code}/exports";

    /// <summary>Every SDTM domain as CSV, XPT and Dataset-JSON, the ODM file and define.xml: what the manifest lists (manifest.json itself is not listed).</summary>
    private static readonly string[] DataFiles =
        [.. SdtmDomains.All.SelectMany(d => new[] { d.CsvFileName, d.XptFileName, d.JsonFileName }).Append(TrialExporter.OdmFileName).Append(TrialOps.Exports.Define.DefineXmlWriter.FileName).Order(StringComparer.Ordinal)];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task a_statistician_exports_blinded_through_the_api_and_the_zip_holds_every_file_with_the_manifests_sha256()
    {
        var export = await trial.BlindedExportAsync();

        var manifest = export.Manifest;
        Assert.Equal(Code, manifest.GetProperty("trial").GetString());
        Assert.True(manifest.GetProperty("blinded").GetBoolean());
        Assert.Matches("^[0-9a-f]{64}$", manifest.GetProperty("ledgerHash").GetString());
        var files = manifest.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("sha256").GetString()!);
        // 13 datasets as CSV, XPT and Dataset-JSON, odm.xml and define.xml, and the datasets written where the data needs them (TI, IE, DV, SUPP--).
        var whereNeeded = files.Keys.Where(name => !DataFiles.Contains(name)).ToArray();
        Assert.All(whereNeeded, name => Assert.Contains(SdtmDomains.WhereNeeded, d => name == d.CsvFileName || name == d.XptFileName || name == d.JsonFileName));
        Assert.Equal(41 + whereNeeded.Length, files.Count);
        Assert.Equal(DataFiles, files.Keys.Except(whereNeeded).Order(StringComparer.Ordinal));
        Assert.Equal($"{Api}/{export.Id}", export.Location);

        Assert.Equal("application/zip", export.ArchiveHeaders.ContentType?.MediaType);
        Assert.Equal("attachment", export.ArchiveHeaders.ContentDisposition?.DispositionType);
        Assert.Equal($"{Code}-{export.AsOfPosition}-blinded.zip", export.ArchiveHeaders.ContentDisposition?.FileName?.Trim('"'));
        var entries = export.Entries();
        Assert.Equal(42 + whereNeeded.Length, entries.Count);
        Assert.Equal(DataFiles.Concat(whereNeeded).Append(ExportManifest.FileName).Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(files, file => Assert.Equal(file.Value, Sha256(entries[file.Key])));
        Assert.Equal(export.Created.GetProperty("manifestSha256").GetString(), Sha256(entries[ExportManifest.FileName]));

        using var monitor = await trial.ApiClientAsync(Roles.Monitor);
        var history = await monitor.GetFromJsonAsync<JsonElement>(Api);
        var listed = history.EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == export.Id);
        Assert.Equal(trial.UserOf(Roles.Statistician), listed.GetProperty("producedBy").GetString());
        Assert.Equal(Roles.Statistician, listed.GetProperty("role").GetString());
        Assert.Equal(export.AsOfPosition, listed.GetProperty("asOfPosition").GetInt64());
        Assert.Equal(export.Created.GetProperty("manifestSha256").GetString(), listed.GetProperty("manifestSha256").GetString());
        var again = await monitor.GetAsync(listed.GetProperty("archive").GetString());
        Assert.Equal(export.Zip, await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task the_blinded_zip_names_no_treatment_code_or_label()
    {
        var export = await trial.BlindedExportAsync();

        var failures = new List<string>();
        foreach (var (name, bytes) in export.Entries())
        {
            failures.AddRange(TreatmentSecrets(Encoding.Latin1.GetString(bytes)).Select(found => $"{name}: {found}"));
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task a_data_entry_user_gets_403_and_is_not_offered_the_page()
    {
        using var api = await trial.ApiClientAsync(Roles.DataEntry);
        var created = await api.PostAsync(Api, Json("""{"blinded":true}"""));
        var withoutBody = await api.PostAsync(Api, null);
        var listed = await api.GetAsync(Api);

        Assert.Equal(ExportPolicy.Refused, (await created.ProblemAsync(403)).GetProperty("code").GetString());
        await withoutBody.ProblemAsync(403);
        await listed.ProblemAsync(403);
        Assert.DoesNotContain(await trial.App.Services.GetRequiredService<TrialExporter>().History.ListAsync(Code), r => r.ProducedBy == trial.UserOf(Roles.DataEntry));

        using var browser = await trial.SignedInAsync(Roles.DataEntry);
        var page = await browser.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/access-denied", page.RedirectPath(), StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{Page}\"", await browser.GetStringAsync($"/trials/{Code}"), StringComparison.Ordinal);

        using var monitor = await trial.SignedInAsync(Roles.Monitor);
        Assert.Contains($"href=\"{Page}\"", await monitor.GetStringAsync($"/trials/{Code}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_position_outside_the_ledger_or_before_the_trial_is_a_400()
    {
        using var statistician = await trial.ApiClientAsync(Roles.Statistician);

        var unknown = await statistician.PostAsync(Api, Json("""{"asOfPosition":999999999}"""));
        var zero = await statistician.PostAsync(Api, Json("""{"asOfPosition":0}"""));
        var beforeTrial = await statistician.PostAsync(Api, Json("""{"asOfPosition":1}"""));

        Assert.True((await unknown.ProblemAsync(400)).GetProperty("errors").TryGetProperty("asOfPosition", out _));
        Assert.True((await zero.ProblemAsync(400)).GetProperty("errors").TryGetProperty("asOfPosition", out _));
        Assert.True((await beforeTrial.ProblemAsync(400)).GetProperty("errors").TryGetProperty("asOfPosition", out _));
    }

    [Fact]
    public async Task a_monitor_sees_the_history_on_the_page_downloads_and_verifies_an_export_and_is_told_what_changed()
    {
        var export = await trial.BlindedExportAsync();
        using var monitor = await trial.SignedInAsync(Roles.Monitor);

        var html = WebUtility.HtmlDecode(await monitor.GetStringAsync(Page));
        Assert.Contains("Earlier exports", html, StringComparison.Ordinal);
        Assert.Contains(export.Manifest.GetProperty("ledgerHash").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains(export.Created.GetProperty("manifestSha256").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page}/{export.Id}/download\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"unblinded\"", html, StringComparison.Ordinal);

        var download = await monitor.GetAsync($"{Page}/{export.Id}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(export.Zip, await download.Content.ReadAsByteArrayAsync());

        var verified = await Forms.PostAsync(monitor, Page, "verify", new() { ["Check.Id"] = export.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var answer = await verified.Content.ReadAsStringAsync();
        Assert.Contains($"Verification of export {export.Id}", answer, StringComparison.Ordinal);
        Assert.Contains(">verified</span>", answer, StringComparison.Ordinal);

        var folder = Directory.EnumerateDirectories(Path.Combine(trial.ExportsFolder, Code), $"*-blinded-{export.Id}").Single();
        var ae = Path.Combine(folder, "ae.csv");
        var original = await File.ReadAllBytesAsync(ae);
        try
        {
            await File.WriteAllBytesAsync(ae, [.. original, .. "\n"u8]);
            var changed = await Forms.PostAsync(monitor, Page, "verify", new() { ["Check.Id"] = export.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var problems = WebUtility.HtmlDecode(await changed.Content.ReadAsStringAsync());
            Assert.Contains(">not verified</span>", problems, StringComparison.Ordinal);
            Assert.Contains("<code>ae.csv</code>: changed", problems, StringComparison.Ordinal);
        }
        finally
        {
            await File.WriteAllBytesAsync(ae, original);
        }
    }

    [Fact]
    public async Task a_coordinator_exports_through_the_page_and_the_same_position_gives_the_same_manifest()
    {
        var api = await trial.BlindedExportAsync();
        using var coordinator = await trial.SignedInAsync(Roles.Coordinator);

        var badPosition = await Forms.PostAsync(coordinator, Page, "export", new() { ["Input.Kind"] = "blinded", ["Input.AsOf"] = "soon" });
        Assert.Equal(HttpStatusCode.OK, badPosition.StatusCode);
        Assert.Contains("id=\"export-as-of-error\"", await badPosition.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var posted = await Forms.PostAsync(coordinator, Page, "export", new()
        {
            ["Input.Kind"] = "blinded",
            ["Input.AsOf"] = api.AsOfPosition.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Matches($"^{Regex.Escape(Page)}\\?done=\\d+$", posted.RedirectPath());
        var done = WebUtility.HtmlDecode(await coordinator.GetStringAsync(posted.RedirectPath()));
        Assert.Contains("is complete and recorded in the audit trail", done, StringComparison.Ordinal);
        Assert.Contains(api.Created.GetProperty("manifestSha256").GetString()!, done, StringComparison.Ordinal);
        foreach (var file in api.Manifest.GetProperty("files").EnumerateArray())
        {
            Assert.Contains(file.GetProperty("sha256").GetString()!, done, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task an_unblinded_export_is_refused_before_trial_unblinding_and_after_it_is_for_the_statistician_only()
    {
        using var statistician = await trial.ApiClientAsync(Roles.Statistician);
        using var monitorApi = await trial.ApiClientAsync(Roles.Monitor);
        var early = await statistician.PostAsync(Api, Json("""{"blinded":false}"""));
        var byMonitor = await monitorApi.PostAsync(Api, Json("""{"blinded":false}"""));
        Assert.Equal(ExportPolicy.TrialNotUnblinded, (await early.ProblemAsync(409)).GetProperty("code").GetString());
        Assert.Equal(ExportPolicy.Refused, (await byMonitor.ProblemAsync(403)).GetProperty("code").GetString());
        using var statisticianPage = await trial.SignedInAsync(Roles.Statistician);
        Assert.DoesNotContain("value=\"unblinded\"", await statisticianPage.GetStringAsync(Page), StringComparison.Ordinal);

        await trial.LockAndUnblindAsync("Export test: locked as the data stand");
        Assert.Contains("value=\"unblinded\"", await statisticianPage.GetStringAsync(Page), StringComparison.Ordinal);

        var unblinded = await trial.ExportThroughApiAsync(Roles.Statistician, """{"blinded":false}""");
        Assert.False(unblinded.Manifest.GetProperty("blinded").GetBoolean());
        Assert.Equal($"{Code}-{unblinded.AsOfPosition}-unblinded.zip", unblinded.ArchiveHeaders.ContentDisposition?.FileName?.Trim('"'));
        Assert.NotEmpty(unblinded.Entries().SelectMany(e => TreatmentSecrets(Encoding.Latin1.GetString(e.Value))));

        var archive = await monitorApi.GetAsync($"{Api}/{unblinded.Id}/archive");
        Assert.Equal(ExportPolicy.Refused, (await archive.ProblemAsync(403)).GetProperty("code").GetString());
        var listed = (await monitorApi.GetFromJsonAsync<JsonElement>(Api)).EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == unblinded.Id);
        Assert.False(listed.GetProperty("blinded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("manifestSha256").ValueKind);
        Assert.Equal(0, listed.GetProperty("files").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("archive").ValueKind);

        using var monitorPage = await trial.SignedInAsync(Roles.Monitor);
        var download = await monitorPage.GetAsync($"{Page}/{unblinded.Id}/download");
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.NotEqual("application/zip", download.Content.Headers.ContentType?.MediaType);
        var page = WebUtility.HtmlDecode(await monitorPage.GetStringAsync(Page));
        Assert.Contains("withheld: unblinded export", page, StringComparison.Ordinal);
        Assert.DoesNotContain(unblinded.Created.GetProperty("manifestSha256").GetString()!, page, StringComparison.Ordinal);
        Assert.DoesNotContain($"{Page}/{unblinded.Id}/download", page, StringComparison.Ordinal);
    }

    /// <summary>Treatment codes as whole tokens (the protocol code KET-NP-01 taken out first: "KET" is inside it) and treatment labels.</summary>
    private static IEnumerable<string> TreatmentSecrets(string text)
    {
        text = text.Replace(Code, " ", StringComparison.OrdinalIgnoreCase);
        foreach (var treatment in TrialAppFixture.Demo.Treatments)
        {
            var code = new Regex($"(?<![A-Za-z0-9]){Regex.Escape(treatment.Code)}(?![A-Za-z0-9])", RegexOptions.CultureInvariant);
            if (code.Match(text) is { Success: true } match)
            {
                yield return $"treatment code {treatment.Code} at {match.Index}";
            }

            if (text.Contains(treatment.Label, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"treatment label {treatment.Label}";
            }
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
