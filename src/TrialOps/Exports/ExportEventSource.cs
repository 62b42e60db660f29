using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;

namespace TrialOps.Exports;

/// <summary>The point of the ledger an export is derived at.</summary>
/// <param name="Position">The global position of the as-of event.</param>
/// <param name="Sequence">Its place in the ledger's commit order.</param>
/// <param name="LedgerHash">The ledger hash at that entry.</param>
/// <param name="RecordedAt">Server time of the as-of event: the only time an export's files carry.</param>
public sealed record LedgerPoint(long Position, long Sequence, string LedgerHash, DateTimeOffset RecordedAt);

/// <summary>Everything recorded about one participant up to the as-of point: their stream and their adverse-event cases.</summary>
/// <param name="Participant">The <c>participant-…</c> stream in version order.</param>
/// <param name="AdverseEvents">Every event of the participant's adverse-event case streams, by case stream then version.</param>
public sealed record SubjectEvents(string Subject, IReadOnlyList<StoredEvent> Participant, IReadOnlyList<StoredEvent> AdverseEvents);

/// <summary>
/// Reads a trial's events as of a ledger point, for exports. In the ledger's commit order one
/// participant's events are spread over the whole trial; an export needs them together,
/// subject by subject, to write each subject's rows and ODM record in one go. So this reads the same
/// rows (events joined to the ledger, sequence ≤ the as-of entry) ordered by subject instead: one
/// streamed query over the trial's participant streams and one over its adverse-event case streams,
/// merged by subject number. Memory holds one subject at a time. Ordering uses the "C" collation, so
/// the order, and with it the files, do not depend on the server's locale.
/// </summary>
public sealed class ExportEventSource(NpgsqlDataSource dataSource, EventTypeRegistry registry)
{
    private const string Columns = "e.position, e.stream_id, e.version, e.type, e.data::text, e.metadata::text, e.recorded_at, e.hash";

    /// <summary>Participant streams read per query.</summary>
    private const int StreamsPerQuery = 200;

