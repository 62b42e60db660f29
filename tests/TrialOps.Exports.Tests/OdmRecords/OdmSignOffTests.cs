using System.Xml.Linq;
using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Common;
using TrialOps.EventStore;
using TrialOps.Exports.Odm;
using TrialOps.Exports.Tests.Monitoring;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.SignOff;
using TrialOps.Signatures;
using static TrialOps.Exports.Tests.OdmRecords.OdmExportSupport;

namespace TrialOps.Exports.Tests.OdmRecords;

/// <summary>
/// Issue 13 / ADR 0025: the Investigator's sign-offs (eligibility, the causality of an adverse
/// event, the complete casebook; meaning "approved") are ODM Signatures inside the element each
/// signs, defined in AdminData, and stay in the file after the signed record changes (ODM is the
/// history). The second pharmacist's signed check of a preparation is a Signature too.
/// </summary>
public sealed class OdmSignOffTests(SmallExportTrialFixture fixture) : IClassFixture<SmallExportTrialFixture>
{
    private static SignatureRequest Signed => new(ExportTrialFixture.Investigator.UserId, ExportTrialFixture.Password);

    [Fact]
    public async Task eligibility_causality_and_casebook_sign_offs_are_signatures_on_what_they_sign_and_stay_after_a_change()
    {
        var code = fixture.Protocol.Code;
        var susar = await DemoSusarAsync(fixture);
        var subject = SubjectNumber.Parse(susar.Subject);
        var stream = ParticipantStreams.For(code, subject);

        // The file before any sign-off uses no sign-off kind.
        var before = OdmChecks.Load((await fixture.ExportAsync("before-sign-off")).Directory!);
        Assert.DoesNotContain(before.Descendants(OdmNs + "SignatureDef"), d => ((string)d.Attribute("OID")!) is OdmSignatures.Eligibility or OdmSignatures.Causality or OdmSignatures.Casebook);

        CommandContext Investigator() => CommandContext.New(ExportTrialFixture.Investigator);
        var eligibility = await fixture.Runtime.SendAsync(Investigator(), new SignEligibility(code, subject, Signed));
        var causality = await fixture.Runtime.SendAsync(Investigator(), new SignAdverseEventCausality(susar.AdverseEventId, Signed));
        var casebook = await fixture.Runtime.SendAsync(Investigator(), new SignCasebook(code, subject, Signed));
        Assert.All(new[] { eligibility, causality, casebook }, r => Assert.True(r.Accepted, r.Rejection?.Message));

        // Later changes: a corrected causality and a corrected scale value (the signatures are no longer current).
        var details = AdverseEventState.From((await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(susar.AdverseEventId))).Select(e => e.Data)).Details!;
        var rejudged = await fixture.Runtime.SendAsync(Investigator(), new CorrectAdverseEvent(
            susar.AdverseEventId,
            new AdverseEventInput(details.MeddraCode, details.Onset, details.End, details.Grade, details.Seriousness, Causality.Probable, details.ActionTaken, details.Outcome),
            "Causality re-judged after the discharge letter"));
        Assert.True(rejudged.Accepted, rejudged.Rejection?.Message);
        var pain = (await fixture.Runtime.Store.ReadStreamAsync(stream)).Select(e => e.Data).OfType<ScaleAssessmentRecorded>().First(e => e.Period == 1);
        var corrected = await fixture.Runtime.SendAsync(
            CommandContext.New(new Actor("nurse.nia", Roles.DataEntry)),
            new CorrectScaleAssessment(code, subject, 1, pain.AssessmentCode, pain.Timepoint, pain.Value == 50m ? 51m : 50m, pain.AssessedAt, "Transcription error"));
        Assert.True(corrected.Accepted, corrected.Rejection?.Message);
        await fixture.Runtime.Projections.CatchUpAsync(LedgerProjection.ProjectionName);

