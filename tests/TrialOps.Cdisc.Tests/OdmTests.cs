using System.Text;
using System.Xml.Linq;

namespace TrialOps.Cdisc.Tests;

public class OdmTests
{
    private static readonly XNamespace Odm = OdmWriter.Namespace;
    private static readonly DateTimeOffset Created = new(2025, 11, 21, 10, 30, 0, TimeSpan.Zero);
    private static readonly Lazy<OdmValidator> SharedValidator = new(() => new OdmValidator(ReferenceFiles.OdmSchemaDirectory));

    private static OdmValidator Validator => SharedValidator.Value;

    [Fact]
    public void a_document_with_metadata_two_subjects_and_audit_records_validates()
    {
        byte[] document = WriteSample(OdmFileType.Transactional);

        var errors = Validator.Validate(new MemoryStream(document));

        Assert.Empty(errors);
    }

    [Fact]
    public void a_snapshot_document_validates()
    {
        var errors = Validator.Validate(new MemoryStream(WriteSample(OdmFileType.Snapshot)));

        Assert.Empty(errors);
    }

    [Fact]
    public void the_root_carries_the_required_odm_attributes()
    {
        var root = XDocument.Load(new MemoryStream(WriteSample(OdmFileType.Transactional))).Root!;

        Assert.Equal(Odm + "ODM", root.Name);
        Assert.Equal("1.3.2", (string?)root.Attribute("ODMVersion"));
        Assert.Equal("Transactional", (string?)root.Attribute("FileType"));
        Assert.Equal("EXPORT.KET-NP-01.0001", (string?)root.Attribute("FileOID"));
        Assert.Equal("2025-11-21T10:30:00+00:00", (string?)root.Attribute("CreationDateTime"));
        Assert.Equal("2025-11-21T10:00:00.125+00:00", (string?)root.Attribute("AsOfDateTime"));
    }

    [Fact]
    public void every_audit_record_refers_to_a_user_and_location_defined_in_admin_data()
    {
        var document = XDocument.Load(new MemoryStream(WriteSample(OdmFileType.Transactional)));
        var users = document.Descendants(Odm + "User").Select(u => (string)u.Attribute("OID")!).ToHashSet();
        var locations = document.Descendants(Odm + "Location").Select(l => (string)l.Attribute("OID")!).ToHashSet();

        var audits = document.Descendants(Odm + "AuditRecord").ToList();

        Assert.Equal(5, audits.Count);
        Assert.All(audits, audit =>
        {
            Assert.Contains((string)audit.Element(Odm + "UserRef")!.Attribute("UserOID")!, users);
            Assert.Contains((string)audit.Element(Odm + "LocationRef")!.Attribute("LocationOID")!, locations);
        });
        Assert.All(document.Descendants(Odm + "ItemData").Where(i => i.HasElements),
            item => Assert.Equal(Odm + "AuditRecord", item.Elements().First().Name));
        var correction = audits.Single(a => a.Element(Odm + "ReasonForChange") is not null);
        Assert.Equal("Transcription error", correction.Element(Odm + "ReasonForChange")!.Value);
        Assert.Equal("ledger:1042", correction.Element(Odm + "SourceID")!.Value);
    }

    [Fact]
    public void a_document_without_study_name_is_reported_invalid()
    {
        var document = XDocument.Load(new MemoryStream(WriteSample(OdmFileType.Snapshot)));
        document.Descendants(Odm + "StudyName").Single().Remove();
        var broken = new MemoryStream();
        document.Save(broken);
        broken.Position = 0;

        var errors = Validator.Validate(broken);

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Message.Contains("StudyDescription", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.True(e.LineNumber > 0));
    }

    [Fact]
    public void a_wrong_odm_version_is_reported_invalid()
    {
        string text = Encoding.UTF8.GetString(WriteSample(OdmFileType.Snapshot)).Replace("ODMVersion=\"1.3.2\"", "ODMVersion=\"9.9\"");

        var errors = Validator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Contains(errors, e => e.Message.Contains("ODMVersion", StringComparison.Ordinal));
    }

    [Fact]
    public void malformed_xml_is_reported_as_an_error_not_thrown()
    {
        var errors = Validator.Validate(new MemoryStream("<ODM><Study>"u8.ToArray()));

        Assert.Single(errors);
        Assert.StartsWith("Not well-formed XML", errors[0].Message);
    }

