using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Npgsql;
using Weasel.Core;

namespace TrialOps.EventStore;

/// <summary>
/// How TrialOps configures Marten's event store (DESIGN.md §3), and the creation of Marten's schema
/// objects. Marten never creates or alters its tables on its own (<c>AutoCreate.None</c>): they are
/// created by <c>trialops db migrate</c> and at start on an empty database, and a database whose
/// Marten objects differ from this build is only changed by <c>db migrate</c> (or at start in development).
/// </summary>
public static class EventStoreSchema
{
    /// <summary>Advisory lock key ("TOMarten"), so that two processes never apply Marten's schema at once.</summary>
    private const long SchemaLockKey = 0x544F_4D61_7274_656E;

    /// <summary>Header keys in <c>mt_events.headers</c>; the user id is Marten's <c>user_name</c>.</summary>
    public const string RoleHeader = "role";

    public const string ReasonHeader = "reason";

    public const string CommandIdHeader = "commandId";

    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource, EventTypeRegistry registry, TimeProvider clock, Action<StoreOptions>? application = null)
    {
        options.Connection(dataSource);
        options.AutoCreateSchemaObjects = AutoCreate.None;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.TimeProvider = clock;

        // The stored JSON is the regulated record and is pinned by the contract tests: the same
        // options as EventTypeRegistry.JsonOptions (camelCase, enums as their names).
        // Marten adds to the options it is given: a copy, never the shared read-only instance.
        options.UseSystemTextJsonForSerialization(EventTypeRegistry.CopyOfJsonOptions(), EnumStorage.AsString, Casing.CamelCase);
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        foreach (var (alias, type) in registry.Types)
        {
            options.Events.MapEventType(type, alias);
        }

        // Marten leaves its event tables out of the schema while no event type is known; this one is
        // never stored, and keeps them in for a registry with no types (the schema step of db migrate).
        options.Events.MapEventType(typeof(UnknownEvent), "trialops.unknown");

        options.Listeners.Add(new AuditMetadataRule(registry));
        application?.Invoke(options);
    }

    public static DocumentStore CreateStore(NpgsqlDataSource dataSource, EventTypeRegistry registry, TimeProvider clock, Action<StoreOptions>? application = null) =>
        new(Options(dataSource, registry, clock, application));

    private static StoreOptions Options(NpgsqlDataSource dataSource, EventTypeRegistry registry, TimeProvider clock, Action<StoreOptions>? application)
    {
        var options = new StoreOptions();
        Configure(options, dataSource, registry, clock, application);
        return options;
    }

    /// <summary>
    /// Creates Marten's schema objects when they are missing and, with <paramref name="allowUpdate"/>
    /// (<c>db migrate</c>, development), brings changed ones up to this build. Without it a database
    /// whose Marten objects differ is refused with the command that upgrades it.
    /// </summary>
    /// <returns>True when something was created or changed.</returns>
    /// <param name="application">The application's Marten registrations (documents of its inline projections), whose tables are created with Marten's.</param>
    public static async Task<bool> ApplyAsync(NpgsqlDataSource dataSource, bool allowUpdate, CancellationToken ct = default, Action<StoreOptions>? application = null)
    {
        await using var store = CreateStore(dataSource, new EventTypeRegistry(), TimeProvider.System, application);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = SchemaLockKey });
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        try
        {
            var migration = await store.Storage.Database.CreateMigrationAsync(ct);
            switch (migration.Difference)
            {
                case SchemaPatchDifference.None:
                    return false;
                case SchemaPatchDifference.Update or SchemaPatchDifference.Invalid when !allowUpdate:
                    throw new InvalidOperationException(
                        "The event store tables of this database differ from what this version of TrialOps expects. Run `trialops db migrate` to upgrade them.");
                default:
                    await store.Storage.Database.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate, ct: ct);
                    return true;
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            unlock.Parameters.Add(new NpgsqlParameter<long> { TypedValue = SchemaLockKey });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}

/// <summary>
/// Part 11 attributability enforced where events are written, not by convention: Marten refuses to
/// save any event without the acting user, role, correlation, causation and command id, and an event
/// that changes a recorded value without a reason — whichever code appended it.
/// </summary>
internal sealed class AuditMetadataRule(EventTypeRegistry registry) : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams();
        if (streams.Count == 0)
        {
            return Task.CompletedTask;
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(session.LastModifiedBy))
        {
            missing.Add("user");
        }

        if (string.IsNullOrWhiteSpace(session.GetHeader(EventStoreSchema.RoleHeader) as string))
        {
            missing.Add("role");
        }

        if (string.IsNullOrWhiteSpace(session.CorrelationId))
        {
            missing.Add("correlation id");
        }

        if (string.IsNullOrWhiteSpace(session.CausationId))
        {
            missing.Add("causation id");
        }

        if (string.IsNullOrWhiteSpace(session.GetHeader(EventStoreSchema.CommandIdHeader) as string))
        {
            missing.Add("command id");
        }

        if (missing.Count > 0)
        {
            throw new MissingAuditMetadataException($"Events cannot be stored without their {string.Join(", ", missing)} (21 CFR Part 11 attributability).");
        }

        if (string.IsNullOrWhiteSpace(session.GetHeader(EventStoreSchema.ReasonHeader) as string))
        {
            foreach (var e in streams.SelectMany(s => s.Events))
            {
                if (registry.RequiresReason(e.EventType))
                {
                    throw new MissingAuditMetadataException($"'{registry.AliasOf(e.EventType)}' changes a recorded value and needs a reason.");
                }
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>An append without the metadata every regulated record must carry.</summary>
public sealed class MissingAuditMetadataException(string message) : ArgumentException(message);
