using System.Globalization;
using System.Text.Json;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Assessments;
using TrialOps.Randomization;

namespace TrialOps.Exports.Tests;

/// <summary>A trial of its own: the exposure story locks and unblinds it.</summary>
public sealed class ExposureTrialFixture : ExportTrialFixture
{
    public override int Participants => 6;
}

/// <summary>
/// Issue 11, items 2, 3 and 6 (ADR 0019): EX as given, EC as collected, baseline flags, SUPPAE,
/// TI, IE and DV, in blinded and unblinded exports. One story, because the unblinded part needs the
/// lock, after which nothing more can be recorded.
/// </summary>
public sealed class ExposureAsGivenExportTests(ExposureTrialFixture fixture) : IClassFixture<ExposureTrialFixture>
{
    private const string Trial = ExportTrialFixture.Trial;
    private static readonly Actor Coordinator = new("coord.sid", Roles.Coordinator);
    private static readonly Actor Investigator = new("inv.ivo", Roles.Investigator);
    private static readonly Actor Nurse = new("nurse.nell", Roles.DataEntry);
    private static readonly Actor Pharmacist = new("pharm.pia", Roles.Pharmacist);

    [Fact]
    public async Task a_rate_cut_and_an_interruption_give_the_reduced_dose_and_every_new_dataset_reads_back_without_leaking()
    {
        var protocol = fixture.Protocol;
        var now = fixture.Runtime.Clock.GetUtcNow();

        // A: 96.5 kg, so 48.25 mg ketamine or 48.25 mL saline over 40 min (72.375 mL/h). The pump is
        // cut to 57.9 mL/h after 10 min, stopped from 20 to 26 min, and the session stopped "complete" at 46 min.
        var rateCut = SubjectNumber.Parse("S01-911");
        await EnrollAsync(rateCut);
        var start = Minute(now.AddDays(-3));
        await DoseAsync(rateCut, 1, start, 96.5m);
        await Must(new RecordScaleAssessment(protocol.Code, rateCut, 1, "PAIN", "PT0M", start.AddMinutes(-5), 70m), Nurse);
        await Must(new StartDosing(protocol.Code, rateCut, 1, start), Nurse);
        await Must(new ChangeInfusionRate(protocol.Code, rateCut, 1, start.AddMinutes(10), 57.9m, "Discomfort at the infusion site"), Nurse);
        await Must(new InterruptDosing(protocol.Code, rateCut, 1, start.AddMinutes(20), "Cannula occluded"), Nurse);
        await Must(new ResumeDosing(protocol.Code, rateCut, 1, start.AddMinutes(26)), Nurse);
        // PT20M taken 45 min after the start: outside its window (a deviation).
        await Must(new RecordScaleAssessment(protocol.Code, rateCut, 1, "PAIN", "PT20M", start.AddMinutes(45), 40m), Nurse);
        await Must(new StopDosing(protocol.Code, rateCut, 1, start.AddMinutes(46), true, null), Nurse);

        // Period 2 two days later, before the 7-day washout: a deviation the investigator records.
        var second = Minute(now.AddDays(-1));
        await DoseAsync(rateCut, 2, second, 96m);
        await Must(new RecordScaleAssessment(protocol.Code, rateCut, 2, "PAIN", "PT0M", second.AddMinutes(-5), 66m), Nurse);
        await Must(new StartDosingBeforeWashout(protocol.Code, rateCut, 2, second, "Participant leaves the country next week"), Investigator);
        await Must(new StopDosing(protocol.Code, rateCut, 2, second.AddMinutes(40), true, null), Nurse);

        // Dizziness known by its date only, on the day of the second dosing: the day spans washout
        // and treatment, so the EPOCH follows the period the event was attributed to (SUPPAE AEPERIOD).
        var dizziness = new AdverseEvents.AdverseEventInput(10013573, AdverseEvents.PartialDate.FromDate(DateOnly.FromDateTime(second.UtcDateTime)), null, 1, [], AdverseEvents.Causality.Possible, AdverseEvents.ActionTaken.DoseNotChanged, AdverseEvents.AdverseEventOutcome.RecoveringResolving);
        await Must(new AdverseEvents.ReportAdverseEvent(AdverseEvents.AdverseEventStreams.NewId(), protocol.Code, rateCut, second.AddHours(3), dizziness), Investigator);

        // B: 110 kg, both periods: ketamine is capped at 50 mg (uncapped 55 mg) in one of them.
        var capped = SubjectNumber.Parse("S01-912");
        await EnrollAsync(capped);
        for (var period = 1; period <= 2; period++)
        {
            var at = Minute(now.AddDays(period == 1 ? -20 : -10));
            await DoseAsync(capped, period, at, 110m);
            await Must(new StartDosing(protocol.Code, capped, period, at), Nurse);
            await Must(new StopDosing(protocol.Code, capped, period, at.AddMinutes(40), true, null), Nurse);
        }

        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);
        var asOf = await ChainVerifier.LedgerHeadPositionAsync(fixture.Runtime.DataSource);
        var blinded = (await fixture.ExportAsync("exposure-blinded", asOf: asOf)).Directory!;

