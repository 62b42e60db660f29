using System.Text;
using TrialOps.Common;
using TrialOps.Meddra;
using TrialOps.Messaging;

namespace TrialOps.Exports.Tests.Meddra;

/// <summary>Reading a MedDRA ASCII distribution (the synthetic one) and the import decision, without a database.</summary>
public sealed class MeddraDistributionTests : IDisposable
{
    private readonly List<string> _copies = [];

    public static string Synthetic { get; } = Path.Combine(AppContext.BaseDirectory, "Meddra", "synthetic");

    [Fact]
    public void the_synthetic_distribution_reads_with_its_version_terms_and_file_hashes()
    {
        var distribution = MeddraDistribution.Read(Synthetic);

        Assert.Equal("27.1", distribution.Version);
        Assert.Equal("English", distribution.Language);
        Assert.Equal(13, distribution.Llts.Count);
        Assert.Equal(6, distribution.Pts.Count);
        Assert.Equal(7, distribution.Hierarchy.Count);
        Assert.Equal(
            ["hlgt.asc", "hlgt_hlt.asc", "hlt.asc", "hlt_pt.asc", "llt.asc", "mdhier.asc", "meddra_release.asc", "pt.asc", "soc.asc", "soc_hlgt.asc"],
            distribution.Files.Select(f => f.Name));
        Assert.All(distribution.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.False(distribution.Llts.Single(l => l.Code == 99000099).Current);
        Assert.Equal(99300001, distribution.Hierarchy.Single(h => h.PtCode == 99000001 && h.Primary).SocCode);
    }

    [Theory]
    [InlineData("llt.asc", 3, "10019211$Headache (synthetic LLT)$99000003$", "llt.asc line 3: expected 11 fields")]
    [InlineData("pt.asc", 2, "99O00002$Synthetic PT somnolence$$99300001$$$$$$$$", "pt.asc line 2: '99O00002' is not a MedDRA code")]
    [InlineData("soc.asc", 2, "99300002$Synthetic gastrointestinal SOC$SyGast$$$$$$$", "soc.asc line 2: expected 10 fields")]
    [InlineData("llt.asc", 1, "10013573$Dizziness (synthetic LLT)$99999999$$$$$$$Y$$", "llt.asc line 1: PT 99999999 is not in pt.asc")]
    [InlineData("llt.asc", 2, "10041349$Somnolence (synthetic LLT)$99000002$$$$$$$maybe$$", "llt.asc line 2: 'maybe' is not a flag")]
    [InlineData("mdhier.asc", 1, "99000001$99100003$99200003$99300003$Synthetic PT dizziness$Synthetic visual disturbances HLT$Synthetic vision HLGT$Synthetic eye SOC$SyEye$$99300001$Y$", "mdhier.asc line 2: PT 99000001 has a second primary SOC path")]
    [InlineData("hlt_pt.asc", 4, "99100002$99000404$", "hlt_pt.asc line 4: PT 99000404 is not in pt.asc")]
    [InlineData("meddra_release.asc", 1, "twenty-seven$English$", "meddra_release.asc line 1: 'twenty-seven' is not a MedDRA version")]
    [InlineData("hlt.asc", 2, "99100002$Тошнота и рвота$$$$$$$$", "hlt.asc line 2: the term name contains 'Т' (U+0422), which the SDTM export (US-ASCII) cannot hold")]
    public void a_malformed_file_is_refused_naming_the_file_and_line(string file, int line, string replacement, string expected)
    {
        var copy = Copy((name, lines) =>
        {
            if (name == file)
            {
                lines[line - 1] = replacement;
            }
        });

        var refused = Assert.Throws<MeddraFormatException>(() => MeddraDistribution.Read(copy));

        Assert.StartsWith(expected, refused.Message, StringComparison.Ordinal);
        Assert.Equal(file, refused.File);
    }

    [Fact]
    public void a_missing_file_is_named()
    {
        var copy = Copy();
        File.Delete(Path.Combine(copy, "hlt.asc"));

        var refused = Assert.Throws<MeddraFormatException>(() => MeddraDistribution.Read(copy));

        Assert.StartsWith("hlt.asc: missing from", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_version_comes_from_meddra_release_and_an_option_must_agree_with_it()
    {
        Assert.Contains("says version 27.1, but --version says 27.0", Assert.Throws<MeddraFormatException>(() => MeddraDistribution.Read(Synthetic, "27.0")).Message, StringComparison.Ordinal);
        Assert.Equal("27.1", MeddraDistribution.Read(Synthetic, "27.1").Version);

        var withoutRelease = Copy();
        File.Delete(Path.Combine(withoutRelease, MeddraDistribution.ReleaseFile));
        Assert.Contains("give the version with --version", Assert.Throws<MeddraFormatException>(() => MeddraDistribution.Read(withoutRelease)).Message, StringComparison.Ordinal);
        var given = MeddraDistribution.Read(withoutRelease, "26.1");
        Assert.Equal("26.1", given.Version);
        Assert.DoesNotContain(given.Files, f => f.Name == MeddraDistribution.ReleaseFile);
    }

    [Fact]
    public void an_extended_ascii_file_as_the_msso_ships_english_is_read_as_latin_1()
    {
        var copy = Copy();
        var path = Path.Combine(copy, "llt.asc");
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), .. Encoding.Latin1.GetBytes("99000098$Sjögren dizziness (synthetic LLT)$99000001$$$$$$$Y$$\r\n")]);

        var distribution = MeddraDistribution.Read(copy);

        Assert.Equal("Sjögren dizziness (synthetic LLT)", distribution.Llts.Single(l => l.Code == 99000098).Name);
    }

