using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrialOps.Cdisc;

namespace TrialOps.Exports.Sdtm;

/// <summary>
/// One dataset as CDISC Dataset-JSON 1.1 (<c>&lt;domain&gt;.json</c>), written row by row beside
/// its CSV and XPT with the same columns and values. The creation time is the export's as-of time,
/// never the clock, so an export derived again at the same position is byte-identical. The record
/// count follows the rows (a JSON object's members have no order), so nothing is held in memory.
/// </summary>
public sealed class DatasetJsonWriter
{
    public const string Version = "1.1.0";

    private static readonly JsonWriterOptions Options = new()
    {
        // Values are US-ASCII already (SdtmRow); this keeps '<', '&' and quotes readable and safe.
        Encoder = JavaScriptEncoder.Default,
        Indented = false,
        SkipValidation = false,
    };

    private readonly Utf8JsonWriter _json;
    private readonly IReadOnlyList<XptVariable> _variables;
    private long _records;

    private DatasetJsonWriter(Stream stream, IReadOnlyList<XptVariable> variables)
    {
        _json = new Utf8JsonWriter(stream, Options);
        _variables = variables;
    }

    public static DatasetJsonWriter Create(Stream stream, SdtmDomain domain, string studyId, DateTime created)
    {
        var writer = new DatasetJsonWriter(stream, domain.Variables);
        var json = writer._json;
        var stamp = created.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteString("datasetJSONCreationDateTime", stamp);
        json.WriteString("datasetJSONVersion", Version);
        json.WriteString("fileOID", $"{studyId}/{domain.Code}");
        json.WriteString("dbLastModifiedDateTime", stamp);
        json.WriteString("originator", "TrialOps");
        json.WriteStartObject("sourceSystem");
        json.WriteString("name", "TrialOps");
        json.WriteString("version", typeof(DatasetJsonWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.WriteEndObject();
        json.WriteString("studyOID", studyId);
        json.WriteString("itemGroupOID", $"IG.{domain.Code}");
        json.WriteString("name", domain.Code);
        json.WriteString("label", domain.Label);
        json.WriteStartArray("columns");
        foreach (var variable in domain.Variables)
        {
            json.WriteStartObject();
            json.WriteString("itemOID", $"IT.{domain.Code}.{variable.Name}");
            json.WriteString("name", variable.Name);
            json.WriteString("label", variable.Label);
            json.WriteString("dataType", variable.Type == XptType.Character ? "string" : "double");
            if (variable.Type == XptType.Character)
            {
                json.WriteNumber("length", variable.Length);
            }

            // ADaM dates and datetimes are SAS numerics (ADR 0016); the format says how to read them, as in the XPT and define.xml.
            if (variable.Format is { } format)
            {
                json.WriteString("displayFormat", format);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        return writer;
    }

    public void WriteRow(IReadOnlyList<object?> values)
    {
        _json.WriteStartArray();
        for (var i = 0; i < _variables.Count; i++)
        {
            switch (values[i])
            {
                case null:
                    _json.WriteNullValue();
                    break;
                case string text:
                    _json.WriteStringValue(text);
                    break;
                case double number:
                    _json.WriteNumberValue(number);
                    break;
                default:
                    throw new ArgumentException($"{_variables[i].Name}: unexpected value of type {values[i]!.GetType().Name}.", nameof(values));
            }
        }

        _json.WriteEndArray();
        _records++;
        if (_json.BytesPending > 64 * 1024)
        {
            _json.Flush();
        }
    }

    public void Complete()
    {
        _json.WriteEndArray();
        _json.WriteNumber("records", _records);
        _json.WriteEndObject();
        _json.Flush();
    }
}
