using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrialOps.Participants;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace TrialOps.Runtime;

/// <summary>How durable messages are delivered and retried.</summary>
public sealed record MessagingOptions
{
    /// <summary>How often a node looks for scheduled messages that fell due.</summary>
    public TimeSpan ScheduledPolling { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The waits between attempts of a failing message; after the last it is dead-lettered.</summary>
    public IReadOnlyList<TimeSpan> RetryBackoff { get; init; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    /// <summary>The pauses before each new run of a handler whose append met a concurrent writer.</summary>
    /// <remarks>
    /// Each round of writers racing on one stream lets at least one of them commit, so ten retries
    /// carry eleven simultaneous commands on one participant (a grid of entries saved at once)
    /// through; about 0.7 s in all before a command is answered 409.
    /// </remarks>
    public IReadOnlyList<TimeSpan> ConflictRetries { get; init; } =
        [.. new[] { 5, 10, 20, 30, 40, 50, 75, 100, 150, 200 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>
    /// After how long without a heartbeat another node takes over a killed node's agents (its read
    /// models) and messages (Wolverine's stale-node timeout, 60 s by default in Wolverine); null keeps
    /// Wolverine's default. A node that stops cleanly hands them over at once (ADR 0032).
    /// </summary>
    public TimeSpan? StaleNodeTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often a node writes its heartbeat and the leader re-evaluates which node runs which agent
    /// (Wolverine's health-check polling, 10 s by default in Wolverine); at most a third of
    /// <see cref="StaleNodeTimeout"/>.
    /// </summary>
    public TimeSpan HealthCheckPolling { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether this process hosts the read models (the web app, a worker): Wolverine's leader then
    /// assigns read-model agents to it (ADR 0032). A CLI command leaves this off: it exits seconds
    /// later, so it is never assigned one, and catches a read model up itself only when no process
    /// runs it. Read by Wolverine once, when the node starts.
    /// </summary>
    public bool HostReadModels { get; init; }

    /// <summary>
    /// For tests that drive the scheduler: every message is scheduled this much later than due and
    /// released by <see cref="DurableMessageQueue.ReleaseHeldAsync"/>. Null in the product.
    /// </summary>
    public TimeSpan? Hold { get; init; }

    /// <summary>
    /// Where to write Wolverine's handler code (<c>trialops codegen write</c> and the test that checks
    /// the committed copy is current). Null: load the committed, compiled handler code
    /// (<see cref="TypeLoadMode.Static"/>), or generate it at start in development.
    /// </summary>
    public string? WriteGeneratedCodeTo { get; init; }
}

/// <summary>
/// Wolverine inside the runtime: the handlers of the domain assembly, the durable outbox, inbox,
/// scheduled messages and dead letters in PostgreSQL (schema <c>wolverine</c>), and this process
/// as one node of the cluster that shares them (any node handles any message, each once) and the
/// read models (each on one node, <see cref="ReadModelAgentFamily"/>).
/// </summary>
internal static class MessageBusHost
{
    public const string Schema = "wolverine";

    public static async Task<IHost> StartAsync(TrialOpsRuntime runtime, MessagingOptions options, bool allowSchemaUpdate, bool development, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "TrialOps",
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(new SinkLoggerProvider(runtime.Log));
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(new ParticipantDecisions(runtime));
        builder.Services.AddSingleton(new TrialOps.Protocols.ProtocolDecisions(runtime));
        builder.Services.AddSingleton(new TrialOps.Identity.UserDecisions(runtime));
        // Every node knows the family (a leader that did not would never re-assign a dead node's read
        // models); only a node with HostReadModels declares, and is assigned, its agents.
        builder.Services.AddSingleton<IAgentFamily>(new ReadModelAgentFamily(runtime.Projections.ReadModels, options.HostReadModels));
        builder.UseWolverine(opts =>
        {
            opts.ServiceName = "trialops";
            opts.ApplicationAssembly = typeof(TrialOpsRuntime).Assembly;
            // Handler code is generated ahead and committed (src/TrialOps/Internal/Generated): a
            // start costs no Roslyn compilation; a stale copy fails the start and CI.
            opts.UseRuntimeCompilation();
            opts.CodeGeneration.TypeLoadMode = options.WriteGeneratedCodeTo is not null || development ? TypeLoadMode.Dynamic : TypeLoadMode.Static;
            if (options.WriteGeneratedCodeTo is { } path)
            {
                opts.CodeGeneration.GeneratedCodeOutputPath = path;
            }

            opts.PersistMessagesWithPostgresql(runtime.DataSource, Schema);
            opts.AutoBuildMessageStorageOnStartup = allowSchemaUpdate ? AutoCreate.CreateOrUpdate : AutoCreate.CreateOnly;
            opts.Policies.UseDurableLocalQueues();

            // Every handled message is in the store and every command in the event stream: the
            // log keeps warnings and failures only.
            opts.Policies.MessageSuccessLogLevel(LogLevel.Debug);
            opts.Policies.MessageExecutionLogLevel(LogLevel.Debug);
            opts.Durability.ScheduledJobPollingTime = options.ScheduledPolling;
            // Heartbeats and the leader's agent assignment (read models, ADR 0032): the first check a
            // second after start, so a starting web app is assigned its read models within seconds.
            opts.Durability.FirstHealthCheckExecution = TimeSpan.FromSeconds(1);
            opts.Durability.HealthCheckPollingTime = options.HealthCheckPolling;
            if (options.StaleNodeTimeout is { } stale)
            {
                opts.Durability.StaleNodeTimeout = stale;
                if (stale / 3 < options.HealthCheckPolling)
                {
                    opts.Durability.HealthCheckPollingTime = stale / 3;
                }
            }

            // A concurrent writer moved a stream the handler read: run the handler again on fresh
            // state at once, a few times (inline inside InvokeAsync too); a command sent with
            // InvokeAsync that still conflicts is answered 409 (CommandBus), a durable message
            // falls back to the backoff below.
            opts.Policies.OnException<EventStore.ConcurrencyException>()
                .RetryWithCooldown([.. options.ConflictRetries])
                .Then.ScheduleRetry([.. options.RetryBackoff])
                .Then.MoveToErrorQueue();
            opts.Policies.OnAnyException().ScheduleRetry([.. options.RetryBackoff]).Then.MoveToErrorQueue();
            opts.UseSystemTextJsonForSerialization(json =>
            {
                json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                json.Converters.Add(new JsonStringEnumConverter());
            });
        });

        var host = builder.Build();
        await host.StartAsync(ct);
        runtime.Executor.Messages.Attach(host.Services.GetRequiredService<IWolverineRuntime>(), options.Hold);
        return host;
    }

    /// <summary>Writes the handler code of every message type into <see cref="MessagingOptions.WriteGeneratedCodeTo"/>; returns the files written.</summary>
    public static IReadOnlyList<string> WriteGeneratedCode(IHost host)
    {
        var collections = host.Services.GetServices<ICodeFileCollection>().ToArray();
        var builder = new DynamicCodeBuilder(host.Services, collections)
        {
            ServiceVariableSource = host.Services.GetService<JasperFx.CodeGeneration.Model.IServiceVariableSource>(),
        };
        var written = new List<string>();
        builder.DeleteAllGeneratedCode();
        builder.WriteGeneratedCode(written.Add);
        return written;
    }

    /// <summary>Wolverine's warnings and errors go to the runtime's log (the console of the CLI, the web app's logger).</summary>
    private sealed class SinkLoggerProvider(Action<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new SinkLogger(sink);

        public void Dispose()
        {
        }

        private sealed class SinkLogger(Action<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            // Wolverine logs its node's agent commands at LogLevel.None, every few seconds.
            public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Warning and < LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // A concurrent writer's conflict is retried by the error policy (and answered 409 or
                // dead-lettered, which is logged, if it outlasts the retries): not an operator's error.
                if (IsEnabled(logLevel) && exception is not EventStore.ConcurrencyException)
                {
                    sink($"messages: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
                }
            }
        }
    }
}
