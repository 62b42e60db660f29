using System.Globalization;
using System.Text;
using System.Xml;
using TrialOps.Cdisc;
using TrialOps.Exports.Sdtm;

namespace TrialOps.Exports.Define;

/// <summary>One dataset of the export as written: its variables with the lengths of the XPT.</summary>
public sealed record WrittenDataset(SdtmDomain Domain, long Rows);

/// <summary>
/// Writes <c>define.xml</c> (CDISC Define-XML 2.0.0 on ODM 1.3.2) describing the SDTM datasets of
/// one export exactly as written: an ItemGroupDef per dataset with its XPT as def:leaf, an ItemDef
/// per variable with the XPT's type and length, CDISC codelists with the values the datasets use
/// (NCI codes as aliases), value-level metadata of the findings results by test code, and the
/// methods of the derived variables. Everything comes from the export's own datasets and recorded
/// time, so the file is byte-identical when derived again at the same position, and a blinded one
/// holds nothing the blinded datasets do not.
/// </summary>
public static class DefineXmlWriter
{
    public const string FileName = "define.xml";
    public const string OdmNamespace = "http://www.cdisc.org/ns/odm/v1.3";
    public const string DefNamespace = "http://www.cdisc.org/ns/def/v2.0";
    public const string XlinkNamespace = "http://www.w3.org/1999/xlink";

    private const string BlindedComment = "COM.BLINDED";

    /// <summary>Bytes of a numeric variable in the XPT (an IBM double).</summary>
    private const int NumericLength = 8;

    public static void Write(Stream output, ExportDesign design, LedgerPoint asOf, string softwareVersion, IReadOnlyList<WrittenDataset> datasets, DefineFacts facts)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(output, settings);
        var protocol = design.Protocol;
        var code = protocol.Code.Value;
        var blinded = design.IsBlinded;
        var stamp = asOf.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        xml.WriteStartDocument();
        xml.WriteStartElement("ODM", OdmNamespace);
        xml.WriteAttributeString("xmlns", "def", null, DefNamespace);
        xml.WriteAttributeString("xmlns", "xlink", null, XlinkNamespace);
        xml.WriteAttributeString("FileType", "Snapshot");
        xml.WriteAttributeString("FileOID", $"DEFINE.{code}.{(blinded ? "BLINDED" : "UNBLINDED")}.{asOf.Position}");
        xml.WriteAttributeString("CreationDateTime", stamp);
        xml.WriteAttributeString("AsOfDateTime", stamp);
        xml.WriteAttributeString("ODMVersion", "1.3.2");
        xml.WriteAttributeString("Originator", "TrialOps");
        xml.WriteAttributeString("SourceSystem", "TrialOps");
        xml.WriteAttributeString("SourceSystemVersion", softwareVersion);

        xml.WriteStartElement("Study", OdmNamespace);
        xml.WriteAttributeString("OID", $"ST.{code}");
        xml.WriteStartElement("GlobalVariables", OdmNamespace);
        xml.WriteElementString("StudyName", OdmNamespace, code);
        // The title names the treatments; a blinded file describes the trial without it.
        xml.WriteElementString("StudyDescription", OdmNamespace, blinded
            ? $"{protocol.Indication}: phase {protocol.Phase}, randomized, {CdiscTerms.Blinding(protocol.Blinding).Value.ToLowerInvariant()} crossover, {protocol.PeriodCount} periods"
            : protocol.Title);
        xml.WriteElementString("ProtocolName", OdmNamespace, code);
        xml.WriteEndElement();

        xml.WriteStartElement("MetaDataVersion", OdmNamespace);
        xml.WriteAttributeString("OID", $"MDV.{code}.SDTMIG.{SdtmMetadata.StandardVersion}");
        xml.WriteAttributeString("Name", blinded ? $"{code} SDTM tabulation datasets (blinded)" : $"{code} SDTM tabulation and ADaM analysis datasets (unblinded)");
        xml.WriteAttributeString("Description", blinded
            ? $"Blinded export of {code} as of ledger position {asOf.Position}: no treatment identity"
            : $"Unblinded export of {code} as of ledger position {asOf.Position}");
        xml.WriteAttributeString("DefineVersion", DefNamespace, "2.0.0");
        xml.WriteAttributeString("StandardName", DefNamespace, SdtmMetadata.StandardName);
        xml.WriteAttributeString("StandardVersion", DefNamespace, SdtmMetadata.StandardVersion);

