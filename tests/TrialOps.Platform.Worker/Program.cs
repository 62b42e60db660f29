// A stand-alone dispatcher process for crash tests: the platform tests start it, kill it and
// start it again, then check that a scheduled message took effect exactly once.
using Npgsql;
using TrialOps.EventStore;
using TrialOps.Messaging;

var connectionString = args[0];
var leaseSeconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60;
await using var dataSource = NpgsqlDataSource.Create(connectionString);
var registry = new EventTypeRegistry();
registry.Register(typeof(ProbeHandled), "probe.handled.v1");
var store = new EventStore(dataSource, registry, TimeProvider.System);
var executor = new CommandExecutor(store, TimeProvider.System);
var handlers = new MessageHandlers().On("probe.scheduled", async (message, ct) =>
{
    var probe = message.Payload<ProbePayload>();
    var stream = $"probe-{probe.Name}";
    var context = new CommandContext(message.DerivedCommandId(), Actor.System, message.CorrelationId ?? Guid.NewGuid(), null);
    await executor.ExecuteAsync(context, [stream], (_, _) => Decision.Append(stream, new ProbeHandled(probe.Name, Environment.ProcessId)), ct);
    Console.WriteLine($"handled {probe.Name}");
});
var dispatcher = new MessageDispatcher(dataSource, handlers, new DispatcherOptions
{
    LeaseDuration = TimeSpan.FromSeconds(leaseSeconds),
    PollInterval = TimeSpan.FromMilliseconds(200),
}, Console.WriteLine);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
Console.WriteLine("worker ready");
await dispatcher.RunAsync(stop.Token);

public sealed record ProbePayload(string Name);

public sealed record ProbeHandled(string Name, int ProcessId);
