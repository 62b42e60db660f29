using System.Text.Json;
using Npgsql;
using TrialOps.EventStore;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Signatures;

namespace TrialOps.Exports.Odm;

/// <summary>
/// What the ODM file must know about electronic signatures before it reaches the clinical data
/// (AdminData comes first): which SignatureDefs the signatures recorded on the trial's participant
/// and adverse-event streams use and who signed them (a second pharmacist, an Investigator signing
/// a case), and the sign-offs on adverse-event case streams themselves, which carry no protocol or
/// subject and so are not among the case events <see cref="ExportEventSource"/> reads by subject.
/// </summary>
/// <remarks>
/// Three small queries, as of the export's ledger point: distinct kinds and signers (a few rows),
/// the case sign-offs (one per signed case) and, for a blinded file, the users whose only recorded
/// act on the trial is opening a SUSAR's treatment: a blinded file writes nothing from that act
/// (ADR 0026), so it does not list them among its users either.
/// </remarks>
/// <param name="Kinds">The SignatureDef OIDs of the signatures on participant and case streams.</param>
/// <param name="Signers">Every user id who signed one of them.</param>
/// <param name="CaseSignatures">The signatures on each adverse-event case stream (by stream id), in position order.</param>
/// <param name="RevealOnlyActors">Users whose only event on the trial's streams is <see cref="AdverseEvents.SusarTreatmentRevealed"/>.</param>
public sealed record OdmSignedRecords(
    IReadOnlySet<string> Kinds,
    IReadOnlySet<string> Signers,
    IReadOnlyDictionary<string, IReadOnlyList<StoredEvent>> CaseSignatures,
    IReadOnlySet<string> RevealOnlyActors)
{
    private const string RecordSignedType = "signatures.record-signed.v1";
    private const string DosePreparedType = "dosing.dose-prepared.v1";
    private const string PreparationReplacedType = "dosing.preparation-replaced.v1";
    private const string PreparationConfirmedType = "dosing.preparation-confirmed.v1";
    private const string TreatmentRevealedType = "adverse-event.susar-treatment-revealed.v1";

    public static OdmSignedRecords None { get; } = new(
        new HashSet<string>(StringComparer.Ordinal),
        new HashSet<string>(StringComparer.Ordinal),
        new Dictionary<string, IReadOnlyList<StoredEvent>>(StringComparer.Ordinal),
        new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The signatures on the case stream <paramref name="streamId"/>.</summary>
    public IReadOnlyList<StoredEvent> OnCase(string streamId) => CaseSignatures.TryGetValue(streamId, out var signed) ? signed : [];

    /// <summary>
    /// The users the file lists: those who recorded something, every signer, and in a blinded file
    /// not those who only opened a SUSAR's treatment (unless they signed something).
    /// </summary>
    public void AdjustUsers(ISet<string> actors, bool blinded)
    {
        if (blinded)
        {
            actors.ExceptWith(RevealOnlyActors);
        }

        actors.UnionWith(Signers);
    }

    public static async Task<OdmSignedRecords> ReadAsync(NpgsqlDataSource dataSource, EventTypeRegistry registry, ProtocolCode protocol, LedgerPoint asOf, bool blinded, CancellationToken ct = default)
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        var signers = new HashSet<string>(StringComparer.Ordinal);
        var participantPrefix = ParticipantStreams.For(protocol, default) + "%";

        // Signatures on the participant streams of this protocol (the first event of a stream names
        // it: a longer code can share the prefix) and signed second checks of a preparation.
        await using (var command = dataSource.CreateCommand(
            $"""
             SELECT DISTINCT e.type, e.data->>'record', e.data->>'meaning', COALESCE(e.data->>'signedBy', e.data->>'checkedBy')
             FROM {EventStore.EventStore.EventsView} e JOIN ledger l ON l.position = e.position
             WHERE l.sequence <= $1 AND e.stream_id LIKE $2
               AND (e.type = '{RecordSignedType}' OR (e.type IN ('{DosePreparedType}', '{PreparationReplacedType}', '{PreparationConfirmedType}') AND e.data->>'checkMeaning' IS NOT NULL))
               AND EXISTS (SELECT 1 FROM mt_events s WHERE s.stream_id = e.stream_id AND s.version = 1 AND s.data->>'protocol' = $3)
             """))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = asOf.Sequence });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = participantPrefix });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol.Value });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var type = reader.GetString(0);
                var signer = reader.GetString(3);
                kinds.Add(type is DosePreparedType or PreparationReplacedType or PreparationConfirmedType
                    ? OdmSignatures.DoseCheck
                    : OdmSignatures.KindOf(new RecordSigned(string.Empty, 0, signer, string.Empty, string.Empty, reader.GetString(2), string.Empty, default, reader.IsDBNull(1) ? null : reader.GetString(1))));
                signers.Add(signer);
            }
        }

        // Sign-offs on the trial's adverse-event cases (a case's reporting events name the protocol).
        var cases = new Dictionary<string, IReadOnlyList<StoredEvent>>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(
            $"""
             SELECT e.position, e.stream_id, e.version, e.type, e.data::text, e.metadata::text, e.recorded_at, e.hash
             FROM {EventStore.EventStore.EventsView} e JOIN ledger l ON l.position = e.position
             WHERE l.sequence <= $1 AND e.type = '{RecordSignedType}' AND e.stream_id LIKE 'adverse-event-%'
               AND EXISTS (SELECT 1 FROM mt_events c WHERE c.stream_id = e.stream_id AND c.version = 1 AND c.data->>'protocol' = $2)
             ORDER BY e.position
             """))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = asOf.Sequence });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol.Value });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var type = reader.GetString(3);
                var stored = new StoredEvent(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetInt32(2),
                    type,
                    registry.Deserialize(type, reader.GetString(4)),
                    JsonSerializer.Deserialize<EventMetadata>(reader.GetString(5), EventTypeRegistry.JsonOptions)!,
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetString(7));
                var signed = (RecordSigned)stored.Data;
                kinds.Add(OdmSignatures.KindOf(signed));
                signers.Add(signed.SignedBy);
                cases[stored.StreamId] = [.. cases.GetValueOrDefault(stored.StreamId) ?? [], stored];
            }
        }

        var revealOnly = new HashSet<string>(StringComparer.Ordinal);
        if (blinded)
        {
            await using var command = dataSource.CreateCommand(
                $"""
                 SELECT e.user_name
                 FROM mt_events e JOIN ledger l ON l.position = e.seq_id
                 WHERE l.sequence <= $1
                   AND (e.stream_id LIKE $2 OR (e.stream_id LIKE 'adverse-event-%' AND e.data->>'protocol' = $3))
                 GROUP BY e.user_name
                 HAVING bool_and(e.type = '{TreatmentRevealedType}')
                 """);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = asOf.Sequence });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = participantPrefix });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol.Value });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                revealOnly.Add(reader.GetString(0));
            }
        }

        return new OdmSignedRecords(kinds, signers, cases, revealOnly);
    }
}