    [Fact]
    public void a_version_is_imported_once_never_replaced_and_never_downgraded()
    {
        var now = new DateTimeOffset(2026, 12, 3, 11, 0, 0, TimeSpan.Zero);
        var administrator = new Actor("admin.ada", Roles.Administrator);
        var distribution = MeddraDistribution.Read(Synthetic);
        var command = new ImportMeddraDictionary(distribution, administrator);

        var first = ImportMeddraDictionary.Decide(MeddraDictionaryState.Initial, command, now);
        var imported = Assert.IsType<MeddraDictionaryImported>(Assert.Single(first.Events).Data);
        Assert.Equal(MeddraStreams.Dictionaries, first.Events[0].StreamId);
        Assert.Equal(("27.1", "admin.ada", now, distribution.ContentSha256, 13, 6), (imported.Version, imported.ImportedBy, imported.ImportedAt, imported.ContentSha256, imported.LltCount, imported.PtCount));

        var state = MeddraDictionaryState.From([imported]);
        Assert.Equal(ImportMeddraDictionary.AlreadyImported, ImportMeddraDictionary.Decide(state, command, now).Rejection?.Code);
        Assert.Equal("meddra.version-conflict", ImportMeddraDictionary.Decide(MeddraDictionaryState.From([imported with { ContentSha256 = new string('0', 64) }]), command, now).Rejection?.Code);
        Assert.Equal("meddra.version-not-newer", ImportMeddraDictionary.Decide(MeddraDictionaryState.From([imported with { Version = "28.0" }]), command, now).Rejection?.Code);
        Assert.Equal(RejectionCodes.NotPermitted, ImportMeddraDictionary.Decide(MeddraDictionaryState.Initial, command with { By = new Actor("mon.mo", Roles.Monitor) }, now).Rejection?.Code);
        Assert.Equal(0, MeddraDistribution.CompareVersions("27.1", "27.1"));
        Assert.True(MeddraDistribution.CompareVersions("9.1", "10.0") < 0);
    }

    public void Dispose()
    {
        foreach (var copy in _copies)
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>A copy of the synthetic distribution, each file's lines passed through <paramref name="change"/>.</summary>
    internal string Copy(Action<string, List<string>>? change = null)
    {
        var copy = CopyOf(Synthetic, change);
        _copies.Add(copy);
        return copy;
    }

    internal static string CopyOf(string source, Action<string, List<string>>? change = null)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"meddra-{Guid.NewGuid():N}");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(source, "*.asc"))
        {
            var lines = File.ReadAllLines(file).ToList();
            change?.Invoke(Path.GetFileName(file), lines);
            File.WriteAllText(Path.Combine(copy, Path.GetFileName(file)), string.Concat(lines.Select(l => l + "\n")));
        }

        return copy;
    }
}
