using System.Text.Json;
using Npgsql;
using TrialOps.EventStore;

namespace TrialOps.Messaging;

public enum CommandStatus
{
    Accepted,
    Rejected,
}

/// <summary>
/// What a command's handler answers. A command that still met a concurrent writer after the bus's
/// retries is answered <see cref="Conflict"/> (a 409 for the API, a "reload and try again" message
/// on a page) instead of an exception.
/// </summary>
public interface ICommandOutcome<TSelf>
    where TSelf : ICommandOutcome<TSelf>
{
    static abstract TSelf Refused(CommandResult conflict);
}

/// <summary>What a command did. A re-submitted command id returns the first result with <see cref="Duplicate"/> set.</summary>
public sealed record CommandResult(Guid CommandId, CommandStatus Status, Rejection? Rejection, IReadOnlyList<long> Positions, bool Duplicate = false)
    : ICommandOutcome<CommandResult>
{
    public bool Accepted => Status == CommandStatus.Accepted;

    /// <summary>The rejection code of a command that kept meeting concurrent writers.</summary>
    public const string ConflictCode = "concurrency-conflict";

    public static CommandResult Conflict(Guid commandId, string streamId) => Rejected(commandId, new Rejection(
        ConflictCode, $"The record was changed by someone else while this was being saved ({streamId}); reload it and try again."));

    static CommandResult ICommandOutcome<CommandResult>.Refused(CommandResult conflict) => conflict;

    public static CommandResult Rejected(Guid commandId, Rejection rejection) => new(commandId, CommandStatus.Rejected, rejection, []);

    /// <summary>The rejection of an idempotency key reused for another user or request.</summary>
    public const string KeyReusedCode = "idempotency-key-reused";

    public static CommandResult KeyReused(Guid commandId) => Rejected(commandId, new Rejection(
        KeyReusedCode,
        "This idempotency key was already used for another request (another user, operation, target or body). Send a new key for a new request.",
        "Idempotency-Key"));
}

/// <summary>The streams a decision was made on, with the version each was read at.</summary>
public sealed class StreamSet(IReadOnlyDictionary<string, IReadOnlyList<StoredEvent>> streams)
{
    public IReadOnlyList<StoredEvent> this[string streamId] => streams.TryGetValue(streamId, out var events) ? events : [];

    /// <summary>Event data only, for folding state.</summary>
    public IEnumerable<object> Data(string streamId) => this[streamId].Select(e => e.Data);

    public int VersionOf(string streamId) => this[streamId].Count == 0 ? 0 : this[streamId][^1].Version;

    public bool IsLoaded(string streamId) => streams.ContainsKey(streamId);
}

public sealed record CommandExecutorOptions
{
    /// <summary>Re-runs of load-decide-append when another writer moved a stream first.</summary>
    public int MaxConcurrencyRetries { get; init; } = 5;
}

/// <summary>
/// Runs a command: load the streams it needs, call the pure decide function, and append its events,
/// messages and the command-id record in one transaction (DESIGN.md §5).
/// </summary>
public sealed class CommandExecutor(EventStore.EventStore store, TimeProvider clock, CommandExecutorOptions? options = null)
{
    private readonly CommandExecutorOptions _options = options ?? new CommandExecutorOptions();

    public EventStore.EventStore Store => store;

    /// <summary>Wolverine's durable outbox, through which a decision's messages are written.</summary>
    public DurableMessages Messages { get; } = new();

    public TimeProvider Clock => clock;

