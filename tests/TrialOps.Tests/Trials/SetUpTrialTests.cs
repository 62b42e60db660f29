using System.Text;
using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Tests.Protocols;
using static TrialOps.Tests.Randomization.RandomizationFixtures;

namespace TrialOps.Tests.Trials;

public class SetUpTrialTests
{
    private static readonly byte[] KetBytes = Encoding.UTF8.GetBytes(ProtocolFixtures.KetJson);

    [Fact]
    public void a_first_import_by_a_coordinator_records_the_protocol_and_a_list_for_every_stratum()
    {
        var command = Command(KetBytes, Coordinator);

        var setup = SetUpTrial.Decide(ProtocolState.Initial, NoLists, command, Now);

        Assert.Equal(ProtocolImportStatus.Imported, setup.Status);
        Assert.Equal(
            ["protocol-KET-NP-01", "randomization-KET-NP-01-S01", "randomization-KET-NP-01-S02"],
            setup.Decision.Events.Select(e => e.StreamId));
        Assert.IsType<ProtocolImported>(setup.Decision.Events[0].Data);
        var lists = setup.Decision.Events.Skip(1).Select(e => Assert.IsType<RandomizationListGenerated>(e.Data)).ToArray();
        Assert.All(lists, list => Assert.InRange(list.Entries.Count, 12, 15));
        Assert.Equal(["S01", "S02"], setup.GeneratedLists.Select(l => l.Stratum));
        Assert.Empty(setup.StrataWithoutList);
    }

    [Fact]
    public void lists_together_cover_the_target_and_each_ends_on_a_block_boundary()
    {
        Assert.Equal(12, SetUpTrial.ListLength(Ket));
        var unstratified = ProtocolFixtures.Parse(ProtocolFixtures.Mutated(r => r["randomization"]!["stratifyBy"] = new System.Text.Json.Nodes.JsonArray()));
        Assert.Equal(24, SetUpTrial.ListLength(unstratified));
        var odd = ProtocolFixtures.Parse(ProtocolFixtures.Mutated(r => r["targetParticipants"] = 25));
        Assert.Equal(13, SetUpTrial.ListLength(odd));
    }

    [Fact]
    public void an_administrator_imports_the_protocol_but_leaves_the_lists_to_a_coordinator()
    {
        var setup = SetUpTrial.Decide(ProtocolState.Initial, NoLists, Command(KetBytes, Administrator), Now);

        Assert.Equal(ProtocolImportStatus.Imported, setup.Status);
        Assert.IsType<ProtocolImported>(Assert.Single(setup.Decision.Events).Data);
        Assert.Equal(["S01", "S02"], setup.StrataWithoutList);
    }

    [Fact]
    public void the_identical_file_again_writes_nothing_when_every_stratum_has_its_list()
    {
        var first = SetUpTrial.Decide(ProtocolState.Initial, NoLists, Command(KetBytes, Coordinator), Now);
        var protocol = ProtocolState.From([first.Decision.Events[0].Data]);
        var lists = first.Decision.Events.Skip(1).ToDictionary(
            e => ((RandomizationListGenerated)e.Data).Stratum, e => RandomizationListState.From([e.Data]));

        var again = SetUpTrial.Decide(protocol, lists, Command(KetBytes, Coordinator), Now);

        Assert.Equal(ProtocolImportStatus.AlreadyImported, again.Status);
        Assert.Null(again.Decision.Rejection);
        Assert.Empty(again.Decision.Events);
    }

    [Fact]
    public void an_amendment_that_adds_a_site_generates_only_the_new_sites_list()
    {
        var first = SetUpTrial.Decide(ProtocolState.Initial, NoLists, Command(KetBytes, Coordinator), Now);
        var protocol = ProtocolState.From([first.Decision.Events[0].Data]);
        var lists = first.Decision.Events.Skip(1).ToDictionary(
            e => ((RandomizationListGenerated)e.Data).Stratum, e => RandomizationListState.From([e.Data]));
        var amended = Encoding.UTF8.GetBytes(ProtocolFixtures.Mutated(root =>
        {
            root["version"] = 2;
            root["sites"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{ "code": "S03", "name": "Third Hospital" }"""));
        }));

        var setup = SetUpTrial.Decide(protocol, lists, Command(amended, Coordinator), Now);

        Assert.Equal(ProtocolImportStatus.Amended, setup.Status);
        Assert.Equal(["protocol-KET-NP-01", "randomization-KET-NP-01-S03"], setup.Decision.Events.Select(e => e.StreamId));
        Assert.Equal(8, Assert.IsType<RandomizationListGenerated>(setup.Decision.Events[1].Data).Parameters.RequestedLength);
    }

    [Fact]
    public void a_refused_import_generates_no_list()
    {
        var setup = SetUpTrial.Decide(ProtocolState.Initial, NoLists, Command(KetBytes, new Actor("u", Roles.DataEntry)), Now);

        Assert.Equal(ProtocolImportStatus.Rejected, setup.Status);
        Assert.Equal("not-permitted", Rejected(setup.Decision).Code);
    }

    private static readonly IReadOnlyDictionary<string, RandomizationListState> NoLists = new Dictionary<string, RandomizationListState>();

    private static SetUpTrial Command(byte[] bytes, Actor by)
    {
        var (import, parse) = ImportProtocol.FromFile(bytes, by);
        Assert.True(parse.IsValid, string.Join(Environment.NewLine, parse.ProblemLines));
        return SetUpTrial.Create(import!, Sealer);
    }
}
