using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using TrialOps.Testing;

namespace TrialOps.Integration.Tests.TrialDesign;

/// <summary>
/// A fresh database (<see cref="DatabaseFixture"/>) and one runtime for a whole test class: the
/// projection daemon of a runtime holds its projections' leases, so a second runtime in the same
/// class could not catch them up until the lease expired.
/// </summary>
public sealed class TrialDesignFixture : IAsyncLifetime
{
    private TrialOpsRuntime? _runtime;

    public DatabaseFixture Database { get; } = new();

    public TrialOpsRuntime Runtime => _runtime ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    /// <summary>The protocols and trial status as a viewer may see them.</summary>
    public ProtocolViews ProtocolViews => new(Runtime);

    /// <summary>The randomization lists and allocations as a viewer may see them.</summary>
    public AllocationViews AllocationViews => new(Runtime);

    /// <summary>The recorded protocol versions (whole definitions).</summary>
    public ProtocolHistory History => new(Runtime.Store);

    /// <summary>Trial-design commands sent through Wolverine.</summary>
    public DesignCommands Commands => new(Runtime);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _runtime = await TrialOpsRuntime.StartAsync(Database.ConnectionString, seedSealer: TrialDesignSupport.Sealer);
    }

    public async Task DisposeAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
