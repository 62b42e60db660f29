using System.Globalization;
using System.Xml.Linq;
using TrialOps.AdverseEvents;
using TrialOps.Cdisc;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Exports.Odm;
using TrialOps.Exports.Tests.Monitoring;
using TrialOps.Messaging;
using TrialOps.Participants;
using static TrialOps.Exports.Tests.OdmRecords.OdmExportSupport;

namespace TrialOps.Exports.Tests.OdmRecords;

/// <summary>
/// Issue 13 / ADR 0026 in the ODM file: the medical monitor's expectedness assessment (who, when,
/// why), the SUSAR clock (day 0, due days) and the expedited reports with who recorded them. The
/// safety officer's look at the treatment at onset is in unblinded files only: a blinded file
/// carries nothing of it, not even the officer's name.
/// </summary>
public sealed class OdmExpeditedReportingTests(SmallExportTrialFixture fixture) : IClassFixture<SmallExportTrialFixture>
{
    private const string RevealReason = "Needed for the CIOMS I report: was the participant on active treatment (ODM-REVEAL-MARKER)";
    private static readonly Actor SafetyOfficer = new("safety.sol", Roles.SafetyOfficer);

    [Fact]
    public async Task expectedness_the_susar_clock_and_the_submission_are_in_the_odm_and_the_treatment_reveal_only_once_unblinded()
    {
        var susar = await DemoSusarAsync(fixture);
        var reveal = await fixture.Runtime.SendAsync(CommandContext.New(SafetyOfficer), new RevealSusarTreatment(susar.AdverseEventId, RevealReason));
        Assert.True(reveal.Accepted, reveal.Rejection?.Message);
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);
        var caseEvents = await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(susar.AdverseEventId));
        var revealed = caseEvents.Single(e => e.Data is SusarTreatmentRevealed);

        var blinded = await fixture.ExportAsync("susar-blinded", asOf: reveal.Positions.Last());
        var path = Path.Combine(blinded.Directory!, TrialExporter.OdmFileName);
        Assert.Empty(OdmSchemas.CreateValidator().Validate(path));
        var document = XDocument.Load(path);
        Assert.Empty(OdmChecks.OutOfOrder(document));
        AssertExpeditedRecord(document, susar, caseEvents, blindedFile: true);
        AssertNothingOfTheReveal(path, revealed);
        Assert.Empty(OdmChecks.TreatmentSecretsIn(blinded.Directory!, fixture.Protocol));

        // Unblinded (after lock and unblinding): the reveal is there, with who, when and why.
        Assert.True((await Cli("lock", ExportTrialFixture.Coordinator.UserId)).ExitCode == 0);
        Assert.True((await Cli("unblind", ExportTrialFixture.Statistician.UserId)).ExitCode == 0);
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);
        var unblindedExport = await fixture.Exporter.ExportAsync(fixture.TrialCode, fixture.NewFolder("susar-unblinded"), false, null, ExportTrialFixture.Statistician);
        Assert.True(unblindedExport.Succeeded, unblindedExport.Rejection?.Message);
        var unblindedPath = Path.Combine(unblindedExport.Directory!, TrialExporter.OdmFileName);
        Assert.Empty(OdmSchemas.CreateValidator().Validate(unblindedPath));
        var unblinded = XDocument.Load(unblindedPath);
        Assert.Empty(OdmChecks.OutOfOrder(unblinded));
        AssertExpeditedRecord(unblinded, susar, caseEvents, blindedFile: false);
        var revealGroup = Assert.Single(GroupsOf(unblinded, susar.Subject, OdmModel.AdverseEvent, susar.AdverseEventId), g => SourceId(g) == Position(revealed.Position));
        Assert.Equal($"U.{SafetyOfficer.UserId}", AuditUser(revealGroup));
        Assert.Equal(RevealReason, Value(revealGroup, "IT.AE.SUSREVRSN"));
        Assert.Equal(revealed.RecordedAt, DateTimeOffset.Parse(revealGroup.Element(OdmNs + "AuditRecord")!.Element(OdmNs + "DateTimeStamp")!.Value, CultureInfo.InvariantCulture));

        // A blinded file made after the unblinding still carries nothing of it.
        var blindedAfter = await fixture.Exporter.ExportAsync(fixture.TrialCode, fixture.NewFolder("susar-blinded-after"), true, null, ExportTrialFixture.Statistician);
        Assert.True(blindedAfter.Succeeded, blindedAfter.Rejection?.Message);
        AssertNothingOfTheReveal(Path.Combine(blindedAfter.Directory!, TrialExporter.OdmFileName), revealed);
    }

    /// <summary>The XML text, not just the parsed elements: no reason, no officer, no item, no time, no event position of the reveal.</summary>
    private static void AssertNothingOfTheReveal(string path, StoredEvent revealed)
    {
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("ODM-REVEAL-MARKER", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SafetyOfficer.UserId, text, StringComparison.Ordinal);
        Assert.DoesNotContain("SUSREV", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"<SourceID>{Position(revealed.Position)}</SourceID>", text, StringComparison.Ordinal);
        // (The file's AsOfDateTime may be that instant when the reveal is the last event of the ledger point: it names the point, not the event.)
        Assert.DoesNotContain($"<DateTimeStamp>{revealed.RecordedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)}</DateTimeStamp>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("treatment at onset", text, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertExpeditedRecord(XDocument document, DemoSusar susar, IReadOnlyList<StoredEvent> caseEvents, bool blindedFile)
    {
        var groups = GroupsOf(document, susar.Subject, OdmModel.AdverseEvent, susar.AdverseEventId);

        // Expectedness: who (the blinded medical monitor), when, what, and what was suggested.
        var assessed = caseEvents.Single(e => e.Data is AdverseEventExpectednessAssessed);
        var assessment = (AdverseEventExpectednessAssessed)assessed.Data;
        var expectedness = Assert.Single(groups, g => SourceId(g) == Position(assessed.Position));
        Assert.Equal($"U.{assessment.AssessedBy}", AuditUser(expectedness));
        Assert.Equal(assessed.RecordedAt, DateTimeOffset.Parse(expectedness.Element(OdmNs + "AuditRecord")!.Element(OdmNs + "DateTimeStamp")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal("UNEXPECTED", Value(expectedness, "IT.AE.AEEXPECT"));
        Assert.Equal(assessment.Suggested == Expectedness.Expected ? "EXPECTED" : "UNEXPECTED", Value(expectedness, "IT.AE.AEEXPSUG"));

        // The clock, as the case's data give it: it started with that assessment.
        var clock = ExpeditedReporting.ClockOf(AdverseEventState.From(caseEvents.Where(e => e.Position <= assessed.Position).Select(e => e.Data)))!;
        Assert.NotNull(clock);
        Assert.Equal("Y", Value(expectedness, "IT.AE.SUSAR"));
        Assert.Equal(clock.AwareOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Value(expectedness, "IT.AE.SUSDAY0"));
        Assert.Equal(clock.InitialDueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Value(expectedness, "IT.AE.SUSIDUE"));
        Assert.Equal(clock.FatalOrLifeThreatening ? "Y" : "N", Value(expectedness, "IT.AE.SUSFATAL"));

        // The initial report: who recorded it, when, to whom, due and on time.
        var submittedEvent = caseEvents.Single(e => e.Data is SusarReportSubmitted);
        var submitted = (SusarReportSubmitted)submittedEvent.Data;
        var report = Assert.Single(GroupsOf(document, susar.Subject, OdmModel.SusarReport, susar.AdverseEventId));
        Assert.Equal("INITIAL", (string?)report.Attribute("ItemGroupRepeatKey"));
        Assert.Equal("Insert", (string?)report.Attribute("TransactionType"));
        Assert.Equal(Position(submittedEvent.Position), SourceId(report));
        Assert.Equal($"U.{submitted.SubmittedBy}", AuditUser(report));
        Assert.Equal(submitted.SubmittedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Value(report, "IT.SUSAR.SUSDTC"));
        Assert.Equal(submitted.Authority, Value(report, "IT.SUSAR.SUSAUTH"));
        Assert.Equal(submitted.Reference, Value(report, "IT.SUSAR.SUSREF"));
        Assert.Equal(clock.InitialDueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Value(report, "IT.SUSAR.SUSDUE"));
        Assert.Equal(submitted.Late ? "Y" : "N", Value(report, "IT.SUSAR.SUSLATE"));

        // What was submitted may have been written knowing the treatment: unblinded files only.
        Assert.Equal(blindedFile ? null : submitted.Text, Value(report, "IT.SUSAR.SUSTEXT"));
        var declared = document.Descendants(OdmNs + "ItemDef").Select(d => (string)d.Attribute("OID")!).ToHashSet();
        Assert.Equal(!blindedFile, declared.Contains("IT.SUSAR.SUSTEXT"));
        Assert.Equal(!blindedFile, declared.Contains("IT.AE.SUSREVRSN"));
        Assert.Contains("IT.AE.AEEXPECT", declared);
    }

    private Task<CliRun> Cli(string command, string user) =>
        CliRunner.RunAsync(fixture.Database.ConnectionString, ExportTrialFixture.Password + "\n", [command, "--trial", fixture.TrialCode, "--user", user, "--password-stdin", .. CliRunner.ConfirmationsFor(command)]);
}

/// <summary>ADR 0026: a SUSAR report the scheduler marked overdue is in the ODM with who marked it (system), when, and the due day.</summary>
public sealed class OdmSusarOverdueTests(SmallExportTrialFixture fixture) : IClassFixture<SmallExportTrialFixture>
{
    [Fact]
    public async Task an_overdue_initial_report_of_a_fatal_or_life_threatening_susar_is_in_the_case_form()
    {
        var code = fixture.Protocol.Code;
        var subject = SubjectNumber.Parse((await DemoSusarAsync(fixture)).Subject);
        var screened = (await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, subject))).Select(e => e.Data).OfType<ParticipantScreened>().Single();
        var onset = new DateTimeOffset(screened.ConsentDate.AddDays(1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var id = AdverseEventStreams.NewId();
        var lifeThreatening = new AdverseEventInput(10020772, PartialDate.FromInstant(onset), null, 4, [SeriousnessCriterion.LifeThreatening], Causality.Probable, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        var investigator = ExportTrialFixture.Investigator;
        await fixture.MustAsync(new ReportAdverseEvent(id, code, subject, onset.AddMinutes(30), lifeThreatening), investigator);
        await fixture.MustAsync(new ReportSaeToSponsor(id, onset.AddHours(2), "SAE-ODM-1"), investigator);
        await fixture.MustAsync(new AssessExpectedness(id, Expectedness.Unexpected, null), new Actor("medmon.mia", Roles.MedicalMonitor));
        var dueOn = ExpeditedReporting.Day(onset.AddHours(2)).AddDays(ExpeditedReporting.FatalOrLifeThreateningDays);
        Assert.True(ExpeditedReporting.EndOf(dueOn) <= fixture.Runtime.Clock.GetUtcNow(), $"the demo's consent ({screened.ConsentDate}) is too recent for a past due day");
        var marked = await fixture.Runtime.SendAsync(CommandContext.New(Actor.System), new MarkSusarReportOverdue(id, SusarReportKind.Initial));
        Assert.True(marked.Accepted, marked.Rejection?.Message);
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);
        var overdue = (await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(id))).Single(e => e.Data is SusarReportOverdue);

        var export = await fixture.ExportAsync("susar-overdue", asOf: marked.Positions.Max());
        var path = Path.Combine(export.Directory!, TrialExporter.OdmFileName);
        Assert.Empty(OdmSchemas.CreateValidator().Validate(path));
        var document = XDocument.Load(path);
        Assert.Empty(OdmChecks.OutOfOrder(document));

        var report = Assert.Single(GroupsOf(document, subject.ToString(), OdmModel.SusarReport, id));
        Assert.Equal(("INITIAL", "Insert"), ((string?)report.Attribute("ItemGroupRepeatKey"), (string?)report.Attribute("TransactionType")));
        Assert.Equal(Position(overdue.Position), SourceId(report));
        Assert.Equal($"U.{Actor.System.UserId}", AuditUser(report));
        Assert.Equal("Y", Value(report, "IT.SUSAR.SUSOVER"));
        Assert.Equal(dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Value(report, "IT.SUSAR.SUSDUE"));

        var caseGroups = GroupsOf(document, subject.ToString(), OdmModel.AdverseEvent, id);
        Assert.Equal("Y", caseGroups.Select(g => Value(g, "IT.AE.SUSFATAL")).Single(v => v is not null));
        Assert.Equal(dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), caseGroups.Select(g => Value(g, "IT.AE.SUSIDUE")).Single(v => v is not null));
    }

    [Fact]
    public async Task an_expectedness_against_the_suggestion_carries_its_reason_and_starts_no_clock()
    {
        var code = fixture.Protocol.Code;
        var subject = SubjectNumber.Parse((await DemoSusarAsync(fixture)).Subject);
        var screened = (await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, subject))).Select(e => e.Data).OfType<ParticipantScreened>().Single();
        var onset = new DateTimeOffset(screened.ConsentDate.AddDays(2).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var id = AdverseEventStreams.NewId();
        var serious = new AdverseEventInput(10020772, PartialDate.FromInstant(onset), null, 3, [SeriousnessCriterion.Hospitalization], Causality.Possible, ActionTaken.NotApplicable, AdverseEventOutcome.RecoveringResolving);
        await fixture.MustAsync(new ReportAdverseEvent(id, code, subject, onset.AddMinutes(30), serious), ExportTrialFixture.Investigator);
        await fixture.MustAsync(new ReportSaeToSponsor(id, onset.AddHours(2), "SAE-ODM-2"), ExportTrialFixture.Investigator);
        const string reason = "Listed in the investigator's brochure section 5.4 although not in the protocol's terms";
        var assessed = await fixture.Runtime.SendAsync(CommandContext.New(new Actor("medmon.mia", Roles.MedicalMonitor)), new AssessExpectedness(id, Expectedness.Expected, reason));
        Assert.True(assessed.Accepted, assessed.Rejection?.Message);
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);

        var export = await fixture.ExportAsync("expected-with-reason", asOf: assessed.Positions.Max());
        var document = OdmChecks.Load(export.Directory!);
        var group = Assert.Single(GroupsOf(document, subject.ToString(), OdmModel.AdverseEvent, id), g => SourceId(g) == Position(assessed.Positions.Single()));
        Assert.Equal("Update", (string?)group.Attribute("TransactionType"));
        Assert.Equal("U.medmon.mia", AuditUser(group));
        Assert.Equal(reason, (string?)group.Element(OdmNs + "AuditRecord")!.Element(OdmNs + "ReasonForChange"));
        Assert.Equal(("EXPECTED", "UNEXPECTED", reason), (Value(group, "IT.AE.AEEXPECT"), Value(group, "IT.AE.AEEXPSUG"), Value(group, "IT.AE.AEEXPRSN")));
        Assert.DoesNotContain(GroupsOf(document, subject.ToString(), OdmModel.AdverseEvent, id).SelectMany(g => g.Elements(OdmNs + "ItemData")), i => ((string)i.Attribute("ItemOID")!).StartsWith("IT.AE.SUS", StringComparison.Ordinal));
        Assert.Empty(GroupsOf(document, subject.ToString(), OdmModel.SusarReport, id));

        // Re-assessed as unexpected: the change, its reason and the clock it starts are in the file; the first value stays in the history.
        const string why = "The brochure's listing covers grade 2 only";
        var reassessed = await fixture.Runtime.SendAsync(CommandContext.New(new Actor("medmon.mia", Roles.MedicalMonitor)), new ReassessExpectedness(id, Expectedness.Unexpected, why));
        Assert.True(reassessed.Accepted, reassessed.Rejection?.Message);
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);
        var later = OdmChecks.Load((await fixture.ExportAsync("reassessed", asOf: reassessed.Positions.Max())).Directory!);
        var groups = GroupsOf(later, subject.ToString(), OdmModel.AdverseEvent, id).ToArray();
        var change = Assert.Single(groups, g => SourceId(g) == Position(reassessed.Positions.Single()));
        Assert.Equal("U.medmon.mia", AuditUser(change));
        Assert.Equal(why, (string?)change.Element(OdmNs + "AuditRecord")!.Element(OdmNs + "ReasonForChange"));
        Assert.Equal(("UNEXPECTED", why, "Y"), (Value(change, "IT.AE.AEEXPECT"), Value(change, "IT.AE.AEEXPRSN"), Value(change, "IT.AE.SUSAR")));
        Assert.Equal("EXPECTED", Value(Assert.Single(groups, g => SourceId(g) == Position(assessed.Positions.Single())), "IT.AE.AEEXPECT"));
    }
}
