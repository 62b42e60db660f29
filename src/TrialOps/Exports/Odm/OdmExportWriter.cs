using TrialOps.Cdisc;
using TrialOps.EventStore;
using TrialOps.Identity;
using TrialOps.Protocols;

namespace TrialOps.Exports.Odm;

/// <summary>
/// Writes <c>odm.xml</c>: ODM 1.3.2 with the study metadata, AdminData (every user who recorded
/// something, every site) and ClinicalData holding the whole audit trail, one SubjectData per
/// subject as the subject is read. ODM puts AdminData before ClinicalData, so the users are
/// looked up first (<see cref="ExportEventSource.ReadActorsAsync"/>); <see cref="OdmWriter"/> then
/// refuses any AuditRecord whose user is not among them.
/// </summary>
/// <remarks>
/// The file type is Transactional, not Snapshot: ODM 1.3.2 lets a Snapshot carry one value per
/// item (the current state), while an export must carry every change with its own AuditRecord
/// (DESIGN.md §7 "with its full audit trail"): what each event recorded in an item group is an
/// ItemGroupData of its own, TransactionType Insert the first time and Update after that, with an
/// AuditRecord naming the user (UserRef to AdminData), the site (LocationRef), the server time, the
/// reason of a correction, and the event's global position as SourceID, so an inspector can find
/// the event in the ledger. Its ItemData are the values that event set or changed.
/// <para>
/// Electronic signatures (Part 11): AdminData defines a SignatureDef for each kind the file uses
/// (<see cref="OdmSignatures"/>). An emergency code break is signed where it is reported: its
/// IG.CODEBREAK ItemGroupData carries the Signature after its AuditRecord. Database lock, lifting
/// of the lock and trial unblinding sign the whole trial's data, and ODM 1.3.2 has no signature
/// on ClinicalData itself (its Signatures and AuditRecords collections only hold records that
/// ItemData[TYPE] elements point to by ID, and there is no study-level data element). A Signature
/// covers all data of the entity it is attached to, so each such action is written, for every
/// subject whose record existed at the time, as a SubjectData of its own (TransactionType Update,
/// no data changed) whose AuditRecord says who acted, where (the sponsor), when, why (the reason
/// of an unlock), with the event's position as SourceID, and whose Signature binds the signer and
/// the meaning to the subject's record as it then was. A subject's transactions are split around
/// these records so the file keeps the order in which things happened: data recorded after an
/// unlock follows the lock's signature.
/// </para>
/// <para>
/// Sign-offs (ADR 0025, meaning "approved") are signed where their record is: the Investigator's
/// eligibility sign-off on IG.ELIG, the causality sign-off on the case's IG.AE, each as an Update
/// of the group that changes no value and carries the signing event's AuditRecord and Signature;
/// the casebook sign-off on the whole SubjectData, like a lock. The second pharmacist's signed
/// check of a preparation (meaning "verified") is the Signature of the preparation's IG.DOSING
/// Insert. A later change is a later transaction: the signature stays in the file where it was
/// given. Which kinds the file uses and who signed them are read before AdminData is written
/// (<see cref="OdmSignedRecords"/>), so AdminData defines exactly the kinds used.
/// </para>
/// <para>
/// Expedited safety reporting (ADR 0026) is in the case's form: expectedness on IG.AE (its
/// AuditRecord names the medical monitor, when, and the reason given), the SUSAR clock as the
/// case's data gave it after each event (day 0, due days), and each expedited report in IG.SUSAR.
/// A safety officer's look at the treatment at onset, and the text submitted to an authority, are
/// in unblinded files only; blinded files neither declare those items nor list a user whose only
/// act was that look.
/// </para>
/// </remarks>
public sealed class OdmExportWriter : IDisposable
{
    public const string SponsorLocation = "L.SPONSOR";

    private readonly ExportDesign _design;
    private readonly OdmWriter _odm;
    private readonly HashSet<string> _sites = new(StringComparer.Ordinal);
    private readonly int _periodCount;
    private readonly IReadOnlyCollection<string> _criterionCodes;
    private readonly IReadOnlyList<OdmTrialAction> _trialActions;
    private readonly OdmSignedRecords _signed;

