using TrialOps.Runtime;
using TrialOps.Testing;
using TrialOps.Trials;

namespace TrialOps.Integration.Tests.TrialDesign;

/// <summary>
/// A fresh database (<see cref="DatabaseFixture"/>) and one runtime for a whole test class: the
/// projection daemon of a runtime holds its projections' leases, so a second runtime in the same
/// class could not catch them up until the lease expired.
/// </summary>
public sealed class TrialDesignFixture : IAsyncLifetime
{
    private TrialOpsRuntime? _runtime;
    private TrialDesignService? _service;

    public DatabaseFixture Database { get; } = new();

    public TrialOpsRuntime Runtime => _runtime ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public TrialDesignService Service => _service ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    /// <summary>Trial-design commands sent through Wolverine.</summary>
    public DesignCommands Commands => new(Runtime);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _runtime = await TrialOpsRuntime.StartAsync(Database.ConnectionString, seedSealer: TrialDesignSupport.Sealer);
        _service = new TrialDesignService(_runtime);
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
