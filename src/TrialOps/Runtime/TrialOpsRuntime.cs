using Npgsql;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Postgres;

namespace TrialOps.Runtime;

/// <summary>
/// The composition root shared by the web host and the CLI: the database (embedded or configured),
/// the event store with every event alias of the domain, the command executor, the projections and
/// the message handlers.
/// </summary>
public sealed class TrialOpsRuntime : IAsyncDisposable
{
    private TrialOpsRuntime(TrialOpsDatabase database, TimeProvider clock, Action<string> log)
    {
        Database = database;
        Clock = clock;
        Log = log;
        Registry = EventTypeRegistry.FromAssemblies(typeof(TrialOpsRuntime).Assembly);
        Store = new EventStore.EventStore(database.DataSource, Registry, clock, InlineProjections.All());
        Executor = new CommandExecutor(Store, clock);
        Projections = new ProjectionDaemon(Store, ReadModels.All(), log: log);
        Handlers = MessageHandlerRegistry.Create(this);
    }

    public TrialOpsDatabase Database { get; }

    public NpgsqlDataSource DataSource => Database.DataSource;

    public TimeProvider Clock { get; }

    public Action<string> Log { get; }

    public EventTypeRegistry Registry { get; }

    public EventStore.EventStore Store { get; }

    public CommandExecutor Executor { get; }

    public ProjectionDaemon Projections { get; }

    public MessageHandlers Handlers { get; }

    public static async Task<TrialOpsRuntime> StartAsync(string? configuredConnectionString, Action<string>? log = null, TimeProvider? clock = null, CancellationToken ct = default)
    {
        var sink = log ?? (_ => { });
        var database = await TrialOpsDatabase.OpenAsync(configuredConnectionString, sink, ct);
        return new TrialOpsRuntime(database, clock ?? TimeProvider.System, sink);
    }

    public MessageDispatcher CreateDispatcher(DispatcherOptions? options = null) => new(DataSource, Handlers, options, Log);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
