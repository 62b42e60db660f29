using JasperFx;
using TrialOps.EventStore;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace TrialOps.Runtime;

/// <summary>
/// The read models as Wolverine agents (ADR 0032): one agent per read model
/// (<c>trialops-read-models://trial_design</c>), assigned by Wolverine's leader to one of the nodes
/// that host read models, spread evenly over them, and re-assigned when a node stops or its heartbeat
/// goes stale. Starting an agent runs the read model behind its fence on this node's Marten daemon
/// (<see cref="ReadModelDaemon.HostAsync"/>); stopping it stops the shard and releases the fence.
/// </summary>
/// <remarks>
/// A static family (<see cref="IStaticAgentFamily"/>): Wolverine records a node's capabilities, the
/// agents of such families its <see cref="SupportedAgentsAsync"/> names, once when the node starts
/// (<c>NodeAgentController.StartLocalAgentProcessingAsync</c>). A node started without
/// <see cref="MessagingOptions.HostReadModels"/> (every CLI command) names none, and
/// <see cref="EvaluateAssignmentsAsync"/> never assigns a read model to a node that does not name it.
/// </remarks>
public sealed class ReadModelAgentFamily(ReadModelDaemon readModels, bool hostsReadModels) : IStaticAgentFamily
{
    public const string SchemeName = "trialops-read-models";

    public string Scheme => SchemeName;

    public static Uri UriOf(string name) => new($"{SchemeName}://{name}");

    private IReadOnlyList<Uri> All => [.. readModels.Names.Order(StringComparer.Ordinal).Select(UriOf)];

    public ValueTask<IReadOnlyList<Uri>> AllKnownAgentsAsync() => ValueTask.FromResult(All);

    public ValueTask<IReadOnlyList<Uri>> SupportedAgentsAsync() => ValueTask.FromResult(hostsReadModels ? All : (IReadOnlyList<Uri>)[]);

    public ValueTask<IAgent> BuildAgentAsync(Uri uri, IWolverineRuntime wolverineRuntime)
    {
        var name = readModels.Names.FirstOrDefault(n => UriOf(n) == uri)
            ?? throw new InvalidAgentException($"No read model for agent {uri}.");
        if (!hostsReadModels)
        {
            throw new InvalidAgentException($"This process does not host read models (agent {uri}).");
        }

        return ValueTask.FromResult<IAgent>(new ReadModelAgent(uri, name, readModels));
    }

    /// <summary>
    /// Each read model on exactly one node that declared it, spread evenly over those nodes, moving
    /// as few as possible; a read model on a node that does not declare it is taken off it; with no
    /// such node it stays unassigned (a CLI catch-up applies it meanwhile, ADR 0032).
    /// </summary>
    public ValueTask EvaluateAssignmentsAsync(AssignmentGrid assignments)
    {
        var agents = assignments.AvailableAgentsForScheme(SchemeName);
        bool Capable(AssignmentGrid.Node node, Uri agent) => node.Capabilities.Contains(agent);
        var hosts = assignments.Nodes.Where(n => agents.Any(a => Capable(n, a.Uri))).ToList();
        foreach (var agent in agents.Where(a => a.AssignedNode is { } node && !Capable(node, a.Uri)))
        {
            agent.Detach();
        }

        if (hosts.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var agentSet = agents.ToHashSet();
        int Load(AssignmentGrid.Node node) => node.Agents.Count(agentSet.Contains);
        var ceiling = (int)Math.Ceiling((double)agents.Count / hosts.Count);
        foreach (var node in hosts)
        {
            foreach (var extra in node.Agents.Where(agentSet.Contains).Skip(ceiling).ToArray())
            {
                extra.Detach();
            }
        }

        foreach (var agent in agents.Where(a => a.AssignedNode is null))
        {
            var node = hosts.Where(n => Capable(n, agent.Uri)).OrderBy(Load).ThenBy(n => n.AssignedId).FirstOrDefault();
            node?.Assign(agent);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>One read model running on this node while Wolverine assigns it here.</summary>
internal sealed class ReadModelAgent(Uri uri, string name, ReadModelDaemon readModels) : IAgent
{
    private CancellationTokenSource? _stop;
    private Task? _hosting;

    public Uri Uri => uri;

    public AgentStatus Status { get; private set; } = AgentStatus.Stopped;

    public string Description => $"TrialOps read model '{name}' (Marten async daemon, fenced by an advisory lock)";

    /// <summary>Returns at once: the agent takes the read model's fence (waiting while a previous owner still holds it) and then runs it.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_hosting is { IsCompleted: false })
        {
            return Task.CompletedTask;
        }

        _stop = new CancellationTokenSource();
        _hosting = readModels.HostAsync(name, _stop.Token);
        Status = AgentStatus.Running;
        return Task.CompletedTask;
    }

    /// <summary>Stops the shard and releases the fence before returning, so the next owner starts at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is { } stop && _hosting is { } hosting)
        {
            await stop.CancelAsync();
            try
            {
                await hosting;
            }
            catch (OperationCanceledException)
            {
            }

            stop.Dispose();
        }

        _stop = null;
        _hosting = null;
        Status = AgentStatus.Stopped;
    }
}