        // Independently of the exporter: pandas reads ex.xpt and ec.xpt, and computes the volume the
        // recorded rates gave from the inputs above.
        var inputs = new
        {
            ex = Path.Combine(blinded, "ex.xpt"),
            ec = Path.Combine(blinded, "ec.xpt"),
            usubjid = $"{Trial}-{rateCut}",
            plannedMl = 48.25,
            plannedMinutes = 40.0,
            segments = new[] { new[] { 0.0, 10.0, 0.0 }, [10.0, 20.0, 57.9], [26.0, 46.0, 57.9] },
        };
        var computed = PandasExposure(inputs);
        Assert.Equal(41.0125, computed.GetProperty("expected").GetDouble(), 6);
        Assert.Equal(computed.GetProperty("expected").GetDouble(), computed.GetProperty("ex").GetDouble(), 4);
        Assert.Equal(computed.GetProperty("expected").GetDouble(), computed.GetProperty("ec").GetDouble(), 4);

        var ex = ExportFiles.Table(blinded, "EX").Where(r => r["USUBJID"] == $"{Trial}-{rateCut}" && r["VISITNUM"] == "2").ToArray();
        Assert.Equal(
            [(Iso(start), Iso(start.AddMinutes(10))), (Iso(start.AddMinutes(10)), Iso(start.AddMinutes(20))), (Iso(start.AddMinutes(26)), Iso(start.AddMinutes(46)))],
            ex.Select(r => (r["EXSTDTC"], r["EXENDTC"])));
        Assert.Equal("", ex[0]["EXADJ"]);
        Assert.Equal("Infusion rate changed to 57.9 mL/h: Discomfort at the infusion site", ex[1]["EXADJ"]);
        Assert.Equal("Resumed after an interruption: Cannula occluded", ex[2]["EXADJ"]);
        Assert.All(ex, r => Assert.Equal(("BLINDED STUDY TREATMENT", "mL", "INFUSION"), (r["EXTRT"], r["EXDOSU"], r["EXCAT"])));
        var ec = ExportFiles.Table(blinded, "EC").Where(r => r["USUBJID"] == $"{Trial}-{rateCut}" && r["VISITNUM"] == "2").ToArray();
        Assert.Equal(ex.Select(r => (r["EXSTDTC"], r["EXENDTC"], r["EXDOSE"], r["EXADJ"])), ec.Select(r => (r["ECSTDTC"], r["ECENDTC"], r["ECDOSE"], r["ECADJ"])));
        Assert.All(ec, r => Assert.Equal(("PERFORMED", "Study infusion, 48.3 mL over 40 min"), (r["ECMOOD"], r["ECDOSRGM"])));
        Assert.Equal(
            [(ec[1]["ECSEQ"], "57.9"), (ec[2]["ECSEQ"], "57.9")],
            ExportFiles.Table(blinded, "SUPPEC").Where(r => r["USUBJID"] == $"{Trial}-{rateCut}" && r["QNAM"] == "ECRATE").Select(r => (r["IDVARVAL"], r["QVAL"])));

