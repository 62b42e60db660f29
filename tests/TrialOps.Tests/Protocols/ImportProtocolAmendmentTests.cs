using System.Text;
using System.Text.Json.Nodes;
using TrialOps.Common;
using TrialOps.Messaging;
using TrialOps.Protocols;

namespace TrialOps.Tests.Protocols;

public class ImportProtocolAmendmentTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private static readonly Actor Coordinator = new("u-coordinator", Roles.Coordinator);

    [Fact]
    public void importing_the_version_in_force_from_the_identical_file_is_reported_as_already_imported()
    {
        var bytes = Encoding.UTF8.GetBytes(ProtocolFixtures.KetJson);
        var state = ProtocolState.From([Imported(ProtocolFixtures.KetJson, ProtocolFile.Sha256(bytes))]);

        var decision = ImportProtocol.Decide(state, Command(bytes), Now);

        Assert.Empty(decision.Events);
        Assert.Equal(ImportProtocol.AlreadyImported, decision.Rejection?.Code);
        Assert.Equal("protocol.already-imported", ImportProtocol.AlreadyImported);
    }

    [Fact]
    public void an_amendment_may_change_labels_doses_and_add_a_site()
    {
        var state = ProtocolState.From([Imported(ProtocolFixtures.KetJson, new string('0', 64))]);
        var amended = Bytes(root =>
        {
            root["version"] = 2;
            root["treatments"]![0]!["label"] = "Ketamine hydrochloride 0.4 mg/kg IV over 40 minutes";
            root["treatments"]![0]!["components"]![0]!["dose"] = 0.4;
            root["sites"]!.AsArray().Add(JsonNode.Parse("""{ "code": "S03", "name": "Third Hospital" }"""));
        });

        var decision = ImportProtocol.Decide(state, Command(amended), Now);

        Assert.IsType<ProtocolAmended>(Assert.Single(decision.Events).Data);
    }

    [Theory]
    [InlineData("sequences")]
    [InlineData("stratification")]
    public void an_amendment_may_not_change_what_the_existing_lists_allocate(string change)
    {
        var state = ProtocolState.From([Imported(ProtocolFixtures.KetJson, new string('0', 64))]);
        var amended = Bytes(root =>
        {
            root["version"] = 2;
            if (change == "sequences")
            {
                root["sequences"] = JsonNode.Parse("""[["PBO", "KET"], ["KET", "PBO"]]""");
            }
            else
            {
                root["randomization"]!["stratifyBy"] = new JsonArray();
            }
        });

        var decision = ImportProtocol.Decide(state, Command(amended), Now);

        Assert.Empty(decision.Events);
        Assert.Equal(("protocol.randomization-changed", "sequences"), (decision.Rejection?.Code, decision.Rejection?.Field));
        Assert.DoesNotContain("PBO", decision.Rejection!.Message);
    }

    private static ImportProtocol Command(byte[] bytes)
    {
        var (command, parse) = ImportProtocol.FromFile(bytes, Coordinator);
        Assert.True(parse.IsValid, string.Join(Environment.NewLine, parse.ProblemLines));
        return command!;
    }

    private static byte[] Bytes(Action<JsonObject> change) => Encoding.UTF8.GetBytes(ProtocolFixtures.Mutated(change));

    private static ProtocolImported Imported(string json, string sha) =>
        new(ProtocolCode.Parse("KET-NP-01"), "u-coordinator", Now.AddDays(-30), 1, json, sha);
}
