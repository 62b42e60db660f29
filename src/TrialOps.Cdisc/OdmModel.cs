namespace TrialOps.Cdisc;

/// <summary>ODM/@FileType: a Snapshot is the current state; a Transactional file also carries prior states.</summary>
public enum OdmFileType
{
    Snapshot,
    Transactional,
}

/// <summary>The TransactionType of a clinical data element.</summary>
public enum OdmTransactionType
{
    Insert,
    Update,
    Remove,
    Upsert,
    Context,
}

/// <summary>StudyEventDef/@Type.</summary>
public enum OdmEventType
{
    Scheduled,
    Unscheduled,
    Common,
}

/// <summary>ItemDef/@DataType (the ODM 1.3.2 enumeration).</summary>
public enum OdmDataType
{
    Integer,
    Float,
    Double,
    Text,
    String,
    Boolean,
    Date,
    Time,
    DateTime,
    PartialDate,
    PartialTime,
    PartialDatetime,
    DurationDatetime,
    IntervalDatetime,
    IncompleteDatetime,
    IncompleteDate,
    IncompleteTime,
    Uri,
    HexBinary,
    Base64Binary,
    HexFloat,
    Base64Float,
}

/// <summary>CodeList/@DataType.</summary>
public enum OdmCodeListDataType
{
    Integer,
    Float,
    Text,
    String,
}

/// <summary>User/@UserType.</summary>
public enum OdmUserType
{
    Sponsor,
    Investigator,
    Lab,
    Other,
}

/// <summary>Location/@LocationType.</summary>
public enum OdmLocationType
{
    Sponsor,
    Site,
    Cro,
    Lab,
    Other,
}

/// <summary>AuditRecord/@EditPoint.</summary>
public enum OdmEditPoint
{
    Monitoring,
    DataManagement,
    DbAudit,
}

/// <summary>
/// The attributes of the ODM root. <paramref name="CreationDateTime"/> is passed in, never read from
/// a clock, so the same export yields the same bytes.
/// </summary>
public sealed record OdmFileInfo(string FileOid, OdmFileType FileType, DateTimeOffset CreationDateTime)
{
    public string? Description { get; init; }
    public string? PriorFileOid { get; init; }
    public DateTimeOffset? AsOfDateTime { get; init; }
    public string? Originator { get; init; }
    public string? SourceSystem { get; init; }
    public string? SourceSystemVersion { get; init; }

    /// <summary>Marks the file as part of an archive (ODM/@Archival="Yes"); requires Transactional.</summary>
    public bool Archival { get; init; }
}

/// <summary>Study with its GlobalVariables, all three of which ODM requires.</summary>
public sealed record OdmStudy(string Oid, string StudyName, string StudyDescription, string ProtocolName);

/// <summary>MetaDataVersion attributes.</summary>
public sealed record OdmMetaDataVersion(string Oid, string Name, string? Description = null);

/// <summary>A StudyEventRef, FormRef or ItemGroupRef: the referenced OID and whether it is mandatory.</summary>
public sealed record OdmRef(string Oid, bool Mandatory, int? OrderNumber = null);

/// <summary>An ItemRef within an ItemGroupDef.</summary>
public sealed record OdmItemRef(string ItemOid, bool Mandatory, int? OrderNumber = null, int? KeySequence = null)
{
    public string? Role { get; init; }
}

public sealed record OdmStudyEventDef(string Oid, string Name, bool Repeating, OdmEventType Type, IReadOnlyList<OdmRef> FormRefs)
{
    public string? Category { get; init; }
    public string? Description { get; init; }
}

public sealed record OdmFormDef(string Oid, string Name, bool Repeating, IReadOnlyList<OdmRef> ItemGroupRefs)
{
    public string? Description { get; init; }
}

public sealed record OdmItemGroupDef(string Oid, string Name, bool Repeating, IReadOnlyList<OdmItemRef> ItemRefs)
{
    /// <summary>SDTM domain abbreviation, e.g. "AE".</summary>
    public string? Domain { get; init; }

    /// <summary>SAS dataset name (≤ 8 characters), e.g. "AE".</summary>
    public string? SasDatasetName { get; init; }

    public string? Purpose { get; init; }
    public string? Description { get; init; }
}

