using TrialOps.Cdisc;
using TrialOps.Exports.Sdtm;

namespace TrialOps.Exports.Tests;

/// <summary>The datasets' fixed layout: documented lengths and labels, and values that do not fit stop the export, never truncated.</summary>
public sealed class FixedLayoutTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"trialops-layout-{Guid.NewGuid():N}");

    public FixedLayoutTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void every_dataset_has_sas_v5_names_labels_of_at_most_40_characters_and_lengths_of_at_most_200()
    {
        Assert.Equal(["TA", "TE", "TV", "TS", "DM", "SE", "SV", "EX", "EC", "AE", "VS", "QS", "DS"], SdtmDomains.All.Select(d => d.Code));
        Assert.Equal(["TI", "IE", "DV", "SUPPAE", "SUPPDS", "SUPPDV", "SUPPEC", "SUPPEX"], SdtmDomains.WhereNeeded.Select(d => d.Code));
        Assert.All(SdtmDomains.All.Concat(SdtmDomains.WhereNeeded).SelectMany(d => d.Variables), variable =>
        {
            Assert.Matches("^[A-Z][A-Z0-9]{0,7}$", variable.Name);
            Assert.InRange(variable.Label.Length, 1, 40);
            Assert.InRange(variable.Length, 1, 200);
        });
        Assert.All(SdtmDomains.All.Append(SdtmDomains.TI).Append(SdtmDomains.IE).Append(SdtmDomains.DV), domain => Assert.Equal(["STUDYID", "DOMAIN"], domain.Variables.Take(2).Select(v => v.Name)));
        Assert.All(SdtmDomains.Supplementals, domain => Assert.Equal(["STUDYID", "RDOMAIN", "USUBJID"], domain.Variables.Take(3).Select(v => v.Name)));
    }

    [Fact]
    public void a_value_longer_than_its_variable_stops_the_export_naming_dataset_variable_and_subject()
    {
        using var file = DomainFile.Create(_folder, SdtmDomains.DS, "KET-NP-01", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var row = SdtmDomains.DS.NewRow("KET-NP-01").Set("USUBJID", "KET-NP-01-S01-007").Set("DSTERM", new string('x', 201));

        var refused = Assert.Throws<ExportDataException>(() => file.Write(row, "S01-007"));

        Assert.Contains("DS for subject S01-007", refused.Message, StringComparison.Ordinal);
        Assert.Contains("DSTERM", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing is truncated", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_xpt_and_dataset_json_give_each_character_variable_the_length_of_its_longest_value()
    {
        var created = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using (var file = DomainFile.Create(_folder, SdtmDomains.DS, "KET-NP-01", created))
        {
            file.Write(SdtmDomains.DS.NewRow("KET-NP-01").Set("USUBJID", "KET-NP-01-S01-007").Set("DSSEQ", 1).Set("DSTERM", "COMPLETED"), "S01-007");
            file.Write(SdtmDomains.DS.NewRow("KET-NP-01").Set("USUBJID", "KET-NP-01-S01-1008").Set("DSSEQ", 2).Set("DSTERM", "WITHDRAWAL BY SUBJECT"), "S01-1008");
            file.Complete();
            Assert.Equal(21, file.Written!.Variables[file.Written.IndexOf("DSTERM")].Length);
        }

        var (_, variables, rows) = XptReader.ReadAll(Path.Combine(_folder, "ds.xpt"));
        int LengthOf(string name) => variables.Single(v => v.Name == name).Length;
        Assert.Equal(("KET-NP-01".Length, 2, "KET-NP-01-S01-1008".Length, "WITHDRAWAL BY SUBJECT".Length), (LengthOf("STUDYID"), LengthOf("DOMAIN"), LengthOf("USUBJID"), LengthOf("DSTERM")));
        Assert.Equal(1, LengthOf("DSDECOD")); // never filled: the least length XPORT allows
        Assert.Equal(8, LengthOf("DSSEQ"));
        Assert.Equal(["COMPLETED", "WITHDRAWAL BY SUBJECT"], rows.Select(r => r[variables.ToList().FindIndex(v => v.Name == "DSTERM")]));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder, "ds.json")));
        var dsterm = json.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "DSTERM");
        Assert.Equal(21, dsterm.GetProperty("length").GetInt32());
        Assert.Equal(["ds.csv", "ds.json", "ds.xpt"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void text_that_cannot_be_ascii_stops_the_export_instead_of_becoming_question_marks()
    {
        using var file = DomainFile.Create(_folder, SdtmDomains.DS, "KET-NP-01", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var row = SdtmDomains.DS.NewRow("KET-NP-01").Set("USUBJID", "KET-NP-01-S01-007").Set("DSTERM", "Переезд за границу");

        var refused = Assert.Throws<ExportDataException>(() => file.Write(row, "S01-007"));

        Assert.Contains("DSTERM", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void accented_letters_and_clinical_symbols_are_transliterated_in_both_files()
    {
        var row = SdtmDomains.DS.NewRow("KET-NP-01").Set("DSTERM", "Déménagement à l'étranger, dose ≥ 0.5 µg/kg ± 10 %");

        Assert.Equal("Demenagement a l'etranger, dose >= 0.5 ug/kg +/- 10 %", row.Text("DSTERM"));
    }

    [Fact]
    public void trailing_blanks_are_dropped_from_both_files_because_xport_cannot_keep_them()
    {
        var row = SdtmDomains.DS.NewRow("KET-NP-01").Set("DSTERM", "COMPLETED   ").Set("DSDECOD", "   ");

        Assert.Equal("COMPLETED", row.Text("DSTERM"));
        Assert.Null(row.Text("DSDECOD"));
        Assert.Equal(XptType.Character, SdtmDomains.DS.Variables[SdtmDomains.DS.IndexOf("DSTERM")].Type);
    }
}
