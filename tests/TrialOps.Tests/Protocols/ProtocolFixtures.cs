using System.Text.Json.Nodes;
using TrialOps.Protocols;

namespace TrialOps.Tests.Protocols;

/// <summary>The example protocol, located from the test assembly, and variants of it.</summary>
public static class ProtocolFixtures
{
    private static readonly Lazy<string> KetText = new(() => File.ReadAllText(KetPath));

    /// <summary>
    /// <c>&lt;repo&gt;/../shared/protocols/KET-NP-01.json</c>, the file the format is specified with;
    /// in a clone without the shared folder (CI), its unchanged copy in <c>&lt;repo&gt;/seed</c>.
    /// </summary>
    public static string KetPath
    {
        get
        {
            var root = RepositoryRoot;
            var shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "protocols", "KET-NP-01.json"));
            return File.Exists(shared) ? shared : Path.Combine(root, "seed", "KET-NP-01.json");
        }
    }

    public static string KetJson => KetText.Value;

    public static ProtocolDefinition Ket => Parse(KetJson);

    public static ProtocolDefinition Parse(string json)
    {
        var result = ProtocolFile.Parse(json);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.ProblemLines));
        return result.Definition;
    }

    /// <summary>KET-NP-01 with a change applied.</summary>
    public static string Mutated(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(KetJson)!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    /// <summary>A three-treatment protocol with a Williams design (six sequences).</summary>
    public static string ThreeTreatmentWilliamsJson => Mutated(root =>
    {
        root["code"] = "KET-NP-02";
        root["treatments"]!.AsArray().Add(JsonNode.Parse("""
            {
              "code": "MGCL",
              "label": "Magnesium chloride 0.16 mmol/kg over 10 minutes",
              "placebo": false,
              "route": "INTRAVENOUS",
              "components": [ { "kind": "bolus", "dose": 0.16, "unit": "mmol/kg", "minutes": 10 } ]
            }
            """));
        root["sequences"] = "williams";
        root["randomization"]!["blockSizes"] = new JsonArray(6, 12);
    });

    /// <summary>The checkout this test assembly was built from (the folder holding Directory.Packages.props).</summary>
    public static string RepositoryRoot => FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}.");
    }
}