        // The capped participant: the capped dose is made up to the other arm's volume (ADR 0020), so a
        // blinded file shows the same volume in both periods, whichever was active, and never the cap.
        var cappedBlinded = ExportFiles.Table(blinded, "EX").Where(r => r["USUBJID"] == $"{Trial}-{capped}").ToArray();
        Assert.Equal(2, cappedBlinded.Length);
        Assert.All(cappedBlinded, r => Assert.Equal("", r["EXADJ"]));
        Assert.NotEqual("", cappedBlinded[0]["EXDOSE"]);
        Assert.Equal(cappedBlinded[0]["EXDOSE"], cappedBlinded[1]["EXDOSE"]);

        // Baseline flags: the pre-dose value of each period (BLFL), the one before the first dose (LOBXFL).
        var pain = ExportFiles.Table(blinded, "QS").Where(r => r["USUBJID"] == $"{Trial}-{rateCut}").ToArray();
        Assert.Equal([("PT0M", "2"), ("PT0M", "3")], pain.Where(r => r["QSBLFL"] == "Y").Select(r => (r["QSELTM"], r["VISITNUM"])));
        Assert.Equal([("PT0M", "2")], pain.Where(r => r["QSLOBXFL"] == "Y").Select(r => (r["QSELTM"], r["VISITNUM"])));
        AssertBaselineFlags(blinded);

        // DV: the washout not elapsed and the assessment outside its window; nothing for the rate change.
        var dv = ExportFiles.Table(blinded, "DV").Where(r => r["USUBJID"] == $"{Trial}-{rateCut}").ToArray();
        Assert.Equal([("ASSESSMENT OUT OF WINDOW", "2", Iso(start.AddMinutes(45))), ("WASHOUT NOT ELAPSED", "3", Iso(second))], dv.Select(r => (r["DVDECOD"], r["VISITNUM"], r["DVSTDTC"])));
        Assert.StartsWith("Dosing of period 2 started", dv[1]["DVTERM"], StringComparison.Ordinal);
        Assert.Equal(
            [("DVREAS", "Participant leaves the country next week")],
            ExportFiles.Table(blinded, "SUPPDV").Where(r => r["USUBJID"] == $"{Trial}-{rateCut}" && r["IDVARVAL"] == dv[1]["DVSEQ"]).Select(r => (r["QNAM"], r["QVAL"])));

        // TI is the protocol's criteria; IE the criteria screen failures did not meet, as answered.
        var ti = ExportFiles.Table(blinded, "TI");
        Assert.Equal(protocol.Eligibility.Inclusion.Concat(protocol.Eligibility.Exclusion).Select(c => (c.Code, c.Text)), ti.Select(r => (r["IETESTCD"], r["IETEST"])));
        var ie = ExportFiles.Table(blinded, "IE");
        Assert.NotEmpty(ie);
        var screenFailures = ExportFiles.Table(blinded, "DM").Where(r => r["ARMNRS"] == "SCREEN FAILURE").Select(r => r["USUBJID"]).ToHashSet();
        Assert.All(ie, r =>
        {
            Assert.Contains(r["USUBJID"], screenFailures);
            Assert.Equal(r["IECAT"] == "INCLUSION" ? "N" : "Y", r["IEORRES"]);
        });

        // SUPPAE: the period the site recorded for each adverse event, tied by AESEQ.
        var ae = ExportFiles.Table(blinded, "AE").Select(r => (r["USUBJID"], r["AESEQ"])).ToHashSet();
        var suppae = ExportFiles.Table(blinded, "SUPPAE");
        Assert.NotEmpty(suppae);
        Assert.All(suppae, r =>
        {
            Assert.Contains((r["USUBJID"], r["IDVARVAL"]), ae);
            Assert.Equal(("AE", "AESEQ", "AEPERIOD"), (r["RDOMAIN"], r["IDVAR"], r["QNAM"]));
            Assert.Contains(r["QVAL"], new[] { "1", "2" });
        });

