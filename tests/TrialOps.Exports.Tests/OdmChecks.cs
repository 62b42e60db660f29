using System.Globalization;
using System.Xml.Linq;
using TrialOps.Cdisc;
using TrialOps.Protocols;

namespace TrialOps.Exports.Tests;

/// <summary>Reading an export's <c>odm.xml</c> the way a reviewer checks it.</summary>
public static class OdmChecks
{
    public static readonly XNamespace Odm = OdmWriter.Namespace;

    public static XDocument Load(string directory) => XDocument.Load(Path.Combine(directory, TrialExporter.OdmFileName));

    /// <summary>
    /// ODM 1.3.2 §2.9–2.10: the transactions on an entity apply in file order, so for every item
    /// group and every item (keyed by subject, study event, form, group, repeat keys) the first
    /// transaction must be an Insert and the AuditRecord times must never go back; every
    /// element's Signature must not be older than its AuditRecord, and a subject's own
    /// (SubjectData-level) records must be in time order too. Returns each violation.
    /// </summary>
    public static IReadOnlyList<string> OutOfOrder(XDocument document)
    {
        var problems = new List<string>();
        var history = new Dictionary<string, (string Transaction, DateTimeOffset At)>(StringComparer.Ordinal);
        void Apply(string entity, string transaction, DateTimeOffset at)
        {
            if (!history.TryGetValue(entity, out var previous))
            {
                if (transaction != "Insert")
                {
                    problems.Add($"{entity}: first transaction is {transaction}");
                }
            }
            else if (at < previous.At)
            {
                problems.Add($"{entity}: {transaction} at {at:O} follows {previous.Transaction} at {previous.At:O}");
            }

            history[entity] = (transaction, at);
        }

        foreach (var subject in document.Descendants(Odm + "SubjectData"))
        {
            var subjectKey = (string)subject.Attribute("SubjectKey")!;
            if (subject.Element(Odm + "AuditRecord") is { } subjectAudit)
            {
                var at = TimeOf(subjectAudit);
                if (history.TryGetValue($"subject {subjectKey}", out var previous) && at < previous.At)
                {
                    problems.Add($"subject {subjectKey}: record at {at:O} follows one at {previous.At:O}");
                }

                history[$"subject {subjectKey}"] = ("Update", at);
            }
        }

        foreach (var element in document.Descendants().Where(e => e.Element(Odm + "Signature") is not null))
        {
            var audit = element.Element(Odm + "AuditRecord");
            if (audit is null || TimeOf(element.Element(Odm + "Signature")!) < TimeOf(audit))
            {
                problems.Add($"{Describe(element)}: its Signature is older than its AuditRecord, or it has none");
            }
        }

        foreach (var group in document.Descendants(Odm + "ItemGroupData"))
        {
            var audit = group.Element(Odm + "AuditRecord");
            if (audit is null)
            {
                problems.Add($"{Describe(group)}: no AuditRecord");
                continue;
            }

            var at = TimeOf(audit);
            var groupTransaction = (string?)group.Attribute("TransactionType") ?? "(none)";
            Apply(Describe(group), groupTransaction, at);
            foreach (var item in group.Elements(Odm + "ItemData"))
            {
                Apply($"{Describe(group)} {item.Attribute("ItemOID")!.Value}", (string?)item.Attribute("TransactionType") ?? groupTransaction, at);
            }
        }

        return problems;
    }

    /// <summary>The signed trial-level actions written on the subject's record, in file order: (SignatureDef, signer, SourceID, reason).</summary>
    public static IReadOnlyList<(string Signature, string User, string SourceId, string? Reason)> TrialActionsOf(XDocument document, string subjectKey) =>
        document.Root!.Element(Odm + "ClinicalData")!.Elements(Odm + "SubjectData")
            .Where(s => (string)s.Attribute("SubjectKey")! == subjectKey && s.Element(Odm + "Signature") is not null)
            .Select(s => (
                (string)s.Element(Odm + "Signature")!.Element(Odm + "SignatureRef")!.Attribute("SignatureOID")!,
                (string)s.Element(Odm + "Signature")!.Element(Odm + "UserRef")!.Attribute("UserOID")!,
                (string)s.Element(Odm + "AuditRecord")!.Element(Odm + "SourceID")!,
                (string?)s.Element(Odm + "AuditRecord")!.Element(Odm + "ReasonForChange")))
            .ToArray();

    /// <summary>Each place a file of the export names a treatment code, label or sequence (DESIGN.md §6).</summary>
    public static IReadOnlyList<string> TreatmentSecretsIn(string directory, ProtocolDefinition protocol)
    {
        var secrets = ExportFiles.TreatmentSecrets(protocol);
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var text = ExportFiles.BlindedScanText(path, protocol);
            foreach (var (what, pattern) in secrets)
            {
                if (pattern.Match(text) is { Success: true } match)
                {
                    var start = Math.Max(0, match.Index - 60);
                    found.Add($"{Path.GetFileName(path)} contains {what}: …{text[start..Math.Min(text.Length, match.Index + match.Length + 60)]}…");
                }
            }
        }

        return found;
    }

    private static DateTimeOffset TimeOf(XElement auditOrSignature) =>
        DateTimeOffset.Parse(auditOrSignature.Element(Odm + "DateTimeStamp")!.Value, CultureInfo.InvariantCulture);

    private static string Describe(XElement element) =>
        string.Join(" / ", element.AncestorsAndSelf().Reverse().Where(e => e.Name.LocalName is "SubjectData" or "StudyEventData" or "FormData" or "ItemGroupData" or "ItemData")
            .Select(e => string.Join(":", e.Attributes().Where(a => a.Name.LocalName is "SubjectKey" or "StudyEventOID" or "StudyEventRepeatKey" or "FormOID" or "FormRepeatKey" or "ItemGroupOID" or "ItemGroupRepeatKey" or "ItemOID").Select(a => a.Value))));
}
