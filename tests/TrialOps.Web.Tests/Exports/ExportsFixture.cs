using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrialOps.Common;
using TrialOps.Testing;
using TrialOps.Web.Components.Pages.Exports;
using TrialOps.Web.Tests.Trials;

namespace TrialOps.Web.Tests.Exports;

/// <summary>
/// The demo trial, with the app's exports kept in a folder of this test process's TRIALOPS_HOME
/// (deleted with it when the process ends) instead of the user's home. The folder is read from
/// configuration on every request, so setting it once the app runs is enough. One blinded export
/// through the API is made on first use and shared by the tests that only read it.
/// </summary>
public sealed class ExportsFixture : TrialAppFixture
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private ApiExport? blinded;

    protected override bool SeedDemo => true;

    public string ExportsFolder { get; private set; } = string.Empty;

    protected override async Task AddDataAsync()
    {
        ExportsFolder = Path.Combine(await PostgresServer.GetHomeAsync(), $"exports-{Guid.NewGuid():N}");
        App.Services.GetRequiredService<IConfiguration>()[ExportWorkspace.FolderSetting] = ExportsFolder;
    }

    /// <summary>A blinded export of the trial as of now, made by the Statistician through the API, and its ZIP.</summary>
    public async Task<ApiExport> BlindedExportAsync()
    {
        await gate.WaitAsync();
        try
        {
            return blinded ??= await ExportThroughApiAsync(Roles.Statistician, """{"blinded":true}""");
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<ApiExport> ExportThroughApiAsync(string role, string body)
    {
        using var client = await ApiClientAsync(role);
        var created = await client.PostAsync($"/api/v1/trials/{Code}/exports", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        var archive = await client.GetAsync(json.GetProperty("archive").GetString());
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        return new ApiExport(json, created.Headers.Location?.OriginalString, archive.Content.Headers, await archive.Content.ReadAsByteArrayAsync());
    }
}

/// <summary>The 201 answer of an export made through the API (<c>id</c>, <c>manifestSha256</c>, <c>archive</c>, <c>manifest</c>), and its downloaded ZIP.</summary>
public sealed record ApiExport(JsonElement Created, string? Location, System.Net.Http.Headers.HttpContentHeaders ArchiveHeaders, byte[] Zip)
{
    public long Id => Created.GetProperty("id").GetInt64();

    public JsonElement Manifest => Created.GetProperty("manifest");

    public long AsOfPosition => Manifest.GetProperty("asOfPosition").GetInt64();

    /// <summary>Every entry of the ZIP by name, decompressed.</summary>
    public IReadOnlyDictionary<string, byte[]> Entries()
    {
        using var zip = new ZipArchive(new MemoryStream(Zip), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var entry = e.Open();
            using var bytes = new MemoryStream();
            entry.CopyTo(bytes);
            return bytes.ToArray();
        }, StringComparer.Ordinal);
    }
}
