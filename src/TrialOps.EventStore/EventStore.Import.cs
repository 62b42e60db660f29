using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace TrialOps.EventStore;

/// <summary>A new stream and its events, for <see cref="EventStore.ImportAsync"/>.</summary>
public sealed record ImportedStream(string StreamId, IReadOnlyList<object> Events);

public sealed partial class EventStore
{
    /// <summary>
    /// Appends many new streams in the caller's transaction with PostgreSQL <c>COPY</c> (an import,
    /// a simulation): the same rows the append path writes — Marten's <c>mt_streams</c> and
    /// <c>mt_events</c>, each event's link of its stream's SHA-256 chain in <c>event_hashes</c>, the
    /// inline projections — and the same metadata rule, without a statement per stream. Sequence
    /// numbers come from Marten's sequence inside the transaction, so consumers see the events when
    /// it commits, in their place, like any other append; the high-water mark is left to Marten's
    /// daemon. A stream that exists already fails the whole import with a
    /// <see cref="ConcurrencyException"/> (the caller's transaction must roll back). The caller
    /// commits, then calls <c>Committed.Signal()</c>.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ImportAsync(NpgsqlTransaction transaction, IReadOnlyList<ImportedStream> streams, EventMetadata metadata, CancellationToken ct = default)
    {
        // A stream exists from its first event on, as with an append.
        streams = [.. streams.Where(s => s.Events.Count > 0)];
        var count = 0;
        foreach (var stream in streams)
        {
            ValidateMetadata(stream.Events, metadata);
            count += stream.Events.Count;
        }

        if (count == 0)
        {
            return [];
        }

        var connection = transaction.Connection!;
        var sequences = await ReserveSequencesAsync(connection, transaction, count, ct);
        var recordedAt = EventHasher.TruncateToMicroseconds(clock.GetUtcNow());
        var storedMetadata = StoredMetadata.From(metadata);
        var headerValues = new Dictionary<string, string>
        {
            [EventStoreSchema.RoleHeader] = metadata.ActorRole,
            [EventStoreSchema.CommandIdHeader] = storedMetadata.CommandId!,
        };
        if (metadata.Reason is not null)
        {
            headerValues[EventStoreSchema.ReasonHeader] = metadata.Reason;
        }

        var headers = JsonSerializer.Serialize(headerValues);

        var stored = new StoredEvent[count];
        try
        {
            await CopyStreamsAsync(connection, streams, recordedAt, ct);
            await CopyEventsAsync(connection, streams, sequences, recordedAt, metadata, storedMetadata, headers, stored, ct);
            await CopyHashesAsync(connection, stored, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Read outside the failed transaction: the first stream of the import that exists (or, when
            // two of its own streams share an id, that id).
            var (existing, version) = await FirstExistingAsync(streams.Select(s => s.StreamId).ToArray());
            throw new ConcurrencyException(existing, ExpectedVersion.NoStream, version);
        }

        foreach (var projection in _inline)
        {
            await projection.ApplyAsync(transaction, stored, ct);
        }

        return stored;
    }

    private static async Task<long[]> ReserveSequencesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT nextval('mt_events_sequence') FROM generate_series(1, $1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        var sequences = new long[count];
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var i = 0; await reader.ReadAsync(ct); i++)
        {
            sequences[i] = reader.GetInt64(0);
        }

        // Commit order within one import follows the order of its streams and events.
        Array.Sort(sequences);
        return sequences;
    }

    private static async Task CopyStreamsAsync(NpgsqlConnection connection, IReadOnlyList<ImportedStream> streams, DateTimeOffset recordedAt, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync("COPY mt_streams (id, version, timestamp, created, tenant_id, is_archived) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var stream in streams)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(stream.StreamId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync((long)stream.Events.Count, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(DefaultTenant, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
        }

        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// Serializes and hashes each event as its row is written, so the process hashes while
    /// PostgreSQL stores the rows before; fills <paramref name="stored"/>.
    /// </summary>
    private async Task CopyEventsAsync(
        NpgsqlConnection connection, IReadOnlyList<ImportedStream> streams, long[] sequences, DateTimeOffset recordedAt,
        EventMetadata metadata, StoredMetadata storedMetadata, string headers, StoredEvent[] stored, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type,
                            correlation_id, causation_id, headers, user_name, is_archived) FROM STDIN (FORMAT BINARY)
            """, ct);
        var next = 0;
        foreach (var stream in streams)
        {
            var hash = EventHasher.Genesis;
            for (var i = 0; i < stream.Events.Count; i++, next++)
            {
                var data = stream.Events[i];
                var type = data.GetType();
                var alias = registry.AliasOf(type);
                var version = i + 1;
                var canonical = CanonicalJson.Canonicalize(registry.Serialize(data));
                hash = EventHasher.HashEvent(hash, stream.StreamId, version, alias, canonical, storedMetadata, recordedAt);
                stored[next] = new StoredEvent(sequences[next], stream.StreamId, version, alias, data, metadata, recordedAt, hash);

                await copy.StartRowAsync(ct);
                await copy.WriteAsync(sequences[next], NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(stream.StreamId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((long)version, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(canonical, NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync(alias, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(DefaultTenant, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(DotnetTypeName(type), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(storedMetadata.CorrelationId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(storedMetadata.CausationId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(headers, NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync(storedMetadata.ActorId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
        }

        await copy.CompleteAsync(ct);
    }

    private static async Task CopyHashesAsync(NpgsqlConnection connection, StoredEvent[] stored, CancellationToken ct)
    {
        // tx_id takes its default, the importing transaction, like every other append.
        await using var copy = await connection.BeginBinaryImportAsync("COPY event_hashes (seq_id, stream_id, version, hash) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in stored)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(e.Position, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(e.StreamId, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.Version, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(e.Hash, NpgsqlDbType.Text, ct);
        }

        await copy.CompleteAsync(ct);
    }

    private async Task<(string StreamId, int Version)> FirstExistingAsync(string[] streamIds)
    {
        await using var command = dataSource.CreateCommand("SELECT id, version FROM mt_streams WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = streamIds });
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                versions[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : (int)reader.GetInt64(1);
            }
        }

        foreach (var id in streamIds)
        {
            if (versions.TryGetValue(id, out var version))
            {
                return (id, version);
            }
        }

        var repeated = streamIds.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key ?? streamIds[0];
        return (repeated, 0);
    }

    /// <summary>Marten's tenant of a store without multi-tenancy.</summary>
    private const string DefaultTenant = "*DEFAULT*";

    /// <summary>Marten's <c>mt_dotnet_type</c>: the type's full name and its assembly's name.</summary>
    private static string DotnetTypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