        var export = await fixture.ExportAsync("sign-offs", asOf: corrected.Positions.Last());
        Assert.Equal(await TrialEventsUpToAsync(export.Manifest!.AsOfPosition), export.Manifest.EventCount);
        var path = Path.Combine(export.Directory!, TrialExporter.OdmFileName);
        Assert.Empty(OdmSchemas.CreateValidator().Validate(path));
        var document = XDocument.Load(path);
        Assert.Empty(OdmChecks.OutOfOrder(document));

        // AdminData defines the kinds the file uses, each once, and exactly those.
        var definitions = document.Descendants(OdmNs + "SignatureDef").ToDictionary(d => (string)d.Attribute("OID")!);
        var used = document.Descendants(OdmNs + "Signature").Select(s => (string)s.Element(OdmNs + "SignatureRef")!.Attribute("SignatureOID")!).ToHashSet();
        Assert.Equal(used.Order(StringComparer.Ordinal), definitions.Keys.Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string> { OdmSignatures.Eligibility, OdmSignatures.Causality, OdmSignatures.Casebook, OdmSignatures.DoseCheck }, used);

        var signings = (await fixture.Runtime.Store.ReadStreamAsync(stream)).Concat(await fixture.Runtime.Store.ReadStreamAsync(AdverseEventStreams.For(susar.AdverseEventId)))
            .Where(e => e.Data is RecordSigned).ToDictionary(e => ((RecordSigned)e.Data).Record!);
        var users = document.Descendants(OdmNs + "User").ToDictionary(u => (string)u.Attribute("OID")!);
        void AssertSignedBy(XElement signedElement, string kind, StoredEvent signing)
        {
            var signature = signedElement.Element(OdmNs + "Signature");
            Assert.NotNull(signature);
            Assert.Equal(OdmNs + "AuditRecord", ((XElement)signature.PreviousNode!).Name);
            Assert.Equal(kind, (string)signature.Element(OdmNs + "SignatureRef")!.Attribute("SignatureOID")!);
            Assert.Equal($"U.{ExportTrialFixture.Investigator.UserId}", (string)signature.Element(OdmNs + "UserRef")!.Attribute("UserOID")!);
            Assert.Equal($"{ExportTrialFixture.Investigator.Role} {ExportTrialFixture.Investigator.UserId}", users[$"U.{ExportTrialFixture.Investigator.UserId}"].Element(OdmNs + "DisplayName")!.Value);
            Assert.Equal(signing.RecordedAt, DateTimeOffset.Parse(signature.Element(OdmNs + "DateTimeStamp")!.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Position(signing.Position), SourceId(signedElement));
            Assert.StartsWith("Approved", definitions[kind].Element(OdmNs + "Meaning")!.Value, StringComparison.Ordinal);
            Assert.Equal("Electronic", (string?)definitions[kind].Attribute("Methodology"));
            Assert.NotEmpty(definitions[kind].Element(OdmNs + "LegalReason")!.Value);
        }

        // Eligibility: the eligibility item group, an Update that changes no value.
        var eligibilitySigned = Assert.Single(GroupsOf(document, subject.ToString(), OdmModel.Eligibility), g => g.Element(OdmNs + "Signature") is not null);
        Assert.Equal("Update", (string?)eligibilitySigned.Attribute("TransactionType"));
        Assert.Empty(eligibilitySigned.Elements(OdmNs + "ItemData"));
        AssertSignedBy(eligibilitySigned, OdmSignatures.Eligibility, signings[SignedRecords.Eligibility]);

        // Causality: the case's item group; the later judgement follows it as an Update of AEREL.
        var caseGroups = GroupsOf(document, subject.ToString(), OdmModel.AdverseEvent, susar.AdverseEventId);
        var causalitySigned = Assert.Single(caseGroups, g => g.Element(OdmNs + "Signature") is not null);
        AssertSignedBy(causalitySigned, OdmSignatures.Causality, signings[SignedRecords.Causality]);
        var later = caseGroups.Single(g => SourceId(g) == Position(rejudged.Positions.Single()));
        Assert.Equal("PROBABLE", Value(later, "IT.AE.AEREL"));
        Assert.Equal("Causality re-judged after the discharge letter", (string?)later.Element(OdmNs + "AuditRecord")!.Element(OdmNs + "ReasonForChange"));
        Assert.True(Array.IndexOf(caseGroups.ToArray(), causalitySigned) < Array.IndexOf(caseGroups.ToArray(), later));

        // Casebook: the whole record (SubjectData), before the correction that followed it.
        var subjectRecords = SubjectDataOf(document, subject.ToString()).ToArray();
        var casebookSigned = Assert.Single(subjectRecords, s => s.Element(OdmNs + "Signature") is not null);
        Assert.Equal("Update", (string?)casebookSigned.Attribute("TransactionType"));
        Assert.Empty(casebookSigned.Elements(OdmNs + "StudyEventData"));
        AssertSignedBy(casebookSigned, OdmSignatures.Casebook, signings[SignedRecords.Casebook]);
        var correction = subjectRecords.Single(s => s.Descendants(OdmNs + "ItemGroupData").Any(g => SourceId(g) == Position(corrected.Positions.Single())));
        Assert.True(Array.IndexOf(subjectRecords, casebookSigned) < Array.IndexOf(subjectRecords, correction));
    }

