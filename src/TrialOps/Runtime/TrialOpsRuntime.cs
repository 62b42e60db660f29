using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;
using Wolverine.Persistence.Durability;
using TrialOps.EventStore;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Postgres;
using TrialOps.Randomization;

namespace TrialOps.Runtime;

/// <summary>
/// The composition root shared by the web host and the CLI: the database (embedded or configured),
/// the event store with every event alias of the domain, the command executor, the projections and
/// the message handlers.
/// </summary>
public sealed class TrialOpsRuntime : IAsyncDisposable
{
    private TrialOpsRuntime(TrialOpsDatabase database, TimeProvider clock, Action<string> log, ISeedSealer seedSealer)
    {
        Database = database;
        SeedSealer = seedSealer;
        Clock = clock;
        Log = log;
        Registry = EventTypeRegistry.FromAssemblies(typeof(TrialOpsRuntime).Assembly);
        var readModels = ReadModels.All();
        var martenReadModels = readModels.Select(p => new MartenReadModel(p, () => Store!, log)).ToArray();
        var readModelOptions = new ReadModelDaemonOptions();
        Store = new EventStore.EventStore(database.DataSource, Registry, clock, InlineProjections.All(), options =>
        {
            InlineProjections.ConfigureMarten(options);
            readModelOptions.Configure(options, martenReadModels, log);
        }, database.CommandDataSource);
        Executor = new CommandExecutor(Store, clock);
        var home = new TrialOpsDatabaseOptions().ResolveHome();
        var checkpointKey = CheckpointKey.LoadOrCreate(home: home);
        CheckpointSigner = new CheckpointSigner(checkpointKey);
        _fingerprintKey = System.Security.Cryptography.HMACSHA256.HashData(checkpointKey, "trialops.request-fingerprint.v1"u8);
        CheckpointAnchor = new CheckpointAnchor(Path.Combine(home, "ledger-heads"));
        Projections = new ProjectionHost(
            new ProjectionDaemon(Store, [new LedgerProjection(CheckpointSigner, CheckpointAnchor)], log: log),
            new ReadModelDaemon(Store, readModels, readModelOptions, log));
    }

    /// <summary>The key that signs ledger checkpoints: TRIALOPS_CHECKPOINT_KEY, else ledger-checkpoint.key in TRIALOPS_HOME (never in the database).</summary>
    public static HomeKeyFile CheckpointKey { get; } = new("ledger checkpoint key", "TRIALOPS_CHECKPOINT_KEY", "ledger-checkpoint.key");

    public CheckpointSigner CheckpointSigner { get; }

    /// <summary>
    /// The installation's seed sealer: the handlers that generate, extend or reproduce
    /// randomization lists use it. By default the key of <see cref="SeedKeyStore"/>, loaded (or
    /// created) the first time a seed is sealed or unsealed, so commands that never touch a seed
    /// work without it.
    /// </summary>
    public ISeedSealer SeedSealer { get; }

    public CheckpointAnchor CheckpointAnchor { get; }

    /// <summary>
    /// The installation's second-factor key (ADR 0011): the handlers that check a TOTP code unseal
    /// the user's secret with it. By default <c>TRIALOPS_SECOND_FACTOR_KEY</c> or the key file under
    /// TRIALOPS_HOME, loaded (or created) the first time a secret is sealed or unsealed.
    /// </summary>
    public Identity.SecondFactorSecrets SecondFactorSecrets { get; private init; } = Identity.SecondFactorSecrets.FromHome();

    public TrialOpsDatabase Database { get; }

    public NpgsqlDataSource DataSource => Database.DataSource;

    public TimeProvider Clock { get; }

    public Action<string> Log { get; }

    public EventTypeRegistry Registry { get; }

    public EventStore.EventStore Store { get; }

    public CommandExecutor Executor { get; }

    /// <summary>The ledger (our daemon) and the read models (Marten's async daemon, on Wolverine's agents).</summary>
    public ProjectionHost Projections { get; }

    private IHost? _messageBus;

    /// <summary>Wolverine's bus: durable messages, their handlers and scheduler (started with the runtime).</summary>
    public IMessageBus Bus => (_messageBus ?? throw new InvalidOperationException("The message bus is not started.")).Services.GetRequiredService<IMessageBus>();

    /// <summary>Writes Wolverine's handler code (a runtime started with <see cref="MessagingOptions.WriteGeneratedCodeTo"/>).</summary>
    public IReadOnlyList<string> WriteGeneratedCode() =>
        MessageBusHost.WriteGeneratedCode(_messageBus ?? throw new InvalidOperationException("The message bus is not started."));

    /// <summary>
    /// Sends a command through Wolverine to its handler (in this process) and returns what it did.
    /// Every page, endpoint, CLI command and the demo generator send commands this way.
    /// </summary>
    public Task<CommandResult> SendAsync<TCommand>(CommandContext context, TCommand command, CancellationToken ct = default)
        where TCommand : notnull =>
        Bus.SendCommandAsync(context, command, ct);

    /// <summary>This process's node in Wolverine's cluster (<c>wolverine.wolverine_nodes.id</c>): where its agents are recorded.</summary>
    public Guid NodeId => (_messageBus ?? throw new InvalidOperationException("The message bus is not started.")).Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>().Options.UniqueNodeId;