        var dated = ExportFiles.Table(blinded, "AE").Single(r => r["USUBJID"] == $"{Trial}-{rateCut}");
        Assert.Equal(DateOnly.FromDateTime(second.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dated["AESTDTC"]);
        Assert.Equal("TREATMENT 2", dated["EPOCH"]);
        Assert.Equal("2", suppae.Single(r => r["USUBJID"] == $"{Trial}-{rateCut}" && r["IDVARVAL"] == dated["AESEQ"])["QVAL"]);

        AssertReadableAndValid(blinded);
        Assert.Empty(OdmChecks.TreatmentSecretsIn(blinded, protocol));

        // Unblinded, after lock: the same reduced amount in the treatment's own unit, and the cap.
        Assert.Equal(0, (await Cli("lock", ExportTrialFixture.Coordinator.UserId)).ExitCode);
        Assert.Equal(0, (await Cli("unblind", ExportTrialFixture.Statistician.UserId)).ExitCode);
        var unblinded = await fixture.Exporter.ExportAsync(Trial, fixture.NewFolder("exposure-unblinded"), false, null, ExportTrialFixture.Statistician);
        Assert.True(unblinded.Succeeded, unblinded.Rejection?.Message);
        var open = unblinded.Directory!;
        var given = ExportFiles.Table(open, "EX").Where(r => r["USUBJID"] == $"{Trial}-{rateCut}" && r["VISITNUM"] == "2").ToArray();
        Assert.Equal(3, given.Length);
        Assert.Equal(41.0125, given.Sum(r => double.Parse(r["EXDOSE"], CultureInfo.InvariantCulture)), 4);
        var ketamine = ExportFiles.Table(open, "EX").Single(r => r["USUBJID"] == $"{Trial}-{capped}" && r["EXTRT"] == protocol.Treatment("KET").Label);
        Assert.Equal(("50", "mg"), (ketamine["EXDOSE"], ketamine["EXDOSU"]));
        Assert.Equal("Capped at the protocol maximum of 50 mg (uncapped 55 mg)", ketamine["EXADJ"]);
        Assert.Equal(
            ExportFiles.Table(blinded, "EC").Select(r => string.Join("|", r.Values)),
            ExportFiles.Table(open, "EC").Select(r => string.Join("|", r.Values)));
        AssertReadableAndValid(open);
    }

    /// <summary>Every subject: per test one LOBXFL at or before the first dose and per dosed period one BLFL at or before its start.</summary>
    private static void AssertBaselineFlags(string directory)
    {
        var dm = ExportFiles.Table(directory, "DM").ToDictionary(r => r["USUBJID"], r => r["RFXSTDTC"]);
        var starts = ExportFiles.Table(directory, "EX").GroupBy(r => (r["USUBJID"], r["VISITNUM"])).ToDictionary(g => g.Key, g => g.Select(r => r["EXSTDTC"]).Min(StringComparer.Ordinal)!);
        foreach (var domain in new[] { "VS", "QS" })
        {
            var rows = ExportFiles.Table(directory, domain);
            Assert.Contains(rows, r => r[domain + "BLFL"] == "Y");
            foreach (var group in rows.GroupBy(r => (r["USUBJID"], r[domain + "TESTCD"])))
            {
                var first = dm[group.Key.Item1];
                var before = group.Where(r => first != "" && string.CompareOrdinal(r[domain + "DTC"], first) <= 0).ToArray();
                Assert.Equal(before.Length == 0 ? 0 : 1, group.Count(r => r[domain + "LOBXFL"] == "Y"));
                foreach (var visit in group.GroupBy(r => r["VISITNUM"]).Where(v => starts.ContainsKey((group.Key.Item1, v.Key))))
                {
                    var start = starts[(group.Key.Item1, visit.Key)];
                    var flagged = visit.Where(r => r[domain + "BLFL"] == "Y").ToArray();
                    var predose = visit.Where(r => string.CompareOrdinal(r[domain + "DTC"], start) <= 0).ToArray();
                    Assert.Equal(predose.Length == 0 ? 0 : 1, flagged.Length);
                    Assert.All(flagged, r => Assert.Equal(predose.Select(p => p[domain + "DTC"]).Max(StringComparer.Ordinal), r[domain + "DTC"]));
                }
            }
        }
    }

