using System.Globalization;
using System.Xml.Linq;
using TrialOps.Assessments;
using TrialOps.Cdisc;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Queries;
using TrialOps.SourceVerification;

namespace TrialOps.Exports.Tests.Monitoring;

/// <summary>A small demo trial: the ODM tests of queries need a few participants, not the full demo.</summary>
public sealed class SmallExportTrialFixture : ExportTrialFixture
{
    public override int Participants => 4;
}

/// <summary>
/// ADR 0018: each query step and each source data verification is in the ODM file as a SubjectData
/// of its own with the event's AuditRecord and an Annotation, in time order, and the file still
/// validates against the ODM 1.3.2 schema.
/// </summary>
public sealed class OdmQueryAnnotationTests(SmallExportTrialFixture fixture) : IClassFixture<SmallExportTrialFixture>
{
    private static readonly XNamespace Odm = OdmWriter.Namespace;

    [Fact]
    public async Task a_query_its_correction_answer_and_closing_and_a_verification_are_annotations_with_their_audit_records()
    {
        var subject = SubjectNumber.Parse(fixture.Demo.Participants.First(p => p.Status == ParticipantStatus.Completed).Subject);
        var code = fixture.Protocol.Code;
        var original = (await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, subject))).Select(e => e.Data).OfType<ScaleAssessmentRecorded>()
            .First(e => e.Period == 1 && e.Timepoint == "PT20M");
        // A new command id for every command: the same id again would be the same command.
        CommandContext Monitor() => CommandContext.New(ExportTrialFixture.Monitor);
        CommandContext Nurse() => CommandContext.New(new Actor("nurse.nia", Roles.DataEntry));
        var target = new DataItem(DataItemKind.Assessment, 1, "PAIN", "PT20M");
        var steps = new List<CommandResult>
        {
            await fixture.Runtime.SendAsync(Monitor(), new RaiseQuery(code, subject, target, "The source says 9 mm")),
            await fixture.Runtime.SendAsync(Nurse(), new CorrectScaleAssessment(code, subject, 1, "PAIN", "PT20M", 9m, original.AssessedAt, "Transcription error")),
            await fixture.Runtime.SendAsync(Nurse(), new AnswerQuery(code, subject, 1, "Corrected to 9 mm")),
            await fixture.Runtime.SendAsync(Monitor(), new CloseQuery(code, subject, 1)),
            await fixture.Runtime.SendAsync(Monitor(), new VerifySourceData(code, subject, [target])),
        };
        Assert.All(steps, s => Assert.True(s.Accepted, s.Rejection?.Message));
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);

        var export = await fixture.ExportAsync("queries", asOf: steps[^1].Positions.Last());
        var path = Path.Combine(export.Directory!, TrialExporter.OdmFileName);
        Assert.Empty(OdmSchemas.CreateValidator().Validate(path));
        var document = XDocument.Load(path);
        Assert.Empty(OdmChecks.OutOfOrder(document));

        var annotated = document.Descendants(Odm + "SubjectData")
            .Where(s => (string)s.Attribute("SubjectKey")! == subject.ToString() && s.Element(Odm + "Annotation") is not null)
            .ToArray();
        var monitoringSteps = steps.Where((_, i) => i != 1).ToArray();
        Assert.Equal(monitoringSteps.Select(s => s.Positions.Single().ToString(CultureInfo.InvariantCulture)), annotated.Select(s => (string?)s.Element(Odm + "AuditRecord")!.Element(Odm + "SourceID")));
        Assert.All(annotated, s => Assert.Equal("Update", (string?)s.Attribute("TransactionType")));
        Assert.All(annotated, s => Assert.Empty(s.Elements(Odm + "StudyEventData")));

        var comments = annotated.Select(s => s.Element(Odm + "Annotation")!.Element(Odm + "Comment")!).ToArray();
        Assert.Equal("Query 1 raised on P1 PAIN PT20M: The source says 9 mm", comments[0].Value);
        Assert.Equal(["Sponsor", "Site", "Sponsor", "Sponsor"], comments.Select(c => (string?)c.Attribute("SponsorOrSite")));
        Assert.Matches(@"^Query 1 answered with the correction recorded as version \d+: Corrected to 9 mm$", comments[1].Value);
        Assert.Equal("Query 1 closed", comments[2].Value);
        Assert.Matches(@"^Source data verified: P1 PAIN PT20M \(version \d+\)$", comments[3].Value);
        Assert.Equal("U.mon.mo", (string?)annotated[0].Element(Odm + "AuditRecord")!.Element(Odm + "UserRef")!.Attribute("UserOID"));
        Assert.Equal("U.nurse.nia", (string?)annotated[1].Element(Odm + "AuditRecord")!.Element(Odm + "UserRef")!.Attribute("UserOID"));

        // The correction the answer names is the Update of the value, with its own reason.
        var correctionVersion = (await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, subject))).Single(e => e.Position == steps[1].Positions.Single()).Version;
        Assert.Contains($"version {correctionVersion}:", comments[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_automatic_query_that_closed_itself_is_an_annotation_naming_the_correction_that_resolved_it()
    {
        var code = fixture.Protocol.Code;
        var elsewhere = fixture.Demo.Participants.First(p => p.Status == ParticipantStatus.Completed).Subject;
        SubjectNumber? subject = null;
        VitalSignsRecorded? original = null;
        foreach (var candidate in fixture.Demo.Participants.Where(p => p.Subject != elsewhere).Select(p => SubjectNumber.Parse(p.Subject)))
        {
            original = (await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, candidate))).Select(e => e.Data).OfType<VitalSignsRecorded>()
                .FirstOrDefault(e => e.Period == 1 && e.Timepoint == "PT20M");
            if (original is not null)
            {
                subject = candidate;
                break;
            }
        }

        Assert.True(subject is not null && original is not null, "No other participant of the small demo has vital signs at P1 PT20M.");
        CommandContext Nurse() => CommandContext.New(new Actor("nurse.nia", Roles.DataEntry));
        var target = new DataItem(DataItemKind.Assessment, 1, "VITALS", "PT20M");
        var beyond = new VitalSigns(195, 90, 80, 97);
        Assert.True((await fixture.Runtime.SendAsync(Nurse(), new CorrectVitalSigns(code, subject.Value, 1, "VITALS", "PT20M", beyond, original.MeasuredAt, "Typed in the wrong row"))).Accepted);

        // The safety alert raises the same query on its own; whichever comes first, the finding raises one.
        var (finding, text) = AutomaticQueries.ForVitalLimits(target, AssessmentRules.LimitFindings(fixture.Protocol, beyond));
        Assert.True((await fixture.Runtime.SendAsync(CommandContext.New(Actor.System), new RaiseAutomaticQuery(code, subject.Value, target, finding, text))).Accepted);
        var number = (await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, subject.Value))).Select(e => e.Data).OfType<QueryRaised>().Single(q => q.Finding == finding).Query;

        var corrected = await fixture.Runtime.SendAsync(Nurse(), new CorrectVitalSigns(code, subject.Value, 1, "VITALS", "PT20M", new VitalSigns(132, 80, 72, 97), original.MeasuredAt, "Checked against the monitor print-out"));
        Assert.True(corrected.Accepted, corrected.Rejection?.Message);
        var closing = (await fixture.Runtime.Store.ReadStreamAsync(ParticipantStreams.For(code, subject.Value))).Single(e => e.Data is QueryClosed closed && closed.Query == number);
        Assert.Contains(closing.Position, corrected.Positions);
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);

        var export = await fixture.ExportAsync("automatic-close", asOf: corrected.Positions.Last());
        var path = Path.Combine(export.Directory!, TrialExporter.OdmFileName);
        Assert.Empty(OdmSchemas.CreateValidator().Validate(path));
        var annotation = XDocument.Load(path).Descendants(Odm + "SubjectData")
            .Where(s => (string)s.Attribute("SubjectKey")! == subject.Value.ToString())
            .Single(s => (string?)s.Element(Odm + "AuditRecord")?.Element(Odm + "SourceID") == closing.Position.ToString(CultureInfo.InvariantCulture));
        var comment = annotation.Element(Odm + "Annotation")!.Element(Odm + "Comment")!;
        Assert.StartsWith($"Query {number} closed: Closed automatically: VITALS at PT20M of period 1 was corrected on ", comment.Value, StringComparison.Ordinal);
        Assert.EndsWith("by nurse.nia to BP 132/80 mmHg, HR 72/min, SpO2 97%, within the protocol's limits.", comment.Value, StringComparison.Ordinal);
        Assert.Equal("Sponsor", (string?)comment.Attribute("SponsorOrSite"));
    }
}
