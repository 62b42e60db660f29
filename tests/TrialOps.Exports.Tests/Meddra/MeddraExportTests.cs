using Npgsql;
using TrialOps.AdverseEvents;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Meddra;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Randomization;

namespace TrialOps.Exports.Tests.Meddra;

/// <summary>A trial of its own: the story imports MedDRA, withdraws a participant, locks and unblinds.</summary>
public sealed class MeddraTrialFixture : ExportTrialFixture
{
    public override int Participants => 8;
}

/// <summary>
/// Issue 11, items 4 and 5: AE coding with an imported MedDRA version (the synthetic one), through
/// the real `trialops meddra import`, and a 4,000-character withdrawal explanation that still
/// exports unblinded after lock. One story, because each step needs the state the one before left.
/// </summary>
public sealed class MeddraExportTests(MeddraTrialFixture fixture) : IClassFixture<MeddraTrialFixture>
{
    private static readonly Actor Coordinator = new("coord.sid", Roles.Coordinator);

    /// <summary>What the synthetic dictionary codes each CTCAE term's LLT to: LLT name, PT, HLT, HLGT, SOC (primary path).</summary>
    private static readonly Dictionary<int, (string Llt, int Pt, string PtName, int Hlt, int Hlgt, int Soc, string SocName)> Expected = new()
    {
        [10013573] = ("Dizziness (synthetic LLT)", 99000001, "Synthetic PT dizziness", 99100001, 99200001, 99300001, "Synthetic nervous SOC"),
        [10041349] = ("Somnolence (synthetic LLT)", 99000002, "Synthetic PT somnolence", 99100001, 99200001, 99300001, "Synthetic nervous SOC"),
        [10019211] = ("Headache (synthetic LLT)", 99000003, "Synthetic PT headache", 99100001, 99200001, 99300001, "Synthetic nervous SOC"),
        [10028813] = ("Nausea (synthetic LLT)", 99000004, "Synthetic PT nausea", 99100002, 99200002, 99300002, "Synthetic gastrointestinal SOC"),
        [10047700] = ("Vomiting (synthetic LLT)", 99000005, "Synthetic PT vomiting", 99100002, 99200002, 99300002, "Synthetic gastrointestinal SOC"),
        [10005886] = ("Blurred vision (synthetic LLT)", 99000006, "Synthetic PT blurred vision", 99100003, 99200003, 99300003, "Synthetic eye SOC"),
    };

    private static readonly string[] CodedColumns = ["AELLT", "AELLTCD", "AEDECOD", "AEPTCD", "AEHLT", "AEHLTCD", "AEHLGT", "AEHLGTCD", "AEBODSYS", "AEBDSYCD", "AESOC", "AESOCCD"];