        var valueLevel = datasets
            .Where(d => SdtmMetadata.ValueLevel.ContainsKey(d.Domain.Code))
            .SelectMany(d => SdtmMetadata.ValueLevel[d.Domain.Code].Results
                .Where(r => HasVariable(d.Domain, r) && HasVariable(d.Domain, SdtmMetadata.ValueLevel[d.Domain.Code].TestCode))
                .Select(r => (Dataset: d.Domain.Code, Variable: r, Tests: facts.ValueLevel(d.Domain.Code))))
            .Where(v => v.Tests.Count > 0)
            .ToArray();
        WriteValueLists(xml, valueLevel);
        WriteWhereClauses(xml, valueLevel);

        var codeLists = new SortedDictionary<string, CodeListSpec>(StringComparer.Ordinal);
        var methods = new SortedDictionary<string, MethodSpec>(StringComparer.Ordinal);
        foreach (var (domain, _) in datasets)
        {
            WriteItemGroup(xml, domain, facts.Columns(domain.Code), blinded, methods);
        }

        foreach (var (domain, _) in datasets)
        {
            var columns = facts.Columns(domain.Code);
            for (var i = 0; i < domain.Variables.Count; i++)
            {
                var variable = domain.Variables[i];
                var codeList = CodeListFor(domain, variable, facts);
                if (codeList is not null)
                {
                    codeLists[codeList.Oid] = codeList;
                }

                var hasValueList = valueLevel.Any(v => v.Dataset == domain.Code && v.Variable == variable.Name);
                WriteItemDef(xml, domain.Code, variable, i < columns.Count ? columns[i] : null, codeList, hasValueList);
            }
        }

        foreach (var (dataset, variable, tests) in valueLevel)
        {
            var origin = SdtmMetadata.OriginOf(dataset, variable);
            var numeric = datasets.Single(d => d.Domain.Code == dataset).Domain.Variables.Single(v => v.Name == variable).Type == XptType.Numeric;
            foreach (var (test, results) in tests)
            {
                var result = results.GetValueOrDefault(variable) ?? new ColumnFacts();
                xml.WriteStartElement("ItemDef", OdmNamespace);
                xml.WriteAttributeString("OID", ValueItemOid(dataset, variable, test));
                xml.WriteAttributeString("Name", variable);
                var (dataType, length, digits) = TypeOf(variable, numeric ? XptType.Numeric : XptType.Character, result, Math.Max(1, result.MaxLength), valueLevel: true);
                xml.WriteAttributeString("DataType", dataType);
                xml.WriteAttributeString("Length", length.ToString(CultureInfo.InvariantCulture));
                if (digits is { } significant)
                {
                    xml.WriteAttributeString("SignificantDigits", significant.ToString(CultureInfo.InvariantCulture));
                }

                xml.WriteAttributeString("SASFieldName", variable);
                WriteDescription(xml, $"{variable} where {SdtmMetadata.ValueLevel[dataset].TestCode} is {test}");
                WriteOrigin(xml, origin);
                xml.WriteEndElement();
            }
        }

        foreach (var codeList in codeLists.Values)
        {
            WriteCodeList(xml, codeList, facts.CodeListValues(codeList.Oid));
        }

        foreach (var method in methods.Values)
        {
            xml.WriteStartElement("MethodDef", OdmNamespace);
            xml.WriteAttributeString("OID", method.Oid);
            xml.WriteAttributeString("Name", method.Name);
            xml.WriteAttributeString("Type", "Computation");
            WriteDescription(xml, method.Description);
            xml.WriteEndElement();
        }

