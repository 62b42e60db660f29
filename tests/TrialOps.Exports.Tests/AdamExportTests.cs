using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.Exports.Adam;
using TrialOps.Exports.Define;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Seed;

namespace TrialOps.Exports.Tests;

/// <summary>
/// KET-NP-01 with the optional analysis fields set, so that the ADaM derivation has to follow them:
/// PAIN is the primary endpoint at 60 minutes (not the first post-dose time) with three responder
/// thresholds (30, 50 and 70 %). The tests lock and unblind it once.
/// </summary>
public sealed class AdamTrialFixture : ExportTrialFixture
{
    public const string Code = "KET-ADAM-01";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ExportResult? _unblinded;

    public override int Participants => 14;

    public override string TrialCode => Code;

    protected override byte[] ProtocolFile
    {
        get
        {
            var root = JsonNode.Parse(DemoTrial.KetNp01())!.AsObject();
            root["code"] = Code;
            var pain = root["assessments"]!.AsArray().Single(a => (string?)a!["code"] == "PAIN")!.AsObject();
            pain["primary"] = true;
            pain["primaryTime"] = "PT60M";
            pain["responderThresholds"] = new JsonArray(30, 50, 70);
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }
    }

    /// <summary>Locks and unblinds the trial (once) and returns its unblinded export as of the unblinding.</summary>
    public async Task<ExportResult> UnblindedAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_unblinded is null)
            {
                await CorrectToEdgeValuesAsync();
                foreach (var (command, user) in new[] { ("lock", Coordinator.UserId), ("unblind", Statistician.UserId) })
                {
                    var run = await CliRunner.RunAsync(Database.ConnectionString, Password + "\n", [command, "--trial", Code, "--user", user, "--password-stdin", .. CliRunner.ConfirmationsFor(command)]);
                    Assert.True(run.ExitCode == 0, run.Error);
                }

                _unblinded = await Exporter.ExportAsync(Code, NewFolder("adam-unblinded"), false, null, Statistician);
                Assert.True(_unblinded.Succeeded, _unblinded.Rejection?.Message);
            }

            return _unblinded;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A completed subject whose pain values were corrected to the edges of the derivation (see <see cref="CorrectToEdgeValuesAsync"/>).</summary>
    public string EdgeSubject => Demo.Participants.First(p => p.Status == ParticipantStatus.Completed).Subject;

    /// <summary>
    /// Corrects (as site staff would, with a reason) one subject's pain values so that the
    /// derivation meets its edges: period 1 has baseline 40, 20 at 20 minutes (exactly 50 % less)
    /// and 28 at 60 minutes (exactly 30 % less); period 2 has baseline 0, where no percentage exists.
    /// </summary>
    private async Task CorrectToEdgeValuesAsync()
    {
        var subject = SubjectNumber.Parse(EdgeSubject);
        var recorded = (await Runtime.Store.ReadStreamAsync(ParticipantStreams.For(Protocol.Code, subject)))
            .Select(e => e.Data).OfType<ScaleAssessmentRecorded>().ToArray();
        var nurse = new Actor("nurse.nia", Roles.DataEntry);
        foreach (var (period, time, value) in new[] { (1, "PT0M", 40m), (1, "PT20M", 20m), (1, "PT60M", 28m), (2, "PT0M", 0m) })
        {
            var original = recorded.Last(e => e.Period == period && e.AssessmentCode == "PAIN" && e.Timepoint == time);
            var corrected = await Runtime.SendAsync(
                CommandContext.New(nurse),
                new CorrectScaleAssessment(Protocol.Code, subject, period, "PAIN", time, value, original.AssessedAt, "Transcription error: the paper form differs"));
            Assert.True(corrected.Accepted, corrected.Rejection?.Message);
        }
    }
}

/// <summary>
/// Issue 12, item 1: ADaM (ADSL, the subject-period BDS ADQS, ADAE) in the unblinded export, as
/// CSV, XPT and Dataset-JSON and in define.xml, checked against pandas and R haven, and against an
/// independent derivation from the SDTM files of the same export.
/// </summary>
public sealed class AdamExportTests(AdamTrialFixture fixture) : IClassFixture<AdamTrialFixture>
{
    private static readonly XNamespace Odm = DefineXmlWriter.OdmNamespace;
    private static readonly XNamespace Def = DefineXmlWriter.DefNamespace;

