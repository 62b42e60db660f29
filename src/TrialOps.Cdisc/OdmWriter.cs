using System.Globalization;
using System.Text;
using System.Xml;

namespace TrialOps.Cdisc;

/// <summary>
/// Streams a CDISC ODM 1.3.2 document over an <see cref="XmlWriter"/>, keeping the element order of
/// the schema (ODM1-3-2-foundation.xsd) and refusing calls that would break it.
/// </summary>
/// <remarks>
/// Order: <see cref="BeginStudy"/> … <see cref="EndStudy"/> (GlobalVariables, then MetaDataVersions:
/// Protocol, StudyEventDef, FormDef, ItemGroupDef, ItemDef, CodeList, in that order), then
/// <see cref="WriteAdminData"/>, then ClinicalData (SubjectData › StudyEventData › FormData ›
/// ItemGroupData › ItemData), then <see cref="Complete"/>. An AuditRecord is written as the first
/// child of the element it belongs to, as the schema requires.
/// Beyond the schema, the writer checks two ODM business rules the XSD cannot express: every
/// AuditRecord's and Signature's UserRef and LocationRef must name a User and a Location written
/// earlier in AdminData, and every Signature's SignatureRef a SignatureDef there (so the audit trail
/// and the signatures resolve within the file), and in a Transactional file every
/// ItemData must carry a TransactionType itself or inherit one from an ancestor.
/// Output is UTF-8 without BOM, indented with two spaces, LF line ends; new lines inside values are
/// written as character references so they survive attribute normalization.
/// </remarks>
public sealed class OdmWriter : IDisposable
{
    /// <summary>The ODM 1.3 namespace, shared by 1.3.0–1.3.2.</summary>
    public const string Namespace = "http://www.cdisc.org/ns/odm/v1.3";

    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    private readonly XmlWriter _xml;
    private readonly bool _ownsWriter;
    private readonly OdmFileType _fileType;
    private readonly Stack<Scope> _scopes = new();
    private readonly Stack<bool> _transactionTypeInScope = new();
    private readonly HashSet<string> _userOids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _locationOids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _signatureOids = new(StringComparer.Ordinal);
    private RootPart _rootPart;
    private MetaDataPart _metaDataPart;
    private bool _completed;

    private OdmWriter(XmlWriter xml, bool ownsWriter, OdmFileType fileType)
    {
        _xml = xml;
        _ownsWriter = ownsWriter;
        _fileType = fileType;
    }

    private enum Scope
    {
        Odm,
        Study,
        MetaDataVersion,
        ClinicalData,
        SubjectData,
        StudyEventData,
        FormData,
        ItemGroupData,
    }

    private enum RootPart
    {
        None,
        Study,
        AdminData,
        ClinicalData,
    }

    private enum MetaDataPart
    {
        None,
        Protocol,
        StudyEventDef,
        FormDef,
        ItemGroupDef,
        ItemDef,
        CodeList,
    }

    /// <summary>Settings for deterministic output: UTF-8 without BOM, two-space indent, LF.</summary>
    public static XmlWriterSettings DefaultSettings() => new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    /// <summary>Writes the XML declaration and the ODM start tag to <paramref name="output"/> (not closed by the writer).</summary>
    public static OdmWriter Create(Stream output, OdmFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Start(XmlWriter.Create(output, DefaultSettings()), ownsWriter: true, file);
    }

    /// <summary>Writes the ODM start tag through a caller-owned <see cref="XmlWriter"/>.</summary>
    public static OdmWriter Create(XmlWriter writer, OdmFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return Start(writer, ownsWriter: false, file);
    }