        if (blinded)
        {
            xml.WriteStartElement("CommentDef", DefNamespace);
            xml.WriteAttributeString("OID", BlindedComment);
            WriteDescription(xml, "Blinded export: treatment identity is masked. The one planned arm is BLINDED, every treatment element is TRT (Blinded study treatment), and EXDOSE is the volume the blinded staff were instructed to give, the same in every arm.");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>The OID of a dataset variable's ItemDef.</summary>
    public static string ItemOid(string dataset, string variable) => $"IT.{dataset}.{variable}";

    private static string ValueItemOid(string dataset, string variable, string test) => $"IT.{dataset}.{variable}.{Oid(test)}";

    private static string WhereClauseOid(string dataset, string testCode, string test) => $"WC.{dataset}.{testCode}.{Oid(test)}";

    /// <summary>A value as part of an OID: letters, digits, '.', '-' and '_' stay; anything else becomes '_'.</summary>
    private static string Oid(string value) =>
        string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));

    private static bool HasVariable(SdtmDomain domain, string name) => domain.Variables.Any(v => v.Name == name);

    private static void WriteValueLists(XmlWriter xml, IEnumerable<(string Dataset, string Variable, IReadOnlyDictionary<string, Dictionary<string, ColumnFacts>> Tests)> valueLevel)
    {
        foreach (var (dataset, variable, tests) in valueLevel)
        {
            xml.WriteStartElement("ValueListDef", DefNamespace);
            xml.WriteAttributeString("OID", $"VL.{dataset}.{variable}");
            var order = 0;
            foreach (var (test, results) in tests)
            {
                var result = results.GetValueOrDefault(variable);
                xml.WriteStartElement("ItemRef", OdmNamespace);
                xml.WriteAttributeString("ItemOID", ValueItemOid(dataset, variable, test));
                xml.WriteAttributeString("OrderNumber", (++order).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("Mandatory", result is { HasValue: true, HasMissing: false } ? "Yes" : "No");
                if (SdtmMetadata.OriginOf(dataset, variable).Method is { } method)
                {
                    xml.WriteAttributeString("MethodOID", method.Oid);
                }

                xml.WriteStartElement("WhereClauseRef", DefNamespace);
                xml.WriteAttributeString("WhereClauseOID", WhereClauseOid(dataset, SdtmMetadata.ValueLevel[dataset].TestCode, test));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }
    }

    private static void WriteWhereClauses(XmlWriter xml, IEnumerable<(string Dataset, string Variable, IReadOnlyDictionary<string, Dictionary<string, ColumnFacts>> Tests)> valueLevel)
    {
        foreach (var (dataset, tests) in valueLevel.DistinctBy(v => v.Dataset).Select(v => (v.Dataset, v.Tests)))
        {
            var testCode = SdtmMetadata.ValueLevel[dataset].TestCode;
            foreach (var test in tests.Keys)
            {
                xml.WriteStartElement("WhereClauseDef", DefNamespace);
                xml.WriteAttributeString("OID", WhereClauseOid(dataset, testCode, test));
                xml.WriteStartElement("RangeCheck", OdmNamespace);
                xml.WriteAttributeString("Comparator", "EQ");
                xml.WriteAttributeString("SoftHard", "Soft");
                xml.WriteAttributeString("ItemOID", DefNamespace, ItemOid(dataset, testCode));
                xml.WriteElementString("CheckValue", OdmNamespace, test);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
        }
    }

    private static void WriteItemGroup(XmlWriter xml, SdtmDomain domain, IReadOnlyList<ColumnFacts> columns, bool blinded, SortedDictionary<string, MethodSpec> methods)
    {
        var metadata = SdtmMetadata.Datasets.GetValueOrDefault(domain.Code)
            ?? Adam.AdamMetadata.Datasets.GetValueOrDefault(domain.Code)
            ?? new DatasetMetadata("FINDINGS", "One record per observation", ["STUDYID", "USUBJID"], true, false);
        var leaf = $"LF.{domain.Code}";
        xml.WriteStartElement("ItemGroupDef", OdmNamespace);
        xml.WriteAttributeString("OID", $"IG.{domain.Code}");
        xml.WriteAttributeString("Domain", domain.Code);
        xml.WriteAttributeString("Name", domain.Code);
        xml.WriteAttributeString("Repeating", metadata.Repeating ? "Yes" : "No");
        xml.WriteAttributeString("IsReferenceData", metadata.IsReferenceData ? "Yes" : "No");
        xml.WriteAttributeString("SASDatasetName", domain.Code);
        xml.WriteAttributeString("Purpose", metadata.Purpose);
        xml.WriteAttributeString("Structure", DefNamespace, metadata.Structure);
        xml.WriteAttributeString("Class", DefNamespace, metadata.Class);
        xml.WriteAttributeString("ArchiveLocationID", DefNamespace, leaf);
        if (blinded && domain.Code is "TA" or "TE" or "DM" or "SE" or "EX")
        {
            xml.WriteAttributeString("CommentOID", DefNamespace, BlindedComment);
        }

        WriteDescription(xml, domain.Label);
        var order = 0;
        foreach (var variable in domain.Variables)
        {
            var origin = SdtmMetadata.OriginOf(domain.Code, variable.Name);
            var column = order < columns.Count ? columns[order] : null;
            xml.WriteStartElement("ItemRef", OdmNamespace);
            xml.WriteAttributeString("ItemOID", ItemOid(domain.Code, variable.Name));
            xml.WriteAttributeString("OrderNumber", (++order).ToString(CultureInfo.InvariantCulture));

            // Mandatory as the data has it: a value in every record.
            xml.WriteAttributeString("Mandatory", column is { HasValue: true, HasMissing: false } ? "Yes" : "No");
            var key = IndexOf(metadata.Keys, variable.Name);
            if (key >= 0)
            {
                xml.WriteAttributeString("KeySequence", (key + 1).ToString(CultureInfo.InvariantCulture));
            }

            if (origin.Method is { } method)
            {
                methods[method.Oid] = method;
                xml.WriteAttributeString("MethodOID", method.Oid);
            }

            xml.WriteEndElement();
        }

        xml.WriteStartElement("leaf", DefNamespace);
        xml.WriteAttributeString("ID", leaf);
        xml.WriteAttributeString("href", XlinkNamespace, domain.XptFileName);
        xml.WriteElementString("title", DefNamespace, domain.XptFileName);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static CodeListSpec? CodeListFor(SdtmDomain domain, XptVariable variable, DefineFacts facts)
    {
        if (variable.Type != XptType.Character || SdtmMetadata.CodeListOf(domain.Code, variable.Name) is not { } codeList)
        {
            return null;
        }

        // A codelist with no value used has no item, which Define-XML does not allow; the variable is then empty anyway.
        return facts.CodeListValues(codeList.Oid).Count == 0 && codeList.ExternalDictionary is null ? null : codeList;
    }

    private static void WriteItemDef(XmlWriter xml, string dataset, XptVariable variable, ColumnFacts? facts, CodeListSpec? codeList, bool hasValueList)
    {
        var (dataType, length, digits) = TypeOf(variable.Name, variable.Type, facts ?? new ColumnFacts(), variable.Length, valueLevel: false);
        xml.WriteStartElement("ItemDef", OdmNamespace);
        xml.WriteAttributeString("OID", ItemOid(dataset, variable.Name));
        xml.WriteAttributeString("Name", variable.Name);
        xml.WriteAttributeString("DataType", dataType);
        xml.WriteAttributeString("Length", length.ToString(CultureInfo.InvariantCulture));
        if (digits is { } significant)
        {
            xml.WriteAttributeString("SignificantDigits", significant.ToString(CultureInfo.InvariantCulture));
        }

        xml.WriteAttributeString("SASFieldName", variable.Name);
        if (variable.Format is { } format)
        {
            xml.WriteAttributeString("DisplayFormat", DefNamespace, format);
        }

        WriteDescription(xml, variable.Label);
        if (codeList is not null)
        {
            xml.WriteStartElement("CodeListRef", OdmNamespace);
            xml.WriteAttributeString("CodeListOID", codeList.Oid);
            xml.WriteEndElement();
        }

        WriteOrigin(xml, SdtmMetadata.OriginOf(dataset, variable.Name));
        if (hasValueList)
        {
            xml.WriteStartElement("ValueListRef", DefNamespace);
            xml.WriteAttributeString("ValueListOID", $"VL.{dataset}.{variable.Name}");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// Define-XML's data type and length of a variable: numerics are integer or float by their
    /// values and 8 bytes as in the XPT; character variables keep the XPT's length, typed as ISO
    /// 8601 date, datetime or duration where they hold those, else text. A value-level result
    /// (<paramref name="valueLevel"/>) is integer or float when every value of that test is a number.
    /// </summary>
    private static (string DataType, int Length, int? SignificantDigits) TypeOf(string name, XptType type, ColumnFacts facts, int length, bool valueLevel)
    {
        if (type == XptType.Numeric)
        {
            return facts.AllIntegers ? ("integer", NumericLength, null) : ("float", NumericLength, Math.Max(1, facts.MaxFractionDigits));
        }

        if (SdtmMetadata.IsDateTime(name))
        {
            return (facts.HasValue && facts.AllDates ? "date" : "datetime", length, null);
        }

        if (SdtmMetadata.IsDuration(name))
        {
            return ("durationDatetime", length, null);
        }

        if (valueLevel && facts.HasValue && facts.AllNumbers)
        {
            return facts.AllIntegers ? ("integer", length, null) : ("float", length, Math.Max(1, facts.MaxFractionDigits));
        }

        return ("text", length, null);
    }

    private static void WriteOrigin(XmlWriter xml, VariableOrigin origin)
    {
        xml.WriteStartElement("Origin", DefNamespace);
        xml.WriteAttributeString("Type", origin.Type);
        if (origin.Description is { } description)
        {
            WriteDescription(xml, description);
        }

        xml.WriteEndElement();
    }

    private static void WriteCodeList(XmlWriter xml, CodeListSpec codeList, IReadOnlyDictionary<string, string?> values)
    {
        xml.WriteStartElement("CodeList", OdmNamespace);
        xml.WriteAttributeString("OID", codeList.Oid);
        xml.WriteAttributeString("Name", codeList.Name);
        xml.WriteAttributeString("DataType", "text");
        if (codeList.ExternalDictionary is { } dictionary)
        {
            xml.WriteStartElement("ExternalCodeList", OdmNamespace);
            xml.WriteAttributeString("Dictionary", dictionary);
            if (codeList.ExternalVersion is { } version)
            {
                xml.WriteAttributeString("Version", version);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            return;
        }

        var extensible = codeList.NciCode is { } list && ControlledTerms.IsExtensible(list);
        var order = 0;
        foreach (var (value, decode) in values)
        {
            var term = codeList.NciCode is { } nci ? ControlledTerms.CodeOf(nci, value) : null;
            xml.WriteStartElement(codeList.Decode is null ? "EnumeratedItem" : "CodeListItem", OdmNamespace);
            xml.WriteAttributeString("CodedValue", value);
            xml.WriteAttributeString("OrderNumber", (++order).ToString(CultureInfo.InvariantCulture));
            if (term is null && extensible)
            {
                xml.WriteAttributeString("ExtendedValue", DefNamespace, "Yes");
            }

            if (codeList.Decode is not null)
            {
                xml.WriteStartElement("Decode", OdmNamespace);
                WriteTranslatedText(xml, decode ?? value);
                xml.WriteEndElement();
            }

            if (term is not null)
            {
                WriteAlias(xml, term);
            }

            xml.WriteEndElement();
        }

        if (codeList.NciCode is { } code)
        {
            WriteAlias(xml, code);
        }

        xml.WriteEndElement();
    }

    private static void WriteAlias(XmlWriter xml, string code)
    {
        xml.WriteStartElement("Alias", OdmNamespace);
        xml.WriteAttributeString("Context", "nci:ExtCodeID");
        xml.WriteAttributeString("Name", code);
        xml.WriteEndElement();
    }

    private static void WriteDescription(XmlWriter xml, string text)
    {
        xml.WriteStartElement("Description", OdmNamespace);
        WriteTranslatedText(xml, text);
        xml.WriteEndElement();
    }

    private static void WriteTranslatedText(XmlWriter xml, string text)
    {
        xml.WriteStartElement("TranslatedText", OdmNamespace);
        xml.WriteAttributeString("xml", "lang", null, "en");
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static int IndexOf(IReadOnlyList<string> items, string item)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] == item)
            {
                return i;
            }
        }

        return -1;
    }
}