    [Fact]
    public async Task the_unblinded_export_has_adsl_adqs_and_adae_with_one_adsl_row_per_randomized_subject()
    {
        var export = await fixture.UnblindedAsync();
        var directory = export.Directory!;

        Assert.All(AdamChecks.AdamFiles, name => Assert.Contains(export.Manifest!.Files, f => f.Name == name));
        var adsl = ExportFiles.Table(directory, "ADSL");
        var randomized = ExportFiles.Table(directory, "DS").Where(r => r["DSDECOD"] == "RANDOMIZED").Select(r => r["USUBJID"]).ToArray();
        Assert.Equal(randomized.Order(StringComparer.Ordinal), adsl.Select(r => r["USUBJID"]));
        Assert.True(adsl.Count < fixture.Demo.Participants.Count, "the demo has screen failures, who are not in ADSL");

        // Each row's periods follow its randomized sequence; the flags are populated and say something.
        var allocations = (await TrialAsOf.ReadAsync(fixture.Runtime.Store, fixture.Protocol.Code, export.Manifest!.AsOfPosition, true, CancellationToken.None))!.Allocations;
        var dm = ExportFiles.Table(directory, "DM");
        foreach (var row in adsl)
        {
            var codes = allocations[row["SUBJID"]].Allocation.TreatmentCodes(fixture.Protocol);
            Assert.Equal(string.Join("-", codes), row["TRTSEQP"]);
            Assert.Equal(fixture.Protocol.Treatment(codes[0]).Label, row["TR01P"]);
            Assert.Equal(fixture.Protocol.Treatment(codes[1]).Label, row["TR02P"]);
            Assert.Equal("Y", row["RANDFL"]);
            Assert.Equal(dm.Single(d => d["USUBJID"] == row["USUBJID"])["ARM"], row["ARM"]);
            Assert.Equal(dm.Single(d => d["USUBJID"] == row["USUBJID"])["ACTARM"], row["ACTARM"]);
            Assert.All(new[] { "SAFFL", "FASFL", "PPROTFL", "COMPLFL", "CBRKFL" }, flag => Assert.Contains(row[flag], new[] { "Y", "N" }));
        }

        Assert.Contains(adsl, r => r["COMPLFL"] == "Y" && r["PPROTFL"] == "Y" && r["EOSSTT"] == "COMPLETED");
        Assert.Contains(adsl, r => r["EOSSTT"] == "DISCONTINUED" && r["DCSREAS"] != "");
        Assert.Contains(adsl, r => r["PPROTFL"] == "N");
        Assert.Contains(adsl, r => r["WASH02H"] != "");

        // The code breaks of the trial are in ADSL with the period they happened in.
        var trial = (await TrialAsOf.ReadAsync(fixture.Runtime.Store, fixture.Protocol.Code, export.Manifest.AsOfPosition, false, CancellationToken.None))!;
        Assert.NotEmpty(trial.CodeBreaks);
        Assert.Equal(trial.CodeBreaks.Keys.Order(StringComparer.Ordinal), adsl.Where(r => r["CBRKFL"] == "Y").Select(r => r["SUBJID"]));
        Assert.All(adsl.Where(r => r["CBRKFL"] == "Y"), r => Assert.Matches("^[12]?$", r["CBRKPER"]));

        // ADQS: the primary time point of the protocol (60 min) is ANL01FL, and every threshold has its criterion.
        var adqs = ExportFiles.Table(directory, "ADQS");
        Assert.All(adqs.Where(r => r["ANL01FL"] == "Y"), r => Assert.Equal("1 H AFTER DOSING START", r["ATPT"]));
        Assert.Contains(adqs, r => r["ANL01FL"] == "Y");
        Assert.Equal(["PCHG <= -30", "PCHG <= -50", "PCHG <= -70"], new[] { "CRIT1", "CRIT2", "CRIT3" }.Select(c => adqs.First(r => r[c] != "")[c]));
        Assert.All(adqs.Where(r => r["ABLFL"] == "Y"), r => Assert.Equal(("PRE-DOSE", r["AVAL"], ""), (r["ATPT"], r["BASE"], r["CHG"])));
        Assert.Contains(adqs, r => r["CRIT1FL"] == "Y");
        Assert.Contains(adqs, r => r["CRIT1FL"] == "N");
    }