    /// <summary>Opens Study and writes its GlobalVariables.</summary>
    public void BeginStudy(OdmStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        EnterRootPart(RootPart.Study, "Study");
        RequireOid(study.Oid, "Study OID");
        RequireText(study.StudyName, "StudyName");
        RequireText(study.ProtocolName, "ProtocolName");
        ArgumentNullException.ThrowIfNull(study.StudyDescription);

        _xml.WriteStartElement("Study", Namespace);
        _xml.WriteAttributeString("OID", study.Oid);
        _xml.WriteStartElement("GlobalVariables", Namespace);
        _xml.WriteElementString("StudyName", Namespace, study.StudyName);
        _xml.WriteElementString("StudyDescription", Namespace, study.StudyDescription);
        _xml.WriteElementString("ProtocolName", Namespace, study.ProtocolName);
        _xml.WriteEndElement();
        _scopes.Push(Scope.Study);
    }

    public void BeginMetaDataVersion(OdmMetaDataVersion metaDataVersion)
    {
        ArgumentNullException.ThrowIfNull(metaDataVersion);
        RequireScope(Scope.Study, "MetaDataVersion");
        RequireOid(metaDataVersion.Oid, "MetaDataVersion OID");
        RequireText(metaDataVersion.Name, "MetaDataVersion Name");
        _xml.WriteStartElement("MetaDataVersion", Namespace);
        _xml.WriteAttributeString("OID", metaDataVersion.Oid);
        _xml.WriteAttributeString("Name", metaDataVersion.Name);
        WriteOptionalAttribute("Description", metaDataVersion.Description);
        _scopes.Push(Scope.MetaDataVersion);
        _metaDataPart = MetaDataPart.None;
    }

    /// <summary>Protocol with its StudyEventRefs; at most one, before any definition.</summary>
    public void WriteProtocol(IReadOnlyList<OdmRef> studyEventRefs, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(studyEventRefs);
        EnterMetaDataPart(MetaDataPart.Protocol, "Protocol", allowRepeat: false);
        _xml.WriteStartElement("Protocol", Namespace);
        WriteDescription(description);
        foreach (var reference in studyEventRefs)
        {
            WriteRef("StudyEventRef", "StudyEventOID", reference);
        }

        _xml.WriteEndElement();
    }

    public void WriteStudyEventDef(OdmStudyEventDef definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        EnterMetaDataPart(MetaDataPart.StudyEventDef, "StudyEventDef", allowRepeat: true);
        StartDefinition("StudyEventDef", definition.Oid, definition.Name);
        _xml.WriteAttributeString("Repeating", YesNo(definition.Repeating));
        _xml.WriteAttributeString("Type", definition.Type.ToString());
        WriteOptionalAttribute("Category", definition.Category);
        WriteDescription(definition.Description);
        foreach (var reference in definition.FormRefs)
        {
            WriteRef("FormRef", "FormOID", reference);
        }

        _xml.WriteEndElement();
    }

    public void WriteFormDef(OdmFormDef definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        EnterMetaDataPart(MetaDataPart.FormDef, "FormDef", allowRepeat: true);
        StartDefinition("FormDef", definition.Oid, definition.Name);
        _xml.WriteAttributeString("Repeating", YesNo(definition.Repeating));
        WriteDescription(definition.Description);
        foreach (var reference in definition.ItemGroupRefs)
        {
            WriteRef("ItemGroupRef", "ItemGroupOID", reference);
        }

        _xml.WriteEndElement();
    }

