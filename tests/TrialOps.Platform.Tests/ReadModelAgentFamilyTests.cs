using TrialOps.EventStore;
using TrialOps.Runtime;
using TrialOps.Testing;
using Wolverine.Runtime.Agents;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

/// <summary>
/// How Wolverine's leader places the read-model agents (ADR 0032): only on nodes that declared
/// them (the web app, a worker), spread evenly, never on a node that hosts none (a CLI command),
/// even when only such nodes are alive.
/// </summary>
public sealed class ReadModelAgentFamilyTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task a_hosting_node_declares_every_read_model_and_a_cli_node_declares_none_and_cannot_build_one()
    {
        var (hosting, cli) = (Family(hosts: true), Family(hosts: false));

        Assert.Equal(
            ["trialops-read-models://journey", "trialops-read-models://trial_design", "trialops-read-models://users"],
            (await hosting.SupportedAgentsAsync()).Select(u => u.ToString().TrimEnd('/')));
        Assert.Empty(await cli.SupportedAgentsAsync());
        Assert.Equal(3, (await cli.AllKnownAgentsAsync()).Count);
        await Assert.ThrowsAsync<InvalidAgentException>(async () => await cli.BuildAgentAsync(ReadModelAgentFamily.UriOf("journey"), null!));
    }

    [Fact]
    public async Task every_read_model_goes_to_the_only_hosting_node_and_none_to_a_cli_node_beside_it()
    {
        var family = Family(hosts: true);
        var agents = (await family.AllKnownAgentsAsync()).ToArray();
        var grid = new AssignmentGrid().WithAgents(agents);
        var cli = grid.WithNode(1, Guid.NewGuid());
        var web = grid.WithNode(2, Guid.NewGuid()).HasCapabilities(agents);
        cli.Running(agents[0]);

        await family.EvaluateAssignmentsAsync(grid);

        Assert.All(agents, uri => Assert.Same(web, grid.AgentFor(uri).AssignedNode));
    }

    [Fact]
    public async Task with_only_cli_nodes_alive_no_read_model_is_assigned()
    {
        var family = Family(hosts: true);
        var agents = (await family.AllKnownAgentsAsync()).ToArray();
        var grid = new AssignmentGrid().WithAgents(agents);
        var cli = grid.WithNode(1, Guid.NewGuid());
        cli.Running(agents[1]);
        grid.WithNode(2, Guid.NewGuid());

        await family.EvaluateAssignmentsAsync(grid);

        Assert.All(agents, uri => Assert.Null(grid.AgentFor(uri).AssignedNode));
    }

    [Fact]
    public async Task a_second_hosting_node_takes_a_share_and_the_rest_stay_where_they_run()
    {
        var family = Family(hosts: true);
        var agents = (await family.AllKnownAgentsAsync()).ToArray();
        var grid = new AssignmentGrid().WithAgents(agents);
        var first = grid.WithNode(1, Guid.NewGuid()).HasCapabilities(agents).Running(agents);
        var second = grid.WithNode(2, Guid.NewGuid()).HasCapabilities(agents);

        await family.EvaluateAssignmentsAsync(grid);

        var placed = agents.Select(uri => grid.AgentFor(uri).AssignedNode).ToArray();
        Assert.Equal(2, placed.Count(n => n == first));
        Assert.Equal(1, placed.Count(n => n == second));
        Assert.Same(first, grid.AgentFor(agents[0]).AssignedNode);
    }

    private ReadModelAgentFamily Family(bool hosts) =>
        new(new ReadModelDaemon(Store(db.DataSource), TrialOps.Runtime.ReadModels.All()), hosts);
}