    [Fact]
    public async Task adqs_adsl_and_adae_agree_with_what_pandas_derives_from_the_sdtm_files_of_the_same_export()
    {
        var export = await fixture.UnblindedAsync();

        Assert.Empty(AdamChecks.IndependentMismatches(export.Directory!, fixture.Protocol));
    }

    [Fact]
    public async Task a_reduction_exactly_on_a_threshold_counts_and_a_baseline_of_zero_gives_no_percentage()
    {
        var export = await fixture.UnblindedAsync();
        var rows = ExportFiles.Table(export.Directory!, "ADQS").Where(r => r["SUBJID"] == fixture.EdgeSubject).ToArray();
        IReadOnlyDictionary<string, string> At(string period, string timepoint) => rows.Single(r => r["APERIOD"] == period && r["ATPT"] == timepoint);

        var fifty = At("1", "20 MIN AFTER DOSING START");
        Assert.Equal(("40", "-20", "-50"), (fifty["BASE"], fifty["CHG"], fifty["PCHG"]));
        Assert.Equal(("Y", "Y", "N"), (fifty["CRIT1FL"], fifty["CRIT2FL"], fifty["CRIT3FL"]));
        var thirty = At("1", "1 H AFTER DOSING START");
        Assert.Equal(("-12", "-30", "Y", "N", "Y"), (thirty["CHG"], thirty["PCHG"], thirty["CRIT1FL"], thirty["CRIT2FL"], thirty["ANL01FL"]));

        var zero = rows.Where(r => r["APERIOD"] == "2" && r["ABLFL"] != "Y").ToArray();
        Assert.NotEmpty(zero);
        Assert.All(zero, r => Assert.Equal(("0", r["AVAL"], "", "", "", ""), (r["BASE"], r["CHG"], r["PCHG"], r["CRIT1FL"], r["CRIT2FL"], r["CRIT3FL"])));
    }