    [Fact]
    public async Task adverse_events_are_coded_with_the_imported_meddra_and_a_long_withdrawal_exports_unblinded_after_lock()
    {
        // Without a dictionary: the CTCAE term and its SOC, honestly, and no PT/HLT/HLGT/SOC codes.
        var uncoded = await fixture.ExportAsync("no-meddra");
        Assert.Null(uncoded.Manifest!.MeddraVersion);
        var uncodedRows = ExportFiles.Table(uncoded.Directory!, "AE");
        Assert.NotEmpty(uncodedRows);
        Assert.All(uncodedRows, AssertUncoded);
        Assert.Contains("\"ctcae\": \"CTCAE v5.0\"", File.ReadAllText(Path.Combine(uncoded.Directory!, ExportManifest.FileName)), StringComparison.Ordinal);

        // A malformed distribution is refused naming file and line, and nothing is stored.
        var broken = MeddraDistributionTests.CopyOf(MeddraDistributionTests.Synthetic, (name, lines) =>
        {
            if (name == "mdhier.asc")
            {
                lines[3] = "99000003$99100001$";
            }
        });
        AssertRefused(await Cli("meddra", "import", broken), "mdhier.asc line 4: expected 12 fields");
        Assert.Equal((0L, 0L), await CountsAsync());

        var imported = await Cli("meddra", "import", MeddraDistributionTests.Synthetic);
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("Imported MedDRA 27.1 (English): 13 LLTs, 6 PTs", imported.Output, StringComparison.Ordinal);
        var recorded = Assert.Single(await fixture.Runtime.Store.ReadStreamAsync(MeddraStreams.Dictionaries));
        var import = Assert.IsType<MeddraDictionaryImported>(recorded.Data);
        Assert.Equal("27.1", import.Version);
        Assert.StartsWith("cli:", import.ImportedBy, StringComparison.Ordinal);
        Assert.Equal((import.ImportedBy, Roles.Administrator), (recorded.Metadata.ActorId, recorded.Metadata.ActorRole));
        Assert.Equal(MeddraDistribution.Read(MeddraDistributionTests.Synthetic).ContentSha256, import.ContentSha256);
        Assert.Equal((1L, 13L), await CountsAsync());

        // The same version again is refused, never stored twice.
        AssertRefused(await Cli("meddra", "import", MeddraDistributionTests.Synthetic), "MedDRA 27.1 is already imported");
        Assert.Single(await fixture.Runtime.Store.ReadStreamAsync(MeddraStreams.Dictionaries));
        Assert.Equal((1L, 13L), await CountsAsync());

        // With the dictionary: coded up the primary SOC path (the dizziness PT's secondary eye path is not used).
        var coded = await fixture.Exporter.ExportAsync(fixture.TrialCode, fixture.NewFolder("meddra"), true, null, ExportTrialFixture.Statistician);
        Assert.True(coded.Succeeded, coded.Rejection?.Message);
        Assert.Equal("27.1", coded.Manifest!.MeddraVersion);
        Assert.Contains("\"meddra\": \"27.1\"", File.ReadAllText(Path.Combine(coded.Directory!, ExportManifest.FileName)), StringComparison.Ordinal);
        var ae = ExportFiles.Table(coded.Directory!, "AE");
        Assert.Contains(ae, r => r["AEPTCD"] != "");
        foreach (var row in ae)
        {
            if (Expected.ContainsKey(int.Parse(row["AELLTCD"], System.Globalization.CultureInfo.InvariantCulture)))
            {
                AssertCoded(row);
            }
            else
            {
                AssertUncoded(row);
            }
        }

        var pandas = ExportFiles.RowsWithPandas(Path.Combine(coded.Directory!, "ae.xpt"));
        Assert.Equal(ae.Count, pandas.Count);
        foreach (var (csv, read) in ae.Zip(pandas))
        {
            foreach (var column in CodedColumns)
            {
                Assert.Equal(csv[column], read[column].EndsWith(".0", StringComparison.Ordinal) ? read[column][..^2] : read[column]);
            }
        }

        Assert.Superset(CodedColumns.ToHashSet(), ExportFiles.ReadWithHaven(coded.Directory!)["ae.xpt"].Columns.ToHashSet());
        var verified = await fixture.Exporter.VerifyAsync(coded.Directory!);
        Assert.True(verified.Verified, string.Join("; ", verified.Discrepancies));

        // Issue 11, item 5: a withdrawal explained in 4,000 characters, then lock and unblinding.
        var subject = SubjectNumber.Parse("S01-951");
        await Must(new ScreenParticipant(fixture.Protocol.Code, "S01", subject, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)), "2.1"), Coordinator);
        var sentence = "The participant moved abroad for work; Übelkeit after the first visit was discussed at length. ";
        var body = string.Concat(Enumerable.Repeat(sentence, (InputText.MaxLength / sentence.Length) + 1))[..(InputText.MaxLength - 1)];
        var details = body[^1] == ' ' ? body[..^1] + "x." : body + ".";
        Assert.Equal(InputText.MaxLength, details.Length);
        await Must(new WithdrawParticipant(fixture.Protocol.Code, subject, DateTimeOffset.UtcNow.AddHours(-1), WithdrawalReason.WithdrawalBySubject, details), Coordinator);

        var locked = await Cli([ExportTrialFixture.Password, "lock", "--trial", fixture.TrialCode, "--user", ExportTrialFixture.Coordinator.UserId, "--password-stdin", .. CliRunner.ConfirmationsFor("lock")]);
        Assert.True(locked.ExitCode == 0, locked.Error);

        // A newer version imported after the lock does not recode the locked trial.
        var newer = MeddraDistributionTests.CopyOf(MeddraDistributionTests.Synthetic, (name, lines) =>
        {
            if (name == MeddraDistribution.ReleaseFile)
            {
                lines[0] = "28.0$English$";
            }
            else if (name == "pt.asc")
            {
                lines[0] = lines[0].Replace("Synthetic PT dizziness", "Synthetic PT dizziness v28", StringComparison.Ordinal);
            }
            else if (name == "mdhier.asc")
            {
                lines[0] = lines[0].Replace("Synthetic PT dizziness", "Synthetic PT dizziness v28", StringComparison.Ordinal);
                lines[1] = lines[1].Replace("Synthetic PT dizziness", "Synthetic PT dizziness v28", StringComparison.Ordinal);
            }
        });
        var importedAfterLock = await Cli("meddra", "import", newer);
        Assert.True(importedAfterLock.ExitCode == 0, importedAfterLock.Error);

        var unblinded = await Cli(ExportTrialFixture.Password, "unblind", "--trial", fixture.TrialCode, "--user", ExportTrialFixture.Statistician.UserId, "--password-stdin");
        Assert.True(unblinded.ExitCode == 0, unblinded.Error);
        var export = await fixture.Exporter.ExportAsync(fixture.TrialCode, fixture.NewFolder("unblinded"), false, null, ExportTrialFixture.Statistician);
        Assert.True(export.Succeeded, export.Rejection?.Message);
        Assert.Equal("27.1", export.Manifest!.MeddraVersion);
        Assert.DoesNotContain(ExportFiles.Table(export.Directory!, "AE"), r => r["AEDECOD"].Contains("v28", StringComparison.Ordinal));

        // DSTERM holds the first 200 characters, SUPPDS the rest as DSTERM1, DSTERM2 …: nothing truncated.
        var usubjid = $"{fixture.TrialCode}-{subject}";
        var ds = ExportFiles.Table(export.Directory!, "DS").Single(r => r["USUBJID"] == usubjid && r["DSDECOD"] == "WITHDRAWAL BY SUBJECT");
        Assert.InRange(ds["DSTERM"].Length, 1, 200);
        var supp = ExportFiles.Table(export.Directory!, "SUPPDS").Where(r => r["USUBJID"] == usubjid).ToArray();
        Assert.True(supp.Length >= 19, $"{supp.Length} SUPPDS records");
        Assert.Equal(Enumerable.Range(1, supp.Length).Select(i => $"DSTERM{i}"), supp.Select(r => r["QNAM"]));
        Assert.All(supp, r => Assert.Equal(("DS", "DSSEQ", ds["DSSEQ"]), (r["RDOMAIN"], r["IDVAR"], r["IDVARVAL"])));
        Assert.All(supp, r => Assert.InRange(r["QVAL"].Length, 1, 200));
        Assert.Equal(AsciiText.ToAscii(details), ds["DSTERM"] + string.Concat(supp.Select(r => r["QVAL"])));
        var suppRead = ExportFiles.RowsWithPandas(Path.Combine(export.Directory!, "suppds.xpt"));
        Assert.Equal(ExportFiles.Table(export.Directory!, "SUPPDS").Count, suppRead.Count);
        Assert.Contains("suppds.xpt", ExportFiles.ReadWithHaven(export.Directory!).Keys);
        Assert.Contains(export.Manifest.Files, f => f.Name == "suppds.xpt");
        Assert.Empty(ExportFiles.CheckDatasetJson([Path.Combine(export.Directory!, "suppds.json"), Path.Combine(export.Directory!, "ae.json"), Path.Combine(export.Directory!, "ds.json")]));
        var again = await fixture.Exporter.VerifyAsync(export.Directory!);
        Assert.True(again.Verified, string.Join("; ", again.Discrepancies));
    }

    private static void AssertCoded(IReadOnlyDictionary<string, string> row)
    {
        var expected = Expected[int.Parse(row["AELLTCD"], System.Globalization.CultureInfo.InvariantCulture)];
        Assert.Equal(CtcaeDictionary.V5.FindByCode(int.Parse(row["AELLTCD"], System.Globalization.CultureInfo.InvariantCulture))!.Term, row["AETERM"]);
        Assert.Equal(expected.Llt, row["AELLT"]);
        Assert.Equal((expected.PtName, Number(expected.Pt)), (row["AEDECOD"], row["AEPTCD"]));
        Assert.Equal((Number(expected.Hlt), Number(expected.Hlgt)), (row["AEHLTCD"], row["AEHLGTCD"]));
        Assert.NotEqual("", row["AEHLT"]);
        Assert.NotEqual("", row["AEHLGT"]);
        Assert.Equal((expected.SocName, Number(expected.Soc), expected.SocName, Number(expected.Soc)), (row["AEBODSYS"], row["AEBDSYCD"], row["AESOC"], row["AESOCCD"]));
    }

    private static void AssertUncoded(IReadOnlyDictionary<string, string> row)
    {
        var term = CtcaeDictionary.V5.FindByCode(int.Parse(row["AELLTCD"], System.Globalization.CultureInfo.InvariantCulture))!;
        Assert.Equal((term.Term, term.Term, term.Term), (row["AETERM"], row["AELLT"], row["AEDECOD"]));
        Assert.Equal((term.SystemOrganClass, term.SystemOrganClass), (row["AEBODSYS"], row["AESOC"]));
        Assert.All(["AEPTCD", "AEHLT", "AEHLTCD", "AEHLGT", "AEHLGTCD", "AEBDSYCD", "AESOCCD"], column => Assert.Equal("", row[column]));
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(long Versions, long Llts)> CountsAsync()
    {
        await using var command = fixture.Runtime.DataSource.CreateCommand("SELECT (SELECT count(*) FROM meddra_versions), (SELECT count(*) FROM meddra_llt)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private Task<CliRun> Cli(params string[] args) =>
        args[0] == ExportTrialFixture.Password
            ? CliRunner.RunAsync(fixture.Database.ConnectionString, args[0] + "\n", args[1..])
            : CliRunner.RunAsync(fixture.Database.ConnectionString, null, args);

    private async Task Must<T>(T command, Actor actor)
        where T : notnull
    {
        var result = await fixture.Runtime.SendAsync(CommandContext.New(actor), command);
        Assert.True(result.Accepted, $"{typeof(T).Name}: {result.Rejection?.Code} {result.Rejection?.Message}");
    }

    private static void AssertRefused(CliRun run, string expected)
    {
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Output} {run.Error}");
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith("trialops: ", run.Error, StringComparison.Ordinal);
    }
}