    [Fact]
    public void a_document_with_an_external_entity_is_refused_without_reading_it()
    {
        const string hostile = """<?xml version="1.0"?><!DOCTYPE ODM [<!ENTITY x SYSTEM "file:///etc/passwd">]><ODM>&x;</ODM>""";

        var errors = Validator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(hostile)));

        Assert.Single(errors);
        Assert.Contains("DTD", errors[0].Message);
    }

    [Fact]
    public void the_cdisc_example_validates()
    {
        string example = Directory.GetFiles(Path.Combine(ReferenceFiles.OdmSchemaDirectory, "examples"), "*.xml").Single();

        var errors = Validator.Validate(example);

        Assert.Empty(errors);
    }

    [Fact]
    public void a_schema_folder_without_the_odm_schema_is_refused()
    {
        var missing = Directory.CreateTempSubdirectory("trialops-noschema-");
        try
        {
            Assert.Throws<FileNotFoundException>(() => new OdmValidator(missing.FullName));
        }
        finally
        {
            missing.Delete();
        }
    }

    [Fact]
    public void the_same_input_gives_byte_identical_documents()
    {
        Assert.Equal(WriteSample(OdmFileType.Transactional), WriteSample(OdmFileType.Transactional));
    }

    [Fact]
    public void definitions_out_of_schema_order_are_refused()
    {
        using var writer = StartMetaData(new MemoryStream(), OdmFileType.Snapshot);
        writer.WriteItemDef(new OdmItemDef("IT.AGE", "Age", OdmDataType.Integer));

        var error = Assert.Throws<InvalidOperationException>(() =>
            writer.WriteFormDef(new OdmFormDef("F.DM", "Demographics", false, [])));
        Assert.Contains("FormDef cannot follow ItemDef", error.Message);
    }

    [Fact]
    public void an_audit_record_naming_an_unknown_user_is_refused()
    {
        using var writer = OdmWriter.Create(new MemoryStream(), new OdmFileInfo("F", OdmFileType.Snapshot, Created));
        writer.WriteAdminData(null, [new OdmUser("U.1")], [Location()]);
        writer.BeginClinicalData("S.KET", "MDV.1");

        var error = Assert.Throws<InvalidOperationException>(() =>
            writer.BeginSubjectData("101", audit: new OdmAuditRecord("U.UNKNOWN", "LOC.SITE01", Created)));
        Assert.Contains("U.UNKNOWN", error.Message);
    }

    [Fact]
    public void a_signed_item_group_and_subject_validate_with_the_signature_after_the_audit_record()
    {
        var output = new MemoryStream();
        var signedAt = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
        using (var writer = StartSignableStudy(output))
        {
            writer.WriteAdminData("S.KET", [new OdmUser("U.INV1") { LoginName = "inv1" }], [Location()],
                [new OdmSignatureDef("SD.LOCK", OdmSignatureMethod.Electronic, "Database lock", "The signer accepts responsibility for the data as locked.")]);
            writer.BeginClinicalData("S.KET", "MDV.1");
            writer.BeginSubjectData("101");
            writer.BeginStudyEventData("SE.BASELINE");
            writer.BeginFormData("F.VS");
            writer.BeginItemGroupData("IG.VS", "1", OdmTransactionType.Insert,
                new OdmAuditRecord("U.INV1", "LOC.SITE01", signedAt.AddDays(-1)),
                new OdmSignature("U.INV1", "LOC.SITE01", "SD.LOCK", signedAt.AddDays(-1)));
            writer.WriteItemData("IT.SYSBP", "120");
            writer.EndItemGroupData();
            writer.EndFormData();
            writer.EndStudyEventData();
            writer.EndSubjectData();
            writer.BeginSubjectData("101", OdmTransactionType.Update,
                new OdmAuditRecord("U.INV1", "LOC.SITE01", signedAt, "Database lock", "ledger:2000"),
                new OdmSignature("U.INV1", "LOC.SITE01", "SD.LOCK", signedAt));
            writer.EndSubjectData();
            writer.EndClinicalData();
            writer.Complete();
        }

        Assert.Empty(Validator.Validate(new MemoryStream(output.ToArray())));
        var document = XDocument.Load(new MemoryStream(output.ToArray()));
        var definition = document.Descendants(Odm + "SignatureDef").Single();
        Assert.Equal(("SD.LOCK", "Electronic", "Database lock"), ((string)definition.Attribute("OID")!, (string)definition.Attribute("Methodology")!, definition.Element(Odm + "Meaning")!.Value));
        Assert.Equal(Odm + "Location", ((XElement)definition.PreviousNode!).Name);
        var subject = document.Descendants(Odm + "SubjectData").Last();
        Assert.Equal([Odm + "AuditRecord", Odm + "Signature"], subject.Elements().Select(e => e.Name));
        Assert.Equal(
            [Odm + "UserRef", Odm + "LocationRef", Odm + "SignatureRef", Odm + "DateTimeStamp"],
            subject.Element(Odm + "Signature")!.Elements().Select(e => e.Name));
        Assert.Equal("2025-03-01T08:00:00+00:00", subject.Element(Odm + "Signature")!.Element(Odm + "DateTimeStamp")!.Value);

        // The writer's order is the schema's: a signature before its audit record does not validate.
        var swapped = XDocument.Load(new MemoryStream(output.ToArray()));
        var last = swapped.Descendants(Odm + "SubjectData").Last();
        var audit = last.Element(Odm + "AuditRecord")!;
        audit.Remove();
        last.Add(audit);
        Assert.NotEmpty(Validator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(swapped.ToString()))));
    }

    [Fact]
    public void a_signature_naming_an_unknown_signature_definition_or_user_is_refused()
    {
        using var writer = OdmWriter.Create(new MemoryStream(), new OdmFileInfo("F", OdmFileType.Transactional, Created));
        writer.WriteAdminData(null, [new OdmUser("U.1")], [Location()],
            [new OdmSignatureDef("SD.LOCK", OdmSignatureMethod.Electronic, "Database lock", "Responsibility")]);
        writer.BeginClinicalData("S.KET", "MDV.1");
        var audit = new OdmAuditRecord("U.1", "LOC.SITE01", Created);

        var unknownDefinition = Assert.Throws<InvalidOperationException>(() =>
            writer.BeginSubjectData("101", OdmTransactionType.Update, audit, new OdmSignature("U.1", "LOC.SITE01", "SD.UNKNOWN", Created)));
        Assert.Contains("SD.UNKNOWN", unknownDefinition.Message);
        var unknownUser = Assert.Throws<InvalidOperationException>(() =>
            writer.BeginSubjectData("102", OdmTransactionType.Update, audit, new OdmSignature("U.NOBODY", "LOC.SITE01", "SD.LOCK", Created)));
        Assert.Contains("U.NOBODY", unknownUser.Message);
    }

    [Fact]
    public void admin_data_after_clinical_data_is_refused()
    {
        using var writer = OdmWriter.Create(new MemoryStream(), new OdmFileInfo("F", OdmFileType.Snapshot, Created));
        writer.BeginClinicalData("S.KET", "MDV.1");
        writer.EndClinicalData();

        Assert.Throws<InvalidOperationException>(() => writer.WriteAdminData(null, [], []));
    }

    [Fact]
    public void transactional_item_data_without_a_transaction_type_is_refused()
    {
        using var writer = OdmWriter.Create(new MemoryStream(), new OdmFileInfo("F", OdmFileType.Transactional, Created));
        writer.BeginClinicalData("S.KET", "MDV.1");
        writer.BeginSubjectData("101");
        writer.BeginStudyEventData("SE.BASELINE");
        writer.BeginFormData("F.VS");
        writer.BeginItemGroupData("IG.VS");

        Assert.Throws<InvalidOperationException>(() => writer.WriteItemData("IT.SYSBP", "120"));
    }

    [Fact]
    public void an_abandoned_document_is_not_well_formed()
    {
        var output = new MemoryStream();
        using (var writer = StartMetaData(output, OdmFileType.Snapshot))
        {
            writer.WriteItemDef(new OdmItemDef("IT.AGE", "Age", OdmDataType.Integer));
        }

        output.Position = 0;
        var errors = Validator.Validate(output);

        Assert.Single(errors);
        Assert.StartsWith("Not well-formed XML", errors[0].Message);
    }

    [Fact]
    public void completing_with_an_open_element_is_refused()
    {
        using var writer = OdmWriter.Create(new MemoryStream(), new OdmFileInfo("F", OdmFileType.Snapshot, Created));
        writer.BeginClinicalData("S.KET", "MDV.1");

        Assert.Throws<InvalidOperationException>(writer.Complete);
    }

    private static OdmLocation Location() =>
        new("LOC.SITE01", "Site 01", OdmLocationType.Site, [new OdmMetaDataVersionRef("S.KET", "MDV.1", new DateOnly(2025, 1, 15))]);

    private static OdmWriter StartMetaData(Stream output, OdmFileType fileType)
    {
        var writer = OdmWriter.Create(output, new OdmFileInfo("EXPORT.KET-NP-01.0001", fileType, Created)
        {
            AsOfDateTime = new DateTimeOffset(2025, 11, 21, 10, 0, 0, 125, TimeSpan.Zero),
            Originator = "TrialOps",
            SourceSystem = "TrialOps",
            SourceSystemVersion = "0.1.0",
        });
        writer.BeginStudy(new OdmStudy("S.KET", "KET-NP-01", "Ketamine for neuropathic pain, crossover", "KET-NP-01"));
        writer.BeginMetaDataVersion(new OdmMetaDataVersion("MDV.1", "Protocol version 1"));
        return writer;
    }

    private static OdmWriter StartSignableStudy(Stream output)
    {
        var writer = StartMetaData(output, OdmFileType.Transactional);
        writer.WriteProtocol([new OdmRef("SE.BASELINE", Mandatory: true, OrderNumber: 1)]);
        writer.WriteStudyEventDef(new OdmStudyEventDef("SE.BASELINE", "Baseline", false, OdmEventType.Scheduled, [new OdmRef("F.VS", true, 1)]));
        writer.WriteFormDef(new OdmFormDef("F.VS", "Vital signs", false, [new OdmRef("IG.VS", true, 1)]));
        writer.WriteItemGroupDef(new OdmItemGroupDef("IG.VS", "Vital signs", true, [new OdmItemRef("IT.SYSBP", true, 1)]));
        writer.WriteItemDef(new OdmItemDef("IT.SYSBP", "Systolic blood pressure", OdmDataType.Integer));
        writer.EndMetaDataVersion();
        writer.EndStudy();
        return writer;
    }

    private static byte[] WriteSample(OdmFileType fileType)
    {
        var output = new MemoryStream();
        bool transactional = fileType == OdmFileType.Transactional;
        OdmTransactionType? insert = transactional ? OdmTransactionType.Insert : null;
        using (var writer = StartMetaData(output, fileType))
        {
            writer.WriteProtocol([new OdmRef("SE.BASELINE", Mandatory: true, OrderNumber: 1)]);
            writer.WriteStudyEventDef(new OdmStudyEventDef("SE.BASELINE", "Baseline", false, OdmEventType.Scheduled,
                [new OdmRef("F.VS", true, 1)]));
            writer.WriteFormDef(new OdmFormDef("F.VS", "Vital signs", false, [new OdmRef("IG.VS", true, 1)]));
            writer.WriteItemGroupDef(new OdmItemGroupDef("IG.VS", "Vital signs", true,
                [new OdmItemRef("IT.SYSBP", true, 1), new OdmItemRef("IT.POS", false, 2)])
            {
                Domain = "VS",
                SasDatasetName = "VS",
                Purpose = "Tabulation",
            });
            writer.WriteItemDef(new OdmItemDef("IT.SYSBP", "Systolic blood pressure", OdmDataType.Integer)
            {
                Length = 3,
                SasFieldName = "SYSBP",
                Question = "Systolic blood pressure (mmHg)",
            });
            writer.WriteItemDef(new OdmItemDef("IT.POS", "Position", OdmDataType.Text)
            {
                Length = 8,
                CodeListOid = "CL.POSITION",
                Description = "Position of subject during measurement",
            });
            writer.WriteCodeList(new OdmCodeList("CL.POSITION", "Position", OdmCodeListDataType.Text,
                [new OdmCodeListItem("SITTING", "Sitting", 1), new OdmCodeListItem("SUPINE", "Supine", 2)]));
            writer.EndMetaDataVersion();
            writer.EndStudy();

            writer.WriteAdminData("S.KET",
                [new OdmUser("U.INV1", OdmUserType.Investigator) { LoginName = "inv1", FullName = "Ada Investigator", LocationOids = ["LOC.SITE01"] },
                 new OdmUser("U.DM1", OdmUserType.Sponsor) { LoginName = "dm1" }],
                [Location()]);

            writer.BeginClinicalData("S.KET", "MDV.1");
            foreach (string subject in new[] { "101", "102" })
            {
                var entered = new OdmAuditRecord("U.INV1", "LOC.SITE01", new DateTimeOffset(2025, 2, 3, 9, 15, 0, TimeSpan.FromHours(1)),
                    SourceId: $"ledger:{(subject == "101" ? 1001 : 1002)}");
                writer.BeginSubjectData(subject, insert, entered);
                writer.BeginStudyEventData("SE.BASELINE");
                writer.BeginFormData("F.VS");
                writer.BeginItemGroupData("IG.VS", "1");
                writer.WriteItemData("IT.SYSBP", subject == "101" ? "120" : "135", audit: entered with { SourceId = null });
                writer.WriteItemData("IT.POS", "SITTING");
                writer.EndItemGroupData();
                writer.EndFormData();
                writer.EndStudyEventData();
                writer.EndSubjectData();
            }

            if (transactional)
            {
                writer.BeginSubjectData("101", OdmTransactionType.Update);
                writer.BeginStudyEventData("SE.BASELINE");
                writer.BeginFormData("F.VS");
                writer.BeginItemGroupData("IG.VS", "1");
                writer.WriteItemData("IT.SYSBP", "125", OdmTransactionType.Update,
                    new OdmAuditRecord("U.DM1", "LOC.SITE01", new DateTimeOffset(2025, 2, 10, 14, 0, 0, TimeSpan.Zero),
                        "Transcription error", "ledger:1042") { EditPoint = OdmEditPoint.DataManagement, Id = "AR.1042" });
                writer.EndItemGroupData();
                writer.EndFormData();
                writer.EndStudyEventData();
                writer.EndSubjectData();
            }

            writer.EndClinicalData();
            writer.Complete();
        }

        return output.ToArray();
    }
}
