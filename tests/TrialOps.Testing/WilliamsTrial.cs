using System.Text.Json.Nodes;

namespace TrialOps.Testing;

/// <summary>
/// A three-treatment Williams crossover for tests: KET-NP-01 with morphine added as a third
/// treatment and the six Williams sequences over three periods (blocks of six).
/// </summary>
public static class WilliamsTrial
{
    /// <summary>The protocol file's JSON, from KET-NP-01's (<paramref name="ketNp01Json"/>) under another code and title.</summary>
    public static string FromKetNp01(string ketNp01Json, string code, string title)
    {
        var root = JsonNode.Parse(ketNp01Json)!.AsObject();
        root["code"] = code;
        root["title"] = title;
        root["treatments"]!.AsArray().Insert(1, new JsonObject
        {
            ["code"] = "MOR",
            ["label"] = "Morphine sulfate 0.05 mg/kg IV over 40 minutes",
            ["placebo"] = false,
            ["route"] = "INTRAVENOUS",
            ["components"] = new JsonArray(new JsonObject { ["kind"] = "infusion", ["dose"] = 0.05, ["unit"] = "mg/kg", ["minutes"] = 40 }),
        });
        root["sequences"] = "williams";
        root["randomization"]!["blockSizes"] = new JsonArray(6);
        return root.ToJsonString();
    }
}