    /// <summary>The ledger entry of a position, or null when no event at that position is sealed in the ledger.</summary>
    public async Task<LedgerPoint?> FindAsync(long position, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT l.sequence, l.hash, e.timestamp FROM ledger l JOIN mt_events e ON e.seq_id = l.position WHERE l.position = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new LedgerPoint(position, reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    /// <summary>
    /// The user ids that recorded the trial's participant and adverse-event events as of the point
    /// (the rows <see cref="ReadSubjectsAsync"/> reads), in ordinal order: the ODM file lists them in
    /// AdminData before the clinical data that refers to them.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReadActorsAsync(ProtocolCode protocol, LedgerPoint asOf, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT DISTINCT e.user_name COLLATE "C" AS actor
            FROM mt_events e JOIN ledger l ON l.position = e.seq_id
            WHERE l.sequence <= $1
              AND (e.stream_id LIKE $2 OR (e.stream_id LIKE 'adverse-event-%' AND e.data->>'protocol' = $3))
            ORDER BY actor
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = asOf.Sequence });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ParticipantStreams.For(protocol, default) + "%" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol.Value });
        var actors = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            actors.Add(reader.GetString(0));
        }

        return actors;
    }

    /// <summary>The trial's participants in subject-number order (ordinal), each with all their events as of <paramref name="asOf"/>.</summary>
    public async IAsyncEnumerable<SubjectEvents> ReadSubjectsAsync(ProtocolCode protocol, LedgerPoint asOf, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var prefix = ParticipantStreams.For(protocol, default);
        await using var participantConnection = await dataSource.OpenConnectionAsync(ct);
        await using var caseConnection = await dataSource.OpenConnectionAsync(ct);
        await using var participantTransaction = await participantConnection.BeginTransactionAsync(ct);
        await using var caseTransaction = await caseConnection.BeginTransactionAsync(ct);

        // The participant streams in subject order, then their events a few hundred streams at a
        // time: each query sorts a small chunk through the (stream_id, version) index, so rows flow
        // at once and the server never sorts the whole trial. Streams created after the point have
        // no events as of it and drop out.
        var streams = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT id FROM mt_streams WHERE id LIKE $1 ORDER BY id COLLATE \"C\"", participantConnection, participantTransaction))
        {
            list.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix + "%" });
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                streams.Add(reader.GetString(0));
            }
        }

        var chunks = streams.Chunk(StreamsPerQuery).GetEnumerator();
        async Task<NpgsqlDataReader?> NextParticipantChunkAsync(CancellationToken token)
        {
            if (!chunks.MoveNext())
            {
                return null;
            }

            // Not disposed here: the reader it returns is still being read (it goes with the reader).
            var command = new NpgsqlCommand(
                $"""
                 SELECT {Columns}, substr(e.stream_id, {prefix.Length + 1}) AS subject
                 FROM {EventStore.EventStore.EventsView} e JOIN ledger l ON l.position = e.position
                 WHERE l.sequence <= $1 AND e.stream_id = ANY($2)
                 ORDER BY e.stream_id COLLATE "C", e.version
                 """, participantConnection, participantTransaction);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = asOf.Sequence });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = chunks.Current });
            return await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, token);
        }

        // Case streams are named by a random id; the subject is in every event's data.
        var casesRead = false;
        async Task<NpgsqlDataReader?> CaseReaderAsync(CancellationToken token)
        {
            if (casesRead)
            {
                return null;
            }

            casesRead = true;
            // Not disposed here: the reader it returns is still being read (it goes with the reader).
            var command = new NpgsqlCommand(
                $"""
                 SELECT {Columns}, e.data->>'subject' AS subject
                 FROM {EventStore.EventStore.EventsView} e JOIN ledger l ON l.position = e.position
                 WHERE l.sequence <= $1 AND e.stream_id LIKE 'adverse-event-%' AND e.data->>'protocol' = $2
                 ORDER BY (e.data->>'subject') COLLATE "C", e.stream_id COLLATE "C", e.version
                 """, caseConnection, caseTransaction);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = asOf.Sequence });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol.Value });
            return await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, token);
        }

        await using var participants = new Cursor(NextParticipantChunkAsync, registry);
        await using var cases = new Cursor(CaseReaderAsync, registry);
        await participants.MoveAsync(ct);
        await cases.MoveAsync(ct);

        while (participants.Key is not null || cases.Key is not null)
        {
            var subject = participants.Key is null ? cases.Key!
                : cases.Key is null ? participants.Key
                : string.CompareOrdinal(participants.Key, cases.Key) <= 0 ? participants.Key : cases.Key;
            var participantEvents = await participants.TakeWhileKeyAsync(subject, ct);
            var caseEvents = await cases.TakeWhileKeyAsync(subject, ct);

            // A longer protocol code can share the stream-id prefix (KET-NP-01 and KET-NP-01-B): keep only this protocol's streams.
            if (!IsOf(participantEvents, protocol))
            {
                participantEvents = [];
            }

            if (participantEvents.Count > 0 || caseEvents.Count > 0)
            {
                yield return new SubjectEvents(subject, participantEvents, caseEvents);
            }
        }
    }

    private static bool IsOf(IReadOnlyList<StoredEvent> events, ProtocolCode protocol) =>
        events.Count == 0 || (events[0].Data is IParticipantEvent participantEvent && participantEvent.Protocol == protocol);

    /// <summary>
    /// A forward-only reader of rows keyed by their last column (the subject), over one or more
    /// result sets in turn: when one ends, the next is opened.
    /// </summary>
    private sealed class Cursor(Func<CancellationToken, Task<NpgsqlDataReader?>> nextReader, EventTypeRegistry registry) : IAsyncDisposable
    {
        private NpgsqlDataReader? _reader;
        private bool _ended;
        private string? _metadataJson;
        private EventMetadata? _metadata;

        public string? Key { get; private set; }

        public StoredEvent? Current { get; private set; }

        public async Task MoveAsync(CancellationToken ct)
        {
            while (!_ended && (_reader is null || !await _reader.ReadAsync(ct)))
            {
                if (_reader is not null)
                {
                    await _reader.DisposeAsync();
                }

                _reader = await nextReader(ct);
                _ended = _reader is null;
            }

            if (_ended)
            {
                Key = null;
                Current = null;
                return;
            }

            var reader = _reader!;
            var position = reader.GetInt64(0);
            var streamId = reader.GetString(1);
            var version = reader.GetInt32(2);
            var type = reader.GetString(3);
            var data = reader.GetString(4);
            var metadataJson = reader.GetString(5);
            var recordedAt = reader.GetFieldValue<DateTimeOffset>(6);
            var hash = reader.GetString(7);
            Key = reader.IsDBNull(8) ? string.Empty : reader.GetString(8);

            // Events of one command share their metadata; parse it once per run of equal rows.
            if (metadataJson != _metadataJson)
            {
                _metadata = JsonSerializer.Deserialize<EventMetadata>(metadataJson, EventTypeRegistry.JsonOptions)!;
                _metadataJson = metadataJson;
            }

            Current = new StoredEvent(position, streamId, version, type, registry.Deserialize(type, data), _metadata!, recordedAt, hash);
        }

        public async ValueTask DisposeAsync()
        {
            if (_reader is not null)
            {
                await _reader.DisposeAsync();
            }
        }

        public async Task<IReadOnlyList<StoredEvent>> TakeWhileKeyAsync(string key, CancellationToken ct)
        {
            if (Key != key)
            {
                return [];
            }

            var events = new List<StoredEvent>();
            while (Key == key)
            {
                events.Add(Current!);
                await MoveAsync(ct);
            }

            return events;
        }
    }
}