    [Fact]
    public async Task pandas_and_r_haven_read_the_adam_xpt_files_as_the_csv_and_dataset_json_hold_them()
    {
        var export = await fixture.UnblindedAsync();
        var directory = export.Directory!;

        Assert.Empty(ExportFiles.CheckDatasetJson(new[] { "adsl", "adqs", "adae" }.Select(d => Path.Combine(directory, d + ".json"))));
        foreach (var dataset in new[] { "adsl", "adqs", "adae" })
        {
            Assert.Empty(AdamChecks.HavenMismatches(directory, dataset));
            var pandas = ExportFiles.RowsWithPandas(Path.Combine(directory, dataset + ".xpt"));
            Assert.Equal(ExportFiles.ReadCsv(Path.Combine(directory, dataset + ".csv")).Rows.Count, pandas.Count);
        }

        // Dates are SAS numerics with their formats, stated alike in the XPT, the Dataset-JSON and define.xml.
        var (_, variables, _) = ExportFiles.ReadXpt(Path.Combine(directory, "adsl.xpt"));
        Assert.Equal(AdamDatasets.DateTimeFormat, variables.Single(v => v.Name == "TR01SDTM").Format);
        Assert.Equal(AdamDatasets.DateFormat, variables.Single(v => v.Name == "RANDDT").Format);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "adsl.json")));
        var column = json.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "TR01SDTM");
        Assert.Equal(AdamDatasets.DateTimeFormat, column.GetProperty("displayFormat").GetString());
        var define = XDocument.Load(Path.Combine(directory, DefineXmlWriter.FileName));
        var item = define.Descendants(Odm + "ItemDef").Single(i => (string?)i.Attribute("OID") == "IT.ADSL.TR01SDTM");
        Assert.Equal(AdamDatasets.DateTimeFormat, (string?)item.Attribute(Def + "DisplayFormat"));
    }

    [Fact]
    public async Task define_xml_describes_the_adam_datasets_as_analysis_datasets_with_a_method_for_every_derived_variable()
    {
        var export = await fixture.UnblindedAsync();
        var path = Path.Combine(export.Directory!, DefineXmlWriter.FileName);

        var (exit, messages) = ExportFiles.ValidateDefine(path);
        Assert.True(exit == 0, messages);
        Assert.Empty(ExportFiles.DefineMismatches(export.Directory!));

        var version = XDocument.Load(path).Descendants(Odm + "MetaDataVersion").Single();
        var groups = version.Elements(Odm + "ItemGroupDef").Where(g => (string?)g.Attribute("Purpose") == "Analysis").ToArray();
        Assert.Equal(["ADSL", "ADQS", "ADAE"], groups.Select(g => (string)g.Attribute("Name")!));
        Assert.Equal("SUBJECT LEVEL ANALYSIS DATASET", (string?)groups[0].Attribute(Def + "Class"));
        Assert.Equal("BASIC DATA STRUCTURE", (string?)groups[1].Attribute(Def + "Class"));
        var items = version.Elements(Odm + "ItemDef").ToDictionary(i => (string)i.Attribute("OID")!, StringComparer.Ordinal);
        var methods = version.Elements(Odm + "MethodDef").ToDictionary(m => (string)m.Attribute("OID")!, StringComparer.Ordinal);
        foreach (var reference in groups.SelectMany(g => g.Elements(Odm + "ItemRef")))
        {
            var origin = (string?)items[(string)reference.Attribute("ItemOID")!].Element(Def + "Origin")!.Attribute("Type");
            Assert.Contains(origin, new[] { "Derived", "Predecessor" });
            var method = (string?)reference.Attribute("MethodOID");
            Assert.Equal(origin == "Derived", method is not null);
            if (method is not null)
            {
                Assert.True(methods.ContainsKey(method), $"{method} has no MethodDef");
                Assert.NotEqual("", methods[method].Element(Odm + "Description")!.Value);
            }
        }

        Assert.Contains("period", methods["MT.ADQS.BASE"].Value, StringComparison.Ordinal);
        Assert.Equal("QS.QSSTRESN", version.Elements(Odm + "ItemDef").Single(i => (string?)i.Attribute("OID") == "IT.ADQS.AVAL").Element(Def + "Origin")!.Value);
    }

    [Fact]
    public async Task adae_takes_the_period_the_adverse_event_was_recorded_in_and_that_periods_treatment()
    {
        var export = await fixture.UnblindedAsync();
        var adae = ExportFiles.Table(export.Directory!, "ADAE");
        Assert.NotEmpty(adae);

        var source = new ExportEventSource(fixture.Runtime.DataSource, fixture.Runtime.Registry);
        var asOf = (await source.FindAsync(export.Manifest!.AsOfPosition))!;
        var trial = (await TrialAsOf.ReadAsync(fixture.Runtime.Store, fixture.Protocol.Code, asOf.Position, true, CancellationToken.None))!;
        var design = new ExportDesign(trial, blinded: false);
        var histories = new List<SubjectHistory>();
        await foreach (var subject in source.ReadSubjectsAsync(fixture.Protocol.Code, asOf))
        {
            histories.Add(SubjectHistory.From(subject, design.PeriodCount, design.Observation, asOf.RecordedAt, design.Protocol));
        }

        var recorded = histories.SelectMany(h => h.AdverseEvents.Select(c => (Id: c.Id, c.State.Period, Subject: h.Subject))).ToDictionary(c => c.Id, StringComparer.Ordinal);
        Assert.Contains(adae, r => r["APERIOD"] == "2");
        foreach (var row in adae)
        {
            var adverseEvent = recorded[row["AESPID"]];
            Assert.Equal(adverseEvent.Period?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", row["APERIOD"]);
            var expected = adverseEvent.Period is { } period ? design.TreatmentOf(adverseEvent.Subject, period)!.Label : "";
            Assert.Equal(expected, row["TRTA"]);
            Assert.Equal(adverseEvent.Period is null ? "" : "Y", row["TRTEMFL"]);
        }

        // The rows in memory, as an analysis would take them, are the rows of the files.
        var data = AdamDerivation.Derive(design, histories);
        Assert.Equal(ExportFiles.Table(export.Directory!, "ADSL").Select(r => r["USUBJID"]), data.Adsl.Select(r => r.Usubjid));
        Assert.Equal(ExportFiles.Table(export.Directory!, "ADQS").Select(r => r["AVAL"]), data.Bds.Select(r => Sdtm.Iso.Number(r.Value)));
        Assert.Equal(adae.Select(r => r["AESPID"]), data.Adae.Select(r => r.AdverseEventId));
    }

    [Fact]
    public async Task the_adam_rows_in_memory_at_the_manifests_position_are_the_rows_of_the_files_and_only_for_the_unblinded_statistician()
    {
        var export = await fixture.UnblindedAsync();
        var directory = export.Directory!;

        var derived = await fixture.Exporter.DeriveAdamAsync(AdamTrialFixture.Code, export.Manifest!.AsOfPosition, ExportTrialFixture.Statistician);

        Assert.Null(derived.Rejection);
        var data = derived.Data!;
        var datasets = new AdamDatasets(derived.Design!.Protocol);
        string Csv(Sdtm.SdtmRow row) => string.Join(",", row.Values.Select(ExportFiles.AsCsvText));
        string Quoted(string[] fields) => string.Join(",", fields);
        Assert.Equal(ExportFiles.ReadCsv(Path.Combine(directory, "adsl.csv")).Rows.Select(Quoted), data.Adsl.Select(r => Csv(datasets.Row(r))));
        Assert.Equal(ExportFiles.ReadCsv(Path.Combine(directory, "adqs.csv")).Rows.Select(Quoted), data.Bds.Select(r => Csv(datasets.Row(r))));
        Assert.Equal(ExportFiles.ReadCsv(Path.Combine(directory, "adae.csv")).Rows.Select(Quoted), data.Adae.Select(r => Csv(datasets.Row(r))));

        Assert.Equal(ExportPolicy.Refused, (await fixture.Exporter.DeriveAdamAsync(AdamTrialFixture.Code, export.Manifest.AsOfPosition, ExportTrialFixture.Monitor)).Rejection?.Code);
        Assert.Equal(ExportPolicy.TrialNotUnblinded, (await fixture.Exporter.DeriveAdamAsync(AdamTrialFixture.Code, fixture.AsOf, ExportTrialFixture.Statistician)).Rejection?.Code);
    }

    [Fact]
    public async Task verify_names_an_edited_adam_file_and_accepts_the_export_as_written()
    {
        var export = await fixture.UnblindedAsync();
        var copy = fixture.NewFolder("adam-verify");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(export.Directory!))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var fresh = await CliRunner.RunAsync(fixture.Database.ConnectionString, null, "verify", "--export", copy);
        Assert.True(fresh.ExitCode == 0, fresh.Error);

        var path = Path.Combine(copy, "adqs.csv");
        var text = File.ReadAllText(path);
        var firstRow = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        File.WriteAllText(path, text[..firstRow] + text[firstRow..].Replace(",Y,", ",N,", StringComparison.Ordinal));
        Assert.NotEqual(text, File.ReadAllText(path));

        var tampered = await CliRunner.RunAsync(fixture.Database.ConnectionString, null, "verify", "--export", copy);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("adqs.csv: changed", tampered.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("adsl", tampered.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("adae", tampered.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("adqs.xpt", tampered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_derivation_refuses_a_blinded_design()
    {
        var trial = (await TrialAsOf.ReadAsync(fixture.Runtime.Store, fixture.Protocol.Code, fixture.AsOf, false, CancellationToken.None))!;

        Assert.Throws<InvalidOperationException>(() => AdamDerivation.Derive(new ExportDesign(trial, blinded: true), []));
    }
}
