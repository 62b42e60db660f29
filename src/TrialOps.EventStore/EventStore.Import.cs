using System.Buffers;
using System.Text;
using System.Text.Json;
using Npgsql;

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

        var headers = JsonSerializer.SerializeToUtf8Bytes(headerValues);

        var stored = new StoredEvent[count];
        try
        {
            var streamIds = new byte[streams.Count][];
            for (var i = 0; i < streams.Count; i++)
            {
                streamIds[i] = Encoding.UTF8.GetBytes(streams[i].StreamId);
            }

            var hashRows = new BinaryCopyRows(count * 128);
            await CopyAsync(connection, StreamsCopy, (copy, token) => WriteStreamsAsync(copy, streams, streamIds, token), ct);
            await CopyAsync(connection, EventsCopy, (copy, token) =>
                WriteEventsAsync(copy, streams, streamIds, sequences, recordedAt, metadata, storedMetadata, headers, stored, hashRows, token), ct);
            await CopyAsync(connection, HashesCopy, (copy, token) => hashRows.FlushAsync(copy, token), ct);
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

    // timestamp and created take their default, the transaction's time, as when Marten starts a stream.
    private const string StreamsCopy = "COPY mt_streams (id, version, tenant_id, is_archived) FROM STDIN (FORMAT BINARY)";

    private const string EventsCopy =
        """
        COPY mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type,
                        correlation_id, causation_id, headers, user_name, is_archived) FROM STDIN (FORMAT BINARY)
        """;

    // tx_id takes its default, the importing transaction, like every other append.
    private const string HashesCopy = "COPY event_hashes (seq_id, stream_id, version, hash) FROM STDIN (FORMAT BINARY)";

    /// <summary>Rows buffered past this size are sent, so PostgreSQL stores them while the next are encoded.</summary>
    private const int CopyChunk = 64 * 1024;

    /// <summary>
    /// One binary <c>COPY</c> written by <paramref name="write"/> (header to trailer). If writing
    /// fails, the <c>COPY</c> is cancelled: PostgreSQL discards its rows and fails the transaction,
    /// so nothing half-written can be committed.
    /// </summary>
    private static async Task CopyAsync(NpgsqlConnection connection, string copyCommand, Func<Stream, CancellationToken, ValueTask> write, CancellationToken ct)
    {
        var copy = await connection.BeginRawBinaryCopyAsync(copyCommand, ct);
        try
        {
            await write(copy, ct);
        }
        catch
        {
            try
            {
                await copy.CancelAsync();
            }
            catch (NpgsqlException)
            {
                // The server had refused a row before the cancellation (or the connection broke): the
                // reason to report is the one that stopped the writing.
            }

            await copy.DisposeAsync();
            throw;
        }

        // Ends the COPY; a row PostgreSQL refused (a unique violation) is thrown here.
        await copy.DisposeAsync();
    }

    private static async ValueTask WriteStreamsAsync(Stream copy, IReadOnlyList<ImportedStream> streams, byte[][] streamIds, CancellationToken ct)
    {
        var rows = new BinaryCopyRows();
        rows.Header();
        for (var i = 0; i < streams.Count; i++)
        {
            rows.Row(4);
            rows.Text(streamIds[i]);
            rows.Int64(streams[i].Events.Count);
            rows.Text(DefaultTenantUtf8);
            rows.Boolean(false);
            if (rows.Length >= CopyChunk)
            {
                await rows.FlushAsync(copy, ct);
            }
        }

        rows.Trailer();
        await rows.FlushAsync(copy, ct);
    }

    /// <summary>
    /// Serializes each event once, to UTF-8: <c>mt_events.data</c> stores those bytes, as the append
    /// path stores the same serializer's text (jsonb keeps a decimal's scale, 1.50 stays 1.50), and
    /// the hash chain covers their canonical form, made from the bytes without a string in between.
    /// Fills <paramref name="stored"/>
    /// and the <c>event_hashes</c> rows (<paramref name="hashRows"/>, sent after the events because
    /// of their foreign key).
    /// </summary>
    private async ValueTask WriteEventsAsync(
        Stream copy, IReadOnlyList<ImportedStream> streams, byte[][] streamIds, long[] sequences, DateTimeOffset recordedAt,
        EventMetadata metadata, StoredMetadata storedMetadata, byte[] headers, StoredEvent[] stored, BinaryCopyRows hashRows, CancellationToken ct)
    {
        var metadataPart = EventHasher.MetadataPart(storedMetadata, recordedAt);
        var correlationId = Encoding.UTF8.GetBytes(storedMetadata.CorrelationId!);
        var causationId = Encoding.UTF8.GetBytes(storedMetadata.CausationId!);
        var actorId = Encoding.UTF8.GetBytes(storedMetadata.ActorId!);
        var types = new Dictionary<Type, (string Alias, byte[] AliasUtf8, byte[] DotnetType)>();
        var serialized = new ArrayBufferWriter<byte>(1024);
        var canonical = new ArrayBufferWriter<byte>(1024);
        await using var json = new Utf8JsonWriter(serialized);

        var rows = new BinaryCopyRows(CopyChunk + 4096);
        rows.Header();
        hashRows.Header();
        var next = 0;
        for (var s = 0; s < streams.Count; s++)
        {
            var stream = streams[s];
            var hash = EventHasher.Genesis;
            for (var i = 0; i < stream.Events.Count; i++, next++)
            {
                var data = stream.Events[i];
                var type = data.GetType();
                if (!types.TryGetValue(type, out var names))
                {
                    var alias = registry.AliasOf(type);
                    names = (alias, Encoding.UTF8.GetBytes(alias), Encoding.UTF8.GetBytes(DotnetTypeName(type)));
                    types[type] = names;
                }

                serialized.ResetWrittenCount();
                json.Reset(serialized);
                JsonSerializer.Serialize(json, data, type, EventTypeRegistry.JsonOptions);
                json.Flush();
                canonical.ResetWrittenCount();
                var canonicalLength = CanonicalJson.CanonicalizeUtf8(serialized.WrittenMemory, canonical);

                var version = i + 1;
                hash = EventHasher.HashEvent(hash, stream.StreamId, version, names.Alias, canonical.WrittenSpan, canonicalLength, metadataPart);
                stored[next] = new StoredEvent(sequences[next], stream.StreamId, version, names.Alias, data, metadata, recordedAt, hash);

                rows.Row(14);
                rows.Int64(sequences[next]);
                rows.Uuid(Guid.CreateVersion7());
                rows.Text(streamIds[s]);
                rows.Int64(version);
                rows.Jsonb(serialized.WrittenSpan);
                rows.Text(names.AliasUtf8);
                rows.TimestampTz(recordedAt);
                rows.Text(DefaultTenantUtf8);
                rows.Text(names.DotnetType);
                rows.Text(correlationId);
                rows.Text(causationId);
                rows.Jsonb(headers);
                rows.Text(actorId);
                rows.Boolean(false);

                hashRows.Row(4);
                hashRows.Int64(sequences[next]);
                hashRows.Text(streamIds[s]);
                hashRows.Int32(version);
                hashRows.Text(hash);

                if (rows.Length >= CopyChunk)
                {
                    await rows.FlushAsync(copy, ct);
                }
            }
        }

        rows.Trailer();
        await rows.FlushAsync(copy, ct);
        hashRows.Trailer();
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

    private static readonly byte[] DefaultTenantUtf8 = Encoding.UTF8.GetBytes(DefaultTenant);

    /// <summary>Marten's <c>mt_dotnet_type</c>: the type's full name and its assembly's name.</summary>
    private static string DotnetTypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
