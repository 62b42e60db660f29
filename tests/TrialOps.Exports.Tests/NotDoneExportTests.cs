using System.Globalization;
using System.Xml.Linq;
using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Randomization;

namespace TrialOps.Exports.Tests;

/// <summary>
/// Issue 11: a scheduled assessment recorded as not done is an SDTM record with --STAT NOT DONE and
/// --REASND, empty results, at its planned time; a value recorded later stands instead.
/// </summary>
public sealed class NotDoneExportTests(ExportTrialFixture fixture, NotDoneExportTests.UnblindedDemo unblindedDemo) : IClassFixture<ExportTrialFixture>, IClassFixture<NotDoneExportTests.UnblindedDemo>
{
    /// <summary>A demo trial of its own, locked and unblinded by the test that reads it.</summary>
    public sealed class UnblindedDemo : ExportTrialFixture
    {
        public override int Participants => 12;
    }

    private const string DemoReason = "Participant asleep at the time point; not woken per protocol";
    private static readonly XNamespace Odm = "http://www.cdisc.org/ns/odm/v1.3";
    private static readonly XNamespace Def = "http://www.cdisc.org/ns/def/v2.0";
    private static readonly Actor Coordinator = new("coord.nadia", Roles.Coordinator);
    private static readonly Actor Investigator = new("inv.nils", Roles.Investigator);
    private static readonly Actor Nurse = new("nurse.noor", Roles.DataEntry);
    private static readonly Actor Pharmacist = new("pharm.nico", Roles.Pharmacist);

    [Fact]
    public async Task the_demos_missed_vital_signs_are_not_done_records_at_their_planned_time_in_every_format_alike_blinded_and_unblinded()
    {
        foreach (var (command, user) in new[] { ("lock", ExportTrialFixture.Coordinator.UserId), ("unblind", ExportTrialFixture.Statistician.UserId) })
        {
            var run = await CliRunner.RunAsync(unblindedDemo.Database.ConnectionString, ExportTrialFixture.Password + "\n", [command, "--trial", ExportTrialFixture.Trial, "--user", user, "--password-stdin", .. CliRunner.ConfirmationsFor(command)]);
            Assert.True(run.ExitCode == 0, run.Error);
        }

        var blinded = await unblindedDemo.Exporter.ExportAsync(ExportTrialFixture.Trial, unblindedDemo.NewFolder("not-done-blinded"), true, null, ExportTrialFixture.Statistician);
        var unblinded = await unblindedDemo.Exporter.ExportAsync(ExportTrialFixture.Trial, unblindedDemo.NewFolder("not-done-unblinded"), false, null, ExportTrialFixture.Statistician);
        Assert.True(blinded.Succeeded && unblinded.Succeeded, blinded.Rejection?.Message ?? unblinded.Rejection?.Message);

        var notDone = ExportFiles.Table(blinded.Directory!, "VS").Where(r => r["VSSTAT"] == "NOT DONE").ToArray();
        Assert.NotEmpty(notDone);
        var vitals = unblindedDemo.Protocol.Assessments.Single(a => a.Code == "VITALS");
        var last = vitals.Times[^1];
        Assert.All(notDone, row =>
        {
            Assert.Equal(DemoReason, row["VSREASND"]);
            Assert.Equal(("", "", "", "", ""), (row["VSORRES"], row["VSORRESU"], row["VSSTRESC"], row["VSSTRESN"], row["VSSTRESU"]));
            Assert.Equal(("", ""), (row["VSBLFL"], row["VSLOBXFL"]));
            Assert.Equal(("PERIOD 2", "3", "TREATMENT 2"), (row["VISIT"], row["VISITNUM"], row["EPOCH"]));
            Assert.Equal((last.Iso, vitals.Times.Count.ToString(CultureInfo.InvariantCulture)), (row["VSELTM"], row["VSTPTNUM"]));

            // The planned time: the period's dosing start plus the time point's elapsed time.
            var start = DateTimeOffset.Parse(row["VSRFTDTC"], CultureInfo.InvariantCulture);
            Assert.Equal(Sdtm.Iso.Dtc(start + last.AfterDosingStart), row["VSDTC"]);
        });
        Assert.Equal(["DIABP", "OXYSAT", "PULSE", "SYSBP"], notDone.Select(r => r["VSTESTCD"]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(notDone.GroupBy(r => r["USUBJID"]), subject => Assert.Equal(4, subject.Count()));

        // Nothing in a not-done record differs between the blinded and the unblinded export.
        Assert.Equal(
            notDone.Select(r => string.Join('|', r.Values)),
            ExportFiles.Table(unblinded.Directory!, "VS").Where(r => r["VSSTAT"] == "NOT DONE").Select(r => string.Join('|', r.Values)));

        // The XPT and the Dataset-JSON carry the same values as the CSV.
        var (_, variables, rows) = ExportFiles.ReadXpt(Path.Combine(blinded.Directory!, "vs.xpt"));
        var stat = variables.ToList().FindIndex(v => v.Name == "VSSTAT");
        var reason = variables.ToList().FindIndex(v => v.Name == "VSREASND");
        Assert.Equal(notDone.Length, rows.Count(r => (string?)r[stat] == "NOT DONE" && (string?)r[reason] == DemoReason));
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(blinded.Directory!, "vs.json")))!;
        var columns = json["columns"]!.AsArray().Select(c => (string)c!["name"]!).ToList();
        Assert.Equal(notDone.Length, json["rows"]!.AsArray().Count(r => (string?)r![columns.IndexOf("VSSTAT")] == "NOT DONE" && (string?)r[columns.IndexOf("VSREASND")] == DemoReason));

        // define.xml: both variables, VSSTAT controlled by CDISC's "Not Done" codelist (C66789).
        var define = XDocument.Load(Path.Combine(blinded.Directory!, Define.DefineXmlWriter.FileName));
        var items = define.Descendants(Odm + "ItemDef").Select(i => (string)i.Attribute("OID")!).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("IT.VS.VSSTAT", items);
        Assert.Contains("IT.VS.VSREASND", items);
        var statDef = define.Descendants(Odm + "ItemDef").Single(i => (string)i.Attribute("OID")! == "IT.VS.VSSTAT");
        Assert.Equal("CL.ND", (string?)statDef.Element(Odm + "CodeListRef")?.Attribute("CodeListOID"));
        var codeList = define.Descendants(Odm + "CodeList").Single(c => (string)c.Attribute("OID")! == "CL.ND");
        Assert.Equal("C66789", (string?)codeList.Elements(Odm + "Alias").Single().Attribute("Name"));
        Assert.Equal(["NOT DONE"], codeList.Elements().Where(e => e.Name.LocalName is "EnumeratedItem" or "CodeListItem").Select(e => (string)e.Attribute("CodedValue")!));
        Assert.DoesNotContain(codeList.Descendants(), e => e.Attribute(Def + "ExtendedValue") is not null);
        var (exit, messages) = ExportFiles.ValidateDefine(Path.Combine(blinded.Directory!, Define.DefineXmlWriter.FileName));
        Assert.True(exit == 0, messages);
    }

