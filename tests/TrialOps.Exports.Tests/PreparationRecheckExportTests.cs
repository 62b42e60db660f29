using System.Globalization;
using System.Xml.Linq;
using TrialOps.Cdisc;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;

namespace TrialOps.Exports.Tests;

/// <summary>
/// ADR 0020: a dose prepared anew for a corrected weight is the dose EX reports, a dose confirmed for
/// a corrected weight stays the one prepared, and ODM carries both re-checks with their signatures.
/// </summary>
public sealed class PreparationRecheckExportTests(ExportTrialFixture fixture) : IClassFixture<ExportTrialFixture>
{
    private static readonly Actor Nurse = new("nurse.nell", Roles.DataEntry);
    private static readonly Actor Pharmacist = new("pharm.pia", Roles.Pharmacist);

    [Fact]
    public async Task ex_follows_the_preparation_in_force_and_odm_keeps_the_first_one_in_its_audit_trail()
    {
        var protocol = fixture.Protocol;
        var checker = await SecondPharmacist.EnsureAsync(fixture.Runtime);
        var replaced = SubjectNumber.Parse("S01-931");
        var confirmed = SubjectNumber.Parse("S01-932");
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        CommandResult last = default!;
        foreach (var (subject, corrected) in new[] { (replaced, 60m), (confirmed, 80.2m) })
        {
            await fixture.EnrolAsync(subject, consentDaysAgo: 3);
            await Must(new RecordSessionWeight(protocol.Code, subject, 1, start.AddMinutes(-50), 80m), Nurse);
            var kit = ParticipantState.From((await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(protocol.Code, subject))).Select(e => e.Data)).Kits[1];
            await Must(new RecordDosePreparation(protocol.Code, subject, 1, kit, start.AddMinutes(-40), checker, SecondPharmacist.Password), Pharmacist);
            await Must(new CorrectSessionWeight(protocol.Code, subject, 1, corrected, start.AddMinutes(-50), "Scale was not zeroed"), Nurse);
            var held = await fixture.Runtime.SendAsync(CommandContext.New(Nurse), new StartDosing(protocol.Code, subject, 1, start));
            Assert.Equal(DosingRules.WeightChangedSincePreparation, held.Rejection?.Code);
            if (subject == replaced)
            {
                await Must(new ReplaceDosePreparation(protocol.Code, subject, 1, kit, start.AddMinutes(-20), "First syringe discarded", checker, SecondPharmacist.Password), Pharmacist);
            }
            else
            {
                await Must(new ConfirmDosePreparation(protocol.Code, subject, 1, "Within the protocol's rounding", checker, SecondPharmacist.Password), Pharmacist);
            }

            await Must(new StartDosing(protocol.Code, subject, 1, start), Nurse);
            last = await fixture.Runtime.SendAsync(CommandContext.New(Nurse), new StopDosing(protocol.Code, subject, 1, start.AddMinutes(40), true, null));
            Assert.True(last.Accepted, last.Rejection?.Message);
        }

        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);
        var export = await fixture.ExportAsync("preparation-recheck", asOf: last.Positions.Last());

        // KET-NP-01 is 0.5 mL/kg in every arm at the bedside: 30 mL for 60 kg, 40 mL as prepared for 80 kg.
        decimal Dose(SubjectNumber subject) => ExportFiles.Table(export.Directory!, "EX")
            .Where(r => r["USUBJID"] == $"{ExportTrialFixture.Trial}-{subject}")
            .Sum(r => decimal.Parse(r["EXDOSE"], CultureInfo.InvariantCulture));
        Assert.Equal((30m, 40m), (Dose(replaced), Dose(confirmed)));

        Assert.Empty(OdmSchemas.CreateValidator().Validate(Path.Combine(export.Directory!, "odm.xml")));
        var odm = XNamespace.Get(OdmWriter.Namespace);
        var document = XDocument.Load(Path.Combine(export.Directory!, "odm.xml"));
        string[] Values(SubjectNumber subject, string item) => document.Descendants(odm + "SubjectData").Single(s => (string)s.Attribute("SubjectKey")! == subject.ToString())
            .Descendants(odm + "ItemData").Where(i => ((string)i.Attribute("ItemOID")!).EndsWith("." + item, StringComparison.Ordinal)).Select(i => (string)i.Attribute("Value")!).ToArray();
        Assert.Equal(["80", "60"], Values(replaced, "PREPWT"));
        Assert.Equal(["80"], Values(confirmed, "PREPWT"));
        Assert.Equal(["80.2"], Values(confirmed, "PREPCONFWT"));
    }

    private async Task Must<T>(T command, Actor actor)
        where T : notnull
    {
        var result = await fixture.Runtime.SendAsync(CommandContext.New(actor), command);
        Assert.True(result.Accepted, $"{typeof(T).Name}: {result.Rejection?.Code} {result.Rejection?.Message}");
    }
}
