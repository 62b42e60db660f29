using System.Xml.Linq;
using TrialOps.Cdisc;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Randomization;

namespace TrialOps.Exports.Tests;

/// <summary>Issue 10, item 1: the confirmed reason for a "complete" infusion much shorter than planned reaches EX.EXADJ and the ODM dosing session.</summary>
public sealed class ShortInfusionExportTests(ExportTrialFixture fixture) : IClassFixture<ExportTrialFixture>
{
    private static readonly Actor Coordinator = new("coord.sid", Roles.Coordinator);
    private static readonly Actor Investigator = new("inv.ivo", Roles.Investigator);
    private static readonly Actor Nurse = new("nurse.nell", Roles.DataEntry);
    private static readonly Actor Pharmacist = new("pharm.pia", Roles.Pharmacist);

    [Fact]
    public async Task the_short_infusion_reason_is_exported_in_ex_and_odm()
    {
        const string reason = "Pump programmed at double rate; whole volume given";
        var protocol = fixture.Protocol;
        var subject = SubjectNumber.Parse("S01-901");
        await fixture.EnrolAsync(subject, consentDaysAgo: 3);
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        await Must(new RecordSessionWeight(protocol.Code, subject, 1, start.AddMinutes(-40), 70m), Nurse);
        var state = ParticipantState.From((await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol.Code, subject))).Select(e => e.Data));
        await Must(new RecordDosePreparation(protocol.Code, subject, 1, state.Kits[1], start.AddMinutes(-30), await SecondPharmacist.EnsureAsync(fixture.Runtime), SecondPharmacist.Password), Pharmacist);
        await Must(new StartDosing(protocol.Code, subject, 1, start), Nurse);
        var stopped = await fixture.Runtime.SendAsync(CommandContext.New(Nurse), new StopDosing(protocol.Code, subject, 1, start.AddMinutes(18), true, null, true, reason));
        Assert.True(stopped.Accepted, stopped.Rejection?.Message);
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);

        var export = await fixture.ExportAsync("short-infusion", asOf: stopped.Positions.Last());

        var ex = ExportFiles.Table(export.Directory!, "EX").Single(r => r["USUBJID"] == $"{ExportTrialFixture.Trial}-{subject}");
        Assert.Equal($"Complete in less time than planned: {reason}", ex["EXADJ"]);
        var odm = XNamespace.Get(OdmWriter.Namespace);
        var item = XDocument.Load(Path.Combine(export.Directory!, "odm.xml")).Descendants(odm + "SubjectData").Single(s => (string)s.Attribute("SubjectKey")! == subject.ToString())
            .Descendants(odm + "ItemData").Single(i => ((string)i.Attribute("ItemOID")!).EndsWith(".SHORTRSN", StringComparison.Ordinal));
        Assert.Equal(reason, (string)item.Attribute("Value")!);
    }

    private async Task Must<T>(T command, Actor actor)
        where T : notnull
    {
        var result = await fixture.Runtime.SendAsync(CommandContext.New(actor), command);
        Assert.True(result.Accepted, $"{typeof(T).Name}: {result.Rejection?.Code} {result.Rejection?.Message}");
    }
}
