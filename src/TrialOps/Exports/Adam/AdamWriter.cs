using TrialOps.Exports.Define;
using TrialOps.Exports.Sdtm;

namespace TrialOps.Exports.Adam;

/// <summary>
/// Writes the ADaM datasets of an unblinded export (adsl, adqs, adae as CSV, XPT and Dataset-JSON)
/// with the same <see cref="DomainFile"/> as SDTM: lengths sized to the data, nothing truncated,
/// one row in memory. Subjects arrive in USUBJID order, so every file is sorted by USUBJID.
/// </summary>
public sealed class AdamWriter : IDisposable
{
    private readonly DomainFile[] _files;

    /// <param name="facts">The define.xml facts the SDTM datasets go to as well, so one define.xml describes both.</param>
    public AdamWriter(string directory, ExportDesign design, DateTime created, DefineFacts facts)
    {
        Datasets = new AdamDatasets(design.Protocol);
        var files = new List<DomainFile>();
        try
        {
            foreach (var dataset in Datasets.All)
            {
                files.Add(DomainFile.Create(directory, dataset, design.StudyId, created, facts));
            }
        }
        catch
        {
            files.ForEach(f => f.Dispose());
            throw;
        }

        _files = [.. files];
    }

    public AdamDatasets Datasets { get; }

    /// <summary>The datasets as written (after <see cref="Complete"/>), for define.xml.</summary>
    public IReadOnlyList<WrittenDataset> Written =>
        [.. _files.Select(f => new WrittenDataset(f.Written ?? throw new InvalidOperationException($"{f.Domain.Code} is not complete yet."), f.RowCount))];

    public void WriteSubject(AdamSubject subject)
    {
        if (subject.Adsl is not { } adsl)
        {
            return;
        }

        _files[0].Write(Datasets.Row(adsl), adsl.Subjid);
        foreach (var row in subject.Bds)
        {
            _files[1].Write(Datasets.Row(row), row.Subjid);
        }

        foreach (var row in subject.Adae)
        {
            _files[2].Write(Datasets.Row(row), row.Subjid);
        }
    }

    public IReadOnlyList<ExportedFile> Complete() => [.. _files.SelectMany(f => f.Complete())];

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }
}
