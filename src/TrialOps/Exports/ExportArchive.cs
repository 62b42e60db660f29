using System.IO.Compression;

namespace TrialOps.Exports;

/// <summary>
/// One export folder as a single ZIP, for a download (the web page) or an e-mail to the sponsor.
/// The entries are the folder's files in name order, each stamped with the export's as-of time, so
/// the same export always zips to the same bytes; <c>manifest.json</c> inside still proves every file.
/// </summary>
public static class ExportArchive
{
    /// <exception cref="FormatException">The folder has no readable manifest.</exception>
    public static async Task WriteAsync(string exportDirectory, Stream output, CancellationToken ct = default)
    {
        var manifest = ExportManifest.Parse(await File.ReadAllBytesAsync(Path.Combine(exportDirectory, ExportManifest.FileName), ct));
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var name in manifest.Files.Select(f => f.Name).Append(ExportManifest.FileName).Order(StringComparer.Ordinal))
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = manifest.AsOfRecordedAt;
            await using var source = File.OpenRead(Path.Combine(exportDirectory, name));
            await using var target = entry.Open();
            await source.CopyToAsync(target, ct);
        }
    }
}