    public async Task<CommandResult> ExecuteAsync(CommandContext context, IReadOnlyList<string> streamIds, Func<StreamSet, DateTimeOffset, Decision> decide, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryExecuteAsync(context, streamIds, decide, ct);
            }
            catch (ConcurrencyException) when (attempt < _options.MaxConcurrencyRetries)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
            catch (ConcurrencyException e)
            {
                return CommandResult.Conflict(context.CommandId, e.StreamId);
            }
        }
    }

    /// <summary>
    /// One load-decide-append; a concurrent writer's <see cref="ConcurrencyException"/> escapes, for
    /// Wolverine's error policy to retry the whole handler (commands sent through the bus).
    /// </summary>
    public Task<CommandResult> ExecuteOnceAsync(CommandContext context, IReadOnlyList<string> streamIds, Func<StreamSet, DateTimeOffset, Decision> decide, CancellationToken ct = default) =>
        TryExecuteAsync(context, streamIds, decide, ct);

    private async Task<CommandResult> TryExecuteAsync(CommandContext context, IReadOnlyList<string> streamIds, Func<StreamSet, DateTimeOffset, Decision> decide, CancellationToken ct)
    {
        // The command pool: nothing here leaves session state, so its connections skip the reset.
        await using var connection = await store.CommandDataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The idempotency check and the streams' reads in one round trip.
        var distinct = streamIds.Distinct(StringComparer.Ordinal).ToArray();
        ProcessedCommand? earlier = null;
        var read = await store.ReadStreamsAsync(connection, transaction, distinct, FindResultCommand(context.CommandId), async (reader, token) => earlier = await ReadResultAsync(reader, token), ct);
        if (earlier is not null)
        {
            return Repeat(earlier, context);
        }

        var loaded = new Dictionary<string, IReadOnlyList<StoredEvent>>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
        {
            loaded[distinct[i]] = read[i];
        }

        var streams = new StreamSet(loaded);
        var decision = decide(streams, clock.GetUtcNow());
        if (decision.Rejection is { } rejection)
        {
            await transaction.RollbackAsync(ct);
            return CommandResult.Rejected(context.CommandId, rejection);
        }

        var metadata = new EventMetadata(
            context.Actor.UserId, context.Actor.Role, context.Reason, context.CorrelationId, context.CausationId ?? context.CommandId, context.CommandId);
        var positions = new List<long>();
        var appended = new List<(StoredEvent ReadLast, IReadOnlyList<StoredEvent> Stored)>();
        foreach (var group in decision.Events.GroupBy(e => e.StreamId))
        {
            var expected = streams.IsLoaded(group.Key) ? streams.VersionOf(group.Key) : ExpectedVersion.Any;
            var head = streams.IsLoaded(group.Key) && streams[group.Key].Count > 0 ? streams[group.Key][^1].Hash : null;
            var stored = await store.AppendAsync(transaction, group.Key, expected, group.Select(e => e.Data).ToArray(), metadata, ct, head);
            positions.AddRange(stored.Select(s => s.Position));
            if (head is not null)
            {
                appended.Add((streams[group.Key][^1], stored));
            }
        }

        var outbox = await Messages.EnlistAsync(transaction, decision.Messages, context, clock.GetUtcNow());
        var result = new CommandResult(context.CommandId, CommandStatus.Accepted, null, positions);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO processed_commands (command_id, result, actor_id, fingerprint) VALUES ($1, $2::json, $3, $4) ON CONFLICT (command_id) DO NOTHING", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = context.CommandId });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(result, EventTypeRegistry.JsonOptions) });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = context.Actor.UserId });
            record.Parameters.Add(new NpgsqlParameter { Value = (object?)context.Fingerprint ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            if (await record.ExecuteNonQueryAsync(ct) == 0)
            {
                // The same command id committed concurrently (a double click): keep the first result.
                await transaction.RollbackAsync(ct);
                return await FindResultAsync(connection, null, context.CommandId, ct) is { } first ? Repeat(first, context) : result with { Duplicate = true };
            }
        }

        await transaction.CommitAsync(ct);
        store.Committed.Signal();
        foreach (var (readLast, stored) in appended)
        {
            store.RememberCommitted(readLast, stored);
        }
        await outbox.FlushAsync();

        return result;
    }

    /// <summary>
    /// The first result again, when the key comes back from the same user with the same request;
    /// otherwise the key was reused for something else, which is refused (never a silent no-op).
    /// </summary>
    private static CommandResult Repeat(ProcessedCommand earlier, CommandContext context) =>
        (earlier.ActorId is null || earlier.ActorId == context.Actor.UserId)
        && (earlier.Fingerprint is null || context.Fingerprint is null || earlier.Fingerprint == context.Fingerprint)
            ? earlier.Result with { Duplicate = true }
            : CommandResult.KeyReused(context.CommandId);

    private sealed record ProcessedCommand(CommandResult Result, string? ActorId, string? Fingerprint);

    private const string FindResultSql = "SELECT result::text, actor_id, fingerprint FROM processed_commands WHERE command_id = $1";

    private static NpgsqlBatchCommand FindResultCommand(Guid commandId) =>
        new(FindResultSql) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = commandId } } };

    private static async Task<ProcessedCommand?> FindResultAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid commandId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(FindResultSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = commandId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadResultAsync(reader, ct);
    }

    private static async Task<ProcessedCommand?> ReadResultAsync(NpgsqlDataReader reader, CancellationToken ct) =>
        await reader.ReadAsync(ct)
            ? new ProcessedCommand(
                JsonSerializer.Deserialize<CommandResult>(reader.GetString(0), EventTypeRegistry.JsonOptions)!,
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
}
