using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using JasperFx.Events;
using Marten;
using Marten.Internal.Operations;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Core;
using Weasel.Storage;

namespace TrialOps.EventStore;

/// <summary>
/// A read model of SQL tables of our own (numbered migrations), run by Marten's async daemon.
/// <see cref="ApplyAsync"/> adds the statements for a page of events to a <see cref="ReadModelBatch"/>;
/// the daemon executes them in the transaction that also moves the projection's progression in
/// <c>mt_event_progression</c>, so a crash can never apply an event twice or lose one.
/// Projections are deterministic: event data and metadata only, no clock; they may read earlier
/// committed events (<see cref="ReadModelBatch.DataSource"/>), never their own tables (a statement
/// queued earlier in the page has not run yet).
/// </summary>
public interface IReadModelProjection
{
    string Name { get; }

    /// <summary>Adds the statements that apply <paramref name="events"/>; throws for an event it cannot apply.</summary>
    Task ApplyAsync(ReadModelBatch batch, IReadOnlyList<StoredEvent> events, CancellationToken ct);

    /// <summary>The statements that remove everything the projection wrote, before a rebuild from position zero.</summary>
    IReadOnlyList<string> ResetStatements { get; }

    /// <summary>
    /// The event types the projection applies, so that Marten's daemon loads only those for it
    /// (its other events still move its position on); null, the default, for every event. An event
    /// of a type left out must add no statement (a test feeds every registered type to check).
    /// </summary>
    IReadOnlyCollection<Type>? EventTypes => null;
}

/// <summary>The statements a read-model projection adds for one page of events, in order.</summary>
public sealed class ReadModelBatch(NpgsqlDataSource dataSource)
{
    /// <summary>For reads of committed events only (immutable): the read model's own writes of this page have not run yet.</summary>
    public NpgsqlDataSource DataSource => dataSource;

    public List<NpgsqlBatchCommand> Commands { get; } = [];

    public void Add(NpgsqlBatchCommand command) => Commands.Add(command);

    /// <summary>Runs the statements in <paramref name="transaction"/> (an inline projection, in the command's transaction).</summary>
    public async Task ExecuteAsync(NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (Commands.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var command in Commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
        batch.BatchCommands.Clear();
    }
}

/// <summary>
/// Runs an <see cref="IReadModelProjection"/> as a Marten async projection. It reads the page's
/// events through our append path's view (events written around it, with no hash row, are never
/// projected; our registry deserializes them) and queues the projection's statements in the
/// daemon's batch. An event the projection cannot apply is parked in <c>projection_parked_events</c>
/// in the same batch and the projection moves on: one bad event must not stop every trial's read
/// models. A statement that fails in the database fails the whole batch; Marten retries it and then
/// pauses the projection with the error visible (<c>trialops projections status</c>).
/// </summary>
public sealed class MartenReadModel(IReadModelProjection projection, Func<EventStore> storeOf, Action<string>? log = null) : Marten.Events.Projections.IProjection
{
    public IReadModelProjection Projection => projection;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var store = storeOf();
        var stored = await AppendedAsync(store, events, cancellation);
        if (stored.Count == 0)
        {
            return;
        }

        var batch = new ReadModelBatch(store.DataSource);
        try
        {
            await projection.ApplyAsync(batch, stored, cancellation);
        }
        catch (Exception) when (!cancellation.IsCancellationRequested)
        {
            // One event at a time, so that the failing one is named and parked and the others land.
            batch = new ReadModelBatch(store.DataSource);
            foreach (var e in stored)
            {
                var single = new ReadModelBatch(store.DataSource);
                try
                {
                    await projection.ApplyAsync(single, [e], cancellation);
                    batch.Commands.AddRange(single.Commands);
                }
                catch (Exception error) when (!cancellation.IsCancellationRequested)
                {
                    batch.Add(Park(e, error));
                    log?.Invoke($"projection {projection.Name}: parked the event at position {e.Position} ({e.Type} on {e.StreamId}) and moved on: {error.Message}");
                }
            }
        }

        foreach (var command in batch.Commands)
        {
            operations.QueueOperation(new QueuedStatement(command));
        }
    }

    /// <summary>
    /// The page's events that went through our append path (those with a hash row), as our records.
    /// Marten has read and deserialized them with the same JSON options and type aliases; an event
    /// whose alias Marten does not know is read again through our registry (<see cref="UnknownEvent"/>).
    /// </summary>
    internal static async Task<IReadOnlyList<StoredEvent>> AppendedAsync(EventStore store, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var positions = events.Select(e => e.Sequence).ToArray();
        if (events.Any(e => e.Data is null || store.Registry.TypeOf(e.EventTypeName) != e.Data.GetType()))
        {
            return await store.ReadPositionsAsync(positions, ct);
        }

        var hashes = await store.HashesAsync(positions, ct);
        var stored = new List<StoredEvent>(hashes.Count);
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            if (hashes.TryGetValue(e.Sequence, out var hash))
            {
                var metadata = new StoredMetadata(e.UserName, Header(e, EventStoreSchema.RoleHeader), Header(e, EventStoreSchema.ReasonHeader), e.CorrelationId, e.CausationId, Header(e, EventStoreSchema.CommandIdHeader));
                stored.Add(new StoredEvent(e.Sequence, e.StreamKey!, (int)e.Version, e.EventTypeName, e.Data, metadata.ToEventMetadata(), e.Timestamp, hash));
            }
        }

        return stored;
    }

    private static string? Header(IEvent e, string key) => e.GetHeader(key)?.ToString();

    private NpgsqlBatchCommand Park(StoredEvent e, Exception error)
    {
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO projection_parked_events (projection, position, stream_id, event_type, error)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (projection, position) DO UPDATE SET error = excluded.error, parked_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection.Name });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Position });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.StreamId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{error.GetType().Name}: {error.Message}" });
        return command;
    }
}

/// <summary>
/// One of our statements (<c>$1</c>-style parameters) as an operation of Marten's batch: the SQL
/// is rewritten to Marten's placeholders, each use of a parameter gets its value and type.
/// </summary>
internal sealed partial class QueuedStatement(NpgsqlBatchCommand command) : Marten.Internal.Operations.IStorageOperation, NoDataReturnedCall
{
    public Type DocumentType => typeof(QueuedStatement);

    public void ConfigureCommand(Weasel.Postgresql.ICommandBuilder builder, IStorageSession session)
    {
        var uses = new List<int>();
        var text = new StringBuilder();
        var last = 0;
        foreach (Match match in Placeholder().Matches(command.CommandText))
        {
            text.Append(command.CommandText, last, match.Index - last).Append('^');
            uses.Add(int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) - 1);
            last = match.Index + match.Length;
        }

        text.Append(command.CommandText, last, command.CommandText.Length - last);
        var parameters = builder.AppendWithParameters(text.ToString().TrimEnd().TrimEnd(';'), '^');
        for (var i = 0; i < parameters.Length; i++)
        {
            // Our type where we gave one (or Npgsql infers one from the value); an untyped null
            // stays untyped, so PostgreSQL infers it from the statement as it did before.
            var source = command.Parameters[uses[i]];
            var target = parameters[i];
            target.ResetDbType();
            if (source.DataTypeName is { } typeName)
            {
                target.DataTypeName = typeName;
            }

            target.Value = source.Value ?? DBNull.Value;
        }
    }

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    public OperationRole Role() => OperationRole.Other;

    // $1, $2, … outside of casts like ::text (a cast never starts with '$').
    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Placeholder();
}