    public void WriteItemGroupDef(OdmItemGroupDef definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        EnterMetaDataPart(MetaDataPart.ItemGroupDef, "ItemGroupDef", allowRepeat: true);
        StartDefinition("ItemGroupDef", definition.Oid, definition.Name);
        _xml.WriteAttributeString("Repeating", YesNo(definition.Repeating));
        if (definition.SasDatasetName is not null && !XptText.IsValidName(definition.SasDatasetName))
        {
            throw new ArgumentException($"SASDatasetName '{definition.SasDatasetName}' is not a SAS V5 name.", nameof(definition));
        }

        WriteOptionalAttribute("SASDatasetName", definition.SasDatasetName);
        WriteOptionalAttribute("Domain", definition.Domain);
        WriteOptionalAttribute("Purpose", definition.Purpose);
        WriteDescription(definition.Description);
        foreach (var reference in definition.ItemRefs)
        {
            RequireOid(reference.ItemOid, "ItemRef ItemOID");
            _xml.WriteStartElement("ItemRef", Namespace);
            _xml.WriteAttributeString("ItemOID", reference.ItemOid);
            WriteOptionalAttribute("OrderNumber", reference.OrderNumber);
            _xml.WriteAttributeString("Mandatory", YesNo(reference.Mandatory));
            WriteOptionalAttribute("KeySequence", reference.KeySequence);
            WriteOptionalAttribute("Role", reference.Role);
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
    }

    public void WriteItemDef(OdmItemDef definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        EnterMetaDataPart(MetaDataPart.ItemDef, "ItemDef", allowRepeat: true);
        if (definition.Length is <= 0)
        {
            throw new ArgumentException($"ItemDef {definition.Oid}: Length must be positive.", nameof(definition));
        }

        if (definition.SignificantDigits is < 0)
        {
            throw new ArgumentException($"ItemDef {definition.Oid}: SignificantDigits must not be negative.", nameof(definition));
        }

        if (definition.SasFieldName is not null && !XptText.IsValidName(definition.SasFieldName))
        {
            throw new ArgumentException($"ItemDef {definition.Oid}: SASFieldName '{definition.SasFieldName}' is not a SAS V5 name.", nameof(definition));
        }

        StartDefinition("ItemDef", definition.Oid, definition.Name);
        _xml.WriteAttributeString("DataType", DataTypeName(definition.DataType));
        WriteOptionalAttribute("Length", definition.Length);
        WriteOptionalAttribute("SignificantDigits", definition.SignificantDigits);
        WriteOptionalAttribute("SASFieldName", definition.SasFieldName);
        WriteDescription(definition.Description);
        if (definition.Question is not null)
        {
            _xml.WriteStartElement("Question", Namespace);
            _xml.WriteElementString("TranslatedText", Namespace, definition.Question);
            _xml.WriteEndElement();
        }

        if (definition.CodeListOid is not null)
        {
            RequireOid(definition.CodeListOid, "CodeListRef CodeListOID");
            _xml.WriteStartElement("CodeListRef", Namespace);
            _xml.WriteAttributeString("CodeListOID", definition.CodeListOid);
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
    }

    public void WriteCodeList(OdmCodeList codeList)
    {
        ArgumentNullException.ThrowIfNull(codeList);
        EnterMetaDataPart(MetaDataPart.CodeList, "CodeList", allowRepeat: true);
        if (codeList.Items is null || codeList.Items.Count == 0)
        {
            throw new ArgumentException($"CodeList {codeList.Oid} needs at least one CodeListItem.", nameof(codeList));
        }

        StartDefinition("CodeList", codeList.Oid, codeList.Name);
        _xml.WriteAttributeString("DataType", codeList.DataType.ToString().ToLowerInvariant());
        WriteOptionalAttribute("SASFormatName", codeList.SasFormatName);
        WriteDescription(codeList.Description);
        foreach (var item in codeList.Items)
        {
            ArgumentNullException.ThrowIfNull(item.CodedValue);
            _xml.WriteStartElement("CodeListItem", Namespace);
            _xml.WriteAttributeString("CodedValue", item.CodedValue);
            WriteOptionalAttribute("OrderNumber", item.OrderNumber);
            _xml.WriteStartElement("Decode", Namespace);
            _xml.WriteElementString("TranslatedText", Namespace, item.Decode);
            _xml.WriteEndElement();
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
    }

    public void EndMetaDataVersion() => EndScope(Scope.MetaDataVersion);

    public void EndStudy() => EndScope(Scope.Study);

    /// <summary>
    /// AdminData with the Users and Locations that AuditRecords and Signatures refer to, and the
    /// SignatureDefs that Signatures refer to. Comes after the Studies and before ClinicalData; may be
    /// written more than once (for several studies).
    /// </summary>
    public void WriteAdminData(string? studyOid, IReadOnlyList<OdmUser> users, IReadOnlyList<OdmLocation> locations, IReadOnlyList<OdmSignatureDef>? signatureDefs = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(locations);
        EnterRootPart(RootPart.AdminData, "AdminData");
        _xml.WriteStartElement("AdminData", Namespace);
        WriteOptionalAttribute("StudyOID", studyOid);
        foreach (var user in users)
        {
            RequireOid(user.Oid, "User OID");
            _xml.WriteStartElement("User", Namespace);
            _xml.WriteAttributeString("OID", user.Oid);
            WriteOptionalAttribute("UserType", user.UserType?.ToString());
            WriteOptionalElement("LoginName", user.LoginName);
            WriteOptionalElement("DisplayName", user.DisplayName);
            WriteOptionalElement("FullName", user.FullName);
            WriteOptionalElement("Organization", user.Organization);
            foreach (var locationOid in user.LocationOids)
            {
                RequireOid(locationOid, "User LocationRef");
                _xml.WriteStartElement("LocationRef", Namespace);
                _xml.WriteAttributeString("LocationOID", locationOid);
                _xml.WriteEndElement();
            }

            _xml.WriteEndElement();
            _userOids.Add(user.Oid);
        }

        foreach (var location in locations)
        {
            RequireOid(location.Oid, "Location OID");
            RequireText(location.Name, "Location Name");
            if (location.MetaDataVersions is null || location.MetaDataVersions.Count == 0)
            {
                throw new ArgumentException($"Location {location.Oid} needs at least one MetaDataVersionRef.", nameof(locations));
            }

            _xml.WriteStartElement("Location", Namespace);
            _xml.WriteAttributeString("OID", location.Oid);
            _xml.WriteAttributeString("Name", location.Name);
            WriteOptionalAttribute("LocationType", location.LocationType is { } type ? LocationTypeName(type) : null);
            foreach (var reference in location.MetaDataVersions)
            {
                _xml.WriteStartElement("MetaDataVersionRef", Namespace);
                _xml.WriteAttributeString("StudyOID", reference.StudyOid);
                _xml.WriteAttributeString("MetaDataVersionOID", reference.MetaDataVersionOid);
                _xml.WriteAttributeString("EffectiveDate", reference.EffectiveDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                _xml.WriteEndElement();
            }

            _xml.WriteEndElement();
            _locationOids.Add(location.Oid);
        }

        foreach (var definition in signatureDefs ?? [])
        {
            RequireOid(definition.Oid, "SignatureDef OID");
            RequireText(definition.Meaning, "SignatureDef Meaning");
            RequireText(definition.LegalReason, "SignatureDef LegalReason");
            _xml.WriteStartElement("SignatureDef", Namespace);
            _xml.WriteAttributeString("OID", definition.Oid);
            WriteOptionalAttribute("Methodology", definition.Methodology?.ToString());
            _xml.WriteElementString("Meaning", Namespace, definition.Meaning);
            _xml.WriteElementString("LegalReason", Namespace, definition.LegalReason);
            _xml.WriteEndElement();
            _signatureOids.Add(definition.Oid);
        }

        _xml.WriteEndElement();
    }

    public void BeginClinicalData(string studyOid, string metaDataVersionOid)
    {
        EnterRootPart(RootPart.ClinicalData, "ClinicalData");
        RequireOid(studyOid, "ClinicalData StudyOID");
        RequireOid(metaDataVersionOid, "ClinicalData MetaDataVersionOID");
        _xml.WriteStartElement("ClinicalData", Namespace);
        _xml.WriteAttributeString("StudyOID", studyOid);
        _xml.WriteAttributeString("MetaDataVersionOID", metaDataVersionOid);
        _scopes.Push(Scope.ClinicalData);
        _transactionTypeInScope.Push(false);
    }

    public void BeginSubjectData(string subjectKey, OdmTransactionType? transactionType = null, OdmAuditRecord? audit = null, OdmSignature? signature = null)
    {
        RequireScope(Scope.ClinicalData, "SubjectData");
        RequireOid(subjectKey, "SubjectKey");
        BeginClinicalElement(Scope.SubjectData, "SubjectData", "SubjectKey", subjectKey, null, null, transactionType, audit, signature);
    }

    public void BeginStudyEventData(string studyEventOid, string? repeatKey = null, OdmTransactionType? transactionType = null, OdmAuditRecord? audit = null, OdmSignature? signature = null)
    {
        RequireScope(Scope.SubjectData, "StudyEventData");
        RequireOid(studyEventOid, "StudyEventOID");
        BeginClinicalElement(Scope.StudyEventData, "StudyEventData", "StudyEventOID", studyEventOid, "StudyEventRepeatKey", repeatKey, transactionType, audit, signature);
    }

    public void BeginFormData(string formOid, string? repeatKey = null, OdmTransactionType? transactionType = null, OdmAuditRecord? audit = null, OdmSignature? signature = null)
    {
        RequireScope(Scope.StudyEventData, "FormData");
        RequireOid(formOid, "FormOID");
        BeginClinicalElement(Scope.FormData, "FormData", "FormOID", formOid, "FormRepeatKey", repeatKey, transactionType, audit, signature);
    }

    public void BeginItemGroupData(string itemGroupOid, string? repeatKey = null, OdmTransactionType? transactionType = null, OdmAuditRecord? audit = null, OdmSignature? signature = null)
    {
        RequireScope(Scope.FormData, "ItemGroupData");
        RequireOid(itemGroupOid, "ItemGroupOID");
        BeginClinicalElement(Scope.ItemGroupData, "ItemGroupData", "ItemGroupOID", itemGroupOid, "ItemGroupRepeatKey", repeatKey, transactionType, audit, signature);
    }

    /// <summary>
    /// One ItemData. A null <paramref name="value"/> is written as IsNull="Yes" (the value was set to
    /// null, e.g. removed in a correction); ODM forbids Value and IsNull together.
    /// </summary>
    public void WriteItemData(string itemOid, string? value, OdmTransactionType? transactionType = null, OdmAuditRecord? audit = null, OdmSignature? signature = null)
    {
        RequireScope(Scope.ItemGroupData, "ItemData");
        RequireOid(itemOid, "ItemOID");
        if (_fileType == OdmFileType.Transactional && transactionType is null && !_transactionTypeInScope.Peek())
        {
            throw new InvalidOperationException(
                $"ItemData {itemOid}: a Transactional file needs a TransactionType on the ItemData or one of its ancestors.");
        }

        _xml.WriteStartElement("ItemData", Namespace);
        _xml.WriteAttributeString("ItemOID", itemOid);
        WriteOptionalAttribute("TransactionType", transactionType?.ToString());
        if (value is null)
        {
            _xml.WriteAttributeString("IsNull", "Yes");
        }
        else
        {
            _xml.WriteAttributeString("Value", value);
        }

        WriteAuditRecord(audit);
        WriteSignature(signature);
        _xml.WriteEndElement();
    }

    /// <summary>
    /// An Annotation of the clinical data element just begun (SubjectData, StudyEventData, FormData
    /// or ItemGroupData): call it after Begin… and before any child element, where ODM 1.3.2 puts
    /// annotations (after AuditRecord and Signature).
    /// </summary>
    public void WriteAnnotation(OdmAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        if (_scopes.Count == 0 || _scopes.Peek() is not (Scope.SubjectData or Scope.StudyEventData or Scope.FormData or Scope.ItemGroupData))
        {
            throw new InvalidOperationException("An Annotation belongs to SubjectData, StudyEventData, FormData or ItemGroupData.");
        }

        if (annotation.SeqNum < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(annotation), "An Annotation's SeqNum is a non-negative integer.");
        }

        _xml.WriteStartElement("Annotation", Namespace);
        _xml.WriteAttributeString("SeqNum", annotation.SeqNum.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WriteOptionalAttribute("TransactionType", annotation.TransactionType?.ToString());
        if (annotation.Comment is not null)
        {
            _xml.WriteStartElement("Comment", Namespace);
            WriteOptionalAttribute("SponsorOrSite", annotation.CommentSource?.ToString());
            _xml.WriteString(annotation.Comment);
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
    }

    public void EndItemGroupData() => EndClinicalElement(Scope.ItemGroupData);

    public void EndFormData() => EndClinicalElement(Scope.FormData);

    public void EndStudyEventData() => EndClinicalElement(Scope.StudyEventData);

    public void EndSubjectData() => EndClinicalElement(Scope.SubjectData);

    public void EndClinicalData() => EndClinicalElement(Scope.ClinicalData);

    /// <summary>Closes the ODM element and flushes. Every Begin must have been ended.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        if (_scopes.Count != 1)
        {
            throw new InvalidOperationException($"{_scopes.Peek()} is still open; end it before completing the document.");
        }

        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
        _scopes.Pop();
        _completed = true;
    }

    /// <summary>
    /// Releases the writer. Without <see cref="Complete"/> the document is left unfinished (not
    /// well-formed) on purpose: disposing an <see cref="XmlWriter"/> would close the open elements and
    /// make an aborted export look like a complete, valid one.
    /// </summary>
    public void Dispose()
    {
        if (!_ownsWriter)
        {
            return;
        }

        if (_completed)
        {
            _xml.Dispose();
        }
        else
        {
            _xml.Flush();
        }
    }

    private static OdmWriter Start(XmlWriter xml, bool ownsWriter, OdmFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        RequireOid(file.FileOid, "FileOID");
        if (file.Archival && file.FileType != OdmFileType.Transactional)
        {
            throw new ArgumentException("An Archival ODM file must be Transactional.", nameof(file));
        }

        var writer = new OdmWriter(xml, ownsWriter, file.FileType);
        xml.WriteStartDocument();
        xml.WriteStartElement("ODM", Namespace);
        xml.WriteAttributeString("FileOID", file.FileOid);
        xml.WriteAttributeString("FileType", file.FileType.ToString());
        xml.WriteAttributeString("ODMVersion", "1.3.2");
        xml.WriteAttributeString("CreationDateTime", FormatDateTime(file.CreationDateTime));
        if (file.AsOfDateTime is { } asOf)
        {
            xml.WriteAttributeString("AsOfDateTime", FormatDateTime(asOf));
        }

        if (file.Archival)
        {
            xml.WriteAttributeString("Archival", "Yes");
        }

        writer.WriteOptionalAttribute("PriorFileOID", file.PriorFileOid);
        writer.WriteOptionalAttribute("Description", file.Description);
        writer.WriteOptionalAttribute("Originator", file.Originator);
        writer.WriteOptionalAttribute("SourceSystem", file.SourceSystem);
        writer.WriteOptionalAttribute("SourceSystemVersion", file.SourceSystemVersion);
        writer._scopes.Push(Scope.Odm);
        return writer;
    }

    private void BeginClinicalElement(
        Scope scope,
        string element,
        string keyAttribute,
        string key,
        string? repeatKeyAttribute,
        string? repeatKey,
        OdmTransactionType? transactionType,
        OdmAuditRecord? audit,
        OdmSignature? signature)
    {
        if (repeatKey is not null)
        {
            RequireOid(repeatKey, repeatKeyAttribute!);
        }

        _xml.WriteStartElement(element, Namespace);
        _xml.WriteAttributeString(keyAttribute, key);
        if (repeatKeyAttribute is not null)
        {
            WriteOptionalAttribute(repeatKeyAttribute, repeatKey);
        }

        WriteOptionalAttribute("TransactionType", transactionType?.ToString());
        WriteAuditRecord(audit);
        WriteSignature(signature);
        _transactionTypeInScope.Push(transactionType is not null || _transactionTypeInScope.Peek());
        _scopes.Push(scope);
    }

    private void EndClinicalElement(Scope scope)
    {
        EndScope(scope);
        _transactionTypeInScope.Pop();
    }

    private void WriteAuditRecord(OdmAuditRecord? audit)
    {
        if (audit is null)
        {
            return;
        }

        if (!_userOids.Contains(audit.UserOid))
        {
            throw new InvalidOperationException(
                $"AuditRecord UserRef '{audit.UserOid}' names no User in AdminData; write AdminData with that user first.");
        }

        if (!_locationOids.Contains(audit.LocationOid))
        {
            throw new InvalidOperationException(
                $"AuditRecord LocationRef '{audit.LocationOid}' names no Location in AdminData; write AdminData with that location first.");
        }

        _xml.WriteStartElement("AuditRecord", Namespace);
        WriteOptionalAttribute("EditPoint", audit.EditPoint switch
        {
            null => null,
            OdmEditPoint.DbAudit => "DBAudit",
            var point => point.ToString(),
        });
        WriteOptionalAttribute("UsedImputationMethod", audit.UsedImputationMethod is { } used ? YesNo(used) : null);
        WriteOptionalAttribute("ID", audit.Id);
        _xml.WriteStartElement("UserRef", Namespace);
        _xml.WriteAttributeString("UserOID", audit.UserOid);
        _xml.WriteEndElement();
        _xml.WriteStartElement("LocationRef", Namespace);
        _xml.WriteAttributeString("LocationOID", audit.LocationOid);
        _xml.WriteEndElement();
        _xml.WriteElementString("DateTimeStamp", Namespace, FormatDateTime(audit.DateTimeStamp));
        WriteOptionalElement("ReasonForChange", audit.ReasonForChange);
        WriteOptionalElement("SourceID", audit.SourceId);
        _xml.WriteEndElement();
    }

    /// <summary>Written after the element's AuditRecord, as ODM 1.3.2 orders them (UserRef, LocationRef, SignatureRef, DateTimeStamp).</summary>
    private void WriteSignature(OdmSignature? signature)
    {
        if (signature is null)
        {
            return;
        }

        if (!_userOids.Contains(signature.UserOid))
        {
            throw new InvalidOperationException(
                $"Signature UserRef '{signature.UserOid}' names no User in AdminData; write AdminData with that user first.");
        }

        if (!_locationOids.Contains(signature.LocationOid))
        {
            throw new InvalidOperationException(
                $"Signature LocationRef '{signature.LocationOid}' names no Location in AdminData; write AdminData with that location first.");
        }

        if (!_signatureOids.Contains(signature.SignatureOid))
        {
            throw new InvalidOperationException(
                $"Signature SignatureRef '{signature.SignatureOid}' names no SignatureDef in AdminData; write AdminData with that signature definition first.");
        }

        _xml.WriteStartElement("Signature", Namespace);
        WriteOptionalAttribute("ID", signature.Id);
        _xml.WriteStartElement("UserRef", Namespace);
        _xml.WriteAttributeString("UserOID", signature.UserOid);
        _xml.WriteEndElement();
        _xml.WriteStartElement("LocationRef", Namespace);
        _xml.WriteAttributeString("LocationOID", signature.LocationOid);
        _xml.WriteEndElement();
        _xml.WriteStartElement("SignatureRef", Namespace);
        _xml.WriteAttributeString("SignatureOID", signature.SignatureOid);
        _xml.WriteEndElement();
        _xml.WriteElementString("DateTimeStamp", Namespace, FormatDateTime(signature.DateTimeStamp));
        _xml.WriteEndElement();
    }

    private void EnterRootPart(RootPart part, string element)
    {
        RequireScope(Scope.Odm, element);
        if (part < _rootPart)
        {
            throw new InvalidOperationException(
                $"{element} cannot follow {_rootPart}: ODM 1.3.2 orders Study, AdminData, ClinicalData.");
        }

        _rootPart = part;
    }

    private void EnterMetaDataPart(MetaDataPart part, string element, bool allowRepeat)
    {
        RequireScope(Scope.MetaDataVersion, element);
        if (part < _metaDataPart || (part == _metaDataPart && !allowRepeat))
        {
            throw new InvalidOperationException(
                $"{element} cannot follow {_metaDataPart}: ODM 1.3.2 orders Protocol, StudyEventDef, FormDef, ItemGroupDef, ItemDef, CodeList.");
        }

        _metaDataPart = part;
    }

    private void RequireScope(Scope expected, string element)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The ODM document is already complete.");
        }

        if (_scopes.Peek() != expected)
        {
            throw new InvalidOperationException($"{element} belongs inside {expected}, but the open element is {_scopes.Peek()}.");
        }
    }

    private void EndScope(Scope scope)
    {
        RequireScope(scope, "End" + scope);
        _xml.WriteEndElement();
        _scopes.Pop();
    }

    private void StartDefinition(string element, string oid, string name)
    {
        RequireOid(oid, element + " OID");
        RequireText(name, element + " Name");
        _xml.WriteStartElement(element, Namespace);
        _xml.WriteAttributeString("OID", oid);
        _xml.WriteAttributeString("Name", name);
    }

    private void WriteRef(string element, string oidAttribute, OdmRef reference)
    {
        RequireOid(reference.Oid, element);
        _xml.WriteStartElement(element, Namespace);
        _xml.WriteAttributeString(oidAttribute, reference.Oid);
        WriteOptionalAttribute("OrderNumber", reference.OrderNumber);
        _xml.WriteAttributeString("Mandatory", YesNo(reference.Mandatory));
        _xml.WriteEndElement();
    }

    private void WriteDescription(string? description)
    {
        if (description is null)
        {
            return;
        }

        _xml.WriteStartElement("Description", Namespace);
        _xml.WriteElementString("TranslatedText", Namespace, description);
        _xml.WriteEndElement();
    }

    private void WriteOptionalAttribute(string name, string? value)
    {
        if (value is not null)
        {
            _xml.WriteAttributeString(name, value);
        }
    }

    private void WriteOptionalAttribute(string name, int? value)
    {
        if (value is { } number)
        {
            _xml.WriteAttributeString(name, number.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void WriteOptionalElement(string name, string? value)
    {
        if (value is not null)
        {
            _xml.WriteElementString(name, Namespace, value);
        }
    }

    private static void RequireOid(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"{what} must not be empty.");
        }
    }

    private static void RequireText(string? value, string what) => RequireOid(value, what);

    private static string YesNo(bool value) => value ? "Yes" : "No";

    private static string FormatDateTime(DateTimeOffset value) =>
        value.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static string LocationTypeName(OdmLocationType type) => type == OdmLocationType.Cro ? "CRO" : type.ToString();

    private static string DataTypeName(OdmDataType type) => type switch
    {
        OdmDataType.DateTime => "datetime",
        OdmDataType.Uri => "URI",
        OdmDataType.HexBinary => "hexBinary",
        OdmDataType.Base64Binary => "base64Binary",
        OdmDataType.HexFloat => "hexFloat",
        OdmDataType.Base64Float => "base64Float",
        OdmDataType.PartialDate => "partialDate",
        OdmDataType.PartialTime => "partialTime",
        OdmDataType.PartialDatetime => "partialDatetime",
        OdmDataType.DurationDatetime => "durationDatetime",
        OdmDataType.IntervalDatetime => "intervalDatetime",
        OdmDataType.IncompleteDatetime => "incompleteDatetime",
        OdmDataType.IncompleteDate => "incompleteDate",
        OdmDataType.IncompleteTime => "incompleteTime",
        _ => type.ToString().ToLowerInvariant(),
    };
}