    /// <summary>
    /// The events of the trial a blinded export reads, counted in SQL: the protocol stream, the
    /// participants' and the cases' streams (each named by its first event), and the code breaks on
    /// the randomization lists, up to the position in the ledger's order.
    /// </summary>
    private async Task<long> TrialEventsUpToAsync(long position)
    {
        await using var command = fixture.Runtime.DataSource.CreateCommand(
            """
            SELECT count(*) FROM mt_events e JOIN ledger l ON l.position = e.seq_id
            WHERE l.sequence <= (SELECT sequence FROM ledger WHERE position = $1)
              AND (e.stream_id = 'protocol-' || $2
                   OR ((e.stream_id LIKE 'participant-%' OR e.stream_id LIKE 'adverse-event-%')
                       AND EXISTS (SELECT 1 FROM mt_events f WHERE f.stream_id = e.stream_id AND f.version = 1 AND f.data->>'protocol' = $2))
                   OR (e.stream_id LIKE 'randomization-' || $2 || '-%' AND e.type = 'blinding.emergency-unblinding-performed.v1'))
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = position });
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = fixture.TrialCode });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task the_second_pharmacists_signed_check_is_a_signature_meaning_verified_on_the_preparation()
    {
        var export = await fixture.ExportAsync("dose-checks");
        var document = OdmChecks.Load(export.Directory!);
        var definition = document.Descendants(OdmNs + "SignatureDef").Single(d => (string)d.Attribute("OID")! == OdmSignatures.DoseCheck);
        Assert.StartsWith("Verified", definition.Element(OdmNs + "Meaning")!.Value, StringComparison.Ordinal);

        var prepared = document.Descendants(OdmNs + "ItemGroupData")
            .Where(g => (string)g.Attribute("ItemGroupOID")! == OdmModel.Dosing && g.Elements(OdmNs + "ItemData").Any(i => (string)i.Attribute("ItemOID")! == "IT.DOSING.CHECKEDBY"))
            .ToArray();
        Assert.NotEmpty(prepared);
        var users = document.Descendants(OdmNs + "User").Select(u => (string)u.Attribute("OID")!).ToHashSet();
        Assert.All(prepared, group =>
        {
            var signature = group.Element(OdmNs + "Signature");
            Assert.NotNull(signature);
            Assert.Equal(OdmSignatures.DoseCheck, (string)signature.Element(OdmNs + "SignatureRef")!.Attribute("SignatureOID")!);
            var checker = (string)signature.Element(OdmNs + "UserRef")!.Attribute("UserOID")!;
            Assert.Equal($"U.{Value(group, "IT.DOSING.CHECKEDBY")}", checker);
            Assert.NotEqual(AuditUser(group), checker);
            Assert.Contains(checker, users);
        });
        Assert.Empty(OdmChecks.TreatmentSecretsIn(export.Directory!, fixture.Protocol));
    }
}