    /// <summary>pandas and R haven read every XPT, Dataset-JSON validates, define.xml validates and matches the files.</summary>
    private static void AssertReadableAndValid(string directory)
    {
        var xpts = Directory.EnumerateFiles(directory, "*.xpt").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("ec.xpt", xpts);
        Assert.Contains("dv.xpt", xpts);
        var pandas = ExportFiles.ReadWithPandas(directory);
        var haven = ExportFiles.ReadWithHaven(directory);
        Assert.Equal(xpts, pandas.Keys.Order(StringComparer.Ordinal));
        Assert.All(xpts, name =>
        {
            var (header, rows) = ExportFiles.ReadCsv(Path.Combine(directory, Path.ChangeExtension(name!, ".csv")));
            Assert.Equal(header, pandas[name!].Columns);
            Assert.Equal(header, haven[name!].Columns);
            Assert.Equal(rows.Count, pandas[name!].Rows);
            Assert.Equal(rows.Count, haven[name!].Rows);
        });
        Assert.Empty(ExportFiles.CheckDatasetJson(Directory.EnumerateFiles(directory, "*.json").Where(p => Path.GetFileName(p) != ExportManifest.FileName)));
        var (exit, messages) = ExportFiles.ValidateDefine(Path.Combine(directory, Define.DefineXmlWriter.FileName));
        Assert.True(exit == 0, messages);
        Assert.Empty(ExportFiles.DefineMismatches(directory));
    }

    private static JsonElement PandasExposure(object inputs)
    {
        const string script = """
            import json, sys
            import pandas
            args = json.loads(sys.argv[1])
            def given(path, prefix):
                frame = pandas.read_sas(path, format='xport', encoding='ascii')
                rows = frame[(frame['USUBJID'] == args['usubjid']) & (frame['VISITNUM'] == 2)]
                return float(rows[prefix + 'DOSE'].sum())
            planned_rate = args['plannedMl'] / args['plannedMinutes'] * 60
            expected = 0.0
            for start, end, rate in args['segments']:
                expected += (rate or planned_rate) * (end - start) / 60
            expected = min(expected, args['plannedMl'])
            print(json.dumps({'ex': given(args['ex'], 'EX'), 'ec': given(args['ec'], 'EC'), 'expected': expected}))
            """;
        var (exit, output, error) = ExportFiles.RunPython(script, [JsonSerializer.Serialize(inputs)]);
        Assert.True(exit == 0, $"pandas could not compute the exposure: {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static DateTimeOffset Minute(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, TimeSpan.Zero);

    private static string Iso(DateTimeOffset time) => Sdtm.Iso.Dtc(time);

    private async Task EnrollAsync(SubjectNumber subject)
    {
        var protocol = fixture.Protocol;
        await fixture.EnrolAsync(subject, consentDaysAgo: 30);
    }

    private async Task DoseAsync(SubjectNumber subject, int period, DateTimeOffset start, decimal weightKg)
    {
        var protocol = fixture.Protocol;
        await Must(new RecordSessionWeight(protocol.Code, subject, period, start.AddMinutes(-40), weightKg), Nurse);
        var state = ParticipantState.From((await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol.Code, subject))).Select(e => e.Data));
        await Must(new RecordDosePreparation(protocol.Code, subject, period, state.Kits[period], start.AddMinutes(-30), await SecondPharmacist.EnsureAsync(fixture.Runtime), SecondPharmacist.Password), Pharmacist);
    }

    private async Task Must<T>(T command, Actor actor)
        where T : notnull
    {
        var result = await fixture.Runtime.SendAsync(CommandContext.New(actor), command);
        Assert.True(result.Accepted, $"{typeof(T).Name}: {result.Rejection?.Code} {result.Rejection?.Message}");
    }

    private Task<CliRun> Cli(string command, string user) =>
        CliRunner.RunAsync(fixture.Database.ConnectionString, ExportTrialFixture.Password + "\n", [command, "--trial", Trial, "--user", user, "--password-stdin", .. CliRunner.ConfirmationsFor(command)]);
}