    /// <summary>Wolverine's message store: scheduled messages, inbox, outbox and dead letters.</summary>
    public IMessageStore MessageStore => (_messageBus ?? throw new InvalidOperationException("The message bus is not started.")).Services.GetRequiredService<IMessageStore>();

    /// <summary>
    /// Opens the database with the numbered migrations applied and Marten's event store objects
    /// created if missing. Changed Marten objects are upgraded only with <paramref name="upgradeEventStore"/>
    /// (<c>trialops db migrate</c>) or in development (DOTNET_ENVIRONMENT or ASPNETCORE_ENVIRONMENT
    /// <c>Development</c>); otherwise the start is refused with the command that upgrades them.
    /// </summary>
    public static async Task<TrialOpsRuntime> StartAsync(string? configuredConnectionString, Action<string>? log = null, TimeProvider? clock = null, CancellationToken ct = default, bool upgradeEventStore = false, MessagingOptions? messaging = null, ISeedSealer? seedSealer = null, Identity.SecondFactorSecrets? secondFactorSecrets = null)
    {
        var sink = log ?? (_ => { });
        var database = await TrialOpsDatabase.OpenAsync(configuredConnectionString, sink, ct);
        TrialOpsRuntime? runtime = null;
        try
        {
            if (await EventStoreSchema.ApplyAsync(database.DataSource, upgradeEventStore || IsDevelopment, ct, InlineProjections.ConfigureMarten))
            {
                sink("Created or upgraded the event store tables (Marten).");
            }

            var pending = await V01Upgrade.PendingEventsAsync(database.DataSource, ct);
            if (pending > 0 && !upgradeEventStore)
            {
                throw new InvalidOperationException(
                    $"This database holds {pending} events written by TrialOps 0.1. Run `trialops db migrate` to verify them and move them into the event store; nothing is lost.");
            }

            runtime = new TrialOpsRuntime(database, clock ?? TimeProvider.System, sink, seedSealer ?? new DeferredSeedSealer(() => SeedKeyStore.CreateSealer()))
            {
                SecondFactorSecrets = secondFactorSecrets ?? Identity.SecondFactorSecrets.FromHome(),
            };
            await ReadModels.AdoptAsync(database.DataSource, ReadModels.All(), ct);
            if (pending > 0)
            {
                await runtime.UpgradeFromV01Async(ct);
            }

            var claims = await SubjectNumbersProjection.BackfillAsync(runtime.Store, runtime.Registry.AliasOf(typeof(ParticipantScreened)), ct);
            if (claims > 0)
            {
                sink($"Recorded the {claims} subject numbers already in use (Marten inline projection).");
            }

            // Handlers run only on an upgraded store; then 0.1's pending messages join Wolverine's.
            runtime._messageBus = await MessageBusHost.StartAsync(runtime, messaging ?? new MessagingOptions(), upgradeEventStore || IsDevelopment, IsDevelopment, ct);
            runtime.MovedV01Messages = await V01Messages.MoveAsync(runtime, ct);
            if (runtime.MovedV01Messages > 0)
            {
                sink($"Moved {runtime.MovedV01Messages} pending messages written by TrialOps 0.1 into Wolverine's store.");
            }

            return runtime;
        }
        catch
        {
            if (runtime is not null)
            {
                await runtime.DisposeAsync();
            }
            else
            {
                await database.DisposeAsync();
            }

            throw;
        }
    }

    private readonly byte[] _fingerprintKey;

    /// <summary>
    /// A keyed hash of a request (idempotency fingerprint): HMAC-SHA256 under a key derived from the
    /// checkpoint key, never stored in the database, because request bodies can hold passwords and a
    /// plain hash of a body whose other fields are known could be guessed offline.
    /// </summary>
    public string RequestFingerprint(string request) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(_fingerprintKey, System.Text.Encoding.UTF8.GetBytes(request)));

    /// <summary>Pending 0.1 messages this start handed to Wolverine's store.</summary>
    public int MovedV01Messages { get; private set; }

    /// <summary>What <c>db migrate</c> did to a 0.1 database; null when there was nothing to upgrade.</summary>
    public V01UpgradeResult? UpgradedFromV01 { get; private set; }

    private async Task UpgradeFromV01Async(CancellationToken ct)
    {
        UpgradedFromV01 = await V01Upgrade.RunAsync(DataSource, Registry, ct);
        if (UpgradedFromV01 is null)
        {
            return;
        }

        Log($"Moved {UpgradedFromV01.Events} events written by TrialOps 0.1 into the event store (verified first; {UpgradedFromV01.SealedNow} sealed into the ledger).");
        foreach (var name in UpgradedFromV01.ProjectionsToRebuild)
        {
            await Projections.RebuildAsync(name, ct);
        }

        await Projections.CatchUpAllAsync(ct);
    }

    private static bool IsDevelopment =>
        string.Equals(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"), "Development", StringComparison.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        // A clean exit hands the projections to the next process at once (issue 9: a CLI
        // command sees what the previous one wrote, without waiting for a lease to lapse).
        await Projections.ReleaseAsync();

        if (_messageBus is { } bus)
        {
            // Stops taking messages, finishes the ones in hand and releases this node's envelopes.
            _messageBus = null;
            await bus.StopAsync();
            bus.Dispose();
        }

        await Store.DisposeAsync();
        await Database.DisposeAsync();
    }
}