    [Fact]
    public async Task a_missed_pain_score_is_a_qs_not_done_record_and_a_vital_sign_found_later_replaces_its_not_done_records()
    {
        var protocol = fixture.Protocol;
        var subject = SubjectNumber.Parse("S01-951");
        await fixture.EnrolAsync(subject, consentDaysAgo: 3);
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero);
        await Must(new RecordSessionWeight(protocol.Code, subject, 1, start.AddMinutes(-40), 70m), Nurse);
        var state = ParticipantState.From((await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol.Code, subject))).Select(e => e.Data));
        await Must(new RecordDosePreparation(protocol.Code, subject, 1, state.Kits[1], start.AddMinutes(-30), await SecondPharmacist.EnsureAsync(fixture.Runtime), SecondPharmacist.Password), Pharmacist);
        await Must(new StartDosing(protocol.Code, subject, 1, start), Nurse);
        await Must(new RecordAssessmentNotDone(protocol.Code, subject, 1, "PAIN", "PT20M", "Participant in the bathroom ≥ 30 min"), Nurse);
        var vitalsNotDone = await Must(new RecordAssessmentNotDone(protocol.Code, subject, 1, "VITALS", "PT10M", "Cuff missing"), Nurse);
        var vitalsFound = await Must(new RecordVitalSigns(protocol.Code, subject, 1, "VITALS", "PT10M", start.AddMinutes(12), new VitalSigns(131, 82, 77, 98)), Nurse);
        var usubjid = $"{ExportTrialFixture.Trial}-{subject}";

        var before = await fixture.ExportAsync("not-done-before", asOf: vitalsNotDone);
        var qs = ExportFiles.Table(before.Directory!, "QS").Single(r => r["USUBJID"] == usubjid && r["QSELTM"] == "PT20M");
        Assert.Equal(("PAIN", "NOT DONE", "Participant in the bathroom >= 30 min", "", ""), (qs["QSTESTCD"], qs["QSSTAT"], qs["QSREASND"], qs["QSORRES"], qs["QSSTRESN"]));
        Assert.Equal((Sdtm.Iso.Dtc(start.AddMinutes(20)), "TREATMENT 1", "PERIOD 1"), (qs["QSDTC"], qs["EPOCH"], qs["VISIT"]));
        Assert.Equal(["NOT DONE"], ExportFiles.Table(before.Directory!, "VS").Where(r => r["USUBJID"] == usubjid && r["VSELTM"] == "PT10M").Select(r => r["VSSTAT"]).Distinct());

        var after = await fixture.ExportAsync("not-done-after", asOf: vitalsFound);
        var vs = ExportFiles.Table(after.Directory!, "VS").Where(r => r["USUBJID"] == usubjid && r["VSELTM"] == "PT10M").ToArray();
        Assert.Equal(["131", "82", "77", "98"], vs.Select(r => r["VSORRES"]));
        Assert.All(vs, r => Assert.Equal(("", "", Sdtm.Iso.Dtc(start.AddMinutes(12))), (r["VSSTAT"], r["VSREASND"], r["VSDTC"])));
        Assert.Equal("NOT DONE", ExportFiles.Table(after.Directory!, "QS").Single(r => r["USUBJID"] == usubjid && r["QSELTM"] == "PT20M")["QSSTAT"]);
    }

    private async Task<long> Must<T>(T command, Actor actor)
        where T : notnull
    {
        var result = await fixture.Runtime.SendAsync(CommandContext.New(actor), command);
        Assert.True(result.Accepted, $"{typeof(T).Name}: {result.Rejection?.Code} {result.Rejection?.Message}");
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);
        return result.Positions.Last();
    }
}