public sealed record OdmItemDef(string Oid, string Name, OdmDataType DataType)
{
    public int? Length { get; init; }
    public int? SignificantDigits { get; init; }

    /// <summary>SAS variable name (≤ 8 characters).</summary>
    public string? SasFieldName { get; init; }

    public string? Description { get; init; }

    /// <summary>The question as shown on the form (Question/TranslatedText).</summary>
    public string? Question { get; init; }

    /// <summary>OID of the CodeList that constrains the values.</summary>
    public string? CodeListOid { get; init; }
}

public sealed record OdmCodeListItem(string CodedValue, string Decode, int? OrderNumber = null);

public sealed record OdmCodeList(string Oid, string Name, OdmCodeListDataType DataType, IReadOnlyList<OdmCodeListItem> Items)
{
    public string? SasFormatName { get; init; }
    public string? Description { get; init; }
}

/// <summary>A User in AdminData; AuditRecord/UserRef points here.</summary>
public sealed record OdmUser(string Oid, OdmUserType? UserType = null)
{
    public string? LoginName { get; init; }
    public string? DisplayName { get; init; }
    public string? FullName { get; init; }
    public string? Organization { get; init; }

    /// <summary>Locations the user belongs to (User/LocationRef).</summary>
    public IReadOnlyList<string> LocationOids { get; init; } = [];
}

/// <summary>Location/MetaDataVersionRef: which metadata version a location uses from when.</summary>
public sealed record OdmMetaDataVersionRef(string StudyOid, string MetaDataVersionOid, DateOnly EffectiveDate);

/// <summary>A Location in AdminData (ODM requires at least one MetaDataVersionRef); AuditRecord/LocationRef points here.</summary>
public sealed record OdmLocation(string Oid, string Name, OdmLocationType? LocationType, IReadOnlyList<OdmMetaDataVersionRef> MetaDataVersions);

/// <summary>
/// Who changed a value, where, when, why, and from which source record: the ODM AuditRecord.
/// <paramref name="SourceId"/> is where TrialOps puts the event store position of the change.
/// </summary>
public sealed record OdmAuditRecord(
    string UserOid,
    string LocationOid,
    DateTimeOffset DateTimeStamp,
    string? ReasonForChange = null,
    string? SourceId = null)
{
    public OdmEditPoint? EditPoint { get; init; }
    public bool? UsedImputationMethod { get; init; }

    /// <summary>An xs:ID for the record, unique within the file.</summary>
    public string? Id { get; init; }
}

/// <summary>SignatureDef/@Methodology: Digital (cryptographic) or Electronic (for example password re-entry).</summary>
public enum OdmSignatureMethod
{
    Digital,
    Electronic,
}

/// <summary>
/// A kind of electronic signature in AdminData (21 CFR Part 11 §11.50: the meaning of a signature
/// is part of it). Signature/SignatureRef points here.
/// </summary>
/// <param name="Meaning">A short name for the kind of signature ("Database lock").</param>
/// <param name="LegalReason">The responsibility the signer accepts.</param>
public sealed record OdmSignatureDef(string Oid, OdmSignatureMethod? Methodology, string Meaning, string LegalReason);

/// <summary>
/// An electronic signature on the clinical data element it is attached to: who signed, where, with
/// which meaning (<paramref name="SignatureOid"/> names a SignatureDef) and when. Unlike an
/// AuditRecord it records no change; it binds a person and a meaning to the data as it then was.
/// </summary>
public sealed record OdmSignature(string UserOid, string LocationOid, string SignatureOid, DateTimeOffset DateTimeStamp)
{
    /// <summary>An xs:ID for the signature, unique within the file.</summary>
    public string? Id { get; init; }
}

/// <summary>Who wrote an annotation's comment (ODM CommentType).</summary>
public enum OdmCommentSource
{
    Sponsor,
    Site,
}

/// <summary>An ODM Annotation: a numbered comment on clinical data (ODM 1.3.2 §3.1.6); flags are not written.</summary>
/// <param name="SeqNum">Identifies the annotation within its parent element.</param>
public sealed record OdmAnnotation(int SeqNum, string? Comment, OdmCommentSource? CommentSource = null, OdmTransactionType? TransactionType = null);
