using TrialOps.Journey;
using TrialOps.Runtime;
using TrialOps.Testing;
using TrialOps.Trials;
using TrialOps.Integration.Tests.TrialDesign;

namespace TrialOps.Integration.Tests.Journey;

/// <summary>
/// A fresh database and one runtime per test class (the runtime's projection daemon holds the
/// projection leases), with the trial-design and journey services over it.
/// </summary>
public sealed class JourneyFixture : IAsyncLifetime
{
    private TrialOpsRuntime? _runtime;

    public DatabaseFixture Database { get; } = new();

    public TrialOpsRuntime Runtime => _runtime ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public TrialDesignService Design { get; private set; } = null!;

    public JourneyService Journey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _runtime = await TrialOpsRuntime.StartAsync(Database.ConnectionString);
        Design = new TrialDesignService(_runtime, TrialDesignSupport.Sealer);
        Journey = new JourneyService(_runtime);
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
