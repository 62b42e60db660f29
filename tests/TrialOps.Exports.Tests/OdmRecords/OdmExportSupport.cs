using System.Globalization;
using System.Xml.Linq;
using TrialOps.Cdisc;

namespace TrialOps.Exports.Tests.OdmRecords;

/// <summary>The demo's serious adverse event (the demo's first participant has one; the medical monitor assessed it unexpected: a SUSAR).</summary>
public sealed record DemoSusar(string AdverseEventId, string Subject);

/// <summary>Small helpers of the ODM sign-off and expedited-reporting tests.</summary>
public static class OdmExportSupport
{
    public static readonly XNamespace OdmNs = OdmWriter.Namespace;

    /// <summary>The case the demo's medical monitor assessed, read from the store.</summary>
    public static async Task<DemoSusar> DemoSusarAsync(ExportTrialFixture fixture)
    {
        await using var command = fixture.Runtime.DataSource.CreateCommand(
            "SELECT data->>'adverseEventId', data->>'subject' FROM mt_events WHERE type = 'adverse-event.expectedness-assessed.v1' AND data->>'protocol' = $1 ORDER BY seq_id");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = fixture.TrialCode });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the demo assessed the expectedness of its serious adverse event");
        return new DemoSusar(reader.GetString(0), reader.GetString(1));
    }

    public static IEnumerable<XElement> SubjectDataOf(XDocument document, string subject) =>
        document.Descendants(OdmNs + "SubjectData").Where(s => (string)s.Attribute("SubjectKey")! == subject);

    /// <summary>The item groups of the subject with the OID (and, for an AE, the case's form repeat key).</summary>
    public static IReadOnlyList<XElement> GroupsOf(XDocument document, string subject, string groupOid, string? formRepeat = null) =>
        SubjectDataOf(document, subject).Descendants(OdmNs + "ItemGroupData")
            .Where(g => (string)g.Attribute("ItemGroupOID")! == groupOid
                && (formRepeat is null || (string?)g.Parent!.Attribute("FormRepeatKey") == formRepeat))
            .ToArray();

    public static string? SourceId(XElement element) => (string?)element.Element(OdmNs + "AuditRecord")?.Element(OdmNs + "SourceID");

    public static string? AuditUser(XElement element) => (string?)element.Element(OdmNs + "AuditRecord")?.Element(OdmNs + "UserRef")?.Attribute("UserOID");

    public static string? Value(XElement group, string itemOid) =>
        (string?)group.Elements(OdmNs + "ItemData").SingleOrDefault(i => (string)i.Attribute("ItemOID")! == itemOid)?.Attribute("Value");

    public static string Position(long position) => position.ToString(CultureInfo.InvariantCulture);
}
