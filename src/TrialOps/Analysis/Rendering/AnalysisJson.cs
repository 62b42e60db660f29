using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrialOps.Analysis.Rendering;

/// <summary>
/// <c>analysis.json</c>: every number of the analysis with its method, n and the ADaM rows it used,
/// in the order the records declare them. Numbers are written in .NET's shortest round-trip form
/// (the same double always gives the same digits); a number that does not exist (a t statistic
/// without variance) is null.
/// </summary>
public static class AnalysisJson
{
    public const string FileName = "analysis.json";
    public const string FormatVersion = "trialops.analysis.v1";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new FiniteDoubleConverter(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(AnalysisResult result)
    {
        var node = JsonSerializer.SerializeToNode(result, Options)!.AsObject();
        var document = new JsonObject { ["format"] = FormatVersion };
        foreach (var (name, value) in node.ToArray())
        {
            node.Remove(name);
            document[name] = value;
        }
        return document.ToJsonString(Options) + "\n";
    }

    /// <summary>
    /// Reads an <c>analysis.json</c> this version wrote back into its records (a number that did not
    /// exist, written as null, reads as NaN), for showing a stored analysis again; null for another format.
    /// </summary>
    public static AnalysisResult? Read(string json)
    {
        var node = JsonNode.Parse(json)?.AsObject();
        if (node is null || node["format"]?.GetValue<string>() != FormatVersion)
        {
            return null;
        }

        node.Remove("format");
        return node.Deserialize<AnalysisResult>(Options);
    }

    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
