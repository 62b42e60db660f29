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
public class JourneyFixture : IAsyncLifetime
{
    /// <summary>
    /// Messages wait this long beyond their time until a test releases them
    /// (<see cref="JourneySupport.DispatchAllDueAsync"/>): clinical times in these tests lie in the
    /// past, so without it a deadline would fire between two steps of a test.
    /// </summary>
    public static readonly TimeSpan Hold = TimeSpan.FromDays(36500);

    /// <summary>How this fixture's runtime delivers messages (held for the test to release, by default).</summary>
    protected virtual MessagingOptions Messaging { get; } = new()
    {
        Hold = Hold,
        ScheduledPolling = TimeSpan.FromMilliseconds(200),
        RetryBackoff = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300)],
    };

    private TrialOpsRuntime? _runtime;

    public DatabaseFixture Database { get; } = new();

    public TrialOpsRuntime Runtime => _runtime ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public TrialDesignService Design { get; private set; } = null!;

    public JourneyService Journey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _runtime = await TrialOpsRuntime.StartAsync(Database.ConnectionString, messaging: Messaging, seedSealer: TrialDesignSupport.Sealer);
        Design = new TrialDesignService(_runtime);
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
