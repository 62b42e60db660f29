using TrialOps.AdverseEvents;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Dosing;
using TrialOps.Integration.Tests.TrialDesign;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;
using TrialOps.Testing;

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

    public ProtocolViews ProtocolViews => new(Runtime);

    public ProtocolHistory ProtocolHistory => new(Runtime.Store);

    public ParticipantRegister ParticipantRegister => new(Runtime);

    public ParticipantSchedule ParticipantSchedule => new(Runtime);

    public AdverseEventRegister AdverseEventRegister => new(Runtime);

    public ParticipantTimelines ParticipantTimelines => new(Runtime);

    public SessionDoseViews SessionDoseViews => new(Runtime);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _runtime = await TrialOpsRuntime.StartAsync(Database.ConnectionString, messaging: Messaging, seedSealer: TrialDesignSupport.Sealer);
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