    /// <summary>Writes everything up to the start of ClinicalData.</summary>
    /// <param name="actors">Every user id that recorded an event the file will hold.</param>
    /// <param name="users">The accounts among them (for display names), as of the export's point.</param>
    /// <param name="signed">The signatures on participant and case streams (<see cref="OdmSignedRecords.ReadAsync"/>); none when null.</param>
    public OdmExportWriter(Stream output, ExportDesign design, LedgerPoint asOf, string softwareVersion, IEnumerable<string> actors, IReadOnlyDictionary<string, UserCreated> users, OdmSignedRecords? signed = null)
    {
        _design = design;
        _signed = signed ?? OdmSignedRecords.None;
        _periodCount = design.Trial.Versions.Max(v => v.Definition.PeriodCount);
        _criterionCodes = design.Trial.Versions
            .SelectMany(v => v.Definition.Eligibility.Inclusion.Concat(v.Definition.Eligibility.Exclusion))
            .Select(c => c.Code)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var siteNames = design.Trial.Versions.SelectMany(v => v.Definition.Sites).GroupBy(s => s.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
        _sites.UnionWith(siteNames.Keys);
        _trialActions = design.Trial.LockActions.Select(OdmSignatures.TrialAction).OfType<OdmTrialAction>().OrderBy(a => a.Source.Position).ToArray();
        var codeBreakSigners = design.Trial.CodeBreaks.Values.SelectMany(e => e).Select(e => ((Blinding.EmergencyUnblindingPerformed)e.Data).PerformedBy);
        var signers = _trialActions.Select(a => a.Signing.SignedBy).Concat(codeBreakSigners).Concat(_signed.Signers);
        var signatureKinds = _trialActions.Select(a => a.Signing.SignatureOid)
            .Concat(design.Trial.CodeBreaks.Count > 0 ? [OdmSignatures.CodeBreak] : [])
            .Concat(_signed.Kinds)
            .ToHashSet(StringComparer.Ordinal);
        if (design.IsBlinded)
        {
            // Nothing from a safety officer's look at a SUSAR's treatment, not even their name (ADR 0026).
            actors = actors.Where(a => !_signed.RevealOnlyActors.Contains(a));
        }


        var protocol = design.Protocol;
        var studyOid = $"ST.{protocol.Code}";
        var metaDataVersionOid = $"MDV.{protocol.Code}.V{protocol.Version}";
        var file = new OdmFileInfo(
            $"TRIALOPS.{protocol.Code}.{(design.IsBlinded ? "BLINDED" : "UNBLINDED")}.{asOf.Position}",
            OdmFileType.Transactional,
            asOf.RecordedAt)
        {
            AsOfDateTime = asOf.RecordedAt,
            Description = design.IsBlinded
                ? $"Blinded export of {protocol.Code} as of ledger position {asOf.Position}: no treatment identity"
                : $"Unblinded export of {protocol.Code} as of ledger position {asOf.Position}",
            Originator = "TrialOps",
            SourceSystem = "TrialOps",
            SourceSystemVersion = softwareVersion,
        };

        _odm = OdmWriter.Create(output, file);
        _odm.BeginStudy(new OdmStudy(
            studyOid,
            protocol.Code.Value,
            // The title names the treatments; a blinded file describes the trial without it.
            design.IsBlinded
                ? $"{protocol.Indication}: phase {protocol.Phase}, randomized, {ProtocolText.Blinding(protocol.Blinding)} crossover, {protocol.PeriodCount} periods"
                : protocol.Title,
            protocol.Code.Value));
        WriteMetaData(_odm, metaDataVersionOid);
        _odm.EndStudy();

        var effective = DateOnly.FromDateTime(design.Trial.Versions[0].RecordedAt.UtcDateTime);
        var versionRef = new OdmMetaDataVersionRef(studyOid, metaDataVersionOid, effective);
        var locations = new List<OdmLocation> { new(SponsorLocation, "Sponsor", OdmLocationType.Sponsor, [versionRef]) };
        locations.AddRange(siteNames.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(site => new OdmLocation(LocationOid(site.Key), site.Value, OdmLocationType.Site, [versionRef])));
        var odmUsers = actors.Concat(signers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(actor => users.TryGetValue(actor, out var account)
                ? new OdmUser(UserOid(actor)) { LoginName = actor, DisplayName = account.DisplayName }
                : new OdmUser(UserOid(actor)) { LoginName = actor })
            .ToArray();
        _odm.WriteAdminData(studyOid, odmUsers, locations, OdmSignatures.All.Where(d => signatureKinds.Contains(d.Oid)).ToArray());
        _odm.BeginClinicalData(studyOid, metaDataVersionOid);
    }

    public static string UserOid(string actorId) => $"U.{actorId}";

    public static string LocationOid(string site) => $"L.{site}";

    /// <summary>
    /// The subject's SubjectData: their transactions grouped by study event and form, and the
    /// signed trial-level actions taken while their record existed, each where it happened in time.
    /// </summary>
    public void AddSubject(SubjectHistory subject)
    {
        var transactions = OdmSubjectData.For(_design, subject, _signed);
        if (transactions.Count == 0)
        {
            return;
        }

        var location = subject.Site is { } site && _sites.Contains(site) ? LocationOid(site) : SponsorLocation;
        var firstPosition = transactions.Min(t => t.Source.Position);
        var unblindedAt = _design.IsBlinded ? _trialActions.FirstOrDefault(a => a.Signing.SignatureOid == OdmSignatures.Unblind)?.Source.Position : null;
        var records = _trialActions.Where(a => a.Source.Position > firstPosition)
            .Select(action => (action.Source.Position, Write: (Action)(() => WriteTrialAction(subject.Subject, action))))
            .Concat(OdmMonitoring.For(subject, stored => unblindedAt is not { } unblinded || stored.Position < unblinded)
                .Select(annotated => (annotated.Source.Position, Write: (Action)(() => WriteAnnotated(subject.Subject, location, annotated)))))
            .Concat(OdmSubjectData.SubjectSignatures(subject)
                .Select(signed => (signed.Source.Position, Write: (Action)(() => WriteSubjectSignature(subject.Subject, location, signed)))))
            .OrderBy(r => r.Position);
        var after = long.MinValue;
        foreach (var (before, write) in records)
        {
            WriteSubjectData(subject.Subject, location, transactions.Where(t => t.Source.Position > after && t.Source.Position < before).ToArray());
            write();
            after = before;
        }

        WriteSubjectData(subject.Subject, location, transactions.Where(t => t.Source.Position > after).ToArray());
    }

    private void WriteSubjectData(string subjectKey, string location, IReadOnlyList<OdmTransaction> transactions)
    {
        if (transactions.Count == 0)
        {
            return;
        }

        _odm.BeginSubjectData(subjectKey);
        string? openEvent = null;
        (string Form, string? Repeat)? openForm = null;
        foreach (var transaction in transactions)
        {
            var path = transaction.Path;
            if (openEvent != path.EventOid)
            {
                if (openForm is not null)
                {
                    _odm.EndFormData();
                    openForm = null;
                }

                if (openEvent is not null)
                {
                    _odm.EndStudyEventData();
                }

                _odm.BeginStudyEventData(path.EventOid);
                openEvent = path.EventOid;
            }

            if (openForm != (path.FormOid, path.FormRepeat))
            {
                if (openForm is not null)
                {
                    _odm.EndFormData();
                }

                _odm.BeginFormData(path.FormOid, path.FormRepeat);
                openForm = (path.FormOid, path.FormRepeat);
            }

            var source = transaction.Source;
            _odm.BeginItemGroupData(
                path.GroupOid,
                path.GroupRepeat,
                transaction.Transaction,
                new OdmAuditRecord(
                    UserOid(source.Metadata.ActorId),
                    location,
                    source.RecordedAt,
                    transaction.Transaction == OdmTransactionType.Update ? source.Metadata.Reason : null,
                    Position(source)),
                transaction.Signing is { } signing ? new OdmSignature(UserOid(signing.SignedBy), location, signing.SignatureOid, source.RecordedAt) : null);
            foreach (var item in transaction.Items)
            {
                // The group's transaction type applies to its items unless one differs (a new item in an update).
                _odm.WriteItemData(item.ItemOid, item.Value, item.Transaction == transaction.Transaction ? null : item.Transaction);
            }

            _odm.EndItemGroupData();
        }

        if (openForm is not null)
        {
            _odm.EndFormData();
        }

        if (openEvent is not null)
        {
            _odm.EndStudyEventData();
        }

        _odm.EndSubjectData();
    }

    /// <summary>A query step or verification on the subject's record: an Update that changes no data, with its audit record and annotation (<see cref="OdmMonitoring"/>).</summary>
    private void WriteAnnotated(string subjectKey, string location, OdmAnnotatedRecord annotated)
    {
        var source = annotated.Source;
        _odm.BeginSubjectData(subjectKey, OdmTransactionType.Update, new OdmAuditRecord(UserOid(source.Metadata.ActorId), location, source.RecordedAt, null, Position(source)));
        _odm.WriteAnnotation(annotated.Annotation);
        _odm.EndSubjectData();
    }

    /// <summary>
    /// A signature of the participant's whole record (the Investigator's casebook sign-off): an
    /// Update that changes no data, whose AuditRecord is the signing event's and whose Signature
    /// binds the signer and the meaning to the record as it then was. A later change does not remove
    /// it: the file keeps it where it happened, before the change.
    /// </summary>
    private void WriteSubjectSignature(string subjectKey, string location, OdmSignedRecord signed)
    {
        var source = signed.Source;
        _odm.BeginSubjectData(
            subjectKey,
            OdmTransactionType.Update,
            new OdmAuditRecord(UserOid(source.Metadata.ActorId), location, source.RecordedAt, null, Position(source)),
            new OdmSignature(UserOid(signed.Signing.SignedBy), location, signed.Signing.SignatureOid, source.RecordedAt));
        _odm.EndSubjectData();
    }

    /// <summary>A lock, unlock or unblinding signed on the subject's record: an Update that changes no data.</summary>
    private void WriteTrialAction(string subjectKey, OdmTrialAction action)
    {
        _odm.BeginSubjectData(
            subjectKey,
            OdmTransactionType.Update,
            new OdmAuditRecord(UserOid(action.Source.Metadata.ActorId), SponsorLocation, action.Source.RecordedAt, ReasonOf(action), Position(action.Source)),
            new OdmSignature(UserOid(action.Signing.SignedBy), SponsorLocation, action.Signing.SignatureOid, action.Source.RecordedAt));
        _odm.EndSubjectData();
    }

    /// <summary>
    /// The reason an unlock gives. Blinded files leave out free text written after the trial was
    /// unblinded (its author may know the allocation), as they leave out a code break's justification.
    /// </summary>
    private string? ReasonOf(OdmTrialAction action)
    {
        if (action.Reason is null || !_design.IsBlinded)
        {
            return action.Reason;
        }

        var unblinded = _trialActions.FirstOrDefault(a => a.Signing.SignatureOid == OdmSignatures.Unblind);
        return unblinded is not null && unblinded.Source.Position < action.Source.Position ? null : action.Reason;
    }

    private static string Position(StoredEvent source) => source.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Closes ClinicalData and the document, and flushes.</summary>
    public void Complete()
    {
        _odm.EndClinicalData();
        _odm.Complete();
    }

    /// <summary>Without <see cref="Complete"/> the document stays unfinished (not well-formed), on purpose.</summary>
    public void Dispose() => _odm.Dispose();

    private void WriteMetaData(OdmWriter odm, string metaDataVersionOid)
    {
        var protocol = _design.Protocol;
        odm.BeginMetaDataVersion(new OdmMetaDataVersion(metaDataVersionOid, $"{protocol.Code} protocol version {protocol.Version}"));
        var events = OdmModel.Build(_design, _criterionCodes, _periodCount);
        odm.WriteProtocol(events.Select((e, i) => new OdmRef(e.Oid, Mandatory: e.Type == OdmEventType.Scheduled && i == 0, i + 1)).ToArray());
        foreach (var studyEvent in events)
        {
            odm.WriteStudyEventDef(new OdmStudyEventDef(
                studyEvent.Oid,
                studyEvent.Name,
                studyEvent.Repeating,
                studyEvent.Type,
                studyEvent.Forms.Select((f, i) => new OdmRef(f.Oid, false, i + 1)).ToArray()));
        }

        var forms = events.SelectMany(e => e.Forms).DistinctBy(f => f.Oid).ToArray();
        foreach (var form in forms)
        {
            odm.WriteFormDef(new OdmFormDef(form.Oid, form.Name, form.Repeating, form.Groups.Select((g, i) => new OdmRef(g.Oid, false, i + 1)).ToArray()));
        }

        var groups = forms.SelectMany(f => f.Groups).DistinctBy(g => g.Oid).ToArray();
        foreach (var group in groups)
        {
            odm.WriteItemGroupDef(new OdmItemGroupDef(group.Oid, group.Name, group.Repeating, group.Items.Select((item, i) => new OdmItemRef(item.Oid, false, i + 1)).ToArray())
            {
                Domain = group.Domain,
            });
        }

        foreach (var item in groups.SelectMany(g => g.Items))
        {
            odm.WriteItemDef(new OdmItemDef(item.Oid, item.Name, item.Type)
            {
                SasFieldName = item.SasName,
                Question = item.Question,
                CodeListOid = item.CodeList,
            });
        }

        odm.WriteCodeList(new OdmCodeList(OdmModel.YesNoList, "No Yes Response", OdmCodeListDataType.Text, [new("N", "No", 1), new("Y", "Yes", 2)])
        {
            SasFormatName = "$NY",
        });
        odm.EndMetaDataVersion();
    }
}
